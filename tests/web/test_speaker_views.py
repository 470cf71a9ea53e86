"""A speaker's one address, the speaker autocomplete, and the quoted words on the pages and in the exports
(on the invented cuttings of tests/helpers/speaker_cuttings.py)."""
from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pytest

from tests.helpers.speaker_cuttings import speaker_library
from tests.helpers.web import soup
from web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    home = tmp_path_factory.mktemp("speaker-library")
    speaker_library(home).close()
    return create_app({"TESTING": True}, home=home).test_client()


@pytest.mark.parametrize("typed", ["tony%20reeve", "TONY%20REEVE", "Reeve", "Mr%20Reeve"])
def test_a_speaker_page_in_another_spelling_moves_for_good_to_the_speaker_s_name(client, typed):
    response = client.get(f"/speaker/{typed}")
    assert response.status_code == 301
    assert unquote(response.headers["Location"]).endswith("/speaker/Tony Reeve")


def test_a_speaker_filter_in_another_spelling_moves_to_the_speaker_s_name(client):
    response = client.get("/search?q=ferry&speaker=tony+reeve")
    assert response.status_code == 301
    assert "speaker=Tony+Reeve" in response.headers["Location"] and "q=ferry" in response.headers["Location"]
    data = client.get("/search.json?speaker=tony+reeve", follow_redirects=True).json
    assert data["total"] == 5
    facet = client.get("/facets/speaker?speaker=tories&order=name")
    assert facet.status_code == 301 and "speaker=Tories" in facet.headers["Location"]
    assert "order=name" in facet.headers["Location"]


def test_the_speaker_page_lists_the_merged_spellings_and_every_paragraph(client):
    page = soup(client.get("/speaker/Tony%20Reeve"))
    assert page.select_one("h1").get_text() == "Tony Reeve"
    assert [v.get_text() for v in page.select(".variants .variant")] == ["Reeve"]
    assert len(page.select("[data-hit]")) == 5


def test_the_speaker_page_marks_exactly_the_speaker_s_own_words(client):
    page = soup(client.get("/speaker/Tony%20Reeve"))
    said = page.select("[data-hit] .said")
    words = sorted(s.get_text().split(" says: ", 1)[1].rsplit(" (end of", 1)[0] for s in said)
    assert words == sorted([
        "the harbour ferry would run all winter", "We will not let the island be cut off",
        "Nobody likes paying more, but the sanctions on fuel leave us no choice", "the fares were fair",
        "the fares were fine"])
    assert {s["data-speaker"] for s in said} == {"Tony Reeve"}  # not Ana Hale's, on the same pages
    assert all(s.select_one(".visually-hidden").get_text() == "Tony Reeve says: " for s in said)


def test_the_article_page_marks_each_speaker_s_words_under_the_library_s_names(client):
    results = client.get('/search.json?q="fares+were+fair"&view=flat').json
    article = soup(client.get(f"/a/{results['hits'][0]['article_id']}"))
    marked = {(s["data-speaker"], s.get_text().split(" says: ", 1)[1].rsplit(" (end of", 1)[0])
              for s in article.select("ol.paragraphs .said")}
    expected = {("Tony Reeve", "the fares were fair"), ("Ana Hale", "The sanctions were never aimed at islanders")}
    assert expected <= marked
    article_json = client.get("/search.json?q=title:bite&view=flat&size=100").json["hits"]
    spans = {(s["name"], h["text"][a:b]) for h in article_json for s in h["speaker_details"] for a, b in s["spans"]}
    assert marked <= spans  # every mark is exactly a speaker's words


def test_the_json_and_csv_carry_each_speaker_s_spans_role_and_kind(client):
    hit = client.get('/search.json?q="no+choice"&view=flat').json["hits"][0]
    (reeve,) = hit["speaker_details"]
    assert (reeve["name"], reeve["role"], reeve["kind"]) == ("Tony Reeve", "transport secretary", "direct")
    assert [hit["text"][a:b] for a, b in reeve["spans"]] == reeve["said"] == [
        "Nobody likes paying more, but the sanctions on fuel leave us no choice"]
    body = client.get('/search.csv?q="no+choice"&view=flat').get_data(as_text=True).lstrip("\ufeff")
    (row,) = csv.DictReader(io.StringIO(body))
    a, b = map(int, row["spans"].split("-"))
    assert row["text"][a:b] == reeve["said"][0] and row["kinds"] == "direct" and row["roles"] == "transport secretary"


@pytest.mark.parametrize("typed, first", [("ree", "Tony Reeve"), ("tony r", "Tony Reeve"), ("HAL", "Ana Hale"),
                                          ("tor", "Tories")])
def test_speaker_suggestions_match_a_name_or_a_word_of_it_from_its_start(client, typed, first):
    found = client.get(f"/speakers.json?q={typed}").json["speakers"]
    assert found[0]["name"] == first and found[0]["paragraphs"] > 0
    assert unquote(found[0]["url"]).endswith(f"/speaker/{first}")


def test_speaker_suggestions_do_not_match_inside_a_word(client):
    assert client.get("/speakers.json?q=eeve").json["speakers"] == []
    assert client.get("/speakers.json?q=").json["speakers"] == []
