"""Small helpers shared by the web tests: the test library, parsing pages, finding links."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from search.library import Library
from tests.helpers.paths import FT_SAMPLE, UNDATED_FIXTURES, WEB_FIXTURES


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def facet_link(page: BeautifulSoup, facet: str, label_start: str):
    """The toggle link of one facet value in the sidebar."""
    for a in page.select(f"section.facet-{facet} a.toggle"):
        if a.select_one(".label").get_text(strip=True).startswith(label_start):
            return a
    raise AssertionError(f"no {facet} facet value starting {label_start!r}")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def hit_links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select("[data-hit] a.hit-link")]


def build_library(home: Path, *, undated: bool = False) -> Library:
    """The FT sample and the dated web fixtures; with `undated`, also two pasted cuttings without a date."""
    library = Library(home)
    for path in [FT_SAMPLE, *WEB_FIXTURES, *(UNDATED_FIXTURES if undated else [])]:
        library.add(path.read_bytes(), path.name)
    return library


def warmed_library(app) -> Library:
    """The app's library once its background warm-up (the home page's search) has run: a test
    that patches the search code must not have that search run into its patch."""
    library = app.extensions["cuttings.library"]
    library._warming.join(60)
    return library
