"""The search page through the Flask test client: results, facets, sorting, paging, notes, bad input."""
from __future__ import annotations

import re

import pytest

from tests.helpers.web import facet_link, hit_links, query, soup

COURIER = "The Coastal Courier"
HERALD = "The Inland Herald"


def test_home_page_has_a_search_box_and_the_library_size(client):
    page = soup(client.get("/"))
    form = page.select_one("form[role=search]")
    assert form["action"] == "/search"
    assert page.select_one("label[for=q]") is not None
    assert "4 articles" in page.get_text(" ")
    assert page.select_one('link[rel=search][type="application/opensearchdescription+xml"]') is not None


def test_search_returns_highlighted_paragraphs_linking_to_their_anchor(client):
    response = client.get("/search?q=barrier")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("mark").get_text().lower() == "barrier"
    links = hit_links(page)
    assert links, "no hits"
    for href in links:
        assert re.match(r"^/a/[\w-]+\?q=barrier&hl=(\d+)#p\1$", href), href
    assert "Harbour council approves tidal barrier after long debate" in page.get_text(" ")


def test_grouped_view_shows_three_paragraphs_per_article_and_how_many_more(client):
    page = soup(client.get("/search?q=barrier"))
    for group in page.select("li.group"):
        assert len(group.select("[data-hit]")) <= 3
    approved = [g for g in page.select("li.group") if "approves tidal barrier" in g.select_one(".hit-title").get_text()]
    more = approved[0].select_one("a.more-in-article")
    assert more is not None and re.match(r"\d+ more in this article", more.get_text(strip=True))
    flat = soup(client.get("/search?q=barrier&view=flat"))
    assert len(hit_links(flat)) > sum(len(g.select("[data-hit]")) for g in page.select("li.group"))


def test_clicking_a_facet_value_adds_it_to_the_url_and_clicking_again_removes_it(client):
    page = soup(client.get("/search?q=barrier"))
    link = facet_link(page, "site", HERALD)
    assert link["rel"] == ["nofollow"]
    assert query(link["href"])["site"] == [HERALD]
    filtered = soup(client.get(link["href"]))
    sites = {s.get_text() for s in filtered.select("[data-hit] .site, li.group .site")}
    assert sites == {HERALD}
    again = facet_link(filtered, "site", HERALD)
    assert "is-selected" in again.find_parent("li")["class"]
    assert "site" not in query(again["href"])
    assert query(again["href"])["q"] == ["barrier"]


def test_every_facet_link_is_nofollow(client):
    page = soup(client.get("/search?q=barrier"))
    links = page.select("aside.facets a")
    assert links
    assert all("nofollow" in a.get("rel", []) for a in links)


def test_excluding_a_value_from_the_page_removes_its_paragraphs(client):
    page = soup(client.get("/search?q=barrier"))
    item = facet_link(page, "site", COURIER).find_parent("li")
    exclude = item.select_one("a.exclude")
    assert query(exclude["href"])["-site"] == [COURIER]
    result = client.get(exclude["href"].replace("/search", "/search.json"))
    sites = {h["site"] for h in result.json["hits"]}
    assert sites and COURIER not in sites


def test_new_search_keeps_the_active_filters_as_hidden_fields(client):
    page = soup(client.get(f"/search?q=barrier&site={HERALD}&sort=newest"))
    hidden = {(i["name"], i["value"]) for i in page.select("form.big-search input[type=hidden]")}
    assert ("site", HERALD) in hidden and ("sort", "newest") in hidden
    chip = page.select_one(".active-filters a.removable")
    assert "site" not in query(chip["href"])


def test_sort_newest_orders_by_date(client):
    hits = client.get("/search.json?q=barrier OR talks&view=flat&sort=newest&size=100").json["hits"]
    dates = [h["date"] for h in hits]
    assert len(set(dates)) > 1
    assert dates == sorted(dates, reverse=True)
    oldest = client.get("/search.json?q=barrier OR talks&view=flat&sort=oldest&size=100").json["hits"]
    assert [h["date"] for h in oldest] == sorted(dates)


def test_paging_is_stable_and_linked(client):
    url = "/search?q=barrier&view=flat&size=2"
    first = soup(client.get(url))
    nav = first.select_one("nav.pagination")
    next_link = nav.select_one("a[rel~=next]")
    assert query(next_link["href"])["page"] == ["2"]
    second = hit_links(soup(client.get(next_link["href"])))
    assert second and not set(second) & set(hit_links(first))
    assert hit_links(soup(client.get(next_link["href"]))) == second  # a bookmarked page 2 stays page 2


def test_page_size_and_view_controls_keep_the_query(client):
    page = soup(client.get("/search?q=barrier"))
    sizes = [a["href"] for a in page.select("nav.size a")]
    assert any(query(h).get("size") == ["50"] and query(h)["q"] == ["barrier"] for h in sizes)
    view = page.select_one("nav.view a")
    assert query(view["href"])["view"] == ["flat"]


def test_no_results_names_the_filters_and_offers_to_remove_each(client):
    response = client.get(f"/search?q=barrier&site={HERALD}&author=Mara Quinn")
    page = soup(response)
    assert "No paragraphs found" in page.select_one("h1").get_text()
    offers = page.select(".no-results li a")
    labels = " ".join(a.get_text(" ") for a in offers)
    assert HERALD in labels and "Mara Quinn" in labels
    for a in offers:
        assert client.get(a["href"].replace("/search", "/search.json")).json["total"] > 0


def test_did_you_mean_offers_a_corrected_spelling(client):
    page = soup(client.get("/search?q=barier"))
    link = page.select_one(".did-you-mean a")
    assert link is not None and link.get_text() == "barrier"
    assert client.get(link["href"].replace("/search", "/search.json")).json["total"] > 0


def test_broken_syntax_is_searched_as_words_with_a_note(client):
    response = client.get('/search?q=barrier AND (OR "tidal')
    assert response.status_code == 200
    assert soup(response).select(".notes .note")


def test_a_2000_character_broken_query_gets_a_page_with_a_note(client):
    response = client.get("/search", query_string={"q": '(("barrier AND OR NOT ' * 100})
    assert response.status_code == 200
    notes = " ".join(n.get_text() for n in soup(response).select(".notes .note"))
    assert "cut" in notes


def test_a_bad_date_is_a_400_with_a_message_naming_the_parameter(client):
    response = client.get("/search?q=barrier&from=2022-13-45")
    assert response.status_code == 400
    alert = soup(response).select_one("[role=alert]").get_text()
    assert "'from'" in alert and "2022-13-45" in alert
    assert client.get("/search.json?from=yesterday").status_code == 400


@pytest.mark.parametrize("path", ["/search", "/facets/author"])
@pytest.mark.parametrize("bad, dropped", [
    ({"from": "2022-13-45"}, {"from"}),
    ({"date": "2022-13"}, set()),  # the good date value stays, the bad one goes
    ({"from": "2024-01-01", "to": "2023-01-01"}, {"to"}),  # each reads alone; they clash
])
def test_the_bad_parameter_page_has_a_heading_and_keeps_every_valid_part_of_the_search(client, path, bad, dropped):
    good = {"q": "barrier", "site": HERALD, "-author": "Mara Quinn", "date": "2023", "sort": "newest",
            "view": "flat", "size": "10"}
    args = [*good.items(), *bad.items()]
    response = client.get(path, query_string=args)
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("h1").get_text(strip=True)
    alert = page.select_one("[role=alert]")
    assert any(value in alert.get_text() for value in bad.values())
    again = query(alert.select_one("a")["href"])
    expected = {name: [value] for name, value in args if name not in dropped}
    expected["date"] = ["2023"]
    assert again == expected
    assert client.get(alert.select_one("a")["href"]).status_code == 200
    kept = {(i["name"], i["value"]) for i in page.select("form.big-search input[type=hidden]")}
    assert ("site", HERALD) in kept and ("-author", "Mara Quinn") in kept  # a new search keeps them too


@pytest.mark.parametrize("path", ["/search", "/search.json", "/search.atom", "/search.csv"])
@pytest.mark.parametrize("param, value", [("date", "2022-13"), ("date", "2022-02-30"), ("-date", "2022-13-45")])
def test_an_impossible_date_facet_value_is_a_400_naming_it(client, path, param, value):
    response = client.get(path, query_string={"q": "barrier", param: value})
    assert response.status_code == 400
    assert value in response.get_data(as_text=True)


def test_a_cutting_containing_script_shows_as_text(client):
    response = client.get("/search?q=alert")
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    page = soup(response)
    assert not [s for s in page.find_all("script") if "alert" in (s.string or "")]


def test_date_range_form_keeps_the_rest_of_the_state(client):
    page = soup(client.get(f"/search?q=barrier&site={COURIER}"))
    form = page.select_one("form.date-range")
    hidden = {(i["name"], i["value"]) for i in form.select("input[type=hidden]")}
    assert ("q", "barrier") in hidden and ("site", COURIER) in hidden
    assert form.select_one("label[for=from]") and form.select_one("input#from[type=date]")
    ranged = client.get("/search.json?q=barrier&from=2023-04-01").json
    assert ranged["total"] > 0 and all(h["date"] >= "2023-04-01" for h in ranged["hits"])


def test_facet_list_page_sorts_and_filters(client):
    by_name = soup(client.get("/facets/site?q=barrier OR talks&order=name"))
    labels = [s.get_text(strip=True) for s in by_name.select(".facet-full .label")]
    assert labels == sorted(labels, key=str.lower) and len(labels) == 2
    filtered = soup(client.get("/facets/site?q=barrier OR talks&contains=inland"))
    assert [s.get_text(strip=True) for s in filtered.select(".facet-full .label")] == [HERALD]
    link = filtered.select_one(".facet-full a.toggle")
    assert link["href"].startswith("/search?") and query(link["href"])["site"] == [HERALD]
    assert client.get("/facets/nonsense").status_code == 404


def test_search_page_stays_light(client):
    response = client.get("/search?q=barrier&view=flat&size=100")
    page = soup(response)
    cutting_text = sum(len(s.get_text()) for s in page.select(".snippet"))
    assert len(response.data) - cutting_text < 100_000
    static = 0
    for name in ("cuttings.css", "cuttings.js"):
        with client.get(f"/static/{name}") as asset:
            static += len(asset.data)
    assert static < 30_000


def test_issue_2_path_drumbeat_carpenter_paragraph_4(client):
    page = soup(client.get("/search?q=drumbeat"))
    carpenter = facet_link(page, "speaker", "Michael Carpenter")
    assert "US ambassador to the OSCE" in carpenter.get_text()  # the role beside the name
    assert query(carpenter["href"])["speaker"] == ["Michael Carpenter"]
    filtered = soup(client.get(carpenter["href"]))
    links = hit_links(filtered)
    assert len(links) == 1 and links[0].endswith("#p4")
    article = soup(client.get(links[0]))
    marked = article.select_one("li.is-marked")
    assert marked["id"] == "p4"
    assert "Michael Carpenter" in marked.select_one(".speakers").get_text()


def test_date_histogram_drills_down_from_year_to_month(client):
    page = soup(client.get("/search?q=barrier OR council"))
    year = facet_link(page, "date", "2023")
    assert query(year["href"])["date"] == ["2023"]
    months = soup(client.get(year["href"]))
    labels = [a.select_one(".label").get_text(strip=True) for a in months.select("section.facet-date a.toggle")]
    assert any("March 2023" in label for label in labels), labels
    march = facet_link(months, "date", "March 2023")
    assert query(march["href"])["date"] == ["2023-03"]
    hits = client.get(march["href"].replace("/search", "/search.json")).json["hits"]
    assert hits and all(h["date"].startswith("2023-03") for h in hits)


def test_quoted_directly_filter_keeps_only_direct_quotes(client):
    page = soup(client.get("/search?q=barrier OR steel OR table"))
    link = page.select_one(".kind-filter a")
    assert query(link["href"])["kind"] == ["direct"]
    data = client.get(link["href"].replace("/search", "/search.json") + "&view=flat").json
    assert data["total"] > 0
    assert all(any(s["kind"] == "direct" for s in h["speaker_details"]) for h in data["hits"])


def test_facet_list_pages_through_a_long_list(client, monkeypatch):
    monkeypatch.setattr("web.views.search.FACET_PAGE", 2)
    first = soup(client.get("/facets/speaker?order=name"))
    names = [s.get_text(strip=True) for s in first.select(".facet-full .label")]
    assert len(names) == 2
    next_link = first.select_one("nav.pagination a[rel~=next]")
    second = soup(client.get(next_link["href"]))
    more = [s.get_text(strip=True) for s in second.select(".facet-full .label")]
    assert len(more) == 2 and not set(more) & set(names)
    assert sorted(names + more, key=str.lower) == names + more


def test_a_page_past_the_end_links_to_the_last_page(client):
    page = soup(client.get("/search?q=barrier&view=flat&size=2&page=50"))
    link = page.select_one("p.notes a")
    total = client.get("/search.json?q=barrier").json["total"]
    assert query(link["href"])["page"] == [str(-(-total // 2))]
    assert hit_links(soup(client.get(link["href"])))


def test_home_page_lists_the_newest_cuttings_and_top_speakers(client):
    page = soup(client.get("/"))
    newest = page.select("ul.newest li a")
    assert newest[0].get_text() == "Tidal barrier costs rise by a quarter"  # 2 May 2023, the newest fixture
    assert newest[0]["href"].startswith("/a/2023-05-02-")
    speakers = [a.get_text(" ", strip=True) for a in page.select("[aria-labelledby=top-speakers] a")]
    assert any(s.startswith("Elena Novak") for s in speakers)


def test_an_empty_library_serves_every_page(empty_client):
    assert "0 articles" in soup(empty_client.get("/")).get_text(" ")
    for url in ("/search?q=anything", "/search.json", "/search.atom", "/search.csv", "/facets/speaker", "/add"):
        assert empty_client.get(url).status_code == 200, url
    assert empty_client.get("/speaker/Anyone").status_code == 404


def test_a_date_reads_the_same_on_its_chip_in_the_facet_and_beside_a_hit(client):
    page = soup(client.get("/search?q=barrier OR council&date=2023-03&from=2023-03-14"))
    chips = [a.get_text(" ", strip=True) for a in page.select(".active-filters a.removable")]
    assert any("Date: March 2023" in c for c in chips) and any("From 14 March 2023" in c for c in chips), chips
    selected = page.select_one("section.facet-date li.is-selected .label").get_text(strip=True)
    assert selected == "March 2023"
    days = {a.select_one(".label").get_text(strip=True) for a in page.select("section.facet-date a.toggle")}
    shown = {t.get_text(strip=True) for t in page.select("[data-hit] time, li.group time")}
    assert shown and shown <= days  # "14 March 2023" beside the hit and in the facet
    nothing = soup(client.get(f"/search?q=barrier&site={HERALD}&from=2023-03-14&to=2023-03-20"))
    offers = [a.get_text(" ", strip=True) for a in nothing.select(".no-results li a")]
    assert "Remove Dates from 14 March 2023 to 20 March 2023" in offers, offers
