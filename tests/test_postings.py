"""Packed posting blocks read back exactly what Whoosh's own codec reads back, and search the same."""
from __future__ import annotations

import io
import random
import struct

import pytest
from whoosh import formats, index
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.fields import ID, KEYWORD, Schema
from whoosh.filedb.structfile import StructFile
from whoosh.qparser import QueryParser
from whoosh.query import And, Or, Phrase, Term

from search.index.fields import StemmedText
from search.index.postings import PackedCodec, PackedPositions


def _postings(n: int, rng: random.Random, weights: str, value) -> list[tuple[int, float, bytes, int]]:
    ids, doc = [], rng.randrange(0, 300_000)
    for _ in range(n):
        ids.append(doc)
        doc += rng.choice([1, 1, 2, 7, 300, 70_000])  # deltas of one, two and four bytes
    weight = {"one": lambda: 1.0, "same": lambda: 2.5, "whole": lambda: float(rng.randrange(1, 40)),
              "float": lambda: rng.random() * 3}[weights]
    return [(d, weight(), value(rng), rng.randrange(1, 300)) for d in ids]


def _written(codec, format_, postings):
    """A matcher over the postings written through `codec`, their term info, and the file."""
    postfile = StructFile(io.BytesIO())
    writer = codec.postings_writer(postfile)
    writer.start_postings(format_, W3TermInfo())
    for docnum, weight, value, length in postings:
        writer.add_posting(docnum, weight, value, length)
    terminfo = writer.finish_postings()
    return codec.postings_reader(postfile, terminfo, format_), terminfo, postfile


def _write_and_read(codec, format_, postings):
    """The postings written through `codec` and read back: (id, weight, value) each, and the file."""
    matcher, terminfo, postfile = _written(codec, format_, postings)
    read = []
    while matcher.is_active():
        read.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return read, terminfo, postfile


VALUES = {
    "positions": (PackedPositions(), lambda rng: PackedPositions().encode(
        sorted(rng.sample(range(70_000), rng.randrange(1, 6))))),
    "frequency": (formats.Frequency(), lambda rng: struct.pack("!I", rng.randrange(1, 9))),
    "existence": (formats.Existence(), lambda rng: b""),
}


@pytest.mark.parametrize("values", sorted(VALUES))
@pytest.mark.parametrize("weights", ["one", "same", "whole", "float"])
@pytest.mark.parametrize("n", [1, 127, 128, 129, 700])
def test_packed_blocks_read_back_what_whoosh_blocks_do(n, weights, values):
    format_, value = VALUES[values]
    postings = _postings(n, random.Random(f"{n}{weights}{values}"), weights, value)
    packed, packed_info, _ = _write_and_read(PackedCodec(), format_, postings)
    whoosh, whoosh_info, _ = _write_and_read(W3Codec(compression=0), format_, postings)
    assert [d for d, _, _ in packed] == [d for d, _, _, _ in postings]
    assert packed == whoosh  # weights are single floats in both
    if values == "existence":
        assert all(v is None for _, _, v in packed)
    assert (packed_info.doc_frequency(), packed_info.max_weight(), packed_info.min_id(), packed_info.max_id()) == (
        whoosh_info.doc_frequency(), whoosh_info.max_weight(), whoosh_info.min_id(), whoosh_info.max_id())


def test_a_words_postings_take_a_fraction_of_the_room():
    """A common word in paragraphs: near docnums, a few positions each under 200."""
    rng = random.Random(5)
    postings, doc = [], 0
    for _ in range(2_000):
        doc += rng.randrange(1, 20)
        positions = sorted(rng.sample(range(200), rng.randrange(1, 4)))
        postings.append((doc, float(len(positions)), PackedPositions().encode(positions), rng.randrange(5, 200)))
    packed, _, packed_file = _write_and_read(PackedCodec(), PackedPositions(), postings)
    whoosh = [(d, w, formats.Positions().encode(PackedPositions().decode_positions(v)), n) for d, w, v, n in postings]
    _, _, whoosh_file = _write_and_read(W3Codec(compression=0), formats.Positions(), whoosh)
    assert [d for d, _, _ in packed] == [d for d, _, _, _ in postings]
    assert packed_file.tell() * 3 < whoosh_file.tell()


def test_skipping_and_listing_land_where_whoosh_does():
    rng = random.Random(7)
    format_, value = VALUES["positions"]
    postings = _postings(1000, rng, "whole", value)
    ids = [d for d, _, _, _ in postings]
    for target in [ids[0], ids[0] - 1, ids[5] + 1, ids[130], ids[128], ids[127] + 1, ids[-1], *rng.sample(ids, 40)]:
        for codec in (PackedCodec(), W3Codec(compression=0)):
            matcher = _written(codec, format_, postings)[0]
            matcher.skip_to(target)
            expected = [d for d in ids if d >= target]
            assert matcher.id() == expected[0]
            assert matcher.weight() == dict((d, w) for d, w, _, _ in postings)[expected[0]]
            assert list(matcher.all_ids()) == expected


def test_skipping_past_the_last_posting_ends_the_list():
    format_, value = VALUES["frequency"]
    postings = _postings(300, random.Random(3), "one", value)
    matcher = _written(PackedCodec(), format_, postings)[0]
    matcher.skip_to(postings[-1][0] + 1)
    assert not matcher.is_active()


@pytest.mark.parametrize("positions", [[0], [3, 4, 9], [0, 300], list(range(0, 200_000, 1_000))])
def test_positions_round_trip(positions):
    packed = PackedPositions(field_boost=2.0)
    value = packed.encode(positions)
    assert packed.decode_positions(value) == positions
    assert packed.decode_frequency(value) == len(positions)
    assert packed.decode_weight(value) == 2.0 * len(positions)
    assert len(value) < len(formats.Positions().encode(positions))


def _index(tmp_path, codec, texts):
    schema = Schema(text=StemmedText(stored=True), tags=KEYWORD(commas=True), key=ID(stored=True))
    tmp_path.mkdir()
    ix = index.create_in(tmp_path, schema)
    for start in range(0, len(texts), 150):  # several segments, merged below: merging reads and writes blocks
        w = ix.writer(codec=codec)
        for i, text in enumerate(texts[start:start + 150], start):
            w.add_document(text=text, tags=f"t{i % 3},all", key=str(i))
        w.commit(merge=False)
    with ix.writer(codec=codec) as w:
        w.delete_by_term("key", "5")
    ix.writer(codec=codec).commit(optimize=True)
    return ix


def test_an_index_of_packed_blocks_answers_as_whoosh_does(tmp_path):
    rng = random.Random(11)
    words = "minister said the talks would resume after the election in spring and summer ports".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randrange(3, 60))) for _ in range(700)]
    packed = _index(tmp_path / "packed", PackedCodec(), texts)
    whoosh = _index(tmp_path / "whoosh", W3Codec(compression=0), texts)
    parser = QueryParser("text", packed.schema)
    queries = [Term("text", "minist"), And([Term("text", "talk"), Term("text", "elect")]),
               Or([Term("text", "spring"), Term("text", "port")]), Phrase("text", ["talk", "would", "resum"]),
               Term("tags", "t1"), parser.parse('"after the election" -summer')]
    with packed.searcher() as ps, whoosh.searcher() as ws:
        for query in queries:
            ours = ps.search(query, limit=None)
            theirs = ws.search(query, limit=None)
            assert len(ours) > 0, query
            assert [(h["key"], round(h.score, 6)) for h in ours] == [(h["key"], round(h.score, 6)) for h in theirs]
            assert sorted(ps.docs_for_query(query)) == sorted(ws.docs_for_query(query))
    assert sum(f.stat().st_size for f in (tmp_path / "packed").iterdir()) < \
        sum(f.stat().st_size for f in (tmp_path / "whoosh").iterdir())
