"""The user's FT sample (a browser print view pasted as text) comes out whole: title, byline, date,
every paragraph, no furniture."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from search.ingest import parse

FT_SAMPLE = Path(__file__).resolve().parent / "fixtures" / "ft-russia-security-talks.txt"


@pytest.fixture(scope="module")
def article():
    return parse(FT_SAMPLE.read_bytes(), filename=FT_SAMPLE.name)


def test_section(article):
    assert article.section == "Ukraine conflict"


def test_title(article):
    assert article.title == "Russia writes off security talks as diplomatic 'dead end'"


def test_standfirst(article):
    assert article.standfirst == "'Drumbeat of war is sounding loudly' after Ukraine negotiations end with no agreement"


def test_authors(article):
    assert article.authors == ["Henry Foy", "Ben Hall"]


def test_published_resolves_ten_hours_ago_against_the_print_stamp(article):
    # print stamp 01/14/22, 09:47 minus "10 HOURS AGO" is 23:47 the day before
    assert article.published_date == date(2022, 1, 13)
    assert (article.published.hour, article.published.minute) == (23, 47)


def test_exactly_nineteen_paragraphs(article):
    assert len(article.paragraphs) == 19
    assert [p.n for p in article.paragraphs] == list(range(19))


def test_first_and_last_paragraph(article):
    assert article.paragraphs[0].text.startswith("Russia did not even wait")
    assert article.paragraphs[-1].text.startswith("As the diplomatic blitz subsides")


def test_paragraph_six_lost_the_glued_page_counter(article):
    assert article.paragraphs[6].text.startswith("But over five days of direct talks")


@pytest.mark.parametrize("furniture", ["01/14/22", "09:47", "1 of 5", "2 of 5", "5 of 5"])
def test_no_print_header_or_page_counter(article, furniture):
    assert not [p.n for p in article.paragraphs if furniture in p.text]


def test_no_inline_tags_but_their_words_stay(article):
    assert not [p.n for p in article.paragraphs if "<u>" in p.text or "</u>" in p.text]
    assert "as Russian president Vladimir Putin considers" in article.paragraphs[3].text


def test_photo_caption_and_credit_are_not_paragraphs(article):
    assert not [p.n for p in article.paragraphs if "Getty Images" in p.text or "©" in p.text]
    lukashevich = [p for p in article.paragraphs if p.text.startswith("Alexander Lukashevich")]
    assert len(lukashevich) == 1  # the caption repeating his words is gone, his paragraph stays
    assert "senseless exchange of positions" in lukashevich[0].text
