"""Real-browser tests: Playwright for Python driving Debian's chromium against a live server.

Skipped cleanly when /usr/bin/chromium or Playwright is missing; the axe-core checks
skip when node_modules/axe-core is missing (`npm install` at the repo root).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.browser import BROWSER_TEST, needs_axe, serious_violations, serving
from tests.helpers.paths import REPO
from tests.helpers.web import build_library

# Written where tests keep their artifacts (git-ignored); copy it to docs/ when the page changes.
SCREENSHOT = REPO / "tests" / "artifacts" / "screenshot-search.png"
pytestmark = BROWSER_TEST
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
expect = sync_api.expect


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app on a fresh library (FT sample + web fixtures), served from a thread on a free port."""
    home = tmp_path_factory.mktemp("browser-library")
    build_library(home, undated=True).close()
    with serving(home) as base:
        yield base


@pytest.fixture
def phone(chromium_browser, live_server):
    """A 390 px wide touch screen."""
    context = chromium_browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844},
                                           is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def hit_texts(page) -> list[str]:
    return page.locator("[data-hit] .snippet").all_inner_texts()


# ---- the end-to-end path: paste, search, open -------------------------------------------------------
def test_search_facet_bookmark_and_open_the_marked_paragraph(page):
    page.goto("/")
    page.get_by_role("combobox").fill("drumbeat")  # a search box that suggests speakers
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=drumbeat"))
    page.locator("section.facet-speaker a.toggle", has_text="Michael Carpenter").click()
    page.wait_for_url(re.compile(r"speaker=Michael\+Carpenter"))
    assert "speaker=Michael+Carpenter" in page.url
    before = hit_texts(page)
    assert before
    page.reload()
    assert hit_texts(page) == before
    expect(page.locator(".active-filters")).to_contain_text("Michael Carpenter")
    page.locator("[data-hit] a.hit-link").first.click()
    page.wait_for_url(re.compile(r"/a/[\w-]+\?.*#p4$"))
    marked = page.locator("li.para.is-marked")
    expect(marked).to_have_count(1)
    expect(marked).to_have_attribute("id", "p4")
    expect(marked.locator("mark")).to_have_text(["drumbeat"], ignore_case=True)  # the search word, as in the results
    assert page.evaluate("document.querySelector('#p4').matches(':target')")
    expect(page.locator("#p4")).to_be_in_viewport()


# ---- facets ---------------------------------------------------------------------
def test_facet_values_or_within_a_facet_and_exclude(page):
    page.goto("/search?q=barrier OR talks OR council&view=flat&size=100")
    total = len(hit_texts(page))
    page.locator("section.facet-site a.toggle", has_text="The Inland Herald").click()
    page.wait_for_url(re.compile(r"site=The\+Inland\+Herald"))
    herald = len(hit_texts(page))
    page.locator("section.facet-site a.toggle", has_text="The Coastal Courier").click()
    page.wait_for_url(re.compile(r"site=The\+Inland\+Herald.*site=The\+Coastal\+Courier|site=The\+Coastal\+Courier.*site=The\+Inland\+Herald"))
    both = len(hit_texts(page))
    assert herald < both <= total
    expect(page.locator("section.facet-site li.is-selected")).to_have_count(2)
    page.locator("section.facet-author li", has_text="Mara Quinn").locator("a.exclude").click()
    page.wait_for_url(re.compile(r"-author=Mara\+Quinn"))
    assert len(hit_texts(page)) == herald  # the Courier pieces are all by Mara Quinn
    expect(page.locator(".active-filters")).to_contain_text("not Author: Mara Quinn")


def test_more_opens_the_full_facet_list_with_a_filter_box(page):
    page.goto("/facets/author?q=barrier OR talks OR council")
    page.get_by_label("Find an author").fill("quinn")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"contains=quinn"))
    expect(page.locator(".facet-full .label")).to_have_text(["Mara Quinn"])
    page.locator(".facet-full a.toggle").click()
    page.wait_for_url(re.compile(r"/search\?.*author=Mara\+Quinn"))


def test_a_speakers_role_sits_on_one_smaller_line_under_the_name(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/search?q=talks")
    values = page.locator("section.facet-speaker li.facet-value").all()
    with_role = [li for li in values if li.locator(".detail").count()]
    assert with_role and len(with_role) < len(values)
    one_line = page.locator("section.facet-speaker li.facet-value:not(:has(.detail))").first.bounding_box()["height"]
    for li in with_role:
        label, role, count = li.locator(".label"), li.locator(".detail"), li.locator(".count")
        name_box, role_box, count_box = label.bounding_box(), role.bounding_box(), count.bounding_box()
        lines = role.evaluate("el => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)")
        assert round(lines) == 1, role.inner_text()  # one line, however long the role
        assert role_box["y"] >= name_box["y"] + 10  # under the name, not beside it
        assert li.bounding_box()["height"] < 2 * one_line  # two short lines, not two or three long ones
        assert count_box["y"] < role_box["y"]  # the count stays level with the name
        assert role.get_attribute("title") == role.inner_text()  # the whole role on hover


def test_counts_sit_beside_their_labels_on_the_full_list(page):
    page.goto("/facets/speaker?q=barrier OR talks OR council")
    rows = page.locator(".facet-full li").all()
    assert len(rows) > 5
    columns: dict[float, list[float]] = {}
    for row in rows:
        label, count = row.locator(".label").bounding_box(), row.locator(".count").bounding_box()
        assert count["x"] - label["x"] < 400  # not across the page (about 1,000 px before)
        columns.setdefault(round(label["x"]), []).append(count["x"] + count["width"])
    for right_edges in columns.values():
        assert max(right_edges) - min(right_edges) < 1  # aligned: one right edge per column


def test_a_legend_tells_direct_from_reported_speech(page):
    page.goto("/search?q=barrier OR talks OR council&view=flat&size=100")
    legend = page.locator(".speech-legend")
    expect(legend).to_contain_text("quoted directly")
    expect(legend).to_contain_text("reported speech")

    def look(locator) -> tuple:
        return locator.evaluate("el => [getComputedStyle(el).borderTopColor, getComputedStyle(el).backgroundColor]")

    assert look(legend.locator(".is-direct")) == look(page.locator("[data-hit] .speaker-chip.is-direct").first)
    assert look(legend.locator(".chip:not(.is-direct)")) == look(
        page.locator("[data-hit] .speaker-chip:not(.is-direct)").first)
    assert look(legend.locator(".is-direct")) != look(legend.locator(".chip:not(.is-direct)"))
    assert legend.locator(".is-direct").inner_text().startswith("“")
    page.locator("[data-hit] a.hit-link").first.click()
    expect(page.locator("article .speech-legend")).to_be_visible()


# ---- keyboard ----------------------------------------------------------------------
def test_keyboard_slash_focuses_search_and_j_k_move_between_results(page):
    page.goto("/search?q=barrier&view=flat")
    page.locator("body").click(position={"x": 5, "y": 5})
    links = page.locator("[data-hit] a.hit-link")
    page.keyboard.press("j")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("j")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("k")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("tidal")  # "/" itself was not typed into the box
    assert page.locator("#q").input_value() == "tidal"
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    href = links.nth(0).get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href.split("#")[0].split("?")[0])))


def test_arrow_keys_are_left_to_the_browser_to_scroll(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 400})
    page = context.new_page()
    page.goto("/search?q=barrier OR talks OR council&view=flat&size=50")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    first = page.locator("[data-hit] a.hit-link").first
    expect(first).to_be_focused()
    page.evaluate("window.scrollTo(0, 0)")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.wait_for_function("window.scrollY > 0")  # the page scrolled (smoothly, maybe)
    expect(first).to_be_focused()  # and the focus stayed where j put it
    context.close()


def test_question_mark_shows_the_keyboard_shortcuts(page):
    page.goto("/search?q=barrier")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_hidden()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("?")
    expect(dialog).to_be_visible()
    for key in ("/", "j", "k", "n", "p", "?"):
        expect(dialog.locator("kbd", has_text=key).first).to_be_visible()
    page.keyboard.press("j")  # the shortcuts wait while the dialog is open
    expect(page.locator("[data-hit].is-current")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.keyboard.press("?")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def test_next_and_previous_hit_from_the_article_page(page):
    page.goto("/search?q=barrier&view=flat")
    hrefs = [a.get_attribute("href") for a in page.locator("[data-hit] a.hit-link").all()]
    page.locator("[data-hit] a.hit-link").nth(1).click()
    expect(page.locator(".hit-trail")).to_contain_text("Hit 2 of")
    page.get_by_role("link", name="Next hit").click()
    expect(page.locator(".hit-trail")).to_contain_text("Hit 3 of")
    assert page.url.endswith(hrefs[2].split("#")[1])
    expect(page.locator("li.para.is-marked")).to_have_attribute("id", hrefs[2].split("#")[1])
    # A click returns once the next page arrives, maybe before its deferred
    # script has bound the keys; a key pressed then would be lost.
    page.wait_for_load_state()
    page.keyboard.press("p")  # keyboard shortcut for the previous hit
    expect(page.locator(".hit-trail")).to_contain_text("Hit 2 of")
    page.get_by_role("link", name="Previous hit").click()
    expect(page.locator(".hit-trail")).to_contain_text("Hit 1 of")


def test_next_hit_follows_the_grouped_results_onto_the_next_page(page):
    """From the last hit on page 1, `n` walks the article's further hits, then reaches page 2's first."""
    search = "/search?q=barrier OR talks OR council&size=2"
    page.goto(search)
    last_on_first = page.locator("[data-hit] a.hit-link").last.get_attribute("href")
    page.goto(search + "&page=2")
    first_on_second = page.locator("[data-hit] a.hit-link").first.get_attribute("href")
    page.goto(last_on_first)
    position = int(re.search(r"Hit (\d+) of", page.locator(".hit-trail .position").inner_text()).group(1))
    for step in range(1, 20):
        page.wait_for_load_state()
        page.keyboard.press("n")
        expect(page.locator(".hit-trail .position")).to_contain_text(f"Hit {position + step} of")
        if page.url.endswith(first_on_second):
            break
    assert page.url.endswith(first_on_second)
    back = page.get_by_role("link", name="Back to the results")
    assert "page=2" in back.get_attribute("href")
    back.click()
    expect(page.locator("[data-hit] a.hit-link").first).to_have_attribute("href", first_on_second)


# ---- article page: copy link -----------------------------------------------------------
def test_copy_link_copies_the_permalink_and_targets_the_paragraph(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/search?q=estuary&view=flat")
    page.locator("[data-hit] a.hit-link").first.click()
    article_path = page.url.split("?")[0].split("#")[0]
    page.locator("#p2 a.copy-link").click()
    assert page.url.endswith("#p2")
    assert page.evaluate("document.querySelector('#p2').matches(':target')")
    # "copied" is set once the clipboard write has resolved: wait for it before reading the clipboard
    expect(page.locator("#p2 a.copy-link")).to_have_class(re.compile("copied"))
    assert page.evaluate("navigator.clipboard.readText()") == article_path + "#p2"
    context.close()


def test_copy_link_and_facets_work_without_javascript(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search?q=barrier")
    page.locator("section.facet-site a.toggle", has_text="The Coastal Courier").click()
    page.wait_for_url(re.compile(r"site=The\+Coastal\+Courier"))
    page.locator("[data-hit] a.hit-link").first.click()
    page.locator("#p1 a.copy-link").click()
    assert page.url.endswith("#p1")
    expect(page.locator("#p1")).to_be_in_viewport()
    context.close()


# ---- add page ---------------------------------------------------------------------------
PASTED = "\n\n".join([
    "Lighthouse keeper's cottage to become a museum",
    "By Mara Quinn",
    "The old lighthouse keeper's cottage on the point will open as a small museum next summer, "
    "the harbour trust said on Thursday.",
    '"People have walked past that door for a century wondering what is inside," said Hana Sato, the trust\'s chair.',
    "Entry will be free for residents.",
]) + "\n"


def test_add_page_preview_then_save_opens_the_article(page):
    page.goto("/add")
    page.get_by_label("Article text").fill(PASTED)
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.locator("section.preview")).to_contain_text("open as a small museum next summer")
    expect(page.locator("#preview-title")).to_contain_text("Lighthouse keeper")
    page.get_by_role("button", name="Save to the library").click()
    page.wait_for_url(re.compile(r"/a/[\w-]+$"))
    expect(page.locator("h1")).to_contain_text("Lighthouse keeper")
    page.goto("/search?q=lighthouse museum")
    expect(page.locator("[data-hit]").first).to_contain_text("museum")


def test_add_page_upload_preview_and_a_bad_file(page, tmp_path):
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    page.goto("/add")
    page.get_by_label("Or upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("scan.png")
    good = Path(__file__).resolve().parent / "fixtures" / "herald-rail-talks.html"
    page.get_by_label("Or upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.locator("#preview-title")).to_have_text("Rail strike talks collapse without a deal")


def test_a_form_on_another_site_cannot_add_to_the_library(page, live_server):
    """A page elsewhere that posts to the library through the reader's browser is refused."""
    foreign = "http://foreign.example/"
    form = (f'<form method="post" action="{live_server}/add"><input type="hidden" name="action" value="save">'
            '<textarea name="text">Forged cutting about gannets\n\nGannets were said to be forged today '
            'by a page nobody trusts, officials said.</textarea><button>Send</button></form>')
    page.route(foreign, lambda route: route.fulfill(status=200, content_type="text/html", body=form))
    page.goto(foreign)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("main")).to_contain_text("sent from another web site")
    page.goto(f"{live_server}/search?q=gannets")
    expect(page.locator("[data-hit]")).to_have_count(0)


def test_add_page_takes_a_page_chrome_saved_as_one_file(page):
    archive = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "herald-rail-talks.mhtml"
    page.goto("/add")
    page.get_by_label("Or upload a file").set_input_files(str(archive))
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.locator("#preview-title")).to_have_text("Rail strike talks collapse without a deal")
    expect(page.locator("section.preview")).to_contain_text("commuters")


# ---- phone width ---------------------------------------------------------------------------
PAGES = ["/", "/search?q=barrier", "/search?q=drumbeat&view=flat", "/add", "/speaker/Michael Carpenter"]


def _first_article(page) -> str:
    page.goto("/search?q=drumbeat&view=flat")
    return page.locator("[data-hit] a.hit-link").first.get_attribute("href")


def test_phone_width_has_no_horizontal_scroll(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in PAGES + [_first_article(page)]:
        page.goto(path)
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{path} scrolls sideways by {wide}px at 375px"
    context.close()


TOUCH = 44  # px: the smallest target a finger can hit reliably


def too_small(locator) -> list[tuple[str, dict]]:
    boxes = [(el.inner_text(), el.bounding_box()) for el in locator.all() if el.is_visible()]
    assert boxes, "no visible controls to measure"
    return [(text, box) for text, box in boxes if box["width"] < TOUCH - 0.5 or box["height"] < TOUCH - 0.5]


def test_phone_filters_button_opens_the_facets_above_the_results(phone):
    phone.goto("/search?q=barrier OR council&site=The Coastal Courier")
    button = phone.get_by_role("button", name="Filters (1 active)")
    expect(button).to_be_in_viewport()
    assert button.get_attribute("aria-expanded") == "false"
    filters = phone.locator("#filters")
    expect(filters).to_be_hidden()
    button.tap()
    expect(filters).to_be_visible()
    assert button.get_attribute("aria-expanded") == "true"
    facets_top = filters.bounding_box()["y"]
    assert facets_top < phone.locator("[data-hit]").first.bounding_box()["y"]  # above the results, not after them
    assert facets_top < 844
    assert too_small(filters.locator("a.toggle, a.exclude, a.more, button, input")) == []
    filters.locator("section.facet-site a.toggle", has_text="The Inland Herald").tap()
    phone.wait_for_url(re.compile(r"site=The\+Inland\+Herald"))
    expect(phone.get_by_role("button", name="Filters (2 active)")).to_be_in_viewport()
    phone.get_by_role("button", name="Filters (2 active)").tap()
    phone.get_by_role("link", name="Show the results").tap()
    expect(filters).to_be_hidden()
    expect(phone.locator("[data-hit]").first).to_be_visible()


def test_phone_filters_link_reaches_the_facets_without_javascript(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844},
                                           is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search?q=barrier OR council")
    page.get_by_role("link", name="Filters").tap()
    expect(page.locator("#filters section.facet-speaker")).to_be_in_viewport()
    context.close()


def test_phone_paragraph_links_are_big_enough_to_tap(phone):
    phone.goto("/search?q=estuary&view=flat")
    phone.locator("[data-hit] a.hit-link").first.tap()
    phone.wait_for_url(re.compile(r"/a/"))
    assert too_small(phone.locator("a.copy-link")) == []


# ---- accessibility (axe-core) ----------------------------------------------------------------
@needs_axe
@pytest.mark.parametrize(
    "path, status",
    [
        ("/search?q=barrier&site=The Coastal Courier", 200),
        ("ARTICLE", 200),
        ("/speaker/Michael Carpenter", 200),
        ("/speaker/Elena Novak", 200),  # dated and undated paragraphs
        ("/add", 200),
        ("/", 200),
        ("/facets/speaker?q=talks", 200),
        ("/search?q=barier&site=The Inland Herald", 200),
        ("/search?q=barrier OR council&from=2023-01-01", 200),  # the note on undated paragraphs left out
        ("/search?q=barrier OR council&date=undated&date=2023", 200),
        ("/search?q=barrier&site=The Inland Herald&from=2022-13-45", 400),  # the bad-parameter page
        ("/trash", 200),
        ("/tags", 200),
        ("/starred", 200),
        ("/tag-results?q=barrier&add_tag=coast", 200),
    ],
)
def test_axe_finds_no_serious_or_critical_violations(page, path, status):
    if path == "ARTICLE":
        path = _first_article(page)
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    assert serious_violations(page) == [], path


@needs_axe
def test_axe_on_the_open_shortcuts_dialog(page):
    page.goto("/search?q=barrier")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("?")
    expect(page.get_by_role("dialog")).to_be_visible()
    assert serious_violations(page) == []


@needs_axe
def test_axe_on_the_phone_with_the_filters_open(phone):
    phone.goto("/search?q=barrier OR council&site=The Coastal Courier")
    phone.get_by_role("button", name=re.compile("Filters")).click()
    expect(phone.locator("#filters")).to_be_visible()
    assert serious_violations(phone) == []


# ---- README screenshot ---------------------------------------------------------------------
def test_screenshot_of_the_search_page(page):
    page.goto("/search?q=talks OR diplomatic OR security&date=2022")
    expect(page.locator("[data-hit]").first).to_be_visible()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
