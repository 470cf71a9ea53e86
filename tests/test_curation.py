"""Curating a library: corrections, name merges, trash, tags, stars and saved searches survive a reindex;
every action is journaled, atomic, and refused whole when the library is busy."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from search.curation.apply import apply_decisions
from search.curation.decisions import ArticleDecisions, NameDecisions, SpeakerFix, text_hash
from search.curation.journal import Change, Journal
from search.errors import CurationError, LibraryError
from search.index.locks import process_lock
from search.library import Library
from search.model import Article, Paragraph, Speaker
from search.request import SearchRequest
from tests.helpers.ids import BUDGET, OTTERS, TOLLS
from tests.helpers.paths import REPO


def reopened(lib: Library) -> Library:
    """The library as another process (or the next run of the app) sees it."""
    lib.close()
    return Library(lib.home)


def names_in(article: Article, n: int) -> list[tuple[str, str | None, str]]:
    return [(s.name, s.role, s.kind) for s in article.paragraphs[n].speakers]


# ---- correcting ----------------------------------------------------------------------------
def test_a_corrected_date_and_headline_show_at_once_and_survive_reindex(library):
    sources_before = sorted(p.read_bytes() for p in (library.home / "sources").iterdir())
    library.curation.correct(BUDGET, {"published": "2022-02-03", "title": "Budget passes by one vote"})
    for lib in (library, reopened(library)):
        article = lib.article(BUDGET)
        assert (article.published, article.title) == (date(2022, 2, 3), "Budget passes by one vote")
        assert lib.search(SearchRequest.from_args({"date": ["2022-02-03"]})).total == len(article.paragraphs)
    lib.reindex(progress=False)
    assert lib.article(BUDGET).published == date(2022, 2, 3)
    assert lib.search(SearchRequest.from_args({"date": ["2022-02-02"]})).total == 0
    assert sorted(p.read_bytes() for p in (lib.home / "sources").iterdir()) == sources_before  # never rewritten


def test_undated_and_back_to_what_the_parser_found(library):
    library.curation.correct(BUDGET, {"published": "undated"})
    assert library.article(BUDGET).published is None
    library.curation.correct(BUDGET, {"published": "2022-02-02"})  # the parser's date again: no correction left
    assert library.curation.decisions(library.article(BUDGET)).fields == {}


def test_a_bad_date_names_what_was_typed_and_changes_nothing(library):
    with pytest.raises(CurationError, match="'2022-13-45'"):
        library.curation.correct(BUDGET, {"published": "2022-13-45"})
    assert library.article(BUDGET).published == date(2022, 2, 2)
    assert not (library.home / "curation" / "articles").exists()


def test_fixing_a_paragraphs_speakers_survives_reindex(library):
    article = library.article(BUDGET)
    fixed = article.paragraphs[4].speakers + [Speaker("Kessington Drivers Association", None, "indirect")]
    library.curation.set_speakers(BUDGET, 4, [Speaker("Daniel Reyes", "chair of the drivers", "direct"), fixed[1]])
    library.reindex(progress=False)
    assert names_in(library.article(BUDGET), 4) == [("Daniel Reyes", "chair of the drivers", "direct"),
                                                    ("Kessington Drivers Association", None, "indirect")]
    hits = library.search(SearchRequest.from_args({"speaker": ["Kessington Drivers Association"], "view": ["flat"]}))
    assert (BUDGET, 4) in {(h.article_id, h.paragraph) for h in hits.hits}


def test_a_correction_that_no_longer_fits_is_reported_by_reindex_and_kept(library):
    article = library.article(BUDGET)
    library.curation.set_speakers(BUDGET, 2, [Speaker("Graham Tull")])
    path = library.home / "curation" / "articles" / f"{article.source_name}.json"
    stored = json.loads(path.read_text())
    stored["speakers"][0]["hash"] = text_hash("a paragraph this parser no longer finds")  # as after a parser change
    path.write_text(json.dumps(stored))
    library.reindex(progress=False)
    assert library.article(BUDGET).paragraphs[2].speakers == []  # not misapplied to whatever is ¶2 now
    assert [(name, "¶2" in message) for name, message in library.reindex_notes] == [(article.source_name, True)]
    assert json.loads(path.read_text())["speakers"]  # not dropped either


def test_merge_a_name_across_the_library_then_split_it_again(library):
    before = library.search(SearchRequest.from_args({"speaker": ["Daniel Reyes"]})).total
    reyes_alone = library.search(SearchRequest.from_args({"speaker": ["Graham Tull"]})).total
    assert library.curation.merge_names("Graham Tull", "Daniel Reyes") >= 2
    merged = library.search(SearchRequest.from_args({"speaker": ["Daniel Reyes"]})).total
    assert merged == before + reyes_alone
    assert library.speaker_profile("Graham Tull") is None
    library.reindex(progress=False)
    assert library.search(SearchRequest.from_args({"speaker": ["Daniel Reyes"]})).total == merged
    library.curation.split_name("Graham Tull")
    assert library.search(SearchRequest.from_args({"speaker": ["Graham Tull"]})).total == reyes_alone
    assert library.search(SearchRequest.from_args({"speaker": ["Daniel Reyes"]})).total == before


def test_a_name_cannot_be_merged_into_itself(library):
    library.curation.merge_names("Blair", "Tony Blair")
    with pytest.raises(CurationError, match="itself"):
        library.curation.merge_names("Tony Blair", "Blair")


# ---- deleting -----------------------------------------------------------------------------
def test_delete_moves_the_source_to_the_trash_and_stays_deleted_after_reindex(library):
    source = library.article(OTTERS).source_name
    articles = library.article_count()
    [entry] = library.curation.delete([OTTERS])
    assert library.article(OTTERS) is None and library.search(SearchRequest(q="otters")).total == 0
    assert not (library.home / "sources" / source).exists() and (library.home / "trash" / source).exists()
    library.reindex(progress=False)
    assert library.article(OTTERS) is None and library.article_count() == articles - 1
    assert library.curation.deleted(OTTERS) == entry
    restored = library.curation.restore(OTTERS)
    assert restored.id == OTTERS and library.search(SearchRequest(q="otters")).total > 0
    assert library.curation.trash() == [] and (library.home / "sources" / source).exists()


def test_a_deleted_article_keeps_its_corrections_and_tags_for_its_return(library):
    library.curation.tag([OTTERS], add=["wildlife"])
    library.curation.correct(OTTERS, {"section": "Nature"})
    library.curation.delete([OTTERS])
    restored = library.curation.restore(OTTERS)
    assert (restored.section, restored.tags) == ("Nature", ["wildlife"])


def test_another_copy_of_a_deleted_article_stays_out_until_it_is_added_again(library, fixture_paths):
    otters = next(p for p in fixture_paths if p.name == "river-otters-return.txt")
    copy = library.add(otters.read_bytes() + b"\n\n", "otters-copy.txt")  # other bytes, the same article
    assert copy.id == OTTERS
    library.curation.delete([OTTERS])  # the copy in the index goes to the trash; the first file stays
    library.reindex(progress=False)
    assert library.article(OTTERS) is None
    assert any("deleted article" in message for _name, message in library.reindex_notes)
    library.add(otters.read_bytes() + b"\n\n\n", "otters-again.txt")  # added again by the user, after the deletion
    assert library.article(OTTERS) is not None


def test_deleting_something_missing_names_it_and_deletes_nothing(library):
    with pytest.raises(CurationError, match="no-such-article"):
        library.curation.delete([OTTERS, "2022-01-01-no-such-article-000000"])
    assert library.article(OTTERS) is not None and library.curation.trash() == []


# ---- tags, stars, saved searches -------------------------------------------------------------
def test_tags_are_a_facet_and_survive_reindex(library):
    library.curation.tag([BUDGET, TOLLS], add=["council money"])
    library.curation.tag([TOLLS], add=["bridge"])
    library.reindex(progress=False)
    facet = {v.value: v.count for v in library.search(SearchRequest()).facets["tag"].values}
    budget, tolls = (len(library.article(a).paragraphs) for a in (BUDGET, TOLLS))
    assert facet == {"council money": budget + tolls, "bridge": tolls}
    both = library.search(SearchRequest.from_args({"tag": ["council money", "bridge"]}))
    assert both.total == budget + tolls  # OR within the facet
    assert library.search(SearchRequest.from_args({"tag": ["bridge"], "q": ["budget"]})).total == 0  # AND across
    library.curation.tag([TOLLS], remove=["bridge"])
    assert library.article(TOLLS).tags == ["council money"]


def test_tag_every_article_of_a_search(library):
    req = SearchRequest.from_args({"speaker": ["Priya Natarajan"]})
    expected = library.search(req).total_articles
    assert library.curation.tag_search(req, "natarajan") == expected
    assert library.search(SearchRequest.from_args({"tag": ["natarajan"]})).total_articles == expected


def test_stars_are_listed_with_their_paragraph_and_survive_reindex(library):
    library.curation.star(TOLLS, 3)
    library.curation.star(BUDGET, 1)
    library.reindex(progress=False)
    starred = library.curation.starred()
    assert [(s.article_id, s.paragraph.n) for s in starred] == [(BUDGET, 1), (TOLLS, 3)]  # the newest star first
    assert "tax on people" in next(s for s in starred if s.article_id == TOLLS).paragraph.text
    library.curation.star(TOLLS, 3, on=False)
    assert [s.article_id for s in library.curation.starred()] == [BUDGET]


def test_saved_searches_count_what_is_new_since_the_last_visit(library, fixture_paths):
    library.curation.save_search("Natarajan", "speaker=Priya+Natarajan&sort=newest")
    quoted = library.search(SearchRequest.from_args({"speaker": ["Priya Natarajan"]})).total_articles
    [status] = library.curation.saved_searches()
    assert (status.articles, status.new) == (quoted, 0)
    text = ("Politics\n\nLibrary hours extended\n\nBy Tom Okafor\n\nMarch 3, 2022\n\n"
            '"Reading rooms will stay open until nine," said Priya Natarajan, leader of the council.\n\n'
            "The change starts next month.\n")
    library.add(text.encode(), "library-hours.txt")
    [status] = library.curation.saved_searches()
    assert (status.articles, status.new) == (quoted + 1, 1)
    library.curation.visit_search("Natarajan")
    assert library.curation.saved_searches()[0].new == 0
    assert library.curation.recently_added(1)[0].title == "Library hours extended"


def test_a_saved_search_must_be_a_readable_url(library):
    with pytest.raises(CurationError, match="from"):
        library.curation.save_search("broken", "from=2022-13-45")


# ---- atomic, journaled, refused when busy ------------------------------------------------------
def test_a_busy_library_refuses_the_action_whole(library, monkeypatch):
    import search.curator

    monkeypatch.setattr(search.curator, "LOCK_WAIT", 0.2)
    with process_lock(library.curation.store.lock_path, "test"):
        with pytest.raises(LibraryError, match="try again"):
            library.curation.delete([OTTERS])
    assert library.article(OTTERS) is not None and (library.home / "sources").is_dir()


def test_a_locked_index_puts_the_files_back(library, monkeypatch):
    import search.index.store as store

    source = library.article(OTTERS).source_name
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    with library.store.writer():  # another writer holds the index
        with pytest.raises(LibraryError, match="busy"):
            library.curation.delete([OTTERS])
    assert (library.home / "sources" / source).exists() and not (library.home / "trash" / source).exists()
    assert library.curation.trash() == [] and not (library.home / "curation" / "journal.json").exists()
    assert library.article(OTTERS) is not None


CRASH_DURING_DELETE = """
import os, sys
from search.library import Library
lib = Library(sys.argv[1])
lib.curation._update_index = lambda change: os._exit(3)  # the power goes after the files moved
lib.curation.delete([sys.argv[2]])
"""


def test_an_action_a_crash_interrupted_is_finished_by_the_next_one(library):
    source = library.article(OTTERS).source_name
    crashed = subprocess.run([sys.executable, "-c", CRASH_DURING_DELETE, str(library.home), OTTERS],
                             cwd=REPO, capture_output=True, text=True)
    assert crashed.returncode == 3, crashed.stderr
    assert json.loads((library.home / "curation" / "journal.json").read_text())["state"] == "apply"
    assert library.article(OTTERS) is not None  # the index was not told yet
    library.curation.tag([BUDGET], add=["next action"])  # any action first finishes the interrupted one
    assert library.article(OTTERS) is None and (library.home / "trash" / source).exists()
    assert not (library.home / "curation" / "journal.json").exists()
    assert library.article(BUDGET).tags == ["next action"]


def test_a_reindex_finishes_an_interrupted_action_first(library):
    crashed = subprocess.run([sys.executable, "-c", CRASH_DURING_DELETE, str(library.home), OTTERS],
                             cwd=REPO, capture_output=True, text=True)
    assert crashed.returncode == 3, crashed.stderr
    library.reindex(progress=False)
    assert library.article(OTTERS) is None and library.curation.deleted(OTTERS) is not None
    assert not (library.home / "curation" / "journal.json").exists()
    assert not list((library.home / "sources").glob("*river-otters*"))  # the sidecar went to the trash too


def test_the_journal_puts_back_exactly_what_was_there(tmp_path):
    home = tmp_path
    (home / "sources").mkdir()
    (home / "sources" / "a.txt").write_bytes(b"original bytes")
    (home / "curation").mkdir()
    (home / "curation" / "x.json").write_text("old")
    journal = Journal(home, home / "curation" / "journal.json")
    change = Change(writes={home / "curation" / "x.json": b"new", home / "curation" / "y.json": b"made"},
                    moves=[(home / "sources" / "a.txt", home / "trash" / "a.txt")])

    def refuse(_change):
        raise LibraryError("busy")

    with pytest.raises(LibraryError):
        journal.run(change, refuse)
    assert (home / "sources" / "a.txt").read_bytes() == b"original bytes"
    assert (home / "curation" / "x.json").read_text() == "old" and not (home / "curation" / "y.json").exists()
    journal.run(change, lambda _c: None)
    assert (home / "trash" / "a.txt").exists() and (home / "curation" / "y.json").read_text() == "made"


# ---- the pure step -------------------------------------------------------------------------------
def test_apply_finds_a_paragraph_that_moved_and_merges_names_without_doubles():
    paragraphs = [Paragraph(0, "A new first paragraph."), Paragraph(1, "Blair spoke.", [Speaker("Blair")]),
                  Paragraph(2, '"Yes," said Tony Blair. Blair added more.',
                            [Speaker("Tony Blair", "prime minister", "direct"), Speaker("Blair")])]
    article = Article(id="x", title="T", paragraphs=paragraphs, source_name="s.txt")
    fix = SpeakerFix(0, text_hash("Blair spoke."), [Speaker("Blair", "former PM", "indirect")], [Speaker("Blair")])
    decisions = ArticleDecisions(source="s.txt", speakers={0: fix}, tags=["uk"])
    curated = apply_decisions(article, decisions, NameDecisions().merged("Blair", "Tony Blair"))
    assert curated.notes == []
    assert curated.article.paragraphs[1].speakers == [Speaker("Tony Blair", "former PM", "indirect")]
    assert curated.article.paragraphs[2].speakers == [Speaker("Tony Blair", "prime minister", "direct")]
    assert curated.article.tags == ["uk"]
    assert article.tags == [] and article.paragraphs[1].speakers == [Speaker("Blair")]  # the input is left as it was


def test_a_merge_chain_follows_the_last_name():
    names = NameDecisions().merged("T. Blair", "Blair").merged("Blair", "Tony Blair")
    assert names.canonical("T. Blair") == "Tony Blair" and names.variants_of("Tony Blair") == ["Blair", "T. Blair"]
    split = names.split("Blair")
    assert split.canonical("Blair") == "Blair" and split.kept_apart("Blair", "Tony Blair")


def test_damaged_decision_file_is_named_not_ignored(library, tmp_path):
    library.curation.tag([BUDGET], add=["x"])
    path = next((library.home / "curation" / "articles").glob("*.json"))
    path.write_text("{ not json")
    with pytest.raises(LibraryError, match=path.name):
        library.curation.tag([BUDGET], add=["y"])
    assert Path(path).read_text() == "{ not json"


def test_what_the_user_changes_while_a_full_reindex_runs_is_in_the_new_index(library):
    other = Library(library.home)  # the web app, say, while `cuttings reindex --full` runs
    real_write_lock = library.store.write_lock

    def act_then_lock(name, **kwargs):  # the new index is written; the swap is next
        other.curation.tag([BUDGET], add=["during reindex"])
        other.curation.delete([OTTERS])
        return real_write_lock(name, **kwargs)

    library.store.write_lock = act_then_lock
    library.reindex(progress=False, full=True)
    assert library.article(BUDGET).tags == ["during reindex"]
    assert library.article(OTTERS) is None and library.search(SearchRequest(q="otters")).total == 0
