"""The segment writer of every write (search/index/writing.py): postings gathered term by term
write the segment Whoosh's own writer writes, byte for byte; segments merged in and an older
codec go through it too."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.columns import VarBytesColumn
from whoosh.writing import SegmentWriter

from search.index.postings import PackedCodec, PackedPositions
from search.index.schema import ParagraphSchema, article_documents, vocabulary_document
from search.index.writing import TermPool, TermPoolWriter
from search.model import Article, Paragraph, Speaker

WORDS = ["sanctions", "minister", "said", "talks", "the", "a", "of", "energy", "prices", "rose", "fell",
         "Kyiv", "Moscow", "Brussels", "agreement", "don't", "U.S.", "3.5%", "£40m", "café", "naïve", "x"]
NAMES = ["Helen Marsh", "Sergei Ryabkov", "Ursula von der Leyen", "Olaf Scholz", "Jane O'Neill"]


def _articles(seed: int, count: int) -> list[Article]:
    """Articles whose paragraphs repeat their article's section, authors, site and date (as real ones
    do), with speakers and the spans of their words, some paragraphs without any."""
    rng = random.Random(seed)
    found = []
    for a in range(count):
        paragraphs = []
        for n in range(rng.randint(1, 12)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60)))
            speakers = []
            for name in rng.sample(NAMES, rng.choice([0, 0, 1, 1, 2, 3])):
                start = rng.randrange(len(text))
                speakers.append(Speaker(name, rng.choice([None, "minister"]), rng.choice(["direct", "indirect"]),
                                        spans=((start, rng.randint(start, len(text))),)))
            paragraphs.append(Paragraph(n, text, speakers))
        found.append(Article(id=f"a{seed}-{a}", title=" ".join(rng.sample(WORDS, 4)),
                             section=rng.choice([None, "World", "Business"]),
                             authors=rng.sample(NAMES, rng.randint(0, 2)), published=date(2024, 1, 1 + a % 28),
                             site=rng.choice([None, "bbc.co.uk"]), paragraphs=paragraphs, tags=["t"] * (a % 2)))
    return found


def _documents(seed: int, count: int) -> list[dict]:
    docs = [doc for article in _articles(seed, count) for doc in article_documents(article)]
    return docs + [vocabulary_document({"sanctions", "talks", "kyiv"})]


def _write(folder: Path, kind, docs: list[dict], codec=PackedCodec) -> dict[str, bytes]:
    """One segment of `docs` written by `kind`: its files (not compound, so each can be compared)."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), ParagraphSchema())
    w = kind(ix, codec=codec(), compound=False)
    for doc in docs:
        w.add_document(**doc)
    w.commit(merge=False)
    (segment,) = ix._segments()
    return {name.replace(segment.segment_id(), "SEG"): (folder / name).read_bytes()
            for name in sorted(p.name for p in folder.iterdir()) if segment.segment_id() in name}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_segment_is_the_one_whooshs_writer_writes(tmp_path, seed):
    docs = _documents(seed, 60)
    theirs = _write(tmp_path / "whoosh", SegmentWriter, docs)
    ours = _write(tmp_path / "pool", TermPoolWriter, docs)
    assert ours.keys() == theirs.keys()
    assert {".pst", ".trm"} <= {Path(name).suffix for name in ours}
    for name in theirs:
        assert ours[name] == theirs[name], name


def test_a_common_word_fills_many_blocks_the_same_way(tmp_path):
    """Over 128 postings (Whoosh's block) a term spans blocks; a weight-boosted title field too."""
    articles = [Article(id=f"c{i}", title="energy prices", section="World",
                        paragraphs=[Paragraph(n, f"energy talks {'energy ' * (n % 3)}{i}") for n in range(5)])
                for i in range(120)]
    docs = [doc for article in articles for doc in article_documents(article)]
    assert _write(tmp_path / "pool", TermPoolWriter, docs) == _write(tmp_path / "whoosh", SegmentWriter, docs)


def test_an_older_codec_gets_the_same_postings(tmp_path):
    """A library written before the packed codec: its writer takes postings one at a time. (Its
    blocks are pickles, which differ where a value repeats as one object: compared as read.)"""
    docs = _documents(4, 30)
    written = []
    for kind in (SegmentWriter, TermPoolWriter):
        _write(tmp_path / kind.__name__, kind, docs, W3Codec)
        written.append(_contents(whoosh_index.open_dir(str(tmp_path / kind.__name__)), "text"))
    assert written[0] == written[1]
    assert len(written[0][0]) > 300


def _schema() -> fields.Schema:
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), body=fields.TEXT(stored=True),
                           tag=fields.KEYWORD, row=fields.COLUMN(VarBytesColumn()))
    schema["body"].format = PackedPositions(field_boost=1.0)
    return schema


def _contents(ix, scored: str = "body") -> list:
    """What a search reads: each term's statistics and postings (positions too), stored fields, lengths
    of the `scored` field, rows."""
    with ix.reader() as r:
        terms = [(name, text, r.doc_frequency(name, text), r.frequency(name, text),
                  [(m.id(), m.weight(), m.value()) for m in _walk(r.postings(name, text))])
                 for name, text in r.all_terms()]
        docs = [(repr(sorted(r.stored_fields(d).items())), r.doc_field_length(d, scored), r.column_reader("row")[d])
                for d in r.all_doc_ids()]
    return [terms, sorted(docs)]


def _walk(matcher):
    while matcher.is_active():
        yield matcher
        matcher.next()


@pytest.mark.parametrize("seed", [5, 6])
def test_segments_merged_in_with_new_documents_read_as_whooshs_merge(tmp_path, seed):
    """A commit that merges segments adds their postings, less the deleted documents', after the
    new documents' (an article added to a library whose small segments Whoosh merges)."""
    rng = random.Random(seed)
    docs = [{"id": str(i), "body": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30))),
             "tag": rng.choice(["x", "y"]), "row": bytes([i % 256])} for i in range(600)]
    indexes = {}
    for kind in (SegmentWriter, TermPoolWriter):
        folder = tmp_path / kind.__name__
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), _schema())
        for part in range(3):
            w = kind(ix, codec=PackedCodec())
            for doc in docs[part * 150:(part + 1) * 150]:
                w.add_document(**doc)
            w.commit(merge=False)
        w = kind(ix, codec=PackedCodec())
        w.delete_by_term("id", "7")
        for doc in docs[450:]:
            w.add_document(**doc)
        w.commit(optimize=True)  # every segment merged into the new one
        indexes[kind] = whoosh_index.open_dir(str(folder))
    theirs, ours = (_contents(ix) for ix in indexes.values())
    assert len(indexes[TermPoolWriter]._segments()) == 1
    assert ours == theirs
    assert len(ours[1]) == 599
    assert any(len(postings) > 128 for *_, postings in ours[0])  # terms over several blocks


def test_a_posting_out_of_order_is_refused():
    """Postings are written as they came, unsorted: a document out of order would corrupt the list."""
    pool = TermPool()
    pool.add(("body", b"talks", 5, 1.0, b""))
    with pytest.raises(ValueError, match="talks"):
        pool.add(("body", b"talks", 3, 1.0, b""))
