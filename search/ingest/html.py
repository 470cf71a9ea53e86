"""PLACEHOLDER: saved HTML page -> Article (to be written)."""
from search.model import Article


def parse_html(text: str, *, url: str | None = None, name: str = "the page") -> Article:
    raise NotImplementedError
