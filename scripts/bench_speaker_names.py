#!/usr/bin/env python3
"""Benchmark: the library's speaker names (one per speaker), computed once per index state, at scale.

    .venv/bin/python scripts/bench_speaker_names.py [--sizes 20k,50k] [--corpus DIR]

Builds the same cuttings as scripts/bench_scale.py (from ../shared/corpus/text/bbc;
exits cleanly when it is absent), parses them here, and times, per size, what a new
index state costs the first search that needs the names:

  * the mentions: every distinct (name, role, article) of the library;
  * speaker_names(): search/speakers/identity.py's canonical_names over them, plus the
    lookups the query layer uses;
  * the same from the mentions' counts (NameCounts), which the index keeps per segment:
    what a new index state (an add, a tag) costs once the segments are counted;

each beside a baseline measured in the same run on the same paragraphs: counting the
speaker facet over every paragraph once (what the facet table does per index state
anyway). It also prints how many names the library holds as indexed and as shown, and
every value holding one of a few surnames, with its paragraphs, before and after.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import bench_scale  # noqa: E402  (scripts/ is this script's own directory)
from measuring import best  # noqa: E402

from search.index.speaker_names import speaker_names  # noqa: E402
from search.speakers.identity import NameCounts  # noqa: E402

WATCHED = ("Blair", "Brown", "Howard", "Kennedy")  # surnames: every value holding one, as indexed and as shown


def measure(target: int, corpus: Path | None) -> None:
    if corpus is not None:
        bench_scale.CORPUS = corpus
    with tempfile.TemporaryDirectory(prefix="cuttings-names-") as tmp:
        articles, _cpu = bench_scale.write_sources(Path(tmp), target)
    rows = [(a.id, tuple((s.name, s.role, s.kind) for s in p.speakers)) for a in articles for p in a.paragraphs]
    paragraphs = len(rows)

    def mentions():
        return {(s[0], s[1], article) for article, speakers in rows for s in speakers}

    def facet_counts():
        return Counter(name for _article, speakers in rows for name in dict.fromkeys(s[0] for s in speakers))

    found = mentions()
    names = speaker_names(found)
    base = best(facet_counts, 3)
    t_mentions = best(mentions, 3)
    t_names = best(lambda: speaker_names(found), 3)
    counts = NameCounts.of(found)
    assert speaker_names(counts).shown_by_indexed == names.shown_by_indexed
    t_counted = best(lambda: speaker_names(counts), 3)
    before = len({m[0] for m in found})
    print(f"== {paragraphs:,} paragraphs, {len(articles):,} articles, {len(found):,} distinct (name, role, article)")
    print(f"  baseline: speaker facet counted once  {base * 1000:8.1f} ms")
    for label, spent in (("mentions collected", t_mentions), ("speaker_names() over them", t_names),
                         ("speaker_names() from their counts", t_counted)):
        print(f"  {label:36} {spent * 1000:8.1f} ms  = {spent / base:5.2f}x baseline")
    print(f"  names: {before:,} as indexed -> {len(names.names()):,} shown")
    counts = Counter(name for _article, speakers in rows for name in dict.fromkeys(s[0] for s in speakers))
    for surname in WATCHED:
        indexed = sorted(n for n in counts if surname.lower() in n.lower())
        shown = Counter()
        for n in indexed:
            shown[names.shown(n)] += counts[n]
        print(f"  {surname}: {len(indexed)} values as indexed -> {len(shown)} shown: "
              + "; ".join(f"{n} ({c})" for n, c in shown.most_common()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20k,50k", help="paragraph counts, e.g. 20k or 20k,200k")
    ap.add_argument("--corpus", type=Path, default=None, help="the BBC corpus (default ../shared/corpus/text/bbc)")
    args = ap.parse_args()
    corpus = args.corpus or bench_scale.CORPUS
    if not corpus.exists():
        print(f"{corpus} is absent: nothing to measure.")
        return
    for size in args.sizes.split(","):
        measure(int(float(size.lower().rstrip("k")) * 1000) if size.lower().endswith("k") else int(size), args.corpus)


if __name__ == "__main__":
    main()
