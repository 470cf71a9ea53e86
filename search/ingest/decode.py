"""Bytes -> repaired text: BOM, then declared charset, then detection; then ftfy.

Refuses input that is not text (images, archives) with a message naming it.
"""
from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

from search.errors import IngestError, InputTooLarge

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
    b"%PDF": "a PDF (open it, select all, and paste the text instead)",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "a program",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)


def _declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode_bytes(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise IngestError(f"{name} is {what}, not text or an HTML page.")
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise IngestError(f"{name} is a binary file, not text or an HTML page.")
    best = from_bytes(data).best()
    if best is None:
        # cp1252 decodes almost anything Western; detection failing usually means binary
        raise IngestError(f"{name} does not look like text: its encoding could not be recognised.")
    return str(best)


def decode(data: bytes | str, *, name: str = "the input") -> str:
    """Decode and repair. Raises IngestError for empty, binary or oversized input."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > MAX_INPUT_BYTES:
        raise InputTooLarge(f"{name} is {size / 1024 / 1024:.1f} MB; the limit is {MAX_INPUT_BYTES // 1024 // 1024} MB.")
    text = data if isinstance(data, str) else _decode_bytes(data, name)
    if not text.strip():
        raise IngestError(f"{name} is empty.")
    # Repair mojibake (donâ€™t -> don’t) but keep the article's own quotes and dashes.
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")
    if _control_ratio(text) > 0.05:
        raise IngestError(f"{name} is a binary file, not text or an HTML page.")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / max(1, len(sample))


_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<(!doctype\s+)?html)", re.I)
_HTML_TAGS = re.compile(r"<(p|div|article|body|head|meta|title|script|span|section)\b", re.I)


def looks_like_html(text: str, filename: str | None = None) -> bool:
    """A saved page (by name or by its first tags), as opposed to pasted text with a stray <u> in it."""
    if filename and filename.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    if filename and filename.lower().endswith(".txt"):
        return False
    if _HTML_START.match(text[:1024]):
        return True
    return len(_HTML_TAGS.findall(text[:20000])) >= 5
