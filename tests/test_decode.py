"""search.ingest.decode: bytes in, repaired text out; non-text refused with a message naming the file."""
from __future__ import annotations

import codecs
import gzip
import io
import zipfile

import pytest

from search.errors import IngestError, InputTooLarge
from search.ingest import parse
from search.ingest.decode import MAX_INPUT_BYTES, decode, looks_like_html

TEXT = "He said he didn’t know — and that’s the café’s problem, not the council’s.\n"


def test_utf8_passes_through():
    assert decode(TEXT.encode("utf-8"), name="a.txt") == TEXT


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF8, "utf-8"), (b"", "utf-16")])
def test_bom_decides(bom, encoding):
    assert decode(bom + TEXT.encode(encoding), name="a.txt") == TEXT


def test_cp1252_text_is_decoded_not_rejected():
    assert decode(TEXT.encode("cp1252"), name="a.txt") == TEXT


def test_latin1_text_is_decoded():
    text = "Señor Peña paid 5 francs for the crème brûlée.\n"
    assert decode(text.encode("latin-1"), name="a.txt") == text


def test_meta_charset_is_used_for_a_page():
    html = f'<html><head><meta charset="windows-1252"></head><body><p>{TEXT}</p></body></html>'
    assert TEXT.strip() in decode(html.encode("cp1252"), name="a.html")


def test_http_equiv_charset_is_used_for_a_page():
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head>'
            f"<body><p>{TEXT}</p></body></html>")
    # ISO-8859-1 means windows-1252 in a browser: 0x92 is a curly apostrophe there
    assert TEXT.strip() in decode(html.encode("cp1252"), name="a.html")


def test_page_declaring_latin1_but_sent_as_utf8_is_read_as_utf8():
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{TEXT}</p></body></html>'
    assert TEXT.strip() in decode(html.encode("utf-8"), name="a.html")


def test_mojibake_is_repaired_in_pasted_text():
    assert decode("I donâ€™t know.".encode("utf-8"), name="paste") == "I don’t know."


def test_mojibake_through_parse_is_repaired():
    text = ("Ukraine talks\n\nThe minister said he donâ€™t expect progress this week, and the envoys "
            "left Geneva without a date for the next round.\n\nOfficials said the two sides would keep talking.\n")
    article = parse(text.encode("utf-8"), filename="talks.txt")
    assert "don’t" in " ".join(p.text for p in article.paragraphs)
    assert "â€" not in " ".join(p.text for p in article.paragraphs)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "a PNG image"),
        (_zip_bytes(), "a zip archive"),
        (gzip.compress(b"hello"), "a gzip archive"),
        (b"%PDF-1.7\n" + bytes(100), "a PDF"),
        (b"\x00\x01\x02\x03garbage" * 50, "a binary file"),
    ],
)
def test_binary_files_are_refused_with_their_name(data, what):
    with pytest.raises(IngestError) as caught:
        decode(data, name="upload.bin")
    assert "upload.bin" in str(caught.value) and what in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", ""])
def test_empty_input_is_refused(data):
    with pytest.raises(IngestError, match="paste is empty"):
        decode(data, name="the paste")


def test_oversized_input_is_refused_with_the_limit():
    with pytest.raises(InputTooLarge, match="the limit is 5 MB"):
        decode(b"a" * (MAX_INPUT_BYTES + 1), name="big.txt")


def test_html_sniffing():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("<!-- saved from url=(0014)about:internet -->\n<html><head></head></html>")
    assert looks_like_html("anything", "page.htm")
    assert not looks_like_html("<html>but a .txt</html>", "notes.txt")
    page = "<!DOCTYPE html><html><head><title>t</title><meta charset=utf-8></head><body><div><p>a</p><p>b</p></div>"
    assert looks_like_html(page, "saved-as.txt")  # a whole page under the wrong name is still a page
    assert not looks_like_html("Pasted text with a stray <u>underline</u> in it.")
