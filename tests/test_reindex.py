"""Reindex: rebuilt from sources/ alone, same ids and URLs, swapped in atomically, crash-safe."""
from __future__ import annotations

import copy

import pytest
from whoosh import formats
from whoosh.codec.whoosh3 import W3Codec

import search.index.store
import search.library
from search.errors import StorageError
from search.index.postings import PackedCodec
from search.index.schema import ParagraphSchema
from search.library import Library
from search.request import SearchRequest

EVERYTHING = SearchRequest(view="flat", size=100, sort="oldest")


def paragraphs(lib: Library) -> list[tuple[str, int, str]]:
    return sorted((h.article_id, h.paragraph, h.text) for h in lib.iter_hits(EVERYTHING))


@pytest.mark.parametrize("full", [True, False])
def test_reindex_keeps_every_id_and_paragraph_url(library, full):
    before = paragraphs(library)
    articles = {a: library.article(a) for a, _, _ in before}
    assert library.reindex(progress=False, full=full) == len(articles)
    assert paragraphs(library) == before
    for article_id, article in articles.items():
        again = library.article(article_id)
        assert (again.title, again.published, again.authors, again.url) == (
            article.title,
            article.published,
            article.authors,
            article.url,
        )


def _schema_as_written_before() -> ParagraphSchema:
    """The schema with Whoosh's own positions format (a 4-byte count and a pickle per posting)."""
    schema = copy.deepcopy(ParagraphSchema())
    for name in ("text", "title", "said", "speaker"):
        schema[name].format = formats.Positions(field_boost=schema[name].format.field_boost)
    return schema


def test_an_index_written_by_earlier_versions_reads_and_grows_beside_new_segments(library, fixture_paths, tmp_path,
                                                                                   monkeypatch):
    """Whoosh's compressed blocks and pickled positions, as written before the packed codec, then
    articles added by this version into the same index (its merges read the old blocks and write
    them packed, the positions as the index's schema has them): searches and phrases find the same."""
    mixed = Library(tmp_path / "mixed")
    half = len(fixture_paths) // 2
    with monkeypatch.context() as earlier:
        earlier.setattr(search.index.store, "CODEC", W3Codec(compression=3))  # whoosh's default, as written before
        earlier.setattr(search.index.store, "ParagraphSchema", _schema_as_written_before)
        for path in fixture_paths[:half]:
            mixed.add(path.read_bytes(), path.name)
    for path in fixture_paths[half:]:
        mixed.add(path.read_bytes(), path.name)
    assert paragraphs(mixed) == paragraphs(library)
    for q in ("minister", "said", "bank OR market", '"the minister"', '"prime minister"', 'title:"harbour"'):
        req = SearchRequest(q=q, view="flat", size=100)
        found = [(h.article_id, h.paragraph) for h in mixed.search(req).hits]
        assert found == [(h.article_id, h.paragraph) for h in library.search(req).hits], q
    assert mixed.search(SearchRequest(q='"the minister"', view="flat")).hits
    reader = mixed.store.searcher().reader()
    assert type(reader.schema["text"].format) is formats.Positions  # kept by the index, as written then
    assert PackedCodec in {type(leaf.segment().codec()) for leaf, _ in reader.leaf_readers()}  # merges rewrote it
    mixed.close()


def test_reindex_rebuilds_from_sources_alone(library, library_home):
    before = paragraphs(library)
    for gen in (library_home / "whoosh").iterdir():
        if gen.is_dir():
            for f in gen.iterdir():
                f.unlink()  # the index is damaged beyond use; sources/ is the truth
    fresh = Library(library_home)
    (library_home / "whoosh" / "current").unlink()
    fresh.reindex(progress=False)
    assert paragraphs(fresh) == before


def test_a_crashed_reindex_leaves_the_old_index_serving(library, library_home, monkeypatch):
    before = paragraphs(library)
    served = library.store.current_generation()
    calls = {"n": 0}
    real = search.index.store.article_documents

    def failing(article, sources=None, **details):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full (simulated)")
        return real(article, sources, **details)

    monkeypatch.setattr(search.index.store, "article_documents", failing)
    with pytest.raises(StorageError, match="The reindex stopped: disk full"):  # said in words, not raw
        library.reindex(progress=False, full=True)
    assert library.store.current_generation() == served
    assert paragraphs(Library(library_home)) == before
    assert [p.name for p in (library_home / "whoosh").iterdir() if p.is_dir()] == [served]
    monkeypatch.setattr(search.index.store, "article_documents", real)
    library.add(
        b"Science\n\nMoths counted\n\nBy Ann Lee\n\nJune 2, 2022\n\n"
        + b"Volunteers counted moths along the river for a whole night in June and found more species than ever. " * 2,
        "moths.txt",
    )
    assert library.search(SearchRequest(q="moths")).total > 0  # no lock left behind


def test_searches_keep_working_and_late_additions_survive_the_swap(library, library_home, fixture_paths, monkeypatch):
    import search.index.store as store

    monkeypatch.setattr(store, "CHECK_INTERVAL", 0.0)
    web = Library(library_home)  # another user of the same library, e.g. the web app
    before = web.search(SearchRequest(q="otters")).total
    real_parse = search.library.parse_source
    seen = {"during": None, "added": None}

    def parse_and_meanwhile_use_the_site(source):
        if seen["added"] is None:
            seen["during"] = web.search(SearchRequest(q="otters")).total
            text = fixture_paths[4].read_bytes().replace(b"Otters", b"Beavers")
            seen["added"] = web.add(text, "beavers.txt")  # written to the old index, and to sources/
        return real_parse(source)

    monkeypatch.setattr(search.library, "parse_source", parse_and_meanwhile_use_the_site)
    library.reindex(progress=False, full=True)
    assert seen["during"] == before > 0
    assert web.article(seen["added"].id) is not None  # the late article made it into the new index
    assert web.search(SearchRequest(q="beavers")).total > 0


def test_a_source_that_no_longer_parses_is_named_and_skipped(library, library_home):
    articles = library.article_count()
    (library_home / "sources" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert library.reindex(progress=False) == articles
    assert [name for name, _ in library.reindex_failures] == ["broken.png"]
    assert library.article_count() == articles


@pytest.mark.parametrize("bulk", [False, True])
def test_a_later_copy_of_an_article_in_one_write_replaces_the_first(library, bulk):
    """Two copies of an article in one write (two sources of it): the index keeps the later one only."""
    from dataclasses import replace

    from search.model import Paragraph

    first_id, second_id = sorted({a for a, _, _ in paragraphs(library)})[:2]
    article, other = library.article(first_id), library.article(second_id)
    early = replace(article, paragraphs=[Paragraph(0, "The early copy speaks of kingfishers on the weir.")])
    late = replace(article, paragraphs=[Paragraph(0, "The late copy speaks of herons by the sluice gate."),
                                        Paragraph(1, "Its second paragraph names the lock keeper.")])
    assert library.store.write_articles([early, other, late], bulk=bulk) == 3
    assert [p.text for p in library.article(first_id).paragraphs] == [p.text for p in late.paragraphs]
    assert library.search(SearchRequest(q="kingfishers")).total == 0
    assert library.search(SearchRequest(q="herons sluice")).total == 1
    assert library.article(second_id) is not None
