#!/usr/bin/env python3
"""Benchmark: what the search pages' reading aids cost, each as a ratio to the same page without it.

    .venv/bin/python scripts/bench_pages.py [--limit N] [--requests N] [--home DIR]

Builds a BBC library (../shared/corpus/text/bbc, exits cleanly when absent) in a
temporary directory, or reuses DIR: half the articles get bench_index's derived
dates, half stay undated as the corpus gives them, so the undated bucket has work.
Everything goes through the Flask test client or the Library; each line times a
page and its baseline in the same run, in turn after a warm-up pass (the machine is
shared: read the ratios):

  * the hit trail from the grouped view against the same hit reached from the flat view;
  * an article opened from a result with its search words marked against the same unmarked,
    and (trail and marks together) against the plain article;
  * a search with a From date (the count of undated paragraphs it leaves out) against the
    same search with that count switched off;
  * the Atom feed of an undated-heavy search (dates from when cuttings were added)
    against the same feed with those look-ups switched off;
  * page weight, bytes before cuttings text (snippets, titles, chips, facet labels).
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import bench_index  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from search.ids import article_id  # noqa: E402
from search.library import Library  # noqa: E402
from search.request import SearchRequest  # noqa: E402
from web import create_app  # noqa: E402
from web.urls import article_url  # noqa: E402

WORDS = ("said", "government", "market", "police", "music", "minister", "film", "players", "company", "election")
CUTTING_TEXT = ".snippet, .hit-title, .speaker-chip, .meta, .facet-value .label, ol.paragraphs .text, .cutting h1"


def build(home: Path, limit: int | None) -> None:
    lib = Library(home, bulk=True)
    articles = []
    for i, path in enumerate(bench_index.bbc_files(limit)):
        data = path.read_bytes()
        article = bench_index.bbc_article(path, data)
        if i % 2:  # undated, as the BBC files come
            article.published = None
            article.id = article_id(article)
        source = lib.sources.save(data, f"{path.parent.name}-{path.name}")
        article.source_name, article.added = source.name, source.added
        articles.append(article)
    lib.store.write_articles(articles, bulk=True)
    undated = sum(1 for a in articles if a.published is None)
    print(f"built: {len(articles)} articles ({undated} undated), {sum(len(a.paragraphs) for a in articles)} paragraphs")
    lib.close()


def get(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = response.data
    response.close()
    return data


def compare(label: str, page, baseline, items) -> None:
    """Both once over the items to warm every cache, then timed in turn, item by item, three times."""
    for item in items:
        page(item), baseline(item)
    ours, base = [], []
    for _ in range(3):
        for item in items:
            ours.append(bench_index.timings(page, [item])[0])
            base.append(bench_index.timings(baseline, [item])[0])
    ours, base = percentiles(ours), percentiles(base)
    print(f"{label:<58} p50 {ours[0]:6.1f} ms / {base[0]:6.1f} ms = {ours[0] / base[0]:4.2f}x"
          f"   p95 {ours[1]:6.1f} / {base[1]:6.1f} ms")


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def weight(client, url: str) -> tuple[int, int]:
    data = get(client, url)
    text = sum(len(el.get_text().encode()) for el in BeautifulSoup(data, "html.parser").select(CUTTING_TEXT))
    return len(data), len(data) - text


def run(home: Path, n: int) -> None:
    app = create_app({"TESTING": True}, home=home)
    client = app.test_client()
    library = app.extensions["cuttings.library"]
    searches = [SearchRequest(q=WORDS[i % len(WORDS)], page=1 + (i // len(WORDS)) % 3) for i in range(n)]
    get(client, "/search?q=said")  # warm up: searcher and facet table

    with app.test_request_context():
        grouped, flat, plain = [], [], []
        for req in searches:
            hits = library.search(req, facets=False).hits
            if hits:
                hit = hits[len(hits) // 2]
                grouped.append(article_url(hit.article_id, hit.paragraph, state=req).split("#")[0])
                flat.append(article_url(hit.article_id, hit.paragraph, state=req.with_(view="flat")).split("#")[0])
                plain.append(article_url(hit.article_id).split("#")[0])
    pairs = list(zip(grouped, flat))
    compare(f"GET /a/<id> from a grouped hit / from the flat view ({len(pairs)})",
            lambda p: get(client, p[0]), lambda p: get(client, p[1]), pairs)
    def unmarked(url):
        with mock.patch.object(library, "marked_terms", lambda q: set()):
            return get(client, url)

    compare("GET /a/<id> from a result: search words marked / not", lambda u: get(client, u), unmarked, grouped)
    pairs = list(zip(grouped, plain))
    compare("GET /a/<id> from a result (trail, marks) / plain",
            lambda p: get(client, p[0]), lambda p: get(client, p[1]), pairs)

    ranged = [req.with_(date_from=date(2005, 1, 1)) for req in searches]

    def without_undated_count(req):
        with mock.patch("search.query.run.undated_left_out", lambda *a: 0):
            return library.search(req)

    compare("Library.search with From: undated count / without it", library.search, without_undated_count, ranged)

    feeds = [f"/search.atom?q={w}" for w in WORDS]

    def feed_without_added(url):
        with mock.patch("web.renderers.added_times", lambda *a: {}):
            return get(client, url)

    compare("GET /search.atom: undated entries dated / left undated", lambda u: get(client, u), feed_without_added,
            feeds * max(1, n // len(feeds)))

    print("\npage weight (bytes; before cuttings text: less snippets, titles, chips, facet labels)")
    with app.test_request_context():
        some = library.search(SearchRequest(q="said", view="flat"), facets=False).hits[0]
        article = article_url(some.article_id, some.paragraph, state=SearchRequest(q="said")).split("#")[0]
    top_speaker = library.search(SearchRequest()).facets["speaker"].values[0].value
    for url in ("/search?q=said", "/search?q=said&view=flat&size=100", "/search?q=said&size=100",
                "/search?q=said&from=2005-01-01", "/facets/speaker?q=said", article, f"/speaker/{top_speaker}"):
        total, before_text = weight(client, url)
        shown = re.sub(r"/a/[^?]+", "/a/<id>", url)
        print(f"  {shown:<40} {total:8,d} total {before_text:8,d} before cuttings text")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N BBC articles")
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--home", type=Path, help="a library built by an earlier run (kept with --keep)")
    ap.add_argument("--keep", type=Path, help="build the library here and keep it")
    args = ap.parse_args()
    if args.home:
        run(args.home, args.requests)
        return 0
    if not bench_index.BBC.is_dir():
        print(f"skipped: the BBC corpus is not at {bench_index.BBC}")
        return 0
    home = args.keep or Path(tempfile.mkdtemp(prefix="cuttings-bench-pages-"))
    try:
        build(home, args.limit)
        run(home, args.requests)
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
