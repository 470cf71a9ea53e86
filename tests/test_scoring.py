"""Scoring only the allowed paragraphs, by skipping to them, ranks exactly as Whoosh's filtered search does."""
from __future__ import annotations

import random

import pytest
from whoosh import index
from whoosh.fields import ID, Schema
from whoosh.qparser import QueryParser

from search.index.fields import StemmedText
from search.index.postings import PackedCodec
from search.query import scoring

WORDS = "minister said the talks would resume after the election in spring and summer ports".split()


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    rng = random.Random(3)
    ix = index.create_in(tmp_path_factory.mktemp("scoring"), Schema(text=StemmedText(), key=ID(stored=True)))
    for start in range(0, 1500, 500):  # three segments, one with deletions
        w = ix.writer(codec=PackedCodec())
        for i in range(start, start + 500):
            w.add_document(text=" ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 40))), key=str(i))
        w.commit(merge=False)
    with ix.writer(codec=PackedCodec()) as w:
        for i in range(600, 700, 3):
            w.delete_by_term("key", str(i))
    with ix.searcher() as s:
        assert len(s.leaf_searchers()) == 3
        yield s


QUERIES = ["minister", "talks election", "spring OR summer", '"talks resume"', "said -ports",
           "ports OR minister -talks"]


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("share", [0.002, 0.1, 0.45, 1.0])
@pytest.mark.parametrize("limit", [5, 200, None])
def test_skipping_to_the_allowed_ranks_as_the_filtered_search(searcher, q, share, limit, monkeypatch):
    query = QueryParser("text", searcher.schema).parse(q)
    matches = set(searcher.docs_for_query(query))
    live = [d for d in range(searcher.doc_count_all()) if not searcher.ixreader.is_deleted(d)]
    rng = random.Random(q)
    allowed = set(rng.sample(live, max(1, int(share * len(live))))) | {rng.choice(sorted(matches))}
    expected = list(searcher.search(query, filter=allowed, limit=limit).items())
    assert expected, q
    monkeypatch.setattr(scoring, "SKIP_COST", 0)  # always skip
    skipped = scoring.scored(searcher, query, allowed, limit, len(matches))
    monkeypatch.setattr(scoring, "SKIP_COST", 10**9)  # never
    filtered = scoring.scored(searcher, query, allowed, limit, len(matches))
    assert skipped == filtered == expected
    assert {d for d, _ in skipped} <= allowed & matches


def test_a_narrow_filter_walks_the_allowed_and_a_wide_one_the_matches(searcher, monkeypatch):
    query = QueryParser("text", searcher.schema).parse("minister")
    matches = sorted(searcher.docs_for_query(query))
    walked = []
    real = scoring.AllowedTopCollector.collect_matches
    monkeypatch.setattr(scoring.AllowedTopCollector, "collect_matches", lambda self: walked.append(1) or real(self))
    scoring.scored(searcher, query, set(matches[:10]), 5, len(matches))
    assert walked
    walked.clear()
    scoring.scored(searcher, query, set(matches[: len(matches) * 3 // 4]), 5, len(matches))
    assert not walked
