"""The pasted path: prints, copies from a page and PDF text layers -> Article (headers, furniture, paragraphs)."""
from search.ingest.pasted.text import parse_pasted

__all__ = ["parse_pasted"]
