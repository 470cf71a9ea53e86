"""The Whoosh schema and Article <-> documents: one document per article, one per paragraph.

The article's document holds what is said once per article: its metadata
(stored as JSON, read for the hits shown and the article page) and the sources
it was parsed from with their content digests (what an incremental reindex
compares). Each write adds one vocabulary document: the unstemmed words of all
it wrote, which did-you-mean draws its suggestions from. Each paragraph's
document holds its text, speakers and the facet values it is filtered on: a
compact JSON "row" column that the query layer reads per segment once (and
keeps decoded beside the segment: search/index/rows.py), then filters and
counts in memory (the article's document holds the article's part of the row,
each paragraph's its own: see article_row and paragraph_row). The title is
indexed on every paragraph (a `title:` search finds paragraphs) but analysed once per article.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Iterable, Mapping

from whoosh import formats
from whoosh.analysis import RegexTokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, FieldType, SchemaClass

from search.index.fields import RepeatedStemmedText, SaidWords, StemmedText, UnscoredWords
from search.index.stories import Signature
from search.model import Article, Paragraph, Speaker
from search.speakers.identity import fold

__all__ = ["ParagraphSchema", "UnscoredWords"]  # UnscoredWords: indexes written before version 2 name it here

# Index a sentinel where a multi-valued field has no value: facets over vector
# fields crash on empty documents. The query layer never shows it.
NO_VALUE = "\u2205"
# 4: former ids, story bands and signatures; 5: speakers' spans, the `said` field; 6: packed postings
SCHEMA_VERSION = 6
ARTICLE_KIND = "article"  # the `kind` of an article's own document
VOCABULARY_KIND = "vocabulary"  # the `kind` of a write's vocabulary document


class SourceNames(FieldType):
    """File names under sources/, several to a document, split on "/" (which no file name holds)."""

    def __init__(self) -> None:
        self.format = formats.Existence()
        self.analyzer = RegexTokenizer(r"[^/]+")
        self.scorable = False
        self.stored = False
        self.unique = False
        self.column_type = None
        self.spelling = False


class ParagraphSchema(SchemaClass):
    article_id = ID(stored=True)  # every document of the article: one delete removes them all
    kind = ID()  # "article" on the article's own document
    article = ID(unique=True)  # the article's own document: its id
    n = STORED()  # paragraph number
    text = StemmedText(stored=True)
    title = RepeatedStemmedText(field_boost=1.5)  # every paragraph: `title:otters`
    plain = UnscoredWords()  # vocabulary documents: unstemmed words, for did-you-mean
    speaker = UnscoredWords(positions=True)  # "speaker:ryabkov" matches the surname
    speakers = KEYWORD(commas=True, lowercase=False)  # exact names (sentinel if none)
    section = ID()
    author = KEYWORD(commas=True, lowercase=False)
    site = ID()
    date = ID()  # ISO day, "" when undated
    said = SaidWords()  # each speaker's own words (their spans), by speaker: `said:sanctions`
    speakers_json = STORED()  # [[name, role, kind, [[start, end], ...]], ...] (3 items before version 4)
    meta_json = STORED()  # the article's document: its metadata
    sources = SourceNames()  # the article's document: the source files it was parsed from
    sources_json = STORED()  # {source name: content digest}
    row = COLUMN(VarBytesColumn())  # facet values: article_row() and paragraph_row()
    # The article's document: the ids it had before (their URLs redirect to it), and its near-duplicate
    # signature: (story, shingles, MinHash values) stored, its bands indexed (search/index/stories.py).
    former = KEYWORD(stored=True, lowercase=False)
    bands = KEYWORD(lowercase=False)
    signature = STORED()


def _speaker_list(p: Paragraph) -> list[list[Any]]:
    return [[s.name, s.role, s.kind] for s in p.speakers]


def _speakers_stored(p: Paragraph) -> list[list[Any]]:
    """Each speaker with the spans of their words: what hits, pages and exports show."""
    return [[s.name, s.role, s.kind, [list(span) for span in s.spans]] for s in p.speakers]


def speaker_key(name: str) -> str:
    """A speaker's name as the `said` field's terms hold it: case and possessive blind."""
    return fold(name)


def said_value(p: Paragraph) -> list[tuple[str, list[str]]]:
    """The `said` field's value: each speaker's key and the texts of their spans."""
    return [(speaker_key(s.name), [p.text[a:b] for a, b in s.spans]) for s in p.speakers if s.spans]


def article_row(article: Article, story: str = "") -> bytes:
    """The facet values every paragraph of the article shares; its paragraphs' rows follow it.
    `story`: the story its near-duplicates share (its own id when it has none)."""
    day = article.published_date
    return _compact({"a": article.id, "st": story or article.id, "se": article.section or "",
                     "au": list(article.authors), "si": article.site or "", "d": day.isoformat() if day else "",
                     "tg": list(article.tags), "ti": article.title or "",
                     "ad": article.added.isoformat(timespec="microseconds") if article.added else ""})


def paragraph_row(p: Paragraph) -> bytes:
    """[paragraph number, [[name, role, kind], ...]]: a paragraph's own facet values."""
    return _compact([p.n, _speaker_list(p)])


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


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


def article_documents(article: Article, sources: Mapping[str, str] | None = None, *,
                      former: Iterable[str] = (), story: str = "",
                      signature: Signature | None = None) -> list[dict[str, Any]]:
    """The Whoosh documents for one article: its own, then one per paragraph.

    `sources`: source file name -> content digest of every source this article was
    parsed from (by default its `source_name`, digest unknown). `former`: the ids the
    article had before. `story`, `signature`: see search/index/stories.py."""
    if sources is None:
        sources = {article.source_name: ""} if article.source_name else {}
    day = article.published_date
    section = article.section or NO_VALUE
    author = ",".join(a.replace(",", " ") for a in article.authors) or NO_VALUE
    site = article.site or NO_VALUE
    iso_day = day.isoformat() if day else ""
    docs = [{
        "article_id": article.id,
        "kind": ARTICLE_KIND,
        "article": article.id,
        "meta_json": json.dumps(article_meta(article)),
        "sources": "/".join(sources),
        "sources_json": json.dumps(dict(sources)),
        "row": article_row(article, story),
    }]
    former = sorted(set(former) - {article.id})
    if former:
        docs[0]["former"] = " ".join(former)
    if signature is not None:
        docs[0]["bands"] = " ".join(signature.band_terms())
        docs[0]["signature"] = signature.to_stored(story or article.id)
    for p in article.paragraphs:
        names = [s.name for s in p.speakers]
        docs.append({
            "article_id": article.id,
            "n": p.n,
            "text": p.text,
            "title": article.title,
            "speaker": " ; ".join(names),
            "speakers": ",".join(n.replace(",", " ") for n in names) or NO_VALUE,
            "section": section,
            "author": author,
            "site": site,
            "date": iso_day,
            "speakers_json": json.dumps(_speakers_stored(p)),
            "said": said_value(p),
            "row": paragraph_row(p),
        })
    return docs


def vocabulary_document(words: Iterable[str]) -> dict[str, Any]:
    """The document holding the unstemmed words of one write (see plain_words)."""
    return {"kind": VOCABULARY_KIND, "plain": "\n".join(words)}


def speakers_from_json(text: str | None) -> list[Speaker]:
    """The stored speakers; an index written before spans were stored gives none (a reindex adds them)."""
    return [Speaker(name=s[0], role=s[1], kind=s[2], spans=tuple(tuple(span) for span in s[3]) if len(s) > 3 else ())
            for s in json.loads(text or "[]")]


def published_from_meta(meta: dict[str, Any]) -> date | datetime | None:
    value = meta.get("published")
    if not value:
        return None
    return datetime.fromisoformat(value) if meta.get("published_is_datetime") else date.fromisoformat(value)


def article_from_documents(stored: list[dict[str, Any]]) -> Article | None:
    """Rebuild an Article from its stored documents (any order)."""
    paragraphs = sorted((d for d in stored if "n" in d), key=lambda d: d["n"])
    meta_doc = next((d for d in stored if d.get("meta_json")), None)
    if meta_doc is None:
        return None
    meta = json.loads(meta_doc["meta_json"])
    return Article(
        id=meta_doc["article_id"],
        title=meta.get("title", ""),
        standfirst=meta.get("standfirst"),
        section=meta.get("section"),
        authors=meta.get("authors", []),
        published=published_from_meta(meta),
        site=meta.get("site"),
        url=meta.get("url"),
        agency=meta.get("agency"),
        source_name=meta.get("source_name"),
        tags=list(meta.get("tags", [])),
        added=datetime.fromisoformat(meta["added"]) if meta.get("added") else None,
        paragraphs=[
            Paragraph(n=d["n"], text=d["text"], speakers=speakers_from_json(d.get("speakers_json"))) for d in paragraphs
        ],
    )
