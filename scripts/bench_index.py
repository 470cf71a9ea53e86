#!/usr/bin/env python3
"""Benchmark: ingest + index the BBC corpus, then time 200 searches, against SQLite FTS5.

    .venv/bin/python scripts/bench_index.py [--limit N] [--queries N] [--keep DIR]

Reads ../shared/corpus/text/bbc/ (2,225 articles; first line the headline, then
paragraphs) and exits cleanly when it is absent. It prints

  * ingest paragraphs/s (search.ingest.parse + saving the source) and indexing
    paragraphs/s (Whoosh, the CLI's bulk writer), with SQLite FTS5's insert rate
    on the same paragraphs and our figures as ratios to it;
  * p50/p95 of 200 fixed queries through Library.search (all five facets
    counted, snippets highlighted), against FTS5 (bm25, snippet(), GROUP BY
    speaker and section for the facets);
  * p50/p95 of Library.search with three facets selected (the target is
    p95 < 150 ms for the /search page), and the same through the Flask test
    client when the web package is importable (see `time_search_pages`).

The BBC files carry no date or site: each article gets a date derived from its
file number (spread over 2004-2005) and site "bbc.co.uk", and its section from
its folder, so that every facet has work to do.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from search.ingest import parse  # noqa: E402
from search.library import Library  # noqa: E402
from search.model import Article  # noqa: E402
from search.request import SearchRequest  # noqa: E402

BBC = REPO.parent / "shared" / "corpus" / "text" / "bbc"
SEED = 20220113


# ---- corpus -----------------------------------------------------------------
def bbc_files(limit: int | None) -> list[Path]:
    files = sorted(p for p in BBC.glob("*/*.txt"))
    return files[:limit] if limit else files


def bbc_article(path: Path, data: bytes) -> Article:
    article = parse(data, filename=f"{path.parent.name}-{path.name}")
    number = int(re.sub(r"\D", "", path.stem) or 0)
    article.section = path.parent.name.capitalize()  # the files have no section line; the folder is the section
    article.site = article.site or "bbc.co.uk"
    if article.published is None:
        article.published = date(2004, 1, 1) + timedelta(days=(number * 37 + len(path.parent.name) * 101) % 730)
    from search.ids import article_id

    article.id = article_id(article)
    return article


def ingest(lib: Library, files: list[Path]) -> tuple[list[Article], float, list[str]]:
    articles: dict[str, Article] = {}
    failures = []
    start = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        try:
            article = bbc_article(path, data)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
            failures.append(f"{path.parent.name}/{path.name}: {exc}")
            continue
        article.source_name = lib.sources.save(data, f"{path.parent.name}-{path.name}").name
        articles[article.id] = article
    return list(articles.values()), time.perf_counter() - start, failures


def index(lib: Library, articles: list[Article]) -> float:
    start = time.perf_counter()
    lib.store.write_articles(articles, bulk=lib.bulk)  # the CLI's bulk write: a segment per store.BATCH_PARAGRAPHS
    return time.perf_counter() - start


# ---- SQLite FTS5 baseline ----------------------------------------------------------
def fts_build(articles: list[Article]) -> tuple[sqlite3.Connection, float]:
    db = sqlite3.connect(":memory:")
    start = time.perf_counter()
    db.execute(
        "CREATE VIRTUAL TABLE para USING fts5(text, title, article_id UNINDEXED, n UNINDEXED, section UNINDEXED)"
    )
    db.execute("CREATE TABLE speaker (docid INTEGER, name TEXT)")
    rowid = 0
    for a in articles:
        for p in a.paragraphs:
            rowid += 1
            db.execute("INSERT INTO para(rowid, text, title, article_id, n, section) VALUES (?,?,?,?,?,?)",
                       (rowid, p.text, a.title, a.id, p.n, a.section))
            db.executemany("INSERT INTO speaker VALUES (?,?)", [(rowid, s.name) for s in p.speakers])
    db.execute("CREATE INDEX speaker_doc ON speaker(docid)")
    db.commit()
    return db, time.perf_counter() - start


def fts_match(query: str) -> str:
    phrases = re.findall(r'"([^"]+)"', query)
    words = re.findall(r"\w+", re.sub(r'"[^"]+"', " ", query))
    return " ".join([f'"{p}"' for p in phrases] + [f'"{w}"' for w in words])


def fts_search(db: sqlite3.Connection, query: str, section: str | None) -> None:
    where, args = "para MATCH ?", [fts_match(query)]
    if section:
        where += " AND section = ?"
        args.append(section)
    db.execute(f"SELECT rowid, article_id, n, snippet(para, 0, '<mark>', '</mark>', '…', 24) FROM para "
               f"WHERE {where} ORDER BY bm25(para) LIMIT 20", args).fetchall()
    db.execute(f"SELECT s.name, count(*) FROM para JOIN speaker s ON s.docid = para.rowid WHERE {where} "
               f"GROUP BY s.name ORDER BY count(*) DESC LIMIT 10", args).fetchall()
    db.execute(f"SELECT section, count(*) FROM para WHERE {where} GROUP BY section", args).fetchall()


# ---- queries -------------------------------------------------------------------------
def fixed_queries(articles: list[Article], n: int) -> list[tuple[str, str | None]]:
    """n (query, section filter) pairs: words, word pairs, phrases and filtered words."""
    rng = random.Random(SEED)
    words = Counter(w.lower() for a in articles for p in a.paragraphs for w in re.findall(r"[A-Za-z]{5,}", p.text))
    common = [w for w, _ in words.most_common(600)][50:]  # skip the very commonest
    sections = sorted({a.section for a in articles if a.section})
    paragraphs = [p.text for a in articles for p in a.paragraphs]
    queries: list[tuple[str, str | None]] = []
    while len(queries) < n:
        kind = len(queries) % 5
        if kind in (0, 1):
            queries.append((rng.choice(common), None))
        elif kind == 2:
            queries.append((f"{rng.choice(common)} {rng.choice(common)}", None))
        elif kind == 3:
            found = re.findall(r"\b([a-z]{4,} [a-z]{4,})\b", rng.choice(paragraphs))
            queries.append((f'"{found[0]}"' if found else rng.choice(common), None))
        else:
            queries.append((rng.choice(common), rng.choice(sections) if sections else None))
    return queries


def three_facet_requests(lib: Library, n: int = 50) -> list[SearchRequest]:
    """Requests with three facets selected (section, two speakers, a year), some with a query word:
    the /search page case. Speakers are the top ones of that section and year, so most requests find hits."""
    base = lib.search(SearchRequest())
    sections = [v.value for v in base.facets["section"].values]
    years = [v.value for v in base.facets["date"].values if len(v.value) == 4]
    rng = random.Random(SEED)
    words = ["", "", "said", "year", "people", "government", "market"]
    requests = []
    for i in range(n):
        include: dict[str, tuple[str, ...]] = {}
        if sections:
            include["section"] = (sections[i % len(sections)],)
        if years:
            include["date"] = (years[(i // max(1, len(sections))) % len(years)],)
        speakers = lib.search(SearchRequest(include=include)).facets["speaker"].values
        if speakers:
            include["speaker"] = tuple(v.value for v in speakers[i % 3: i % 3 + 2])
        requests.append(SearchRequest(q=rng.choice(words), include=include))
    return requests


def timings(run: Callable[[Any], Any], items: Iterable[Any]) -> tuple[float, float]:
    """p50 and p95 in milliseconds of run(item) over the items."""
    times = []
    for item in items:
        start = time.perf_counter()
        run(item)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def time_search_pages(home: Path, requests: list[SearchRequest]) -> tuple[float, float] | None:
    """Server time of GET /search?... through the Flask test client (None without the web package)."""
    try:
        from web import create_app
    except ImportError:
        return None
    client = create_app(home=str(home)).test_client()
    client.get("/search?" + requests[0].query_string())  # warm up: searcher and facet table

    def get(req: SearchRequest) -> None:
        response = client.get("/search?" + req.query_string())
        assert response.status_code == 200, response.status_code

    return timings(get, requests)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--keep", type=Path, help="build the library here and keep it")
    args = ap.parse_args()
    if not BBC.is_dir():
        print(f"skipped: the BBC corpus is not at {BBC}")
        return 0
    home = args.keep or Path(tempfile.mkdtemp(prefix="cuttings-bench-"))
    try:
        return run_benchmark(home, bbc_files(args.limit), args.queries)
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)


def run_benchmark(home: Path, files: list[Path], n_queries: int) -> int:
    lib = Library(home, bulk=True)
    articles, ingest_s, failures = ingest(lib, files)
    paragraphs = sum(len(a.paragraphs) for a in articles)
    index_s = index(lib, articles)
    db, fts_s = fts_build(articles)
    speakers = sum(len(p.speakers) for a in articles for p in a.paragraphs)
    print(
        f"corpus: {len(files)} files -> {len(articles)} articles, {paragraphs} paragraphs, "
        f"{speakers} speaker attributions"
        + (f", {len(failures)} failed to parse" if failures else "")
    )
    for f in failures[:5]:
        print(f"  parse failure: {f}")
    print(f"ingest (parse + save source): {paragraphs / ingest_s:9.0f} paragraphs/s")
    print(f"index (Whoosh, bulk writer):  {paragraphs / index_s:9.0f} paragraphs/s   "
          f"FTS5 insert {paragraphs / fts_s:9.0f} paragraphs/s   ratio ours/FTS5 {fts_s / index_s:.3f}")

    queries = fixed_queries(articles, n_queries)
    cold = Library(home)
    start = time.perf_counter()
    cold.search(SearchRequest())  # opens the searcher and reads the facet table: once per index change
    print(
        "first search on a freshly opened library (searcher + facet table): "
        f"{(time.perf_counter() - start) * 1000:.0f} ms"
    )
    lib.search(SearchRequest())  # warm up
    ours = timings(
        lambda qs: lib.search(SearchRequest(q=qs[0], include={"section": (qs[1],)} if qs[1] else {})), queries
    )
    fts = timings(lambda qs: fts_search(db, *qs), queries)
    print(
        f"{len(queries)} queries, 5 facets + snippets: p50 {ours[0]:6.1f} ms  p95 {ours[1]:6.1f} ms   "
        f"FTS5 p50 {fts[0]:6.1f} ms  p95 {fts[1]:6.1f} ms   "
        f"ratio ours/FTS5 p50 {ours[0] / fts[0]:.1f}x  p95 {ours[1] / fts[1]:.1f}x"
    )

    requests = three_facet_requests(lib)
    three = timings(lib.search, requests)
    found = [lib.search(r).total for r in requests]
    print(f"Library.search with 3 facets selected ({len(requests)} requests, {sum(1 for n in found if n)} with hits, "
          f"median {statistics.median(found):.0f} paragraphs): p50 {three[0]:6.1f} ms  p95 {three[1]:6.1f} ms"
          f"   (target for /search: p95 < 150 ms)")
    pages = time_search_pages(home, requests)
    if pages:
        print(f"GET /search with 3 facets selected (Flask test client): p50 {pages[0]:6.1f} ms  p95 {pages[1]:6.1f} ms")
    else:
        print("GET /search: the web package is not importable; page timing skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
