"""Incremental reindex: only the sources added, edited or removed are parsed; the result equals a full rebuild."""
from __future__ import annotations

import shutil

import pytest

import search.index.build
import search.index.rebuild
import search.library
from search.library import Library
from search.request import SearchRequest

EVERYTHING = SearchRequest(view="flat", size=100, sort="oldest")


def state(lib: Library) -> list[tuple]:
    return sorted((h.article_id, h.paragraph, h.text, h.title, tuple(s.name for s in h.speakers))
                  for h in lib.iter_hits(EVERYTHING))


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the sources each reindex parses."""
    names: list[str] = []
    real = search.library.parse_source

    def counting(source):
        names.append(source.name)
        return real(source)

    monkeypatch.setattr(search.library, "parse_source", counting)
    return names


def test_an_unchanged_library_parses_nothing(library, parsed):
    before = state(library)
    library.reindex(progress=False)
    assert parsed == []
    assert library.last_reindex.kind == "incremental" and "nothing changed" in library.last_reindex.summary()
    assert state(library) == before


def test_added_edited_and_removed_sources_are_applied_alone(library, library_home, fixture_paths, parsed):
    sources = library_home / "sources"
    otters = next(p for p in sources.iterdir() if "otters" in p.name and not p.name.endswith(".json"))
    budget = next(p for p in sources.iterdir() if "budget" in p.name and not p.name.endswith(".json"))
    removed_id = library.search(SearchRequest(q="budget", view="flat")).hits[0].article_id
    otters.write_bytes(otters.read_bytes().replace(b"Otters are breeding", b"Otters and kingfishers are breeding"))
    budget.unlink()
    (sources / "late-note.txt").write_text("Science\n\nHerons nest beside the harbour again\n\nMarch 2, 2022\n\n"
                                           "Herons have returned to nest beside the harbour, wardens said.\n")
    library.reindex(progress=False)
    assert sorted(parsed) == sorted(["late-note.txt", otters.name])
    assert library.search(SearchRequest(q="kingfishers")).total == 1
    assert library.search(SearchRequest(q="herons")).total > 0
    assert library.article(removed_id) is None
    incremental = state(library)
    library.reindex(progress=False, full=True)
    assert state(library) == incremental  # the same library a full rebuild gives


def test_a_new_parser_rebuilds_everything(library, parsed, monkeypatch):
    before = state(library)
    monkeypatch.setattr(search.index.build, "parser_version", lambda: "a-newer-parser")
    monkeypatch.setattr(search.index.rebuild, "parser_version", lambda: "a-newer-parser")
    library.reindex(progress=False)
    assert library.last_reindex.kind == "full" and len(parsed) == 7
    assert state(library) == before
    parsed.clear()
    library.reindex(progress=False)
    assert parsed == []


def test_a_source_that_fails_is_not_parsed_again_until_it_changes(library, library_home, parsed):
    broken = library_home / "sources" / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    library.reindex(progress=False)
    assert parsed == ["broken.png"] and [n for n, _ in library.reindex_failures] == ["broken.png"]
    parsed.clear()
    library.reindex(progress=False)
    assert parsed == []
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))
    library.reindex(progress=False)
    assert parsed == ["broken.png"]


def test_a_source_saved_but_never_indexed_is_indexed_when_the_library_opens(library_home):
    sources = library_home / "sources"
    (sources / "saved-before-a-crash.txt").write_text(
        "Science\n\nCranes return to the marsh\n\nMarch 3, 2022\n\nCranes were seen on the marsh, wardens said.\n")
    lib = Library(library_home, watch=True)
    lib._catch_up.stop()  # the background catch-up started at open: wait for it
    assert lib.search(SearchRequest(q="cranes")).total == 1


def test_a_deleted_index_fills_again_while_searches_go_on(library_home):
    lib = Library(library_home, watch=True)
    lib._catch_up.stop()
    before = state(lib)
    shutil.rmtree(library_home / "whoosh")
    lib.store._version += 1  # as if CHECK_INTERVAL had passed
    lib.search(SearchRequest(q="otters"))  # notices the new, empty generation
    lib._catch_up.stop()
    assert state(lib) == before


def test_a_tag_or_correction_does_not_make_the_next_reindex_parse_its_article(library, parsed):
    hit = library.search(SearchRequest(q="otters", view="flat")).hits[0]
    library.curation.tag([hit.article_id], add=["wildlife"])
    parsed.clear()  # what the tag itself parsed
    library.reindex(progress=False)
    assert parsed == []
    assert library.article(hit.article_id).tags == ["wildlife"]


@pytest.mark.parametrize("finds_work", [False, True])
def test_searches_say_the_library_is_filling_only_while_it_indexes_something(library_home, monkeypatch, finds_work):
    import threading

    import search.index.catch_up as catch_up

    checking, done = threading.Event(), threading.Event()

    def slow_check(*_args, working, **_kwargs):
        if finds_work:
            working()
        checking.set()
        done.wait(10)
        return search.index.rebuild.RebuildReport(kind=search.index.rebuild.INCREMENTAL)

    monkeypatch.setattr(catch_up, "rebuild", slow_check)
    lib = Library(library_home, watch=True)
    assert checking.wait(10)
    notes = lib.search(SearchRequest(q="otters")).notes
    done.set()
    lib._catch_up.stop()
    assert (catch_up.FILLING_NOTE in notes) is finds_work
    assert catch_up.FILLING_NOTE not in lib.search(SearchRequest(q="otters")).notes


def test_an_article_added_while_an_incremental_reindex_parses_does_not_wait(library, library_home, fixture_paths,
                                                                            monkeypatch):
    """The served index's lock is taken once a batch is parsed, not while it is: an article added
    meanwhile (here, from within the parse) gets it at once."""
    import search.index.store

    sources = library_home / "sources"
    for path in sources.iterdir():
        if path.suffix == ".txt":
            path.write_bytes(path.read_bytes() + b"\n\nA line added to every story.\n")
    monkeypatch.setattr(search.index.store, "LOCK_TIMEOUT", 1.0)
    web = Library(library_home)
    real = search.library.parse_source
    parses = []

    def parse_and_meanwhile_add(source):
        parses.append(source.name)
        if len(parses) == 2:  # the first article of the batch is in hand: a writer could be open now
            text = fixture_paths[4].read_bytes().replace(b"Otters", b"Beavers")
            web.add(text, "beavers.txt")  # would time out behind the reindex's own writer
        return real(source)

    monkeypatch.setattr(search.library, "parse_source", parse_and_meanwhile_add)
    library.reindex(progress=False)
    assert library.last_reindex.kind == "incremental" and library.last_reindex.parsed > 1
    assert library.search(SearchRequest(q="beavers")).total > 0
    assert library.search(SearchRequest(q='"added to every story"')).total == library.last_reindex.articles
