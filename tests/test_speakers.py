"""Speaker attribution (issue 5): one small test per pattern and coreference rule.

Every article here is invented for the test, except the FT sample fixture
that the project already commits.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from search.model import Speaker
from search.speakers import attribute

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_LABELS = Path(__file__).resolve().parents[1].parent / "shared" / "labels"


def names(speakers: list[Speaker]) -> list[str]:
    return [s.name for s in speakers]


def only(speakers: list[Speaker]) -> Speaker:
    assert len(speakers) == 1, speakers
    return speakers[0]


# ---------------------------------------------------------------- patterns
def test_quote_said_name_role():
    [para] = attribute(['"We will not back down," said Maria Delgado, Spain\'s deputy trade minister.'])
    assert only(para) == Speaker("Maria Delgado", "Spain's deputy trade minister", "direct")


def test_quote_name_said():
    [para] = attribute(['"The harvest is late this year," Tomas Berger said.'])
    assert only(para) == Speaker("Tomas Berger", None, "direct")


def test_quote_surname_said_resolves_to_full_name():
    paras = attribute([
        "Tomas Berger, who farms near Linz, has grown wheat for 30 years.",
        '"The harvest is late this year," Berger said.',
    ])
    assert only(paras[1]).name == "Tomas Berger"


def test_name_said_colon_quote():
    [para] = attribute(['Helen Marsh said: "Nobody expected the vote to be this close."'])
    assert only(para) == Speaker("Helen Marsh", None, "direct")


def test_name_role_said_that_is_indirect():
    [para] = attribute(["Omar Haddad, chief economist at Gulf Bank, said that rates would rise in May."])
    assert only(para) == Speaker("Omar Haddad", "chief economist at Gulf Bank", "indirect")


def test_name_of_org_said():
    [para] = attribute(["Lena Fischer of the Baltic Policy Institute said the talks had stalled."])
    assert only(para) == Speaker("Lena Fischer", "Baltic Policy Institute", "indirect")


def test_according_to_name():
    [para] = attribute(["The factory will close by March, according to Peter Lindqvist."])
    assert names(para) == ["Peter Lindqvist"]


def test_quote_split_by_its_attribution_gives_one_speaker():
    paras = attribute([
        '"We are ready," said Ana Ruiz, the team captain. "We have trained all winter," she added. "Now we play."',
    ])
    assert only(paras[0]) == Speaker("Ana Ruiz", "team captain", "direct")


def test_quote_only_paragraph_continues_previous_speaker():
    paras = attribute([
        '"The bridge is safe," said Karl Olsen, the city engineer.',
        '"We inspect it every month and nothing has changed since the spring."',
    ])
    assert only(paras[1]) == Speaker("Karl Olsen", "city engineer", "direct")


def test_colon_introduction_quote_fills_next_paragraph():
    paras = attribute([
        "In a statement on Friday, Judge Ellen Park said:",
        '"The court cannot ignore the evidence that has been put before it."',
    ])
    assert names(paras[0]) == ["Ellen Park"]
    assert only(paras[1]) == Speaker("Ellen Park", "judge", "direct")


def test_anonymous_source_kept_as_description():
    [para] = attribute(['"There is no trust left," said a senior European diplomat.'])
    assert only(para) == Speaker("senior european diplomat", None, "direct")


def test_collective_source_officials():
    [para] = attribute(["Officials said the border crossing would reopen on Monday."])
    assert only(para) == Speaker("officials", None, "indirect")


def test_ministry_said_in_a_statement():
    [para] = attribute(["The ministry said in a statement that no soldiers had been hurt."])
    assert names(para) == ["ministry"]


def test_organisation_as_speaker():
    [para] = attribute(["The Treasury said borrowing had fallen for a third month."])
    assert only(para) == Speaker("Treasury", None, "indirect")


# ---------------------------------------------------------------- traps
def test_cue_verb_inside_quote_is_not_a_cue():
    [para] = attribute(['"My father said we should never sell the farm," recalled Ingrid Holm.'])
    assert names(para) == ["Ingrid Holm"]


def test_quote_with_a_name_and_said_inside_names_nobody():
    [para] = attribute(['The banner read "Jones said it first and Jones was right" all afternoon.'])
    assert para == []


def test_told_reporters_makes_the_subject_the_speaker():
    [para] = attribute(["Mayor Rosa Quint told reporters the budget was balanced."])
    assert names(para) == ["Rosa Quint"]
    assert "reporters" not in " ".join(names(para))


def test_scare_quote_is_not_a_direct_quote():
    [para] = attribute(['The union dismissed the offer as a "dead end" after a short meeting.'])
    assert all(s.kind == "indirect" for s in para)


def test_scare_quote_without_cue_gives_no_speaker():
    [para] = attribute(['Shoppers queued for the so-called "smart fridge" outside the store.'])
    assert para == []


def test_quoted_title_is_not_speech():
    paras = attribute([
        '"We wrote it in one night," said Nora Kelly of the band.',
        'Their next single, "Blue Harbour Nights", is out in June.',
    ])
    assert paras[1] == []


def test_caption_that_quotes_someone():
    [para] = attribute([
        'Carla Mendes, the hospital director, warned that the new wing "will not open before winter" '
        "\u00a9 John Pike/Reuters",
    ])
    assert names(para) == ["Carla Mendes"]
    assert only(para).role == "hospital director"


# ---------------------------------------------------------------- who it is
def test_mr_surname_resolves_to_full_name_and_strips_mr():
    paras = attribute([
        "Tony Reeve, the transport secretary, opened the new line on Monday.",
        "Mr Reeve said the trains would run every ten minutes.",
    ])
    assert only(paras[1]) == Speaker("Tony Reeve", "transport secretary", "indirect")


def test_she_resolves_by_gender_not_to_the_nearest_man():
    paras = attribute([
        'Ms Clara Voss, the party leader, met Henrik Dahl in Oslo. "The talks went well," she said.',
    ])
    assert names(paras[0]) == ["Clara Voss"]


def test_he_resolves_to_the_earlier_full_name():
    paras = attribute([
        "Simon Grey, the club's manager, spoke after the match.",
        "He said the referee had made two serious mistakes.",
    ])
    assert only(paras[1]).name == "Simon Grey"


def test_the_minister_resolves_to_the_named_minister():
    paras = attribute([
        "Health Minister Pavel Novak visited the clinic on Tuesday.",
        "The minister said waiting lists had fallen by a third.",
    ])
    assert only(paras[1]) == Speaker("Pavel Novak", "health minister", "indirect")


def test_role_stays_attached_within_the_article():
    paras = attribute([
        "Ruth Mayer, the council's finance chief, said the cuts were unavoidable.",
        "Library opening hours will be reduced from April.",
        '"Nobody wanted this," Mayer said.',
    ])
    assert only(paras[2]) == Speaker("Ruth Mayer", "council's finance chief", "direct")


def test_sir_and_lord_are_kept():
    paras = attribute([
        "Sir Alan Brook said the museum would stay open.",
        "Lord Pelham said the plan was sound.",
    ])
    assert names(paras[0]) == ["Sir Alan Brook"]
    assert names(paras[1]) == ["Lord Pelham"]


def test_dr_is_stripped_like_mr():
    paras = attribute([
        "Dr Ines Moreau, a virologist at Lyon University, said the strain was mild.",
        "Dr Moreau added that more tests were needed.",
    ])
    assert names(paras[0]) == ["Ines Moreau"]
    assert names(paras[1]) == ["Ines Moreau"]


def test_speaker_listed_once_and_direct_if_quoted_anywhere():
    [para] = attribute([
        'Ivo Petrov said the deal was fair. "It is the best we could get," Mr Petrov said.',
    ])
    assert only(para) == Speaker("Ivo Petrov", None, "direct")


def test_future_speech_is_not_reported_speech():
    [para] = attribute(["The chancellor will claim next week that the economy is growing."])
    assert para == []


def test_articles_do_not_leak_into_each_other():
    first = attribute(["Jane Ortiz, the mayor, opened the fair.", "Ortiz said it was a record year."])
    second = attribute(["Ortiz said nothing would change."])
    assert names(first[1]) == ["Jane Ortiz"]
    assert names(second[0]) == ["Ortiz"]


# ---------------------------------------------------------------- the FT sample
_FT_DROP = re.compile(
    r"^(?:\d\d/\d\d/\d\d, \d\d:\d\d \d+ of \d+|\d+ of \d+ \d\d/\d\d/\d\d, \d\d:\d\d|Ukraine conflict"
    r"|Russia writes off security talks.*|'Drumbeat of war.*|Henry Foy in Brussels.*|.*\u00a9 Michael Gruber/Getty Images)$"
)


def ft_paragraphs() -> list[str]:
    """The 19 body paragraphs, cut the way the labels cut them."""
    out = []
    for line in (FIXTURES / "ft-russia-security-talks.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not _FT_DROP.match(line):
            line = re.sub(r"^\d+ of \d+ \d\d/\d\d/\d\d, \d\d:\d\d\s+", "", line)
            out.append(line.replace("<u>", "").replace("</u>", ""))
    return out


@pytest.fixture(scope="module")
def ft() -> list[list[Speaker]]:
    paras = ft_paragraphs()
    assert len(paras) == 19
    return attribute(paras)


@pytest.mark.parametrize("n, name, role, kind", [
    (2, "Sergei Ryabkov", "Russia's deputy foreign minister", "direct"),
    (15, "Sergei Ryabkov", "Russia's deputy foreign minister", "indirect"),
    (4, "Michael Carpenter", "US ambassador to the OSCE", "direct"),
    (10, "Wendy Sherman", "deputy US secretary of state", "direct"),
    (14, "Alexander Lukashevich", "Russia's ambassador to the OSCE", "direct"),
    (16, "Andrew Weiss", "Carnegie Endowment for Peace", "direct"),
    (18, "Andrew Weiss", "Carnegie Endowment for Peace", "direct"),
])
def test_ft_named_speakers_with_roles(ft, n, name, role, kind):
    assert Speaker(name, role, kind) in ft[n]


def test_ft_senior_european_diplomat(ft):
    assert Speaker("senior european diplomat", None, "direct") in ft[7]


def test_ft_no_speaker_on_3_and_8(ft):
    assert ft[3] == [] and ft[8] == []


def test_ft_dead_end_is_a_scare_quote(ft):
    assert ft[0] == [Speaker("Russia", None, "indirect")]


def test_ft_matches_the_shared_labels_when_present(ft):
    labels = SHARED_LABELS / "ft-speakers.jsonl"
    if not labels.exists():
        pytest.skip("../shared/labels is absent")
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ft_paragraphs()
    named = [(r["paragraph"], s["name"], s["role"]) for r in rows for s in r["speakers"] if s["role"]]
    for n, name, role in named:
        assert any(s.name == name and s.role == role for s in ft[n]), (n, name, ft[n])
