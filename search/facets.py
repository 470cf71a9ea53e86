"""Facet filtering and counting over the in-memory table (see search/index/table.py).

Values OR within one facet and AND across facets; each facet is counted with
every other active filter applied but not its own, so counts stay true while
values are selected. Exclusions (-speaker=...) remove paragraphs.
"""
from __future__ import annotations

import calendar
import heapq
from collections import Counter
from itertools import chain
from dataclasses import dataclass

from search.index.table import DIRECT_SPEAKERS, Table
from search.request import FACETS, SearchRequest
from search.results import Facet, FacetValue

LABELS = {"speaker": "Speaker", "section": "Section", "author": "Author", "site": "Site", "date": "Date"}
TOP_VALUES = 10  # shown on the search page; the rest behind "more" (/facets/<name>)


@dataclass
class Filtered:
    final: set[int]  # paragraphs passing every filter
    per_facet: dict[str, set[int]]  # paragraphs passing every filter except that facet's own
    matched: set[int]  # paragraphs the query matched, before any filter


def _included(table: Table, facet: str, values: tuple[str, ...]) -> frozenset[int] | set[int] | None:
    if not values:
        return None
    if len(values) == 1:
        return table.docs_with(facet, values[0])  # shared and read-only: no copy
    out: set[int] = set()
    for v in values:
        out |= table.docs_with(facet, v)
    return out


def _in_range(table: Table, docs: set[int], req: SearchRequest) -> set[int]:
    if not (req.date_from or req.date_to):
        return docs
    lo = req.date_from.isoformat() if req.date_from else "0000"
    hi = req.date_to.isoformat() if req.date_to else "9999"
    rows = table.rows
    return {d for d in docs if rows[d].day and lo <= rows[d].day <= hi}


def _direct(table: Table, docs: set[int], names: tuple[str, ...]) -> set[int]:
    wanted = set(names)
    rows = table.rows
    return {d for d in docs if any(s[2] == "direct" and (not wanted or s[0] in wanted) for s in rows[d].speakers)}


def apply_filters(table: Table, matched: set[int], req: SearchRequest, per_facet: bool = True) -> Filtered:
    """`per_facet=False`: only the final set (no facet counts wanted), one pass instead of six."""
    base = _in_range(table, matched, req)
    inc = {f: _included(table, f, req.include.get(f, ())) for f in FACETS}
    exc = {f: _included(table, f, req.exclude.get(f, ())) for f in FACETS}

    def narrowed(skip: str | None) -> set[int]:
        docs = base
        for f in FACETS:
            if f == skip:
                continue
            if inc[f] is not None:
                docs = docs & inc[f]
            if exc[f] is not None:
                docs = docs - exc[f]
        if req.kind == "direct":
            docs = _direct(table, docs, () if skip == "speaker" else req.include.get("speaker", ()))
        return docs

    return Filtered(final=narrowed(None), per_facet={f: narrowed(f) for f in FACETS} if per_facet else {}, matched=matched)


# ---- counting -------------------------------------------------------------
def count_values(table: Table, facet: str, docs: set[int], req: SearchRequest) -> Counter:
    """value -> paragraphs among `docs` (one C-level pass over precomputed value tuples)."""
    key = DIRECT_SPEAKERS if facet == "speaker" and req.kind == "direct" else facet
    if docs is table.live:  # nothing narrows it (no query, no other filter): counted once per table
        return table.counts_over_all(key)
    values = table.values_by_doc(key)
    return Counter(chain.from_iterable(map(values.__getitem__, docs)))


def date_label(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def _date_levels(counts: Counter, req: SearchRequest) -> list[str]:
    """Years; under each selected year its months; under each selected month its days."""
    selected = set(req.include.get("date", ())) | set(req.exclude.get("date", ()))
    opened = {v[:4] for v in selected} | {v[:7] for v in selected if len(v) >= 7}
    values = [v for v in counts if len(v) == 4 or v[: len(v) - 3] in opened] + [v for v in selected if v not in counts]
    return sorted(set(values))


def _label(table: Table, facet: str, value: str) -> str:
    if facet == "date":
        return date_label(value)
    if facet == "speaker":
        role = table.top_role(value)
        return f"{value} \u2014 {role}" if role else value
    return value


def facet_value(table: Table, facet: str, value: str, count: int, req: SearchRequest) -> FacetValue:
    toggle = req.date_toggled(value) if facet == "date" else req.toggled(facet, value)
    return FacetValue(
        value=value, label=_label(table, facet, value), count=count,
        selected=req.is_selected(facet, value), excluded=req.is_excluded(facet, value),
        toggle=toggle, exclude_toggle=req.exclusion_toggled(facet, value),
    )


def ordered_values(counts: Counter, facet: str, req: SearchRequest, order: str = "count", contains: str = "") -> list[str]:
    chosen = set(req.include.get(facet, ())) | set(req.exclude.get(facet, ()))
    if facet == "date":
        values = _date_levels(counts, req)
        return values if order != "count" else sorted(values, key=lambda v: (v[:4], v))
    values = list(set(counts) | chosen)
    if contains:
        needle = contains.casefold()
        values = [v for v in values if needle in v.casefold() or v in chosen]
    if order == "name":
        return sorted(values, key=lambda v: (v.casefold(), v))
    return sorted(values, key=lambda v: (-counts.get(v, 0), v.casefold(), v))


def _by_count(counts: Counter):
    return lambda v: (-counts.get(v, 0), v.casefold(), v)


def top_values(counts: Counter, facet: str, req: SearchRequest, top: int) -> tuple[list[str], bool]:
    """The `top` values by count, then any chosen value beyond them; and whether more exist.

    The same as ordered_values(...)[:top] plus the chosen rest, without sorting thousands of speakers.
    """
    if facet == "date":
        values = ordered_values(counts, facet, req)
        return values, False
    chosen = set(req.include.get(facet, ())) | set(req.exclude.get(facet, ()))
    pool = set(counts) | chosen
    first = heapq.nsmallest(top, pool, key=_by_count(counts))
    rest = sorted(chosen.difference(first), key=_by_count(counts))
    return first + rest, len(pool) > top


def build_facets(table: Table, filtered: Filtered, req: SearchRequest, top: int = TOP_VALUES) -> dict[str, Facet]:
    facets: dict[str, Facet] = {}
    for name in FACETS:
        counts = count_values(table, name, filtered.per_facet[name], req)
        shown, has_more = top_values(counts, name, req, top)
        facets[name] = Facet(
            name=name, label=LABELS[name],
            values=[facet_value(table, name, v, counts.get(v, 0), req) for v in shown],
            has_more=has_more,
        )
    return facets
