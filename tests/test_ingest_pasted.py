"""Pasted text at real-world quality: browser prints and copies from the page, on the project's own fixtures.

The fixtures in tests/fixtures/pasted/ are invented articles that reproduce each kind of furniture:
Chrome, Firefox and Safari print headers/footers, hard wraps, page breaks inside paragraphs, menus,
share bars, ads, teasers, newsletter prompts, comment counts, legal and tip lines, captions and credits.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from search.errors import IngestError
from search.ingest import parse
from search.ingest.bylines import find_agency, parse_byline
from search.ingest.dates import find_date, find_relative_time, parse_print_stamp
from search.ingest.furniture import is_furniture_line
from search.ingest.pasted.menus import collapse_menu_runs, is_menu_placeholder
from search.ingest.pasted.paragraphs import rebuild_paragraphs
from search.ingest.pasted.text import parse_pasted
from tests.helpers.printset import SHARED_PRINT, body_kept, known_body, print_rows, shingles

PASTED = Path(__file__).resolve().parent / "fixtures" / "pasted"


def _parse(name: str):
    return parse((PASTED / name).read_bytes(), filename=name)


def _texts(article) -> list[str]:
    return [p.text for p in article.paragraphs]


def _paragraph_with(article, words: str) -> str:
    found = [t for t in _texts(article) if words in t]
    assert len(found) == 1, f"expected one paragraph with {words!r}, got {found}"
    return found[0]


# --- Chrome print through pdftotext: form feeds, date + title header, URL + n/N footer, hard wraps ---


@pytest.fixture(scope="module")
def chrome():
    return _parse("chrome-print.txt")


def test_chrome_metadata(chrome):
    assert chrome.section == "Transport"
    assert chrome.title == "Tram line to the coast approved after ten-year campaign"
    assert chrome.standfirst.startswith("Work on the twelve-mile route")
    assert chrome.authors == ["Maya Lindqvist", "Oren Feld"]
    assert chrome.site == "kessingtoncourier.example"  # the host of the URL in the print footer
    assert chrome.url == "https://www.kessingtoncourier.example/news/2024/03/01/tram-line-coast-approved"


def test_chrome_published_is_the_written_date_not_the_update(chrome):
    assert chrome.published == datetime(2024, 3, 1, 18, 5)


def test_chrome_dateline_stays_and_agency_is_recorded(chrome):
    assert chrome.agency == "Reuters"
    assert chrome.paragraphs[0].text.startswith("KESSINGTON (Reuters) - Councillors approved a tram line")


def test_chrome_hard_wrapped_lines_are_joined_into_paragraphs(chrome):
    assert len(chrome.paragraphs) == 9
    assert chrome.paragraphs[1].text == (
        "The twelve-mile route will run from the central station to the harbour at Lessmouth, with eleven stops "
        "on the way, and is expected to carry four million passengers a year once it is running."
    )


def test_chrome_paragraph_cut_by_a_page_break_is_rejoined(chrome):
    text = _paragraph_with(chrome, "ordered from a factory in")
    assert text.endswith("The first trams have been ordered from a factory in the north of England, the council said.")


def test_chrome_soft_hyphen_removed_real_hyphen_kept(chrome):
    text = _paragraph_with(chrome, "auditors")
    assert "outside auditors" in text
    assert "well-known tram schemes" in text


def test_chrome_glued_credit_is_cut_and_the_sentence_kept(chrome):
    assert chrome.paragraphs[-1].text.startswith("Shoppers in Lessmouth said")


@pytest.mark.parametrize(
    "furniture",
    ["3/2/24", "10:15 AM", "1/3", "2/3", "https://", "Kessington Courier", "Skip to main content", "Subscribe",
     "Share this article", "Photograph:", "Image 1 of 33", "Advertisement", "Story continues", "Read more",
     "AP Photo", "Getty Images", "newsletter", "Most Read", "comments", "news tip", "©", "Terms of Service",
     "5 Min Read"],
)
def test_chrome_no_furniture_survives(chrome, furniture):
    assert not [t for t in _texts(chrome) if furniture.lower() in t.lower()]


def test_chrome_caption_is_not_a_paragraph(chrome):
    assert not [t for t in _texts(chrome) if t.startswith(("A tram at the depot", "Rhona Vance at the old station"))]


# --- Firefox print preview pasted: no form feeds; title + URL on top, "n of N" + d/m/y stamp below ---


@pytest.fixture(scope="module")
def firefox():
    return _parse("firefox-print-preview.txt")


def test_firefox_metadata(firefox):
    assert firefox.section == "Transport"
    assert firefox.title == "Ferry strike called off hours before Easter sailings"
    assert firefox.standfirst == "Crews accept a revised pay offer after talks that ran through the night"
    assert firefox.authors == ["Nadia Osei", "Tom Okafor"]
    assert firefox.site == "kessingtoncourier.example"


def test_firefox_relative_time_resolved_against_a_day_first_stamp(firefox):
    # 14/01/2022, 09:47 (day first: 14 cannot be a month) minus "3 HOURS AGO"
    assert firefox.published == datetime(2022, 1, 14, 6, 47)


def test_firefox_headers_and_counters_are_gone(firefox):
    for t in _texts(firefox):
        assert "14/01/2022" not in t and "of 3" not in t and "kessingtoncourier.example" not in t
        assert not t.startswith("Ferry strike called off")


def test_firefox_counter_lookalikes_in_the_text_stay(firefox):
    assert "The union won 4 of 5 seats on the new rota committee" in _paragraph_with(firefox, "4 of 5 seats")
    assert not [t for t in _texts(firefox) if "Image 1 of 33" in t]


def test_firefox_paragraph_cut_by_a_page_break_is_rejoined(firefox):
    text = _paragraph_with(firefox, "rota committee")
    assert text.endswith("which will meet for the first time in May and report to both sides by the end of the summer.")
    assert len(firefox.paragraphs) == 7


def test_firefox_inline_tags_removed_words_kept(firefox):
    assert "more than twenty thousand passengers were booked" in _paragraph_with(firefox, "twenty thousand")
    assert not [t for t in _texts(firefox) if "<u>" in t or "</u>" in t]


# --- Safari print: "Page n of N" footer with the URL, title — site header ---


@pytest.fixture(scope="module")
def safari():
    return _parse("safari-print.txt")


def test_safari_metadata(safari):
    assert safari.section == "Nature"
    assert safari.title == "Otters return to the Lessing river after forty years"
    assert safari.authors == ["Ines Kowalczyk"]
    assert safari.published == date(2022, 3, 21)
    assert safari.site == "lessingvalley.example"  # "https://lessingvalley.example/... Page 1 of 2"
    assert safari.url == "https://lessingvalley.example/nature/otters-return"


def test_safari_page_counters_gone_and_quote_rejoined(safari):
    assert not [t for t in _texts(safari) if "Page 1" in t or "Page 2" in t or "lessingvalley.example" in t]
    quote = _paragraph_with(safari, "Seeing the cubs")
    assert quote.startswith('"Seeing the cubs')  # the caption above it is not glued on
    assert quote.endswith('"It tells us the whole river is healing, not just one stretch of it."')


def test_safari_caption_follow_and_comment_lines_gone(safari):
    assert len(safari.paragraphs) == 4
    assert not [t for t in _texts(safari) if "Image:" in t or "Follow us" in t or "conversation" in t]


# --- Copied straight from the page: menus, cookie notice, share buttons, ads, teasers, footer ---


@pytest.fixture(scope="module")
def copied():
    return _parse("copied-from-page.txt")


def test_copied_metadata(copied):
    assert copied.section == "Business"
    assert copied.title == "School canteen supplier wins contract for every primary in the county"
    assert copied.site == "The Kessington Courier"
    assert copied.standfirst is None  # "4 min read" is a reading time, not a standfirst
    assert copied.authors == ["Ed Marlowe"]
    assert copied.published == datetime(2022, 12, 6, 9, 20)
    assert copied.agency == "AP"


def test_copied_body(copied):
    assert _texts(copied)[0].startswith("KESSINGTON, England (AP) — A family-run catering firm")
    assert _texts(copied)[1].startswith("The five-year contract")  # one line, one paragraph
    assert _texts(copied)[2].startswith("Shouldn't a contract of this size")  # glued Getty credit cut off
    assert len(copied.paragraphs) == 6


@pytest.mark.parametrize(
    "furniture",
    ["cookies", "Skip to", "Accessibility", "Tweet", "Advertisement", "AP Photo", "READ MORE", "We were never asked",
     "Sign up", "email address", "Most Read", "Harbour bridge tolls", "comments", "Reporting by", "Copyright",
     "news tip", "Privacy"],
)
def test_copied_no_furniture_survives(copied, furniture):
    assert not [t for t in _texts(copied) if furniture.lower() in t.lower()]


# --- The site comes from the page's address ---


_BLAIR = ("Abortion not a poll issue - Blair\n\n"
          "Tony Blair has said abortion will not become an election issue, after a row over remarks by the "
          "Conservative leader.\n\n"
          "The prime minister said it was a matter of conscience for each MP and would stay that way.\n")


def test_site_of_a_paste_is_the_host_of_its_given_url():
    article = parse(_BLAIR, filename="blair.txt", url="https://news.bbc.co.uk/1/hi/uk_politics/4346669.stm")
    assert article.site == "news.bbc.co.uk"
    assert article.url == "https://news.bbc.co.uk/1/hi/uk_politics/4346669.stm"


def test_paste_without_url_keeps_the_site_named_in_its_title():
    assert _parse("copied-from-page.txt").site == "The Kessington Courier"


# --- Bad input ---


def test_empty_paste_is_refused():
    with pytest.raises(IngestError, match="empty"):
        parse("   \n\n  ")


def test_page_that_printed_blank_is_refused():
    with pytest.raises(IngestError, match="No article text was found in blank-print.txt"):
        _parse("blank-print.txt")


def test_blank_print_preview_paste_is_refused():
    text = ("Live updates | Example Post\nhttps://example-post.example/live\n\n1 of 2 01/14/22, 09:47\n\n"
            "Live updates | Example Post\nhttps://example-post.example/live\n\n2 of 2 01/14/22, 09:47\n")
    with pytest.raises(IngestError, match="No article text was found in blank.txt"):
        parse(text, filename="blank.txt")


def test_paste_of_only_menus_is_refused():
    menus = "\n".join(
        ["Home", "News", "Sport", "Weather", "Expand/collapse submenu for News", "Share", "Subscribe"] * 1500)
    with pytest.raises(IngestError, match="No article text was found in menus.txt"):
        parse(menus, filename="menus.txt")


def test_article_after_thousands_of_menu_lines_is_found():
    menus = "\n".join(f"Section {i}\nTopic {i}" for i in range(3000))
    body = (
        "The harbour master said on Monday that the old lighthouse will be repaired over the summer.\n\n"
        "Work will start in June and the lamp should shine again by the autumn, she added.\n"
    )
    article = parse_pasted(menus + "\n\n" + body, name="long menu paste")
    assert [p.text[:20] for p in article.paragraphs] == ["The harbour master s", "Work will start in J"]


# --- Text repair through search.ingest.parse ---


def test_mojibake_is_repaired():
    text = ("Harbour tolls rise\n\n"
            "The operator said drivers donâ€™t have to pay until March, when the new rates start.\n")
    article = parse(text.encode("utf-8"), filename="mojibake.txt")
    assert "drivers don’t have to pay" in article.paragraphs[0].text


def test_cp1252_bytes_are_decoded():
    text = ("Caf\u00e9 reopens\n\n"
            "The owner said the caf\u00e9 would \u201cnever close again\u201d after the repairs were done.\n")
    article = parse(text.encode("cp1252"), filename="cafe.txt")
    assert article.title == "Café reopens"
    assert "the café would “never close again” after" in article.paragraphs[0].text


def test_invisible_characters_and_nbsp_are_cleaned():
    text = ("Bridge reopens\n\n"
            "The\u00a0bridge reopened on Monday\u200b after\u00a0three months of repairs, the council said "
            "in a statement.\n")
    article = parse(text, filename="bridge.txt")
    assert article.paragraphs[0].text == (
        "The bridge reopened on Monday after three months of repairs, the council said in a statement.")


# --- Paragraph rebuilding on its own ---


def test_wrapped_lines_join_and_short_line_ends_paragraph():
    lines = [
        "The committee met for three hours on Tuesday and heard from more than forty residents who",
        "live along the route of the proposed bypass around the village.",
        "Most of them opposed the plan, saying it would cut the village off from its fields and its",
        "school, and that the traffic would simply move somewhere else.",
    ]
    blocks = rebuild_paragraphs(lines)
    assert [b.text[:20] for b in blocks] == ["The committee met fo", "Most of them opposed"]


def test_list_items_stay_separate_blocks():
    lines = [
        "The council set out three conditions for the new contract, which must all be met by the end of the year:",
        "• meals cooked within ten miles",
        "• menus published every term",
        "• an annual taste test",
    ]
    assert [b.text for b in rebuild_paragraphs(lines)][1:] == [
        "• meals cooked within ten miles", "• menus published every term", "• an annual taste test"]


# --- Short paragraphs are news: never dropped for being short ---

_SHORT_BODY = [
    "The vote was 31 to 20.",
    '"We will fight this," said Tom Jones',
    "No one was injured.",
    "He declined to comment.",
]


@pytest.mark.parametrize("name", ["short-paragraphs.txt", "short-paragraphs-print.txt"])
def test_short_paragraphs_are_kept(name):
    article = _parse(name)
    texts = _texts(article)
    assert len(texts) == 6
    assert texts[0].startswith("The council approved repairs to the harbour wall")
    assert texts[3].startswith("The harbour master said")
    assert [texts[1], texts[2], texts[4], texts[5]] == _SHORT_BODY
    assert article.title == "Harbour wall repairs approved after storm breach"
    assert not [t for t in texts if "Most Read" in t or "Share" in t]


def test_short_quote_paragraph_keeps_its_speaker():
    quote = _parse("short-paragraphs.txt").paragraphs[2]
    assert [s.name for s in quote.speakers] == ["Tom Jones"]


def test_list_announced_by_a_colon_is_kept_to_the_end():
    texts = _texts(_parse("list-after-colon.txt"))
    start = texts.index("Seven big questions heading into the debate:")
    assert texts[start + 1:start + 8] == [
        "Will the governor defend the budget?", "Can the challenger look like a leader?", "Who wins on housing",
        "Does anyone mention the port strike?", "Will the moderators keep time?", "How will the undecided react?",
        "What happens after?"]
    assert texts[-1] == "Both campaigns said they would publish their own fact checks during the debate."
    assert "Markets report" not in texts


def test_bulleted_list_between_paragraphs_is_kept():
    text = (
        "Ferry timetable changes from Monday\n\n"
        "The ferry operator published its winter timetable on Friday, with fewer crossings on weekday evenings.\n\n"
        "• The last sailing from Lessmouth leaves at 9pm\n"
        "• Sunday morning crossings start an hour later\n"
        "• Bicycles travel free until March\n\n"
        "The operator said the changes would save fuel during the quietest months of the year.\n"
    )
    texts = _texts(parse(text, filename="ferry.txt"))
    assert texts[1:4] == ["• The last sailing from Lessmouth leaves at 9pm",
                          "• Sunday morning crossings start an hour later", "• Bicycles travel free until March"]
    assert len(texts) == 5


def test_wrapped_japanese_print_is_rebuilt_into_its_paragraphs():
    """Japanese wraps at any character and has no capitals: a line that stops well short of the margin ends its
    paragraph, wrapped lines join without a space, and a ranking of other stories under its label stays out."""
    text = ("港の防波堤を修理へ　市議会が承認\n"
            "ツイート\n"
            "シェアする\n"
            "市議会は火曜日、一月の嵐で壊れた港の防波堤の修理を承認した。工事は春に始まり、およそ半年かかる見通しだ。港長によると\n"
            "、工事の間は岸壁が閉鎖される。\n"
            "フェリーは工事の間、北の桟橋から出航する。市は費用の半分を国の補助金でまかなう考えで、残りは来年度の予算に計上する\n"
            "方針だ。けが人はいなかった。\n"
            "アクセスランキング\n"
            "1. 「駅前の再開発」計画に反対の声 住民説明会で「説明が足りない」と不満相次ぐ "
            "地域ニュース 3/9(木) 18:45\n"
            "2. 「夏祭り」今年は中止へ 実行委員会が発表 担い手不足で「苦渋の決断」と委員長 "
            "地域ニュース 3/9(木) 17:10\n")
    assert _texts(parse(text, filename="port-print.txt")) == [
        "市議会は火曜日、一月の嵐で壊れた港の防波堤の修理を承認した。工事は春に始まり、およそ半年かかる見通しだ。港長によると、"
        "工事の間は岸壁が閉鎖される。",
        "フェリーは工事の間、北の桟橋から出航する。市は費用の半分を国の補助金でまかなう考えで、残りは来年度の予算に計上する方針だ。"
        "けが人はいなかった。"]


def test_article_in_japanese_is_read_as_prose():
    text = ("港の防波堤を修理へ\n\n"
            "市議会は火曜日、一月の嵐で壊れた港の防波堤の修理を承認した。工事は春に始まり、およそ半年かかる見通しだ。\n\n"
            "港長によると、工事の間は岸壁が閉鎖され、フェリーは北の桟橋から出航する。けが人はいなかった。\n")
    texts = _texts(parse(text, filename="port.txt"))
    assert [t[:8] for t in texts] == ["市議会は火曜日、", "港長によると、工"]


def test_table_of_figures_between_paragraphs_is_kept_and_does_not_split_the_article():
    rows = "\n".join(f"{year} │ {count:>5} │ {share:.3f}" for year, count, share in
                     [(2019, 1204, 0.412), (2020, 988, 0.339), (2021, 1130, 0.388), (2022, 1377, 0.473),
                      (2023, 1519, 0.522), (2024, 1602, 0.551), (2025, 1688, 0.580)])
    text = (
        "Ferry passenger numbers recover\n\n"
        "Passenger numbers on the Lessmouth ferry have recovered to their level before the pandemic, the operator "
        "said in its annual report on Tuesday.\n\n"
        "The report gives the number of crossings and the share of them that were full for each year:\n\n"
        f"{rows}\n\n"
        "The operator said the busiest crossings were on Saturday mornings in August, when every sailing was full.\n\n"
        "It plans to add a second boat on summer weekends from next year if the council agrees to extend the quay.\n"
    )
    texts = _texts(parse(text, filename="ferry-figures.txt"))
    assert texts[0].startswith("Passenger numbers on the Lessmouth ferry")
    assert "2022 │ 1377 │ 0.473" in texts
    assert texts[-1].startswith("It plans to add a second boat")


def test_line_of_prose_that_lost_its_full_stop_is_kept():
    text = (
        "Harbour lights switched back on\n\n"
        "The harbour lights were switched back on on Friday after three weeks of repairs, the port authority said.\n\n"
        "Thanks to a grant from the county the old lamps have been replaced with ones that use far less power\n\n"
        "The authority said the work had been finished a week earlier than planned.\n"
    )
    texts = _texts(parse(text, filename="lights.txt"))
    assert texts[1] == ("Thanks to a grant from the county the old lamps have been replaced with ones that use far "
                        "less power")


def test_print_stamp_set_below_the_first_lines_of_a_page_is_cut():
    page = ("3/2/24, 10:15 AM\n\nFerry passenger numbers recover - The Kessington Courier\n\n{body}\n"
            "https://www.kessingtoncourier.example/news/ferry-numbers\n\n{n}/3\n\f")
    first = ("Ferry passenger numbers recover\n\nPassenger numbers on the Lessmouth ferry have recovered to their "
             "level before the pandemic,\nthe operator said in its annual report on Tuesday.\n")
    second = ("The busiest crossings were on Saturday mornings in August.\nEvery sailing was full.\nIt was the "
              "first full summer\n\n3/2/24, 10:15 AM\n\nsince the new timetable started, the operator said.\n"
              "Fares will stay the same\nuntil the end of March,\nthe operator said.\n")
    third = "It plans to add a second boat on summer weekends from next year, the operator said.\n"
    text = "".join(page.format(body=body, n=n) for n, body in ((1, first), (2, second), (3, third)))
    texts = _texts(parse(text, filename="ferry-print.txt"))
    assert not [t for t in texts if "10:15 AM" in t]
    assert [t for t in texts if "It was the first full summer since the new timetable started, the operator" in t]


def test_photo_gallery_inside_the_article_is_left_out_and_does_not_split_it():
    slides = "".join(
        f"{k}/12 {title}\n\n{caption}\n\n" for k, (title, caption) in enumerate([
            ("Harbour wall breached", "The storm tore a thirty-metre gap in the harbour wall in January."),
            ("Fish market flooded", "Traders spent a week clearing the market hall after the water went down."),
            ("Ferry moved north", "The ferry has sailed from the north jetty since the quay was closed."),
            ("Repairs begin", "Engineers started work on the wall on Monday, two weeks ahead of plan."),
        ], start=1))
    text = (
        "Harbour wall repairs begin\n\n"
        "Engineers started repairing the harbour wall on Monday, three months after a storm breached it.\n\n"
        "The work will take about six months and will cost the council four million pounds, its report said.\n\n"
        f"The harbour in pictures\n\n{slides}"
        "The harbour master said the quay would reopen to boats in stages from the end of the summer.\n\n"
        "The ferry will return to its usual berth once the last section of the wall is finished.\n"
    )
    texts = _texts(parse(text, filename="harbour-gallery.txt"))
    assert [t[:20] for t in texts] == ["Engineers started re", "The work will take a", "The harbour master s",
                                       "The ferry will retur"]


def _print_of(url: str, header_lines: list[str], stamp: str = "12/7/26, 3:19 AM") -> str:
    """A two-page browser print: each page has the print stamp and running title on top, the URL and the page
    counter below; the first page opens with the headline and the page's header lines."""
    title = "Harbour wall repairs begin after the winter storms"
    top = f"{stamp}\n\n{title} - Coast News\n\n"
    first = (f"{title}\n\n" + "".join(f"{line}\n\n" for line in header_lines)
             + "Engineers started repairing the harbour wall on Monday, three months after a storm breached it.\n\n"
             "The work will take about six months and will cost the council four million pounds, its report said.\n")
    second = "The harbour master said the quay would reopen to boats in stages from the end of the summer.\n"
    return f"{top}{first}\n{url}\n\n1/2\n\n\f{top}{second}\n{url}\n\n2/2\n\n\f"


def _day(moment) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment


@pytest.mark.parametrize("url, stamp_line, day", [
    ("https://www.coastnews.example.ie/harbour-wall", "08/11/2023 | 20:26 PM", date(2023, 11, 8)),
    ("https://www.coastnews.example.co.uk/harbour-wall", "02/11/2023 02:00pm GMT", date(2023, 11, 2)),
    ("https://www.coastnews.example.com/harbour-wall", "Updated 11/8/2023 10:46 PM", date(2023, 11, 8)),
    ("https://www.coastnews.example.com/harbour-wall", "By Jane Hale, 01.11.2023 06:06", date(2023, 11, 1)),
])
def test_a_date_written_in_numbers_is_read_the_way_the_site_writes_it(url, stamp_line, day):
    article = parse(_print_of(url, [stamp_line]), filename="harbour.txt")
    assert _day(article.published) == day


def test_a_written_date_beats_a_time_ago_from_a_sidebar():
    article = parse(_print_of("https://www.coastnews.example.com/harbour-wall",
                              ["(@CoastNewsDesk) 12 minutes ago", "Wed 29th April 2020 | 03:32 PM"]),
                    filename="harbour.txt")
    assert _day(article.published) == date(2020, 4, 29)


def test_a_labelled_date_far_above_the_article_is_its_date():
    teasers = [f"{place} council votes on the new {thing} plan" for place in ("Lessmouth", "Kessington", "Harwick")
               for thing in ("parking", "ferry", "school", "library")]  # a box of other stories between them
    paste = _print_of("https://www.coastnews.example.com/harbour-wall", [])
    top = "12/7/26, 3:19 AM\n\nHarbour wall repairs begin after the winter storms - Coast News\n\n"
    paste = paste.replace(top, top + "Published: 7:49, 2 Nov 2023\n\n" + "\n\n".join(teasers) + "\n\n", 1)
    article = parse(paste, filename="harbour.txt")
    assert _texts(article)[0].startswith("Engineers started")
    assert _day(article.published) == date(2023, 11, 2)


def test_the_date_in_the_printed_url_is_the_date_when_the_page_prints_none():
    article = parse(_print_of("https://www.coastnews.example.com/news/20231108/harbour-wall", []),
                    filename="harbour.txt")
    assert article.published == date(2023, 11, 8)


def test_the_url_the_user_gives_tells_how_a_paste_writes_its_dates():
    """A paste without a print footer: only the address the user typed says the site writes day first."""
    paste = ("Harbour wall repairs begin after the winter storms\n\n02/11/2023\n\n"
             "Engineers started repairing the harbour wall on Monday, three months after a storm breached it.\n\n"
             "The work will take about six months and will cost the council four million pounds, its report said.\n")
    article = parse(paste, filename="harbour.txt", url="https://www.coastnews.example.co.uk/harbour-wall")
    assert _day(article.published) == date(2023, 11, 2) and article.site == "coastnews.example.co.uk"
    assert _day(parse(paste, filename="harbour.txt").published) == date(2023, 2, 11)  # no address: month first
    dated = parse(paste.replace("02/11/2023\n\n", ""), filename="harbour.txt",
                  url="https://www.coastnews.example.com/news/20231108/harbour-wall")
    assert dated.published == date(2023, 11, 8)


# --- Where the article ends: its tags, its comments, other stories ---


def test_article_ends_at_its_tags_and_the_comments_are_left_out():
    """A blog print: a comment count by the byline, a box of related links inside the article, then the tags and
    a comment section whose comments read like prose."""
    texts = _texts(_parse("comments-after-article.txt"))
    assert [t[:20] for t in texts] == ["The town council has", "More than four hundr", "Councillors said the",
                                       "Plot holders on the ", "The committee will r"]
    assert not [t for t in texts if "Seed swap" in t or "railway yard" in t or "daughter" in t]


def test_comment_section_after_a_short_article_is_left_out():
    article = parse(
        "Library opening hours extended\n\n"
        "The central library will stay open until eight in the evening from Monday, the council said.\n\n"
        "The longer hours are paid for by a grant from the county's arts fund and will run for a year.\n\n"
        "3 Comments\n\n"
        "This is wonderful news for anyone who works during the day and could never get to the library.\n\n"
        "About time too. The old hours were useless for students who have lectures all afternoon.\n",
        filename="library.txt")
    assert [p.text[:20] for p in article.paragraphs] == ["The central library ", "The longer hours are"]


def test_a_box_of_other_stories_inside_the_article_does_not_end_it():
    article = parse(
        "Bus fares frozen for another year\n\n"
        "Bus fares in the county will stay at their current level until next April, the transport board said.\n\n"
        "The freeze costs the board about two million pounds, which it will take from its reserves.\n\n"
        "More from Transport\n\nNew timetable for the coast road\n\n"
        "Operators had asked for a rise of five per cent to cover the cost of fuel and drivers' wages.\n\n"
        "The board said it would look again at fares in the autumn, when the new contracts are signed.\n",
        filename="fares.txt")
    assert [p.text[:20] for p in article.paragraphs] == [
        "Bus fares in the cou", "The freeze costs the", "Operators had asked ", "The board said it wo"]


_ALLOTMENT_STORY = [
    "The town council has agreed to double the number of allotments on the old railway land by next spring.",
    "More than four hundred people are on the waiting list, some of them for as long as eight years, the council "
    "said in its report to the planning committee on Tuesday evening.",
    "Councillors said the new plots would be smaller than the old ones, so that more people could have one, and "
    "that the rent would stay at thirty pounds a year for the first three years of the scheme.",
    "Plot holders on the existing site said they welcomed the plan but worried about the water supply, which "
    "already runs short in dry summers when everyone waters their beds in the evening.",
    "The committee will review the water supply in the autumn and has asked the water company for a new main "
    "along the footpath, which would also serve the community orchard planned beside it.",
    "A spokesman for the allotment society said its members would help to clear the ground over the winter, as "
    "they had done when the first plots were laid out on the site twenty years ago.",
]
_LONG_COMMENTS = [
    "I have been on the waiting list for six years now and I am glad something is finally being done about it, "
    "though I will believe it when I see the first spade go into the ground on that land.",
    "Smaller plots are a mistake in my view. You cannot grow enough potatoes for a family on half a plot, and the "
    "people who really need the food will be the ones who lose out under this scheme.",
    "The water problem is real. Last August the taps were dry by six in the evening and we had to carry cans from "
    "home in the car, which rather defeats the point of growing your own vegetables.",
    "Well done to the society for pushing this through. My grandfather had a plot on the railway land before the "
    "war and it would be lovely to see it full of gardens again after all these years.",
] * 2


def test_a_tag_line_wrapped_onto_the_last_paragraph_ends_the_article():
    paste = ("Allotments doubled on railway land\n\n" + "\n\n".join(_ALLOTMENT_STORY[:3])
             + "\nFiled under allotments , railway land.\n\n" + "\n\n".join(_LONG_COMMENTS[:2]) + "\n")
    texts = _texts(parse(paste, filename="allotments.txt"))
    assert [t[:20] for t in texts] == [t[:20] for t in _ALLOTMENT_STORY[:3]]
    assert texts[-1] == _ALLOTMENT_STORY[2]


def test_comment_form_lines_end_the_article():
    paste = ("Allotments doubled on railway land\n\n" + "\n\n".join(_ALLOTMENT_STORY[:3])
             + "\n\nNo HTML tags allowed.\n\n"
             "Web page addresses and e-mail addresses turn into links automatically.\n\n"
             + "\n\n".join(_LONG_COMMENTS[:2]) + "\n")
    texts = _texts(parse(paste, filename="allotments.txt"))
    assert [t[:20] for t in texts] == [t[:20] for t in _ALLOTMENT_STORY[:3]]


def test_a_long_comment_section_does_not_keep_the_article_from_ending():
    """The comments outweigh the article: the label under it still ends it once a long article has gone by."""
    paste = ("Allotments doubled on railway land\n\n" + "\n\n".join(_ALLOTMENT_STORY) + "\n\nLike this:\n\n"
             + "\n\n".join(_LONG_COMMENTS) + "\n")
    texts = _texts(parse(paste, filename="allotments.txt"))
    assert [t[:20] for t in texts] == [t[:20] for t in _ALLOTMENT_STORY]


def test_a_long_cookie_banner_and_a_newsletter_form_are_not_the_article():
    banner = ("We use cookies and similar technologies to improve your browsing experience, personalise content and "
              "offers, show targeted ads, analyse traffic, and better understand you. We may share your information "
              "with third-party partners for marketing purposes. To learn more and make choices about data use, "
              "visit our Advertising Policy and Privacy Policy. By clicking Accept and Continue below, you consent "
              "to these activities unless and until you withdraw your consent using our rights request form.")
    paste = ("Allotments doubled on railway land\n\n" + banner + "\n\n" + "\n\n".join(_ALLOTMENT_STORY[:3])
             + "\n\nThanks! Please check your inbox to confirm your subscription.\n\n"
             "You can unsubscribe at any time by clicking the link at the foot of every email we send you.\n")
    texts = _texts(parse(paste, filename="allotments.txt"))
    assert [t[:20] for t in texts] == [t[:20] for t in _ALLOTMENT_STORY[:3]]


def test_the_site_disclaimer_goes_and_the_authors_own_note_stays():
    note = "Disclaimer: the allotment society paid for the author's seeds, which he says will not sway his view."
    site = ("Advertising disclosure: We may receive compensation for some of the links in our stories, and the "
            "offers that appear on this site are from companies from which we receive compensation. This "
            "compensation may impact how and where products appear on this site, including the order in which they "
            "appear. Thank you for supporting us and our advertisers.")
    paste = ("Allotments doubled on railway land\n\n" + "\n\n".join(_ALLOTMENT_STORY[:3]) + f"\n\n{note}\n\n"
             + "\n\n".join(_ALLOTMENT_STORY[3:]) + f"\n\n{site}\n")
    texts = _texts(parse(paste, filename="allotments.txt"))
    assert texts == _ALLOTMENT_STORY[:3] + [note] + _ALLOTMENT_STORY[3:]


def test_a_wiki_page_ends_at_its_retrieved_from_footer():
    paste = ("Allotment\n\n" + "\n\n".join(_ALLOTMENT_STORY[:4])
             + '\n\nRetrieved from "https://wiki.example/w/index.php?title=Allotment&oldid=942460710" Categories: '
             "Gardening\n\n" + "\n\n".join(_LONG_COMMENTS[:2]) + "\n")
    texts = _texts(parse(paste, filename="allotment-wiki.txt"))
    assert [t[:20] for t in texts] == [t[:20] for t in _ALLOTMENT_STORY[:4]]


# --- Every real print (other publishers' pages, read from ../shared; skipped when absent) ---

_PRINT_STAMP = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M\b")  # Chrome's header: the machine's clock


def _print_cases():
    for row in print_rows():
        for suffix in (".txt", ".layout.txt"):
            yield pytest.param(row, suffix, id=row["name"][:40] + suffix)


def _parse_print(name: str):
    try:
        return parse((SHARED_PRINT / name).read_bytes(), filename=name)
    except IngestError as exc:
        assert name in str(exc)
        return exc


@pytest.mark.skipif(not SHARED_PRINT.is_dir(), reason="../shared/corpus/print is absent")
@pytest.mark.parametrize("row, suffix", list(_print_cases()))
def test_real_print_parses_or_is_refused_and_loses_the_print_furniture(row, suffix):
    """Every print parses or is refused with a message naming it; only a print that does not hold its body is
    refused; the header stamp, the footer URL and the page counter never reach a paragraph."""
    name = row["name"] + suffix
    gold_share = float(row["gold_words_in_print"]) if row["gold_words_in_print"] else None
    body = known_body(row["source_html"])
    article = _parse_print(name)
    if isinstance(article, IngestError):
        refused_rightly = body is None or (gold_share is not None and gold_share < 0.8)
        assert refused_rightly, f"a print with a body was refused: {article}"
        return
    assert body is None or gold_share is None or gold_share >= 0.8, "a blank print must be refused"
    texts = _texts(article)
    url = row["url_shown_in_footer"].rstrip("…")
    counter = re.compile(rf"(?:^|\s)\d{{1,3}}/{row['pdf_pages']}$|^\d{{1,3}}/{row['pdf_pages']}\s")
    assert not [t for t in texts if _PRINT_STAMP.search(t) or (url and t.endswith(url)) or counter.search(t)]
    assert body is None or article.title


@pytest.mark.skipif(not SHARED_PRINT.is_dir(), reason="../shared/corpus/print is absent")
@pytest.mark.parametrize("suffix", [".txt", ".layout.txt"])
def test_real_prints_keep_their_known_bodies(suffix):
    """Over every print that holds a known body: on average nearly all of it is kept, and hardly any print keeps
    less than half (code listings and product pages are the hard ones; news must not be). What is kept is the
    body too: on average nearly all of it, and never mostly the page around the article (comments, promos)."""
    kept, own = {}, {}
    for row in print_rows():
        body = known_body(row["source_html"])
        if body is None or (row["gold_words_in_print"] and float(row["gold_words_in_print"]) < 0.8):
            continue  # no known body, or a print that does not hold it (blank)
        article = _parse_print(row["name"] + suffix)
        texts = [] if isinstance(article, IngestError) else _texts(article)
        kept[row["name"]] = body_kept(texts, body)
        ours = shingles("\n".join(texts))
        own[row["name"]] = len(ours & shingles(body)) / max(1, len(ours))
    assert len(kept) >= 70
    poor = sorted(name for name, share in kept.items() if share < 0.5)
    assert sum(kept.values()) / len(kept) >= 0.9
    assert len(poor) <= len(kept) * 3 // 100, poor  # at most 3%: today the layout text of two technical pages
    assert sum(own.values()) / len(own) >= 0.9
    assert not sorted(name for name, share in own.items() if share < 0.5)


@pytest.mark.skipif(not SHARED_PRINT.is_dir(), reason="../shared/corpus/print is absent")
@pytest.mark.parametrize("name", ["engadget_com__readability_engadget_source.txt",
                                  "seattletimes_com__readability_seattletimes-1_source.txt"])
def test_blank_real_prints_are_refused_with_a_message(name):
    with pytest.raises(IngestError, match=re.escape(name)):
        parse((SHARED_PRINT / name).read_bytes(), filename=name)


# --- Bylines, stamps and furniture lines on their own ---



@pytest.mark.parametrize(
    "line, authors",
    [
        ("By Ed Hornick, CNN", ["Ed Hornick"]),
        ("Henry Foy in Brussels and Ben Hall in London 10 HOURS AGO", ["Henry Foy", "Ben Hall"]),
        ("By JEFFREY GETTLEMAN JAN. 13, 2017", ["Jeffrey Gettleman"]),
        ("Analysis by Joan Biskupic, CNN Senior Supreme Court Analyst", ["Joan Biskupic"]),
        ("by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)", ["Eleanor Ainge Roy"]),
        ("By Erin Cunningham March 18 at 3:57 PM Follow @erinmcunningham", ["Erin Cunningham"]),
        ("Andrew Woodcock Political Editor | @andywoodcock | Monday 28 September 2020 19:27", ["Andrew Woodcock"]),
        ("Rodrigo Campos", ["Rodrigo Campos"]),
        ("By Clara Mendes and Tom Okafor", ["Clara Mendes", "Tom Okafor"]),
    ],
)
def test_byline_forms(line, authors):
    assert parse_byline(line).authors == authors


@pytest.mark.parametrize(
    "line", ["Russia did not even wait for the talks to end.", "Samuel Alito and Elizabeth Prelogar", "Special Series",
             "Full Screen", "United States to Lift Sudan Sanctions"],
)
def test_not_bylines(line):
    assert parse_byline(line) is None


def test_stamps_and_relative_times():
    assert parse_print_stamp("11/26/26, 3:53 AM") == datetime(2026, 11, 26, 3, 53)
    assert parse_print_stamp("26.11.26, 15:53") == datetime(2026, 11, 26, 15, 53)
    assert find_date("November 19, 2019 / 12:21 AM / Updated 14 hours ago").value == datetime(2019, 11, 19, 0, 21)
    assert find_date("11 minute read · Updated 9:22 PM EST, Mon November 6, 2023").value == \
        datetime(2023, 11, 6, 21, 22)
    assert find_relative_time("8 hours ago").delta.total_seconds() == 8 * 3600
    assert find_date("posted on Saturday, August 13th, 2011").value == date(2011, 8, 13)


def test_dateline_agency_variants():
    assert find_agency("PARIS (Reuters) – The minister said") == "Reuters"
    assert find_agency("BIRMINGHAM, Ala. (AP) -- Police said") == "AP"
    assert find_agency("(CNN) — Justice Samuel Alito") == "CNN"
    assert find_agency("The Reuters report said") is None


@pytest.mark.parametrize(
    "line",
    ["Advertisement", "Story continues below advertisement", "Skip to content Skip to navigation View mobile version",
     "Share this article via whatsappShare this article via twitterCopy linkShare this article via facebook",
     "READ MORE: 'Crime out of control in Midlands' as huge policing shake-up proposed", "Most Read", "219 comments",
     "Sign up to the weekly Slow Reads newsletter. Grab a cuppa and enjoy some of our best journalism.",
     "1 of 10 articles read", "Cookie Policy", "Got a news tip?", "Send us a tip!",
     "Follow us on Facebook and Twitter.",
     "This story has been updated with additional developments.", "Culture Expand/collapse submenu for Culture",
     "©2011 Bloomberg L.P. All Rights Reserved.", "Reuse this contentThe Trust Project", "https://nyti.ms/2iqtp74",
     "Paid Content by Brandpoint(Opens in new window)", "Keyboard shortcuts for audio player", "RELATED TOPICS"],
)
def test_furniture_lines(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line", ["The council said it would publish the menus.", "Share prices fell sharply on Tuesday after the report.",
             "Comments from the minister drew criticism.", "Copyright law is being reviewed by the government."],
)
def test_prose_is_not_furniture(line):
    assert not is_furniture_line(line)


def test_article_in_another_language_is_not_refused():
    text = (
        "Le tramway arrive à Lessmouth\n\n"
        "Les travaux de la nouvelle ligne de tramway commenceront au printemps prochain, selon la mairie.\n\n"
        "Douze arrêts sont prévus entre la gare centrale et le port, pour un coût de deux cents millions.\n"
    )
    article = parse(text, filename="tramway.txt")
    assert article.title == "Le tramway arrive à Lessmouth"
    assert [p.text[:20] for p in article.paragraphs] == ["Les travaux de la no", "Douze arrêts sont pr"]


def test_wrapped_line_starting_with_by_continues_the_sentence():
    lines = ["The council said the final decision on the new tram depot would be taken in the spring",
             "by Parliament, after a vote in the transport committee.",
             "By Jane Smith"]
    assert [b.text for b in rebuild_paragraphs(lines)] == [
        "The council said the final decision on the new tram depot would be taken in the spring by Parliament, "
        "after a vote in the transport committee.",
        "By Jane Smith",
    ]


def test_menu_runs_fold_but_the_section_label_above_the_headline_stays():
    lines = ["Home", "News", "Sport", "Weather", "Business", "", "Transport",
             "Tram line approved after ten-year campaign"]
    out = collapse_menu_runs(lines, is_headline=lambda line: line.startswith("Tram line"))
    assert [is_menu_placeholder(x) for x in out if x] == [True, False, False]
    assert [x for x in out if x and not is_menu_placeholder(x)] == [
        "Transport", "Tram line approved after ten-year campaign"]


def test_byline_under_the_first_paragraphs_does_not_eat_them():
    text = (
        "Harbour tolls rise\n\n"
        "The company that runs the harbour bridge will raise tolls by a fifth from March, it said on Monday.\n\n"
        "Drivers will pay four pounds for a single crossing, up from three pounds and twenty pence last year.\n\n"
        "Commuters said the rise would cost them hundreds of pounds a year and called for a season ticket.\n\n"
        "By Clara Mendes\n\n"
        "The operator blamed the cost of replacing the bridge's cracked bearings, which has doubled since autumn.\n"
    )
    article = parse(text, filename="tolls.txt")
    assert article.paragraphs[0].text.startswith("The company that runs the harbour bridge")
    assert len(article.paragraphs) == 4
