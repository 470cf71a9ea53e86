"""Bytes -> repaired text: BOM, then valid UTF-8, then the declared charset, then detection; then ftfy.

    decode(data, name=) -> str            raises IngestError for empty, binary or oversized input
    looks_like_html(text, filename) -> bool

Refuses input that is not text (images, archives) with a message naming it.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes

from search.errors import IngestError, InputTooLarge

__all__ = ["decode", "looks_like_html", "repair", "needs_repair", "MAX_INPUT_BYTES"]

MAX_INPUT_BYTES = 5 * 1024 * 1024  # larger than any real article page; keeps one paste from stalling the server

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of common binary formats people drop by mistake.
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive (or a Word/Excel file)",
    b"PK\x05\x06": "an empty zip archive",
    b"%PDF": "a PDF (open it, select all, and paste the text instead)",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "a program",
    b"BZh": "a bzip2 archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"OggS": "an Ogg media file",
    b"ID3": "an MP3 file",
}
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, <?xml encoding="x"?>
_DECLARED = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)|<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)""", re.I)
# WHATWG: these labels mean windows-1252 in a browser, and publishers rely on it (0x92 as ’).
_AS_CP1252 = {"latin-1", "iso8859-1", "ascii", "us-ascii", "iso-8859-1", "cp819"}
_WESTERN = {"cp1252", "cp1250", "latin_1", "iso8859_15", "iso8859_2", "cp1257", "ascii", "utf_8"}
# A UTF-8 lead byte read as cp1252/latin-1, followed by a continuation byte read the same way: "donâ€™t", "cafÃ©".
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _declared_charset(head: bytes) -> str | None:
    m = _DECLARED.search(head)
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "ignore").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _detect(data: bytes, name: str) -> str:
    """charset-normalizer, preferring cp1252 when a Western code page ties for best (they often do)."""
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        raise IngestError(f"{name} does not look like text: its encoding could not be recognised.")
    best = matches[0]
    ties = [m.encoding for m in matches if m.chaos <= best.chaos + 0.01]
    if best.encoding in _WESTERN or any(t in _WESTERN for t in ties):  # short English text can tie with cp775
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(best.encoding, errors="replace")


def _decode_bytes(data: bytes, name: str) -> tuple[str, bool]:
    """The text, and whether `data` is its UTF-8 (then nobody needs to encode it again)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), False
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise IngestError(f"{name} is {what}, not text or an HTML page.")
    if b"\x00" in data[:4096]:
        raise IngestError(f"{name} is a binary file, not text or an HTML page.")
    try:  # valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:8192])
    if declared and declared not in {"utf-8", "utf_8"}:
        try:
            return data.decode(declared), False
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies; fall through to detection
    return _detect(data, name), False


def repair(text: str) -> str:
    """ftfy: repair mojibake (donâ€™t -> don’t) but keep the article's own quotes and dashes."""
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")


def needs_repair(text: str) -> bool:
    """A cheap test for UTF-8 read as cp1252/latin-1; ftfy's own check costs ~50 ms on a whole page."""
    return bool(_MOJIBAKE_HINT.search(text))


def _repair(text: str, is_html: bool, utf8: bytes | None) -> str:
    """Pasted text goes through ftfy whole. A saved page is only NFC-normalised here:
    ftfy over a whole page costs ~50 ms and would also touch markup, so html/page.py
    repairs the extracted text instead (see `needs_repair`)."""
    if is_html or not _ftfy_has_work(text, utf8):
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    return repair(text)


# What ftfy would fix in pasted text besides mojibake: C1 controls, ligatures, terminal escapes, surrogates,
# odd line breaks, HTML entities. Without any of them ftfy returns the text unchanged (it costs ~8 ms a page).
_FTFY_WORK = re.compile("[\x80-\x9f\ufb00-\ufb06\x1b\ud800-\udfff\r\u2028\u2029\x00-\x08\x0b\x0e-\x1f]")
_ENTITY = re.compile(r"&#?\w{2,8};")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")

# The same questions asked of the text's UTF-8 bytes, where C loops (bytes.translate, a literal-prefix search) answer
# several times faster than a Unicode character class over the page. Exact, because in UTF-8 an ASCII byte is only
# ever that character and a lead byte (C2, C3, E2, EF) only ever starts a character: the C1 controls are C2 80-9F,
# U+2028/U+2029 are E2 80 A8/A9, the ligatures U+FB00-FB06 are EF AC 80-86, U+FFFD is EF BF BD, and every character
# of _MOJIBAKE_HINT's first class (U+00C2-U+00F4) is C3 xx. A text with lone surrogates has no UTF-8 at all.
_FTFY_C0 = bytes([*range(0x00, 0x09), 0x0B, 0x0D, *range(0x0E, 0x20)])  # _FTFY_WORK's C0 controls (with \r and ESC)
_CONTROL_C0 = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])  # _CONTROL's
_ALL_BUT_FTFY_C0 = bytes(b for b in range(256) if b not in _FTFY_C0)  # bytes.translate deletes these, keeps the rest
_ALL_BUT_CONTROL_C0 = bytes(b for b in range(256) if b not in _CONTROL_C0)
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_SEPARATOR_UTF8 = re.compile(rb"\xe2\x80[\xa8\xa9]")
_LIGATURE_UTF8 = re.compile(rb"\xef\xac[\x80-\x86]")


def _utf8(text: str) -> bytes | None:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return None


def _ftfy_has_work(text: str, utf8: bytes | None) -> bool:
    if utf8 is None:
        return True  # lone surrogates: _FTFY_WORK holds them
    if b"\xc3" in utf8 and _MOJIBAKE_HINT.search(text):
        return True
    return bool(utf8.translate(None, _ALL_BUT_FTFY_C0) or _C1_UTF8.search(utf8) or _SEPARATOR_UTF8.search(utf8)
                or _LIGATURE_UTF8.search(utf8) or _ENTITY.search(text))


def decode(data: bytes | str, *, name: str = "the input") -> str:
    """Decode and repair. Raises IngestError for empty, binary or oversized input."""
    size = len(data.encode("utf-8", errors="replace")) if isinstance(data, str) else len(data)
    if size > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // 1024 // 1024
        raise InputTooLarge(f"{name} is {size / 1024 / 1024:.1f} MB; the limit is {limit} MB.")
    text, is_utf8 = (data, False) if isinstance(data, str) else _decode_bytes(data, name)
    if not text or text.isspace():  # what `not text.strip()` says, without copying the page
        raise IngestError(f"{name} is empty.")
    utf8 = data if is_utf8 else _utf8(text)
    if _control_ratio(text, utf8) > 0.05:
        raise IngestError(f"{name} is a binary file, not text or an HTML page.")
    return _repair(text, looks_like_html(text, name), utf8)


def _control_ratio(text: str, utf8: bytes | None) -> float:
    if utf8 is not None and not utf8.translate(None, _ALL_BUT_CONTROL_C0) and b"\xef\xbf\xbd" not in utf8:
        return 0.0  # no control character anywhere, so none in the sample either
    sample = text[:4096]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


_HTML_START = re.compile(
    r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<(!doctype\s+)?html)", re.I | re.S)
_HTML_TAGS = re.compile(r"<(p|div|article|body|head|meta|title|script|span|section)\b", re.I)
_BODY_TAG = re.compile(r"<body\b", re.I)


def looks_like_html(text: str, filename: str | None = None) -> bool:
    """A saved page (by name or by its first tags), as opposed to pasted text with a stray <u> in it."""
    lower = (filename or "").lower()
    if lower.endswith((".html", ".htm", ".xhtml", ".shtml")):
        return True
    starts_as_page = bool(_HTML_START.match(text[:2048]))
    if lower.endswith(".txt"):  # text, unless it is plainly a whole page saved under the wrong name
        return starts_as_page and _BODY_TAG.search(text) is not None
    return starts_as_page or _many_tags(text)


def _many_tags(text: str) -> bool:
    return len(_HTML_TAGS.findall(text[:20000])) >= 5
