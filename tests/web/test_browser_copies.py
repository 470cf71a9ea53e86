"""In the browser: pasting a copy of a story at /add, choosing to replace it, and the results
showing one story once with its other copy a click away (axe-core: no serious violations)."""
from __future__ import annotations

import pytest

from search.library import Library
from tests.helpers.browser import BROWSER_TEST, needs_axe, serious_violations, serving
from tests.helpers.paths import FIXTURES

pytestmark = BROWSER_TEST
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
expect = sync_api.expect
STORIES = FIXTURES / "stories"


@pytest.fixture
def live_server(tmp_path):
    """A library of one ferry story, a copy of it kept beside it, and another story."""
    home = tmp_path / "library"
    library = Library(home)
    for name in ("ferry-strike.txt", "ferry-strike-copy.txt", "harbour-dredging.txt"):
        library.add((STORIES / name).read_bytes(), name)
    library.close()
    with serving(home) as base:
        yield base


@needs_axe
def test_one_result_per_story_and_the_other_copy_one_click_away(page):
    page.goto("/search?q=ferry")
    expect(page.locator(".group")).to_have_count(1)
    copies = page.locator(".story-copies")
    expect(copies).to_contain_text("and 1 more copy of this story")
    assert serious_violations(page) == []
    shown = page.locator(".group .hit-title a").get_attribute("href").split("?")[0]
    copies.locator("a").click()
    expect(page.locator("h1")).to_have_text("Ferry crews walk out over rota changes")
    assert page.url.split("?")[0].split("/a/")[1] != shown.split("/a/")[1]  # the other copy, not the one shown


@needs_axe
def test_pasting_a_new_edition_asks_then_replaces_the_old_copies(page):
    page.goto("/add")
    page.fill("#text", (STORIES / "ferry-strike-update.txt").read_text())
    page.click("button[value=preview]")
    notice = page.locator("#copies")
    expect(notice).to_contain_text("This cutting tells the same story as")
    expect(notice.locator("li")).to_have_count(2)  # the story and the copy kept beside it
    assert serious_violations(page) == []
    page.click("button[value=replace]")
    expect(page.locator("h1")).to_have_text("Ferry strike suspended as talks are agreed")
    page.goto("/search?q=ferry")
    expect(page.locator(".group")).to_have_count(1)
    expect(page.locator(".story-copies")).to_have_count(0)  # both old copies went to the trash
    page.goto("/trash")
    expect(page.locator("main")).to_contain_text("Ferry crews walk out over rota changes")
