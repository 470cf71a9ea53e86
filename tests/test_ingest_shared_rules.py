"""The rule sets both paths share: one byline parser, one agency list, one furniture list, one comparison key,
one URL date, one site rule. Each test puts the saved-page path and the pasted path side by side where a
user could see them disagree."""
from __future__ import annotations

from datetime import date

import pytest

from search.ingest import parse
from search.ingest.bylines import find_agency, parse_byline, split_byline
from search.ingest.dates import date_from_url
from search.ingest.furniture import is_furniture_line, is_furniture_paragraph
from search.ingest.html.hygiene import is_furniture
from search.ingest.words import comparison_key

STORY = ("The council voted on Tuesday to keep the old harbour wall, after a long night of argument about "
         "what repairs would cost and who would pay for them.")


@pytest.mark.parametrize("line, names", [
    ("By Henry Foy in Brussels and Ben Hall in London", ["Henry Foy", "Ben Hall"]),
    ("By Kelli Miller WebMD Health News", ["Kelli Miller"]),
    ("By Ana Ruiz and Tom Ellis (photography)", ["Ana Ruiz"]),
    ("By JEFFREY GETTLEMAN JAN. 13, 2017", ["Jeffrey Gettleman"]),
])
def test_a_byline_gives_the_same_names_on_both_paths(line, names):
    assert split_byline(line) == names  # the saved page's byline element
    assert parse_byline(line).authors == names  # a byline line in a paste


@pytest.mark.parametrize("line", ["By the end of the day, Jo Smith had won.", "Samuel Alito and Elizabeth Prelogar",
                                  "Most Read", "Special Series"])
def test_prose_and_labels_are_not_bylines(line):
    assert parse_byline(line) is None


def _page(first_paragraph: str) -> bytes:
    return (f"<html><head><title>Harbour wall stays</title></head><body><article><h1>Harbour wall stays</h1>"
            f"<p>{first_paragraph}</p><p>{STORY}</p><p>{STORY.replace('Tuesday', 'Monday')}</p>"
            f"</article></body></html>").encode()


@pytest.mark.parametrize("dateline, agency", [("LONDON (Reuters) - ", "Reuters"), ("TOKYO (Kyodo) — ", "Kyodo"),
                                              ("PARIS (AFP) - ", "AFP")])
def test_the_dateline_agency_is_read_on_both_paths(dateline, agency):
    saved = parse(_page(dateline + STORY), filename="wall.html")
    pasted = parse(f"Harbour wall stays\n\n{dateline}{STORY}\n\n{STORY}\n", filename="wall.txt")
    assert saved.agency == pasted.agency == agency
    assert find_agency("The Reuters report said") is None


@pytest.mark.parametrize("line", ["Load more", "Copy link", "Join our Harbour Echo breaking news service on WhatsApp",
                                  "Scan the QR code to get our top stories every morning.",
                                  "Download the Harbour Echo app for the latest news.", "Follow us on Instagram"])
def test_promos_are_furniture_on_both_paths(line):
    assert is_furniture_paragraph(line)  # a pasted block
    assert is_furniture(line)  # a saved page's paragraph


@pytest.mark.parametrize("line", ["Readers can follow the trial on the court's own website from Monday.",
                                  "The app was downloaded two million times in its first week, the company said.",
                                  "Scanning the crowd, the officer saw no sign of the missing boy."])
def test_sentences_about_apps_and_following_are_body_text(line):
    assert not is_furniture_line(line)
    assert not is_furniture_paragraph(line)


def test_comparison_key_ignores_case_punctuation_and_hyphens():
    assert comparison_key("Self-isolate: the U.K.'s rules") == comparison_key("SELFISOLATE — the U K s rules")
    assert comparison_key("Café crème") == "café crème"


@pytest.mark.parametrize("url, day", [
    ("https://coast.example/news/2020/02/24/harbour-wall/", date(2020, 2, 24)),
    ("https://coast.example/2015-03-18-harbour-wall", date(2015, 3, 18)),
    ("https://coast.example/entlife/20231108/harbour-wall-reopens", date(2023, 11, 8)),
    ("https://coast.example/howard/harbour-wall-20200817-hntmbtcn-story.html", date(2020, 8, 17)),
    ("https://coast.example/news/2023/nov/8/harbour-wall/", date(2023, 11, 8)),
    ("https://coast.example/radio/202004281079127690-harbour-wall/", None),  # an id that opens with digits
    ("https://coast.example/news/2020/13/45/x/", None),
    (None, None),
])
def test_the_date_in_a_url(url, day):
    assert date_from_url(url) == day


def test_a_print_of_a_headline_that_quotes_a_person_keeps_it_and_names_no_site():
    paste = ("Abortion not a poll issue - Blair\n\n"
             "Tony Blair has said abortion should not become an election issue, in an interview on Sunday.\n\n"
             "The prime minister said the law on abortion was a matter of conscience for every member.\n")
    article = parse(paste.encode(), filename="blair.txt")
    assert article.title == "Abortion not a poll issue - Blair"
    assert article.site is None


def test_an_agency_in_capitals_is_named_as_the_list_spells_it():
    assert find_agency("WASHINGTON (REUTERS) - Talks failed.") == "Reuters"
    assert find_agency("NEW YORK (Associated  Press) - Talks failed.") == "Associated Press"


def test_a_saved_page_without_a_declared_site_gets_the_one_its_title_names():
    page = ("<html><head><title>Harbour wall stays | The Kessington Courier</title></head><body><article>"
            f"<h1>Harbour wall stays</h1><p>{STORY}</p><p>{STORY}</p></article></body></html>")
    article = parse(page.encode(), filename="wall.html")
    assert (article.title, article.site) == ("Harbour wall stays", "The Kessington Courier")


def test_a_byline_that_runs_on_into_a_biography_gives_its_writer():
    line = "By Ana Ruiz, a deputy editor and author of the Harbour Notes newsletter. She has covered the port for"
    assert parse_byline(line).authors == ["Ana Ruiz"]


def test_a_site_whose_host_spells_the_the_as_one_word():
    from search.ingest.sites import split_site_suffix

    assert split_site_suffix("Harbour wall stays - The Ledger", url="https://www.theledger.example/2024/x") == (
        "Harbour wall stays", "The Ledger")
