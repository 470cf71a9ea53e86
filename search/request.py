"""A search request: the whole state of a search page, to and from its URL query string.

The URL is the state (as in Datasette): every facet value, sort, page and view
is a query parameter, so copying the address bar shares exactly what you see.
This module is pure data; it knows nothing about HTTP frameworks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from typing import Iterable, Mapping
from urllib.parse import urlencode

from search.query.facets import FACET_KINDS

# The facets a user can filter on are FACET_KINDS' names; each is a repeatable
# URL parameter, and "-<name>" excludes a value. Values OR within a facet and
# AND across facets.
SORTS = ("relevance", "newest", "oldest")
VIEWS = ("grouped", "flat")
KINDS = ("any", "direct")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 500  # longer queries are cut, with a note; keeps the parser fast
# What one request may ask for, so that a single URL (a GET any page can fire with
# an <img>) cannot make the server do unbounded work: each filter value costs a
# re-filtering on an empty result and a toggle link per value on the page.
MAX_VALUES_PER_FACET = 25
MAX_FILTER_VALUES = 50  # over every facet, included and excluded values together
MAX_QUERY_TERMS = 64  # words in the query, cut with a note like the length: a long quoted sentence still fits
MAX_RESULT_DEPTH = 10_000  # paragraphs a request may page through: page * size
_QUERY_WORD = re.compile(r"\w+")
_QUERY_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


class RequestError(ValueError):
    """A parameter value a user typed that cannot be used; the message names it."""


def _parse_day(name: str, value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1) if name == "from" else date(int(value), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = map(int, value.split("-"))
            if name == "from":
                return date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date.fromisoformat(value)
    except ValueError:
        raise RequestError(f"'{name}' must be a date like 2022-01-13, not {value!r}") from None


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    include: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values (OR)
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values (NOT)
    date_from: date | None = None
    date_to: date | None = None
    kind: str = "any"  # "direct": only paragraphs where a selected/any speaker is quoted directly
    sort: str = "relevance"
    view: str = "grouped"
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    notes: tuple[str, ...] = ()  # what was corrected while reading the URL, shown on the page

    # ---- reading a URL ---------------------------------------------------
    @classmethod
    def from_args(cls, args: Mapping[str, Iterable[str]] | object) -> "SearchRequest":
        """Build from a mapping of parameter -> list of values (werkzeug MultiDict works too).

        Unknown or malformed values fall back to defaults with a note rather
        than failing: a bookmarked URL should always open something sensible.
        Dates that cannot be read raise RequestError (the page shows it).
        """
        getlist = getattr(args, "getlist", None)

        def values(name: str) -> list[str]:
            raw = getlist(name) if getlist else list(args.get(name, []) or [])  # type: ignore[union-attr]
            if isinstance(raw, str):
                raw = [raw]
            return [v.strip() for v in raw if v and v.strip()]

        def first(name: str, default: str = "") -> str:
            vs = values(name)
            return vs[0] if vs else default

        notes: list[str] = []
        q = first("q")
        if len(q) > MAX_QUERY_LENGTH:
            q = q[:MAX_QUERY_LENGTH]
            notes.append(f"The query was cut to its first {MAX_QUERY_LENGTH} characters.")
        cut = _cut_to_terms(q)
        if cut != q:
            q = cut
            notes.append(f"The query was cut to its first {MAX_QUERY_TERMS} words.")
        include = {f: tuple(dict.fromkeys(values(f))) for f in FACET_KINDS if values(f)}
        exclude = {f: tuple(dict.fromkeys(values("-" + f))) for f in FACET_KINDS if values("-" + f)}
        _check_filter_counts(include, exclude)
        for name, kind in FACET_KINDS.items():
            for bucket in (include, exclude):
                bad = [v for v in bucket.get(name, ()) if not kind.is_valid(v)]
                if bad:
                    raise RequestError(kind.invalid_message(bad[0]))
        date_from = _parse_day("from", first("from"))
        date_to = _parse_day("to", first("to"))
        if date_from and date_to and date_from > date_to:
            raise RequestError(f"'from' ({date_from}) is after 'to' ({date_to})")

        def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
            v = first(name, default)
            if v not in allowed:
                notes.append(f"Unknown {name} {v!r}; using {default!r}.")
                return default
            return v

        def number(name: str, default: int, lo: int, hi: int) -> int:
            v = first(name, str(default))
            try:
                n = int(v)
            except ValueError:
                notes.append(f"'{name}' must be a number, not {v!r}; using {default}.")
                return default
            return min(max(n, lo), hi)

        size = number("size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        page = number("page", 1, 1, MAX_RESULT_DEPTH)
        if (page - 1) * size >= MAX_RESULT_DEPTH:
            raise RequestError(
                f"Page {page:,} of {size} results goes past the first {MAX_RESULT_DEPTH:,} paragraphs, the deepest "
                "Cuttings pages; narrow the search or sort it the other way."
            )
        return cls(
            q=q,
            include=include,
            exclude=exclude,
            date_from=date_from,
            date_to=date_to,
            kind=choice("kind", KINDS, "any"),
            sort=choice("sort", SORTS, "relevance"),
            view=choice("view", VIEWS, "grouped"),
            page=page,
            size=size,
            notes=tuple(notes),
        )

    # ---- writing a URL ---------------------------------------------------
    def to_args(self) -> list[tuple[str, str]]:
        """Parameters in a stable order, defaults left out, so equal states give equal URLs."""
        args: list[tuple[str, str]] = []
        if self.q:
            args.append(("q", self.q))
        for f in FACET_KINDS:
            args += [(f, v) for v in self.include.get(f, ())]
            args += [("-" + f, v) for v in self.exclude.get(f, ())]
        if self.date_from:
            args.append(("from", self.date_from.isoformat()))
        if self.date_to:
            args.append(("to", self.date_to.isoformat()))
        if self.kind != "any":
            args.append(("kind", self.kind))
        if self.sort != "relevance":
            args.append(("sort", self.sort))
        if self.view != "grouped":
            args.append(("view", self.view))
        if self.size != DEFAULT_PAGE_SIZE:
            args.append(("size", str(self.size)))
        if self.page != 1:
            args.append(("page", str(self.page)))
        return args

    def query_string(self) -> str:
        return urlencode(self.to_args())

    # ---- deriving neighbouring states (each resets paging) ----------------
    def _with(self, **changes) -> "SearchRequest":
        changes.setdefault("page", 1)
        return replace(self, notes=(), **changes)

    def is_selected(self, facet: str, value: str) -> bool:
        return value in self.include.get(facet, ())

    def is_excluded(self, facet: str, value: str) -> bool:
        return value in self.exclude.get(facet, ())

    def toggled(self, facet: str, value: str) -> "SearchRequest":
        """Add the value to the facet's filter, or remove it if it is there."""
        current = self.include.get(facet, ())
        new = tuple(v for v in current if v != value) if value in current else current + (value,)
        return self._with(
            include=_set(self.include, facet, new),
            exclude=_set(self.exclude, facet, tuple(v for v in self.exclude.get(facet, ()) if v != value)),
        )

    def exclusion_toggled(self, facet: str, value: str) -> "SearchRequest":
        """Exclude the value (-facet=value), or stop excluding it."""
        current = self.exclude.get(facet, ())
        new = tuple(v for v in current if v != value) if value in current else current + (value,)
        return self._with(
            exclude=_set(self.exclude, facet, new),
            include=_set(self.include, facet, tuple(v for v in self.include.get(facet, ()) if v != value)),
        )

    def date_toggled(self, value: str) -> "SearchRequest":
        """Drill into the date histogram: a month replaces its selected year, a day its month;
        unselecting a month or day goes back up to its parent."""
        current = self.include.get("date", ())
        parent = value[: len(value) - 3] if len(value) > 4 else None
        if value in current:
            new = tuple(v for v in current if v != value)
            if parent and not any(v.startswith(parent) for v in new):
                new += (parent,)
        else:
            new = tuple(v for v in current if not (parent and parent.startswith(v))) + (value,)
        exclude = tuple(v for v in self.exclude.get("date", ()) if v != value)
        return self._with(include=_set(self.include, "date", new), exclude=_set(self.exclude, "date", exclude))

    def without_facet(self, facet: str) -> "SearchRequest":
        return self._with(include=_set(self.include, facet, ()), exclude=_set(self.exclude, facet, ()))

    def with_page(self, page: int) -> "SearchRequest":
        return replace(self, page=page, notes=())

    def with_(self, **changes) -> "SearchRequest":
        """Any other change (q, sort, view, size, kind, date_from, date_to); resets paging."""
        return self._with(**changes)

    @property
    def has_filters(self) -> bool:
        return bool(self.include or self.exclude or self.date_from or self.date_to or self.kind != "any")


def _cut_to_terms(q: str) -> str:
    """The query up to its MAX_QUERY_TERMS-th word (operators are not words)."""
    words = [m for m in islice((m for m in _QUERY_WORD.finditer(q) if m.group() not in _QUERY_OPERATORS),
                               MAX_QUERY_TERMS + 1)]
    return q if len(words) <= MAX_QUERY_TERMS else q[:words[MAX_QUERY_TERMS - 1].end()]


def _check_filter_counts(include: Mapping[str, tuple[str, ...]], exclude: Mapping[str, tuple[str, ...]]) -> None:
    for bucket in (include, exclude):
        for name, chosen in bucket.items():
            if len(chosen) > MAX_VALUES_PER_FACET:
                raise RequestError(
                    f"This search filters on {len(chosen):,} values of '{name}'; Cuttings takes at most "
                    f"{MAX_VALUES_PER_FACET} per filter. Remove some of them."
                )
    total = sum(len(v) for bucket in (include, exclude) for v in bucket.values())
    if total > MAX_FILTER_VALUES:
        raise RequestError(
            f"This search has {total:,} filter values; Cuttings takes at most {MAX_FILTER_VALUES} in all. "
            "Remove some of them."
        )


def _set(mapping: Mapping[str, tuple[str, ...]], key: str, values: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out = dict(mapping)
    if values:
        out[key] = values
    else:
        out.pop(key, None)
    return out
