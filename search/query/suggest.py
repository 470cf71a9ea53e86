"""Speaker names as the reader types them: the autocomplete of the search box and the speaker facet.

Over the library's shown names (one per speaker, search/index/speaker_names.py):
a name matches when it, or one of its words, starts with what was typed
("bla" finds Tony Blair; "tony b" finds him too), case-blind; the most quoted
first. Answered from the in-memory table: no query, no stored fields.
"""
from __future__ import annotations

import heapq
import re

from search.index.table import Table
from search.query.facets import FACET_KINDS

SUGGESTIONS = 8  # names offered at once
_WORD_START = re.compile(r"(?:^|[\s\-'\u2019.(])(?=\w)")


def _starts(name: str, typed: str) -> bool:
    low = name.casefold()
    return any(low.startswith(typed, m.end()) for m in _WORD_START.finditer(low))


def speaker_suggestions(table: Table, typed: str, limit: int = SUGGESTIONS) -> list[tuple[str, int]]:
    """(name, paragraphs) of the speakers whose name or a word of it starts with `typed`, most quoted first."""
    typed = " ".join(typed.split()).casefold()
    if not typed:
        return []
    kind = FACET_KINDS["speaker"]
    counts = table.counts_over_all(kind)
    found = [name for name in counts if _starts(name, typed)]
    best = heapq.nsmallest(limit, found, key=lambda n: (not n.casefold().startswith(typed), -counts[n], n.casefold()))
    return [(name, counts[name]) for name in best]
