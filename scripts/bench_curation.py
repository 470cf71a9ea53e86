"""What curation costs, as ratios against baselines timed in the same run (the machine is shared).

    reindex   the full rebuild with the curation hook (decisions on 10% of the articles, a name merge)
              against the same rebuild with the hook switched off (store.prepare = None)
    search    facet searches with the tag facet registered against the same searches without it
    tagging   tagging every article of a search against indexing those articles again as `add` does
              (parse and write, no curation): a tag is in every paragraph's facet row, so it costs a write

Reads the BBC corpus from ../shared (skipped cleanly when it is absent); builds its library in a
temporary folder. Each figure is the best of --rounds interleaved rounds.

    .venv/bin/python scripts/bench_curation.py [--articles 400] [--rounds 3]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchlib import shared_dir  # noqa: E402
from measuring import best  # noqa: E402

from search.library import Library  # noqa: E402
from search.query import facets  # noqa: E402
from search.request import SearchRequest  # noqa: E402

QUERIES = ["government", "said", "film", "market OR shares", "election", "music", "", "minister"]


def corpus(n: int) -> list[Path]:
    shared = shared_dir()
    if shared is None:
        return []
    return sorted((shared / "corpus" / "text" / "bbc").rglob("*.txt"))[:n]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = corpus(args.articles)
    if not files:
        print("skipped: ../shared/corpus/text/bbc is absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "library")
        lib.add_many(files, progress=False)
        ids = sorted({a for a, _n in lib.hit_refs(SearchRequest(view="flat"))})
        print(f"library: {lib.article_count()} articles, {lib.paragraph_count()} paragraphs")

        # decisions on one article in ten, and a library-wide name merge
        for article_id in ids[::10]:
            lib.curation.tag([article_id], add=["sample"])
            article = lib.article(article_id)
            lib.curation.set_speakers(article_id, article.paragraphs[0].n, [])
        speaker = lib.search(SearchRequest()).facets["speaker"].values[0].value
        lib.curation.merge_names(speaker, speaker + " (merged)")

        hook = lib.store.prepare

        def reindex(with_hook: bool):
            lib.store.prepare = hook if with_hook else None
            lib.reindex(progress=False, full=True)

        plain = curated = 0.0
        for _ in range(args.rounds):  # interleaved: a slow spell of the machine hits both
            plain = min(plain or 1e9, best(lambda: reindex(False), 1))
            curated = min(curated or 1e9, best(lambda: reindex(True), 1))
        lib.store.prepare = hook
        lib.reindex(progress=False)
        print(f"reindex: {plain:.2f} s without the curation hook, {curated:.2f} s with it "
              f"(ratio {curated / plain:.3f})")

        requests = [SearchRequest.from_args({"q": [q]}) for q in QUERIES]

        def searches():
            for req in requests:
                lib.search(req)

        searches()  # warm the table
        kinds = dict(facets.FACET_KINDS)
        without_tag = {k: v for k, v in kinds.items() if k != "tag"}
        with_tags = without = 0.0
        for _ in range(args.rounds):
            facets.FACET_KINDS.clear()
            facets.FACET_KINDS.update(without_tag)
            without = min(without or 1e9, best(searches, 3))
            facets.FACET_KINDS.clear()
            facets.FACET_KINDS.update(kinds)
            with_tags = min(with_tags or 1e9, best(searches, 3))
        print(f"search: {without * 1000 / len(requests):.1f} ms a search without the tag facet, "
              f"{with_tags * 1000 / len(requests):.1f} ms with it (ratio {with_tags / without:.3f})")

        req = SearchRequest(q="government")
        found = list(dict.fromkeys(a for a, _n in lib.hit_refs(req.with_(view="flat"))))
        sources = [lib.sources.get(lib.article(a).source_name) for a in found]

        def index_again():
            lib.store.write_articles([lib.parse_source(s) for s in sources])

        tagging = adding = 0.0
        for _ in range(args.rounds):
            adding = min(adding or 1e9, best(index_again, 1))
            tagging = min(tagging or 1e9, best(lambda: lib.curation.tag_search(req, f"t{time.perf_counter_ns()}"), 1))
        print(f"tagging a search: {len(found)} articles in {tagging:.2f} s ({tagging * 1000 / len(found):.1f} ms an "
              f"article); indexing them again as add does: {adding:.2f} s (ratio {tagging / adding:.2f})")
        lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
