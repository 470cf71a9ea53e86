"""The library on disk: adding keeps the original bytes, bad input stores nothing, one article per content."""
from __future__ import annotations

import pytest

from search.errors import IngestError, LibraryError
from search.ingest import parse
from search.library import Library, default_home
from search.request import SearchRequest

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def snapshot(home):
    return sorted((p.name, p.read_bytes()) for p in (home / "sources").iterdir())


def test_article_page_comes_back_from_the_index_alone(library, fixture_paths):
    path = fixture_paths[0]
    parsed = parse(path.read_bytes(), filename=path.name)
    stored = library.article(parsed.id)
    assert stored is not None
    for name in ("id", "title", "standfirst", "section", "authors", "published", "site"):
        assert getattr(stored, name) == getattr(parsed, name), name
    assert [(p.n, p.text, p.speakers) for p in stored.paragraphs] == [
        (p.n, p.text, p.speakers) for p in parsed.paragraphs
    ]
    assert stored.source_name and (library.home / "sources" / stored.source_name).exists()


def test_unknown_article_is_none(library):
    assert library.article("2022-01-01-no-such-article-000000") is None


def test_add_saves_the_original_bytes_and_the_url(empty_home, fixture_paths):
    lib = Library(empty_home)
    raw = fixture_paths[1].read_bytes()
    article = lib.add(raw, fixture_paths[1].name, url="https://example.org/news/budget")
    saved = empty_home / "sources" / article.source_name
    assert saved.read_bytes() == raw
    assert lib.article(article.id).url == "https://example.org/news/budget"
    assert lib.search(SearchRequest(q="budget")).total > 0


@pytest.mark.parametrize("data,name", [(b"", "empty.txt"), (b"   \n\n  ", "blank.txt"), (PNG, "photo.png")])
def test_bad_input_stores_nothing(library, library_home, data, name):
    before_sources = snapshot(library_home)
    before = library.paragraph_count()
    with pytest.raises(IngestError) as err:
        library.add(data, name)
    assert name in str(err.value)
    assert snapshot(library_home) == before_sources
    assert library.paragraph_count() == before


def test_the_same_article_twice_is_one_article(library, fixture_paths):
    raw = fixture_paths[2].read_bytes()
    articles, paragraphs = library.article_count(), library.paragraph_count()
    again = library.add(raw, "copy.txt")
    edited = library.add(raw.replace(b"\n\n", b"\n\n\n", 1) + b"\n", "edited-copy.txt")  # other bytes, same article
    assert again.id == edited.id
    assert library.article_count() == articles
    assert library.paragraph_count() == paragraphs
    results = library.search(SearchRequest(q=f'title:"{again.title}"', view="flat", size=100))
    assert sorted(h.paragraph for h in results.hits) == [p.n for p in again.paragraphs]


def test_add_many_reports_each_bad_file_and_adds_the_rest(empty_home, fixture_paths, tmp_path):
    bad = tmp_path / "image.png"
    bad.write_bytes(PNG)
    missing = tmp_path / "missing.txt"
    lib = Library(empty_home)
    outcomes = dict(lib.add_many([fixture_paths[0], bad, missing, fixture_paths[3]], progress=False))
    assert isinstance(outcomes[bad], IngestError) and "image.png" in str(outcomes[bad])
    assert isinstance(outcomes[missing], IngestError) and "missing.txt" in str(outcomes[missing])
    assert lib.article_count() == 2


def test_a_locked_index_gives_a_clear_error_and_keeps_the_source(library, library_home, fixture_paths, monkeypatch):
    import search.index.store as store

    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    text = fixture_paths[4].read_bytes().replace(b"Otters return", b"Beavers return")
    with library.store.write_lock(library.store.ensure()):
        with pytest.raises(LibraryError, match="busy"):
            library.add(text, "beavers.txt")
    assert any(name.endswith("beavers.txt") for name, _ in snapshot(library_home))
    library.add(text, "beavers.txt")  # the lock is free again: the writer released it
    assert library.search(SearchRequest(q="title:beavers")).total > 0


def test_a_second_library_object_sees_new_articles(library_home, fixture_paths, monkeypatch):
    import search.index.store as store

    monkeypatch.setattr(store, "CHECK_INTERVAL", 0.0)
    reader, writer = Library(library_home), Library(library_home)
    assert reader.search(SearchRequest(q="beavers")).total == 0
    writer.add(fixture_paths[4].read_bytes().replace(b"Otters", b"Beavers"), "beavers.txt")
    assert reader.search(SearchRequest(q="beavers")).total > 0


def test_home_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CUTTINGS_HOME", str(tmp_path / "elsewhere"))
    assert default_home() == tmp_path / "elsewhere"
    assert Library().home == tmp_path / "elsewhere"
    monkeypatch.delenv("CUTTINGS_HOME")
    assert default_home().name == "index"


def test_searches_from_many_threads_while_adding(library, fixture_paths, monkeypatch):
    import threading

    import search.index.store as store

    monkeypatch.setattr(store, "CHECK_INTERVAL", 0.0)
    errors: list[BaseException] = []
    totals: list[int] = []
    base = library.search(SearchRequest(q="bridge")).total

    def searching() -> None:
        try:
            for _ in range(15):
                totals.append(library.search(SearchRequest(q="bridge", include={"section": ("Business",)})).total)
                library.article(library.search(SearchRequest(q="bridge")).hits[0].article_id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def adding() -> None:
        try:
            for n in range(3):
                raw = fixture_paths[0].read_bytes().replace(b"Bridge repairs", f"Bridge works {n}".encode())
                library.add(raw, f"copy-{n}.txt")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=searching) for _ in range(4)] + [threading.Thread(target=adding)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(totals) == 60 and all(t > 0 for t in totals)
    assert library.search(SearchRequest(q="bridge")).total > base


def test_hit_refs_follow_the_index_after_an_add(library, fixture_paths):
    r = SearchRequest(q="otters", view="flat")
    before = library.hit_refs(r)
    assert before == library.hit_refs(r.with_page(3))  # paging does not change the list
    added = library.add(fixture_paths[4].read_bytes().replace(b"Otters", b"Beavers otters"), "beavers.txt")
    after = library.hit_refs(r)
    assert {a for a, _ in after} - {a for a, _ in before} == {added.id}
    assert len(after) == library.search(r).total


def test_a_search_never_waits_forever_on_a_stuck_thread(library, monkeypatch):
    import threading

    import search.index.store as store

    monkeypatch.setattr(store, "READ_TIMEOUT", 0.2)
    monkeypatch.setattr(store, "CHECK_INTERVAL", 0.0)
    holding, release = threading.Event(), threading.Event()
    outcome: list[str] = []

    def stuck() -> None:  # a request stuck while refreshing the searcher
        with library.store._lock:
            holding.set()
            release.wait(60)

    def searching() -> None:
        try:
            library.search(SearchRequest(q="otters"))
            outcome.append("answered")
        except LibraryError as exc:
            outcome.append(str(exc))

    holder = threading.Thread(target=stuck)
    holder.start()
    assert holding.wait(60)
    searcher = threading.Thread(target=searching, daemon=True)
    searcher.start()
    searcher.join(20)
    release.set()
    holder.join(60)
    assert outcome and "busy" in outcome[0] and "try again" in outcome[0]
    assert library.search(SearchRequest(q="otters")).total > 0  # and all is well once it is free


def test_creating_the_first_index_waits_a_bounded_time_for_another_process(empty_home, monkeypatch):
    import search.index.store as store
    from search.index.locks import process_lock

    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    lib = Library(empty_home)
    with process_lock(empty_home / "whoosh" / store.GENERATIONS_LOCK, "test"):  # another process creating it
        with pytest.raises(LibraryError, match="locked by another process"):
            lib.search(SearchRequest())
    assert lib.search(SearchRequest()).total == 0
    assert [p.name for p in (empty_home / "whoosh").iterdir() if p.name.startswith("gen-")] == ["gen-0001"]


def test_adding_one_article_reads_and_counts_only_its_new_segment(library, fixture_paths, monkeypatch):
    import search.index.table as table

    library.search(SearchRequest())  # rows, counts and orders of the existing segments are cached
    rows_read: list[int] = []
    counted: list[int] = []
    read_rows, counts = table.read_rows, table.SegmentRows.counts

    def spy_read(reader):
        rows = read_rows(reader)
        rows_read.append(len(rows))
        return rows

    def spy_counts(seg, column):
        if column.name not in seg._counts:
            counted.append(len(seg.rows))
        return counts(seg, column)

    monkeypatch.setattr(table, "read_rows", spy_read)
    monkeypatch.setattr(table.SegmentRows, "counts", spy_counts)
    added = library.add(fixture_paths[4].read_bytes().replace(b"Otters", b"Beavers"), "beavers.txt")
    results = library.search(SearchRequest())
    assert results.total == library.paragraph_count()
    assert rows_read and sum(rows_read) < library.paragraph_count()  # not the whole library again
    assert counted and max(counted) <= max(rows_read)
    assert len(added.paragraphs) <= sum(rows_read)


def test_an_article_knows_when_its_cutting_was_added_and_a_reindex_keeps_it(empty_home, fixture_paths):
    import json
    import os
    from datetime import datetime, timezone

    lib = Library(empty_home)
    article = lib.add(fixture_paths[0].read_bytes(), fixture_paths[0].name)
    sidecar = empty_home / "sources" / (article.source_name + ".meta.json")
    added = datetime.fromisoformat(json.loads(sidecar.read_text())["added"])
    assert lib.article(article.id).added == added
    dropped = empty_home / "sources" / "dropped-by-hand.txt"  # no sidecar: the file's own time
    dropped.write_bytes(fixture_paths[1].read_bytes())
    os.utime(dropped, (1_700_000_000, 1_700_000_000))
    lib.reindex(progress=False)
    assert lib.article(article.id).added == added
    by_hand = lib.article(parse(dropped.read_bytes(), filename=dropped.name).id)
    assert by_hand.added == datetime.fromtimestamp(1_700_000_000, timezone.utc)


def test_threads_searching_at_once_get_the_answers_one_thread_gets(library):
    from concurrent.futures import ThreadPoolExecutor

    queries = ["otters", "bridge", "council budget", '"tidal barrier"', "penalties", "school meals", "tolls", "river"]
    requests = [SearchRequest(q=q, view="flat", size=50) for q in queries] * 6

    def answer(req):
        results = library.search(req)
        return results.total, [(h.article_id, h.paragraph, h.snippet_html) for h in results.hits]

    alone = [answer(r) for r in requests]
    library.store.close()  # a fresh searcher, opened by whichever thread comes first
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(answer, requests))
    assert together == alone
    assert any(total for total, _ in alone)


def test_a_table_the_warm_up_froze_is_still_freed_when_an_add_replaces_it(library_home, fixture_paths):
    """The server's warm-up tells the cycle collector to leave the table alone (gc.freeze): that is
    only safe while the table holds no reference cycles, so that reference counting frees it."""
    import subprocess
    import sys
    from pathlib import Path

    added = fixture_paths[4].read_bytes().replace(b"Otters", b"Beavers")
    probe = f"""
import gc, weakref
from search.library import Library
from search.request import SearchRequest
lib = Library({str(library_home)!r}, watch=True)
lib._warming.join()
frozen = gc.get_freeze_count()
gc.disable()
old = weakref.ref(lib._searcher_and_table()[1])
lib.add({added!r}, "beavers.txt")
total = lib.search(SearchRequest()).total
print(frozen > 0, old() is None, total == lib.paragraph_count())
"""
    out = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).resolve().parents[1], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["True", "True", "True"]


def test_the_warm_up_waits_while_a_search_runs(library):
    """The server's warm-up shares the interpreter with the first searches: each of its steps
    starts only once no search is running, so a user searching at once is not slowed by it."""
    import threading

    stepped = threading.Event()
    warm_step = threading.Thread(target=lambda: (library._give_way(), stepped.set()))
    with library._running_search():
        warm_step.start()
        assert not stepped.wait(0.3)
    assert stepped.wait(5)
