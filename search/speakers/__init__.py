"""Who speaks in each paragraph: `attribute(paragraphs) -> list[list[Speaker]]`.

Rule based and a pure function of its input (see attribute.py for the flow).
"""
from __future__ import annotations

from search.speakers.attribute import attribute
from search.speakers.coref import surname_of
from search.speakers.first_names import gender_of_first_name
from search.speakers.mentions import _org_word
from search.speakers.names import _NP_CACHE, _org_token

__all__ = ["attribute", "clear_caches"]


def clear_caches() -> None:
    """Forget the memoised word and phrase parses (they only save time; a
    benchmark calls this to time a cold start)."""
    _NP_CACHE.clear()
    for cached in (gender_of_first_name, _org_word, _org_token, surname_of):
        cached.cache_clear()
