"""Stepping through the hits of a search from an article page."""
from __future__ import annotations

from dataclasses import dataclass, field

from search.request import SearchRequest


@dataclass
class HitTrail:
    """Where a paragraph sits among the hits of the search the reader came from."""

    rank: int | None = None  # 0-based position in the flat hit list
    total: int = 0
    previous: tuple[str, int, int] | None = None  # (article_id, paragraph, rank)
    next: tuple[str, int, int] | None = None
    paragraphs_here: set[int] = field(default_factory=set)  # hits inside this article


def hit_trail(library, state: SearchRequest, article_id: str, paragraph: int | None) -> HitTrail:
    """Find (article_id, paragraph) in the flat, sorted hit list of `state` (the first hit
    of the article when no paragraph is given), with its neighbours and the article's other hits.

    Library.hit_refs gives every hit as (article_id, paragraph) from the in-memory facet
    table, without loading stored fields, so a hit ranked thousands deep costs no more
    than the first.
    """
    refs = library.hit_refs(state.with_(view="flat"))
    trail = HitTrail(total=len(refs))
    here = [rank for rank, (a, _) in enumerate(refs) if a == article_id]
    trail.paragraphs_here = {refs[rank][1] for rank in here}
    rank = next((r for r in here if paragraph is None or refs[r][1] == paragraph), None)
    if rank is None:
        return trail
    trail.rank = rank
    if rank > 0:
        trail.previous = (*refs[rank - 1], rank - 1)
    if rank + 1 < len(refs):
        trail.next = (*refs[rank + 1], rank + 1)
    return trail
