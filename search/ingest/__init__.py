"""Ingest: bytes or text in, a clean Article out. Pure: no disk, no globals.

    parse(data, filename=None, url=None) -> Article     (pipeline.py: read -> speakers -> id)

The shared steps and rules sit here (decode, furniture, bylines, captions, dates, sites, rules); the saved-page
path in html/, the pasted path (prints, copies, PDF text layers) in pasted/.
"""
from __future__ import annotations

from search.errors import IngestError
from search.ingest.pipeline import parse

__all__ = ["parse", "IngestError"]
