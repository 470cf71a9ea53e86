"""Ingest: bytes or text in, a clean Article out. Pure: no disk, no globals.

    parse(data, filename=None, url=None) -> Article

read a PDF's text layer (then the pasted path) or unpack a web archive (.mhtml) -> decode (charset + ftfy)
-> sniff HTML vs pasted text -> the matching extractor -> speakers for every paragraph -> a content-derived id.
"""
from __future__ import annotations

from search import speakers
from search.errors import IngestError
from search.ids import article_id
from search.ingest.decode import decode, looks_like_html
from search.ingest.html.mhtml import is_mhtml, page_from_mhtml
from search.ingest.pasted.pdf import is_pdf
from search.model import Article, Paragraph

__all__ = ["parse", "IngestError"]


def parse(data: bytes | str, *, filename: str | None = None, url: str | None = None) -> Article:
    """Turn one cutting (a saved page or a paste) into an Article with speakers and an id.

    Raises IngestError (or InputTooLarge) with a message naming the input when
    it is empty, not text, too large, or holds no article.
    """
    name = filename or "the pasted text"
    if is_pdf(data):  # "Save as PDF": its text layer is a print, read like one
        from search.ingest.pasted import parse_pasted
        from search.ingest.pasted.pdf import pdf_text

        text = decode(pdf_text(data, name=name), name=name)
        return _with_speakers_and_id(parse_pasted(text, name=name, url=url), url, name)
    archived = is_mhtml(data, filename)
    if archived:  # "Webpage, Single File": the page inside the archive
        data, archived_url = page_from_mhtml(data, name)
        url = url or archived_url
    text = decode(data, name=name)
    if archived or looks_like_html(text, filename):
        from search.ingest.html import parse_html

        article = parse_html(text, url=url, name=name)
    else:
        from search.ingest.pasted import parse_pasted

        article = parse_pasted(text, name=name, url=url)
    return _with_speakers_and_id(article, url, name)


def _with_speakers_and_id(article: Article, url: str | None, name: str) -> Article:
    if url and not article.url:
        article.url = url
    if not article.paragraphs:
        raise IngestError(f"No article text was found in {name}.")
    texts = [p.text for p in article.paragraphs]
    article.paragraphs = [
        Paragraph(n=i, text=t, speakers=s) for i, (t, s) in enumerate(zip(texts, speakers.attribute(texts)))
    ]
    article.id = article_id(article)
    return article
