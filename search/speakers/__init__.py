"""Who speaks in each paragraph: `attribute(paragraphs) -> list[list[Speaker]]`.

Rule based and a pure function of its input (see attribute.py for the flow).
"""
from __future__ import annotations

from search.speakers.attribute import attribute

__all__ = ["attribute"]
