"""Real-browser tests of the speaker autocomplete and the marked quoted words (Playwright, Debian's chromium),
on the invented cuttings of tests/helpers/speaker_cuttings.py. Skipped cleanly without chromium or Playwright."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.helpers.browser import BROWSER_TEST, needs_axe, serious_violations, serving
from tests.helpers.speaker_cuttings import speaker_library

pytestmark = BROWSER_TEST
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
expect = sync_api.expect


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser-speakers")
    speaker_library(home).close()
    with serving(home) as base:
        yield base


def test_the_search_box_suggests_speakers_and_the_keyboard_picks_one(page):
    page.goto("/")
    box = page.locator("#q")
    box.press_sequentially("fares ree")
    options = page.get_by_role("listbox", name="Speakers").get_by_role("option")
    expect(options.first).to_contain_text("Tony Reeve")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    box.press("Enter")  # picks the speaker; the form is not sent yet
    expect(box).to_have_value('fares speaker:"Tony Reeve" ')
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")  # now it is
    page.wait_for_url("**/search?**")
    assert len(page.locator("[data-hit]").all()) == 2  # the fares paragraphs quoting him as "Reeve"


def test_escape_closes_the_suggestions_and_leaves_the_typing(page):
    page.goto("/")
    box = page.locator("#q")
    box.press_sequentially("hal")
    expect(page.get_by_role("option").first).to_contain_text("Ana Hale")
    box.press("Escape")
    expect(page.get_by_role("listbox", name="Speakers")).to_be_hidden()
    expect(box).to_have_value("hal")


def test_the_speaker_facet_filter_box_opens_the_search_on_the_chosen_speaker(page):
    page.goto("/facets/speaker?q=ferry")
    box = page.get_by_label("Find a speaker")
    box.press_sequentially("tor")
    expect(page.get_by_role("option").first).to_contain_text("Tories")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/search?**")
    args = parse_qs(urlparse(page.url).query)
    assert args["speaker"] == ["Tories"] and args["q"] == ["ferry"]


def test_a_click_on_a_suggestion_picks_it_too(page):
    page.goto("/")
    page.locator("#q").press_sequentially("tony")
    page.get_by_role("option", name="Tony Reeve").click()
    expect(page.locator("#q")).to_have_value('speaker:"Tony Reeve" ')


def test_the_speaker_s_words_are_underlined_not_only_tinted(page):
    page.goto("/speaker/tony reeve")  # another spelling: moved to the speaker's own page
    assert page.url.endswith("/speaker/Tony%20Reeve")
    said = page.locator("[data-hit] .said")
    expect(said).to_have_count(5)
    style = said.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in style
    expect(page.locator("[data-hit] .said").filter(has_text="the fares were fair")).to_be_visible()


@needs_axe
def test_axe_on_the_open_suggestions_and_the_marked_words(page):
    for path in ("/", "/speaker/Tony Reeve"):
        page.goto(path)
        if path == "/":
            page.locator("#q").press_sequentially("ree")
            expect(page.get_by_role("option").first).to_be_visible()
            page.locator("#q").press("ArrowDown")
        assert serious_violations(page) == [], path
