"""The decoded facet rows kept beside each index segment: read back as decoded, never trusted blindly."""
from __future__ import annotations

import pytest

import search.index.rows as rows_module
from search.index.rows import decode_rows, read_rows
from search.library import Library
from search.request import SearchRequest


def rows_files(home):
    return sorted(home.glob("whoosh/gen-*/*.rows"))


def facets(lib):
    results = lib.search(SearchRequest(sort="newest", size=8))
    return results.total, [(f.name, [(v.value, v.count) for v in f.values]) for f in results.facets.values()]


@pytest.fixture
def decoded(monkeypatch):
    """How many times a process decoded a segment's row column."""
    calls: list[int] = []

    def counting(raws):
        found = decode_rows(raws)
        calls.append(len(found))
        return found

    monkeypatch.setattr(rows_module, "decode_rows", counting)
    return calls


def test_every_segment_the_writer_commits_has_its_rows_file_and_they_match_the_column(library):
    searcher = library.store.searcher()
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    assert len(rows_files(library.home)) == len(leaves) > 0
    for leaf in leaves:
        column = leaf.column_reader("row")
        assert read_rows(leaf) == decode_rows(column[i] for i in range(leaf.doc_count_all()))


def test_a_server_started_on_a_written_library_reads_the_rows_files_not_the_column(library_home, decoded):
    before = facets(Library(library_home, watch=False))
    assert decoded == []
    assert before[0] > 0 and any(values for _name, values in before[1])


@pytest.mark.parametrize("damage", [b"", b"cuttings rows 0 stale\n\x00\x01", b"garbage" * 40, "truncated"])
def test_a_damaged_or_stale_rows_file_is_ignored_and_written_again(library_home, decoded, damage):
    expected = facets(Library(library_home, watch=False))
    for path in rows_files(library_home):
        path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2] if damage == "truncated" else damage)
    assert facets(Library(library_home, watch=False)) == expected  # decoded from the column instead
    assert decoded  # ... and saved again for the next start
    decoded.clear()
    assert facets(Library(library_home, watch=False)) == expected and decoded == []


def test_rows_files_go_with_their_segments(empty_home, fixture_paths):
    lib = Library(empty_home)
    for path in fixture_paths[:4]:
        lib.add(path.read_bytes(), path.name)
    lib.reindex(progress=False, full=True)
    lib.add(fixture_paths[4].read_bytes(), fixture_paths[4].name)
    segments = {p.name.split(".")[0] for p in empty_home.glob("whoosh/gen-*/*.seg")}
    assert {p.name.split(".")[0] for p in rows_files(empty_home)} == segments


def test_a_library_whose_index_folder_cannot_be_written_still_answers(library_home, decoded, monkeypatch):
    expected = facets(Library(library_home, watch=False))
    for path in rows_files(library_home):
        path.unlink()

    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(rows_module.os, "replace", refuse)
    assert facets(Library(library_home, watch=False)) == expected
    assert rows_files(library_home) == [] and not list(library_home.glob("whoosh/gen-*/.*.tmp-*"))


def test_an_article_s_values_are_held_once_for_all_its_paragraphs(library):
    """What grows with the library is a few bytes per paragraph: an article's section,
    authors, day and title are one row that each of its paragraphs points to."""
    searcher = library.store.searcher()
    table = library._tables.table(searcher)
    by_article: dict[str, set[int]] = {}
    for d in table.live:
        by_article.setdefault(table.articles[d].article_id, set()).add(id(table.articles[d]))
    assert len(by_article) == library.article_count()
    assert all(len(ids) == 1 for ids in by_article.values())
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    assert sum(len(read_rows(leaf).articles) for leaf in leaves) == library.article_count()
