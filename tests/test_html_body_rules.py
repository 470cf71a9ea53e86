"""Saved pages: the rules that shape the body — page tree pruning before extraction
(html_prune), trafilatura's XML body -> paragraphs (html_body) and furniture lines (hygiene).

Fixtures are pages written for the project (invented text) in tests/fixtures/html/.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from trafilatura.utils import load_html

from search.ingest import parse
from search.ingest.html.body import body_blocks
from search.ingest.html.hygiene import clean_paragraphs, is_furniture
from search.ingest.html.prune import drop_unseen, scan_page, wrap_loose_text

HTML = Path(__file__).resolve().parent / "fixtures" / "html"


def texts(name: str) -> list[str]:
    return [p.text for p in parse((HTML / name).read_bytes(), filename=name).paragraphs]


def tree_text(tree) -> str:
    return " ".join(tree.text_content().split())


def pruned(html: str):
    tree = load_html(html)
    drop_unseen(scan_page(tree))
    return tree_text(tree)


# ------------------------------------------------------------------------------------------- page level

def test_text_after_a_box_inserted_in_a_paragraph_is_kept():
    # <p><div>related links</div>The work is ...</p>: the parser ends the <p> at the <div>, so the rest of
    # the paragraph is loose text after the box. The page sits in one ASP.NET <form>, which stays.
    paragraphs = texts("harbour-inserted-box.html")
    assert paragraphs[1].startswith("The work is expected to take eighteen months")
    assert paragraphs[2].startswith("Skippers have asked")
    assert not any("Storm damage bill" in p for p in paragraphs)


def test_link_labels_after_the_last_sentence_are_dropped():
    paragraphs = texts("tidewater-paywall-furniture.html")
    assert paragraphs[-1] == "The decision was..."
    joined = "\n".join(paragraphs)
    for label in ("Gazette home", "Jobs at the Gazette", "Weather and tides", "Corrections"):
        assert label not in joined
    assert "Bookmark this story" not in joined and "Spotted a mistake" not in joined
    assert "Opens in a new window" not in joined


# ------------------------------------------------------------------------------------------- before extraction

def test_hidden_elements_and_screen_reader_text_are_removed():
    text = pruned("""<html><body><div>
        <p>The ferry sails at nine.<span class="visually-hidden"> (opens in new tab)</span></p>
        <div style="display:none"><p>Saved to your reading list.</p></div>
        <div hidden><p>Thanks for signing up.</p></div>
        <p style="visibility: hidden">Loading comments</p>
        <p><i aria-hidden="true">star</i>The crossing takes an hour.</p>
        </div></body></html>""")
    assert "The ferry sails at nine." in text and "The crossing takes an hour." in text
    for gone in ("opens in new tab", "Saved to your", "Thanks for signing", "Loading comments", "star"):
        assert gone not in text


def test_hidden_slides_taking_turns_stay():
    slides = "".join(f'<div class="slide" style="display:none"><p>Slide {n} shows the quay at dawn.</p></div>'
                     for n in range(1, 4))
    text = pruned(f"<html><body><div>{slides}</div></body></html>")
    assert all(f"Slide {n} shows" in text for n in range(1, 4))


def test_the_rest_of_an_article_behind_a_read_more_button_stays():
    rest = " ".join(["The harbour board will meet again in June to hear the divers' report on the wall."] * 8)
    text = pruned(f"""<html><body><div><p>The board met on Monday.</p>
        <div class="more" style="display: none"><p>{rest}</p></div>
        <div class="pulldown" style="display: none"><p>Save this story for later.</p></div></div></body></html>""")
    assert "hear the divers' report" in text
    assert "Save this story" not in text


def test_content_under_a_modal_or_holding_the_headline_stays():
    text = pruned("""<html><body>
        <div id="app" aria-hidden="true"><p>The lighthouse keeper retired on Friday.</p></div>
        <div style="display: none"><h1>Lighthouse keeper retires</h1></div>
        <div role="dialog">We value your privacy</div>
        </body></html>""")
    assert "The lighthouse keeper retired on Friday." in text
    assert "Lighthouse keeper retires" in text


def test_small_forms_go_but_a_form_wrapping_the_page_stays():
    paragraphs = "".join(f"<p>Paragraph {n} of the story about the harbour.</p>" for n in range(6))
    text = pruned(f"""<html><body>
        <form id="aspnetForm" action="story.aspx"><div>{paragraphs}
        <form action="/subscribe"><p>Get the morning briefing</p><input name="email"></form>
        </div></form></body></html>""")
    assert "Paragraph 5 of the story" in text
    assert "morning briefing" not in text


def test_loose_text_in_a_table_cell_or_short_tail_is_left_alone():
    tree = load_html("""<html><body><div><p>One.</p><div class="ad">Advert</div>Short tail.
        <table><tr><td><p>Cell one.</p><div>box</div>Text in a layout cell stays where it is here.</td></tr></table>
        </div></body></html>""")
    wrap_loose_text(scan_page(tree))
    assert not tree.xpath("//p[contains(., 'Short tail')]")
    assert not tree.xpath("//p[contains(., 'layout cell')]")


# ------------------------------------------------------------------------------------------- XML body -> blocks

def xml_body(inner: str) -> etree._Element:
    return etree.fromstring(f"<body>{inner}</body>")


def test_leading_headline_is_metadata_but_subheadings_stay():
    blocks = body_blocks(xml_body(
        '<head rend="h1">Fellbridge votes for a swimming lake</head><p>The parish voted on Monday.</p>'
        '<head rend="h2">Traffic fears</head><p>Neighbours fear the extra cars.</p>'))
    assert blocks == ["The parish voted on Monday.", "Traffic fears", "Neighbours fear the extra cars."]


def test_teasers_marked_as_standfirsts_go_with_their_headlines():
    blocks = body_blocks(xml_body(
        "<p>The council approved the budget.</p>"
        '<head rend="h2">More opinion</head>'
        '<head rend="h4">Bridges Why we need two</head><p class="standfirst">A second crossing is overdue.</p>'
        '<head rend="h4">Schools Small is fine</head><p class="standfirst">Village schools work well.</p>'))
    assert blocks == ["The council approved the budget."]


def test_a_single_standfirst_and_summary_points_without_headlines_stay():
    blocks = body_blocks(xml_body('<p class="standfirst">The budget passed.</p><p>Councillors voted 9-2.</p>'))
    assert blocks == ["The budget passed.", "Councillors voted 9-2."]
    points = '<p class="summary">Taxes rise by 2%.</p><p class="summary">Bus fares are frozen.</p>'
    assert body_blocks(xml_body(points + "<p>The council met on Monday.</p>"))[:2] == [
        "Taxes rise by 2%.", "Bus fares are frozen."]


def test_trailing_run_of_labels_goes_but_addresses_lists_and_short_runs_stay():
    story = "<p>The cafe opens at eight every morning, its owner said.</p>"
    labels = "<p>Home</p><p>Careers</p><p>Weather</p>"
    assert body_blocks(xml_body(story + labels)) == ["The cafe opens at eight every morning, its owner said."]
    assert body_blocks(xml_body(story + "<p>Contact</p><p>Weather</p>"))[-1] == "Weather"
    address = '<head rend="h3">Visit</head><p>12 Quay Street</p><p>Tel 0123 456</p>'
    assert body_blocks(xml_body(story + address))[-1] == "Tel 0123 456"
    items = '<list rend="ul"><item>Flour</item><item>Butter</item><item>Sugar</item></list>'
    assert body_blocks(xml_body(story + items))[-1] == "Sugar"


def test_section_menu_above_the_first_sentence_goes_even_inside_a_layout_table():
    menu = "<p>Weekly edition</p><p>Security</p><p>Kernel</p><p>Distributions</p>"
    story = '<head rend="h2">A quarrel over a name</head><p>Two firms both claim the name, and a court will decide.</p>'
    table = f"<table><row><cell>{menu}</cell></row><row><cell>{story}</cell></row></table>"
    assert body_blocks(xml_body(table)) == ["A quarrel over a name",
                                            "Two firms both claim the name, and a court will decide."]
    assert body_blocks(xml_body("<p>Security</p><p>Kernel</p>" + story))[0] == "Security"  # two are not a menu


# ------------------------------------------------------------------------------------------- furniture lines

@pytest.mark.parametrize("line", [
    "Learn more",
    "Learn more about Harbour Radio",
    "From the section Business",
    "Pros",
    "3 of 12",
    "Fullscreen",
    "You Might Also Like",
    "Want the week's best stories? Sign up for The Sunday Digest",
    "-- By Ana Ruiz Follow @anaruiz",
    "Lesen Sie auch: Der Hafen wird erweitert",
    "À lire aussi : Le port s'agrandit",
    "[Docs] [txt|pdf] [Tracker] [Email]",
    "【纠错】 【责任编辑:王小明 】",
    "Ana Ruiz | Palma | 08/01/2014",
    "★★★★",
    "Ana Ruiz <ana@example.org>",
    "Send your tips to <desk@example.org>.",
    "Donate by card: https://example.org/give",
    "What a finish at the harbour regatta pic.twitter.com/AbC123xyz",
    "This site is licensed under a Creative Commons Attribution 4.0 License.",
    "Never miss a story from the valley by signing up to our newsletter today!",
    "For the latest stories and breaking news download the Valley Post apps for iOS and Android.",
    "Follow The Valley Post on Twitter and Instagram @valleypost.",
    "Some links here are affiliate links: we may earn a small commission if you buy.",
    "We want to hear what you think. Submit a letter to the editor at letters@example.org.",
    "To read the full story, please subscribe. Already a subscriber? Log in.",
    "Page created 03-10-2004 - Last Modified: 04-10-2004",
])
def test_new_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Learn more about the study at the university, the author said.",
    "Cons of the plan were clear to the fishermen.",
    "By the time the ferry arrived, the crowd had gone.",
    "Registration is open at www.example.org.",
    "Host:www.example.org",
    "Prices rose 3 of 12 months last year, the bank said.",
    "The mayor | who spoke on Monday | said the port would grow.",
    "He urged voters to follow him on Twitter before the vote.",
    "Fans can sign up for the newsletter, the club said, but few have.",
    "The app, which users must download, was built in 2019.",
])
def test_body_sentences_that_look_like_the_new_furniture_are_kept(line):
    assert not is_furniture(line)
    assert clean_paragraphs([line]) == [line]


def test_a_news_agency_after_a_slash_in_a_dateline_is_not_cut_as_a_credit():
    from search.ingest.html.hygiene import clean_paragraphs

    dateline = ("MOSCOW (Harbour Wire / Reuters - 29th April, 2020) The minister said the border would stay closed "
                "until the summer.")
    assert clean_paragraphs([dateline]) == [dateline]
    credited = ("The wall was built in 1820. Photo: Ann Lee/Reuters The council will vote on Friday on whether to pay "
                "for the repairs from its reserves or from a new levy on every boat that moors in the harbour.")
    assert "Ann Lee" not in clean_paragraphs([credited])[0]
