"""The user's decisions as data, to and from their JSON files.

    ArticleDecisions  one source's corrected fields, fixed paragraph speakers, tags and stars
    NameDecisions     library-wide speaker-name merges ("Blair" -> "Tony Blair") and splits
    SavedSearch       a named search URL and when it was last visited

A paragraph is named by its number and a hash of its text (`text_hash`), so a
decision about it is applied only to the paragraph it was made on.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from search.errors import CurationError
from search.model import Article, Speaker

FORMAT = 1
FIELDS = ("title", "published", "authors", "section", "site")  # the article fields a user may correct
FIELD_LABELS = {"title": "headline", "published": "date", "authors": "authors", "section": "section", "site": "site"}
KINDS = ("direct", "indirect")
TAG_MAX = 60  # characters in a tag


def text_hash(text: str) -> str:
    """A paragraph's fingerprint: blind to how its white space was wrapped."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def speakers_to_json(speakers: list[Speaker]) -> list[list[Any]]:
    return [[s.name, s.role, s.kind] for s in speakers]


def speakers_from_json(rows: list[list[Any]]) -> list[Speaker]:
    return [Speaker(name=n, role=r, kind=k) for n, r, k in rows]


# ---- reading what the user typed ----------------------------------------------------------
def field_value(name: str, typed: str | list[str] | None) -> Any:
    """A corrected field's value from a form or the command line, as it is stored (JSON)."""
    if name not in FIELDS:
        raise CurationError(f"{name!r} cannot be corrected; the fields are {', '.join(FIELDS)}.")
    if name == "authors":
        parts = typed if isinstance(typed, list) else (typed or "").replace(";", ",").split(",")
        return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
    text = (typed or "").strip() if isinstance(typed, str) or typed is None else ", ".join(typed)
    if name == "published":
        return published_value(text)
    if name == "title":
        if not text:
            raise CurationError("The headline cannot be empty.")
        return text
    return text or None


def published_value(text: str) -> str | None:
    """"2022-01-13" (or a full ISO time) -> stored as is; "", "undated" or "none" -> None (undated)."""
    text = text.strip()
    if text.lower() in ("", "undated", "none"):
        return None
    try:
        return (datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)).isoformat()
    except ValueError:
        raise CurationError(f"{text!r} is not a date: write it as 2022-01-13, or 'undated'.") from None


def published_from_value(value: str | None) -> date | datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def field_of(article: Article, name: str) -> Any:
    """An article's field in the stored (JSON) form, to compare with a correction."""
    value = getattr(article, name)
    if name == "published":
        return value.isoformat() if value else None
    return list(value) if name == "authors" else value


def clean_tag(typed: str) -> str:
    tag = " ".join(typed.split())
    if not tag:
        raise CurationError("A tag cannot be empty.")
    if len(tag) > TAG_MAX:
        raise CurationError(f"The tag {tag[:TAG_MAX]!r}… is longer than {TAG_MAX} characters.")
    return tag


def speaker_from_form(name: str, role: str | None = None, kind: str = "indirect") -> Speaker:
    name = " ".join((name or "").split())
    if not name:
        raise CurationError("A speaker needs a name.")
    if kind not in KINDS:
        raise CurationError(f"{kind!r} is not a kind of quote; it is 'direct' or 'indirect'.")
    return Speaker(name=name, role=" ".join((role or "").split()) or None, kind=kind)  # type: ignore[arg-type]


# ---- one source's decisions -------------------------------------------------------------------
@dataclass
class SpeakerFix:
    """A paragraph's speakers as the user set them (`was`: as the parser gave them then)."""

    n: int
    hash: str
    speakers: list[Speaker]
    was: list[Speaker]


@dataclass
class Star:
    n: int
    hash: str
    at: str  # ISO time it was starred


@dataclass
class ArticleDecisions:
    source: str  # the file under sources/ (or trash/) these decisions belong to
    article_id: str = ""  # the id the article had when last decided on (ids may change with the parser)
    title: str = ""  # its headline then, for lists of stars and trash
    fields: dict[str, Any] = field(default_factory=dict)  # corrected field -> value (JSON form)
    was: dict[str, Any] = field(default_factory=dict)  # field -> the parser's value when it was corrected
    speakers: dict[int, SpeakerFix] = field(default_factory=dict)  # by paragraph number
    tags: list[str] = field(default_factory=list)
    stars: dict[int, Star] = field(default_factory=dict)  # by paragraph number

    def is_empty(self) -> bool:
        return not (self.fields or self.speakers or self.tags or self.stars)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "source": self.source, "article_id": self.article_id, "title": self.title,
            "fields": self.fields, "was": self.was,
            "speakers": [{"n": f.n, "hash": f.hash, "speakers": speakers_to_json(f.speakers),
                          "was": speakers_to_json(f.was)} for f in sorted(self.speakers.values(), key=_by_n)],
            "tags": self.tags,
            "stars": [{"n": s.n, "hash": s.hash, "at": s.at} for s in sorted(self.stars.values(), key=_by_n)],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleDecisions:
        fixes = [SpeakerFix(int(f["n"]), f["hash"], speakers_from_json(f["speakers"]), speakers_from_json(f["was"]))
                 for f in data.get("speakers", [])]
        stars = [Star(int(s["n"]), s["hash"], s.get("at", "")) for s in data.get("stars", [])]
        return cls(
            source=data["source"], article_id=data.get("article_id", ""), title=data.get("title", ""),
            fields=dict(data.get("fields", {})), was=dict(data.get("was", {})),
            speakers={f.n: f for f in fixes}, tags=list(data.get("tags", [])), stars={s.n: s for s in stars},
        )


def _by_n(item) -> int:
    return item.n


# ---- library-wide speaker names ------------------------------------------------------------------
@dataclass
class NameDecisions:
    """Speaker-name merges the user made, applied after the speakers' own resolver.

    `merges` maps a variant to the name it is merged into; `apart` holds pairs the
    user split again, which no automatic merge may join (a resolver can ask `kept_apart`).
    """

    merges: dict[str, str] = field(default_factory=dict)
    apart: set[frozenset[str]] = field(default_factory=set)

    def canonical(self, name: str) -> str:
        return self.merges.get(name, name)

    def kept_apart(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.apart

    def merged(self, variant: str, into: str) -> NameDecisions:
        """A copy with `variant` merged into `into` (and anything merged into `variant` follows it)."""
        variant, into = " ".join(variant.split()), " ".join(into.split())
        if not variant or not into:
            raise CurationError("Merging needs two names: the variant and the name to merge it into.")
        target = self.canonical(into)
        if target == variant or variant == into:
            raise CurationError(f"{variant!r} cannot be merged into itself.")
        merges = {v: (target if c == variant else c) for v, c in self.merges.items()}
        merges[variant] = target
        return NameDecisions(merges, {pair for pair in self.apart if pair != frozenset((variant, target))})

    def split(self, variant: str) -> NameDecisions:
        variant = " ".join(variant.split())
        if variant not in self.merges:
            raise CurationError(f"{variant!r} is not merged into another name, so there is nothing to split.")
        merges = dict(self.merges)
        into = merges.pop(variant)
        return NameDecisions(merges, self.apart | {frozenset((variant, into))})

    def variants_of(self, name: str) -> list[str]:
        return sorted(v for v, c in self.merges.items() if c == name)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "merges": dict(sorted(self.merges.items())),
                "apart": sorted(sorted(pair) for pair in self.apart)}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> NameDecisions:
        data = data or {}
        return cls(dict(data.get("merges", {})), {frozenset(p) for p in data.get("apart", [])})


# ---- saved searches -------------------------------------------------------------------------------
@dataclass
class SavedSearch:
    name: str
    query: str  # the search's query string, exactly as in its URL (without the "?")
    created: str  # ISO times
    visited: str  # the last time it was opened from the list: "new since" counts from here

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "query": self.query, "created": self.created, "visited": self.visited}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SavedSearch:
        return cls(data["name"], data.get("query", ""), data.get("created", ""), data.get("visited", ""))
