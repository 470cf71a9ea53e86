"""Apply the user's decisions to a freshly parsed Article: the one step between parsing and indexing.

Pure: the same article and decisions always give the same result, and the input
is not changed. A decision that no longer fits (the paragraph it names is gone
or its text changed, e.g. after a parser change) is not applied and is described
in `Curated.notes`, so that reindex reports it; it stays stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from search.curation.decisions import ArticleDecisions, NameDecisions, published_from_value, text_hash
from search.model import Article, Paragraph, Speaker, renamed_speakers


@dataclass
class Curated:
    article: Article
    notes: list[str] = field(default_factory=list)  # decisions that no longer apply, in words


def find_paragraph(paragraphs: list[Paragraph], n: int, hashed: str) -> Paragraph | None:
    """The paragraph numbered `n` if its text is still the one decided on, else the one
    paragraph with that text (the parser now splits the article differently), else None."""
    for p in paragraphs:
        if p.n == n and text_hash(p.text) == hashed:
            return p
    same = [p for p in paragraphs if text_hash(p.text) == hashed]
    return same[0] if len(same) == 1 else None


def apply_decisions(article: Article, decisions: ArticleDecisions | None, names: NameDecisions) -> Curated:
    paragraphs = [replace(p, speakers=list(p.speakers)) for p in article.paragraphs]
    out = replace(article, paragraphs=paragraphs, authors=list(article.authors), tags=list(article.tags))
    notes: list[str] = []
    if decisions is not None:
        _set_fields(out, decisions)
        for fix in decisions.speakers.values():
            p = find_paragraph(paragraphs, fix.n, fix.hash)
            if p is None:
                who = "; ".join(s.name for s in fix.speakers) or "no one"
                notes.append(f"the speakers you set on ¶{fix.n} ({who}) no longer apply: "
                             "no paragraph of the article has that text now")
            else:
                p.speakers = _with_parsed_spans(fix.speakers, p.speakers)
        for star in decisions.stars.values():
            if find_paragraph(paragraphs, star.n, star.hash) is None:
                notes.append(f"the star on ¶{star.n} no longer applies: no paragraph of the article has that text now")
        out.tags = list(decisions.tags)
    if names.merges:
        for p in paragraphs:
            p.speakers = merged_speakers(p.speakers, names)
    return Curated(out, notes)


def _with_parsed_spans(fixed: list[Speaker], parsed: list[Speaker]) -> list[Speaker]:
    """The user's speakers, each keeping the words the parser found theirs (a changed kind or
    role does not change whose words they are; a speaker the user added has none)."""
    spans = {s.name: s.spans for s in parsed}
    return [replace(s, spans=spans.get(s.name, ())) for s in fixed]


def _set_fields(article: Article, decisions: ArticleDecisions) -> None:
    for name, value in decisions.fields.items():
        if name == "published":
            article.published = published_from_value(value)
        elif name == "authors":
            article.authors = list(value)
        else:
            setattr(article, name, value)


def merged_speakers(speakers: list[Speaker], names: NameDecisions) -> list[Speaker]:
    """Each speaker under their merged name; one speaker named twice becomes one
    (keeping a role if either had one, direct if either was quoted directly, and the words of both)."""
    return renamed_speakers(speakers, names.canonical)
