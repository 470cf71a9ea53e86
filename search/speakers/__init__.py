"""Who speaks in each paragraph. PLACEHOLDER until the speakers module lands."""
from __future__ import annotations

from search.model import Speaker


def attribute(paragraphs: list[str]) -> list[list[Speaker]]:
    return [[] for _ in paragraphs]
