"""Work grows linearly with the input: no pattern that runs on page text backtracks on a hostile page.

A saved page is whatever its author wrote: one long <p> without spaces, a run of capitals, quotes, dots, tags,
or a whole text in its author field. Each case times the work at 10, 20, 40 and 80 kB and asserts that doubling
the input multiplies the time by less than 3 (linear work gives 2, a backtracking pattern 4 or more), taken as
the average over the three doublings so that one run slowed by another process on the machine does not decide.
Ratios, not absolute times, so a slow or busy machine does not fail them.
"""
from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from search.errors import IngestError
from search.ingest import bylines, captions, dates, furniture, sites
from search.ingest.decode import decode
from search.ingest.html import hygiene, metadata
from search.ingest.html.page import parse_html

SIZES = (10_000, 20_000, 40_000, 80_000)
MAX_RATIO = 3.0
_FLOOR = 0.01  # seconds: below this a timing on a shared machine is mostly noise, so it counts as this much

# Runs of one kind of character, or of one short unit, `n` characters long.
RUNS: dict[str, Callable[[int], str]] = {
    "no spaces": lambda n: "a" * n,
    "capitals": lambda n: "A" * n,
    "capitalised words": lambda n: "Ab " * (n // 3),
    "straight quotes": lambda n: '"' * n,
    "curly quotes": lambda n: "“" * n,
    "dots": lambda n: "." * n,
    "spaces": lambda n: "a" + " " * n + "!",
    "digits and colons": lambda n: "1:" * (n // 2),
    "slashes": lambda n: "Ab/" * (n // 3),
    "at signs": lambda n: "a" * n + "@",
    "tags": lambda n: "<p>" * (n // 3),
}


def _seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    gc.disable()  # a collection that happens to fall in one run is not the work growing
    try:
        for _ in range(3):  # the fastest of three: a busy machine only ever slows a run down
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return max(best, _FLOOR)


def assert_linear(run: Callable[[str], object], make: Callable[[int], str], clear: Callable[[], None] = lambda: None):
    times = []
    for n in SIZES:
        text = make(n)

        def work() -> None:
            clear()  # cached functions must do the work every time
            run(text)

        times.append(_seconds(work))
    per_doubling = (times[-1] / times[0]) ** (1 / (len(times) - 1))
    assert per_doubling < MAX_RATIO, f"time grows faster than the input: {[f'{t * 1000:.0f} ms' for t in times]}"


def _parse_page(html: str) -> None:
    try:
        parse_html(decode(html.encode("utf-8"), name="hostile.html"), name="hostile.html")
    except IngestError:
        pass  # refusing it is fine; taking quadratic time to do so is not


_PROSE = "<p>" + "The council met on Friday and voted to close the old harbour road for repairs. " * 3 + "</p>"


def _page(body: str = "", head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}{_PROSE}</body></html>"


PAGES: dict[str, Callable[[str], str]] = {
    "one long paragraph": lambda run: f"<html><body><p>{run}</p></body></html>",
    "a paragraph among prose": lambda run: _page(f"<p>{run}</p>"),
    "a title": lambda run: _page(head=f"<title>{run}</title>"),
    "a title in Chinese": lambda run: _page(head=f"<title>{'中' * len(run)}</title>"),
    "an author meta tag": lambda run: _page(head=f'<meta name="author" content="{run}">'),
    "a JSON-LD author": lambda run: _page(head='<script type="application/ld+json">{"@type": "NewsArticle", '
                                               f'"author": {{"@type": "Person", "name": "By {run}"}}}}</script>'),
    "a byline element": lambda run: _page(f'<div class="byline">By {run}</div>'),
    "a caption": lambda run: _page(f"<figure><figcaption>{run}/Getty Images</figcaption></figure>"),
    "a date label": lambda run: _page(f"<h1>Harbour road</h1><p>Published {run} March 3, 2020</p>"),
}


# Where on a page each run goes: the paragraph tests take every run; the metadata fields the runs their
# readers' patterns could trip on.
PAGE_CASES = [("one long paragraph", kind) for kind in RUNS] + [
    ("a paragraph among prose", "capitalised words"), ("a paragraph among prose", "slashes"),
    ("a title", "spaces"), ("a title", "capitalised words"), ("a title in Chinese", "no spaces"),
    ("an author meta tag", "at signs"), ("an author meta tag", "spaces"), ("a JSON-LD author", "capitalised words"),
    ("a JSON-LD author", "spaces"), ("a byline element", "capitalised words"), ("a caption", "slashes"),
    ("a caption", "capitalised words"), ("a date label", "digits and colons"),
]


@pytest.mark.parametrize("where, kind", PAGE_CASES)
def test_html_parse_grows_linearly(where, kind):
    assert_linear(_parse_page, lambda n: PAGES[where](RUNS[kind](n)))


def _cache_clear(*functions) -> Callable[[], None]:
    def clear() -> None:
        for fn in functions:
            fn.cache_clear()
    return clear


# The functions that run the ingest patterns on page text, with any caches they keep.
TEXT_FUNCTIONS: dict[str, tuple[Callable[[str], object], Callable[[], None]]] = {
    "split_byline": (bylines.split_byline, lambda: None),
    "names_from_jsonld": (lambda t: bylines.names_from_jsonld({"@type": "Person", "name": t}), lambda: None),
    "looks_like_byline": (bylines.looks_like_byline, lambda: None),
    "parse_byline": (bylines.parse_byline, lambda: None),
    "find_agency": (bylines.find_agency, lambda: None),
    "is_caption_or_credit": (captions.is_caption_or_credit, _cache_clear(captions.is_caption_or_credit)),
    "strip_glued_credit": (captions.strip_glued_credit, lambda: None),
    "ends_with_credit": (captions.ends_with_credit, lambda: None),
    "find_date": (dates.find_date, lambda: None),
    "find_relative_time": (dates.find_relative_time, lambda: None),
    "is_furniture_line": (furniture.is_furniture_line, _cache_clear(furniture.is_furniture_line)),
    "strip_glued_furniture": (furniture.strip_glued_furniture, lambda: None),
    "is_wire_tagline": (furniture.is_wire_tagline, lambda: None),
    "clean_paragraphs": (lambda t: hygiene.clean_paragraphs([t, t + " x"]), lambda: None),
    "is_furniture (page)": (hygiene.is_furniture, lambda: None),
    "split_site_suffix": (lambda t: sites.split_site_suffix(t, url="https://courier.example/a", names=["Courier"]),
                          lambda: None),
    "parse_date": (metadata.parse_date, lambda: None),
}


@pytest.mark.parametrize("name", list(TEXT_FUNCTIONS))
@pytest.mark.parametrize("kind", list(RUNS))
def test_text_rules_grow_linearly(name, kind):
    run, clear = TEXT_FUNCTIONS[name]
    assert_linear(run, RUNS[kind], clear)
