"""Pages saved as one file ("Webpage, Single File" in Chrome and Edge: .mhtml / .mht).

    is_mhtml(data, filename) -> bool
    page_from_mhtml(data, name) -> (html bytes or text, the page's address or None)

An MHTML file is a MIME multipart/related message: the page's HTML (usually quoted-printable)
followed by its images and styles. The standard library's email parser reads it; only the HTML
part is kept, and its Content-Location (or the archive's Snapshot-Content-Location) is the URL.
"""
from __future__ import annotations

import email
import email.policy
import re

from search.errors import IngestError

__all__ = ["is_mhtml", "page_from_mhtml"]

_ARCHIVE_NAMES = (".mhtml", ".mht")
# The header block of a MIME message that declares multipart/related (Chrome starts it "From: <Saved by Blink>").
_MIME_HEADER = re.compile(rb"^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*){1,30}?content-type:\s*multipart/related", re.I)


def is_mhtml(data: bytes | str, filename: str | None = None) -> bool:
    """A web archive, by its name or by a MIME header declaring multipart/related."""
    if (filename or "").lower().endswith(_ARCHIVE_NAMES):
        return True
    head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8", "replace")
    return _MIME_HEADER.match(head.replace(b"\r\n", b"\n").lstrip()) is not None


def page_from_mhtml(data: bytes | str, name: str) -> tuple[bytes | str, str | None]:
    """The archived page's HTML and address. Raises IngestError naming the file when it holds none."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "replace")
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    html_part = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if html_part is None:
        raise IngestError(f"{name} is a saved web archive (MHTML) without an HTML page in it.")
    body = html_part.get_payload(decode=True) or b""
    charset = html_part.get_content_charset()
    html: bytes | str = body
    if charset:
        try:
            html = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = body  # a wrong or unknown label: let decode() detect the encoding
    url = html_part.get("Content-Location") or message.get("Snapshot-Content-Location")
    return html, (url.strip() if url and url.strip().startswith(("http://", "https://")) else None)
