"""What the article and speaker pages show of the user's curation: corrected values, stars, citations."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Flask

from search.curation.decisions import FIELD_LABELS, published_from_value, text_hash
from search.model import Article
from search.results import Hit
from search.serialize import Citation, citation
from web.templating import human_date
from web.urls import WebLinks


@dataclass
class ArticleCuration:
    corrected: dict[str, Any] = field(default_factory=dict)  # field -> what the parser found ("was")
    speakers_corrected: set[int] = field(default_factory=set)  # paragraphs whose speakers the user set
    starred: set[int] = field(default_factory=set)
    citations: dict[int, Citation] = field(default_factory=dict)  # by paragraph number
    labels: dict[str, str] = field(default_factory=lambda: dict(FIELD_LABELS))


def article_curation(library, article: Article) -> ArticleCuration:
    decisions = library.curation.decisions(article)
    out = ArticleCuration()
    texts = {p.n: text_hash(p.text) for p in article.paragraphs}
    if decisions is not None:
        out.corrected = {name: decisions.was.get(name) for name in decisions.fields}
        out.speakers_corrected = {n for n, fix in decisions.speakers.items() if texts.get(n) == fix.hash}
        out.starred = {n for n, star in decisions.stars.items() if texts.get(n) == star.hash}
    links = WebLinks()
    out.citations = {p.n: citation(Hit.of_paragraph(article, p), links) for p in article.paragraphs}
    return out


@dataclass
class SpeakerCuration:
    variants: list[str]  # names merged into this one
    merged_into: str | None  # this name is merged into another (its page shows that one)
    corrected: set[tuple[str, int]]  # (article_id, paragraph) whose speakers the user set
    citations: dict[tuple[str, int], Citation]


def speaker_curation(library, name: str, hits: list[Hit]) -> SpeakerCuration:
    names = library.curation.names()
    corrected = library.curation.speakers_corrected(hits)
    links = WebLinks()
    citations = {}
    for hit in hits:
        speaker = next((s for s in hit.speakers if s.name == name), None)
        citations[(hit.article_id, hit.paragraph)] = citation(hit, links, speaker)
    merged_into = names.canonical(name)
    return SpeakerCuration(names.variants_of(name), merged_into if merged_into != name else None, corrected,
                           citations)


def decided_value(value: Any, name: str = "") -> str:
    """A field's value as a sentence shows it: "undated", "no section", "A, B"."""
    if isinstance(value, list):
        return ", ".join(value) or "no one"
    if value in (None, ""):
        return "undated" if name == "published" else "nothing"
    if name == "published":
        return human_date(published_from_value(value))
    return str(value)


def init_app(app: Flask) -> None:
    from web.views.collections import saved_search_url

    app.jinja_env.filters["decided_value"] = decided_value
    app.jinja_env.globals.update(saved_search_url=saved_search_url)
