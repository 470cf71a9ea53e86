"""Dates in pasted text: print stamps, written dates, relative times ("10 HOURS AGO") and reading times.

    parse_print_stamp("01/14/22, 09:47") -> datetime(2022, 1, 14, 9, 47)
    find_date(line) -> DateMatch | None           "JAN. 13, 2017", "November 19, 2019 / 12:21 AM", "13 January 2022",
                                                   "08/11/2023 | 20:26 PM", "01.11.2023"
    writes_day_first(url) -> bool                  "08/11/2023" is 8 November on a .ie or .co.uk page
    find_relative_time(line) -> RelativeMatch | None   "10 HOURS AGO" -> timedelta(hours=10)
    READING_TIME                                   "5 Min Read", "11 minute read"
    date_from_url(url) -> date | None              ".../2020/02/24/headline/", "/20200224/", "/2023/nov/8/"
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")]
    )
    for m in names
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_TIME = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})\s*(?P<ap>[AaPp]\.?[Mm]\.?)?"
_WRITTEN_DATE = re.compile(
    rf"""(?:
        (?P<mon1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)     # January 13, 2017
      | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH})\s+(?P<y2>(?:19|20)\d\d)      # 13 January 2022
      | (?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)                                      # 2022-01-13
      | (?<![\w/.])(?P<a4>\d{{1,2}})(?P<sep>[/.])(?P<b4>\d{{1,2}})(?P=sep)(?P<y4>(?:19|20)\d\d)(?![\d/])  # 08/11/2023
    )(?:\s*(?:/|at|,|·|-)?\s*{_TIME})?""",
    re.I | re.X,
)
_TIME_FIRST = re.compile(rf"{_TIME}\s*(?:[A-Z]{{2,4}}\s*)?,?\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?$", re.I)
_RELATIVE = re.compile(
    r"\b(?P<n>\d{1,3}|an?|one)\s*(?P<unit>min(?:ute)?s?|hours?|hrs?|h|days?|weeks?)\s+ago\b", re.I
)
READING_TIME = re.compile(r"\b\d{1,3}\s*(?:-\s*)?(?:min(?:ute)?s?|m)\.?\s+read\b", re.I)
_UNITS = {"min": "minutes", "hou": "hours", "hr": "hours", "h": "hours", "day": "days", "wee": "weeks"}


@dataclass
class DateMatch:
    value: date | datetime
    start: int
    end: int


@dataclass
class RelativeMatch:
    delta: timedelta
    start: int
    end: int


def parse_print_stamp(stamp: str) -> datetime | None:
    """A browser print stamp. Month first (en-US) unless the first number cannot be a month."""
    m = re.match(
        r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),?\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\.?)?", stamp.strip()
    )
    if not m:
        return None
    a, b, c, hour, minute = (int(m.group(i)) for i in range(1, 6))
    if a > 31:  # 2026-11-26
        year, month, day = a, b, c
    else:
        month, day, year = (a, b, c) if a <= 12 and "." not in stamp[:6] else (b, a, c)
        if month > 12:
            month, day = day, month
    year = year + 2000 if year < 100 else year
    hour = _to_24h(hour, m.group(6))
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _to_24h(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    pm = ampm.lower().startswith("p")
    return (hour % 12) + (12 if pm else 0)


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()[:3]]


def find_date(text: str, day_first: bool = False) -> DateMatch | None:
    """The first written date in the text, with its time of day when one is attached to it.

    An all-numeric date is read month first ("11/8/2023", the American way) unless `day_first`, its numbers
    or its dots ("01.11.2023") say otherwise."""
    if "19" not in text and "20" not in text:  # every written date has a year 19xx/20xx; the pattern is slow
        return None
    m = _WRITTEN_DATE.search(text)
    if not m:
        return None
    try:
        if m.group("y1"):
            day = date(int(m.group("y1")), _month(m.group("mon1")), int(m.group("d1")))
        elif m.group("y2"):
            day = date(int(m.group("y2")), _month(m.group("mon2")), int(m.group("d2")))
        elif m.group("y3"):
            day = date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        else:
            day = _numeric_day(int(m.group("a4")), int(m.group("b4")), int(m.group("y4")),
                               day_first or m.group("sep") == ".")
    except (ValueError, KeyError):
        return None
    if m.group("h"):
        hour = _to_24h(int(m.group("h")), m.group("ap"))
        if hour < 24 and int(m.group("mi")) < 60:
            return DateMatch(datetime(day.year, day.month, day.day, hour, int(m.group("mi"))), m.start(), m.end())
    before = _TIME_FIRST.search(text[: m.start()])  # "9:22 PM EST, Mon November 6, 2023"
    if before:
        hour = _to_24h(int(before.group("h")), before.group("ap"))
        if hour < 24:
            moment = datetime(day.year, day.month, day.day, hour, int(before.group("mi")))
            return DateMatch(moment, before.start(), m.end())
    return DateMatch(day, m.start(), m.end())


def _numeric_day(a: int, b: int, year: int, day_first: bool) -> date:
    if a > 12 or (day_first and b <= 12):
        return date(year, b, a)
    return date(year, a, b)


# Country domains whose sites write the day first, as nearly every country does; the few that write the month
# first (us), or that are sold worldwide as generic names (.io, .tv, .co ...), are read as .com is: month first.
_MONTH_FIRST_OR_GENERIC = frozenset({"us", "ca", "ph", "fm", "io", "tv", "co", "me", "ly", "ai", "gg", "cc", "ws"})


def writes_day_first(url: str | None) -> bool:
    """Whether the site at this URL writes "08/11/2023" for 8 November: a country's own domain, not the US's."""
    host = re.sub(r"^[a-z]+://", "", (url or "").lower()).split("/", 1)[0].split(":", 1)[0]
    tld = host.rsplit(".", 1)[-1]
    return len(tld) == 2 and tld.isalpha() and tld not in _MONTH_FIRST_OR_GENERIC


def find_relative_time(text: str) -> RelativeMatch | None:
    if "ago" not in text.lower():  # cheaper than the pattern, which always ends in "ago"
        return None
    m = _RELATIVE.search(text)
    if not m:
        return None
    n_text = m.group("n").lower()
    n = 1 if n_text in ("a", "an", "one") else int(n_text)
    unit = m.group("unit").lower()
    key = "h" if unit == "h" else unit[:3] if unit[:3] in _UNITS else unit[:2]
    return RelativeMatch(timedelta(**{_UNITS[key]: n}), m.start(), m.end())


_URL_DAY = re.compile(
    r"/((?:19|20)\d\d)[/-](\d{1,2}|[a-z]{3})[/-](\d{1,2})(?:/|$|[-_])"  # /2020/02/24/, /2015-03-18-, /2023/nov/8/
    r"|[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|$|[-_.])",  # /20231108/, -20200817-
    re.I,
)


def date_from_url(url: str | None) -> date | None:
    """The day a URL's path names (".../2020/02/24/headline/", "/2015-03-18-title", "/20231108/"), or None."""
    m = _URL_DAY.search(url or "")
    if not m:
        return None
    year, month, day = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    try:
        return date(int(year), int(month) if month.isdigit() else _month(month), int(day))
    except (ValueError, KeyError):
        return None
