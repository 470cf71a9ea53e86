#!/usr/bin/env python3
"""Benchmark: two checkouts served side by side on the same library, the same queries interleaved.

    .venv/bin/python scripts/bench_ab.py --before DIR [--after DIR] [--size 20k] [--queries 100]

On a shared, busy machine two runs of scripts/bench_scale.py minutes apart can differ
by 2x for the same code. Here both servers answer each query one after the other (the
order alternating), so a burst of load elsewhere falls on both: the ratio after/before
is what to read. `--before` is a checkout of the older code (e.g. `git archive <commit> |
tar -x -C DIR`), `--after` this one by default. Per side it prints: the full reindex of
the library (its own index format), the first search after start, p50/p95 of
bench_scale's six query kinds, the server's RSS after them, and how long each of a few
`cuttings add`s takes to show in the server's search.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import bench_scale  # noqa: E402  (scripts/ is this script's own directory)

ADDS = 4  # articles added to each side, one at a time, the sides alternating


class Side:
    """One checkout: its library, its reindex, its server."""

    def __init__(self, name: str, code: Path, home: Path) -> None:
        self.name, self.code, self.home = name, code, home
        self.env = {**os.environ, "PYTHONPATH": str(code)}
        self.proc: subprocess.Popen | None = None
        self.base = ""
        self.times: dict[str, list[float]] = {}

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "search.cli", "--home", str(self.home), *args]

    def reindex(self) -> float:
        start = time.perf_counter()
        subprocess.run(self.command("reindex", "--quiet", "--full"), cwd=self.code, env=self.env, check=True,
                       stdout=subprocess.DEVNULL)
        return time.perf_counter() - start

    def serve(self) -> None:
        port = bench_scale.free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(self.command("serve", "--port", str(port)), cwd=self.code, env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while True:
            try:
                bench_scale.get(self.base, "/static/cuttings.css", timeout=5)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def add(self, cutting: Path) -> None:
        subprocess.run(self.command("add", "--quiet", str(cutting)), cwd=self.code, env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def ask(self, path: str) -> float:
        start = time.perf_counter()
        with urllib.request.urlopen(self.base + path, timeout=120) as response:
            response.read()
        return (time.perf_counter() - start) * 1000

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, required=True, help="a checkout of the code to compare with")
    ap.add_argument("--after", type=Path, default=REPO, help="a checkout of the code measured (default: this one)")
    ap.add_argument("--size", default="20k", help="paragraphs in the library, e.g. 20k")
    ap.add_argument("--queries", type=int, default=100, help="queries of each kind (default 100)")
    args = ap.parse_args()
    if not bench_scale.CORPUS.is_dir():
        print(f"skipped: the BBC corpus is not at {bench_scale.CORPUS}")
        return
    target = int(float(args.size.lower().rstrip("k")) * 1000) if args.size.lower().endswith("k") else int(args.size)
    scratch = Path(tempfile.mkdtemp(prefix="cuttings-ab-"))
    sides = [Side("before", args.before.resolve(), scratch / "before"), Side("after", args.after.resolve(),
                                                                             scratch / "after")]
    try:
        articles, _cpu = bench_scale.write_sources(sides[0].home, target)
        shutil.copytree(sides[0].home / "sources", sides[1].home / "sources")
        print(f"== {sum(len(a.paragraphs) for a in articles):,} paragraphs, {len(articles):,} articles")
        for side in sides:
            print(f"{side.name:>6}: full reindex {side.reindex():6.1f} s   index "
                  f"{sum(f.stat().st_size for f in (side.home / 'whoosh').rglob('*') if f.is_file()) / 1e6:5.0f} MB")
        kinds = bench_scale.query_kinds(articles, None, args.queries)  # None: no FTS5 comparison here
        first = kinds[0].urls[0]
        for side in sides:
            side.serve()
            print(f"{side.name:>6}: first search after start {side.ask(first) / 1000:5.2f} s")
        for kind in kinds:
            for i, url in enumerate(kind.urls):
                for side in (sides if i % 2 == 0 else sides[::-1]):
                    side.times.setdefault(kind.name, []).append(side.ask(url))
        print(f"{'':32} {'before p50':>11} {'p95':>8}   {'after p50':>10} {'p95':>8}   p50, p95 after/before")
        for kind in kinds:
            (b50, b95), (a50, a95) = (bench_scale.percentiles(s.times[kind.name]) for s in sides)
            print(f"  {kind.name:30} {b50:9.1f}ms {b95:6.1f}ms   {a50:8.1f}ms {a95:6.1f}ms   "
                  f"{a50 / b50:5.2f}x {a95 / b95:5.2f}x")
        for side in sides:
            print(f"{side.name:>6}: server RSS after {sum(len(k.urls) for k in kinds)} searches "
                  f"{bench_scale.rss_kb(side.proc.pid) / 1024:5.0f} MB")
        seen: dict[str, list[float]] = {side.name: [] for side in sides}
        for i in range(ADDS):
            for side in (sides if i % 2 == 0 else sides[::-1]):
                seen[side.name].append(bench_scale.seen_after_add(side.base, side.add, scratch))
        for side in sides:
            print(f"{side.name:>6}: one added article visible after "
                  + ", ".join(f"{s:.2f}" for s in seen[side.name]) + " s")
    finally:
        for side in sides:
            side.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
