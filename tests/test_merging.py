"""Segments joined by concatenating their posting lists: the same index Whoosh's own merge makes,
and a reindex in batches that ends in one segment answering as the batches did."""
from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import OPTIMIZE

import search.index.store
from search.index.merging import JoinSegments, release_pages, worth_joining
from search.index.postings import PackedCodec, PackedPositions
from search.index.rows import ROWS_FILE, decode_rows, index_folder, read_rows, segment_of
from search.library import Library
from search.request import SearchRequest

WORDS = [f"w{i}" for i in range(300)]


def _schema() -> fields.Schema:
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(stored=True), tag=fields.KEYWORD)
    schema["body"].format = PackedPositions(field_boost=1.0)
    return schema


def _index(folder, seed: int, *, deletions: bool, codecs=(PackedCodec,)):
    """Four segments of random documents: common words (many blocks), rare ones (a posting,
    inlined in the term info), tags; one segment of a single document (every term inlined).
    Then, with `deletions`, a fifth of the first half of the documents deleted: the segments
    with deletions and those without meet in the same terms."""
    rng = random.Random(seed)
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), _schema())
    n = 0
    single = rng.randrange(4)
    for batch in range(4):
        w = ix.writer(codec=codecs[batch % len(codecs)]())
        for _ in range(1 if batch == single else rng.randint(2, 400)):
            vocabulary = WORDS[:rng.choice([5, 50, 300])]
            body = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
            w.add_document(id=str(n), body=body, tag=rng.choice("abc"))
            n += 1
        w.commit(merge=False)
    if deletions:
        w = ix.writer(codec=PackedCodec())
        for i in rng.sample(range(n // 2), n // 10):
            w.delete_by_term("id", str(i))
        w.delete_by_term("body", "w299")  # every posting of a rare word: the term must go too
        w.commit(merge=False)
    return ix


def _contents(ix) -> list:
    """Everything a search could read: each term's statistics and postings, stored fields, lengths."""
    with ix.reader() as r:
        assert len(r.leaf_readers()) == 1
        terms = []
        for fieldname, text in r.all_terms():
            info, m = r.term_info(fieldname, text), r.postings(fieldname, text)
            postings = list(m.items_as("positions") if fieldname == "body" else m.all_items())
            terms.append((fieldname, text, info.weight(), info.doc_frequency(), info.min_length(),
                          info.max_length(), info.max_weight(), info.min_id(), info.max_id(), postings))
        docs = range(r.doc_count_all())
        return [terms, [r.stored_fields(d) for d in docs], [r.doc_field_length(d, "body") for d in docs],
                r.field_length("body"), r.doc_count()]


def _merged(folder, seed: int, policy, **kwargs):
    ix = _index(folder, seed, **kwargs)
    w = ix.writer(codec=PackedCodec())
    w.mergetype = policy
    w.commit()
    return ix


@pytest.mark.parametrize("deletions", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_joined_segments_hold_what_whooshs_own_merge_writes(tmp_path, seed, deletions):
    joined = _merged(tmp_path / "joined", seed, JoinSegments(), deletions=deletions)
    whooshs = _merged(tmp_path / "whoosh", seed, OPTIMIZE, deletions=deletions)
    assert _contents(joined) == _contents(whooshs)


def test_blocks_are_copied_with_their_ids_shifted(tmp_path):
    """A common word's postings span every segment: each block keeps its postings, ids moved on."""
    ix = _merged(tmp_path / "joined", 3, JoinSegments(), deletions=False)
    with ix.reader() as r:
        everywhere = max(r.all_terms(), key=lambda t: r.doc_frequency(*t))
        ids = list(r.postings(*everywhere).all_ids())
        assert len(ids) == r.doc_frequency(*everywhere) > 128
        assert ids == sorted(set(ids)) and ids[-1] < r.doc_count_all()
        for docnum in ids[::37]:
            assert everywhere[1].decode() in r.stored_fields(docnum)["body"].split()


def test_segments_of_another_codec_are_merged_by_whooshs_own_way(tmp_path):
    mixed = _merged(tmp_path / "mixed", 1, JoinSegments(), deletions=True, codecs=(PackedCodec, W3Codec))
    whooshs = _merged(tmp_path / "whoosh", 1, OPTIMIZE, deletions=True, codecs=(PackedCodec, W3Codec))
    assert _contents(mixed) == _contents(whooshs)


def test_segments_are_joined_unless_all_but_one_are_stragglers():
    assert worth_joining([20_000] * 10) and worth_joining([20_000, 20_000, 10_000])
    assert worth_joining([20_000, 2_000]) and worth_joining([4, 20_000, 1_996])
    assert not worth_joining([20_000, 4]) and not worth_joining([20_000, 1_000, 999])
    assert not worth_joining([20_000]) and not worth_joining([])


QUERIES = ["talks", "minister said", '"prime minister"', "title:budget", "said:sanctions", "speaker:blair",
           "economy OR growth", "government -election"]


def _answers(lib: Library) -> list:
    found = []
    for q in QUERIES:
        results = lib.search(SearchRequest(q=q, view="flat", size=50))
        found.append((q, results.total, [(h.article_id, h.paragraph, round(h.score or 0, 6)) for h in results.hits],
                      {name: [(v.value, v.count) for v in facet.values] for name, facet in results.facets.items()}))
    return found


def _segments(lib: Library) -> int:
    with lib.store.open().reader() as reader:
        return len(reader.leaf_readers())


def test_a_reindex_in_batches_ends_in_one_segment_that_answers_as_one_batch(library, monkeypatch):
    library.reindex(progress=False, full=True)
    in_one = _answers(library)
    assert "joined" not in library.last_reindex.summary()  # one batch: nothing to join
    monkeypatch.setattr(search.index.store, "BATCH_PARAGRAPHS", 7)
    library.reindex(progress=False, full=True)
    assert "joined the segments in" in library.last_reindex.summary()
    assert _segments(library) == 1
    assert _answers(library) == in_one
    assert sum(total for _q, total, _hits, _facets in in_one) > 0
    with library.store.open().reader() as leaf:  # its rows file, joined from the batches', is its column's
        path = Path(index_folder(leaf)) / segment_of(leaf).make_filename(ROWS_FILE)
        assert path.exists()
        assert read_rows(leaf) == decode_rows(leaf.column_reader("row")[d] for d in range(leaf.doc_count_all()))


def test_an_article_copied_into_a_later_batch_is_joined_once(library, library_home, monkeypatch):
    """A later copy of an article wins, so its first copy is deleted from an earlier batch:
    that batch's postings and rows go document by document into the joined segment."""
    in_one = _answers(library)
    first = sorted((library_home / "sources").glob("*.txt"))[0]
    copy = library_home / "sources" / "zz-a-later-copy.txt"
    copy.write_bytes(first.read_bytes())
    monkeypatch.setattr(search.index.store, "BATCH_PARAGRAPHS", 7)
    library.reindex(progress=False, full=True)
    assert _segments(library) == 1
    assert _answers(library) == in_one
    with library.store.open().reader() as leaf:
        assert not leaf.has_deletions()  # the first copy's documents are left behind
        assert read_rows(leaf) == decode_rows(leaf.column_reader("row")[d] for d in range(leaf.doc_count_all()))


def test_a_join_that_fails_leaves_the_batches_serving(library, monkeypatch, caplog):
    before = _answers(library)

    def failing(writer, segments):
        raise OSError("No space left on device")

    monkeypatch.setattr(search.index.store, "BATCH_PARAGRAPHS", 7)
    monkeypatch.setattr(search.index.store, "JoinSegments", lambda: failing)
    with caplog.at_level(logging.WARNING):
        library.reindex(progress=False, full=True)
    assert "could not join the segments" in caplog.text
    assert "joined" not in library.last_reindex.summary()
    assert _segments(library) > 1
    assert _answers(library) == before



def _mapped_kb() -> int:
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("RssFile:"))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the process's mapped memory from /proc")
def test_a_segment_read_for_the_join_does_not_stay_mapped(tmp_path):
    """The join reads every segment once: pages left mapped would add up to the whole index."""
    folder = tmp_path / "index"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), _schema())
    rng = random.Random(5)
    with ix.writer(codec=PackedCodec()) as w:
        for n in range(1500):
            w.add_document(id=str(n), body=" ".join(rng.choice(WORDS) for _ in range(300)), tag="a")
    with ix.reader() as reader:
        before = _mapped_kb()
        for docnum in range(reader.doc_count_all()):
            reader.stored_fields(docnum)
        read = _mapped_kb() - before
        release_pages(reader)
        assert read > 800  # kB: the stored documents were read through the map
        assert _mapped_kb() - before < read / 4
