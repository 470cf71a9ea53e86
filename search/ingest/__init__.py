"""Ingest: bytes or text in, a clean Article out. Pure: no disk, no globals.

    parse(data, filename=None, url=None) -> Article     (pipeline.py: read -> speakers -> id)

The shared steps and rules sit here (decode, furniture, bylines, captions, dates, sites, rules); the saved-page
path in html/, the pasted path (prints, copies, PDF text layers) in pasted/.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from search.errors import IngestError

if TYPE_CHECKING:
    from search.model import Article

__all__ = ["parse", "IngestError"]


def parse(data: bytes | str, *, filename: str | None = None, url: str | None = None) -> Article:
    """A clean Article from a pasted text, a saved page or a PDF (pipeline.parse)."""
    # The rules (hundreds of regular expressions, trafilatura, lxml) load on the first parse, so that
    # a process that only searches, or only hands cuttings to parse workers, never loads them.
    from search.ingest.pipeline import parse as parse_article

    return parse_article(data, filename=filename, url=url)
