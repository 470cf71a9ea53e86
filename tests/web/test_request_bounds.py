"""What one search URL may ask for is bounded, and going past a bound is a 400 that says which.

A search is a GET, so any web page can fire one with an <img>: thousands of facet
values, a query of hundreds of words, a wildcard standing for the whole lexicon or
a page a million results deep must be refused quickly, never computed.
"""
from __future__ import annotations

import pytest

import search.query.parse as parse_module
from search.request import MAX_FILTER_VALUES, MAX_QUERY_TERMS, MAX_RESULT_DEPTH, MAX_VALUES_PER_FACET
from tests.helpers.web import soup


def _speakers(n: int) -> str:
    return "&".join(f"speaker=Name{i}" for i in range(n))


def test_two_thousand_speaker_values_are_refused_with_a_400_naming_the_limit(client):
    response = client.get(f"/search?{_speakers(2000)}")
    assert response.status_code == 400
    message = soup(response).select_one(".error-message").get_text(" ")
    assert "2,000 values of 'speaker'" in message and f"at most {MAX_VALUES_PER_FACET}" in message
    assert len(response.data) < 50_000  # the refusal does not link each value


def test_the_json_twin_refuses_the_same_way_as_json(client):
    response = client.get(f"/search.json?{_speakers(MAX_VALUES_PER_FACET + 1)}")
    assert response.status_code == 400
    assert f"at most {MAX_VALUES_PER_FACET}" in response.json["error"]["message"]


def test_values_up_to_the_limit_still_search(client):
    response = client.get(f"/search.json?{_speakers(MAX_VALUES_PER_FACET)}")
    assert response.status_code == 200
    assert response.json["total"] == 0 and len(response.json["request"]["filters"]["speaker"]) == MAX_VALUES_PER_FACET


def test_repeating_one_value_counts_once(client):
    assert client.get("/search.json?" + "&".join(["site=The Inland Herald"] * 500)).status_code == 200


def test_values_over_every_facet_and_exclusions_count_towards_one_total(client):
    per = MAX_FILTER_VALUES // 3 + 1
    params = "&".join([f"speaker=S{i}" for i in range(per)] + [f"-section=X{i}" for i in range(per)]
                      + [f"author=A{i}" for i in range(per)])
    response = client.get(f"/search.json?{params}")
    assert response.status_code == 400
    assert f"{3 * per} filter values" in response.json["error"]["message"]
    assert f"at most {MAX_FILTER_VALUES} in all" in response.json["error"]["message"]


def test_a_query_of_too_many_words_is_cut_to_the_limit_with_a_note(client):
    words = [f"w{i}" for i in range(MAX_QUERY_TERMS + 20)]
    response = client.get("/search.json", query_string={"q": " OR ".join(words)})
    assert response.status_code == 200
    assert response.json["request"]["q"] == " OR ".join(words[:MAX_QUERY_TERMS])  # operators are not words
    assert f"cut to its first {MAX_QUERY_TERMS} words" in " ".join(response.json["notes"])
    quoted = '"' + " ".join(words[:40]) + '"'  # a long quoted sentence is searched whole
    assert client.get("/search.json", query_string={"q": quoted}).json["request"]["q"] == quoted


def test_a_page_past_the_deepest_is_refused_and_the_last_allowed_page_answers(client):
    response = client.get("/search.json?q=barrier&size=100&page=1000")
    assert response.status_code == 400
    assert f"first {MAX_RESULT_DEPTH:,} paragraphs" in response.json["error"]["message"]
    last = MAX_RESULT_DEPTH // 100
    assert client.get(f"/search.json?q=barrier&size=100&page={last}").status_code == 200


@pytest.fixture
def small_expansion_budget(monkeypatch):
    """A budget the small test library can exceed (the real one is counted the same way)."""
    monkeypatch.setattr(parse_module, "MAX_EXPANSIONS", 5)


@pytest.mark.parametrize("path", ["/search", "/search.json", "/search.csv", "/search.atom", "/facets/speaker"])
def test_a_wildcard_standing_for_too_many_words_is_refused_naming_it(client, small_expansion_budget, path):
    response = client.get(path, query_string={"q": "?*"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "'?*' stands for more than 5 different words" in body.replace("&#39;", "'")


def test_a_narrow_wildcard_still_searches(client, small_expansion_budget):
    response = client.get("/search.json", query_string={"q": "barrie*"})
    assert response.status_code == 200 and response.json["total"] > 0


def test_ranges_count_like_wildcards(client, small_expansion_budget):
    response = client.get("/search.json", query_string={"q": "text:[a TO z]"})
    assert response.status_code == 400
    assert "'[a TO z]' stands for more than 5" in response.json["error"]["message"]


def test_too_many_wildcard_terms_are_refused_before_any_is_expanded(client):
    q = " ".join(f"zq{i}*" for i in range(parse_module.MAX_EXPANDING_TERMS + 1))
    response = client.get("/search.json", query_string={"q": q})
    assert response.status_code == 400
    assert "wildcard or range terms" in response.json["error"]["message"]


def test_an_article_opened_from_a_too_broad_search_still_shows(client, small_expansion_budget):
    hit = client.get("/search.json?q=barrier&view=flat").json["hits"][0]
    response = client.get(f"/a/{hit['article_id']}", query_string={"q": "?*", "hl": hit["paragraph"]})
    assert response.status_code == 200
    assert soup(response).select_one("h1") is not None
