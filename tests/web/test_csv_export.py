"""/search.csv: safe to open in a spreadsheet, and never a file that breaks after its header."""
from __future__ import annotations

import csv
import io

import pytest

import search.query.parse as parse_module
from search.errors import LibraryError

FORMULA_TITLE = '=HYPERLINK("http://evil.example/x","Open")'
PARAGRAPHS = [
    "+44 was the number the council gave for the new harbour barrier hotline on Tuesday, officials said.",
    "@harbourcouncil posted the decision online within minutes of the vote, and residents replied at once.",
    "-1 degrees was the temperature on the quay when the tidal barrier was first tested by engineers.",
    "\tIndented, the mayor said the barrier would cost four million pounds and open in the spring.",
    "The harbour barrier opens in spring, the mayor said, after a long debate in the council chamber.",
]


@pytest.fixture
def formula_client(empty_app):
    body = "".join(f"<p>{t}</p>" for t in PARAGRAPHS)
    page = (f"<html><head><title>{FORMULA_TITLE}</title></head><body><article><h1>{FORMULA_TITLE}</h1>"
            f"{body}</article></body></html>")
    empty_app.extensions["cuttings.library"].add(page.encode("utf-8"), "formula.html")
    return empty_app.test_client()


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_cells_a_spreadsheet_would_run_start_with_an_apostrophe(formula_client):
    rows = _rows(formula_client.get("/search.csv?view=flat&sort=oldest"))
    assert {r["title"] for r in rows} == {"'" + FORMULA_TITLE}
    texts = [r["text"] for r in rows]
    for text in texts:
        assert not text.startswith(("=", "+", "-", "@", "\t", "\r"))
    # the apostrophe is all that changes: stripping it gives the paragraph exactly
    originals = {t[1:] if t.startswith("'") else t for t in texts}
    assert {p.strip() for p in PARAGRAPHS} <= {o.strip() for o in originals}
    assert "'+44 was the number" in " ".join(texts) and "The harbour barrier opens" in " ".join(texts)
    assert any(t.startswith("The harbour barrier") for t in texts)  # ordinary text is left alone


def test_a_too_broad_query_is_refused_before_the_header_is_sent(formula_client, monkeypatch):
    monkeypatch.setattr(parse_module, "MAX_EXPANSIONS", 3)
    response = formula_client.get("/search.csv?q=?*")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert "article_id" not in response.get_data(as_text=True)


def test_a_busy_library_is_a_503_page_not_a_header_and_a_broken_file(formula_client, monkeypatch):
    library = formula_client.application.extensions["cuttings.library"]

    def busy():
        raise LibraryError("The library is busy; try again.")

    monkeypatch.setattr(library.store, "searcher", busy)  # the searcher could not be opened in time
    response = formula_client.get("/search.csv?q=barrier")
    assert response.status_code == 503
    assert "article_id" not in response.get_data(as_text=True)
