"""PDF cuttings ("Print -> Save as PDF"): the text layer goes through the pasted path, at /add, on the CLI and in
reindex; a scan, an encrypted or a damaged PDF is refused with a message that says which and why.

The PDFs are written by tests/helpers/pdfs.py, laid out as Chrome prints a page (header and footer on every page).
"""
from __future__ import annotations

import io

import pytest

from search.cli import main
from search.errors import IngestError
from search.ingest import parse
from tests.helpers.pdfs import encrypted_pdf, print_pdf, scanned_pdf
from tests.helpers.printset import SHARED_PRINT, body_kept, known_body, print_rows

SHARED_PDF = SHARED_PRINT / "pdf"

PAGES = [
    [
        "Skip to main content",
        "Harbour wall repairs approved after storm breach",
        "By Clara Mendes",
        "March 1, 2024",
        "The council approved repairs to the harbour wall on Tuesday, three months after a January",
        "storm tore a thirty-metre breach in it and flooded the fish market for a week.",
        "The vote was 31 to 20.",
        "\"We will fight this,\" said Tom Jones, who runs the boatyard on the north quay and says the",
        "closure will cost him his winter trade.",
    ],
    [
        "The harbour master said the work would start in the spring and would take about six months,",
        "with the quay closed to boats for most of that time.",
        "No one was injured.",
        "Most Read",
    ],
]
URL = "https://www.kessingtoncourier.example/news/2024/03/01/harbour-wall-repairs"


@pytest.fixture(scope="module")
def print_bytes() -> bytes:
    return print_pdf(PAGES, stamp="3/2/24, 10:15 AM", url=URL,
                     title="Harbour wall repairs approved after storm breach - The Kessington Courier")


def test_pdf_print_reads_like_the_printed_page(print_bytes):
    article = parse(print_bytes, filename="harbour.pdf")
    assert article.title == "Harbour wall repairs approved after storm breach"
    assert article.authors == ["Clara Mendes"]
    assert article.url == URL and article.site == "kessingtoncourier.example"
    assert [p.text for p in article.paragraphs] == [
        "The council approved repairs to the harbour wall on Tuesday, three months after a January storm tore a "
        "thirty-metre breach in it and flooded the fish market for a week.",
        "The vote was 31 to 20.",
        "\"We will fight this,\" said Tom Jones, who runs the boatyard on the north quay and says the closure will "
        "cost him his winter trade.",
        "The harbour master said the work would start in the spring and would take about six months, with the quay "
        "closed to boats for most of that time.",
        "No one was injured.",
    ]
    assert [s.name for s in article.paragraphs[2].speakers] == ["Tom Jones"]


@pytest.mark.parametrize(
    "data, says",
    [(scanned_pdf(), "no text layer"), (encrypted_pdf(), "encrypted"), (b"%PDF-1.4\n1 0 obj\n<< /Type", "damaged")],
    ids=["scan", "encrypted", "damaged"],
)
def test_unreadable_pdfs_are_refused_with_a_message(data, says):
    with pytest.raises(IngestError, match=f"cutting.pdf .*{says}|cutting.pdf {says}"):
        parse(data, filename="cutting.pdf")


def test_cli_adds_a_pdf_and_names_a_scan_it_refuses(capsys, empty_home, tmp_path, print_bytes):
    good, scan = tmp_path / "harbour.pdf", tmp_path / "scan.pdf"
    good.write_bytes(print_bytes)
    scan.write_bytes(scanned_pdf())
    code = main(["--home", str(empty_home), "add", "--quiet", str(good), str(scan)])
    out, err = capsys.readouterr()
    assert code == 1  # one file was refused
    assert "added " in out and "Harbour wall repairs approved" in out
    assert "scan.pdf has no text layer" in err and "Traceback" not in err
    assert main(["--home", str(empty_home), "reindex", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["--home", str(empty_home), "search", "boatyard", "--json"]) == 0
    assert '"total": 1' in capsys.readouterr().out


def test_web_add_previews_and_saves_a_pdf(tmp_path, print_bytes):
    from web import create_app

    client = create_app({"TESTING": True}, home=tmp_path / "library").test_client()
    upload = {"file": (io.BytesIO(print_bytes), "harbour.pdf"), "action": "save"}
    saved = client.post("/add", data=upload, content_type="multipart/form-data")
    assert saved.status_code == 303
    assert "No one was injured." in client.get(saved.headers["Location"]).get_data(as_text=True)
    refused = client.post("/add", data={"file": (io.BytesIO(scanned_pdf()), "scan.pdf"), "action": "preview"},
                          content_type="multipart/form-data")
    assert refused.status_code == 422
    assert "scan.pdf has no text layer" in refused.get_data(as_text=True)


@pytest.mark.skipif(not SHARED_PDF.is_dir(), reason="../shared/corpus/print/pdf is absent")
@pytest.mark.parametrize("path", sorted(SHARED_PDF.glob("*.pdf")) if SHARED_PDF.is_dir() else [],
                         ids=lambda p: p.stem[:40])
def test_real_pdf_prints_give_what_their_text_twins_give(path):
    """Chrome's own PDFs: the title pdftotext's copy of the same print gives, and as much of the known body."""
    twin = path.parent.parent / f"{path.stem}.txt"
    from_pdf = parse(path.read_bytes(), filename=path.name)
    from_txt = parse(twin.read_bytes(), filename=twin.name)
    assert from_pdf.title == from_txt.title
    assert from_pdf.url == from_txt.url or from_txt.url is None
    row = next(r for r in print_rows() if r["name"] == path.stem)
    body = known_body(row["source_html"])
    kept_pdf, kept_txt = (body_kept([p.text for p in a.paragraphs], body) for a in (from_pdf, from_txt))
    assert kept_pdf >= kept_txt - 0.05
