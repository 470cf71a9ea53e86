"""The Whoosh schema (one document per paragraph) and Article <-> document conversion.

Each paragraph document stores what a result row needs (text, title, date,
site, section, speakers); paragraph 0 also stores the article's metadata, so
an article page is rendered from the index alone. A compact JSON "row" column
carries every facet value of the paragraph: the query layer reads it per
segment once and then filters and counts facets in memory.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from whoosh import formats
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, FieldType, SchemaClass

from search.model import Article, Paragraph, Speaker

# Index a sentinel where a multi-valued field has no value: facets over vector
# fields crash on empty documents. The query layer never shows it.
NO_VALUE = "\u2205"
SCHEMA_VERSION = 1

_words = RegexTokenizer(r"\w+(?:['\u2019.-]\w+)*") | LowercaseFilter()


class UnscoredWords(FieldType):
    """Words for matching only: no scoring, so no per-document length bookkeeping (cheaper to write).

    With positions it answers phrase queries (speaker:"helen marsh"); without,
    it is the unstemmed vocabulary that did-you-mean draws from.
    """

    def __init__(self, positions: bool = False) -> None:
        self.format = formats.Positions() if positions else formats.Existence()
        self.analyzer = _words
        self.scorable = False
        self.stored = False
        self.unique = False
        self.column_type = None
        self.spelling = False


class ParagraphSchema(SchemaClass):
    doc_id = ID(unique=True, stored=True)  # "<article id>#p<n>"
    article_id = ID(stored=True)
    n = STORED()  # paragraph number
    text = TEXT(analyzer=StemmingAnalyzer(), stored=True, phrase=True)
    plain = UnscoredWords()  # unstemmed words: did-you-mean
    title = TEXT(analyzer=StemmingAnalyzer(), stored=True, field_boost=1.5)
    speaker = UnscoredWords(positions=True)  # "speaker:ryabkov" matches the surname
    speakers = KEYWORD(commas=True, lowercase=False)  # exact names (sentinel if none)
    section = ID(stored=True)
    author = KEYWORD(commas=True, lowercase=False)
    site = ID(stored=True)
    date = ID(stored=True)  # ISO day, "" when undated
    speakers_json = STORED()  # [[name, role, kind], ...]
    authors_json = STORED()
    meta_json = STORED()  # paragraph 0 only: the article's metadata
    row = COLUMN(VarBytesColumn())  # facet values, see facet_row()


def _speaker_list(p: Paragraph) -> list[list[Any]]:
    return [[s.name, s.role, s.kind] for s in p.speakers]


def facet_row(article: Article, p: Paragraph) -> dict[str, Any]:
    day = article.published_date
    return {
        "a": article.id,
        "n": p.n,
        "sp": _speaker_list(p),
        "se": article.section or "",
        "au": list(article.authors),
        "si": article.site or "",
        "d": day.isoformat() if day else "",
        "tg": list(article.tags),
        "ad": article.added.isoformat(timespec="microseconds") if article.added else "",
    }


def article_meta(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "v": SCHEMA_VERSION,
        "id": article.id,
        "title": article.title,
        "standfirst": article.standfirst,
        "section": article.section,
        "authors": list(article.authors),
        "published": published.isoformat() if published else None,
        "published_is_datetime": isinstance(published, datetime),
        "site": article.site,
        "url": article.url,
        "agency": article.agency,
        "source_name": article.source_name,
        "paragraphs": len(article.paragraphs),
        "tags": list(article.tags),
        "added": article.added.isoformat(timespec="microseconds") if article.added else None,
    }


def article_documents(article: Article) -> list[dict[str, Any]]:
    """The Whoosh documents for one article, one per paragraph."""
    day = article.published_date
    docs = []
    for p in article.paragraphs:
        names = [s.name for s in p.speakers]
        doc = {
            "doc_id": f"{article.id}#p{p.n}",
            "article_id": article.id,
            "n": p.n,
            "text": p.text,
            "plain": p.text,
            "title": article.title,
            "speaker": " ; ".join(names),
            "speakers": ",".join(n.replace(",", " ") for n in names) or NO_VALUE,
            "section": article.section or NO_VALUE,
            "author": ",".join(a.replace(",", " ") for a in article.authors) or NO_VALUE,
            "site": article.site or NO_VALUE,
            "date": day.isoformat() if day else "",
            "speakers_json": json.dumps(_speaker_list(p)),
            "authors_json": json.dumps(list(article.authors)),
            "row": json.dumps(facet_row(article, p), separators=(",", ":")).encode("utf-8"),
        }
        if p.n == article.paragraphs[0].n:
            doc["meta_json"] = json.dumps(article_meta(article))
        docs.append(doc)
    return docs


def speakers_from_json(text: str | None) -> list[Speaker]:
    return [Speaker(name=n, role=r, kind=k) for n, r, k in json.loads(text or "[]")]


def published_from_meta(meta: dict[str, Any]) -> date | datetime | None:
    value = meta.get("published")
    if not value:
        return None
    return datetime.fromisoformat(value) if meta.get("published_is_datetime") else date.fromisoformat(value)


def article_from_documents(stored: list[dict[str, Any]]) -> Article | None:
    """Rebuild an Article from its stored paragraph documents (any order)."""
    if not stored:
        return None
    stored = sorted(stored, key=lambda d: d["n"])
    meta_doc = next((d for d in stored if d.get("meta_json")), None)
    meta = json.loads(meta_doc["meta_json"]) if meta_doc else {}
    first = stored[0]
    return Article(
        id=first["article_id"],
        title=meta.get("title", first.get("title", "")),
        standfirst=meta.get("standfirst"),
        section=meta.get("section"),
        authors=meta.get("authors", json.loads(first.get("authors_json") or "[]")),
        published=published_from_meta(meta),
        site=meta.get("site"),
        url=meta.get("url"),
        agency=meta.get("agency"),
        source_name=meta.get("source_name"),
        tags=list(meta.get("tags", [])),
        added=datetime.fromisoformat(meta["added"]) if meta.get("added") else None,
        paragraphs=[
            Paragraph(n=d["n"], text=d["text"], speakers=speakers_from_json(d.get("speakers_json"))) for d in stored
        ],
    )
