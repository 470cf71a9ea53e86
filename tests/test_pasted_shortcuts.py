"""The pasted-text path skips its slower patterns with cheap substring tests. A shortcut may only skip work,
never change an answer: each test here puts the shortcut beside the full pattern on lines that sit at its
edges (odd whitespace, letters that re.IGNORECASE folds, text with and without the marks it looks for).
"""
from __future__ import annotations

import importlib

import pytest

from search.ingest.bylines import parse_byline
from search.ingest.captions import _CREDIT_HINT, _GLUED_CREDIT, is_caption_or_credit, strip_glued_credit
from search.ingest.dates import _RELATIVE, _WRITTEN_DATE, find_date, find_relative_time
from search.ingest.furniture import is_furniture_line
from search.ingest.pasted import paragraphs
from search.ingest.pasted.print_furniture import _cell_key, _cells
from search.ingest.pasted.titles import find_title, headline_matcher, norm

_LINES = [
    "The council said on Tuesday that it would press ahead with the plan despite objections.",
    "Published 3 hours ago", "5 MIN READ", "11 minute read", "2 WEEKS AGO", "10 hrs", "4 Days", "3 mın read",
    "Updated 14 March 2024, 6:05 PM", "January 13, 2017", "2022-01-13", "since 1998 the mill", "twenty min",
    "Marta Oduya/Getty ImagesShouldn't the ferry run on time?", "(AP Photo/Lena Horvat)The bridge reopened.",
    "REUTERS/Tomas BrandtThe mayor spoke.", "Photograph: Ilse Marken/Getty Images", "© Ivo Dahl/AFP",
    "A heron over the estuary at dawn", "Copyright 2024 The Kessington Courier", "image caption Flood waters",
    "Advertisement", "  Advertisement  ", "Share\u2003this\u2003article", "Story continues below advertisement",
    "Share this article via whatsappShare this article via twitter", "Read more:  Floods close the ring road",
    "|  Most Read  |", "(Reporting by Ana Ruiz; Editing by Tom Ellis)", "",
]


@pytest.mark.parametrize("line", _LINES)
def test_date_shortcuts_agree_with_the_patterns(line):
    if _WRITTEN_DATE.search(line):  # find_date skips lines without "19"/"20"
        assert "19" in line or "20" in line
    else:
        assert find_date(line) is None
    assert (find_relative_time(line) is not None) == (_RELATIVE.search(line) is not None)


def test_dates_are_still_found():
    assert str(find_date("Updated 14 March 2024, 6:05 PM").value) == "2024-03-14 18:05:00"
    assert str(find_date("January 13, 2017").value) == "2017-01-13"
    assert find_relative_time("2 WEEKS AGO").delta.days == 14


@pytest.mark.parametrize("line", _LINES)
def test_stamp_hint_shortcut_never_hides_a_hint(line):
    if paragraphs._STAMP_HINT.search(line):
        assert paragraphs._may_hint_stamp(line)


def test_stamp_lines_are_still_found_with_folded_letters():
    assert paragraphs.is_stamp_line("5 MIN READ")
    assert paragraphs.is_stamp_line("Published 3 hours ago")
    assert not paragraphs.is_stamp_line("The council met on Tuesday.")


@pytest.mark.parametrize("line", _LINES)
def test_credit_shortcuts_agree_with_the_patterns(line):
    glued = _GLUED_CREDIT.match(line)
    assert strip_glued_credit(line) == (line[glued.end():].lstrip() if glued else line)
    if len(line.strip()) >= 40 and _CREDIT_HINT.search(line) and is_caption_or_credit(line):
        assert any(mark in line for mark in "/:(©") or "opyright" in line or "aption" in line


def test_captions_and_glued_credits_still_found():
    assert is_caption_or_credit("Photograph: Ilse Marken/Getty Images")
    assert strip_glued_credit("Marta Oduya/Getty ImagesShouldn't the ferry run on time?") == \
        "Shouldn't the ferry run on time?"
    assert strip_glued_credit("REUTERS/Tomas BrandtThe mayor spoke.") == "The mayor spoke."


@pytest.mark.parametrize("line", ["Advertisement", "  Advertisement  ", "Share\u2003this\u2003article",
                                  "Share  this  article", "|  Most Read  |", "•  Related", "Menu\u00a0"])
def test_furniture_with_odd_spacing_is_still_furniture(line):
    assert is_furniture_line(line)


def test_prose_is_not_furniture():
    assert not is_furniture_line("The council said on Tuesday that it would press ahead with the plan.")
    assert not is_furniture_line("Share prices fell sharply in early trading on Monday, dealers said.")


@pytest.mark.parametrize("line, cells", [
    ("11/26/26, 3:53 AM      Floods close the ring road", ["11/26/26, 3:53 AM", "Floods close the ring road"]),
    ("Floods close the ring road\u2003\u2003\u2003Page 2 of 7", ["Floods close the ring road", "Page 2 of 7"]),
    ("  one cell only  ", ["one cell only"]),
    ("   ", []),
])
def test_print_edge_cells_split_on_any_wide_gap(line, cells):
    assert _cells(line) == cells


def test_cell_keys_ignore_page_numbers_in_any_script():
    assert _cell_key("Page 2 of 7") == _cell_key("Page 3 of 7")
    assert _cell_key("Page 9 of 12") == _cell_key("Page 10 of 12")
    assert _cell_key("1/8/26, 9:05 AM") == _cell_key("11/12/26, 10:45 AM")
    assert _cell_key("Seite \u0662 von \u0667") == _cell_key("Seite \u0663 von \u0667")  # Arabic-Indic digits


def test_headline_matching_survives_lost_hyphens_and_kickers():
    running = "Ferry crews self-isolate after outbreak on the Kessington run - The Kessington Courier"
    is_headline = headline_matcher(running)
    assert is_headline("Ferry crews selfisolate after outbreak on the Kessington run")
    assert is_headline("Transport|Ferry crews self-isolate after outbreak on the Kessington run")
    assert not is_headline("Ferry timetables change from Monday across the Kessington network")
    assert norm("Self-Isolate, now!") == "selfisolate now"


def test_find_title_reads_up_from_the_body():
    from search.ingest.pasted.paragraphs import Block

    blocks = [Block("News", 1), Block("Ferry crews self-isolate after outbreak on the Kessington run", 1),
              Block("The crews of two ferries were told to stay at home on Friday after an outbreak.", 1)]
    assert find_title(blocks, 3, "Ferry crews self-isolate after outbreak on the Kessington run | Courier") == 1


def test_bylines_keep_their_writers_with_spacing_and_roles():
    assert parse_byline("By Ana Ruiz and Tom Ellis (photography)").authors == ["Ana Ruiz"]
    assert parse_byline("By Ana Ruiz | @anaruiz").authors == ["Ana Ruiz"]
    assert parse_byline("By Ana Ruiz, Updated 5 min read").authors == ["Ana Ruiz"]


_FURNITURE_EDGES = _LINES + [
    "3 comments", "1,204 Comments", "\u0661\u0662 comments", "12 of 20 articles read", "desk@courier.example",
    "world expand/collapse submenu for world", "expand/collapse submenu for sport", "© 2024 Kessington Courier",
    "(c) 2019 The Courier", "[ see the full gallery here ]", "a version of this article appears in print",
    "version of this article appears in print on page 4", "https://example.com/a/b", "www.example.com",
    "toggle navigation", "zoning board meets", "x marks the spot", "quiet streets at night",
]


@pytest.mark.parametrize("line", _FURNITURE_EDGES)
def test_furniture_dispatch_by_first_character_agrees_with_the_full_pattern(line):
    from search.ingest import furniture

    low = " ".join(line.split()).lower()
    if not low:
        return
    by_first = furniture._WHOLE_LINE_BY_CHAR.get(furniture.first_char_key(low[0]), furniture._WHOLE_LINE_OTHER)
    dispatched = by_first.match(low) is not None or (
        any(mark in low for mark in furniture._ANYWHERE_MARKERS)
        and furniture._WHOLE_LINE_MARKED.match(low) is not None)
    assert dispatched == (furniture._WHOLE_LINE.match(low) is not None)


def test_furniture_dispatch_without_res_private_parser_is_slower_but_the_same(monkeypatch):
    """first_char reads re's private parser; on a Python without it every alternative goes everywhere."""
    from search.ingest import first_char, furniture

    monkeypatch.setattr(first_char, "_parser", None)
    by_char, other, marked = first_char.dispatch_by_first_char(
        furniture._WHOLE_LINE.pattern, furniture._WHOLE_LINE.flags, r"\s*$", furniture._ANYWHERE_MARKERS)
    assert by_char == {}
    for line in _FURNITURE_EDGES:
        low = " ".join(line.split()).lower()
        dispatched = other.match(low) is not None or marked.match(low) is not None
        assert dispatched == (furniture._WHOLE_LINE.match(low) is not None), line


def test_furniture_dispatch_still_finds_lines_of_every_kind():
    for line in ("3 comments", "desk@courier.example", "World expand/collapse submenu for World", "Advertisement",
                 "© 2024 Kessington Courier", "Toggle navigation"):
        assert is_furniture_line(line), line


@pytest.mark.parametrize("line", _LINES)
def test_stamp_date_shortcut_never_hides_a_date(line):
    from search.ingest.dates import READING_TIME

    if READING_TIME.search(line) or find_date(line) or find_relative_time(line):
        assert paragraphs._may_hold_date(line)


@pytest.mark.parametrize("text", _LINES + ["It’s what we don’t say that they’ll hear", "İT İS THE CAFÉ OF THE TOWN",
                                           "Ünal and Zoë went to the market, and the rest stayed in"])
def test_stopword_share_counts_the_words_of_the_pattern(text):
    from search.ingest.pasted.body import _STOPWORDS, _WORD, stopword_share

    words = _WORD.findall(text[:400].lower())
    assert stopword_share(text) == (sum(w in _STOPWORDS for w in words) / len(words) if words else 0.0)


# Decoding: the UTF-8 byte tests stand in for Unicode character classes over the whole page.
_DECODE_EDGES = ["plain ASCII", "café", "donâ€™t", "Ã©", "\u00c1\u00a0", "\x80", "\x9f", "\xa0", "\u0153", "\ufb00",
                 "\ufb06", "\ufb07", "\x1b[0m", "\r\n", "\u2028", "\u2029", "\u2027", "\x00", "\x0b", "\x0c", "\x1f",
                 "\x7f", "\ufffd", "&amp;", "&#39;", "’quoted’ – dash", "\ud800", "a\udfffb", ""]


@pytest.mark.parametrize("text", _DECODE_EDGES + [a + b for a in _DECODE_EDGES[:12] for b in _DECODE_EDGES[12:]])
def test_decode_byte_shortcuts_agree_with_the_patterns(text):
    decode_module = importlib.import_module("search.ingest.decode")  # the package's `decode` is the function

    utf8 = decode_module._utf8(text)
    full = bool(decode_module._MOJIBAKE_HINT.search(text) or decode_module._FTFY_WORK.search(text)
                or decode_module._ENTITY.search(text))
    assert decode_module._ftfy_has_work(text, utf8) == full
    sample = text[:4096]
    assert decode_module._control_ratio(text, utf8) == len(decode_module._CONTROL.findall(sample)) / max(1, len(sample))


def test_decode_still_repairs_and_refuses():
    from search.errors import IngestError
    from search.ingest.decode import decode

    assert decode("donâ€™t stop".encode("utf-8"), name="a.txt") == "don’t stop"
    assert decode("ﬁne print", name="a.txt") == "fine print"
    with pytest.raises(IngestError):
        decode(b"\x01\x02\x03 binary \x04\x05" * 50, name="a.txt")


@pytest.mark.parametrize("cell", ["Page 2 of 7", "Page 10 of 12", "11/26/26, 3:53 AM", "00/007", "0", "", "  Floods  ",
                                  "https://example.com/2024/03/18/story", "Seite \u0662 von \u0667", "NEWS 24/7",
                                  "Ärger im Rathaus 3", "A1B22C333"])
def test_cell_key_ascii_path_agrees_with_the_pattern(cell):
    from search.ingest.pasted.print_furniture import _DIGITS

    assert _cell_key(cell) == _DIGITS.sub("0", cell.strip().casefold())


@pytest.mark.parametrize("cell", ["1/8", "1 of 5", "Page 2 of 7", "page 2 of 7", "PAGE 2 OF 7", " 3/9",
                                  "11/26/26, 3:53 AM", "2026-11-26 03:53", "26.11.2026, 03:53", "\u0661/\u0668",
                                  "Image 1 of 33", "Floods",
                                  "of 5", "(1/8)", ""])
def test_print_mark_shortcut_never_hides_a_stamp_or_counter(cell):
    from search.ingest.pasted.print_furniture import STAMP, _is_counter, _may_be_mark

    if STAMP.fullmatch(cell) or _is_counter(cell, None):
        assert _may_be_mark(cell)


@pytest.mark.parametrize("line", _LINES + [
    "(Reporting by Ana Ruiz; Editing by Tom Ellis)", "Reporting by Ana Ruiz", "ADDITIONAL REPORTING BY ANA RUIZ",
    "Writing by Tom Ellis", "editing by Tom Ellis.", "Compiled by the desk", "Clara Mendes contributed to this report.",
    "CNN's Tom Ellis contributed to this report", "Tom Ellis CONTRIBUTED TO THIS REPORT.", "  (Reporting by X)  ",
    "The mayor said reporting by the Courier was fair.", "A report", "report",
])
def test_wire_tagline_shortcut_agrees_with_the_pattern(line):
    from search.ingest.furniture import _WIRE_TAGLINE, is_wire_tagline

    low = line.lower()
    full = ("reporting by" in low or "writing by" in low or "editing by" in low or "compiled by" in low
            or "contributed to this report" in low) and bool(_WIRE_TAGLINE.match(line.strip()))
    assert is_wire_tagline(line) == full


@pytest.mark.parametrize("text", ["\u212aelvin and the rest of the team were in the hall", "THE \u212aEY TO IT"])
def test_stopword_share_with_the_kelvin_sign(text):
    from search.ingest.pasted.body import _STOPWORDS, _WORD, stopword_share

    words = _WORD.findall(text[:400].lower())
    assert stopword_share(text) == sum(w in _STOPWORDS for w in words) / len(words)


def test_classify_counts_words_at_both_limits():
    from search.ingest.pasted.body import classify

    assert classify("The ferry was late again on the morning run.") == "body"  # 9 words, a sentence
    assert classify("The ferry was late.") == "short"  # a short paragraph, kept as one
    assert classify("Ferry crews self isolate after an outbreak on the Kessington run") == "heading"  # 11 words
    assert classify("Ferry Crews Self Isolate After an Outbreak on the Long Kessington Night Run Again") == "other"
    # as long, in sentence case and worded as prose: a sentence that lost its full stop
    assert classify("Ferry crews self isolate after an outbreak on the long Kessington night run again") == "short"


def test_cached_byline_is_not_shared_between_articles():
    from search.ingest.pasted.text import parse_pasted

    text = ("Ferry crews told to stay at home after outbreak\n\nBy Clara Mendes\n\n"
            "The crews of two ferries on the Kessington run were told to stay at home on Friday after an outbreak.\n\n"
            "The operator said services would run to a reduced timetable until the end of the month, with buses.\n")
    first = parse_pasted(text)
    first.authors.append("Someone Else")
    assert parse_pasted(text).authors == ["Clara Mendes"]


def test_glued_share_bar_in_any_case_is_still_cut():
    from search.ingest.pasted.text import _drop_furniture_lines

    lines = ["Ferry crews told to stay at home", "SHARE THIS ARTICLE VIA WHATSAPPShare this article via twitter", "",
             "The crews of two ferries were told to stay at home.", "Tweet this"]
    assert _drop_furniture_lines(lines) == ["Ferry crews told to stay at home", "\v", "",
                                            "The crews of two ferries were told to stay at home.", "\v"]


@pytest.mark.parametrize("line", _LINES + ["posted 3 hours ago", "updated 14 March 2024, 6:05 PM",
                                          "last  updated 2 days ago",
                                           "first published 1 May 2024", "on Oct. 12, 2023.", "ſome 2024 text",
                                           "ıpdated 2024", "published"])
def test_stamp_label_shortcut_never_hides_a_label(line):
    if line[:1].islower() and paragraphs._STAMP_LABEL.match(line):
        assert line[0] in "pulf"


def test_lower_case_stamp_lines_still_found():
    assert paragraphs.is_stamp_line("posted 3 hours ago")
    assert paragraphs.is_stamp_line("updated 14 March 2024, 6:05 PM")
    assert not paragraphs.is_stamp_line("on Oct. 12, 2023.")


@pytest.mark.parametrize("text", ["United States to Lift Sudan Sanctions - The New York Times", "Self-Isolate, now!",
                                  "  __init__ and 3.5% \t of\x0bit | ok  ", "soft\u00adhyphen",
                                  "Café crème: à la carte",
                                  "Straße", "", "---", "A_B-C d’e"])
def test_norm_ascii_path_agrees_with_the_pattern(text):
    from search.ingest.words import _NON_WORD

    assert norm(text) == _NON_WORD.sub(" ", text.casefold().replace("-", "").replace("\u00ad", "")).strip()


@pytest.mark.parametrize("lines", [
    ["SHARE this", "Copy Link", "TWEET", "nothing here", ""],
    ["copy lin\u212a", "Share"],  # the Kelvin sign lower-cases to "k"
    ["copy lİnk", "ŞHARE", "ΣHARE ΣΣ", "twееt"],  # "İ", a cedilla, Greek sigma, Cyrillic "е": none of the words
    ["multi\nline", "share"],
])
def test_ascii_lowered_lines_find_the_same_share_words(lines):
    from search.ingest.pasted.text import _ascii_lowered

    lowered = _ascii_lowered(lines)
    assert len(lowered) == len(lines)
    for line, low in zip(lines, lowered):
        for word in ("share", "copy link", "tweet"):
            assert (word in low) == (word in line.lower()), (line, word)


@pytest.mark.parametrize("char", list("\u200b\u200c\u200d\u2060\ufeff"))
def test_paste_debris_drops_each_invisible_character(char):
    from search.ingest.pasted.text import strip_paste_debris

    assert strip_paste_debris(f"The ferry{char} ran{char}{char} late.\r\nIt was{char} full.\rNext") == \
        "The ferry ran late.\nIt was full.\nNext"


@pytest.mark.parametrize("char", list("\u00a0\u2007\u202f\u2009\u200a\t"))
def test_paste_debris_turns_each_odd_space_into_a_space(char):
    from search.ingest.pasted.text import strip_paste_debris

    assert strip_paste_debris(f"The{char}ferry ran{char}late.") == "The ferry ran late."
