"""Facet kinds: each facet is one class registered in FACET_KINDS, and nothing else needs to know it."""
from __future__ import annotations

import pytest

from search.query.facets import FACET_KINDS, FacetKind
from search.request import RequestError, SearchRequest


class PlaceFacet(FacetKind):
    """A facet a test invents: whether a paragraph leads its article or follows."""

    name, label, plural, one = "place", "Place", "Places", "a place"

    def values(self, rows):
        return [(("lead",) if n == 0 else ("body",)) if c >= 0 else () for c, n in zip(rows.article_of, rows.numbers)]

    def display(self, value):
        return {"lead": "First paragraph", "body": "Later paragraph"}[value]


@pytest.fixture
def place(monkeypatch):
    kind = PlaceFacet()
    monkeypatch.setitem(FACET_KINDS, kind.name, kind)
    return kind


def test_a_new_facet_is_one_class_and_a_registration(library, place):
    everything = library.search(SearchRequest())
    counts = {v.value: v.count for v in everything.facets["place"].values}
    assert counts == {"lead": library.article_count(), "body": library.paragraph_count() - library.article_count()}
    req = SearchRequest.from_args({"place": ["lead"], "q": ["council"]})
    assert req.query_string() == "q=council&place=lead"
    leads = library.search(req)
    assert leads.total > 0 and all(h.paragraph == 0 for h in leads.hits)
    excluded = library.search(SearchRequest.from_args({"-place": ["lead"], "q": ["council"]}))
    assert excluded.total + leads.total == library.search(SearchRequest(q="council")).total
    shown = {v.value: (v.label, v.selected) for v in leads.facets["place"].values}
    assert shown["lead"] == ("First paragraph", True) and shown["body"] == ("Later paragraph", False)


def test_a_new_facet_shows_on_the_page_and_in_the_json(library_home, place):
    from web import create_app

    client = create_app({"TESTING": True}, home=library_home).test_client()
    page = client.get("/search?q=council&place=lead").get_data(as_text=True)
    assert 'class="facet facet-place"' in page and "Place: First paragraph" in page
    data = client.get("/search.json?q=council&place=lead").json
    assert data["request"]["filters"] == {"place": ["lead"]}
    assert {v["value"]: v["selected"] for v in data["facets"]["place"]} == {"lead": True, "body": False}
    assert client.get("/facets/place?q=council").status_code == 200


def test_a_facet_value_that_cannot_be_asked_for_names_itself():
    with pytest.raises(RequestError, match="'date' must be a year, month or day"):
        SearchRequest.from_args({"date": ["2022-13"]})


@pytest.mark.parametrize("name, value, shown", [
    ("date", "2023-11", "November 2023"), ("date", "2023-11-05", "5 November 2023"), ("date", "2023", "2023"),
    ("date", "undated", "Undated"), ("site", "www.ft.com", "www.ft.com"), ("speaker", "Helen Marsh", "Helen Marsh"),
])
def test_one_value_reads_the_same_wherever_it_is_shown(name, value, shown):
    assert FACET_KINDS[name].display(value) == shown
