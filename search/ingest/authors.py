"""Bylines -> a list of person names.

    split_byline("By GILLIAN MOHNEY and Ben Hall, Reuters") -> ["Gillian Mohney", "Ben Hall"]
    names_from_jsonld(obj["author"]) -> ["Henry Foy"]
    looks_like_byline(line) -> bool      "By Henry Foy in Moscow" as a paragraph of its own

Shared by the HTML and pasted-text paths. Agencies, job titles, dates and
"in CITY" tails are dropped; an all-capitals name is put in title case.
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["split_byline", "names_from_jsonld", "clean_name", "looks_like_byline", "unique_names"]

_LEAD = re.compile(
    r"^\s*(?:(?:written|words|story|text|reporting|report|posted|published|compiled|edited|interview)\s+)?by\s*[:\-]?\s+",
    re.I,
)
# Not names: agencies, desks and roles that sit in bylines.
_NOT_NAMES = re.compile(
    r"^(?:the\s+)?(?:associated\s+press|ap|afp|reuters|bloomberg|pa(?:\s+media)?|press\s+association|cnn|bbc(?:\s+news)?"
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
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|[a-z]{1,3}|[A-Z]\.|Jr\.?|Sr\.?|II|III|IV)$")
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
    if name.isupper() and any(c.isalpha() for c in name):
        return " ".join(w.capitalize() if len(w) > 2 or not w.endswith(".") else w for w in name.split())
    return name


# Where a name runs into its employer: "Kelli Miller WebMD Health News", "Adam Aaronson PhillyVoice".
_ORG_WORD = re.compile(r"^(?:News|Media|Press|Times|Post|Daily|Group|Network|Agency|Online|Magazine|Journal|Health|Staff"
                      r"|Foundation|Institute|Association|Society|University|Council|Team|Company|Inc\.?|Ltd\.?|LLC)$")
_BRAND_WORD = re.compile(r"^(?!Mc|Mac|De|Le|La|Di|Du|Van|Von|O')[A-Z][a-z]+[A-Z]")  # WebMD, PhillyVoice


def _cut_at_employer(words: list[str]) -> list[str]:
    """Words of the name before the employer; none when the employer comes first ("WebMD Health")."""
    for i, word in enumerate(words):
        if _ORG_WORD.match(word) or (_BRAND_WORD.match(word) and i != 1):
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
        return None  # "CNN", "Mac", "Last", "Username": one word is a brand or page furniture far more often than a name
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


def _drop_other_credits(text: str) -> str:
    """The byline without editor/photo credits; empty when nothing before them says who wrote it."""
    m = _OTHER_CREDIT.search(text)
    if not m:
        return text
    head = text[: m.start()]
    return head if re.search(r"\bby\b", head, re.I) or "," in head or not head.strip() else ""


def split_byline(text: str | None, declared: bool = False) -> list[str]:
    """A byline string -> person names, in order, without duplicates.

    `declared`: the text comes from a field meant for names (see clean_name).
    """
    if not text:
        return []
    first = re.split(r"\n|\s{3,}|\s[|•·]\s", text.strip())[0]
    first = _drop_other_credits(first)
    if "@" in first:
        first = _CONTACT.sub(" ", first)
    first = _SPECIAL_TO.sub("", first)
    first = _LEAD.sub("", re.sub(r"^\s*By(?=[A-Z][a-z.])", "", first))  # "ByAlex Bozarjian", "ByJ.R. Stone": a span glued on
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
