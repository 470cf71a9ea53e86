"""One cutting in, one Article out: read it, find who speaks, give it its id.

    parse(data, filename=None, url=None) -> Article

read a PDF's text layer (then the pasted path) or unpack a web archive (.mhtml) -> decode (charset + ftfy)
-> sniff HTML vs pasted text -> the matching path (html/ or pasted/) -> the agency a dateline names
-> speakers for every paragraph -> a content-derived id.
"""
from __future__ import annotations

from search import speakers
from search.errors import IngestError
from search.ids import article_id
from search.ingest.bylines import find_agency
from search.ingest.decode import decode, looks_like_html
from search.ingest.html import parse_html
from search.ingest.html.mhtml import is_mhtml, page_from_mhtml
from search.ingest.pasted import parse_pasted
from search.ingest.pasted.pdf import is_pdf, pdf_text
from search.model import Article, Paragraph

__all__ = ["parse", "read_article"]


def read_article(data: bytes | str, *, filename: str | None = None, url: str | None = None) -> Article:
    """The article's text and metadata, without speakers or id. Raises IngestError naming the input."""
    name = filename or "the pasted text"
    if is_pdf(data):  # "Save as PDF": its text layer is a print, read like one
        article = parse_pasted(decode(pdf_text(data, name=name), name=name), name=name, url=url)
    else:
        archived = is_mhtml(data, filename)
        if archived:  # "Webpage, Single File": the page inside the archive
            data, archived_url = page_from_mhtml(data, name)
            url = url or archived_url
        text = decode(data, name=name)
        if archived or looks_like_html(text, filename):
            article = parse_html(text, url=url, name=name)
        else:
            article = parse_pasted(text, name=name, url=url)
    if url and not article.url:
        article.url = url
    if not article.paragraphs:
        raise IngestError(f"No article text was found in {name}.")
    article.agency = article.agency or find_agency(article.paragraphs[0].text)
    return article


def parse(data: bytes | str, *, filename: str | None = None, url: str | None = None) -> Article:
    """Turn one cutting (a saved page, a paste or a PDF) into an Article with speakers and an id.

    Raises IngestError (or InputTooLarge) with a message naming the input when
    it is empty, not text, too large, or holds no article.
    """
    article = read_article(data, filename=filename, url=url)
    texts = [p.text for p in article.paragraphs]
    article.paragraphs = [
        Paragraph(n=i, text=t, speakers=s) for i, (t, s) in enumerate(zip(texts, speakers.attribute(texts)))
    ]
    article.id = article_id(article)
    return article
