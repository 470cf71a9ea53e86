"""Bylines and datelines in pasted text.

    parse_byline(line) -> Byline | None     "By Ed Hornick, CNN", "Henry Foy in Brussels and Ben Hall in London
                                            10 HOURS AGO", "By JEFFREY GETTLEMAN JAN. 13, 2017", "Rodrigo Campos"
    find_agency(paragraph) -> str | None    "NEW YORK (Reuters) - Oil prices..." -> "Reuters" (the dateline stays)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.ingest.dates import READING_TIME, find_date, find_relative_time

_PARTICLE = r"(?:de|da|di|del|della|der|den|van|von|bin|al|el|la|le|du|dos|y)"
_NOT_NAME_WORD = (
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September"
    r"|October|November|December|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Updated|Published|Posted|Follow|Share|Email|Twitter|Facebook|CNN|BBC|AP|AFP|Reuters|From|In|At|On|For|The"
    r"|Political|Politics|Editor|Correspondent|Reporter|Writer|Senior|Chief|Deputy|Staff|Special|Series|Full|Screen"
    r"|Live|Latest|Video|Audio|Photos?|Gallery|Opinion|Analysis|Explained|News|Sport|Sports|Business|World|Home)\b)"
)
_NAME_WORD = _NOT_NAME_WORD + r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?|Mc[A-Z][a-z]+|O[’'][A-Z][a-z]+|[A-Z]\.|[A-Z][A-Z'’]+(?:-[A-Z]+)?)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
_NAME_RE = re.compile(rf"^{NAME}$")
_BY = re.compile(r"^(?:(?:analysis|opinion|commentary|review|story|words|text|reporting|written|interview|photos?)\s+)?by:?\s+(?=\S)", re.I)
_LEADING_NAMES = re.compile(rf"^{NAME}(?:\s*\([^)]{{1,30}}\))?(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){NAME}(?:\s*\([^)]{{1,30}}\))?)*")
_IN_PLACE = re.compile(rf"^(?P<name>{NAME})\s+in\s+(?P<place>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+)?)$")
_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b|;|\|)\s*")
_NAME_THEN_ROLE = re.compile(
    rf"^(?P<name>{NAME})\s+(?:(?:Political|Senior|Chief|Deputy|Associate|Staff|Special|Foreign|Economics|Business|Health|"
    r"Science|Technology|Tech|Sports?|Home|Diplomatic|Security|Defence|Defense|Transport|Education|Environment|Social|Arts|"
    r"Legal|Crime|Media|Investigations|Europe|US|UK|World|Washington|White\s+House)\s+)*"
    r"(?:Editor|Correspondent|Reporter|Writer|Columnist|Analyst|Contributor|Producer)\b"
)
_NOT_NAMES = re.compile(
    r"^(?:The|This|That|These|Those|In|On|At|For|From|With|Our|Your|My|His|Her|Their|Its|New|More|Most|Read|Share|Follow|"
    r"Sign|Log|Home|News|Sport|Sports|Business|Opinion|World|Politics|Culture|Lifestyle|Search|Subscribe|Related|Video|"
    r"Live|Latest|Top|Breaking|Updated|Published|Posted|Advertisement|Contact|Email|Photo|Image|Getty|Reuters)\b"
)
AGENCIES = ("Reuters", "AP", "AFP", "CNN", "Bloomberg", "UPI", "PA", "dpa", "Xinhua", "TASS", "EFE", "ANSA", "IANS", "PTI")
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Za-z .,'’-]{{1,40}}\s*)?\((?P<agency>{'|'.join(AGENCIES)})\)\s*(?:-{{1,2}}|–|—)\s*"
)
_WEEKDAY = re.compile(r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?,?")
_STAMP_LABEL = re.compile(r"\b(?:Updated|Published|Posted|Last\s+updated)\b:?", re.I)
_HANDLES = re.compile(r"(?:\s*\|\s*@\w+)+|\s*@\w+")
_AND = re.compile(r"\s+and\s+")
_NON_WRITER = re.compile(r"\((?:[^)]*\b(?:photography|photos?|pictures|video|graphics)\b[^)]*)\)", re.I)
_BRACKETED = re.compile(r"\([^)]*\)")
_ROLE_WORDS = re.compile(r"\b(?:reporting|photography|photos?|pictures|video|graphics|illustrations?)\b", re.I)


@dataclass
class Byline:
    authors: list[str]
    rest: str = ""  # what the line says besides the names (dates, times, places)
    relative: object | None = None  # dates.RelativeMatch
    written_date: object | None = None  # dates.DateMatch
    outlets: list[str] = field(default_factory=list)  # "CNN" in "By Ed Hornick, CNN"


def _tidy_name(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:")
    if name.isupper():  # JEFFREY GETTLEMAN -> Jeffrey Gettleman
        name = " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
        name = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), name)
    return name


_OUTLET_WORD = re.compile(
    r"\b(?:News|Times|Post|Press|Herald|Journal|Telegraph|Guardian|Tribune|Courier|Gazette|Chronicle|Observer|Mail|"
    r"Express|Mirror|Star|Sun|Standard|Independent|Reuters|Agency|Network|Magazine|Daily|Weekly|Media|Radio|TV|Online|"
    r"Bureau|Desk|Staff|Correspondent|Editor|Reporter|Writer|Service|Wire|Politics|Business|Sport|Sports)\b"
)


def _is_name(text: str) -> bool:
    text = text.strip()
    return bool(_NAME_RE.match(text)) and not _NOT_NAMES.match(text) and not _OUTLET_WORD.search(text)


def _split_names(text: str) -> tuple[list[str], list[str]]:
    """Names, and the other comma pieces (outlets, roles), from "X, Y and Z, CNN"."""
    names, others = [], []
    for piece in _SEPARATORS.split(text):
        piece = (_BRACKETED.sub("", piece) if "(" in piece else piece).strip()
        if not piece:
            continue
        placed = _IN_PLACE.match(piece) or _NAME_THEN_ROLE.match(piece)
        if placed:
            piece = placed.group("name")
        if _is_name(piece):
            names.append(_tidy_name(piece))
        else:
            others.append(piece)
    return names, others


def _drop_non_writers(text: str) -> str:
    """"X (reporting) and Y (photography)": keep the writers."""
    if "(" not in text:  # the roles are in brackets
        return text
    parts = _AND.split(text)
    kept = [p for p in parts if not _NON_WRITER.search(p)]
    return " and ".join(kept) if kept else text


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


def parse_byline(line: str) -> Byline | None:
    """Authors (and a date or relative time) from a byline line; None when the line is not a byline."""
    text = " ".join(line.split())
    if not text or len(text) > 200:
        return None
    relative, written = find_relative_time(text), find_date(text)
    core = text
    for m in (relative, written):
        if m:
            core = core[: m.start] + " " + core[m.end:]
    if "read" in core.lower():
        core = READING_TIME.sub(" ", core)
    if _may_name_weekday(core):
        core = _WEEKDAY.sub(" ", core)
    if _may_hold_stamp_label(core):
        core = _STAMP_LABEL.sub(" ", core)
    core = " ".join(core.replace("·", " ").split()).strip(" ,-–—/|")
    if "@" in core:
        core = _HANDLES.sub("", core)  # "| @andywoodcock" handles
    has_by = bool(_BY.match(core))
    if has_by:
        core = _BY.sub("", core)
        leading = _LEADING_NAMES.match(core)  # "Erin Cunningham March 18 at 3:57 PM Follow @x" -> the names
        if leading:
            core = leading.group(0)
    core = _drop_non_writers(core)
    first = core.split(" and ")[0].split("|")[0].strip()
    if not has_by and not (relative or written) and not _IN_PLACE.match(first) and not _NAME_THEN_ROLE.match(first) \
            and not _is_name(core):
        return None  # a bare line must be a name on its own, or name + place
    names, others = _split_names(core)
    if not names:
        return None
    if not has_by and others:
        return None  # "Henry Foy, said" style prose is not a byline without "By"
    if has_by and others and any(len(o.split()) > 6 for o in others):
        return None
    return Byline(names, " ".join(others), relative, written, [o for o in others if o in AGENCIES or o.isupper()])


def find_agency(paragraph: str) -> str | None:
    m = _DATELINE.match(paragraph)
    return m.group("agency") if m else None
