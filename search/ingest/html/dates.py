"""Publication dates of saved pages: declared dates, the URL's day, htmldate, a date printed under the headline.

    parse_date("2023-11-08T22:28:00-05:00") -> datetime
    published_date(tree, declared, url, title) -> date | datetime | None

`declared` are the page's own date strings (JSON-LD, meta tags, parsely), most reliable first.
When none reads, a date the page labels under its headline ("Written: 2023-11-07") comes
first, then htmldate's markup search, then a date standing alone on a line under the headline.
"""
from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from typing import Any

from dateutil import parser as dateparser
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement

from search.ingest.dates import date_from_url
from search.ingest.dates import find_date as written_date
from search.ingest.words import comparison_key

__all__ = ["parse_date", "published_date"]


_MAX_DATE_CHARS = 100  # "Wednesday, November 8, 2023 at 10:28 PM Eastern Standard Time" is 62
_NO_DAY = re.compile(r"^\d{4}(?:[-/.]\d{1,2})?$")


def parse_date(value: str | None) -> date | datetime | None:
    """An ISO or human date string -> datetime (when it has a time) or date; None when unreadable."""
    if not value:
        return None
    text = value.strip()
    if len(text) > _MAX_DATE_CHARS:
        return None  # prose, not a date string: dateutil's fuzzy reading of it grows faster than its length
    if _NO_DAY.match(text):
        return None  # "2006" (a cited work's year in microdata), "2017/01": no day to give
    try:
        with warnings.catch_warnings():  # "EDT identified but not understood": the date is still right
            warnings.simplefilter("ignore")
            parsed = dateparser.parse(text, fuzzy=False, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if not 1990 <= parsed.year <= datetime.now().year + 1:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return parsed if has_time else parsed.date()


def _pick_date(found: list[date | datetime]) -> date | datetime | None:
    """The first declared date, but the publisher's local time over a UTC copy of the same moment.

    Many pages give datePublished in UTC and a local time elsewhere ("2023-11-09T03:28Z" and
    "2023-11-08 22:28"); the date printed on the article is the local one.
    """
    if not found:
        return None
    first = found[0]
    if not isinstance(first, datetime) or first.utcoffset() is None or first.utcoffset().total_seconds() != 0:
        return first
    utc = first.replace(tzinfo=None)
    for other in found[1:]:
        offset = other.utcoffset() if isinstance(other, datetime) else None
        if not isinstance(other, datetime) or (offset is not None and offset.total_seconds() == 0):
            continue
        local = other.replace(tzinfo=None)
        shift = (utc - local).total_seconds() / 3600 if offset is None else offset.total_seconds() / -3600
        if other.utcoffset() is not None and abs((other - first).total_seconds()) > 60:
            continue  # a different moment (an update), not the same one in local time
        if abs(shift) <= 14:
            return other
    return first


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    # Not htmldate's extensive search: on pages with odd date strings it loads dateparser
    # (6 s the first time) and spends 100-300 ms a page in it. _text_date is the cheap stand-in.
    try:
        return find_date(tree, url=url, original_date=True, extensive_search=False,
                         max_date=datetime.now().strftime("%Y-%m-%d"))
    except (ValueError, TypeError, AttributeError, IndexError):  # htmldate trips on some odd trees
        return None


# The text after the headline, where the page prints its date ("Apr 7, 2009", "January 22, 2014").
_AFTER = XPath("following::text()[normalize-space()][position() <= 60]")
_BODY_TEXT = XPath("//body//text()[normalize-space()][position() <= 60]")


def _text_after_headline(tree: HtmlElement, title: str) -> list[Any]:
    """Text nodes after the <h1> that holds the title (a site's logo may be the first <h1>)."""
    headings = tree.xpath("//h1")
    key = comparison_key(title)
    for h1 in headings:
        text = comparison_key(h1.text_content())
        if text and key and (text in key or key in text):
            return _AFTER(h1)
    return _AFTER(headings[0]) if headings else _BODY_TEXT(tree)


_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|written|first\s+published)\b\W*(?:on\W*)?$", re.I)


_DATE_LINE_CHARS = 60  # a date printed on its own line ("Apr 7, 2009"), not one in a sentence of prose


def _text_date(tree: HtmlElement, title: str, labelled: bool = False) -> date | datetime | None:
    """A date printed near the headline, for pages that declare none: one the page labels as the
    publication's ("Written: 2023-11-07"), or, without `labelled`, one standing alone on its line."""
    now = datetime.now()
    for text in _text_after_headline(tree, title):
        if text.getparent().tag in ("script", "style") or (not labelled and len(text.strip()) > _DATE_LINE_CHARS):
            continue
        found = written_date(text)
        if not found or (labelled and not _PUBLISHED_LABEL.search(text[: found.start])):
            continue
        if found.value <= (now if isinstance(found.value, datetime) else now.date()):
            return found.value
    return None


def _local_day(published: date | datetime | None, url: str | None) -> date | datetime | None:
    """A UTC timestamp one day off the day in the page's URL, by as much as a time zone explains,
    is the URL's (the publisher's local) day: "2020-02-25T02:25Z" at /2020/02/24/ was written
    on the evening of the 24th in New York."""
    if not isinstance(published, datetime) or published.utcoffset() is None or published.utcoffset().total_seconds():
        return published
    day = date_from_url(url)
    if day is None:
        return published
    shift = (day - published.date()).days
    # UTC-8 (the US west coast) to UTC+11: a 10:04 UTC stamp under a URL of the day before is a
    # story created one day and published the next, not a time-zone shift.
    if (shift == -1 and published.hour < 8) or (shift == 1 and published.hour >= 13):
        return day
    return published


def published_date(tree: HtmlElement, declared: list[str | None], url: str | None,
                   title: str) -> date | datetime | None:
    """The publication date: the declared ones first, then the page's own text and htmldate."""
    found = _local_day(_pick_date([d for d in (parse_date(v) for v in declared if v) if d]), url)
    if found is not None:
        return found
    # A labelled date under the headline beats htmldate, which may take a sidebar's first date.
    return _text_date(tree, title, labelled=True) or parse_date(_htmldate(tree, url)) or _text_date(tree, title)
