"""The best-scored matches among a set of allowed paragraphs.

Whoosh filters a search by reading every match of the query and dropping those
outside the filter: a broad word narrowed to one section reads all of the
word's matches to score a fifth of them. When the filters leave few of the
matches, the collector here walks the allowed paragraphs instead and skips the
query's matcher to each (posting blocks skip by their headers and within a
block by bisection: search/index/postings.py), scoring only those it lands on.
The scores, the order and the ties are Whoosh's own: the same documents reach
the same top collector in the same order.
"""
from __future__ import annotations

from bisect import bisect_left

from whoosh.collectors import TopCollector, UnlimitedCollector
from whoosh.query import Query
from whoosh.searching import Searcher

# Skipping to an allowed paragraph costs about what reading two matches does: when the
# filters keep less than half of the matches, walk the allowed ones (measured at 200k
# paragraphs: the same where they keep 58%, 1.4x to 4x faster at 25% and below).
SKIP_COST = 2


class _Allowed:
    """A collector that collects the allowed documents only, reached by skipping."""

    _allowed: list[int]  # top-level document numbers, sorted

    def collect_matches(self) -> None:
        matcher, offset = self.matcher, self.offset
        allowed = self._allowed
        start = bisect_left(allowed, offset)
        stop = bisect_left(allowed, offset + self.subsearcher.doc_count_all(), start)
        is_active, current, skip_to, score = matcher.is_active, matcher.id, matcher.skip_to, matcher.score
        add = self._collect  # what Collector.collect does but the hook no search here sets (final_fn)
        for docnum in allowed[start:stop]:
            if not is_active():
                return
            sub = docnum - offset
            at = current()
            if at < sub:
                skip_to(sub)
                if not is_active():
                    return
                at = current()
            if at == sub:
                add(docnum, score())


class AllowedTopCollector(_Allowed, TopCollector):
    def __init__(self, allowed: list[int], limit: int) -> None:
        super().__init__(limit=limit)
        self._allowed = allowed


class AllowedCollector(_Allowed, UnlimitedCollector):
    def __init__(self, allowed: list[int]) -> None:
        super().__init__()
        self._allowed = allowed


def scored(searcher: Searcher, query: Query, allowed: set[int] | None, limit: int | None,
           matched: int) -> list[tuple[int, float]]:
    """(document number, score) of the `limit` best matches of `query` in `allowed` (None: all);
    `matched`: how many documents the query matches, to choose how to get there."""
    if allowed is not None and len(allowed) * SKIP_COST < matched:
        ordered = sorted(allowed)
        collector = AllowedCollector(ordered) if limit is None else AllowedTopCollector(ordered, limit)
        searcher.search_with_collector(query, collector)
        return list(collector.results().items())
    return list(searcher.search(query, filter=allowed, limit=limit).items())
