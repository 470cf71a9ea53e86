"""Facets: one class per kind of facet, registered in FACET_KINDS; filtering and counting over the table.

A facet kind says, in one place, where its values come from (a column of the
in-memory table, see search/index/table.py), how a value reads on the page, how
clicking it changes the search, how its values are ordered, and how a typed
`field:value` in the query matches its values. Adding a facet is one class and
one entry in FACET_KINDS.

Values OR within one facet and AND across facets; each facet is counted with
every other active filter applied but not its own, so counts stay true while
values are selected. Exclusions (-speaker=...) remove paragraphs.
"""
from __future__ import annotations

import calendar
import heapq
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from search.index.rows import ArticleRow, Rows
from search.index.speaker_names import SpeakerNames
from search.index.table import Column, Table
from search.results import Facet, FacetValue

if TYPE_CHECKING:  # the request names its facets from FACET_KINDS
    from search.request import SearchRequest

TOP_VALUES = 10  # shown on the search page; the rest behind "more" (/facets/<name>)
_WORDS = re.compile(r"\w+")


def _has_run(words: list[str], wanted: list[str]) -> bool:
    n = len(wanted)
    return any(words[i:i + n] == wanted for i in range(len(words) - n + 1))


class FacetKind(Column):
    """A facet with plain string values (section, author, site): the defaults every kind starts from."""

    label = ""  # "Section": the facet's heading
    plural = ""  # "Sections": the full list's heading
    one = ""  # "a section": "Find a section"
    always_shown = False  # shown on the search page even with no values
    histogram = False  # values drawn as bars (counts over time)
    query_field: str | None = None  # the index field a typed `name:value` is matched against
    after_template: str | None = None  # a template shown under the facet (its extra controls)
    has_profiles = False  # each value has a page of its own (/speaker/<name>)

    # ---- values --------------------------------------------------------
    def is_valid(self, value: str) -> bool:
        """Can `value` be asked for in a URL? (a malformed one is a 400 naming it)"""
        return True

    def invalid_message(self, value: str) -> str:
        return f"{self.name!r} cannot be {value!r}"

    def on_timeline(self, value: str) -> bool:
        """For a histogram: is the value one of its bars (a stretch of time)?"""
        return True

    def counted(self, req: SearchRequest) -> Column:
        """The column counted for this facet under `req` (speakers quoted directly, for one)."""
        return self

    # ---- words ---------------------------------------------------------
    def display(self, value: str) -> str:
        """How one value reads on a filter chip, in a feed title, in "remove this filter"."""
        return value

    def label_of(self, table: Table, value: str) -> str:
        """How one value reads in the facet's list: as everywhere else (`display`)."""
        return self.display(value)

    def detail_of(self, table: Table, value: str) -> str | None:
        """A second, smaller line under the value in the facet's list (a speaker's role), if any."""
        return None

    # ---- clicking --------------------------------------------------------
    def toggled(self, req: SearchRequest, value: str) -> SearchRequest:
        return req.toggled(self.name, value)

    def value(self, table: Table, value: str, count: int, req: SearchRequest) -> FacetValue:
        return FacetValue(
            value=value, label=self.label_of(table, value), detail=self.detail_of(table, value), count=count,
            selected=req.is_selected(self.name, value), excluded=req.is_excluded(self.name, value),
            toggle=self.toggled(req, value), exclude_toggle=req.exclusion_toggled(self.name, value),
        )

    # ---- ordering --------------------------------------------------------
    def _chosen(self, req: SearchRequest) -> set[str]:
        return set(req.include.get(self.name, ())) | set(req.exclude.get(self.name, ()))

    def ordered(self, counts: Counter, req: SearchRequest, order: str = "count", contains: str = "",
                limit: int | None = None) -> list[str]:
        """Every value (counted or chosen), by count or by name, narrowed to those containing `contains`;
        only the first `limit` of them when given (without sorting the thousands after them)."""
        chosen = self._chosen(req)
        values = list(set(counts) | chosen)
        if contains:
            needle = contains.casefold()
            values = [v for v in values if needle in v.casefold() or v in chosen]
        key = (lambda v: (v.casefold(), v)) if order == "name" else _by_count(counts)
        if limit is not None and limit < len(values):
            return heapq.nsmallest(limit, values, key=key)  # the same as sorted(...)[:limit]
        return sorted(values, key=key)

    def top(self, counts: Counter, req: SearchRequest, n: int) -> tuple[list[str], bool]:
        """The `n` values by count, then any chosen value beyond them; and whether more exist.

        The same as ordered(...)[:n] plus the chosen rest, without sorting thousands of values.
        """
        chosen = self._chosen(req)
        pool = set(counts) | chosen
        first = heapq.nsmallest(n, pool, key=_by_count(counts))
        rest = sorted(chosen.difference(first), key=_by_count(counts))
        return first + rest, len(pool) > n

    # ---- typed in the query ------------------------------------------------
    def query_matches(self, wanted: str, value: str, prefix: bool = False) -> bool:
        """Does the indexed `value` answer the user's `field:wanted`? Case-blind, a whole
        value or a run of its words (`author:foy`, `section:"ukraine conflict"`)."""
        w, v = wanted.casefold().strip(), value.casefold()
        if not w:
            return False
        if prefix:
            return v.startswith(w) or any(word.startswith(w) for word in _WORDS.findall(v))
        if v == w:
            return True
        wanted_words = _WORDS.findall(w)
        return bool(wanted_words) and _has_run(_WORDS.findall(v), wanted_words)


def _by_count(counts: Counter):
    return lambda v: (-counts.get(v, 0), v.casefold(), v)


class SectionFacet(FacetKind):
    name, label, plural, one, query_field = "section", "Section", "Sections", "a section", "section"

    of_articles = True

    def article_values(self, articles: list[ArticleRow]) -> list[tuple[str, ...]]:
        return [(v,) if (v := a.section) else () for a in articles]


class AuthorFacet(FacetKind):
    name, label, plural, one, query_field = "author", "Author", "Authors", "an author", "author"

    of_articles = True

    def article_values(self, articles: list[ArticleRow]) -> list[tuple[str, ...]]:
        return [a.authors for a in articles]


class SiteFacet(FacetKind):
    name, label, plural, one, query_field = "site", "Site", "Sites", "a site", "site"

    of_articles = True

    def article_values(self, articles: list[ArticleRow]) -> list[tuple[str, ...]]:
        return [(v,) if (v := a.site) else () for a in articles]

    def query_matches(self, wanted: str, value: str, prefix: bool = False) -> bool:
        """Also a domain and its subdomains: `site:ft.com` finds www.ft.com."""
        w, v = wanted.casefold().strip(), value.casefold()
        if w and not prefix and (v.endswith("." + w) or v.removeprefix("www.") == w.removeprefix("www.")):
            return True
        return super().query_matches(wanted, value, prefix)


class TagFacet(FacetKind):
    """The user's tags (projects) on each article: `tag=budget&tag=harbour` ORs them."""

    name, label, plural, one = "tag", "Tag", "Tags", "a tag"

    of_articles = True

    def article_values(self, articles: list[ArticleRow]) -> list[tuple[str, ...]]:
        return [a.tags for a in articles]


def _speaker_names(speakers: tuple, kind: str | None = None) -> tuple[str, ...]:
    if kind is None and len(speakers) == 1:
        return (speakers[0][0],)
    return tuple(dict.fromkeys(s[0] for s in speakers if kind is None or s[2] == kind))


class DirectSpeakers(Column):
    """The names quoted directly in each paragraph: what the speaker facet counts under kind=direct."""

    name = "speaker_direct"

    def values(self, rows: Rows) -> list[tuple[str, ...]]:
        return [_speaker_names(s, "direct") if s else () for s in rows.speakers]

    def names(self, table: Table) -> SpeakerNames:
        return table.speaker_names()


class SpeakerFacet(FacetKind):
    name, label, plural, one = "speaker", "Speaker", "Speakers", "a speaker"
    always_shown = True
    after_template = "_facet_speaker_after.html"
    has_profiles = True
    direct = DirectSpeakers()

    def values(self, rows: Rows) -> list[tuple[str, ...]]:
        return [_speaker_names(s) if s else () for s in rows.speakers]

    def names(self, table: Table) -> SpeakerNames:
        """One name per speaker across the library: "Blair" and "Mr Blair" are shown as "Tony Blair"."""
        return table.speaker_names()

    def counted(self, req: SearchRequest) -> Column:
        return self.direct if req.kind == "direct" else self

    def detail_of(self, table: Table, value: str) -> str | None:
        return self.top_role(table, value)  # the role the speaker is most often given

    def roles(self, table: Table, name: str) -> Counter:
        """role -> paragraphs in which `name` speaks with that role."""
        speakers = table.speakers
        indexed = set(table.speaker_names().indexed(name))
        counts: Counter = Counter()
        for d in table.docs_with(self, name):
            counts.update({s[1] for s in speakers[d] if s[0] in indexed and s[1]})
        return counts

    def top_role(self, table: Table, name: str) -> str | None:
        def compute() -> str | None:
            common = self.roles(table, name).most_common(1)
            return common[0][0] if common else None

        return table.derived(("top role", name), compute)


_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # year, month or day
UNDATED = "undated"  # the date facet's value for paragraphs of cuttings with no known date


class DateFacet(FacetKind):
    """Years; a selected year opens its months, a selected month its days; and "undated",
    so that cuttings without a date are counted, chosen and left out like any others."""

    name, label, plural, one, query_field = "date", "Date", "Dates", "a date", "date"
    always_shown = True
    histogram = True
    after_template = "_facet_date_after.html"

    of_articles = True

    def article_values(self, articles: list[ArticleRow]) -> list[tuple[str, ...]]:
        return [(d[:4], d[:7], d) if (d := a.day) else (UNDATED,) for a in articles]

    def is_valid(self, value: str) -> bool:
        """A real year, month or day: 2022, 2022-01, 2022-01-13 (not 2022-13); or "undated"."""
        if value == UNDATED:
            return True
        if not _DATE_VALUE.match(value):
            return False
        try:
            date.fromisoformat((value + "-01-01")[:10])
        except ValueError:
            return False
        return True

    def invalid_message(self, value: str) -> str:
        return f"'date' must be a year, month or day like 2022, 2022-01 or 2022-01-13, or 'undated', not {value!r}"

    def on_timeline(self, value: str) -> bool:
        """Is the value a stretch of time (a bar of the histogram), rather than "undated"?"""
        return value != UNDATED

    def display(self, value: str) -> str:
        if value == UNDATED:
            return "Undated"
        parts = value.split("-")
        if len(parts) == 1:
            return value
        month = calendar.month_name[int(parts[1])]
        return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"

    def toggled(self, req: SearchRequest, value: str) -> SearchRequest:
        if value == UNDATED:  # beside the timeline, not in it: chosen and unchosen on its own
            return req.toggled(self.name, value)
        return req.date_toggled(value)

    def ordered(self, counts: Counter, req: SearchRequest, order: str = "count", contains: str = "",
                limit: int | None = None) -> list[str]:
        """Chronological: every year, and the months and days of the years and months chosen; "undated" last."""
        chosen = self._chosen(req)
        spans = [v for v in chosen if self.on_timeline(v)]
        opened = {v[:4] for v in spans} | {v[:7] for v in spans if len(v) >= 7}
        values = {v for v in counts if self.on_timeline(v) and (len(v) == 4 or v[: len(v) - 3] in opened)}
        values |= set(spans)
        undated = [UNDATED] if counts.get(UNDATED) or UNDATED in chosen else []
        return sorted(values) + undated

    def top(self, counts: Counter, req: SearchRequest, n: int) -> tuple[list[str], bool]:
        return self.ordered(counts, req), False  # a histogram shows every bar

    def query_matches(self, wanted: str, value: str, prefix: bool = False) -> bool:
        w = wanted.casefold().strip()
        return bool(w) and value.startswith(w)


# The facets in the order a URL lists them; the search page orders its sidebar itself.
FACET_KINDS: dict[str, FacetKind] = {kind.name: kind for kind in (
    SpeakerFacet(), SectionFacet(), AuthorFacet(), SiteFacet(), DateFacet(), TagFacet(),
)}


# ---- filtering ---------------------------------------------------------------
@dataclass
class Filtered:
    final: set[int]  # paragraphs passing every filter
    per_facet: dict[str, set[int]]  # paragraphs passing every filter except that facet's own
    matched: set[int]  # paragraphs the query matched, before any filter


def _union(table: Table, kind: FacetKind, values: tuple[str, ...]) -> frozenset[int] | set[int] | None:
    if not values:
        return None
    if len(values) == 1:
        return table.docs_with(kind, values[0])  # shared and read-only: no copy
    out: set[int] = set()
    for v in values:
        out |= table.docs_with(kind, v)
    return out


def _in_range(table: Table, docs: set[int], req: SearchRequest) -> set[int]:
    if not (req.date_from or req.date_to):
        return docs
    lo = req.date_from.isoformat() if req.date_from else "0000"
    hi = req.date_to.isoformat() if req.date_to else "9999"
    articles = table.articles
    return {d for d in docs if articles[d].day and lo <= articles[d].day <= hi}


def _direct(table: Table, docs: set[int], names: tuple[str, ...]) -> set[int]:
    speakers = table.speaker_names()
    wanted = {spelling for name in names for spelling in speakers.indexed(name)}
    speakers = table.speakers
    return {d for d in docs if any(s[2] == "direct" and (not wanted or s[0] in wanted) for s in speakers[d])}


def apply_filters(table: Table, matched: set[int], req: SearchRequest, per_facet: bool | str = True) -> Filtered:
    """`per_facet=False`: only the final set (no facet counts wanted), one pass instead of six;
    a facet's name: only that facet's own set besides (its full list of values)."""
    base = _in_range(table, matched, req)
    inc = {name: _union(table, kind, req.include.get(name, ())) for name, kind in FACET_KINDS.items()}
    exc = {name: _union(table, kind, req.exclude.get(name, ())) for name, kind in FACET_KINDS.items()}

    def narrowed(skip: str | None) -> set[int]:
        docs = base
        for name in FACET_KINDS:
            if name == skip:
                continue
            if inc[name] is not None:
                docs = docs & inc[name]
            if exc[name] is not None:
                docs = docs - exc[name]
        if req.kind == "direct":
            docs = _direct(table, docs, () if skip == "speaker" else req.include.get("speaker", ()))
        return docs

    wanted = [per_facet] if isinstance(per_facet, str) else list(FACET_KINDS) if per_facet else []
    return Filtered(final=narrowed(None), per_facet={f: narrowed(f) for f in wanted},
                    matched=matched)


def undated_left_out(table: Table, filtered: Filtered, req: SearchRequest) -> int:
    """Undated paragraphs that match the search and every filter but the dates, which a date
    filter (a From/To range, or dates chosen without "undated") leaves out: the page says so.
    0 when the reader left them out on purpose (-date=undated)."""
    chosen = req.include.get("date", ())
    dates_filter = req.date_from or req.date_to or (chosen and UNDATED not in chosen)
    if not dates_filter or UNDATED in req.exclude.get("date", ()):
        return 0
    undated = filtered.matched & table.docs_with(FACET_KINDS["date"], UNDATED)
    if not undated:
        return 0
    return len(apply_filters(table, undated, undated_only(req), per_facet=False).final)


def undated_only(req: SearchRequest) -> SearchRequest:
    """The search with its date filters replaced by "undated": what a date filter left out."""
    dates = FACET_KINDS["date"]
    return dates.toggled(req.without_facet(dates.name).with_(date_from=None, date_to=None), UNDATED)


# ---- counting -------------------------------------------------------------
def count_values(table: Table, kind: FacetKind, docs: set[int], req: SearchRequest) -> Counter:
    """value -> paragraphs among `docs` (one C-level pass over precomputed value tuples)."""
    column = kind.counted(req)
    if docs is table.live:  # nothing narrows it (no query, no other filter): counted once per table
        return table.counts_over_all(column)
    return table.count(column, docs)


def facet_values(table: Table, kind: FacetKind, filtered: Filtered, req: SearchRequest, order: str = "count",
                 contains: str = "", limit: int | None = None) -> list[FacetValue]:
    """Every value of one facet (the full list's page), ordered, with counts and toggles."""
    counts = count_values(table, kind, filtered.per_facet[kind.name], req)
    values = kind.ordered(counts, req, order=order, contains=contains, limit=limit)
    return [kind.value(table, v, counts.get(v, 0), req) for v in values[:limit]]


def build_facets(table: Table, filtered: Filtered, req: SearchRequest, top: int = TOP_VALUES) -> dict[str, Facet]:
    facets: dict[str, Facet] = {}
    for name, kind in FACET_KINDS.items():
        counts = count_values(table, kind, filtered.per_facet[name], req)
        shown, has_more = kind.top(counts, req, top)
        facets[name] = Facet(
            name=name, label=kind.label,
            values=[kind.value(table, v, counts.get(v, 0), req) for v in shown],
            has_more=has_more, kind=kind,
        )
    return facets
