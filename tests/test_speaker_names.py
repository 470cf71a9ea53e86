"""One name per speaker across a library, and searching inside what a speaker said
(on the invented cuttings of tests/helpers/speaker_cuttings.py)."""
from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from search.index.schema import ParagraphSchema, speakers_from_json
from search.library import Library
from search.query.parse import OLD_INDEX_SAID_NOTE
from search.request import SearchRequest
from search.speakers.identity import canonical_names
from tests.helpers.speaker_cuttings import FARES, FERRY_BUDGET, speaker_library


@pytest.fixture
def lib(tmp_path):
    library = speaker_library(tmp_path / "library")
    yield library
    library.close()


def speaker_facet(library: Library, req: SearchRequest | None = None) -> dict[str, int]:
    return {v.value: v.count for v in library.search(req or SearchRequest()).facets["speaker"].values}


def paragraphs(library: Library, req: SearchRequest) -> set[tuple[str, int]]:
    return set(library.hit_refs(req.with_(view="flat")))


def test_the_speaker_facet_lists_each_speaker_once(lib):
    facet = speaker_facet(lib)
    assert facet["Tony Reeve"] == 5  # two paragraphs as "Tony Reeve", three as "Reeve"
    assert "Reeve" not in facet
    assert facet["Tories"] == 2 and "tories" not in facet


def test_a_speaker_filter_in_any_spelling_finds_every_paragraph_of_the_speaker(lib):
    every = paragraphs(lib, SearchRequest(include={"speaker": ("Tony Reeve",)}))
    assert len(every) == 5
    assert lib.speaker_name("tony reeve") == lib.speaker_name("Mr Reeve") == "Tony Reeve"
    typed = lib.with_speaker_names(
        SearchRequest(include={"speaker": ("tony reeve",)}, exclude={"speaker": ("TORIES",)}))
    assert typed.include["speaker"] == ("Tony Reeve",) and typed.exclude["speaker"] == ("Tories",)
    assert paragraphs(lib, SearchRequest(include={"speaker": ("tony reeve",)})) == every


def test_a_speaker_query_finds_the_paragraphs_under_a_shorter_spelling(lib):
    found = paragraphs(lib, SearchRequest(q='speaker:"tony reeve"'))
    assert found == paragraphs(lib, SearchRequest(include={"speaker": ("Tony Reeve",)}))


def test_the_profile_counts_every_spelling_and_lists_the_merged_ones(lib):
    profile = lib.speaker_profile("tony reeve")
    assert profile.name == "Tony Reeve" and profile.total == 5 and profile.articles == 3
    assert profile.variants == ["Reeve"]
    assert ("transport secretary", 3) in profile.roles


def test_hits_show_the_speaker_under_the_library_s_name(lib):
    hit = next(iter(lib.iter_hits(SearchRequest(q="islanders OR fares", include={"speaker": ("Tony Reeve",)}))))
    assert [s.name for s in hit.speakers] == ["Tony Reeve"]


def test_deleting_the_full_name_leaves_the_surname_its_own_speaker(lib):
    budget = next(a for a, _ in lib.hit_refs(SearchRequest(q="winter", view="flat")))
    lib.curation.delete([budget])
    facet = speaker_facet(lib)
    assert "Tony Reeve" not in facet and facet["Reeve"] == 3


def _names_from_every_live_paragraph(library: Library) -> dict[str, str]:
    """The names worked out from scratch, from the speakers stored on each live paragraph."""
    searcher = library.store.searcher()
    mentions = set()
    for docnum in searcher.reader().all_doc_ids():
        stored = searcher.stored_fields(docnum)
        if "n" in stored:
            mentions |= {(s.name, s.role, stored["article_id"]) for s in speakers_from_json(stored["speakers_json"])}
    return canonical_names(mentions)


def test_the_running_library_s_names_are_those_worked_out_afresh_after_every_add_and_delete(lib):
    def article_of(word: str) -> str:
        return next(a for a, _ in lib.hit_refs(SearchRequest(q=word, view="flat")))

    assert lib._table().speaker_names().shown_by_indexed == _names_from_every_live_paragraph(lib)
    for step in ("delete budget", "add budget", "delete fares", "restore fares"):
        verb, which = step.split()
        if verb == "delete":
            lib.curation.delete([article_of({"budget": "winter", "fares": "betrayal"}[which])])
        elif verb == "add":
            lib.add(FERRY_BUDGET.replace("all winter", "all winter and spring"), "budget-again.txt")
        else:
            lib.curation.restore(lib.curation.trash()[0].article_id)
        assert lib._table().speaker_names().shown_by_indexed == _names_from_every_live_paragraph(lib), step
    assert speaker_facet(lib)["Tony Reeve"] == 5


def test_a_name_the_user_split_apart_is_never_merged_again(lib):
    lib.curation.merge_names("Reeve", "Tony Reeve")
    assert speaker_facet(lib)["Tony Reeve"] == 5
    lib.curation.split_name("Reeve")
    facet = speaker_facet(lib)
    assert facet["Tony Reeve"] == 2 and facet["Reeve"] == 3  # the automatic merge no longer joins them


def test_the_user_s_merge_still_wins(lib):
    lib.curation.merge_names("Ana Hale", "Tony Reeve")  # a user's decision, however odd
    assert "Ana Hale" not in speaker_facet(lib)


def test_said_matches_only_inside_the_filtered_speaker_s_words(lib):
    reeve = SearchRequest(q="said:sanctions", include={"speaker": ("Tony Reeve",)})
    found = paragraphs(lib, reeve)
    assert len(found) == 1  # "Asked about the sanctions on fuel, Mr Reeve said ...": not his words
    hit = next(iter(lib.iter_hits(reeve)))
    assert "the sanctions on fuel leave us no choice" in hit.text
    assert len(paragraphs(lib, SearchRequest(q="sanctions", include={"speaker": ("Tony Reeve",)}))) == 3
    anyone = paragraphs(lib, SearchRequest(q="said:sanctions"))
    assert found < anyone and len(anyone) == 3  # Reeve's words, and Ana Hale's twice
    assert paragraphs(lib, SearchRequest(q='said:"sanctions on fuel"', include={"speaker": ("reeve",)})) == found
    assert not paragraphs(lib, SearchRequest(q="said:sanctions", include={"speaker": ("Tories",)}))


def test_said_tells_two_speakers_of_one_paragraph_apart(lib):
    (both,) = paragraphs(lib, SearchRequest(q="harsh"))
    assert paragraphs(lib, SearchRequest(q="said:harsh", include={"speaker": ("Ana Hale",)})) == {both}
    assert not paragraphs(lib, SearchRequest(q="said:harsh", include={"speaker": ("Tony Reeve",)}))
    assert paragraphs(lib, SearchRequest(q='said:"fares were fine"', include={"speaker": ("Tony Reeve",)})) == {both}
    either = SearchRequest(q="said:harsh", include={"speaker": ("Tony Reeve", "Ana Hale")})
    assert paragraphs(lib, either) == {both}


def test_said_phrases_do_not_run_from_one_speaker_s_words_into_the_text_around(lib):
    assert not paragraphs(lib, SearchRequest(q='said:"choice reeve"'))
    assert paragraphs(lib, SearchRequest(q='said:"no choice"'))


def test_hits_carry_each_speaker_s_spans(lib):
    hit = next(iter(lib.iter_hits(SearchRequest(q="\"never aimed\""))))
    (hale,) = hit.speakers
    assert [hit.text[a:b] for a, b in hale.spans] == ["The sanctions were never aimed at islanders"]


def test_speakers_stored_before_spans_read_back_without_them():
    (old,) = speakers_from_json('[["Ana Hale", "council leader", "direct"]]')
    assert (old.name, old.role, old.kind, old.spans) == ("Ana Hale", "council leader", "direct", ())


def test_an_index_written_before_the_said_field_opens_takes_adds_and_says_what_to_do(tmp_path):
    library = Library(tmp_path / "library")
    generation = library.store.root / library.store.ensure()
    older = ParagraphSchema()
    older.remove("said")
    whoosh_index.create_in(str(generation), older)  # as an older version of Cuttings wrote it
    library.add(FARES, "fares.txt")  # the add writes the fields that index knows
    res = library.search(SearchRequest(q="said:sanctions"))
    assert res.total >= 1 and OLD_INDEX_SAID_NOTE in res.notes
    assert library.speaker_profile("Tony Reeve") is None and library.speaker_profile("Reeve").total == 1
    library.close()


# ---- the names kept beside the index -----------------------------------------------
@pytest.fixture
def workings(monkeypatch):
    """How many times a process worked out the library's speaker names."""
    import search.index.table as table

    calls: list[int] = []
    real = table.speaker_names

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(table, "speaker_names", counting)
    return calls


def test_a_fresh_start_reads_the_speaker_names_kept_beside_the_index(lib, workings):
    expected = speaker_facet(lib)
    workings.clear()
    fresh = Library(lib.home)
    assert speaker_facet(fresh) == expected and workings == []
    fresh.close()


def test_a_reindex_keeps_the_names_for_the_next_start(lib, workings):
    lib.reindex(progress=False, full=True)
    workings.clear()
    fresh = Library(lib.home)
    assert speaker_facet(fresh)["Tony Reeve"] == 5 and workings == []
    fresh.close()


def test_kept_names_give_way_to_the_user_s_split(lib, workings):
    lib.curation.merge_names("Reeve", "Tony Reeve")
    assert speaker_facet(lib)["Tony Reeve"] == 5  # kept
    lib.curation.split_name("Reeve")
    fresh = Library(lib.home)
    facet = speaker_facet(fresh)
    assert facet["Tony Reeve"] == 2 and facet["Reeve"] == 3 and workings
    fresh.close()


@pytest.mark.parametrize("damage", [b"", b"garbage" * 10, "truncated", "another key"])
def test_a_damaged_or_stale_names_file_is_ignored_and_written_again(lib, workings, damage):
    expected = speaker_facet(lib)
    (path,) = lib.home.glob("whoosh/gen-*/speakers.names")
    data = path.read_bytes()
    if damage == "truncated":
        damage = data[:len(data) // 2]
    elif damage == "another key":
        damage = data.replace(data.split()[3], b"0" * len(data.split()[3]), 1)
    path.write_bytes(damage)
    workings.clear()
    assert speaker_facet(Library(lib.home)) == expected and workings  # worked out again ...
    workings.clear()
    assert speaker_facet(Library(lib.home)) == expected and workings == []  # ... and kept
