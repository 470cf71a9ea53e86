"""The web side of article identity: old ids redirect, /add names the copy a cutting is of and lets the
user keep both or replace it, and the results collapse copies of one story."""
from __future__ import annotations

from io import BytesIO

import pytest

from search import ingest
from search.library import Library
from tests.helpers.paths import FIXTURES
from tests.helpers.web import soup
from web import create_app

STORIES = FIXTURES / "stories"
ORIGINAL_TITLE = "Ferry crews walk out over rota changes"


def text(name: str) -> str:
    return (STORIES / name).read_text()


@pytest.fixture
def app(tmp_path, parse_pool):
    """A library of a story and an unrelated one."""
    home = tmp_path / "library"
    library = Library(home)
    for name in ("ferry-strike.txt", "harbour-dredging.txt"):
        library.add(text(name), name)
    library.close()
    return create_app({"TESTING": True, "PARSE_POOL": parse_pool}, home=home)


@pytest.fixture
def client(app):
    return app.test_client()


class _library:
    """The app's library, opened as another process would, and closed."""

    def __init__(self, app):
        self.library = Library(app.config["CUTTINGS_HOME"])

    def __enter__(self) -> Library:
        return self.library

    def __exit__(self, *exc) -> None:
        self.library.close()


def original_id() -> str:
    return ingest.parse(text("ferry-strike.txt"), filename="ferry-strike.txt").id


def add(client, name: str, **fields):
    return client.post("/add", data={"text": text(name), **fields})


# ---- /add -------------------------------------------------------------------------------------
def test_the_preview_of_a_copy_names_the_article_and_offers_both_choices(client):
    page = soup(add(client, "ferry-strike-copy.txt", action="preview"))
    notice = page.select_one("#copies")
    assert notice is not None and ORIGINAL_TITLE in notice.get_text()
    assert notice.select_one("a")["href"] == f"/a/{original_id()}"
    assert "% of the text in common" in notice.get_text()
    choices = {b["value"]: b.get_text(strip=True) for b in page.select("form.save-form button[name=on_copy]")}
    assert choices == {"keep": "Save and keep both", "replace": "Save and replace it"}


def test_a_preview_of_another_story_offers_a_plain_save(client):
    page = soup(add(client, "markets-report-a.txt", action="preview"))
    assert page.select_one("#copies") is None
    assert page.select_one("form.save-form button[name=action][value=save]") is not None


def test_save_without_preview_of_a_copy_asks_first_and_saves_nothing(client, app):
    response = add(client, "ferry-strike-copy.txt", action="save")
    assert response.status_code == 409 and soup(response).select_one("#copies") is not None
    with _library(app) as library:
        assert library.article_count() == 2


def test_keep_both_saves_the_copy_beside_the_original(client, app):
    response = add(client, "ferry-strike-copy.txt", action="save", on_copy="keep", replace=original_id())
    assert response.status_code == 303
    with _library(app) as library:
        assert library.article_count() == 3 and library.article(original_id()) is not None


def test_replace_moves_the_original_to_the_trash_and_its_address_leads_to_the_copy(client, app):
    response = add(client, "ferry-strike-update.txt", action="save", on_copy="replace", replace=original_id())
    new_url = response.headers["Location"]
    assert response.status_code == 303
    with _library(app) as library:
        assert library.article(original_id()) is None and library.curation.deleted(original_id()) is not None
    moved = client.get(f"/a/{original_id()}?q=timetable&hl=5")
    assert moved.status_code == 301 and moved.headers["Location"] == f"{new_url}?q=timetable&hl=5"
    assert "suspended" in soup(client.get(new_url)).select_one("h1").get_text()


def test_several_files_at_once_are_saved_and_their_copies_named(client):
    files = [(BytesIO((STORIES / n).read_bytes()), n) for n in ("ferry-strike-copy.txt", "markets-report-b.txt")]
    page = soup(client.post("/add", data={"file": files}, content_type="multipart/form-data"))
    notes = [n.get_text(" ", strip=True) for n in page.select(".copy-note")]
    assert len(notes) == 1 and ORIGINAL_TITLE in notes[0] and "both kept" in notes[0]


# ---- old ids ----------------------------------------------------------------------------------
def test_an_old_id_redirects_the_page_and_the_json_twin(client, app):
    add(client, "ferry-strike-update.txt", action="save", on_copy="replace", replace=original_id())
    new_id = ingest.parse(text("ferry-strike-update.txt")).id
    page = client.get(f"/a/{original_id()}")
    assert page.status_code == 301 and page.headers["Location"] == f"/a/{new_id}"
    twin = client.get(f"/a/{original_id()}.json")
    assert twin.status_code == 301 and twin.headers["Location"] == f"/a/{new_id}.json"
    data = client.get(f"/a/{new_id}.json").get_json()
    assert data["id"] == new_id and data["paragraphs"][0]["url"].endswith(f"/a/{new_id}#p0")
    assert client.get("/a/2020-01-01-no-such-article-00000000.json").status_code == 404


# ---- results ------------------------------------------------------------------------------------
def test_copies_of_one_story_collapse_into_one_result_with_a_link_to_the_other(client):
    add(client, "ferry-strike-copy.txt", action="save", on_copy="keep")
    copy_id = ingest.parse(text("ferry-strike-copy.txt")).id
    page = soup(client.get("/search?q=ferry+OR+dredging"))
    titles = [h.get_text(strip=True) for h in page.select(".group .hit-title")]
    assert sorted(titles) == sorted([ORIGINAL_TITLE, "Harbour dredging to begin next month"])  # not twice
    note = page.select_one(".story-copies")
    assert note.get_text(" ", strip=True).startswith("and 1 more copy of this story")
    shown = page.select_one(".story-copies").find_parent("li", class_="group").select_one(".hit-title a")["href"]
    other = note.select_one("a")["href"].split("?")[0]
    assert {shown.split("?")[0].split("#")[0], other} == {f"/a/{original_id()}", f"/a/{copy_id}"}
    flat = soup(client.get("/search?q=ferry&view=flat&size=50"))  # the flat view shows every paragraph
    assert {a["href"].split("?")[0] for a in flat.select(".hit-link")} >= {f"/a/{original_id()}", f"/a/{copy_id}"}


def test_the_json_carries_the_collapsed_copies(client):
    add(client, "ferry-strike-copy.txt", action="save", on_copy="keep")
    data = client.get("/search.json?q=ferry").get_json()
    assert data["total_articles"] == 2 and data["total_stories"] == 1
    assert len({h["article_id"] for h in data["hits"]}) == 1
    [copy] = data["hits"][0]["copies"]
    assert copy["title"] == ORIGINAL_TITLE and copy["hits"] >= 1 and copy["url"].endswith(copy["article_id"])
