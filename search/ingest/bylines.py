"""Bylines, for both paths: one reader of names, one reader of byline lines, and the agency of a dateline.

    split_byline("By GILLIAN MOHNEY and Ben Hall, Reuters") -> ["Gillian Mohney", "Ben Hall"]
    names_from_jsonld(obj["author"]) -> ["Henry Foy"]
    looks_like_byline(line) -> bool      "By Henry Foy in Moscow" as a paragraph of its own
    parse_byline(line) -> Byline | None  authors and a date or relative time from a byline line: "By Ed Hornick, CNN",
                                         "Henry Foy in Brussels and Ben Hall in London 10 HOURS AGO",
                                         "By JEFFREY GETTLEMAN JAN. 13, 2017", "Rodrigo Campos"
    find_agency(paragraph) -> str | None "NEW YORK (Reuters) - Oil prices..." -> "Reuters" (the dateline stays)

Agencies, job titles, dates, employers and "in CITY" tails are dropped; an all-capitals name is put in
title case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from search.ingest.dates import READING_TIME, DateMatch, RelativeMatch, find_date, find_relative_time
from search.ingest.rules import DESK_WORDS, NEWS_AGENCIES, ORGANISATION_WORDS, PUBLICATION_WORDS, alternation

__all__ = ["split_byline", "names_from_jsonld", "clean_name", "looks_like_byline", "unique_names", "parse_byline",
           "Byline", "find_agency"]

_LEAD = re.compile(
    r"^\s*(?:(?:written|words|story|text|reporting|report|posted|published|compiled|edited|interview)\s+)?by\s*[:\-]?\s+",
    re.I,
)
# Not names: agencies, desks and roles that sit in bylines.
_NOT_NAMES = re.compile(
    rf"^(?:the\s+)?(?:{alternation(NEWS_AGENCIES)}|bbc(?:\s+news)?"
    r"|staff|staff\s+(?:writer|reporter)s?|\w+\s+staff|editor|editors|editorial\s+board|reporter|correspondent"
    r"|news\s+desk|newsdesk|wires?|agencies|agency|contributor|guest\s+author|admin|administrator|follow(?:\s+author)?"
    r"|updated|published|posted|username|user|no\s+author|anonymous|unknown|guest|view\s+all\s+posts|more\s+from\s+\w+|see\s+all|about\s+the\s+author|email|twitter)$",
    re.I,
)
_ROLE_TAIL = re.compile(
    r"\s*(?:,|\||[-–—])\s*(?:(?:senior|chief|deputy|political|foreign|home|economics|business|science|health|"
    r"technology|tech|sports?|staff|special|contributing|associate|managing|executive|investigations?|"
    r"[A-Z][a-z]+)\s+)*(?:editor|correspondent|reporter|writer|columnist|contributor|analyst|producer|"
    r"journalist|critic)\b.*$",
    re.I,
)
_IN_PLACE = re.compile(r"\s+(?:in|from|at|for)\s+(?:the\s+)?[A-Z][\w.'\- ]*$", re.I)
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
           r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_TAIL = re.compile(rf"\s+{_MONTHS}\.?$", re.I)
_TRAILING_ROLE = re.compile(
    r"(?:\s+[A-Z][a-z]+)?\s+(?:Editor|Correspondent|Reporter|Writer|Columnist|Contributor|Producer|Journalist|Staff)$"
)
_DATE_TAIL = re.compile(
    r"\s*(?:\b(?:updated|published|posted|on|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}).*$",
    re.I | re.S,
)
_SEPARATORS = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\bet\b|\bwith\b|\|)\s*", re.I)
# Lower-case words in a name are its particles: "Ursula von der Leyen", "Mohammed bin Salman".
_PARTICLES = "de|da|di|del|della|der|den|van|von|bin|al|el|la|le|du|dos|y|ter|ten|af"
_NAME_WORD = re.compile(rf"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|(?:{_PARTICLES})|[A-Z]\.|Jr\.?|Sr\.?|II|III|IV)$")
# A name the page declares (JSON-LD Person, author meta tag) may be typed in lower case ("Mobasir hassan");
# page text is held to capitals, where lower-case words are prose or buttons.
_DECLARED_WORD = re.compile(r"^[a-zà-öø-ÿ][\w'’.\-]{3,}$")
_UI_WORDS = {
    "sign", "log", "login", "logout", "subscribe", "follow", "share", "menu", "search", "home", "more", "read",
    "comments", "comment", "email", "print", "next", "previous", "newsletter", "register", "account", "profile",
    "reply", "replying", "posted", "via", "staff", "team", "desk", "admin", "editor", "editors", "contributor",
}
_CREDENTIAL = re.compile(r"^(?:PhD|Ph\.D\.?|MD|M\.D\.|MA|MSc|MBA|RN|Esq\.?)$", re.I)


def _title_case(name: str) -> str:
    """JEFFREY GETTLEMAN -> Jeffrey Gettleman, ANN MCDONALD -> Ann McDonald; other names as they are."""
    if name.isupper() and any(c.isalpha() for c in name):
        name = " ".join(w.capitalize() if len(w) > 2 or not w.endswith(".") else w for w in name.split())
        return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), name)
    return name


# Where a name runs into its employer: "Kelli Miller WebMD Health News", "Adam Aaronson PhillyVoice".
_EMPLOYER_WORDS = PUBLICATION_WORDS | ORGANISATION_WORDS | {"Staff"}
_BRAND_WORD = re.compile(r"^(?!Mc|Mac|De|Le|La|Di|Du|Van|Von|O')[A-Z][a-z]+[A-Z]")  # WebMD, PhillyVoice


def _cut_at_employer(words: list[str]) -> list[str]:
    """Words of the name before the employer; none when the employer comes first ("WebMD Health")."""
    for i, word in enumerate(words):
        if word in _EMPLOYER_WORDS or (_BRAND_WORD.match(word) and i != 1):
            return words[:i] if i >= 2 else []
    return words


def clean_name(part: str, declared: bool = False) -> str | None:
    """One byline fragment -> a person's name, or None when it is not one.

    `declared`: the fragment comes from a field that holds names (JSON-LD, meta), so a lower-case
    word after a capitalised first name is accepted.
    """
    part = re.sub(r"\s+", " ", part).strip(" :-–—|•·,")
    if part.endswith(".") and not re.search(r"\b(?:Jr|Sr|[A-Z])\.$", part):
        part = part.rstrip(".")
    part = _IN_PLACE.sub("", part)
    part = _MONTH_TAIL.sub("", part)  # trafilatura cuts "March 25" to "March"
    if len(part.split()) > 3:
        part = _TRAILING_ROLE.sub("", part)  # "Ben Silverman Games Editor"
    part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip()  # "(avec …)", "(@handle)"
    part = re.sub(r"^@", "", part)
    if not part or _NOT_NAMES.match(part) or "http" in part or "@" in part or part.lower().startswith("the "):
        return None  # "The Economist", "The Editors": a person's name does not open with "The"
    words = _cut_at_employer([w for w in part.split() if not _CREDENTIAL.match(w)])  # "Jane Doe MD", "MA"
    part = " ".join(words)
    if not 1 <= len(words) <= 5 or len(part) > 60:
        return None
    if not all(_NAME_WORD.match(w) or (declared and i > 0 and _DECLARED_WORD.match(w)) for i, w in enumerate(words)):
        return None
    if any(w.strip(".").lower() in _UI_WORDS for w in words):
        return None  # "Sign In", "Follow Us", "Replying to", "Coast.example staff": buttons, desks, not people
    if not any(len(w.strip(".")) >= 2 and not re.fullmatch(r"(?:[A-Z]\.)+", w) for w in words):
        return None  # "J J", "A. B."
    if len(words) == 1:
        return None  # "CNN", "Mac", "Last", "Username": one word is a brand or furniture far more often than a name
    return _title_case(part)


# Credits for work other than the writing: "Written by X Edited by Y", "Photos by Z".
_OTHER_CREDIT = re.compile(
    r"(?:^|\s|[,;|])\s*(?:edited|photos?|photographs?|photography|pictures|illustrations?|graphics"
    r"|video|fact[\s-]checked|translated|additional\s+reporting)\s+by\b.*$",
    re.I | re.S,
)


# Contact details and roles that ride along with a name: "Jane Doe @janedoe", "jane@site.example",
# "Twitter: @janedoe", ", Special to The Post".
_CONTACT = re.compile(
    r"\S+@[\w-]+(?:\.[\w-]+)+|(?:\b(?:twitter|follow(?:\s+(?:on|me))?(?:\s+twitter)?)\s*:?\s*)?@\w+", re.I
)
_SPECIAL_TO = re.compile(r"\s*,?\s*\bspecial\s+to\b.*$", re.I)


_BRACKETS = re.compile(r"\([^)]*\)")
# "X (reporting) and Y (photography)": Y took the pictures.
_NON_WRITER = re.compile(r"\((?:[^)]*\b(?:photography|photos?|pictures|video|graphics)\b[^)]*)\)", re.I)
_WRITER_SEPARATORS = re.compile(r"\s+and\s+|\s*[,;&]\s*")


def _drop_non_writers(text: str) -> str:
    """"X (reporting) and Y (photography)": Y took the pictures, X wrote."""
    parts = _WRITER_SEPARATORS.split(text)
    kept = [p for p in parts if not _NON_WRITER.search(p)]
    return " and ".join(kept) if kept else text


def _drop_other_credits(text: str) -> str:
    """The byline without editor/photo credits; empty when nothing before them says who wrote it."""
    m = _OTHER_CREDIT.search(text)
    if not m:
        return text
    head = text[: m.start()]
    return head if re.search(r"\bby\b", head, re.I) or "," in head or not head.strip() else ""


_MAX_BYLINE_CHARS = 400


def split_byline(text: str | None, declared: bool = False) -> list[str]:
    """A byline string -> person names, in order, without duplicates.

    `declared`: the text comes from a field meant for names (see clean_name).
    """
    if not text:
        return []
    # A byline is a line: its first few hundred characters hold every name (and bound the work on a page that
    # puts a whole text in its author field).
    first = re.split(r"\n|\s{3,}|\s[|•·]\s", text.strip()[:_MAX_BYLINE_CHARS])[0]
    first = _drop_other_credits(first)
    if "(" in first:
        first = _drop_non_writers(first)
    if "@" in first:
        first = _CONTACT.sub(" ", first)
    first = _SPECIAL_TO.sub("", first)
    # "ByAlex Bozarjian", "ByJ.R. Stone": a span glued on
    first = _LEAD.sub("", re.sub(r"^\s*By(?=[A-Z][a-z.])", "", first))
    inner = re.search(r"(?:^|\s)by\s+(?=[A-Z])", first)
    if inner:  # "Tech Industry by Steven Musil"
        first = first[inner.end():]
    first = _DATE_TAIL.sub("", first)
    first = _ROLE_TAIL.sub("", first)
    first = re.sub(r"\s*\([^)]*\)?", " ", first)  # "(avec …)", "(@handle)", a cut-off "("
    names = []
    for part in _SEPARATORS.split(first):
        part = _LEAD.sub("", part + " ").strip() if part.lower().startswith("by ") else part
        name = clean_name(part, declared)
        if name and not _CREDENTIAL.match(name):
            names.append(name)
    return unique_names(names)


def unique_names(names: list[str]) -> list[str]:
    """Drop repeats (case-insensitive), keeping the first spelling."""
    seen: set[str] = set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def names_from_jsonld(value: Any) -> list[str]:
    """JSON-LD `author`: a string, a Person, an Organization, or a list of them."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            kind = str(item.get("@type", "")).lower()
            if "organization" in kind:
                continue
            raw = item.get("name")
            if isinstance(raw, list):
                raw = " ".join(str(r) for r in raw)
            names.extend(split_byline(str(raw), declared=True) if raw else [])
        elif isinstance(item, str):
            names.extend(split_byline(item, declared=True))
    return unique_names(names)


_BYLINE_LINE = re.compile(r"^\s*(?:written\s+|words\s+|story\s+|reporting\s+)?by\s+\S", re.I)
# Lower-case words a byline may hold besides names: "By Henry Foy in Moscow and Ben Hall, staff reporter".
_BYLINE_WORDS = {
    "by", "and", "in", "from", "at", "with", "for", "the", "of", "staff", "reporter", "writer", "correspondent",
    "editor", "senior", "chief", "political", "foreign", "news", "published", "updated", "on", "via", "written",
    "words", "story", "reporting", "am", "pm", "et", "gmt", "bst", "edt", "est", "pdt", "pst", "utc",
}


def looks_like_byline(line: str, authors: list[str] | None = None) -> bool:
    """A short line that is only a byline ("By Henry Foy in Moscow", "Henry Foy and Ben Hall")."""
    text = line.strip()
    if len(text) > 120 or text.endswith(("?", "!", '"', "”")):
        return False
    lower = {w.lower() for w in re.findall(r"\b[a-z][a-z']*\b", text)}
    if not lower <= _BYLINE_WORDS:
        return False
    names = split_byline(text)
    if not names or any(len(n.split()) < 2 for n in names):
        return False
    if _BYLINE_LINE.match(text):
        return True
    return bool(authors) and {n.casefold() for n in names} <= {a.casefold() for a in authors}


# ------------------------------------------------------------------------------------------- byline lines

_BY = re.compile(
    r"^(?:(?:analysis|opinion|commentary|review|story|words|text|reporting|written|interview|photos?)\s+)?by:?\s+(?=\S)",
    re.I,
)
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Za-z .,'’-]{{1,40}}\s*)?\((?P<agency>{alternation(NEWS_AGENCIES)})\)\s*(?:-{{1,2}}|–|—)\s*")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?,?")
_STAMP_LABEL = re.compile(r"\b(?:Updated|Published|Posted|Last\s+updated)\b:?", re.I)
_HANDLES = re.compile(r"(?:\s*\|\s*@\w+)+|\s*@\w+")
# A byline without "By" is names alone: nothing but a name (with its place or job) before the first "and".
_PLACE_OR_JOB = re.compile(
    r"\s+in\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+)?$"
    r"|(?:\s+[A-Z][a-z]+)?\s+(?:Editor|Correspondent|Reporter|Writer|Columnist|Analyst|Contributor|Producer)\b.*$"
)
_AGENCY_BY_CAPITALS = {agency.upper(): agency for agency in NEWS_AGENCIES}  # "(REUTERS)" names Reuters
_NOT_A_NAME_START = frozenset(
    "The This That These Those In On At For From With Our Your My His Her Their Its New More Most Read Share Follow"
    " Sign Log Home Sport Opinion World Culture Lifestyle Search Subscribe Related Video Live Latest Top Breaking"
    " Updated Published Posted Advertisement Contact Email Photo Image Getty Special Full Series Screen Watch Listen"
    .split()
)


@dataclass
class Byline:
    authors: list[str]
    relative: RelativeMatch | None = None  # "10 HOURS AGO"
    written_date: DateMatch | None = None  # "JAN. 13, 2017"


def _is_bare_name(text: str) -> bool:
    """A name on its own, as a byline without "By" gives it: two to five capitalised words that no rule reads as
    a job, a desk, a publication or a label ("Special Series", "Most Read")."""
    text = _PLACE_OR_JOB.sub("", text.strip())
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0] in _NOT_A_NAME_START or not all(w[:1].isupper() for w in words):
        return False
    if any(w in PUBLICATION_WORDS or w in DESK_WORDS or w.upper() in _AGENCY_BY_CAPITALS for w in words):
        return False
    return clean_name(text) is not None


_WEEKDAY_STEMS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # every _WEEKDAY match starts with one (case kept)


def _may_name_weekday(text: str) -> bool:
    for stem in _WEEKDAY_STEMS:  # substring tests: the sub scans a line much slower, even with nothing to find
        if stem in text:
            return True
    return False


def _may_hold_stamp_label(text: str) -> bool:
    """Every _STAMP_LABEL match holds "updated", "published" or "posted" in some case; re.I also lets "ı"/"İ" stand
    for "i" and "ſ" for "s", so a line with one of those goes to the pattern as well."""
    if "\u0131" in text or "\u0130" in text or "\u017f" in text:
        return True
    low = text.lower()
    return "updated" in low or "published" in low or "posted" in low


def _without_stamps(text: str, relative: RelativeMatch | None, written: DateMatch | None) -> str:
    """The line without its date, relative time, reading time, weekday, stamp labels and handles."""
    core = text
    for m in sorted((m for m in (relative, written) if m), key=lambda m: m.start, reverse=True):
        core = core[: m.start] + " " + core[m.end:]
    if "read" in core.lower():
        core = READING_TIME.sub(" ", core)
    if _may_name_weekday(core):
        core = _WEEKDAY.sub(" ", core)
    if _may_hold_stamp_label(core):
        core = _STAMP_LABEL.sub(" ", core)
    core = " ".join(core.replace("·", " ").split()).strip(" ,-–—/|")
    return _HANDLES.sub("", core) if "@" in core else core  # "| @andywoodcock" handles


_MAX_LINE_CHARS = 200


def parse_byline(line: str) -> Byline | None:
    """Authors (and a date or relative time) from a byline line; None when the line is not a byline.

    With "By" the names are read by split_byline, as on a saved page; without it, the line must be names
    alone ("Rodrigo Campos", "Henry Foy in Brussels and Ben Hall in London 10 HOURS AGO")."""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_LINE_CHARS:
        return None
    relative, written = find_relative_time(text), find_date(text)
    core = _without_stamps(text, relative, written)
    has_by = bool(_BY.match(core))
    if has_by:
        rest = _BY.sub("", core)
        said = _DATE_TAIL.sub("", _CONTACT.sub(" ", _BRACKETS.sub(" ", rest)))
        if clean_name(_SEPARATORS.split(said, maxsplit=1)[0]) is None:
            return None  # "By Tuesday, the talks had collapsed": a byline names its writer first
        names = split_byline("By " + rest)
    else:
        pieces = re.split(r"\s*(?:,|;|&|\band\b|\|)\s*", core)
        if not all(_is_bare_name(piece) for piece in pieces if piece):
            return None  # "Henry Foy, said" is prose, "Samuel Alito and Elizabeth Prelogar" a headline's subject
        if len(pieces) > 1 and not (relative or written) and not _PLACE_OR_JOB.search(pieces[0]):
            return None
        names = split_byline(core)
    return Byline(names, relative, written) if names else None


def find_agency(paragraph: str) -> str | None:
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    agency = " ".join(m.group("agency").split())
    return _AGENCY_BY_CAPITALS.get(agency.upper(), agency)
