"""What near-duplicate detection costs: a library of the BBC articles in ../shared/corpus/text/bbc.

    .venv/bin/python scripts/bench_identity.py [--adds 30] [--reindex]

Builds a library of every BBC article but the last --adds (a full reindex: each article's
MinHash signature is made as it is written), counts the stories told by more than one
article, then adds the held-out articles one at a time into two copies of that library:
one as `cuttings add` and /add do (look for copies, then add: the write joins the article
to its story), the other with the signatures switched off (no look-up, no bands). The
adds alternate between the two libraries, so both see the same machine load; speed is
reported as their ratio. --reindex also times a full reindex with and without signatures.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import search.index.parsing  # noqa: E402
import search.index.store  # noqa: E402
from scripts.benchlib import shared_dir  # noqa: E402
from search import ingest  # noqa: E402
from search.index.stories import signature  # noqa: E402
from search.index.table import TableCache  # noqa: E402
from search.library import Library  # noqa: E402
from search.request import SearchRequest  # noqa: E402


@contextmanager
def signatures_off():
    """Writes without signatures: what an add cost before near-duplicates were looked for."""
    real = search.index.store.signature_of, search.index.parsing.signature
    search.index.store.signature_of = lambda article, made: None
    search.index.parsing.signature = lambda article: None  # the reindex's workers (forked: they inherit it)
    try:
        yield
    finally:
        search.index.store.signature_of, search.index.parsing.signature = real


def build(home: Path, files: list[Path]) -> float:
    sources = home / "sources"
    sources.mkdir(parents=True)
    for f in files:
        shutil.copyfile(f, sources / f"{f.parent.name}-{f.name}")
    start = time.perf_counter()
    lib = Library(home, bulk=True)
    lib.reindex(progress=False, full=True)
    lib.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adds", type=int, default=30, help="articles held out and added one at a time")
    parser.add_argument("--reindex", action="store_true", help="also time full reindexes with and without")
    args = parser.parse_args()
    shared = shared_dir()
    if shared is None or not (shared / "corpus" / "text" / "bbc").is_dir():
        print("../shared/corpus/text/bbc is not here: nothing to measure", file=sys.stderr)
        return 1
    files = sorted((shared / "corpus" / "text" / "bbc").glob("*/*.txt"))
    kept, held = files[:-args.adds], files[-args.adds:]
    with tempfile.TemporaryDirectory(prefix="bench-identity-") as tmp:
        home = Path(tmp) / "with"
        seconds = build(home, kept)
        lib = Library(home)
        stories = TableCache().table(lib.store.searcher()).story_articles()
        print(f"library: {lib.article_count()} articles, {lib.paragraph_count()} paragraphs from {len(kept)} files "
              f"(full reindex {seconds:.1f} s)")
        print(f"stories told by more than one article: {len(stories)} "
              f"({sum(len(a) for a in stories.values())} articles)")
        lib.close()
        other = Path(tmp) / "without"
        shutil.copytree(home, other)

        start = time.perf_counter()
        opened = Library(home)
        opened.search(SearchRequest(sort="newest", size=8))
        print(f"open + first search: {time.perf_counter() - start:.2f} s (signatures are read only by look-ups)")
        opened.close()

        arts = [(f, f.read_bytes()) for f in held]
        sig_times = []
        for _f, raw in arts:
            article = ingest.parse(raw)
            t = time.perf_counter()
            signature(article)
            sig_times.append(time.perf_counter() - t)
        with_lib, without_lib = Library(home), Library(other)
        with_times, check_times, without_times, found = [], [], [], 0
        with_shown, without_shown = [], []  # the add and then the article opened, as after /add
        for i, (f, raw) in enumerate(arts):
            article_a = ingest.parse(raw, filename=f.name)
            article_b = ingest.parse(raw, filename=f.name)

            def with_check() -> None:
                nonlocal found
                t0 = time.perf_counter()
                copies = with_lib.near_duplicates(article_a)
                check_times.append(time.perf_counter() - t0)
                found += bool(copies)
                with_lib.add_parsed(raw, article_a, f.name)
                with_times.append(time.perf_counter() - t0)
                with_lib.article(article_a.id)  # what /add shows next: the searcher sees the new segment
                with_shown.append(time.perf_counter() - t0)

            def without_check() -> None:
                t0 = time.perf_counter()
                with signatures_off():
                    without_lib.add_parsed(raw, article_b, f.name)
                without_times.append(time.perf_counter() - t0)
                without_lib.article(article_b.id)
                without_shown.append(time.perf_counter() - t0)

            for run in ((with_check, without_check) if i % 2 else (without_check, with_check)):
                run()
        with_lib.close()
        without_lib.close()
        ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
        print(f"signature of one article: median {ms(sig_times):.2f} ms")
        print(f"{len(arts)} adds, median per add: with the check {ms(with_times):.1f} ms "
              f"(of which the look-up {ms(check_times):.1f} ms), without {ms(without_times):.1f} ms; "
              f"ratio {statistics.median(with_times) / statistics.median(without_times):.2f}x; "
              f"{found} of them matched a story already in the library")
        shown_ratio = statistics.median(with_shown) / statistics.median(without_shown)
        print(f"add then open the article (as /add does): with {ms(with_shown):.1f} ms, without "
              f"{ms(without_shown):.1f} ms; ratio {shown_ratio:.2f}x")
        if args.reindex:
            again = Library(home, bulk=True)
            t0 = time.perf_counter()
            again.reindex(progress=False, full=True)
            with_s = time.perf_counter() - t0
            with signatures_off():
                t0 = time.perf_counter()
                again.reindex(progress=False, full=True)
                without_s = time.perf_counter() - t0
            again.close()
            print(f"full reindex: with signatures {with_s:.1f} s, without {without_s:.1f} s "
                  f"(ratio {with_s / without_s:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
