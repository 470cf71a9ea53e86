"""One name per speaker across a library (search/speakers/identity.py), on invented mentions."""
from __future__ import annotations

import random

from search.speakers.identity import NameCounts, canonical_names, fold, merged_variants


def test_case_possessive_the_and_courtesy_titles_fold_to_one_spelling():
    names = canonical_names([
        ("Tories", None, "a1"), ("Tories", None, "a2"), ("tories", None, "a3"),
        ("Mr. Hale's", None, "a4"), ("Ana Hale", "mayor", "a4"),
    ])
    assert names["tories"] == names["Tories"] == "Tories"  # the spelling used most
    assert names["Mr. Hale's"] == "Ana Hale"
    assert fold("The Treasury's") == fold("treasury") == "treasury"


def test_bare_surname_takes_the_full_name_of_its_own_article_first():
    names = canonical_names([
        ("Tony Reeve", "transport secretary", "a1"), ("Reeve", None, "a1"),
        ("Clara Reeve", "novelist", "a2"), ("Reeve", None, "a2"),
    ])
    assert names["Reeve"] == "Clara Reeve"  # one key, one name: one article each, so the first alphabetically
    assert canonical_names([("Tony Reeve", None, "a1"), ("Reeve", None, "a1")])["Reeve"] == "Tony Reeve"


def test_bare_surname_with_a_role_takes_the_only_full_name_in_the_library():
    names = canonical_names([("Pavel Novak", "health minister", "a1"), ("Novak", "health minister", "a2")])
    assert names["Novak"] == "Pavel Novak"


def test_bare_name_that_may_be_a_place_or_body_stays_itself():
    # "France" said something; the library also quotes one Elizabeth France: no evidence they are one.
    names = canonical_names([("Elizabeth France", "information commissioner", "a1"), ("France", None, "a2")])
    assert names["France"] == "France"


def test_shared_role_picks_between_two_full_names():
    names = canonical_names([
        ("Tony Reeve", "transport secretary", "a1"), ("Clara Reeve", "novelist", "a2"),
        ("Reeve", "transport secretary", "a3"),
    ])
    assert names["Reeve"] == "Tony Reeve"


def test_two_possible_full_names_and_no_evidence_keep_the_surname():
    names = canonical_names([("Tony Reeve", None, "a1"), ("Clara Reeve", None, "a2"), ("Mr Reeve", None, "a3")])
    assert names["Mr Reeve"] == "Reeve"


def test_a_first_name_alone_is_nobody_s_surname_without_a_shared_role():
    names = canonical_names([("Karl Michael", "singer", "a1"), ("Michael", "striker", "a2")])
    assert names["Michael"] == "Michael"
    assert canonical_names([("Karl Michael", "singer", "a1"), ("Michael", "singer", "a2")])["Michael"] == "Karl Michael"


def test_middle_initial_or_middle_name_is_the_same_person():
    names = canonical_names([
        ("Donald J. Trump", None, "a1"), ("Donald Trump", None, "a2"), ("Donald Trump", None, "a3"),
        ("Hillary Rodham Clinton", None, "a4"), ("Hillary Clinton", None, "a5"),
    ])
    assert names["Donald J. Trump"] == "Donald Trump"
    assert names["Hillary Rodham Clinton"] == "Hillary Clinton"


def test_organisations_sharing_first_and_last_words_stay_apart():
    names = canonical_names([("British Medical Association", None, "a1"),
                             ("British Bankers Association", None, "a2")])
    assert names["British Medical Association"] != names["British Bankers Association"]


def test_a_title_word_stuck_to_a_known_full_name_is_that_person():
    names = canonical_names([("Gordon Brown", "chancellor", "a1"), ("Exchequer Gordon Brown", None, "a2")])
    assert names["Exchequer Gordon Brown"] == "Gordon Brown"


def test_groups_equated_by_one_person_s_roles_become_one_group():
    mentions = [
        ("Mark Hale", "Tory leader", "a1"), ("Mark Hale", "Conservative leader", "a2"),
        ("Tories", None, "a1"), ("Tories", None, "a3"), ("Conservatives", None, "a2"),
        ("Conservative party", None, "a4"),
    ]
    names = canonical_names(mentions)
    assert names["Tories"] == names["Conservative party"] == names["Conservatives"] == "Conservatives"
    assert merged_variants(names)["Conservatives"] == ["Conservative party", "Tories"]


def test_groups_the_texts_never_equate_stay_apart():
    names = canonical_names([("Tories", None, "a1"), ("Conservatives", None, "a2"), ("Mark Hale", "Tory leader", "a1")])
    assert names["Tories"] == "Tories" and names["Conservatives"] == "Conservatives"


def test_every_name_maps_and_nothing_else():
    mentions = [("Ana Hale", "mayor", "a1"), ("Hale", None, "a1"), ("analysts", None, "a2")]
    names = canonical_names(mentions)
    assert set(names) == {"Ana Hale", "Hale", "analysts"}
    assert merged_variants(names) == {"Ana Hale": ["Hale"]}


def test_a_surname_several_people_share_goes_to_the_one_the_library_quotes_overwhelmingly():
    quoted = [("Tony Reeve", "transport secretary", f"a{i}") for i in range(30)]
    others = [("Clara Reeve", "novelist", "b1"), ("Sir Ian Reeve", "police chief", "b2")]
    names = canonical_names(quoted + others + [("Reeve", None, "c1")])
    assert names["Reeve"] == "Tony Reeve"
    closer = [("Clara Reeve", "novelist", f"b{i}") for i in range(5)]  # 30 against 5: not overwhelming
    assert canonical_names(quoted + closer + [("Reeve", None, "c1")])["Reeve"] == "Reeve"


def test_a_bare_name_with_one_often_quoted_namesake_may_still_be_a_place():
    quoted = [("Elizabeth France", "information commissioner", f"a{i}") for i in range(40)]
    assert canonical_names(quoted + [("France", None, "b1")])["France"] == "France"


def test_a_bare_surname_goes_where_most_of_its_articles_put_it_whatever_the_order():
    mentions = [
        ("Gordon Brown", "chancellor", "a1"), ("Brown", None, "a1"),
        ("Gordon Brown", "chancellor", "a2"), ("Mr Brown", None, "a2"),
        ("James Brown", "singer", "a3"), ("Brown", None, "a3"),
    ]
    answers = set()
    for seed in range(12):  # a server, a reindex and a restart read the mentions in different orders
        shuffled = list(mentions)
        random.Random(seed).shuffle(shuffled)
        answers.add(canonical_names(shuffled)["Brown"])
    assert answers == {"Gordon Brown"}  # two articles of three


def test_names_counted_in_parts_add_up_and_take_away_to_the_same_names():
    library = [
        ("Tony Reeve", "transport secretary", "a1"), ("Reeve", None, "a1"), ("Mr Reeve", None, "a2"),
        ("Clara Reeve", "novelist", "a3"), ("Reeve", "novelist", "a4"), ("Tories", None, "a4"),
        ("Mark Hale", "Tory leader", "a5"), ("Mark Hale", "Conservative leader", "a6"), ("Conservatives", None, "a6"),
        ("Donald J. Trump", None, "a7"), ("Donald Trump", None, "a8"),
    ]
    whole = canonical_names(library)
    first, second = library[:6], library[6:]
    assert canonical_names(NameCounts.total([NameCounts.of(first), NameCounts.of(second)])) == whole
    # an article deleted: the counts of every mention less its own give the names of the rest
    without_a1 = [m for m in library if m[2] != "a1"]
    left = NameCounts.of(library) - NameCounts.of([m for m in library if m[2] == "a1"])
    assert canonical_names(left) == canonical_names(without_a1)
    assert "Tony Reeve" not in canonical_names(left) and canonical_names(left)["Reeve"] == "Clara Reeve"
