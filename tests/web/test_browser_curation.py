"""Curating in a real browser: correct and see it survive reindex, delete (410) and restore, tag a search,
the sandboxed original, several files at once, copy as citation; axe-core on every curation page.

Each test gets a server of its own on a fresh copy of the library (the tests change it).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from search.library import Library
from tests.helpers.browser import BROWSER_TEST, needs_axe, serious_violations, serving
from tests.helpers.web import build_library

pytestmark = BROWSER_TEST
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
expect = sync_api.expect

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCRIPTED_PAGE = """<!doctype html><html lang="en"><head><title>Gulls nest on the pier</title>
<meta property="og:site_name" content="The Pier Gazette"><meta name="author" content="Ada Lark">
<script>alert("a script of the saved page ran")</script></head>
<body onload="alert('onload ran')"><article><h1>Gulls nest on the pier</h1><p>By Ada Lark</p>
<p>Herring gulls have nested on the old pier for the first time in a decade, the harbour office said on Monday.</p>
<p>"We ask visitors to keep their distance from the nests until the chicks fledge," said Ruth Lowe,
the harbour master.</p>
<p>The pier stays open, with a short stretch fenced off until August.</p>
<img src="x" onerror="alert('onerror ran')">
</article></body></html>"""


@pytest.fixture(scope="module")
def library_template(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("browser-curation")
    build_library(home).close()
    return home


@pytest.fixture
def server(library_template, tmp_path):
    """(base URL, library home) of a live app on a library of this test's own."""
    home = tmp_path / "library"
    shutil.copytree(library_template, home)
    with serving(home) as base:
        yield base, home


@pytest.fixture
def browser_context_args(server) -> dict:
    return {"base_url": server[0], "permissions": ["clipboard-read", "clipboard-write"]}


def open_first_hit(page, q: str) -> str:
    page.goto(f"/search?q={q}&view=flat")
    page.locator("[data-hit] a.hit-link").first.click()
    page.wait_for_url(re.compile(r"/a/[\w-]+"))
    return page.url.split("?")[0].split("#")[0]


def test_correct_a_date_and_a_speaker_and_it_survives_reindex(page, server):
    article = open_first_hit(page, "drumbeat")
    page.get_by_role("link", name="Correct this article").click()
    page.get_by_label("Date").fill("2022-01-14")
    page.get_by_role("button", name="Save corrections").click()
    page.wait_for_url(article)
    expect(page.locator("dl.source time")).to_have_text("14 January 2022")
    expect(page.locator(".corrected-note")).to_contain_text("13 Jan")
    page.locator("#p4 a.fix-link").click()
    page.get_by_label("Speaker in ¶4").fill("Jane Doe")
    page.get_by_label("Role").nth(4).fill("defence analyst")
    page.get_by_label("How").nth(4).select_option("direct")
    page.locator("#p4").get_by_role("button", name="Add speaker").click()
    expect(page.locator("#p4 .edit-speakers")).to_contain_text("Jane Doe, defence analyst")

    Library(server[1]).reindex(progress=False)  # as `cuttings reindex` would, from another process

    page.goto(article)
    expect(page.locator("dl.source time")).to_have_text("14 January 2022")
    expect(page.locator("#p4 .speakers")).to_contain_text("Jane Doe")
    expect(page.locator("#p4 .corrected-badge")).to_be_visible()
    page.goto("/search?speaker=Jane Doe&date=2022-01-14")
    expect(page.locator("[data-hit]")).to_have_count(1)


def test_delete_answers_410_and_restore_brings_it_back(page):
    article = open_first_hit(page, "drumbeat")
    page.get_by_role("button", name="Move to the trash").click()
    page.wait_for_url(re.compile(r"/trash"))
    expect(page.locator(".trash-list")).to_contain_text("Russia writes off security talks")
    response = page.goto(article)
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This cutting was deleted")
    page.goto("/search?q=drumbeat")
    expect(page.locator("[data-hit]")).to_have_count(0)
    page.goto(article)
    page.get_by_role("button", name="Restore it").click()
    page.wait_for_url(article)
    expect(page.locator("h1")).to_contain_text("Russia writes off security talks")
    page.goto("/trash")
    expect(page.locator("main")).to_contain_text("The trash is empty.")


def test_tag_every_article_of_a_search_then_filter_by_the_tag_facet(page):
    page.goto("/search?q=barrier")
    articles = int(re.search(r"in (\d+) article", page.locator("#results-heading").inner_text()).group(1))
    page.get_by_label(re.compile(r"Tag all \d+ articles? with")).fill("tidal project")
    page.get_by_role("button", name="Tag…").click()
    expect(page.locator("h1")).to_have_text(f"Tag {articles} articles?")
    page.get_by_role("button", name=f"Tag {articles} articles").click()
    page.wait_for_url(re.compile(r"tag=tidal\+project"))
    expect(page.locator(".active-filters")).to_contain_text("Tag: tidal project")
    facet = page.locator("section.facet-tag")
    expect(facet.locator(".label")).to_have_text(["tidal project"])
    page.goto("/search")
    page.locator("section.facet-tag a.toggle", has_text="tidal project").click()
    page.wait_for_url(re.compile(r"tag=tidal\+project"))
    expect(page.locator("#results-heading")).to_contain_text(f"in {articles} article")


def test_the_saved_page_is_shown_sandboxed_and_its_scripts_never_run(page, server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/add")
    upload = server[1].parent / "gulls.html"
    upload.write_text(SCRIPTED_PAGE)
    page.get_by_label("Or upload a file").set_input_files(str(upload))
    page.get_by_role("button", name="Save without preview").click()
    page.wait_for_url(re.compile(r"/a/[\w-]+$"))
    article = page.url
    page.get_by_role("link", name="The original").click()
    frame = page.frame_locator("iframe.original-frame")
    expect(frame.locator("h1")).to_have_text("Gulls nest on the pier")  # the saved page is there to read
    page.goto(page.locator("iframe.original-frame").get_attribute("src"))  # even opened on its own
    expect(page.locator("h1")).to_have_text("Gulls nest on the pier")
    page.goto(article)
    assert dialogs == []


def test_several_files_at_once_by_choosing_and_by_dropping(page, server):
    folder = server[1].parent
    (folder / "gulls.html").write_text(SCRIPTED_PAGE)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    page.goto("/add")
    page.get_by_label("Or upload a file").set_input_files(
        [str(FIXTURES / "herald-rail-talks.html"), str(folder / "photo.png"), str(folder / "gulls.html")])
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.locator("h1")).to_have_text("Added 2 of 3 files")
    rows = page.locator("table.add-results tbody tr")
    expect(rows.nth(0)).to_contain_text("Rail strike talks collapse without a deal")
    expect(rows.nth(1)).to_contain_text("Not added")
    expect(rows.nth(1)).to_contain_text("photo.png")

    page.goto("/add")
    page.evaluate("""() => {
        const dt = new DataTransfer();
        for (const [name, text] of [["a.txt", "Swans return to the moat\\n\\nBy Ada Lark\\n\\nMay 2, 2023\\n\\n"
                + "Two swans have returned to the castle moat after a year away, the keepers said.\\n\\n"
                + "They were last seen in March.\\n"],
              ["b.txt", "Moat drained for repairs\\n\\nBy Ada Lark\\n\\nJune 3, 2023\\n\\n"
                + "The castle moat will be drained in July so that its walls can be repaired, the trust said.\\n\\n"
                + "The swans will be moved to the lake.\\n"]]) {
            dt.items.add(new File([text], name, {type: "text/plain"}));
        }
        const drop = new DragEvent("drop", {dataTransfer: dt, bubbles: true});
        document.querySelector("[data-drop-zone]").dispatchEvent(drop);
    }""")
    expect(page.locator("#file-hint")).to_contain_text("2 files chosen")
    page.get_by_role("button", name="Save without preview").click()
    expect(page.locator("h1")).to_have_text("Added 2 of 2 files")
    page.goto("/")
    expect(page.locator(".recently-added li")).to_contain_text(["Moat drained for repairs", "Swans return to the moat"])


def test_copy_a_paragraph_and_a_speakers_quote_as_citation(page):
    article = open_first_hit(page, "drumbeat")
    page.locator("#p4 a.cite-link").click()
    expect(page.locator("#p4 a.cite-link")).to_have_class(re.compile("copied"))
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("“\"The drumbeat of war is sounding loudly,\"")
    assert "— Michael Carpenter, US ambassador to the OSCE" in text
    assert "Russia writes off security talks" in text and text.endswith(f"{article}#p4")
    page.locator("#p4 button.cite-md").click()
    expect(page.locator("#p4 button.cite-md")).to_have_class(re.compile("copied"))
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("> ") and "**Michael Carpenter**, US ambassador to the OSCE, in [*" in markdown
    page.goto("/speaker/Michael Carpenter")
    page.locator("[data-hit] a.cite-link").first.click()
    expect(page.locator("[data-hit] a.cite-link").first).to_have_class(re.compile("copied"))
    assert "— Michael Carpenter, US ambassador to the OSCE" in page.evaluate("navigator.clipboard.readText()")


# ---- accessibility of every curation page, with something in it ----------------------------------------
def _curated(server) -> dict[str, str]:
    """Put something in every curation page; the paths to check."""
    base, home = server
    lib = Library(home)
    aid = lib.search(lib_request("drumbeat")).hits[0].article_id
    other = lib.search(lib_request("estuary")).hits[0].article_id
    lib.curation.correct(aid, {"published": "2022-01-14"})
    lib.curation.tag([aid], add=["ukraine"])
    lib.curation.star(aid, 4)
    lib.curation.save_search("Talks", "q=talks")
    lib.curation.merge_names("Elena Novak", "Michael Carpenter")
    lib.curation.delete([other])
    lib.close()
    return {"edit": f"/a/{aid}/edit", "article": f"/a/{aid}", "trash": "/trash", "gone": f"/a/{other}",
            "tags": "/tags", "starred": "/starred", "confirm": "/tag-results?q=talks&add_tag=x", "home": "/",
            "original": f"/a/{aid}/original", "cite": f"/a/{aid}/cite/4", "speaker": "/speaker/Michael Carpenter"}


def lib_request(q: str):
    from search.request import SearchRequest

    return SearchRequest(q=q, view="flat")


@needs_axe
def test_axe_finds_no_serious_or_critical_violations_on_curation_pages(page, server):
    paths = _curated(server)
    for name, path in paths.items():
        response = page.goto(path)
        assert response.status == (410 if name == "gone" else 200), f"{path} answered {response.status}"
        bad = serious_violations(page)
        assert bad == [], f"{name} ({path}): {bad}"
