#!/usr/bin/env python3
"""Benchmark: page-level server time of the web app on the BBC library (target: /search p95 < 150 ms).

    .venv/bin/python scripts/bench_web.py [--limit N] [--requests N] [--home DIR]

Builds the BBC library with scripts/bench_index.py's helpers (same dates, sites and
sections) in a temporary directory, or reuses one built with
`scripts/bench_index.py --keep DIR` when --home DIR is given. Exits cleanly when
../shared is absent. Everything goes through the Flask test client, so the figures
are server time (routing, search, facets, templates), not network time. Printed:

  * GET /search with three facets selected (bench_index's set: section, two speakers,
    a year, and a word), p50/p95, and the same requests through Library.search alone;
    the ratio is what the page (URLs, templates, grouping) adds to the engine;
  * the same with three broad facets (section, year, site) that keep hundreds of hits;
  * /search.json for the same requests, an article page reached from a hit (with the
    previous/next hit trail), a speaker page, the full speaker facet list.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import bench_index  # noqa: E402

from search.library import Library  # noqa: E402
from search.request import SearchRequest  # noqa: E402
from web import create_app  # noqa: E402
from web.urls import article_url  # noqa: E402

TARGET_P95_MS = 150


def build(home: Path, limit: int | None) -> None:
    lib = Library(home, bulk=True)
    articles, _seconds, failures = bench_index.ingest(lib, bench_index.bbc_files(limit))
    bench_index.index(lib, articles)
    print(f"built: {len(articles)} articles, {sum(len(a.paragraphs) for a in articles)} paragraphs"
          + (f" ({len(failures)} failed to parse)" if failures else ""))
    lib.close()


def broad_requests(library, n: int) -> list[SearchRequest]:
    """Three facets that keep many hits (section, year, site; half with a common word): the heavy page case.

    bench_index.three_facet_requests adds two speakers, which leaves few or no hits;
    these keep hundreds, so grouping, snippets and every facet's counts have work to do.
    """
    facets = library.search(SearchRequest()).facets
    sections = [v.value for v in facets["section"].values]
    years = [v.value for v in facets["date"].values if len(v.value) == 4]
    sites = [v.value for v in facets["site"].values][:1]
    requests = []
    for i in range(n):
        args = {"q": ["said" if i % 2 else ""], "section": [sections[i % len(sections)]],
                "date": [years[(i // len(sections)) % len(years)]], "site": sites}
        requests.append(SearchRequest.from_args(args))
    return requests


def line(label: str, figures: tuple[float, float], extra: str = "") -> None:
    print(f"{label:<62} p50 {figures[0]:7.1f} ms  p95 {figures[1]:7.1f} ms{extra}")


def get_ok(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    response.close()


def run(home: Path, n_requests: int) -> None:
    app = create_app({"TESTING": True}, home=home)
    client = app.test_client()
    library = app.extensions["cuttings.library"]
    requests = bench_index.three_facet_requests(library, n_requests)
    matching = sum(1 for r in requests if library.search(r.with_(size=1)).total)
    get_ok(client, "/search?" + requests[0].query_string())  # warm up: searcher and facet table

    engine = bench_index.timings(library.search, requests)
    pages = bench_index.timings(lambda r: get_ok(client, "/search?" + r.query_string()), requests)
    line(f"GET /search, 3 facets selected ({len(requests)} requests, {matching} with hits)", pages,
         f"   target p95 < {TARGET_P95_MS} ms: {'met' if pages[1] < TARGET_P95_MS else 'MISSED'}")
    line("  the same through Library.search alone", engine, f"   page/engine p50 {pages[0] / engine[0]:.2f}x")
    broad = broad_requests(library, n_requests)
    hits = sorted(library.search(r).total for r in broad)
    line(f"GET /search, 3 broad facets ({len(broad)} requests, {hits[0]}-{hits[-1]} hits)",
         bench_index.timings(lambda r: get_ok(client, "/search?" + r.query_string()), broad))
    line("  the same through Library.search alone", bench_index.timings(library.search, broad))
    line(
        "GET /search.json, broad requests",
        bench_index.timings(lambda r: get_ok(client, "/search.json?" + r.query_string()), broad),
    )

    with app.test_request_context():
        article_pages = []
        for req in broad:
            flat = library.search(req.with_(view="flat", size=5))
            if flat.hits:
                hit = flat.hits[len(flat.hits) // 2]
                article_pages.append(article_url(hit.article_id, hit.paragraph, state=req).split("#")[0])
    line(f"GET /a/<id> from a hit, with the hit trail ({len(article_pages)})",
         bench_index.timings(lambda u: get_ok(client, u), article_pages))

    speakers = [v.value for v in library.search(SearchRequest()).facets["speaker"].values][:20]
    line(
        f"GET /speaker/<name> ({len(speakers)} speakers)",
        bench_index.timings(lambda s: get_ok(client, f"/speaker/{s}"), speakers),
    )
    line("GET /facets/speaker (full list, by count)",
         bench_index.timings(lambda r: get_ok(client, "/facets/speaker?" + r.query_string()), requests[:20]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N BBC articles")
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--home", type=Path, help="an already built library (scripts/bench_index.py --keep DIR)")
    args = ap.parse_args()
    if args.home:
        run(args.home, args.requests)
        return 0
    if not bench_index.BBC.is_dir():
        print(f"skipped: the BBC corpus is not at {bench_index.BBC}")
        return 0
    home = Path(tempfile.mkdtemp(prefix="cuttings-bench-web-"))
    try:
        build(home, args.limit)
        run(home, args.requests)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
