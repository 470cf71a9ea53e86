"""The saved-page path: .html and .mhtml pages -> Article (body, metadata, hygiene)."""
from search.ingest.html.page import parse_html

__all__ = ["parse_html"]
