"""A PDF's text layer as the pasted path reads a print: lines in page order, pages split by form feeds.

    is_pdf(data) -> bool
    pdf_text(data, name=...) -> str     raises IngestError for a broken or encrypted PDF, or one with no text (a scan)

"Print -> Save as PDF" is the commonest way to keep a page. PDFium (pypdfium2: the engine Chrome itself uses to
show PDFs) reads the text layer; its own line breaks are kept, and text runs on one line that stand far apart
(the print header's date and title, the footer's URL and page counter) are split into cells with three spaces,
as `pdftotext -layout` shows them, so the print furniture rules find each cell on its own.
"""
from __future__ import annotations

from search.errors import IngestError

__all__ = ["is_pdf", "pdf_text"]

_CELL_GAP = 1.5  # a horizontal gap wider than this many line heights separates two cells, not two words
_MAX_PAGES = 500  # a cutting is an article: a longer document is refused rather than read for minutes


def is_pdf(data: bytes | str) -> bool:
    """A PDF file starts with "%PDF-" (after blank space, which some writers leave)."""
    return isinstance(data, bytes) and data[:1024].lstrip().startswith(b"%PDF-")


def pdf_text(data: bytes, *, name: str = "the PDF") -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError(f"{name} is an encrypted PDF: open it with its password and save or print an "
                              f"unprotected copy, then add that.") from None
        raise IngestError(f"{name} could not be read as a PDF: the file is damaged or not a PDF.") from None
    try:
        if len(pdf) > _MAX_PAGES:
            raise IngestError(f"{name} has {len(pdf)} pages; a cutting may have at most {_MAX_PAGES}.")
        pages = [_page_text(pdf, i) for i in range(len(pdf))]
    except pdfium.PdfiumError:
        raise IngestError(f"{name} could not be read as a PDF: a page of it is damaged.") from None
    finally:
        pdf.close()
    if not any(page.strip() for page in pages):
        raise IngestError(f"{name} has no text layer (a scanned PDF is only pictures of pages): "
                          f"run it through OCR first, or paste the article's text.")
    return "\f".join(pages)


def _page_text(pdf, index: int) -> str:
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    textpage = page.get_textpage()
    try:
        return _lines_with_cells(textpage, pdfium_c)
    finally:
        textpage.close()
        page.close()


def _lines_with_cells(textpage, pdfium_c) -> str:
    """The page's characters in PDFium's order; "\\r\\n" (PDFium's line ends) -> "\\n"; a wide gap -> three spaces."""
    out: list[str] = []
    last_right: float | None = None  # the right edge of the last visible character on this line
    raw_page = textpage.raw
    for i in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(raw_page, i))
        if char == "\n" or char == "\r":
            if char == "\n":
                out.append("\n")
            last_right = None
            continue
        if char == " ":
            out.append(" ")
            continue
        if char < " ":  # icon fonts map their glyphs to control characters: nothing to read
            continue
        if char == "\x02":  # PDFium's mark for a hyphen that ends a line: the paragraph builder judges it
            out.append("-")
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if last_right is not None and left - last_right > _CELL_GAP * (top - bottom) > 0:
            out.append("   ")
        out.append(char)
        last_right = right
    return "".join(out)
