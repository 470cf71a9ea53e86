#!/usr/bin/env python3
"""Benchmark: the costs behind the article page's hit trail, the speaker page, and the first
search after opening a library or adding to it (the engine follow-ups of issues 2 and 6).

    .venv/bin/python scripts/bench_followups.py --home DIR [--repeat N]

DIR is a library built by `scripts/bench_index.py --keep DIR` (the BBC corpus). It is
copied to a temporary directory first, because this adds articles to it. Printed, each
as the median (and min) of N runs, server time through the Flask test client:

  * the first search on a freshly opened library, and the first after adding one article;
  * GET /a/<id>?q=said&hl=N for the hit ranked ~3,000th of "said" (previous/next trail),
    the first visit (the search's hit list not yet cached) and stepping on (cached);
  * GET /a/<id>?q=said without hl (the "N more in this article" link);
  * GET /speaker/<name> for the 10 most quoted speakers.

Baselines measured in the same run: the old trail (walking Library.iter_hits, which
loads every hit's stored fields) and the speaker listing with its unused facets counted.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from search.library import Library  # noqa: E402
from search.request import SearchRequest  # noqa: E402
from web import create_app  # noqa: E402

FT_SAMPLE = REPO / "tests" / "fixtures" / "ft-russia-security-talks.txt"


def timed(run: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> str:
    """Wall time, and this process's CPU time (steadier when other work shares the cores)."""
    times, cpu = [], []
    for _ in range(repeat):
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return (f"median {statistics.median(times):7.1f} ms  (min {min(times):6.1f})  "
            f"cpu median {statistics.median(cpu):7.1f} ms")


def first_searches(home: Path, repeat: int) -> None:
    Library(home).search(SearchRequest())  # imports
    opened: list[Library] = []
    print(f"{'first search, freshly opened library':<58} "
          f"{timed(lambda: opened[-1].search(SearchRequest()), repeat, lambda: opened.append(Library(home)))}")
    lib = Library(home)
    lib.search(SearchRequest())
    added = iter(range(repeat))

    def add_one() -> None:
        i = next(added)
        lib.add(FT_SAMPLE.read_bytes().replace(b"dead end", f"dead end {i}".encode()), f"ft-copy-{i}.txt")

    print(
        f"{'first search after adding one article':<58} {timed(lambda: lib.search(SearchRequest()), repeat, add_one)}"
    )
    print(f"{'  a search after that (warm)':<58} {timed(lambda: lib.search(SearchRequest()), repeat)}")
    lib.close()


def pages(home: Path, repeat: int) -> None:
    lib = Library(home)
    client = create_app({"TESTING": True, "LIBRARY": lib}).test_client()

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    hits = [(h.article_id, h.paragraph) for h in lib.iter_hits(SearchRequest(q="said", view="flat"))]
    article_id, paragraph = hits[min(3000, len(hits) - 1)]
    deep = f"/a/{article_id}?q=said&hl={paragraph}"
    forget = getattr(lib, "_refs", {}).clear  # the hit-list cache, where there is one
    print(
        f"{f'GET /a/<id> hit {min(3000, len(hits) - 1) + 1} of {len(hits)} for said, first visit':<58} "
        f"{timed(lambda: get(deep), repeat, forget)}"
    )
    print(f"{'  the same, stepping on through that search':<58} {timed(lambda: get(deep), repeat)}")
    print(
        f"{'  baseline: old trail (walk Library.iter_hits to it)':<58} "
        f"{timed(lambda: walk_to(lib, article_id, paragraph), repeat)}"
    )
    print(
        f"{'GET /a/<id>?q=said (N more in this article), first visit':<58} "
        f"{timed(lambda: get(f'/a/{article_id}?q=said'), repeat, forget)}"
    )
    print(f"{'GET /a/<id> without a search':<58} {timed(lambda: get(f'/a/{article_id}'), repeat)}")
    speakers = [v.value for v in lib.search(SearchRequest()).facets["speaker"].values][:10]
    listing = [SearchRequest(include={"speaker": (name,)}, sort="newest", view="flat", size=50) for name in speakers]
    print(
        f"{'speaker listing, Library.search(facets=False), 10 speakers':<58} "
        f"{timed(lambda: [lib.search(r, facets=False) for r in listing], repeat)}"
    )
    print(
        f"{'  baseline: the same with facets counted (old page)':<58} "
        f"{timed(lambda: [lib.search(r) for r in listing], repeat)}"
    )
    times = []
    for _ in range(max(1, repeat // 2)):
        for name in speakers:
            start = time.perf_counter()
            get(f"/speaker/{name}")
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{f'GET /speaker/<name> ({len(speakers)} speakers)':<58} p50 {statistics.median(times):7.1f} ms  "
          f"p95 {times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]:7.1f} ms")
    lib.close()


def walk_to(lib: Library, article_id: str, paragraph: int) -> None:
    """What the article page did before Library.hit_refs: a total, then hits with stored fields."""
    flat = SearchRequest(q="said", view="flat")
    lib.search(flat.with_(size=1))
    for hit in lib.iter_hits(flat):
        if hit.article_id == article_id and hit.paragraph == paragraph:
            break


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True, help="a library built by scripts/bench_index.py --keep DIR")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not (args.home / "whoosh").is_dir():
        print(f"skipped: no library at {args.home} (build one with scripts/bench_index.py --keep {args.home})")
        return 0
    work = Path(tempfile.mkdtemp(prefix="cuttings-bench-followups-"))
    try:
        home = work / "library"
        shutil.copytree(args.home, home)
        first_searches(home, args.repeat)
        pages(home, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
