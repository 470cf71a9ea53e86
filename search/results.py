"""What a search returns: hits, facets and suggestions, ready to render as HTML, JSON or Atom."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from search.model import Speaker
from search.request import SearchRequest


@dataclass
class FacetValue:
    value: str
    label: str  # what the page shows, e.g. "Sergei Ryabkov — Russia's deputy foreign minister" or "January 2022"
    count: int
    selected: bool = False
    excluded: bool = False
    toggle: SearchRequest | None = None  # the state after clicking this value (web turns it into a URL)
    exclude_toggle: SearchRequest | None = None


@dataclass
class Facet:
    name: str  # URL parameter: speaker, section, author, site, date
    label: str  # "Speaker", "Section", ...
    values: list[FacetValue] = field(default_factory=list)
    has_more: bool = False  # more values exist than shown (see /facets/<name>)


@dataclass
class Hit:
    article_id: str
    paragraph: int  # Paragraph.n
    title: str
    date: date | None
    site: str | None
    section: str | None
    authors: list[str]
    speakers: list[Speaker]
    text: str  # plain paragraph text
    snippet_html: str  # HTML-escaped text with <mark> around matched terms
    score: float | None = None
    more_in_article: int = 0  # grouped view: how many further hits this article has beyond those shown
    # (set on the LAST hit shown for the article, 0 on the others, so "N more" renders after the group)
    article_hits: int = 1  # grouped view: all matching paragraphs in this article

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph}"


@dataclass
class FilterRemoval:
    """A way out of "no results": drop one filter and get `count` paragraphs."""

    facet: str  # speaker, section, author, site, date, range, kind
    label: str  # e.g. "Speaker: Sergei Ryabkov" or "not Speaker: X"
    count: int
    request: SearchRequest  # the state with that filter removed


@dataclass
class Results:
    request: SearchRequest
    total: int  # matching paragraphs
    hits: list[Hit]
    facets: dict[str, Facet]
    total_articles: int = 0
    suggestion: str | None = None  # did-you-mean query
    notes: list[str] = field(default_factory=list)  # e.g. "Your query had broken syntax; searched for the words."
    removals: list[FilterRemoval] = field(default_factory=list)  # when nothing matched: filters to drop, one by one

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.size)) if self.request.view == "flat" else max(1, -(-self.total_articles // self.request.size))
