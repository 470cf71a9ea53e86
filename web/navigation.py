"""Stepping through the hits of a search from an article page, in the order its results pages show them."""
from __future__ import annotations

from dataclasses import dataclass, field

from search.request import SearchRequest


@dataclass(frozen=True)
class TrailStop:
    """One hit of the trail: which paragraph, its place in the trail and the results page that shows it."""

    article_id: str
    paragraph: int
    rank: int  # 0-based position among all the hits of the search
    page: int  # the results page (of the search's view and page size) that lists it


@dataclass
class HitTrail:
    """Where a paragraph sits among the hits of the search the reader came from."""

    here: TrailStop | None = None
    total: int = 0
    previous: TrailStop | None = None
    next: TrailStop | None = None
    paragraphs_here: set[int] = field(default_factory=set)  # hits inside this article


def hit_trail(library, state: SearchRequest, article_id: str, paragraph: int | None) -> HitTrail:
    """Find (article_id, paragraph) among the hits of `state` (the article's first hit when no
    paragraph is given), with its neighbours and the article's other hits.

    The hits come in the order of the search's own view: the flat view's order, or in the
    grouped view article by article as the groups appear, each article's paragraphs in
    its own order (those behind "N more in this article" right after the ones shown).
    Library.hit_refs gives them from the in-memory facet table, without stored fields,
    so a hit ranked thousands deep costs no more than the first.
    """
    refs = library.hit_refs(state)
    trail = HitTrail(total=len(refs))
    here = [rank for rank, (a, _) in enumerate(refs) if a == article_id]
    trail.paragraphs_here = {refs[rank][1] for rank in here}
    rank = next((r for r in here if paragraph is None or refs[r][1] == paragraph), None)
    if rank is None:
        return trail
    page_of = _pager(refs, state)

    def stop(r: int) -> TrailStop:
        return TrailStop(*refs[r], rank=r, page=page_of(r))

    trail.here = stop(rank)
    if rank > 0:
        trail.previous = stop(rank - 1)
    if rank + 1 < len(refs):
        trail.next = stop(rank + 1)
    return trail


def _pager(refs: list[tuple[str, int]], state: SearchRequest):
    """rank -> the results page listing that hit: the flat view pages hits, the grouped view articles."""
    if state.view == "flat":
        return lambda rank: rank // state.size + 1
    ordinal: dict[str, int] = {}
    for article_id, _ in refs:
        ordinal.setdefault(article_id, len(ordinal))
    return lambda rank: ordinal[refs[rank][0]] // state.size + 1
