"""The one shape of an article's metadata, whichever path read it.

    Metadata(title, standfirst, section, authors, published, site, url, agency)
    metadata.article(paragraphs) -> Article   the metadata with its paragraphs (no speakers, no id yet)

The saved-page path (html/metadata.py: PageMetadata) and the pasted path (pasted/header.py: Header) each extend
it with what only they need to know (the page's JSON-LD types; where the header ends).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from search.model import Article, Paragraph

__all__ = ["Metadata"]


@dataclass
class Metadata:
    title: str | None = None
    standfirst: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | datetime | None = None
    site: str | None = None
    url: str | None = None
    agency: str | None = None  # a news agency named in the dateline: "Reuters"

    def article(self, paragraphs: list[str]) -> Article:
        return Article(title=self.title or "", standfirst=self.standfirst, section=self.section,
                       authors=list(self.authors), published=self.published, site=self.site, url=self.url,
                       agency=self.agency, paragraphs=[Paragraph(n=i, text=p) for i, p in enumerate(paragraphs)])
