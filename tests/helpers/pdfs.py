"""Small PDFs written byte by byte for the PDF tests: text pages laid out like a browser print, a scan (a picture
and no text), an encrypted file and a damaged one. No PDF library is needed to make them."""
from __future__ import annotations

PAGE_WIDTH, PAGE_HEIGHT = 612, 792


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text_stream(cells: list[tuple[float, float, str]]) -> bytes:
    """Each cell is (x, y, text) in points from the bottom left, in 10-point Helvetica."""
    ops = ["BT /F1 10 Tf"]
    for x, y, text in cells:
        ops.append(f"1 0 0 1 {x:.1f} {y:.1f} Tm ({_escape(text)}) Tj")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _pdf(objects: list[bytes], trailer_extra: str = "") -> bytes:
    """Objects numbered from 1; object 1 is the catalog. Writes the cross-reference table with real offsets."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _document(streams: list[bytes], resources: str, trailer_extra: str = "", extra: list[bytes] = ()) -> bytes:
    n = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                       f"/Resources {resources} /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    return _pdf(objects + list(extra), trailer_extra)


def print_pdf(pages: list[list[str]], *, stamp: str, title: str, url: str) -> bytes:
    """A Chrome-style print: date/time top left and the title top centre, the URL bottom left and n/N bottom right
    on every page; the page's lines (already wrapped) down the middle."""
    streams = []
    for number, lines in enumerate(pages, start=1):
        cells = [(20, 770, stamp), (250, 770, title), (20, 15, url), (560, 15, f"{number}/{len(pages)}")]
        cells += [(40, 720 - 14 * k, line) for k, line in enumerate(lines)]
        streams.append(_text_stream(cells))
    return _document(streams, "<< /Font << /F1 3 0 R >> >>")


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages holding only a picture (a grey 2x2 image drawn full page), as a scanner makes them: no text layer."""
    image = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 " \
            b"/Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream"
    draw = f"q {PAGE_WIDTH} 0 0 {PAGE_HEIGHT} 0 0 cm /Im1 Do Q".encode()
    image_number = 4 + 2 * pages
    return _document([draw] * pages, f"<< /XObject << /Im1 {image_number} 0 R >> >>", extra=[image])


def encrypted_pdf() -> bytes:
    """A text page behind the standard security handler with a user password (this file has no valid key for any
    password: a reader must ask for one and cannot open it)."""
    encrypt = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
               b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>")
    streams = [_text_stream([(40, 700, "Secret minutes of the harbour board meeting.")])]
    return _document(streams, "<< /Font << /F1 3 0 R >> >>", trailer_extra="/Encrypt 6 0 R /ID [<00> <00>] ",
                     extra=[encrypt])
