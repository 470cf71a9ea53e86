"""Curating from the web: correct, fix speakers, delete (410) and restore, tags, stars, saved searches,
the sandboxed original, citations, exports, several files at once, the base URL and the password."""
from __future__ import annotations

import base64
import csv
import io
import shutil
from pathlib import Path

import pytest

from search.access import PasswordFile
from search.errors import CuttingsError
from tests.helpers.web import build_library, soup
from web import create_app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCRIPTED_PAGE = b"""<!doctype html><html><head><title>Gulls nest on the pier</title>
<meta property="og:site_name" content="The Pier Gazette"><meta name="author" content="Ada Lark">
<script>alert('ran on the app origin'); fetch('/a/x/delete', {method: 'POST'})</script></head>
<body><article><h1>Gulls nest on the pier</h1><p>By Ada Lark</p>
<p>Herring gulls have nested on the old pier for the first time in a decade, the harbour office said on Monday.</p>
<p>"We ask visitors to keep their distance from the nests until the chicks fledge," said Ruth Lowe,
the harbour master.</p>
<p>The pier stays open, with a short stretch fenced off until August.</p>
<p>Volunteers will count the nests every week and publish the numbers on the harbour office noticeboard.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def library_template(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("curation-template")
    build_library(home).close()
    return home


@pytest.fixture
def home(library_template, tmp_path) -> Path:
    copy = tmp_path / "library"
    shutil.copytree(library_template, copy)
    return copy


@pytest.fixture
def client(home):
    return create_app({"TESTING": True}, home=home).test_client()


def first_hit(client, q: str) -> dict:
    return client.get(f"/search.json?q={q}&view=flat").json["hits"][0]


def test_correct_the_date_and_headline_and_the_page_marks_them(client):
    hit = first_hit(client, "drumbeat")
    aid = hit["article_id"]
    form = {i["name"]: i.get("value", "") for i in soup(client.get(f"/a/{aid}/edit")).select(".edit-form input")}
    assert form["published"] == "2022-01-13" and form["authors"] == "Henry Foy, Ben Hall"
    form.update(title="Talks hit a dead end", published="2022-01-14")
    response = client.post(f"/a/{aid}/correct", data=form)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/a/{aid}")
    page = soup(client.get(f"/a/{aid}"))
    assert page.select_one("h1").get_text() == "Talks hit a dead end"
    note = page.select_one(".corrected-note").get_text(" ", strip=True)
    assert "headline" in note and "date" in note and hit["title"] in note
    assert client.get("/search.json?date=2022-01-14").json["total"] > 0
    edit = soup(client.get(f"/a/{aid}/edit"))
    assert [b.get_text(" ", strip=True) for b in edit.select("ul.corrections button")] == [
        "Use the cutting's headline again", "Use the cutting's date again"]


def test_a_bad_date_is_a_400_naming_it_and_keeps_what_was_typed(client):
    aid = first_hit(client, "drumbeat")["article_id"]
    response = client.post(f"/a/{aid}/correct", data={"title": "Kept title", "published": "13/45/2022"})
    assert response.status_code == 400
    page = soup(response)
    assert "'13/45/2022'" in page.select_one("[role=alert]").get_text()
    assert page.select_one("#published")["value"] == "13/45/2022" and page.select_one("#title")["value"] == "Kept title"
    assert soup(client.get(f"/a/{aid}")).select_one("h1").get_text() != "Kept title"


def test_fix_a_paragraphs_speakers_add_change_kind_remove(client):
    hit = first_hit(client, "drumbeat")
    aid, n = hit["article_id"], hit["paragraph"]
    url = f"/a/{aid}/p/{n}/speakers"
    client.post(url, data={"action": "add", "name": "Jane Doe", "role": "analyst", "kind": "direct"})
    client.post(url, data={"action": "kind", "name": "Michael Carpenter", "kind": "indirect"})
    hits = client.get("/search.json?speaker=Jane+Doe&view=flat").json["hits"]
    assert [(h["article_id"], h["paragraph"]) for h in hits] == [(aid, n)]
    details = {d["name"]: d for d in hits[0]["speaker_details"]}
    assert details["Jane Doe"] == {"name": "Jane Doe", "role": "analyst", "kind": "direct", "spans": [], "said": []}
    assert details["Michael Carpenter"]["kind"] == "indirect"
    client.post(url, data={"action": "remove", "name": "Jane Doe"})
    assert client.get("/search.json?speaker=Jane+Doe").json["total"] == 0
    assert soup(client.get(f"/a/{aid}")).select_one(f"#p{n} .corrected-badge")  # still corrected (kind)


def test_delete_answers_410_with_a_restore_button_and_restore_brings_it_back(client, home):
    aid = first_hit(client, "drumbeat")["article_id"]
    response = client.post(f"/a/{aid}/delete")
    assert response.status_code == 303
    trash = soup(client.get(response.headers["Location"]))
    assert "Russia writes off security talks" in trash.select_one(".trash-list").get_text()
    gone = client.get(f"/a/{aid}")
    assert gone.status_code == 410
    form = soup(gone).select_one("form[action='/trash/restore']")
    assert form.select_one("input[name=id]")["value"] == aid
    assert client.get("/search.json?q=drumbeat").json["total"] == 0
    assert client.post("/trash/restore", data={"id": aid}).status_code == 303
    assert client.get(f"/a/{aid}").status_code == 200 and client.get("/search.json?q=drumbeat").json["total"] > 0


def test_tags_from_the_article_page_and_from_a_search_with_a_confirmation(client):
    aid = first_hit(client, "drumbeat")["article_id"]
    client.post(f"/a/{aid}/tags", data={"add": "ukraine"})
    page = soup(client.get(f"/a/{aid}"))
    assert [a.get_text() for a in page.select(".article-tags a.chip")] == ["ukraine"]
    confirm = soup(client.get("/tag-results?q=barrier&add_tag=coast"))
    total = client.get("/search.json?q=barrier").json["total_articles"]
    assert confirm.select_one("h1").get_text() == f"Tag {total} articles?"
    state = {i["name"]: i["value"] for i in confirm.select("form input[type=hidden]")}
    assert confirm.select_one("input[name=add_tag]")["value"] == "coast"
    response = client.post("/tag-results", data={**state, "add_tag": "coast"})
    assert response.status_code == 303 and "tag=coast" in response.headers["Location"]
    data = client.get("/search.json?tag=coast&tag=ukraine").json
    assert data["total_articles"] == total + 1
    assert {v["value"] for v in data["facets"]["tag"]} == {"coast", "ukraine"}
    assert all(set(h["tags"]) & {"coast", "ukraine"} for h in data["hits"])
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv?tag=ukraine").get_data(as_text=True)
                                           .removeprefix("\ufeff"))))
    assert rows and all(r["tags"] == "ukraine" for r in rows)
    assert b"Tag: ukraine" in client.get("/search.atom?tag=ukraine").data
    client.post(f"/a/{aid}/tags", data={"remove": "ukraine"})
    assert client.get("/search.json?tag=ukraine").json["total"] == 0


def test_star_paragraphs_list_them_and_export_them(client):
    hit = first_hit(client, "drumbeat")
    aid, n = hit["article_id"], hit["paragraph"]
    response = client.post(f"/a/{aid}/p/{n}/star", data={"on": "1", "next": f"/a/{aid}#p{n}"})
    assert response.headers["Location"].endswith(f"/a/{aid}#p{n}")
    assert soup(client.get(f"/a/{aid}")).select_one(f"#p{n} button.star")["aria-pressed"] == "true"
    starred = soup(client.get("/starred"))
    assert "drumbeat of war" in starred.select_one(".starred-list").get_text()
    markdown = client.get("/export.md?starred=1")
    assert markdown.mimetype == "text/markdown" and "attachment" in markdown.headers["Content-Disposition"]
    text = markdown.get_data(as_text=True)
    assert text.startswith("# Starred paragraphs") and "**Michael Carpenter**, US ambassador to the OSCE" in text
    data = client.get("/export.csv?starred=1").data
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert row["speakers"].startswith("Michael Carpenter") and row["kinds"].startswith("direct")
    assert row["roles"].startswith("US ambassador to the OSCE")


def test_next_never_sends_the_reader_to_another_site(client):
    hit = first_hit(client, "drumbeat")
    response = client.post(f"/a/{hit['article_id']}/p/0/star", data={"next": "//evil.example/"})
    assert response.headers["Location"].startswith("/a/")


def test_saved_search_on_the_home_page_with_new_since_the_last_visit(client):
    client.post("/saved", data={"name": "Barrier", "query": "q=barrier"})
    home = soup(client.get("/"))
    link = home.select_one("[aria-labelledby=saved-searches] a")
    assert link.get_text() == "Barrier" and not home.select(".new-badge")
    client.post("/add", data={"action": "save", "text": "Barrier gates tested\n\nBy Ada Lark\n\nMay 9, 2023\n\n"
                              "The new barrier gates were tested on Tuesday and closed in four minutes, engineers "
                              "said.\n\nThe next test is in June.\n"})
    home = soup(client.get("/"))
    assert home.select_one(".new-badge").get_text() == "1 new since your last visit"
    assert home.select_one(".recently-added a").get_text() == "Barrier gates tested"
    opened = client.get(link["href"])
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/search?q=barrier")
    assert not soup(client.get("/")).select(".new-badge")


def test_a_saved_page_is_served_sandboxed_never_live(client):
    client.post("/add", data={"action": "save", "payload": base64.b64encode(SCRIPTED_PAGE).decode(),
                              "filename": "gulls.html"})
    aid = first_hit(client, "gulls")["article_id"]
    page = soup(client.get(f"/a/{aid}/original"))
    frame = page.select_one("iframe.original-frame")
    assert frame.has_attr("sandbox") and not frame["sandbox"]  # no allow-scripts, no allow-same-origin
    framed = client.get(frame["src"])
    assert framed.headers["Content-Security-Policy"].startswith("sandbox;")
    assert "allow-scripts" not in framed.headers["Content-Security-Policy"]
    download = client.get(f"/a/{aid}/original/file?download=1")
    assert download.headers["Content-Disposition"] == 'attachment; filename="gulls.html"'
    assert download.data == SCRIPTED_PAGE and download.mimetype == "application/octet-stream"


def test_a_pasted_original_is_shown_as_text(client):
    aid = first_hit(client, "drumbeat")["article_id"]
    page = soup(client.get(f"/a/{aid}/original"))
    assert "drumbeat of war" in page.select_one("pre.original-text").get_text()
    assert not page.select("iframe")


def test_cite_page_without_javascript(client):
    hit = first_hit(client, "drumbeat")
    page = soup(client.get(f"/a/{hit['article_id']}/cite/{hit['paragraph']}"))
    text = page.select_one("#cite-text").get_text()
    assert "Michael Carpenter, US ambassador to the OSCE" in text and hit["title"] in text
    assert text.rstrip().endswith(f"/a/{hit['article_id']}#p{hit['paragraph']}")
    assert "**Michael Carpenter**" in page.select_one("#cite-markdown").get_text()


def test_several_files_at_once_each_with_its_own_result(client):
    files = [(io.BytesIO((FIXTURES / "herald-rail-talks.html").read_bytes()), "herald.html"),
             (io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)), "photo.png"),
             (io.BytesIO(SCRIPTED_PAGE), "gulls.html")]
    response = client.post("/add", data={"file": files}, content_type="multipart/form-data")
    assert response.status_code == 200
    rows = soup(response).select("table.add-results tbody tr")
    assert [r.select_one("td").get_text() for r in rows] == ["herald.html", "photo.png", "gulls.html"]
    assert [r["class"] for r in rows] == [["is-added"], ["is-refused"], ["is-added"]]
    assert "photo.png" in rows[1].get_text() and "PNG" in rows[1].get_text()
    assert client.get("/search.json?q=gulls").json["total"] > 0


def test_merge_from_the_speaker_page_then_split(client):
    response = client.post("/speaker/Elena Novak/merge", data={"into": "Michael Carpenter"})
    assert response.status_code == 303
    assert client.get("/speaker/Elena Novak").status_code == 303  # her page now leads to the merged name
    page = soup(client.get("/speaker/Michael Carpenter"))
    assert "Elena Novak" in page.select_one(".speaker-names").get_text()
    client.post("/speaker/Michael Carpenter/split", data={"variant": "Elena Novak"})
    assert client.get("/speaker/Elena Novak").status_code == 200


# ---- links that work for others -------------------------------------------------------------
def test_base_url_is_used_in_permalinks_feeds_and_exports(home):
    client = create_app({"TESTING": True, "BASE_URL": "https://team.example/cuttings/"}, home=home).test_client()
    hit = client.get("/search.json?q=drumbeat&view=flat").json["hits"][0]
    assert hit["url"].startswith("https://team.example/cuttings/a/")
    assert b"https://team.example/cuttings/a/" in client.get("/search.atom?q=drumbeat").data
    assert "https://team.example/cuttings/a/" in client.get(f"/export.md?article={hit['article_id']}").get_data(
        as_text=True)


def test_a_bad_base_url_is_refused_with_its_name():
    with pytest.raises(CuttingsError, match="not a url"):
        create_app({"TESTING": True, "BASE_URL": "not a url"})


def test_served_to_others_writes_need_the_password(home):
    shared = create_app({"TESTING": True, "SERVED_ON": "0.0.0.0"}, home=home).test_client()
    aid = first_hit(shared, "drumbeat")["article_id"]  # reading stays open
    refused = shared.post(f"/a/{aid}/tags", data={"add": "x"})
    assert refused.status_code == 403 and "cuttings set-password" in refused.get_data(as_text=True)
    PasswordFile(home).set("correct horse battery")
    assert "correct horse" not in (home / "access.json").read_text()  # stored hashed
    asked = shared.post(f"/a/{aid}/tags", data={"add": "x"})
    assert asked.status_code == 401 and asked.headers["WWW-Authenticate"].startswith("Basic")
    wrong = {"Authorization": "Basic " + base64.b64encode(b"me:wrong password").decode()}
    assert shared.post(f"/a/{aid}/tags", data={"add": "x"}, headers=wrong).status_code == 401
    right = {"Authorization": "Basic " + base64.b64encode(b"me:correct horse battery").decode()}
    assert shared.post(f"/a/{aid}/tags", data={"add": "x"}, headers=right).status_code == 303
    assert shared.post("/add", data={"text": "x"}).status_code == 401  # adding too


def test_private_library_asks_before_reading(home):
    PasswordFile(home).set("correct horse battery")
    private = create_app({"TESTING": True, "PRIVATE": True}, home=home).test_client()
    assert private.get("/search?q=talks").status_code == 401
    right = {"Authorization": "Basic " + base64.b64encode(b"me:correct horse battery").decode()}
    assert private.get("/search?q=talks", headers=right).status_code == 200


def test_on_this_machine_no_password_is_asked(client):
    aid = first_hit(client, "drumbeat")["article_id"]
    assert client.post(f"/a/{aid}/tags", data={"add": "local"}).status_code == 303
