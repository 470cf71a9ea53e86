"""What the library answers: search results (hits, facets, suggestions) and speaker profiles,
ready to render as HTML, JSON, Atom or CSV."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING

from search.model import Article, Paragraph, Speaker

if TYPE_CHECKING:  # types only: the request and the facet kinds import these results
    from search.query.facets import FacetKind
    from search.request import SearchRequest


@dataclass
class FacetValue:
    value: str
    label: str  # how the value reads, on the page and on its filter chip: "Sergei Ryabkov", "January 2022"
    count: int
    detail: str | None = None  # a second line in the facet's list: "Russia's deputy foreign minister"
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
    kind: FacetKind | None = None  # what the page needs to know of it (histogram, extra controls)


@dataclass
class StoryCopy:
    """A near-duplicate of a result's article (the same story in another copy), collapsed under it."""

    article_id: str
    title: str
    hits: int  # its paragraphs that match the search


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
    tags: list[str] = field(default_factory=list)  # the user's tags on the article
    # grouped view, on the first hit shown for an article: the other copies of its story that match too,
    # collapsed under it ("and 1 more copy")
    copies: list[StoryCopy] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph}"

    @classmethod
    def of_paragraph(cls, article: Article, p: Paragraph) -> Hit:
        """A paragraph of an article page as a hit (for exports and citations of it)."""
        return cls(article_id=article.id, paragraph=p.n, title=article.title, date=article.published_date,
                   site=article.site, section=article.section, authors=list(article.authors),
                   speakers=list(p.speakers), text=p.text, snippet_html=html.escape(p.text), tags=list(article.tags))


@dataclass
class NearDuplicate:
    """An article in the library that tells the same story as a cutting (search/index/stories.py)."""

    article_id: str
    title: str
    date: date | None
    overlap: float  # the share of the shorter text's word sequences that the other holds, 0-1

    @property
    def percent(self) -> int:
        return round(self.overlap * 100)


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
    undated_left_out: int = 0  # undated paragraphs that match but a date filter leaves out (the page says so)
    total_stories: int = 0  # the grouped view's groups: articles, an article and its copies counted once

    def article_groups(self) -> list[tuple[Hit, list[Hit], int]]:
        """Consecutive hits of one article (the grouped view) as (first hit, hits, more in the article)."""
        groups = []
        for _article, run in groupby(self.hits, key=lambda h: h.article_id):
            run = list(run)
            groups.append((run[0], run, max(h.more_in_article for h in run)))
        return groups

    @property
    def pages(self) -> int:
        return (
            max(1, -(-self.total // self.request.size))
            if self.request.view == "flat"
            else max(1, -(-(self.total_stories or self.total_articles) // self.request.size))
        )


@dataclass
class SpeakerProfile:
    """How often, in which roles, when and alongside whom one speaker is quoted."""

    name: str
    total: int  # paragraphs in which this speaker speaks
    articles: int
    roles: list[tuple[str, int]] = field(default_factory=list)  # role -> paragraphs, most frequent first
    timeline: list[tuple[str, int]] = field(default_factory=list)  # ("2022-01", count), chronological
    co_speakers: list[tuple[str, int]] = field(default_factory=list)  # others in the same articles, by articles shared
    variants: list[str] = field(default_factory=list)  # other spellings of the name the library merged into it
