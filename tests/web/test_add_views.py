"""/add: paste or upload, preview, save; every bad input gets a clear message and stores nothing."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.helpers.web import soup
from web import create_app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAIL = (FIXTURES / "herald-rail-talks.html").read_bytes()
PASTED = """Harbour ferry fares to rise in spring

By Mara Quinn

The harbour ferry will charge a pound more for a return ticket from April, the operator said on Friday.

"Fuel has doubled and we have held fares for four years," said Ines Moreau, the ferry company's director.

Season tickets for residents will not change.
"""


def _sources(app) -> list[Path]:
    home = Path(app.config["CUTTINGS_HOME"]) / "sources"
    return sorted(p for p in home.glob("*") if not p.name.endswith(".meta.json")) if home.exists() else []


def _upload(client, data: bytes, name: str, action: str = "preview", **fields):
    return client.post("/add", data={"file": (io.BytesIO(data), name), "action": action, **fields},
                       content_type="multipart/form-data")


def test_add_form_has_labelled_paste_and_upload_fields(empty_client):
    page = soup(empty_client.get("/add"))
    form = page.select_one("form.add-form")
    assert form["enctype"] == "multipart/form-data"
    for field in ("text", "file", "url"):
        assert page.select_one(f"label[for={field}]") and form.select_one(f"#{field}")


def test_paste_preview_shows_what_the_cleaner_made_and_saves_nothing(empty_app, empty_client):
    response = empty_client.post("/add", data={"text": PASTED, "action": "preview"})
    assert response.status_code == 200
    page = soup(response)
    preview = page.select_one("section.preview")
    assert preview is not None
    paragraphs = [p.get_text(" ") for p in preview.select("ol.paragraphs > li")]
    assert any("pound more for a return ticket" in p for p in paragraphs)
    assert "Harbour ferry fares to rise in spring" in preview.select_one("dl.source").get_text()
    assert _sources(empty_app) == []
    # the save form carries the pasted text forward
    assert page.select_one("form.save-form textarea[name=text]").get_text() == PASTED


def test_paste_save_stores_the_cutting_and_opens_its_page(empty_app, empty_client):
    response = empty_client.post("/add", data={"text": PASTED, "action": "save"})
    assert response.status_code == 303
    article = empty_client.get(response.headers["Location"])
    assert article.status_code == 200
    assert "pound more for a return ticket" in article.get_data(as_text=True)
    assert len(_sources(empty_app)) == 1


def test_upload_preview_then_save(empty_app, empty_client):
    preview = soup(_upload(empty_client, RAIL, "herald-rail-talks.html"))
    assert "Rail strike talks collapse without a deal" in preview.select_one("#preview-title").get_text()
    form = preview.select_one("form.save-form")
    fields = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    assert fields["filename"] == "herald-rail-talks.html" and fields["payload"]
    assert _sources(empty_app) == []
    saved = empty_client.post("/add", data={**fields, "action": "save"})
    assert saved.status_code == 303 and saved.headers["Location"].startswith("/a/2022-11-20-rail-strike-talks")
    assert [p.read_bytes() for p in _sources(empty_app)] == [RAIL]  # the original bytes, unchanged
    page = soup(empty_client.get(saved.headers["Location"]))
    assert page.select_one("h1").get_text() == "Rail strike talks collapse without a deal"


def test_a_chrome_single_file_page_uploads_and_saves(empty_app, empty_client):
    archive = (FIXTURES.parents[1] / "fixtures" / "html" / "herald-rail-talks.mhtml").read_bytes()
    preview = soup(_upload(empty_client, archive, "rail.mhtml"))
    assert "Rail strike talks collapse without a deal" in preview.select_one("#preview-title").get_text()
    saved = _upload(empty_client, archive, "rail.mhtml", action="save")
    assert saved.status_code == 303
    article = soup(empty_client.get(saved.headers["Location"]))
    assert "herald.example/news/rail-strike-talks" in str(article.select_one("a[href^='https://herald.example']"))


def test_cp1252_upload_is_decoded_not_rejected(empty_client):
    text = (
        "Caf\xe9 owners on the quay say \u2018winter is no threat\u2019\n\n"
        "The caf\xe9 on the quay will stay open all winter, its owner said on Monday \u2013 "
        "the first time in a decade.\n\n"
        "\u201cWe have new heaters and a better roof,\u201d said Ren\xe9e Dupr\xe9, "
        "who runs the caf\xe9 with her son.\n\n"
        "The council had threatened to close the caf\xe9 over its licence, but the r\xe9gime has changed.\n"
    )
    response = _upload(empty_client, text.encode("cp1252"), "cafe.txt")
    assert response.status_code == 200
    assert "café on the quay will stay open" in soup(response).select_one("section.preview").get_text()


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_paste_is_refused_with_a_message(empty_app, empty_client, text):
    response = empty_client.post("/add", data={"text": text, "action": "save"})
    assert response.status_code == 400
    alert = soup(response).select_one("[role=alert]").get_text()
    assert "pasted text" in alert and "empty" in alert
    assert _sources(empty_app) == []


def test_png_upload_is_refused_naming_the_file(empty_app, empty_client):
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    response = _upload(empty_client, png, "photo.png", action="save")
    assert response.status_code == 422
    alert = soup(response).select_one("[role=alert]").get_text()
    assert "photo.png" in alert and "PNG" in alert
    assert _sources(empty_app) == []


def test_zip_upload_is_refused_naming_the_file(empty_app, empty_client):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("story.txt", "text")
    response = _upload(empty_client, buf.getvalue(), "stories.zip")
    assert response.status_code == 422
    assert "stories.zip" in soup(response).select_one("[role=alert]").get_text()


def test_html_page_without_an_article_is_refused(empty_app, empty_client):
    page = (b"<!doctype html><html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav>"
            b"<form><input name=u></form></body></html>")
    response = _upload(empty_client, page, "login.html", action="save")
    assert response.status_code == 422
    assert "login.html" in soup(response).select_one("[role=alert]").get_text()
    assert _sources(empty_app) == []


def test_oversized_upload_is_a_413_stating_the_limit(tmp_path):
    app = create_app({"TESTING": True, "UPLOAD_LIMIT": 20_000}, home=tmp_path / "lib")
    client = app.test_client()
    response = _upload(client, b"word " * 6000, "long.txt")
    assert response.status_code == 413
    alert = soup(response).select_one("[role=alert]").get_text()
    assert "long.txt" in alert and "limit is 19 kB" in alert
    # far over the limit: the request itself is cut off, and the page still states the limit
    huge = _upload(client, b"word " * 40_000, "huge.txt")
    assert huge.status_code == 413
    assert "limit is 19 kB" in huge.get_data(as_text=True)
    assert _sources(app) == []


def test_a_javascript_original_url_is_never_a_link(empty_client):
    saved = empty_client.post(
        "/add", data={"text": PASTED, "url": "javascript:alert(document.cookie)", "action": "save"}
    )
    assert saved.status_code == 303
    page = soup(empty_client.get(saved.headers["Location"]))
    assert "javascript:alert" in page.select_one("dl.source").get_text()  # shown as text
    assert not page.select('a[href^="javascript"]')


def test_an_http_original_url_is_linked(empty_client):
    saved = empty_client.post("/add", data={"text": PASTED, "url": "https://example.org/ferry", "action": "save"})
    page = soup(empty_client.get(saved.headers["Location"]))
    assert page.select_one('dl.source a[href="https://example.org/ferry"]') is not None
