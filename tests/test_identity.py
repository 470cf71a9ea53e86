"""Article ids follow the text, old ids keep leading to their article, and copies of one story are found.

Fixtures: invented cuttings in tests/fixtures/stories/ (a story, a copy with three words
changed, a later edition with a new headline and two more paragraphs, an unrelated
story, and two different undated "Markets report" cuttings).
"""
from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

import search.ingest.pipeline
from search import ingest
from search.cli import main
from search.ids import slugify
from search.library import KEEP_BOTH, REPLACE, SKIP, Library
from search.request import SearchRequest
from tests.helpers.paths import FIXTURES, REPO

STORIES = FIXTURES / "stories"


def story(name: str) -> bytes:
    return (STORIES / name).read_bytes()


@pytest.fixture
def lib(tmp_path):
    library = Library(tmp_path / "library")
    yield library
    library.close()


def titles(library: Library, q: str) -> list[str]:
    res = library.search(SearchRequest.from_args({"q": [q], "view": ["flat"], "size": ["100"]}))
    return sorted({h.title for h in res.hits})


# ---- ids -------------------------------------------------------------------------------------
def test_two_undated_cuttings_with_one_title_are_two_articles(lib):
    first = lib.add(story("markets-report-a.txt"), "markets-report-a.txt")
    second = lib.add(story("markets-report-b.txt"), "markets-report-b.txt")
    assert first.id != second.id
    assert lib.article_count() == 2
    assert lib.article(first.id).paragraphs[0].text.startswith("Shares in London")  # the first is not lost
    assert lib.article(second.id).paragraphs[0].text.startswith("Asian markets")


def test_the_same_text_twice_is_one_article(lib):
    text = story("harbour-dredging.txt").decode()
    first = lib.add(text, "dredging.txt")
    again = lib.add(text.replace("\n\n", "\n\n\n").replace(" ", "  "), "dredging-again.txt")  # spacing only
    assert first.id == again.id and lib.article_count() == 1


def test_ids_stay_the_same_across_a_full_reindex(lib):
    ids = {lib.add(story(n), n).id for n in ("ferry-strike.txt", "harbour-dredging.txt", "markets-report-a.txt")}
    lib.reindex(progress=False, full=True)
    assert {h.article_id for h in lib.search(SearchRequest(sort="newest", size=50)).hits} == ids


# ---- former ids --------------------------------------------------------------------------------
def _title_and_date_id(article) -> str:
    """How ids were made before they followed the text: the title and the date alone."""
    day = article.published_date.isoformat() if article.published_date else "undated"
    digest = hashlib.sha1(f"{article.title.strip().lower()}|{day}".encode()).hexdigest()[:6]
    return f"{day}-{slugify(article.title)}-{digest}"


def test_an_id_from_the_old_scheme_still_finds_its_article_after_the_reindex(lib, monkeypatch):
    monkeypatch.setattr(search.ingest.pipeline, "article_id", _title_and_date_id)
    old = lib.add(story("harbour-dredging.txt"), "harbour-dredging.txt").id
    monkeypatch.undo()  # the new code: its reindex gives the article its new id
    lib.reindex(progress=False, full=True)
    new = ingest.parse(story("harbour-dredging.txt"), filename="harbour-dredging.txt").id
    assert new != old and lib.article(old) is None and lib.article(new) is not None
    assert lib.current_ids(old) == [new]
    lib.reindex(progress=False, full=True)  # and again: the index keeps the id it had before
    assert lib.current_ids(old) == [new]


def test_an_edited_source_gets_a_new_id_and_its_old_one_leads_to_it(lib):
    old = lib.add(story("harbour-dredging.txt"), "harbour-dredging.txt")
    source = lib.sources.get(old.source_name)
    source.path.write_bytes(story("harbour-dredging.txt").replace(b"eleven weeks", b"twelve weeks"))
    lib.reindex(progress=False)  # incremental: only the edited source
    [new] = lib.current_ids(old.id)
    assert new != old.id and "twelve weeks" in lib.article(new).paragraphs[-1].text
    lib.reindex(progress=False, full=True)
    assert lib.current_ids(old.id) == [new]


# ---- near-duplicates ------------------------------------------------------------------------------
def test_a_copy_with_words_changed_and_a_later_edition_are_the_same_story(lib):
    original = lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    lib.add(story("harbour-dredging.txt"), "harbour-dredging.txt")
    for name in ("ferry-strike-copy.txt", "ferry-strike-update.txt"):
        copies = lib.near_duplicates(ingest.parse(story(name), filename=name))
        assert [c.article_id for c in copies] == [original.id]
        assert copies[0].title == "Ferry crews walk out over rota changes" and copies[0].percent >= 80


def test_different_stories_and_the_article_itself_are_not_copies(lib):
    lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    lib.add(story("markets-report-a.txt"), "markets-report-a.txt")
    assert lib.near_duplicates(ingest.parse(story("harbour-dredging.txt"))) == []
    assert lib.near_duplicates(ingest.parse(story("markets-report-b.txt"))) == []  # the same title, another text
    assert lib.near_duplicates(ingest.parse(story("ferry-strike.txt"))) == []  # the same text: itself


def test_a_process_that_only_searches_loads_neither_parsing_rules_nor_near_duplicate_machinery(lib):
    """datasketch brings scipy (about 30 MB in every process) and numpy (15 MB), and the parsing rules
    trafilatura, lxml and hundreds of regular expressions (a third of a second and 12 MB): a server
    that only searches, leaving parsing to its workers, goes without them."""
    lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    probe = ("import sys; from search.library import Library; from search.request import SearchRequest; "
             "import web, search.cli; "
             f"lib = Library({str(lib.home)!r}); "
             "print(lib.search(SearchRequest.from_args({'q': ['ferry']})).total, "
             "*(name in sys.modules for name in ('scipy', 'numpy', 'search.ingest.pipeline', 'trafilatura', 'lxml')))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    total, *loaded = out.split()
    assert int(total) > 0 and loaded == ["False"] * 5


def test_copies_are_found_again_after_a_full_reindex(lib):
    original = lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    lib.reindex(progress=False, full=True)
    copies = lib.near_duplicates(ingest.parse(story("ferry-strike-copy.txt")))
    assert [c.article_id for c in copies] == [original.id]


def test_signatures_made_by_the_parse_workers_are_the_articles_own(tmp_path):
    """A reindex's workers sign each article as they parse it; the indexer takes that signature
    only for the same paragraph texts (the user's corrections keep the texts: only a change
    of body makes it sign the article again)."""
    from dataclasses import replace

    from search.index.parsing import parse_sources
    from search.index.sources import Source
    from search.index.stories import body_key, signature, signature_of
    from search.library import parse_source

    folder = tmp_path / "sources"
    folder.mkdir()
    for i, name in enumerate(sorted(p.name for p in STORIES.iterdir()) * 4):  # over one chunk: two workers
        (folder / f"{i:02d}-{name}").write_bytes(story(name))
    listed = [Source(path, path.name, None) for path in sorted(folder.iterdir())]
    results = list(parse_sources(listed, parse_source, workers=2))
    assert len(results) == len(listed) and all(r.article is not None for r in results)
    assert all(r.signature == signature(r.article) for r in results)
    assert sum(r.signature is not None for r in results) >= len(results) // 2
    made = next(r for r in results if r.signature is not None)
    ahead = (body_key(made.article), made.signature)
    assert signature_of(replace(made.article, title="Corrected title"), ahead) is made.signature
    edited = replace(made.article, paragraphs=made.article.paragraphs[1:])
    assert signature_of(edited, ahead) == signature(edited) != made.signature


def copy_titles(library: Library, q: str) -> list[str]:
    """The titles the grouped results give for the other copies of the first story shown."""
    return [c.title for c in library.search(SearchRequest.from_args({"q": [q]})).hits[0].copies]


def test_deleting_copies_of_a_story_written_together_leaves_the_others_grouped_then_none(lib, tmp_path):
    paths = []
    for name in ("ferry-strike.txt", "ferry-strike-copy.txt", "ferry-strike-update.txt"):
        (tmp_path / name).write_bytes(story(name))
        paths.append(tmp_path / name)
    lib.add_many(paths, progress=False)  # one write: one segment, whose deletions then grow
    shown = lib.search(SearchRequest.from_args({"q": ["ferry"]})).hits[0]
    assert len(shown.copies) == 2
    lib.curation.delete([shown.copies[0].article_id])
    shown = lib.search(SearchRequest.from_args({"q": ["ferry"]})).hits[0]
    assert len(shown.copies) == 1
    lib.curation.delete([shown.copies[0].article_id])
    assert lib.search(SearchRequest.from_args({"q": ["ferry"]})).hits[0].copies == []
    assert lib._table().story_articles() == {}  # no story is told by more than one live article now


def test_the_copies_under_a_story_carry_their_titles_as_corrected(lib):
    lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    lib.add(story("ferry-strike-copy.txt"), "ferry-strike-copy.txt")
    [copy] = lib.search(SearchRequest.from_args({"q": ["ferry"]})).hits[0].copies
    assert copy.title == lib.article(copy.article_id).title != ""
    lib.curation.correct(copy.article_id, {"title": "Ferry crews strike: the wire version"})
    assert copy_titles(lib, "ferry") == ["Ferry crews strike: the wire version"]


def test_copies_indexed_before_rows_held_titles_still_show_them(lib, monkeypatch):
    import search.index.schema as schema

    article_row = schema.article_row

    def without_title(article, story=""):  # what earlier versions wrote
        row = article_row(article, story).replace(b',"ti":' + json_string(article.title), b"")
        assert b'"ti"' not in row
        return row

    monkeypatch.setattr(schema, "article_row", without_title)
    lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    lib.add(story("ferry-strike-copy.txt"), "ferry-strike-copy.txt")
    assert copy_titles(lib, "ferry") == ["Ferry crews walk out over rota changes"]


def json_string(text: str) -> bytes:
    import json

    return json.dumps(text).encode()


def test_replacing_a_copy_puts_the_old_one_in_the_trash_and_its_id_leads_to_the_new(lib):
    old = lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    new = lib.add(story("ferry-strike-update.txt"), "ferry-strike-update.txt", replace=[old.id])
    assert lib.article(old.id) is None and lib.curation.deleted(old.id) is not None  # recoverable
    assert lib.current_ids(old.id) == [new.id]
    assert titles(lib, "timetable") == ["Ferry strike suspended as talks are agreed"]
    lib.reindex(progress=False, full=True)
    assert lib.current_ids(old.id) == [new.id] and lib.article(old.id) is None
    assert lib.curation.restore(old.id) is not None  # brought back, it is its own article again
    assert lib.article(old.id) is not None


def test_add_many_asks_about_each_copy(lib, tmp_path):
    lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    asked = []

    def skip(path, article, copies):
        asked.append((path.name, [c.title for c in copies]))
        return SKIP

    paths = [STORIES / "ferry-strike-copy.txt", STORIES / "harbour-dredging.txt"]
    outcomes = lib.add_many(paths, progress=False, on_copy=skip)
    assert asked == [("ferry-strike-copy.txt", ["Ferry crews walk out over rota changes"])]
    assert "same story" in str(outcomes[0][1]) and lib.article_count() == 2  # skipped, the other added
    assert lib.add_many([paths[0]], progress=False, on_copy=lambda *a: KEEP_BOTH)[0][1].id
    assert lib.article_count() == 3


def test_add_many_replaces_when_told(lib):
    old = lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    [(_path, new)] = lib.add_many([STORIES / "ferry-strike-update.txt"], progress=False, on_copy=lambda *a: REPLACE)
    assert lib.article_count() == 1 and lib.current_ids(old.id) == [new.id]


# ---- the command line --------------------------------------------------------------------------------
def _add(capsys, home, *argv):
    code = main(["--home", str(home), "add", "--quiet", *argv])
    return (code, *capsys.readouterr())


def test_cli_add_of_a_copy_names_the_match_and_keeps_both_by_default(capsys, tmp_path):
    home = tmp_path / "library"
    _add(capsys, home, str(STORIES / "ferry-strike.txt"))
    code, out, err = _add(capsys, home, str(STORIES / "ferry-strike-copy.txt"))  # not at a terminal
    assert code == 0 and "added" in out
    assert "tells the same story as" in err and "Ferry crews walk out over rota changes" in err
    assert "kept both" in err and "--replace" in err
    assert Library(home).article_count() == 2


def test_cli_add_replace_and_keep_both(capsys, tmp_path):
    home = tmp_path / "library"
    _add(capsys, home, str(STORIES / "ferry-strike.txt"))
    code, _out, err = _add(capsys, home, "--keep-both", str(STORIES / "ferry-strike-copy.txt"))
    assert code == 0 and "kept both (no" not in err and Library(home).article_count() == 2
    code, _out, err = _add(capsys, home, "--replace", str(STORIES / "ferry-strike-update.txt"))
    assert code == 0 and "goes to the trash" in err and "cuttings restore" in err
    library = Library(home)
    assert library.article_count() == 1 and len(library.curation.trash()) == 2


# ---- results -----------------------------------------------------------------------------------------
def test_grouped_results_page_and_step_through_one_copy_of_each_story(lib):
    original = lib.add(story("ferry-strike.txt"), "ferry-strike.txt")
    copy = lib.add(story("ferry-strike-copy.txt"), "ferry-strike-copy.txt")
    lib.add(story("harbour-dredging.txt"), "harbour-dredging.txt")
    grouped = SearchRequest.from_args({"q": ["ferry OR harbour"], "size": ["1"]})
    res = lib.search(grouped)
    assert (res.total_articles, res.total_stories, res.pages) == (3, 2, 2)  # a page per story, not per copy
    shown = {h.article_id for page in (1, 2) for h in lib.search(grouped.with_page(page)).hits}
    assert len(shown & {original.id, copy.id}) == 1  # one copy of the ferry story is shown, on one page
    refs = lib.hit_refs(grouped)
    assert {a for a, _n in refs} == shown  # next/previous steps through what the pages show
    flat = lib.hit_refs(grouped.with_(view="flat"))
    assert {a for a, _n in flat} == {original.id, copy.id} | shown  # the flat view keeps every paragraph
