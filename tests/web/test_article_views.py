"""The article page, the speaker page and the error pages."""
from __future__ import annotations

import re

import pytest

from tests.helpers.web import hit_links, query, soup, warmed_library


def _article_id(client, q: str) -> str:
    return client.get(f"/search.json?q={q}&view=flat").json["hits"][0]["article_id"]


def test_article_page_anchors_every_paragraph_and_shows_the_source(client):
    aid = _article_id(client, "estuary")
    article = client.get("/search.json?q=estuary").json["hits"][0]
    page = soup(client.get(f"/a/{aid}"))
    paras = page.select("ol.paragraphs > li")
    assert [p["id"] for p in paras] == [f"p{n}" for n in range(len(paras))]
    assert len(paras) == 5
    for p in paras:
        link = p.select_one("a.copy-link")
        assert link["href"] == f"#{p['id']}"  # works as a plain anchor without JavaScript
        assert link["data-permalink"].endswith(f"/a/{aid}#{p['id']}")
    source = page.select_one("dl.source").get_text(" ")
    assert "Mara Quinn" in source and "The Coastal Courier" in source and "14 March 2023" in source
    assert article["title"] == page.select_one("h1").get_text()


def test_following_a_hit_marks_its_paragraph(client):
    page = soup(client.get("/search?q=silt&view=flat"))
    href = hit_links(page)[0]
    n = int(re.search(r"#p(\d+)$", href).group(1))
    article = soup(client.get(href.split("#")[0]))
    marked = article.select("li.is-marked")
    assert [m["id"] for m in marked] == [f"p{n}"]
    assert "silt" in marked[0].get_text()
    back = article.select_one("nav.hit-trail a")
    assert query(back["href"])["q"] == ["silt"]


def test_next_and_previous_step_through_the_hits_of_the_search(client):
    flat = client.get("/search.json?q=barrier&view=flat&size=100").json["hits"]
    assert len(flat) >= 3
    page = soup(client.get("/search?q=barrier&view=flat"))
    second = hit_links(page)[1]
    article = soup(client.get(second))
    next_link = article.select_one("nav.hit-trail a[rel=next]")
    prev_link = article.select_one("nav.hit-trail a[rel=prev]")
    assert next_link["href"].startswith(f"/a/{flat[2]['article_id']}?") and next_link["href"].endswith(
        f"#p{flat[2]['paragraph']}"
    )
    assert prev_link["href"].startswith(f"/a/{flat[0]['article_id']}?") and prev_link["href"].endswith(
        f"#p{flat[0]['paragraph']}"
    )
    assert "Hit 2 of" in article.select_one("nav.hit-trail").get_text()
    # from the grouped view (no rank in the link) the trail is found all the same
    grouped_link = soup(client.get("/search?q=barrier")).select("[data-hit] a.hit-link")[0]["href"]
    assert "Hit 1 of" in soup(client.get(grouped_link)).select_one("nav.hit-trail").get_text()


def test_more_in_this_article_marks_all_its_hits(client):
    page = soup(client.get("/search?q=barrier"))
    more = page.select_one("a.more-in-article")
    article = soup(client.get(more["href"]))
    hits = article.select("li.is-hit")
    assert len(hits) > 3
    assert all("barrier" in h.select_one(".text").get_text().lower() for h in hits)


def test_article_text_is_escaped(client):
    aid = _article_id(client, "alert")
    html = client.get(f"/a/{aid}").get_data(as_text=True)
    assert "&lt;script&gt;alert(" in html and "<script>alert(" not in html


def test_unknown_article_is_a_404_page(client):
    response = client.get("/a/2020-01-01-no-such-article-000000")
    assert response.status_code == 404
    text = soup(response).get_text(" ")
    assert "no article with the id" in text and "Traceback" not in text


def test_speaker_page_lists_paragraphs_newest_first_with_timeline_roles_and_co_speakers(client):
    response = client.get("/speaker/Elena Novak")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").get_text() == "Elena Novak"
    dates = [t["datetime"] for t in page.select("[data-hit] time")]
    assert len(dates) == 2 and dates == sorted(dates, reverse=True)
    assert [li.select_one(".label").get_text() for li in page.select(".timeline li")] == ["March 2023", "May 2023"]
    assert [query(a["href"])["date"] for a in page.select(".timeline a")] == [["2023-03"], ["2023-05"]]
    assert "council leader" in page.select_one("[aria-labelledby=roles-heading]").get_text()
    assert "Ravi Patel" in page.select_one("[aria-labelledby=co-heading]").get_text()
    form = page.select_one("form[role=search]")
    assert form.select_one("input[type=hidden][name=speaker]")["value"] == "Elena Novak"
    within = client.get("/search.json", query_string={"q": "steel", "speaker": "Elena Novak"}).json
    assert within["total"] == 1


def test_unknown_speaker_is_a_404(client):
    assert client.get("/speaker/Nobody Atall").status_code == 404


def test_unexpected_errors_get_a_500_page_without_a_traceback(empty_app):
    def broken():
        raise RuntimeError("secret internal detail")

    empty_app.add_url_rule("/broken", "broken", broken)
    response = empty_app.test_client().get("/broken")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "secret internal detail" not in text and "Traceback" not in text
    assert "Something went wrong" in text


def test_speaker_page_pages_through_older_paragraphs(client, monkeypatch):
    monkeypatch.setattr("web.views.articles.SPEAKER_PAGE_SIZE", 1)
    first = soup(client.get("/speaker/Elena Novak"))
    older = first.select_one("nav.pagination a[rel=next]")
    second = soup(client.get(older["href"]))
    first_date = first.select_one("[data-hit] time")["datetime"]
    second_date = second.select_one("[data-hit] time")["datetime"]
    assert first_date > second_date
    assert second.select_one("nav.pagination a[rel=prev]") is not None


def test_arriving_at_an_articles_first_hit_marks_all_its_hits_and_steps_on(client, app, monkeypatch):
    flat = client.get("/search.json?q=barrier&view=flat&size=100").json["hits"]
    refs = [(h["article_id"], h["paragraph"]) for h in flat]
    busiest = max({a for a, _ in refs}, key=lambda a: sum(1 for x, _ in refs if x == a))
    rank = next(i for i, (a, _) in enumerate(refs) if a == busiest)
    assert sum(1 for a, _ in refs if a == busiest) > 2
    # the trail comes from the engine's cheap (article, paragraph) list, not the export walk
    monkeypatch.setattr(app.extensions["cuttings.library"], "iter_hits", None)
    article = soup(client.get(f"/a/{busiest}?q=barrier&view=flat&hl={refs[rank][1]}"))
    assert {int(li["id"][1:]) for li in article.select("li.is-hit")} == {n for a, n in refs if a == busiest}
    assert f"Hit {rank + 1} of {len(refs)}" in article.select_one("nav.hit-trail").get_text()
    next_link = article.select_one("nav.hit-trail a[rel=next]")
    assert next_link["href"].startswith(f"/a/{refs[rank + 1][0]}?") and next_link["href"].endswith(
        f"#p{refs[rank + 1][1]}"
    )


def test_speaker_page_lists_paragraphs_without_counting_facets(client, app, monkeypatch):
    warmed_library(app)

    def no_facets(*args, **kwargs):
        raise AssertionError("the speaker page shows no facets, so none should be counted")

    monkeypatch.setattr("search.query.run.build_facets", no_facets)
    page = soup(client.get("/speaker/Elena Novak"))
    assert len(page.select("[data-hit]")) == 2


def test_a_page_answers_busy_instead_of_hanging_when_the_index_is_stuck(empty_app, monkeypatch):
    import threading

    import search.index.store as store

    monkeypatch.setattr(store, "READ_TIMEOUT", 0.2)
    monkeypatch.setattr(store, "CHECK_INTERVAL", 0.0)
    library = warmed_library(empty_app)  # the app opens its searcher in the background: let it, then drop it,
    library.store.close()  # so that the page below has to open one while the lock is stuck
    holding, release = threading.Event(), threading.Event()

    def stuck() -> None:
        with library.store._lock:
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=stuck)
    holder.start()
    try:
        assert holding.wait(60)
        response = empty_app.test_client().get("/")  # a brand-new empty library
    finally:
        release.set()
        holder.join(60)
    assert response.status_code == 503
    assert "busy" in response.get_data(as_text=True)
    assert empty_app.test_client().get("/").status_code == 200


def _ref(href: str) -> tuple[str, int]:
    """(article id, paragraph) of a link to a paragraph: /a/<id>?<state>#p<n>."""
    found = re.match(r"^/a/([^?#]+)\?.*#p(\d+)$", href)
    assert found, href
    return found.group(1), int(found.group(2))


def _results_pages(client, url: str) -> list[list[str]]:
    """The hit links of every results page of a search, page by page, following "Next"."""
    pages = []
    while url:
        page = soup(client.get(url))
        pages.append(hit_links(page))
        following = page.select_one("nav.pagination a[rel~=next]")
        url = following["href"] if following else None
    return pages


@pytest.mark.parametrize("view", ["grouped", "flat"])
def test_the_hit_trail_steps_through_the_hits_in_the_order_the_results_pages_show_them(client, view):
    search = f"/search?q=barrier OR talks OR council&view={view}&size=2"
    pages = _results_pages(client, search)
    assert len(pages) > 1
    shown = [(_ref(href), number) for number, links in enumerate(pages, 1) for href in links]
    total = client.get(search.replace("/search", "/search.json")).json["total"]

    trail, href = [], pages[0][0]  # from the first hit, "Next hit" until there is none
    while href:
        article = soup(client.get(href))
        nav = article.select_one("nav.hit-trail")
        trail.append((_ref(href), nav.select_one(".position").get_text(), query(nav.a["href"]).get("page", ["1"])))
        following = nav.select_one("a[rel=next]")
        href = following["href"] if following else None
    assert [position for _, position, _ in trail] == [f"Hit {k} of {total}" for k in range(1, total + 1)]
    order = [ref for ref, _, _ in trail]
    assert len(set(order)) == total

    # every hit shown on the results pages, in their order; "Back to the results" goes to its page
    ranks = [order.index(ref) for ref, _ in shown]
    assert ranks == sorted(ranks)
    for (ref, number), rank in zip(shown, ranks):
        assert trail[rank][2] == [str(number)]
    if view == "flat":
        assert order == [ref for ref, _ in shown]
    else:  # the hits behind "N more in this article" follow the ones shown of their article
        shown_refs = {ref for ref, _ in shown}
        for before, ref in zip(order, order[1:]):
            assert ref in shown_refs or ref[0] == before[0]
        assert len(shown) < total


def test_paragraphs_are_numbered_from_one_and_keep_their_anchors(client):
    aid = _article_id(client, "estuary")
    page = soup(client.get(f"/a/{aid}"))
    for n, li in enumerate(page.select("ol.paragraphs > li")):
        link = li.select_one("a.copy-link")
        assert li["id"] == f"p{n}" and link["href"] == f"#p{n}"  # links shared before still land here
        assert link.select_one("[aria-hidden]").get_text() == f"¶{n + 1}"
        assert link.select_one(".visually-hidden").get_text() == f"Link to paragraph {n + 1}"
    results = soup(client.get("/search?q=estuary&view=flat"))
    for hit in results.select("[data-hit] a.hit-link"):
        anchor = int(hit["href"].rsplit("#p", 1)[1])
        assert hit.select_one(".para-no").get_text() == f"¶{anchor + 1}"


def test_an_article_opened_from_a_result_marks_the_search_words(client):
    href = hit_links(soup(client.get("/search?q=barriers&view=flat")))[0]  # "barriers" finds "barrier" too
    article = soup(client.get(href))
    marks = [m.get_text().lower() for m in article.select("ol.paragraphs mark")]
    assert marks and set(marks) <= {"barrier", "barriers"}
    assert article.select_one("li.is-marked mark") is not None
    assert not soup(client.get(href.split("?")[0])).select("ol.paragraphs mark")  # opened plainly: no marks


def test_marks_on_an_article_keep_its_text_escaped(client):
    href = hit_links(soup(client.get("/search?q=alert&view=flat")))[0]
    html = client.get(href).get_data(as_text=True)
    assert "<mark>alert</mark>" in html and "&lt;script&gt;" in html and "<script>alert(" not in html
