"""/search.json, /search.atom, /search.csv, /opensearch.xml and /robots.txt."""
from __future__ import annotations

import csv
import io
from collections import Counter
from xml.etree import ElementTree as ET

from tests.helpers.web import soup

ATOM = "{http://www.w3.org/2005/Atom}"
COURIER = "The Coastal Courier"
HERALD = "The Inland Herald"


def test_json_has_the_documented_schema(client):
    data = client.get("/search.json?q=barrier&view=flat").json
    assert isinstance(data["total"], int) and data["total"] == len(data["hits"])
    hit = data["hits"][0]
    for key in ("article_id", "paragraph", "url", "title", "date", "speakers", "snippet"):
        assert key in hit
    assert hit["url"].endswith(f"/a/{hit['article_id']}#p{hit['paragraph']}")
    assert isinstance(hit["speakers"], list)
    for name in ("speaker", "section", "author", "site", "date"):
        assert name in data["facets"]
    site = data["facets"]["site"][0]
    assert set(site) >= {"value", "count", "selected", "toggle_url"}


def test_json_toggle_urls_select_and_deselect(client):
    data = client.get("/search.json?q=barrier").json
    herald = next(v for v in data["facets"]["site"] if v["value"] == HERALD)
    assert herald["selected"] is False
    selected = client.get(herald["toggle_url"]).json
    again = next(v for v in selected["facets"]["site"] if v["value"] == HERALD)
    assert again["selected"] is True
    assert {h["site"] for h in selected["hits"]} == {HERALD}
    assert client.get(again["toggle_url"]).json["total"] == data["total"]


def _matches(client, params: str) -> list[dict]:
    body = client.get(f"/search.csv?{params}").get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(body)))


def test_facet_counts_under_multi_select_match_a_brute_force_count(client):
    """Each facet counts with every other filter but its own: OR within, AND across."""
    params = f"q=barrier OR talks OR council&site={COURIER}&site={HERALD}&author=Mara Quinn"
    data = client.get(f"/search.json?{params}&view=flat&size=100").json
    both_sites = _matches(client, "q=barrier OR talks OR council&author=Mara Quinn")
    assert data["total"] == len([r for r in both_sites if r["site"] in (COURIER, HERALD)])
    site_counts = {v["value"]: v["count"] for v in data["facets"]["site"] if v["count"]}
    assert site_counts == dict(Counter(r["site"] for r in both_sites))
    assert {v["value"] for v in data["facets"]["site"] if v["selected"]} == {COURIER, HERALD}  # shown even at 0
    any_author = _matches(client, f"q=barrier OR talks OR council&site={COURIER}&site={HERALD}")
    author_counts = {v["value"]: v["count"] for v in data["facets"]["author"] if v["count"]}
    assert author_counts == dict(Counter(a for r in any_author for a in r["authors"].split("; ") if a))
    assert author_counts["Joe Park"] > 0  # another author's count stays visible while Mara Quinn is selected


def test_csv_streams_every_matching_paragraph(client):
    response = client.get("/search.csv?q=barrier&size=1")
    assert response.is_streamed
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == client.get("/search.json?q=barrier").json["total"] > 1
    assert all("barrier" in r["text"].lower() for r in rows)


def test_atom_feed_is_valid_and_newest_first(client):
    response = client.get("/search.atom?q=barrier")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for tag in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert "/a/" in entry.find(f"{ATOM}link").get("href")
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_atom_escapes_cutting_text(client):
    feed = ET.fromstring(client.get("/search.atom?q=alert").data)
    content = feed.find(f"{ATOM}entry/{ATOM}content").text
    assert "<script>alert('cut')</script>" in content  # the text itself, escaped in the XML


def test_opensearch_description_points_at_the_search(client):
    response = client.get("/opensearch.xml")
    doc = ET.fromstring(response.data)
    ns = "{http://a9.com/-/spec/opensearch/1.1/}"
    assert doc.find(f"{ns}ShortName").text == "Cuttings"
    templates = [u.get("template") for u in doc.findall(f"{ns}Url")]
    assert any(t.endswith("/search?q={searchTerms}") for t in templates)
    page = soup(client.get("/search?q=barrier"))
    assert page.select_one("link[rel=search]")["href"] == "/opensearch.xml"


def test_robots_txt_keeps_crawlers_out_of_facet_combinations(client):
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "Disallow: /facets/" in text
    assert "Disallow: /*&speaker=" in text and "Disallow: /*?speaker=" in text
    assert "Disallow: /search\n" not in text  # plain searches stay crawlable


def test_every_format_of_a_search_names_the_others_in_a_link_header(client):
    for path, own in (("/search", None), ("/search.json", "application/json"), ("/search.atom", "application/atom+xml"),
                      ("/search.csv", "text/csv")):
        response = client.get(f"{path}?q=barrier&site={HERALD.replace(' ', '+')}")
        assert response.status_code == 200
        links = response.headers["Link"]
        types = {"application/json", "application/atom+xml", "text/csv"} - {own}
        for mimetype in types:
            assert f'rel="alternate"; type="{mimetype}"' in links
        assert own is None or f'type="{own}"' not in links
        assert "q=barrier" in links and "site=The+Inland+Herald" in links


def test_an_unknown_format_is_not_found(client):
    assert client.get("/search.xml?q=barrier").status_code == 404


def test_atom_entry_titles_number_paragraphs_from_one(client):
    hits = client.get("/search.json?q=barrier&view=flat&sort=newest").json["hits"]
    feed = ET.fromstring(client.get("/search.atom?q=barrier").data)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles and len(titles) == len(hits)
    for title, hit in zip(titles, hits):
        assert f"¶{hit['paragraph'] + 1}" in title


def test_atom_title_names_filters_as_the_page_does(client):
    feed = ET.fromstring(client.get(f"/search.atom?q=barrier&date=2023-03&-site={HERALD}").data)
    title = feed.find(f"{ATOM}title").text
    assert "Date: March 2023" in title and f"not Site: {HERALD}" in title


def test_json_facet_values_give_the_label_and_the_role_apart(client):
    speakers = client.get("/search.json?q=drumbeat").json["facets"]["speaker"]
    carpenter = next(v for v in speakers if v["value"] == "Michael Carpenter")
    assert carpenter["label"] == "Michael Carpenter" and carpenter["detail"] == "US ambassador to the OSCE"
    assert all(v["detail"] is None for v in client.get("/search.json?q=drumbeat").json["facets"]["date"])
