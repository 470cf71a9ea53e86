"""Stepping through the hits of a search from an article page."""
from __future__ import annotations

from dataclasses import dataclass, field

from search.request import SearchRequest

SCAN_LIMIT = 5000  # hits walked to place an article in its search; beyond this no previous/next is shown


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

    Walks Library.iter_hits (display order, no highlighting) and stops once it has what
    the page needs, so a search with many hits costs little when the article comes early.
    """
    trail = HitTrail()
    flat = state.with_(view="flat")
    trail.total = library.search(flat.with_(size=1)).total
    before: tuple[str, int, int] | None = None
    for rank, hit in enumerate(library.iter_hits(flat)):
        if rank >= SCAN_LIMIT:
            break
        here = hit.article_id == article_id
        if trail.rank is not None and trail.next is None:
            trail.next = (hit.article_id, hit.paragraph, rank)
        if here:
            trail.paragraphs_here.add(hit.paragraph)
            if trail.rank is None and (paragraph is None or hit.paragraph == paragraph):
                trail.rank, trail.previous = rank, before
        if trail.next is not None and paragraph is not None:
            break  # the reader came for one paragraph: its neighbours are enough
        before = (hit.article_id, hit.paragraph, rank)
    return trail
