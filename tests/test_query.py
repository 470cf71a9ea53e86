"""Search behaviour on the fixture library: query syntax, facets, paging, grouping, suggestions."""
from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from search import ingest
from search.query.facets import FACET_KINDS
from search.request import SearchRequest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def req(**params) -> SearchRequest:
    return SearchRequest.from_args(
        {k.replace("not_", "-"): v if isinstance(v, list) else [v] for k, v in params.items()}
    )


def all_paragraphs(library):
    """Every stored paragraph with its article, read back through the article pages."""
    searcher = library.store.searcher()
    ids = sorted({f["article_id"] for f in searcher.all_stored_fields() if "article_id" in f})
    for article_id in ids:
        article = library.article(article_id)
        for p in article.paragraphs:
            yield article, p


def values_of(article, p, facet: str, direct_only: bool = False) -> set[str]:
    if facet == "speaker":
        return {s.name for s in p.speakers if not direct_only or s.kind == "direct"}
    if facet == "section":
        return {article.section} if article.section else set()
    if facet == "author":
        return set(article.authors)
    if facet == "site":
        return {article.site} if article.site else set()
    if facet == "tag":
        return set(article.tags)
    day = article.published_date
    return {day.isoformat()[:4], day.isoformat()[:7], day.isoformat()} if day else {"undated"}


def passes(article, p, r: SearchRequest, skip: str | None = None) -> bool:
    for f in FACET_KINDS:
        if f == skip:
            continue
        vals = values_of(article, p, f)
        if r.include.get(f) and not vals & set(r.include[f]):
            return False
        if vals & set(r.exclude.get(f, ())):
            return False
    return True


def brute_counts(library, r: SearchRequest, facet: str) -> Counter:
    counts: Counter = Counter()
    for article, p in all_paragraphs(library):
        if passes(article, p, r, skip=facet):
            counts.update(values_of(article, p, facet))
    return counts


def shown_counts(results, facet: str) -> dict[str, int]:
    return {v.value: v.count for v in results.facets[facet].values}


# ---- query syntax ------------------------------------------------------------
def test_words_match_paragraphs_not_articles(library):
    results = library.search(req(q="otters", view="flat"))
    assert results.total >= 2
    assert all("otter" in h.text.lower() for h in results.hits)


def test_phrase_needs_the_words_together(library):
    loose = library.search(req(q="harbour bridge", view="flat")).total
    phrase = library.search(req(q='"harbour bridge"', view="flat"))
    assert 0 < phrase.total <= loose
    assert all("harbour bridge" in h.text.lower() for h in phrase.hits)


def test_boolean_operators(library):
    either = library.search(req(q="otters OR penalties", view="flat", size="100"))
    texts = [h.text.lower() for h in either.hits]
    assert any("otter" in t for t in texts) and any("penalt" in t for t in texts)
    without = library.search(req(q="bridge NOT tolls", view="flat", size="100"))
    assert without.total > 0 and all("toll" not in h.text.lower() for h in without.hits)


def test_title_field(library):
    results = library.search(req(q="title:otters", view="flat", size="100"))
    assert results.total == 5  # every paragraph of the otters article
    assert {h.article_id for h in results.hits} == {results.hits[0].article_id}


def test_speaker_field_matches_the_surname(library):
    results = library.search(req(q="speaker:marsh", view="flat", size="100"))
    assert results.total >= 2
    assert all(any(s.name == "Helen Marsh" for s in h.speakers) for h in results.hits)


def test_broken_syntax_searches_the_words_with_a_note(library):
    results = library.search(req(q='(otters "river'))
    assert results.total > 0
    assert any("syntax" in n for n in results.notes)


def test_two_thousand_character_query_answers_with_a_note(library):
    results = library.search(req(q=("bridge (tolls " * 200)[:2000]))
    assert results.notes  # cut, and treated as words
    assert results.total >= 0


@pytest.mark.parametrize("q", ["*", "?", "[a TO", "~", "^2", "AND", "NOT", ":", "title:", '""', "()", "-", "speaker:",
                               "bridge~2", "title:(", "OR OR", "'", "{a TO b}", "é", "the", 'speaker:"helen marsh"'])
def test_odd_queries_never_fail(library, q):
    results = library.search(req(q=q))
    assert results.total >= 0 and isinstance(results.notes, list)


def test_a_query_of_only_stop_words_says_so(library):
    results = library.search(req(q="the"))
    assert any("too short or too common" in n for n in results.notes)


def test_an_empty_library_answers(empty_home):
    from search.library import Library

    results = Library(empty_home).search(req(q="anything"))
    assert results.total == 0 and results.hits == []


def test_did_you_mean_from_the_unstemmed_words(library):
    results = library.search(req(q="ottres"))
    assert results.total == 0
    assert results.suggestion == "otters"
    assert library.search(req(q=results.suggestion)).total > 0


def test_snippet_marks_terms_in_their_sentence_and_escapes_html(library):
    hit = library.search(req(q="bearings", view="flat")).hits[0]
    assert "<mark>bearings</mark>" in hit.snippet_html
    assert hit.snippet_html.count("<mark>") == 1
    body = ("A reader sent in a page that contained a <script>alert(1)</script> tag hidden in a story about "
            "zebrafish research at the university, and the cutting must show it as plain text.")
    second = (
        "The researchers said the zebrafish tanks would move to a new building next spring, after the summer break."
    )
    library.add(
        f"Science\n\nZebrafish lab moves\n\nBy Ann Lee\n\nJune 1, 2022\n\n{body}\n\n{second}\n".encode(), "xss.txt"
    )
    hit = next(h for h in library.search(req(q="zebrafish", view="flat")).hits if "<script>" in h.text)
    assert "<script>" not in hit.snippet_html and "&lt;script&gt;" in hit.snippet_html


# ---- facets ------------------------------------------------------------------
REQUESTS = [
    {},
    {"q": "bridge"},
    {"speaker": ["Helen Marsh", "Daniel Reyes"]},
    {"section": ["Business", "Politics"], "author": "Tom Okafor"},
    {"speaker": "Priya Natarajan", "section": "Politics", "date": "2022"},
    {"not_section": "Business", "author": ["Clara Mendes", "Ines Kowalczyk"]},
    {"q": "council OR drivers", "not_speaker": "Graham Tull", "date": ["2021", "2022-02"]},
]


@pytest.mark.parametrize("params", REQUESTS)
def test_facet_counts_match_a_brute_force_count(library, params):
    r = req(**params)
    results = library.search(r)
    if r.q:
        matched = {(h.article_id, h.paragraph) for h in library.iter_hits(req(q=r.q))}
    for facet in FACET_KINDS:
        expected = brute_counts(library, r, facet)
        if r.q:  # restrict the brute force to the paragraphs the query matched
            expected = Counter()
            for article, p in all_paragraphs(library):
                if (article.id, p.n) in matched and passes(article, p, r, skip=facet):
                    expected.update(values_of(article, p, facet))
        shown = shown_counts(results, facet)
        full = {v.value: v.count for v in library.facet_values(r, facet)}
        for value, count in full.items():
            assert count == expected.get(value, 0), (facet, value)
        assert set(full) >= {v for v in expected if facet != "date" or len(v) == 4}
        assert all(full[v] == c for v, c in shown.items())


def test_fixture_library_has_facet_data(library):
    results = library.search(req())
    for facet in ("speaker", "section", "author", "date"):
        assert results.facets[facet].values, facet


def test_multi_select_ors_within_and_ands_across(library):
    marsh = library.search(req(speaker="Helen Marsh")).total
    reyes = library.search(req(speaker="Daniel Reyes")).total
    both = library.search(req(speaker=["Helen Marsh", "Daniel Reyes"]))
    assert both.total == marsh + reyes  # they never share a paragraph in the fixtures
    narrowed = library.search(req(speaker=["Helen Marsh", "Daniel Reyes"], date="2022-07"))
    assert 0 < narrowed.total < both.total


def test_selected_value_keeps_true_counts_of_its_siblings(library):
    before = shown_counts(library.search(req()), "section")
    after = library.search(req(section="Sport"))
    assert shown_counts(after, "section") == before
    assert after.total == before["Sport"]


def test_toggle_adds_and_removes_the_value(library):
    results = library.search(req())
    value = results.facets["section"].values[0]
    assert not value.selected
    selected = library.search(value.toggle)
    again = next(v for v in selected.facets["section"].values if v.value == value.value)
    assert again.selected and selected.total == value.count
    assert again.toggle.include == {}


def test_exclusion_removes_the_value(library):
    everything = library.search(req()).total
    r = req(not_speaker="Helen Marsh")
    results = library.search(r)
    marsh = library.search(req(speaker="Helen Marsh")).total
    assert results.total == everything - marsh
    value = next(v for v in results.facets["speaker"].values if v.value == "Helen Marsh")
    assert value.excluded and value.exclude_toggle.exclude == {}


def test_speaker_value_carries_the_role_beside_its_label(library):
    values = library.facet_values(req(), "speaker")
    marsh = next(v for v in values if v.value == "Helen Marsh")
    assert marsh.label == "Helen Marsh"  # as on its filter chip
    assert "chief executive" in marsh.detail.lower()


def test_quoted_directly_filter(library):
    direct = library.search(req(kind="direct", view="flat", size="100"))
    assert 0 < direct.total < library.search(req()).total
    assert all(any(s.kind == "direct" for s in h.speakers) for h in direct.hits)


def test_date_histogram_drills_down(library):
    years = library.search(req()).facets["date"].values
    y2022 = next(v for v in years if v.value == "2022")
    months = library.search(y2022.toggle).facets["date"].values
    july = next(v for v in months if v.value == "2022-07")
    assert july.label == "July 2022"
    drilled = library.search(july.toggle)
    assert drilled.request.include["date"] == ("2022-07",)
    assert {h.date.month for h in drilled.hits} == {7}
    days = [v.value for v in drilled.facets["date"].values]
    assert "2022-07-19" in days
    back = next(v for v in drilled.facets["date"].values if v.value == "2022-07").toggle
    assert back.include["date"] == ("2022",)  # unselecting the month goes back up to its year


def test_quoted_directly_with_a_speaker_keeps_only_their_direct_quotes(library):
    both = library.search(req(speaker="Helen Marsh", view="flat", size="100"))
    direct = library.search(req(speaker="Helen Marsh", kind="direct", view="flat", size="100"))
    assert 0 < direct.total <= both.total
    assert all(any(s.name == "Helen Marsh" and s.kind == "direct" for s in h.speakers) for h in direct.hits)


def test_date_range(library):
    results = library.search(
        SearchRequest.from_args({"from": ["2022-02-01"], "to": ["2022-05-31"], "view": ["flat"], "size": ["100"]})
    )
    assert results.total > 0
    assert all("2022-02-01" <= h.date.isoformat() <= "2022-05-31" for h in results.hits)


def test_full_facet_list_by_name_with_filter(library):
    by_name = [v.value for v in library.facet_values(req(), "speaker", order="name")]
    assert by_name == sorted(by_name, key=str.casefold)
    found = library.facet_values(req(), "speaker", contains="natar")
    assert [v.value for v in found] == ["Priya Natarajan"]


def test_no_results_names_the_filters_that_removed_everything(library):
    results = library.search(req(q="otters", section="Sport"))
    assert results.total == 0
    removal = next(r for r in results.removals if r.facet == "section")
    assert removal.count > 0 and library.search(removal.request).total == removal.count


# ---- order, paging, grouping ----------------------------------------------
def test_sort_newest_and_oldest(library):
    newest = [h.date for h in library.search(req(sort="newest", view="flat", size="100")).hits if h.date]
    oldest = [h.date for h in library.search(req(sort="oldest", view="flat", size="100")).hits if h.date]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert newest[0] > newest[-1]


@pytest.mark.parametrize("q", ["", "bridge OR council OR river"])
def test_pages_are_stable_and_cover_every_hit_once(library, q):
    total = library.search(req(q=q, view="flat")).total
    pages = [library.search(req(q=q, view="flat", size="4", page=str(n))).hits for n in range(1, total // 4 + 2)]
    keys = [(h.article_id, h.paragraph) for h in itertools.chain(*pages)]
    assert len(keys) == total == len(set(keys))
    again = [(h.article_id, h.paragraph) for h in library.search(req(q=q, view="flat", size="4", page="2")).hits]
    assert again == keys[4:8]


def test_grouped_view_shows_three_paragraphs_per_article_and_the_rest_as_more(library):
    results = library.search(req(q="said"))
    groups: dict[str, list] = {}
    for h in results.hits:
        groups.setdefault(h.article_id, []).append(h)
    assert any(len(g) == 3 for g in groups.values())
    for hits in groups.values():
        assert len(hits) <= 3
        assert hits[-1].more_in_article == hits[-1].article_hits - len(hits)
    flat_total = library.search(req(q="said", view="flat")).total
    assert sum(hits[-1].article_hits for hits in groups.values()) == flat_total
    assert results.total_articles == len(groups)


def test_iter_hits_streams_every_match(library):
    r = req(q="bridge")
    assert len(list(library.iter_hits(r))) == library.search(r).total


def test_speaker_profile(library):
    profile = library.speaker_profile("Daniel Reyes")
    assert profile.total >= 3 and profile.articles == 3
    assert profile.roles[0][0].lower().startswith("chair")
    assert [m for m, _ in profile.timeline] == sorted(m for m, _ in profile.timeline)
    assert "Helen Marsh" in dict(profile.co_speakers)
    assert library.speaker_profile("Nobody Atall") is None


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_hit_refs_list_every_hit_in_display_order_without_stored_fields(library, sort, monkeypatch):
    r = req(q="said", sort=sort, view="flat")
    expected = [(h.article_id, h.paragraph) for h in library.iter_hits(r)]
    assert len(expected) == library.search(r).total > 3
    searcher = library.store.searcher()
    monkeypatch.setattr(searcher, "stored_fields", None)  # loading stored fields would fail
    assert library.hit_refs(r) == expected
    grouped = library.hit_refs(r.with_(view="grouped"))
    assert sorted(grouped) == sorted(expected)
    articles = list(dict.fromkeys(a for a, _ in expected))
    assert [a for a, _ in grouped] == sorted((a for a, _ in expected), key=articles.index)  # article by article


@pytest.mark.parametrize("q, facet, value", [
    ("section:business", "section", "Business"),
    ("section:BUSINESS", "section", "Business"),
    ('section:"ukraine conflict"', "section", "Ukraine conflict"),
    ("date:2022", "date", "2022"),
    ("date:2022-01", "date", "2022-01"),
    ("author:foy", "author", "Henry Foy"),
    ('author:"Henry Foy"', "author", "Henry Foy"),
])
def test_metadata_field_prefixes_match_as_people_type_them(library, q, facet, value):
    by_prefix = library.search(req(q=q, view="flat", size="100"))
    by_facet = library.search(req(view="flat", size="100", **{facet: value}))
    assert by_prefix.total == by_facet.total > 0
    assert {(h.article_id, h.paragraph) for h in by_prefix.hits} == {(h.article_id, h.paragraph) for h in by_facet.hits}


def test_site_prefix_matches_a_word_of_the_site_name(library):
    library.add((FIXTURES / "html" / "harbour-jsonld-graph.html").read_bytes(), "harbour-jsonld-graph.html")
    site = library.search(req(site="The Coastal Ledger")).total
    assert site > 0
    assert library.search(req(q='site:"coastal ledger"')).total == site
    assert library.search(req(q="site:LEDGER")).total == site
    assert library.search(req(q="site:nowhere")).total == 0


def test_site_prefix_takes_a_domain_with_or_without_www():
    def value_matches(field, wanted, value):
        return FACET_KINDS[field].query_matches(wanted, value)

    assert value_matches("site", "ft.com", "www.ft.com")
    assert value_matches("site", "www.FT.com", "ft.com")
    assert not value_matches("site", "ft.com", "microsoft.com")
    assert value_matches("date", "2022-01", "2022-01-13") and not value_matches("date", "2022-1", "2022-01-13")


def test_search_without_facets_gives_the_same_hits(library):
    r = req(speaker="Daniel Reyes", sort="newest", view="flat")
    full, lean = library.search(r), library.search(r, facets=False)
    assert lean.total == full.total > 0 and lean.total_articles == full.total_articles
    assert [(h.article_id, h.paragraph) for h in lean.hits] == [(h.article_id, h.paragraph) for h in full.hits]
    assert full.facets and lean.facets == {}


def test_counts_and_order_stay_true_when_an_add_replaces_an_article(library):
    first = library.search(req())  # counts, date order and rows now cached for the old segments
    ft = FIXTURES / "ft-russia-security-talks.txt"
    changed = ft.read_bytes().replace(b"Russia did not even wait", b"Moscow did not even wait")
    copies = library.near_duplicates(ingest.parse(changed, filename=ft.name))
    assert len(copies) == 1  # a word changed: another text, the same story
    library.add(changed, ft.name, replace=[copies[0].article_id])  # the old copy's paragraphs are deleted
    after = library.search(req(view="flat", size="100", sort="newest"))
    assert after.total == first.total
    for facet in FACET_KINDS:
        expected = brute_counts(library, req(), facet)
        assert all(expected[v] == c for v, c in shown_counts(library.search(req()), facet).items())
        assert all(v.count == expected[v.value] for v in library.facet_values(req(), facet))
    refs = [(h.article_id, h.paragraph) for h in after.hits]
    assert len(refs) == len(set(refs))  # no deleted paragraph comes back
    assert any("Moscow did not even wait" in h.text for h in after.hits)
    assert not any("Russia did not even wait" in h.text for h in after.hits)


def test_a_wildcard_standing_for_too_many_words_is_refused_with_a_message(library, monkeypatch):
    import search.query.parse as parse

    monkeypatch.setattr(parse, "MAX_EXPANSIONS", 3)
    assert library.search(req(q="otter*")).total > 0  # a few words: answered
    with pytest.raises(parse.QueryTooBroad, match="s\\*.*add letters"):
        library.search(req(q="s* t*"))


def test_a_search_past_its_time_limit_is_refused_as_too_broad(library, monkeypatch):
    import search.query.parse as parse

    monkeypatch.setattr(parse, "SEARCH_SECONDS", -1.0)  # every search is already late
    with pytest.raises(parse.QueryTooBroad, match="too much"):
        library.search(req(q="the river"))
    with pytest.raises(parse.QueryTooBroad):
        list(library.iter_hits(req(q="river")))  # an export fails before its first line



def test_every_hit_carries_its_articles_metadata(library):
    """Hits take their article's title, date, site, section, authors and tags from the facet
    table's row, not from the article's stored document: they must say what the article says."""
    first = library.search(req(q="said")).hits[0].article_id
    assert library.curation.tag([first], add=["harbour", "follow up"]) == 1
    hits = library.search(req(q="the OR said OR a", view="flat", size="100")).hits
    assert len({h.article_id for h in hits}) >= 5 and any(h.tags for h in hits)
    for h in hits:
        article = library.article(h.article_id)
        assert (h.title, h.date, h.site, h.section, h.authors, h.tags) == (
            article.title, article.published_date, article.site or None, article.section or None,
            list(article.authors), list(article.tags)), h.article_id
