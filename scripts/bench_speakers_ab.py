#!/usr/bin/env python3
"""Speaker attribution now against an earlier commit, in one process.

The machine is shared, and its speed drifts by a factor of two within
minutes, so two runs of bench_speakers.py minutes apart cannot tell a 10%
change. This loads the `search/speakers` package of REV (from git) beside
the working tree's, then times both on every line of the BBC corpus, slice
by slice and round by round in turn, so that both meet the same machine.
Each slice keeps its fastest round; the ratio is the figure to trust.

    .venv/bin/python scripts/bench_speakers_ab.py REV [--rounds N]
"""
from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from bench_speakers import SHARED, corpus_articles, seconds_per_paragraph  # noqa: E402

import search.speakers as current  # noqa: E402

_OLD_NAME = "speakers_at_rev"


def load_speakers_at(rev: str, into: Path):
    """REV's search/speakers as the top-level package `speakers_at_rev`
    (its imports of search.speakers rewritten; search.model stays shared)."""
    package = into / _OLD_NAME
    package.mkdir()
    listing = subprocess.run(["git", "-C", str(REPO), "ls-tree", "--name-only", f"{rev}:search/speakers"],
                             check=True, capture_output=True, text=True).stdout.split()
    for name in (n for n in listing if n.endswith(".py")):
        source = subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:search/speakers/{name}"],
                                check=True, capture_output=True, text=True).stdout
        (package / name).write_text(source.replace("search.speakers", _OLD_NAME), encoding="utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module(_OLD_NAME)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the commit to compare with, e.g. HEAD~3")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    corpus_dir = SHARED / "corpus" / "text" / "bbc"
    if not corpus_dir.exists():
        print(f"skipped: {corpus_dir} is absent (the corpus lives outside the repo)")
        return 0
    articles = corpus_articles(corpus_dir)
    paragraphs = sum(map(len, articles))
    with tempfile.TemporaryDirectory() as tmp:
        old = load_speakers_at(args.rev, Path(tmp))
        totals = {"rev": 0.0, "now": 0.0}
        for k in range(0, len(articles), 100):
            part = articles[k : k + 100]
            rounds = {"rev": [], "now": []}
            for _ in range(args.rounds):  # one cold pass each, in turn
                for key, package in (("rev", old), ("now", current)):
                    clear = getattr(package, "clear_caches", None)  # an older package may have memos to clear
                    rounds[key].append(seconds_per_paragraph(part, package.attribute, 0.0, clear))
            for key in totals:
                totals[key] += min(rounds[key]) * sum(map(len, part))
    print(f"all BBC corpus lines, {paragraphs} paragraphs, fastest of {args.rounds} interleaved rounds per slice "
          "of 100 articles:")
    print(f"  {args.rev} {paragraphs / totals['rev']:,.0f} paragraphs/s CPU")
    print(f"  working tree: {paragraphs / totals['now']:,.0f} paragraphs/s CPU = {totals['rev'] / totals['now']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
