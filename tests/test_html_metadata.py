"""Metadata of saved HTML pages: authors, dates and titles from JSON-LD, meta tags and the page itself.

Every page here is a small invented one; each reproduces a case met on real news pages.
"""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from trafilatura.utils import load_html

from search.ingest.bylines import names_from_jsonld, split_byline
from search.ingest.html.metadata import read_metadata
from search.ingest.sites import split_site_suffix

STORY = "<p>The council met on Tuesday night and voted to keep the old harbour wall standing for now.</p>"


def meta_of(head: str = "", body: str = "", url: str | None = None):
    page = f"<html><head>{head}</head><body>{body}{STORY}</body></html>"
    return read_metadata(load_html(page), url)


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# ------------------------------------------------------------------------------------------- authors

def test_each_repeated_author_meta_tag_is_an_author():
    head = ('<meta name="dc.Creator" content=" Rosa  Delgado "><meta name="dc.Creator" content="Piet Jansen">'
            '<meta name="dc.Creator" content="Lea Novak">')
    assert meta_of(head).authors == ["Rosa Delgado", "Piet Jansen", "Lea Novak"]


def test_cited_papers_microdata_authors_do_not_beat_the_pages_author():
    body = ('<ol><li itemscope itemtype="http://schema.org/ScholarlyArticle">'
            '<meta itemprop="author" content="K. Olsen, T. Berg, "><meta itemprop="datePublished" content="1988">'
            '</li></ol>')
    assert meta_of('<meta name="citation_author" content="Amal R. Haddad">', body).authors == ["Amal R. Haddad"]


def test_a_declared_name_may_have_a_lower_case_surname():
    head = ld({"@type": "BlogPosting", "headline": "Okra fry", "author": {"@type": "Person", "name": "Farid karimi"}})
    assert meta_of(head).authors == ["Farid karimi"]


def test_lower_case_words_in_page_text_are_not_a_name():
    assert split_byline("Posted in recipes") == []
    assert meta_of(body='<div class="byline">Filed under weeknight dinners</div>').authors == []


def test_editors_and_photographers_are_not_authors():
    assert split_byline("Written by Noor Aziz Edited by Carl Brandt") == ["Noor Aziz"]
    assert split_byline("By Jane Okafor; photos by Tim Wells") == ["Jane Okafor"]
    assert split_byline("Second Edition Edited by Hana Sato") == []  # only an editor is named


@pytest.mark.parametrize(
    "byline, names",
    [
        ("Jane Okafor @jokafor", ["Jane Okafor"]),
        ("By Jane Okafor, jane.okafor@coast.example", ["Jane Okafor"]),
        ("Jane Okafor Twitter: @jokafor and Tim Wells", ["Jane Okafor", "Tim Wells"]),
        ("By Jane Okafor, Special to The Coast Post", ["Jane Okafor"]),
        ("Replying to @jokafor", []),
        ("The Economist", []),
        ("Seaview Foundation", []),
        ("Coast News Staff", []),
        ("Theo Walcott", ["Theo Walcott"]),
    ],
)
def test_contacts_roles_and_organisations_are_not_names(byline, names):
    assert split_byline(byline) == names


def test_a_declared_lower_case_word_that_is_a_role_is_not_a_name():
    assert meta_of('<meta name="author" content="Coast.example staff">').authors == []


@pytest.mark.parametrize(
    "body",
    [
        # the label and the name in separate blocks
        "<div><p class='label'><strong>By</strong></p></div><div><p class='full-name'>Mona Ferreira</p></div>",
        # By&nbsp; then a link to the writer's page
        "<div class='wrote'>\n          By&nbsp;<a href='/reporters/mona-ferreira'>Mona Ferreira</a></div>",
        # a screen-reader label, the name, then the date in the same line
        "<div><span class='sr-only'>| By </span><span>Mona Ferreira</span> | <time>April 13, 2020</time></div>",
        "<address>By <a href='/people/mf/'> Mona Ferreira </a></address>",
    ],
)
def test_a_bare_by_label_names_the_writer_that_follows_it(body):
    assert meta_of(body="<h1>Harbour wall stays</h1>" + body).authors == ["Mona Ferreira"]


def test_by_between_two_links_is_prose_not_a_byline():
    body = "<p>The browser was first built <a href='/a'>in 2002</a> by <a href='/p'>Dave Holm</a> and friends.</p>"
    assert meta_of(body=body).authors == []


def test_a_line_break_ends_the_byline():
    body = "<div><span class='sub'>By: <a href='/id/1'>Patti Dunn</a><br>Coast Executive News Editor</span></div>"
    assert meta_of(body=body).authors == ["Patti Dunn"]


def test_a_by_label_followed_by_no_name_gives_nothing():
    assert meta_of(body="<div><b>By</b> <span>the numbers: a look at the vote</span></div>").authors == []


def test_visible_byline_settles_jsonld_against_meta_when_they_disagree():
    yoast = ld({"@graph": [
        {"@type": "NewsArticle", "headline": "Harbour wall stays", "author": {"@id": "#/person/1"}},
        {"@type": "Person", "@id": "#/person/1", "name": "Web Producer"},  # the account that posted it
    ]})
    head = yoast + '<meta name="parsely-author" content="Ines Morel"><meta name="parsely-author" content="Omar Quinn">'
    shown = '<div class="article-byline">By <a rel="author">Ines Morel</a>, <a rel="author">Omar Quinn</a></div>'
    assert meta_of(head, shown).authors == ["Ines Morel", "Omar Quinn"]


def test_jsonld_stays_when_the_visible_byline_agrees_with_it():
    head = (ld({"@type": "NewsArticle", "headline": "Harbour wall stays",
                "author": [{"@type": "Person", "name": "Ines Morel"}, {"@type": "Person", "name": "Omar Quinn"}]})
            + '<meta name="author" content="Web Producer">')
    shown = '<div class="byline">By Ines Morel and Omar Quinn, Coast News</div>'
    assert meta_of(head, shown).authors == ["Ines Morel", "Omar Quinn"]


def test_meta_byline_that_adds_a_coauthor_to_jsonld_wins():
    head = (ld({"@type": "NewsArticle", "headline": "Harbour wall stays",
                "author": {"@type": "Person", "name": "Ines Morel"}})
            + '<meta name="author" content="Ines Morel, Omar Quinn">')
    assert meta_of(head).authors == ["Ines Morel", "Omar Quinn"]


def test_description_that_opens_with_the_byline():
    head = ('<meta name="description" content="\u00a0\u00a0 by Lucia Brandt \u00a0\u00a0The term names a politics of '
            'small things.">')
    assert meta_of(head).authors == ["Lucia Brandt"]


def test_names_from_jsonld_still_skip_organisations():
    people = names_from_jsonld([{"@type": "Organization", "name": "Coast News"}, {"name": "Ines Morel"}])
    assert people == ["Ines Morel"]


# ------------------------------------------------------------------------------------------- dates

def test_utc_timestamp_takes_the_local_day_the_url_names():
    head = ld({"@type": "NewsArticle", "headline": "Harbour wall stays", "datePublished": "2021-03-10T02:40:00Z"})
    found = meta_of(head, url="https://coast.example/2021/03/09/harbour-wall-stays/").published
    assert found == date(2021, 3, 9)


def test_utc_timestamp_no_time_zone_explains_is_kept():
    # 10:04 UTC is 06:04 in New York: created on the 9th (the URL), published on the 10th.
    head = ld({"@type": "NewsArticle", "headline": "Harbour wall stays", "datePublished": "2021-03-10T10:04:00Z"})
    found = meta_of(head, url="https://coast.example/2021/03/09/harbour-wall-stays/").published
    assert found.date() == date(2021, 3, 10)


def test_date_printed_under_the_headline_when_the_page_declares_none():
    body = "<h1>Harbour wall stays</h1><div style='color:#aaa'>Apr 7, 2009</div>"
    assert meta_of(body=body).published == date(2009, 4, 7)


def test_a_date_inside_a_sentence_is_not_the_publication_date():
    body = "<h1>Harbour wall stays</h1><p>The wall was first raised on 30 April 1930 by the old harbour board.</p>"
    assert meta_of(body=body).published is None


def test_labelled_date_under_the_headline_beats_a_sidebar_date():
    body = ("<h1>Coast News</h1><div class='nav'><h2>Latest</h2><p class='date'>2023-11-03</p></div>"
            "<h1>Harbour wall stays</h1><p class='date'>Written: 2023-11-07 15:03:30 / Updated: 2023-11-08</p>")
    found = meta_of("<title>Harbour wall stays</title>", body).published
    assert found == datetime(2023, 11, 7, 15, 3)


# ------------------------------------------------------------------------------------------- titles

def test_title_cut_short_for_a_card_is_not_preferred():
    head = ('<title>Harbour wall stays after a long night of votes -- Local -- Coast News</title>'
            '<meta name="twitter:title" content="Harbour wall stays after a long...">'
            '<meta property="og:title" content="Harbour wall stays after a long night of votes -- Coast News">'
            '<meta property="og:site_name" content="Coast News">')
    assert meta_of(head).title == "Harbour wall stays after a long night of votes"


def test_jsonld_name_when_its_headline_is_a_description():
    head = "<title>Hermit crab - Shorepedia</title>" + ld({"@type": "Article", "name": "Hermit crab",
                                                        "headline": "family of decapod crustaceans"})
    assert meta_of(head).title == "Hermit crab"


def test_jsonld_name_that_is_only_the_site_name_is_not_the_title():
    head = ("<title>Harbour wall stays after a long night of votes - Coast News</title>"
            '<meta property="og:title" content="Harbour wall stays after long night | Coast News">'
            + ld({"@type": "NewsArticle", "name": "Coast News"}))
    assert meta_of(head).title == "Harbour wall stays after long night"


def test_dublin_core_and_parsely_titles_are_candidates():
    assert meta_of('<meta name="parsely-title" content="Harbour wall stays">').title == "Harbour wall stays"


@pytest.mark.parametrize(
    "title, expected",
    [
        # a blog's name goes when the page declares it; without that it could be anyone's
        ("Items We Never Knew We Wanted : The Perspective", "Items We Never Knew We Wanted : The Perspective"),
        ("Shore Notes » Blog Archive » Interning small integers", "Interning small integers"),
        ("Lupita's $150K pearl dress -- STOLEN!!!", "Lupita's $150K pearl dress -- STOLEN!!!"),
        ("短缺药品保供稳价 全力保障临床用药需求-新华网", "短缺药品保供稳价 全力保障临床用药需求"),
        ("新冠疫苗 第1-2期", "新冠疫苗 第1-2期"),
        ("Gaza: talks fail", "Gaza: talks fail"),
    ],
)
def test_site_suffixes(title, expected):
    assert split_site_suffix(title, url="https://shorenotes.example/2019/10/21/post/")[0] == expected


def test_a_site_name_the_page_declares_is_cut_from_its_title():
    head = ('<title>Items We Never Knew We Wanted : The Perspective</title>'
            '<meta property="og:site_name" content="The Perspective">')
    meta = meta_of(head)
    assert (meta.title, meta.site) == ("Items We Never Knew We Wanted", "The Perspective")


def test_a_name_after_the_headline_is_kept_when_nothing_says_it_is_the_site():
    meta = meta_of("<title>Abortion not a poll issue - Blair</title>", url="http://news.bbc.co.uk/1/hi/4.stm")
    assert meta.title == "Abortion not a poll issue - Blair"
    assert meta.site is None


def test_a_site_the_page_names_elsewhere_is_evidence_for_its_title():
    head = ('<title>Harbour wall stays | Local News - Coast Courier Online</title>'
            '<meta name="twitter:site" content="@CoastCourierOnline">')
    meta = meta_of(head)
    assert meta.title == "Harbour wall stays"  # the site's desk goes with its name
    assert meta.site == "Coast Courier Online"


def test_a_title_that_ends_with_its_authors_name_loses_it():
    head = '<title>Why the harbour wall stays | Ines Morel</title><meta name="author" content="Ines Morel">'
    assert meta_of(head).title == "Why the harbour wall stays"
