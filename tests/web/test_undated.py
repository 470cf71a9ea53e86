"""Cuttings without a date: counted, chosen and left out in the date facet; never dropped silently."""
from __future__ import annotations

import json
import re
from datetime import datetime
from xml.etree import ElementTree as ET

import pytest

from tests.helpers.web import query, soup

ATOM = "{http://www.w3.org/2005/Atom}"
SEARCH = "q=barrier OR council"


def _json(client, params: str) -> dict:
    return client.get(f"/search.json?{params}&view=flat&size=100").json


def _date_value(page, label: str):
    return next(li for li in page.select("section.facet-date li.facet-value")
                if li.select_one(".label, s") and li.select_one(".label, s").get_text(strip=True) == label)


def test_the_date_facet_counts_undated_paragraphs_and_toggles_them(undated_client):
    everything = _json(undated_client, SEARCH)
    undated = [h for h in everything["hits"] if h["date"] is None]
    assert undated and len(undated) < everything["total"]
    page = soup(undated_client.get(f"/search?{SEARCH}"))
    item = _date_value(page, "Undated")
    assert item.select_one(".count").get_text() == str(len(undated))
    assert item.select_one(".bar") is None  # beside the timeline, not a bar of it

    chosen = item.select_one("a.toggle")["href"]
    assert query(chosen)["date"] == ["undated"]
    only = _json(undated_client, chosen.split("?", 1)[1])
    assert only["total"] == len(undated) and all(h["date"] is None for h in only["hits"])
    chip = soup(undated_client.get(chosen)).select_one(".active-filters a.removable")
    assert "Date: Undated" in chip.get_text(" ", strip=True)
    again = _date_value(soup(undated_client.get(chosen)), "Undated").select_one("a.toggle")["href"]
    assert "date" not in query(again)  # chosen again: gone, and nothing else in its place

    left_out = item.select_one("a.exclude")["href"]
    assert query(left_out)["-date"] == ["undated"]
    dated = _json(undated_client, left_out.split("?", 1)[1])
    assert dated["total"] == everything["total"] - len(undated) and all(h["date"] for h in dated["hits"])


def test_undated_ors_with_a_year_like_any_two_values_of_one_facet(undated_client):
    year = _json(undated_client, f"{SEARCH}&date=2023")["total"]
    undated = _json(undated_client, f"{SEARCH}&date=undated")["total"]
    both = _json(undated_client, f"{SEARCH}&date=2023&date=undated")
    assert year and undated and both["total"] == year + undated
    page = soup(undated_client.get(f"/search?{SEARCH}&date=2023&date=undated"))
    selected = [li.select_one(".label").get_text(strip=True) for li in page.select("section.facet-date li.is-selected")]
    assert selected == ["2023", "Undated"]
    months = _date_value(page, "March 2023").select_one("a.toggle")["href"]
    assert query(months)["date"] == ["undated", "2023-03"]  # drilling into the year keeps the undated ones


@pytest.mark.parametrize("date_filter", ["from=2023-01-01", "to=2023-12-31", "date=2023", "date=2023-03"])
def test_a_date_filter_says_how_many_undated_paragraphs_it_leaves_out(undated_client, date_filter):
    undated = _json(undated_client, f"{SEARCH}&date=undated")["total"]
    page = soup(undated_client.get(f"/search?{SEARCH}&{date_filter}"))
    note = page.select_one(".undated-note")
    assert note is not None and f"leave out {undated} undated paragraph" in note.get_text(" ", strip=True)
    shown = note.select_one("a")["href"]
    assert query(shown)["date"] == ["undated"] and "from" not in query(shown) and "to" not in query(shown)
    them = _json(undated_client, shown.split("?", 1)[1])
    assert them["total"] == undated and all(h["date"] is None for h in them["hits"])


@pytest.mark.parametrize("params", ["", "&date=undated", "&date=2023&date=undated", "&from=2023-01-01&-date=undated"])
def test_no_note_when_nothing_undated_is_left_out_or_the_reader_chose_to(undated_client, params):
    assert soup(undated_client.get(f"/search?{SEARCH}{params}")).select_one(".undated-note") is None


def test_no_note_in_a_library_where_every_cutting_has_a_date(client):
    assert soup(client.get(f"/search?{SEARCH}&from=2023-01-01")).select_one(".undated-note") is None


def test_the_atom_feed_dates_an_undated_entry_by_when_its_cutting_was_added(undated_app):
    client = undated_app.test_client()
    library = undated_app.extensions["cuttings.library"]
    sidecars = [json.loads(p.read_text()) for p in (library.home / "sources").glob("*.meta.json")]
    added = {s["filename"]: datetime.fromisoformat(s["added"]) for s in sidecars}
    feed = ET.fromstring(client.get("/search.atom?q=lifeline OR sailing").data)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        updated = datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        assert updated == added["ferry-winter-timetable.txt"]
        assert entry.find(f"{ATOM}published") is None  # no publication date is made up
    mixed = ET.fromstring(client.get(f"/search.atom?{SEARCH}").data)
    newest = mixed.find(f"{ATOM}updated").text
    stamps = [e.find(f"{ATOM}updated").text for e in mixed.findall(f"{ATOM}entry")]
    assert not [s for s in stamps + [newest] if s.startswith("1970")]
    assert newest == max(stamps)


def test_the_speaker_page_lists_dated_paragraphs_newest_first_then_the_undated(undated_client):
    page = soup(undated_client.get("/speaker/Elena Novak"))
    headings = [h.get_text(strip=True) for h in page.select(".speaker-paragraphs h2")]
    assert headings == ["Paragraphs, newest first", "Undated paragraphs"]
    dated, undated = page.select(".speaker-paragraphs ol.hits")
    days = [t["datetime"] for t in dated.select("time")]
    assert len(days) == len(dated.select("[data-hit]")) == 2 and days == sorted(days, reverse=True)
    assert len(undated.select("[data-hit]")) == 1 and not undated.select("time")
    assert "Contractor named" in undated.get_text()
    count = page.select_one(".timeline-undated")
    assert re.sub(r"\s+", " ", count.get_text(" ", strip=True)) == "Undated 1"
    assert query(count.a["href"]) == {"speaker": ["Elena Novak"], "date": ["undated"]}


def test_an_undated_article_says_when_it_was_added(undated_app):
    client = undated_app.test_client()
    library = undated_app.extensions["cuttings.library"]
    href = client.get("/search.json?q=lifeline&view=flat").json["hits"][0]["url"]
    article = library.article(href.rsplit("/a/", 1)[1].split("#")[0])
    source = soup(client.get(f"/a/{article.id}")).select_one("dl.source").get_text(" ", strip=True)
    assert "Published" not in source
    assert f"Added {article.added.day} {article.added:%B %Y}" in source and "no publication date" in source


@pytest.mark.parametrize("params", ["q=", SEARCH])
@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_orders_keep_each_article_s_paragraphs_together_and_in_order_the_undated_last(undated_client, params,
                                                                                            sort):
    hits = _json(undated_client, f"{params}&sort={sort}")["hits"]
    keys = [(h["date"] or "", h["article_id"], h["paragraph"]) for h in hits]
    expected = sorted(keys, key=lambda k: k[1:])  # by article, then paragraph ...
    expected.sort(key=lambda k: k[0], reverse=sort == "newest")  # ... within each day, newest or oldest first
    if sort == "oldest":
        expected = [k for k in expected if k[0]] + [k for k in expected if not k[0]]
    assert any(not k[0] for k in keys) and keys == expected
