#!/usr/bin/env python3
"""Benchmark: libraries of about 20k, 50k and 200k paragraphs, reindexed, served and searched, beside FTS5.

    .venv/bin/python scripts/bench_scale.py [--sizes 20k,50k,200k] [--queries 100] [--keep DIR [--server-only]]

Builds each library's sources/ from ../shared/corpus/text/bbc (exits cleanly when it
is absent): every BBC article is written as a pasted cutting with a section line, a
" - BBC News" headline, a byline and a dated line, in as many variants as the size
needs (about 10k paragraphs each) whose dates lie two years apart, so that every copy
is a distinct article (its own id) and every facet has work to do. Then, per size, it
prints:

  * `cuttings reindex` (a subprocess, as a user runs it): wall and CPU seconds (all
    processes), paragraphs/s, peak RSS of the whole process tree, index size, and the
    parse / index / commit split when the command reports it; a second, incremental
    `cuttings reindex` of the unchanged library; and, in this process and the same run,
    SQLite FTS5 loading the same paragraphs and "the floor": a plain Whoosh default
    writer indexing only the paragraph texts (one TEXT field, stemming analyzer, one
    process). Speeds are also given as ratios to those two;
  * `cuttings serve` (a subprocess): the first search after start, p50/p95 over HTTP of
    six query kinds (keyword; keyword + 2 facets; a broad word with facets and
    highlights; speaker filter only; speaker page; full speaker facet list), each beside
    FTS5 answering the same question in this process, the server's RSS after that load,
    and how long one `cuttings add` takes to show in the running server's search.

`--keep DIR` keeps the libraries; `--server-only` then measures only the server on
them (after an incremental reindex), which takes minutes instead of the reindexes'.

The code measured is the code next to this script (its parent directory), so a copy
of the script in an older checkout measures that checkout: run both in one session
to compare before and after on the same machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from measuring import rss_kb, tree_rss_kb  # noqa: E402  (scripts/, next to this one)

from search.ingest import parse  # noqa: E402
from search.model import Article  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "text" / "bbc"  # --corpus changes it
SEED = 20220113
VARIANTS = 50  # copies of the corpus at most (about 10k paragraphs each)
AUTHORS = ["Jane Harlow", "Tom Ashby", "Priya Natarajan", "Owen Price", "Mei Lin", "Sam Okafor", "Ruth Keane",
           "Daniel Ortiz", "Hannah Webb", "Leo Brandt", "Aisha Rahman", "Ian Moss"]


# ---- the corpus, as sources ------------------------------------------------------
def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*/*.txt"))


def cutting_text(path: Path, variant: int) -> str:
    """One BBC file as a pasted cutting: section, headline, byline, date, then the body."""
    lines = path.read_bytes().decode("latin-1").split("\n")
    number = int(re.sub(r"\D", "", path.stem) or 0)
    day = date(1980, 1, 1) + timedelta(days=(number * 37 + len(path.parent.name) * 101) % 730 + variant * 731)
    author = AUTHORS[(number + variant) % len(AUTHORS)]
    head = [path.parent.name.capitalize(), "", f"{lines[0].strip()} - BBC News", "", f"By {author}",
            day.strftime("%-d %B %Y"), ""]
    return "\n".join(head + lines[1:])


def write_sources(home: Path, target: int) -> tuple[list[Article], float]:
    """Write cuttings until they hold `target` paragraphs; return their articles as parsed here,
    one process (what FTS5 and the floor load), and the CPU seconds that parsing took."""
    sources = home / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    articles: dict[str, Article] = {}
    count, cpu, files = 0, 0.0, corpus_files()
    for variant in range(VARIANTS):
        for path in files:
            if count >= target:
                return list(articles.values()), cpu
            data = cutting_text(path, variant).encode("utf-8")
            name = f"v{variant:02d}-{path.parent.name}-{path.name}"
            (sources / name).write_bytes(data)
            start = time.process_time()
            article = parse(data, filename=name)
            cpu += time.process_time() - start
            replaced = articles.get(article.id)  # the same article again: the later copy wins, as on reindex
            count += len(article.paragraphs) - (len(replaced.paragraphs) if replaced else 0)
            articles[article.id] = article
    return list(articles.values()), cpu


# ---- measuring processes ------------------------------------------------------------
@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    output: str


def cuttings(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "search.cli", "--home", str(home), *args]


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def run_measured(command: list[str]) -> Run:
    """Run a command to its end: wall, CPU of all its processes, peak RSS of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    peak = [0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    output = proc.communicate()[0]
    wall = time.perf_counter() - start
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{output[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak[0] / 1024, output)


def phases(output: str) -> str:
    """The parse / index / commit split, when the reindex command reports it."""
    found = re.search(r"\((?:full|incremental)[^)]*\)", output)
    return found.group(0) if found else "(no split reported)"


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


# ---- baselines in this process ---------------------------------------------------
def fts_build(articles: list[Article]) -> tuple[sqlite3.Connection, float]:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    start = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE para USING fts5(text, title, article_id UNINDEXED, n UNINDEXED, "
               "section UNINDEXED, day UNINDEXED)")
    db.execute("CREATE TABLE speaker (docid INTEGER, name TEXT, role TEXT, kind TEXT)")
    rowid = 0
    for a in articles:
        day = a.published_date.isoformat() if a.published_date else ""
        for p in a.paragraphs:
            rowid += 1
            db.execute("INSERT INTO para(rowid, text, title, article_id, n, section, day) VALUES (?,?,?,?,?,?,?)",
                       (rowid, p.text, a.title, a.id, p.n, a.section, day))
            db.executemany("INSERT INTO speaker VALUES (?,?,?,?)", [(rowid, s.name, s.role, s.kind)
                                                                    for s in p.speakers])
    db.execute("CREATE INDEX speaker_doc ON speaker(docid)")
    db.execute("CREATE INDEX speaker_name ON speaker(name)")
    db.commit()
    return db, time.perf_counter() - start


def floor_build(articles: list[Article], where: Path) -> tuple[float, float]:
    """A plain Whoosh default writer, paragraph texts only: the floor the reindex is compared with.
    Returns wall and CPU seconds."""
    from whoosh import index as whoosh_index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import TEXT, Schema

    where.mkdir(parents=True, exist_ok=True)
    start, cpu = time.perf_counter(), time.process_time()
    ix = whoosh_index.create_in(str(where), Schema(text=TEXT(analyzer=StemmingAnalyzer())))
    writer = ix.writer()
    for a in articles:
        for p in a.paragraphs:
            writer.add_document(text=p.text)
    writer.commit()
    return time.perf_counter() - start, time.process_time() - cpu


# ---- the six query kinds --------------------------------------------------------------
@dataclass
class QueryKind:
    name: str
    urls: list[str] = field(default_factory=list)  # over HTTP
    fts: list[Callable[[], object]] = field(default_factory=list)  # the same question to FTS5


def fts_page(db: sqlite3.Connection, where: str, args: list, snippet: bool = True) -> None:
    """A page of FTS5 results with facet counts: what a search page asks."""
    column = "snippet(para, 0, '<mark>', '</mark>', '…', 24)" if snippet else "text"
    order = "bm25(para)" if "MATCH" in where else "day DESC"
    db.execute(f"SELECT rowid, article_id, n, {column} FROM para WHERE {where} ORDER BY {order} LIMIT 20",
               args).fetchall()
    db.execute(f"SELECT s.name, count(*) FROM para JOIN speaker s ON s.docid = para.rowid WHERE {where} "
               "GROUP BY s.name ORDER BY count(*) DESC LIMIT 10", args).fetchall()
    for column in ("section", "substr(day, 1, 4)"):
        db.execute(f"SELECT {column}, count(*) FROM para WHERE {where} GROUP BY 1", args).fetchall()


def fts_speaker(db: sqlite3.Connection, name: str) -> None:
    db.execute("SELECT p.rowid, p.article_id, p.n, p.text FROM speaker s JOIN para p ON p.rowid = s.docid "
               "WHERE s.name = ? ORDER BY p.day DESC LIMIT 20", [name]).fetchall()
    db.execute("SELECT role, count(*) FROM speaker WHERE name = ? GROUP BY role", [name]).fetchall()
    db.execute("SELECT substr(p.day, 1, 7), count(*) FROM speaker s JOIN para p ON p.rowid = s.docid "
               "WHERE s.name = ? GROUP BY 1", [name]).fetchall()


def query_kinds(articles: list[Article], db: sqlite3.Connection, n: int) -> list[QueryKind]:
    rng = random.Random(SEED)
    words = Counter(w.lower() for a in articles for p in a.paragraphs for w in re.findall(r"[A-Za-z]{5,}", p.text))
    ranked = [w for w, _ in words.most_common(800)]
    broad, common = ranked[:25], ranked[50:]
    sections = sorted({a.section for a in articles if a.section})
    years = sorted({str(a.published_date.year) for a in articles if a.published_date})
    speakers = Counter(s.name for a in articles for p in a.paragraphs for s in p.speakers)
    top_speakers = [s for s, _ in speakers.most_common(200)]

    def url(path: str, **params: str) -> str:
        return path + ("?" + urllib.parse.urlencode(params) if params else "")

    def match(word: str) -> tuple[str, list]:
        return "para MATCH ?", [f'"{word}"']

    kinds = [QueryKind("keyword"), QueryKind("keyword + 2 facets"), QueryKind("broad word, facets, highlights"),
             QueryKind("speaker filter only"), QueryKind("speaker page"), QueryKind("full speaker facet list")]
    for _ in range(n):
        word, section, year = rng.choice(common), rng.choice(sections), rng.choice(years)
        kinds[0].urls.append(url("/search.json", q=word))
        kinds[0].fts.append(lambda w=word: fts_page(db, *match(w)))
        kinds[1].urls.append(url("/search.json", q=word, section=section, date=year))
        kinds[1].fts.append(lambda w=word, s=section, y=year: fts_page(
            db, "para MATCH ? AND section = ? AND day LIKE ?", [f'"{w}"', s, f"{y}%"]))
        big = rng.choice(broad)
        kinds[2].urls.append(url("/search.json", q=big, section=section))
        kinds[2].fts.append(lambda w=big, s=section: fts_page(db, "para MATCH ? AND section = ?", [f'"{w}"', s]))
        who = rng.choice(top_speakers) if top_speakers else "Nobody"
        kinds[3].urls.append(url("/search.json", speaker=who))
        kinds[3].fts.append(lambda s=who: fts_page(
            db, "para.rowid IN (SELECT docid FROM speaker WHERE name = ?)", [s], snippet=False))
        kinds[4].urls.append(f"/speaker/{urllib.parse.quote(who)}")
        kinds[4].fts.append(lambda s=who: fts_speaker(db, s))
        kinds[5].urls.append(url("/facets/speaker", q=word))
        kinds[5].fts.append(lambda w=word: db.execute(
            "SELECT s.name, count(*) FROM para JOIN speaker s ON s.docid = para.rowid WHERE para MATCH ? "
            "GROUP BY s.name ORDER BY count(*) DESC", [f'"{w}"']).fetchall())
    return kinds


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def timed(calls: list[Callable[[], object]]) -> tuple[float, float]:
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return percentiles(times)


# ---- the server ---------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str, timeout: float = 120) -> bytes:
    with urllib.request.urlopen(base + path, timeout=timeout) as response:
        return response.read()


class Server:
    def __init__(self, home: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(cuttings(home, "serve", "--port", str(self.port)), cwd=REPO, env=child_env(),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while True:  # up when a static file answers (no search has run yet)
            try:
                get(self.base, "/static/cuttings.css", timeout=5)
                return
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.stop()
                    raise SystemExit("the server did not start")
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


FILLER = ("profits sales shops cities year pound costs shares investors market growth quarter staff prices "
          "orders factory exports demand rivals margins stores online customers debt dividend").split()


def add_cutting(home: Path, cutting: Path) -> None:
    subprocess.run(cuttings(home, "add", "--quiet", str(cutting)), cwd=REPO, env=child_env(), check=True,
                   stdout=subprocess.DEVNULL)


def seen_after_add(base: str, add: Callable[[Path], object], where: Path) -> float:
    """Seconds from `add` (running `cuttings add` on a file) starting to the new article showing
    in the search of the server at `base`."""
    word = "zyx" + "".join(random.choice(string.ascii_lowercase) for _ in range(10))  # new in every run
    cutting = where / "late-cutting.txt"
    # long enough to be signed for near-duplicates, as a real article is (their library loads on the first),
    # and different enough from the last one added not to be its copy
    words = [random.choice(FILLER) for _ in range(36)]
    cutting.write_text(f"Business\n\nA late cutting about {word} - BBC News\n\n2 March 2006\n\n"
                       f"The {word} company said on Monday that its {' '.join(words[:12])} rose.\n\n"
                       f"Sales abroad grew fastest, helped by {' '.join(words[12:24])}.\n\n"
                       f'"We expect another good year," the chief executive said of {" ".join(words[24:])}.\n',
                       encoding="utf-8")
    start = time.perf_counter()
    add(cutting)
    while json.loads(get(base, f"/search.json?q={word}"))["total"] == 0:
        if time.perf_counter() - start > 120:
            return float("inf")
        time.sleep(0.05)
    return time.perf_counter() - start


# ---- one size ---------------------------------------------------------------------------
def bench_size(target: int, n_queries: int, keep: Path | None, server_only: bool = False) -> None:
    home = (keep / f"lib-{target}") if keep else Path(tempfile.mkdtemp(prefix=f"cuttings-scale-{target}-"))
    scratch = Path(tempfile.mkdtemp(prefix="cuttings-scale-scratch-"))
    try:
        articles, parse_cpu = write_sources(home, target)
        paragraphs = sum(len(a.paragraphs) for a in articles)
        print(f"\n== about {target:,} paragraphs: {len(articles):,} articles, {paragraphs:,} paragraphs "
              f"(sequential parse here: {parse_cpu:.1f} s CPU, {paragraphs / parse_cpu:,.0f} para/s)", flush=True)
        db, fts_s = fts_build(articles)
        if server_only:  # the library under --keep is already built: bring it up to date, then serve
            again = run_measured(cuttings(home, "reindex", "--quiet"))
            print(f"reindex (only what changed) {again.wall:7.1f} s  {phases(again.output)}", flush=True)
        else:
            build_and_reindex(home, scratch, articles, paragraphs, fts_s)
        serve(home, query_kinds(articles, db, n_queries), n_queries, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not keep:
            shutil.rmtree(home, ignore_errors=True)


def build_and_reindex(home: Path, scratch: Path, articles: list[Article], paragraphs: int, fts_s: float) -> None:
    """The floor, a full reindex and an unchanged one, with their times and memory."""
    floor_s, floor_cpu = floor_build(articles, scratch / "floor")
    full = run_measured(cuttings(home, "reindex", "--quiet") + (["--full"] if has_full_option() else []))
    print(f"full reindex       {full.wall:7.1f} s wall {full.cpu:7.1f} s CPU  "
          f"{paragraphs / full.wall:6,.0f} para/s  peak RSS {full.peak_mb:6,.0f} MB  "
          f"index {dir_mb(home / 'whoosh'):6,.0f} MB  {phases(full.output)}")
    print(f"  FTS5 load        {fts_s:7.1f} s  {paragraphs / fts_s:8,.0f} para/s   reindex/FTS5 time "
          f"{full.wall / fts_s:5.1f}x")
    print(f"  Whoosh floor     {floor_s:7.1f} s wall {floor_cpu:7.1f} s CPU  {paragraphs / floor_s:6,.0f} para/s   "
          f"reindex speed / floor {floor_s / full.wall:5.2f}x (target >= 1.6x); CPU floor / reindex "
          f"{floor_cpu / full.cpu:5.2f}x")
    again = run_measured(cuttings(home, "reindex", "--quiet"))
    print(f"unchanged reindex  {again.wall:7.1f} s wall {again.cpu:7.1f} s CPU  = {again.wall / full.wall:5.1%} of "
          f"the full one  peak RSS {again.peak_mb:6,.0f} MB  {phases(again.output)}", flush=True)


def serve(home: Path, kinds: list[QueryKind], n_queries: int, scratch: Path) -> None:
    """The server on the library: start, first search, the query kinds, memory, an add."""
    start = time.perf_counter()
    server = Server(home)
    try:
        up = time.perf_counter() - start
        start = time.perf_counter()
        get(server.base, kinds[0].urls[0])
        first = time.perf_counter() - start
        print(f"server up in {up:.1f} s; first search {first:.2f} s (target <= 0.5 s at 200k)")
        for kind in kinds:
            ours = timed([lambda u=u: get(server.base, u) for u in kind.urls])
            fts = timed(kind.fts)
            print(f"  {kind.name:<32} p50 {ours[0]:7.1f} ms  p95 {ours[1]:7.1f} ms   FTS5 p50 {fts[0]:7.1f} ms"
                  f"  p95 {fts[1]:7.1f} ms   p95 ratio {ours[1] / max(fts[1], 0.01):5.1f}x", flush=True)
        pid = server.proc.pid
        print(f"server RSS after {len(kinds) * n_queries} searches: {rss_kb(pid) / 1024:,.0f} MB "
              f"(own {rss_kb(pid, 'RssAnon') / 1024:,.0f} MB, mapped files: the index, libraries "
              f"{rss_kb(pid, 'RssFile') / 1024:,.0f} MB)")
        seen = seen_after_add(server.base, partial(add_cutting, home), scratch)
        print(f"one added article visible in the running server after {seen:.2f} s (target < 2 s)")
    finally:
        server.stop()


def has_full_option() -> bool:
    found = subprocess.run(cuttings(Path("."), "reindex", "--help"), cwd=REPO, env=child_env(), capture_output=True,
                           text=True)
    return "--full" in found.stdout


def size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20k,50k,200k", help="paragraph counts, e.g. 20k or 20k,200k")
    ap.add_argument("--queries", type=int, default=100, help="queries of each kind (default 100)")
    ap.add_argument("--keep", type=Path, help="build the libraries under this directory and keep them")
    ap.add_argument("--server-only", action="store_true",
                    help="the libraries under --keep are built: only bring them up to date and measure the server")
    ap.add_argument("--corpus", type=Path, default=None, help="the BBC corpus (default ../shared/corpus/text/bbc)")
    args = ap.parse_args()
    if args.server_only and not args.keep:
        ap.error("--server-only measures the libraries that --keep DIR holds")
    global CORPUS
    CORPUS = args.corpus or CORPUS
    if not CORPUS.is_dir():
        print(f"skipped: the BBC corpus is not at {CORPUS}")
        return 0
    import search

    print(f"code measured: {Path(search.__file__).parent.parent}")
    for target in [size(s) for s in args.sizes.split(",")]:
        bench_size(target, args.queries, args.keep, args.server_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
