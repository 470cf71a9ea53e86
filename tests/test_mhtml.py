"""Pages saved by Chrome as one file (.mhtml): the page inside the archive is ingested like the .html."""
from __future__ import annotations

import email.charset
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from search.errors import IngestError
from search.ingest import parse
from search.ingest.html.mhtml import is_mhtml

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = (REPO / "tests" / "fixtures" / "html" / "herald-rail-talks.mhtml").read_bytes()  # saved by chromium
PAGE = (REPO / "tests" / "web" / "fixtures" / "herald-rail-talks.html").read_bytes()


def _archive(html: str, charset: str, *, with_html: bool = True) -> bytes:
    """An archive as other browsers write them: a charset-labelled, quoted-printable page and an image."""
    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = "https://courier.example/news/lido"
    if with_html:
        qp = email.charset.Charset(charset)
        qp.body_encoding = email.charset.QP
        message.attach(MIMEText(html, "html", qp))
    message.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(64), "png"))
    return message.as_bytes()


def test_chrome_single_file_page_reads_like_the_html_page():
    archived, page = parse(ARCHIVE, filename="rail.mhtml"), parse(PAGE, filename="rail.html")
    assert archived.title == page.title == "Rail strike talks collapse without a deal"
    assert [p.text for p in archived.paragraphs] == [p.text for p in page.paragraphs]
    assert archived.authors == page.authors and archived.published == page.published
    assert archived.url == "https://herald.example/news/rail-strike-talks"  # where the page was saved from


def test_an_archive_is_recognised_without_its_name():
    assert is_mhtml(ARCHIVE, None) and not is_mhtml(PAGE, None)
    assert parse(ARCHIVE).title == "Rail strike talks collapse without a deal"


def test_a_cp1252_page_inside_an_archive_keeps_its_accents():
    html = ("<html><head><title>Caf\u00e9 owners cheer the lido\u2019s return</title></head><body><article>"
            "<h1>Caf\u00e9 owners cheer the lido\u2019s return</h1>"
            "<p>The caf\u00e9 on the front expects its busiest summer since the lido closed, "
            "its owner said on Monday.</p>"
            "<p>\u201cWe will open at seven every day,\u201d said Ren\u00e9e Marchetti, "
            "who runs it with her brother.</p>"
            "</article></body></html>")
    article = parse(_archive(html, "windows-1252"), filename="lido.mht")
    text = " ".join(p.text for p in article.paragraphs)
    assert "caf\u00e9 on the front" in text and "Ren\u00e9e Marchetti" in text
    assert article.url == "https://courier.example/news/lido"


def test_an_archive_without_a_page_is_refused_naming_the_file():
    with pytest.raises(IngestError, match="pictures.mhtml.*without an HTML page"):
        parse(_archive("", "utf-8", with_html=False), filename="pictures.mhtml")


def test_an_archive_in_the_library_survives_a_reindex(empty_home):
    from search.library import Library
    from search.request import SearchRequest

    library = Library(empty_home)
    try:
        library.add(ARCHIVE, "rail.mhtml")
        assert library.reindex(progress=False) == 1
        hits = library.search(SearchRequest(q="commuters"), facets=False).hits
        assert [h.article_id for h in hits] and "Rail strike" in library.article(hits[0].article_id).title
    finally:
        library.close()
