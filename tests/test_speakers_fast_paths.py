"""The shortcuts taken for speed give the same answers as the plain way.

Each test runs a fast path and the slower reference it replaces on the same
(invented) text, or checks the fast path on the cases its comment names.
"""
from __future__ import annotations

import random
import re

import pytest

from search.speakers.cues import CUE_WORD_RE, cue_word_starts
from search.speakers.names import _tokenize_chunk, tokenize
from search.speakers.quotes import MASK, find_quotes, mask_quotes
from search.speakers.sentences import sentence_spans

TRICKY = [
    "Mr Blair said, \u201cWe will win.\u201d",
    "al-Qaeda and d'Arcy (BBC) U.S. 1,300 well-known O'Neill's \u00c9lan x_y __ a. B! c? (d) e; f:",
    "tabs\tand\u00a0non-breaking\u2003spaces, then ~~~~~~, ~~~. and 3.5% of\u00e9t\u00e9s.",
    "  leading and trailing blanks  ",
    "",
    "Ends on a bare mark ( and a dash - or two \u2014",
]


def _fields(toks):
    return [(t.text, t.start, t.end, t.low, t.cap, t.word) for t in toks]


@pytest.mark.parametrize("text", TRICKY)
def test_tokenizer_shortcut_gives_the_regex_tokens(text):
    assert _fields(tokenize(text, 7)) == _fields(_tokenize_chunk(text, 7))


def test_tokenizer_shortcut_agrees_with_the_regex_on_random_text():
    rng = random.Random(5)
    pieces = list("aAdlbinuez9_.'&-,;:()\"~$%!?/ ") + ["al-", "d'", "bin-", "Q", "\u2019", "\u00e9", "\u201c", "1,300", "\t"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _fields(tokenize(text, 3)) == _fields(_tokenize_chunk(text, 3)), text


PARAGRAPHS = [
    '"We said no and they told us to wait," said Ana Costa, who added: "Warned."',
    '\u201cUnsaid things are said,\u201d he said. \u201cAnd told.\u201d She added nothing',
    'The board "said nothing of note at all" yesterday, officials claimed.',
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_cue_scan_of_a_masked_paragraph_finds_what_the_plain_pattern_finds(text):
    masked = mask_quotes(text, find_quotes(text))
    assert masked != text  # the quote really is masked
    assert cue_word_starts(masked) == [m.start() for m in CUE_WORD_RE.finditer(masked)]


def test_masking_keeps_offsets_the_final_mark_and_blanks_trailing_spaces():
    text = 'She said: "One two three four.  " Then "five six seven eight"'
    masked = mask_quotes(text, find_quotes(text))
    assert len(masked) == len(text)
    assert masked == 'She said: "' + MASK * 18 + '.  " Then "' + MASK * 20 + '"'


@pytest.mark.parametrize("quote, kind", [
    ("The Best Day Of My Whole Life Ever", "speech"),  # more than six Title Case words
    ("Best Day Of My Life", "title"),
    ("we will never give up on this town or its people", "speech"),
    ("dead end", "partial"),
])
def test_long_quotes_are_classified_by_their_first_words(quote, kind):
    [q] = find_quotes(f'He called it "{quote}" on Monday')
    assert q.kind == kind


def test_sentence_split_skips_abbreviations_but_not_long_words():
    text = "Mr. Smith met Dr. Jones. Later Smith wrote. He left."
    sentences = [text[s:e].strip() for s, e in sentence_spans(text)]
    assert sentences == ["Mr. Smith met Dr. Jones.", "Later Smith wrote.", "He left."]


CAPITALISED = [
    "But Mr Herron, of The Times, met Theresa May's aide. He's here; It'll be Then-Minister TheBest.",
    "In-house Butter Byron Bye By O'Neill And The Hague, \u201cYes\u201d SaidNo Speaking Speaker",
]


@pytest.mark.parametrize("text", CAPITALISED)
def test_capitalised_run_scan_skips_function_words_like_the_plain_pattern(text):
    from search.speakers.cues import trie_pattern
    from search.speakers.lexicon import HONORIFICS, NOT_NAME
    from search.speakers.mentions import _CAPS_RUN_RE

    words = trie_pattern([w.capitalize() for w in NOT_NAME if w not in HONORIFICS])
    plain = re.compile(  # the same test written before the capital, as one would first write it
        rf"(?<![\w'\u2019])(?!(?:{words})\b(?!['\u2019]))[A-Z][\w'\u2019.-]*"
        r"(?:\s+(?:(?:of|de|van|von|al|bin|da|di|le|la|du)\s+)?[A-Z][\w'\u2019.-]*)*")
    assert [m.span() for m in _CAPS_RUN_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


# ---------------------------------------------------------------- names.py: the tokenizer's pieces

def _marked_word_tokens(chunk, pos):
    from search.speakers.names import _add_marked_word

    toks = []
    _add_marked_word(toks, chunk, pos)
    return toks


MARKED_WORDS = ["Blair's", "(BBC),", '"~~~~~~,"', "\u00a335bn", "well-known", "U.S.", "3.5%", "x_y", "--", '"Yes', "-"]


@pytest.mark.parametrize("chunk", MARKED_WORDS)
def test_marked_word_shortcut_takes_the_usual_shapes_and_gives_the_regex_tokens(chunk):
    from search.speakers.names import _MARKED_WORD

    assert _MARKED_WORD(chunk) is not None  # the shortcut, not its fallback, is what is compared
    assert _fields(_marked_word_tokens(chunk, 4)) == _fields(_tokenize_chunk(chunk, 4))


@pytest.mark.parametrize("chunk", ["al-Qaeda", "d'Arcy", "(bin-Laden)", "1,300", "caf\u00e9", "~~a"])
def test_marked_word_shortcut_leaves_the_regex_what_it_reads_otherwise(chunk):
    from search.speakers.names import _MARKED_WORD

    assert _MARKED_WORD(chunk) is None


def test_marked_word_shortcut_agrees_with_the_regex_on_random_pieces():
    rng = random.Random(11)
    pieces = ["Blair", "al", "d", "ul", "bin", "x", "Q", "9", "1,300", "'", "\u2019", "-", ".", "&", "_", "~", "(", ")",
              ",", '"', "\u00a3", "s", "\u00e9", "\u00c9", "%", "/"]
    for _ in range(5000):
        chunk = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        assert _fields(_marked_word_tokens(chunk, 4)) == _fields(_tokenize_chunk(chunk, 4)), chunk


def test_built_tokens_equal_the_dataclass_tokens():
    from search.speakers.names import Tok, _tok

    assert _tok("Blair", 3, 8, "blair", True, True) == Tok("Blair", 3, 8, "blair", True, True)


def test_built_source_phrases_equal_the_dataclass_ones():
    from search.speakers.names import SourceNP, _source_np

    full = SourceNP("person", "Ana Costa", 4, "coach", "f", True, True, "coach")
    assert _source_np("person", "Ana Costa", 4, "coach", "f", True, True, "coach") == full
    assert _source_np("org", "BBC", 2) == SourceNP("org", "BBC", 2)  # the defaults too


# ---------------------------------------------------------------- mentions.py
# Invented words: names, titles, joiners and the marks that make a run's
# reader look past it (",", "(", dashes, "of", "from").
_RUN_WORDS = ["Ana", "Costa", "Mr", "Blair's", "Group", "Bank", "on", "for", "and", "&", "of", "from", "von", "der",
              "De", "la", "minister", "Deputy", "said", "the", "a", ",", ".", "(", "DSA", ")", "-", "\u2013", "has",
              "Fairhaven", "Research", "spokesman", "Wellington", "Torfaen", "Lord", "Smith", "Jr", "BBC"]


def _random_sentences(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        yield " ".join(rng.choice(_RUN_WORDS) for _ in range(rng.randint(1, 16)))


def _plain_scan_at(toks, ctx, only_at):
    """scan_tokens(toks, ctx, only_at) as first written: walk every run from
    the first token, skip those before only_at, read the one at it."""
    from search.speakers.mentions import _read_run, _run_end
    from search.speakers.lexicon import NOT_NAME

    out = []
    free = 0
    for i in [k for k, t in enumerate(toks) if t.cap and t.low not in NOT_NAME]:
        if i < free:
            continue
        free = _run_end(toks, i)
        if toks[i].start != only_at:
            if toks[i].start > only_at:
                break
            continue
        _read_run(toks, i, free, ctx, out)
        break
    return out


def _outcome(found, ctx):
    """What a scan returned and what it left in the context, comparable across contexts."""
    def ent(e):
        return None if e is None else (e.name, e.kind, e.role, e.gender, e.full)
    tables = (ctx.people, ctx.by_surname, ctx.others, ctx.org_runs, ctx.run_cache, ctx.aliases)
    return ([(pos, ent(e)) for pos, e in found], [sorted((k, ent(e)) for k, e in t.items()) for t in tables],
            sorted(ctx.not_people))


def test_scan_at_one_offset_reads_what_the_walk_over_every_run_reads():
    from search.speakers.coref import ArticleContext
    from search.speakers.mentions import scan_tokens

    for text in _random_sentences(11, 400):
        toks = tokenize(text, 5)
        for only_at in sorted({t.start for t in toks} | {0, 5 + len(text)}):
            fast, plain = ArticleContext(), ArticleContext()
            assert _outcome(scan_tokens(toks, fast, only_at=only_at), fast) == \
                _outcome(_plain_scan_at(toks, plain, only_at), plain), (text, only_at)


def test_scan_text_reads_runs_with_and_without_a_possessive_inside():
    from search.speakers.coref import ArticleContext
    from search.speakers.mentions import scan_text

    ctx = ArticleContext()
    text = "Southampton\u2019s David Prutton met Ana Costa's aide and Dr Helen Ward, the head of Fairhaven Research."
    found = [(pos, e.name) for pos, e in scan_text(text, 0, len(text), ctx)]
    assert (text.index("David"), "David Prutton") in found
    assert (text.index("Ana"), "Ana Costa") in found
    assert (text.index("Helen"), "Helen Ward") in found


@pytest.mark.parametrize("words", [["Tony", "Blair"], ["Fairhaven", "Research"], ["BBC"], ["Ana", "NHS"], []])
def test_org_run_test_with_map_is_the_loop(words):
    from search.speakers.mentions import _looks_like_org, _org_word

    looped = False
    for w in words:
        if _org_word(w):
            looped = True
            break
    assert _looks_like_org(words) is looped


def _plain_scan_text(text, start, end, ctx):
    """scan_text as first written: every run, one word or more, through _scan_run."""
    from search.speakers.mentions import _CAPS_RUN_RE, _POSSESSIVE_IN_RUN_RE, _scan_run

    out = []
    for m in _CAPS_RUN_RE.finditer(text, start, end):
        run_start, run_end = m.start(), m.end()
        cut = _POSSESSIVE_IN_RUN_RE.search(m.group(0))
        while cut is not None:
            _scan_run(text, start, end, run_start, m.start() + cut.end(), ctx, out)
            run_start = text.index(text[m.start() + cut.end():run_end].split()[0], m.start() + cut.end())
            cut = _POSSESSIVE_IN_RUN_RE.search(m.group(0), run_start - m.start())
        _scan_run(text, start, end, run_start, run_end, ctx, out)
    return out


def test_scan_text_shortcuts_give_the_plain_scan():
    from search.speakers.coref import ArticleContext
    from search.speakers.mentions import scan_text

    known = "Ana Costa said. Mr Smith has left. Fairhaven Research has gone. "
    for text in _random_sentences(13, 600):
        text = known + text.replace(" ,", ",").replace(" .", ".") + " Costa\u2019s Group announced it, Smith said."
        fast, plain = ArticleContext(), ArticleContext()
        for ctx, scan in ((fast, scan_text), (plain, _plain_scan_text)):
            scan(known, 0, len(known), ctx)  # people and organisations to be found again
        s = len(known)
        assert _outcome(scan_text(text, s, len(text), fast), fast) == \
            _outcome(_plain_scan_text(text, s, len(text), plain), plain), text


def _plain_known(toks, i, j, key, ctx):
    """mentions._known as first written, the tests in reading order."""
    from search.speakers.lexicon import HONORIFICS, SOURCE_NOUNS
    from search.speakers.mentions import _ABSTRACT_NOUN_ENDINGS
    from search.speakers.names import is_possessive

    if j - i == 1:
        low = toks[i].low
        if low[-2:] in ("'s", "\u2019s"):
            low = low[:-2]
        if i > 0 and toks[i - 1].low in HONORIFICS:
            return None
        ent = ctx.by_surname.get(low)
        if ent is None and low not in SOURCE_NOUNS and not low.endswith(_ABSTRACT_NOUN_ENDINGS) and (
                is_possessive(toks[i]) or (j < len(toks) and toks[j].low in (
                    "has", "have", "is", "was", "will", "said", "says", "announced", "reported", "plans"))):
            key = "org:" + toks[i].text.rstrip("s").rstrip("'\u2019") if is_possessive(toks[i]) else "org:" + toks[i].text
            return ctx.others.get(key.lower()) or ctx.other(key[4:], "org")
        return ent
    return ctx.people.get(key)


@pytest.mark.parametrize("text", [
    "Costa has gone", "Costa's plan", "Government has said", "Spokesman said", "Mr Costa said", "Costa left",
    "Management's view", "Fairhaven's board has", "Officials said", "Costa",
])
def test_known_word_with_the_cheap_tests_first_is_the_plain_order(text):
    from search.speakers.coref import ArticleContext
    from search.speakers.mentions import _known

    toks = tokenize(text)
    for i, t in enumerate(toks):
        fast, plain = ArticleContext(), ArticleContext()
        for ctx in (fast, plain):
            ctx.other("Fairhaven", "org")
        assert _outcome([(0, _known(toks, i, i + 1, t.low, fast))], fast) == \
            _outcome([(0, _plain_known(toks, i, i + 1, t.low, plain))], plain)


# ---------------------------------------------------------------- cues.py, quotes.py, sentences.py

def _random_texts(pieces, seed, count=3000, longest=14):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))


CUE_TEXTS = [
    "Xsaid 3told (warned)unsaid saidx \u00e9said said\u00e9 caf\u00e9 told",
    "She hit  back, then hits out; they went\non, it points\u00a0out, and pointed outward.",
    "The firm issued a statement, according to aides, according totals; echoing",
    "\ud800said lone surrogate, then said",
    "",
]


@pytest.mark.parametrize("text", CUE_TEXTS)
def test_cue_scan_by_runs_of_letters_finds_what_the_plain_pattern_finds(text):
    assert cue_word_starts(text) == [m.start() for m in CUE_WORD_RE.finditer(text)]


def test_cue_scan_by_runs_of_letters_agrees_with_the_plain_pattern_on_random_text():
    pieces = ["said", "says", "say", "told", "hit", "hits", "back", "out", "went", "on", "issued", "a", "statement",
              "according", "to", "points", "pointed", "echoing", "un", "x", "S", " ", "  ", "\n", "\u00a0", "\u00e9",
              ".", ",", '"', "~", "\u2019"]
    for text in _random_texts(pieces, 6):
        assert cue_word_starts(text) == [m.start() for m in CUE_WORD_RE.finditer(text)], text


def test_cue_scan_finds_no_cue_in_a_masked_quote():
    text = 'He said: "' + MASK * 12 + '." Then she told us.'
    assert cue_word_starts(text) == [3, 34]


def _plain_words(inner):
    from itertools import islice

    from search.speakers.quotes import _WORD_RE
    return [m.group() for m in islice(_WORD_RE.finditer(inner), 7)]


QUOTE_INNERS = [
    "al-Qaeda's U.S. (BBC) 1,300 well-known O'Neill x_y __ -- a. B! c?",
    "We will -- I think -- win",
    "one two three four five six seven eight nine",
    "  \t ",
    "caf\u00e9 \u00c9lan d\u2019Arcy \u01c5ungla \u00aa x",
]


@pytest.mark.parametrize("inner", QUOTE_INNERS)
def test_first_words_by_split_are_the_regex_words(inner):
    from search.speakers.quotes import _first_words
    assert _first_words(inner) == _plain_words(inner)


def test_first_words_by_split_agree_with_the_regex_on_random_text():
    from search.speakers.quotes import _first_words
    pieces = list("aAzZ09_'-.,;:!?()\"/&~ \t\n") + ["We", "US", "\u2019", "\u00e9", "\u01c5", "U.S.", "--"]
    for inner in _random_texts(pieces, 7):
        assert _first_words(inner) == _plain_words(inner), inner


def test_quote_marks_found_by_str_find_are_the_regex_matches():
    from search.speakers.quotes import _QUOTE_MARK_RE, _mark_offsets
    pieces = ['"', "\u201c", "\u201d", "a", " ", "\u00e9", "\u2019"]
    for text in _random_texts(pieces, 8):
        assert _mark_offsets(text) == [m.start() for m in _QUOTE_MARK_RE.finditer(text)], text


def _plain_sentence_spans(text):
    """sentence_spans as first written: every _END_RE match, checked for an abbreviation."""
    from search.speakers.sentences import _END_RE, _after_abbreviation
    spans, start = [], 0
    for m in _END_RE.finditer(text):
        if text[m.start()] == "." and _after_abbreviation(text, start, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


SENTENCE_TEXTS = [
    "Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. on Monday.. Then \"Quoted.\" (Aside.) Gone.\u201d Right.\u2019",
    "Hello. A. Lists: a. b. c. Finally... words'. end)] Next",
    "Is it? Yes! No?! Really?\u201d Mr. Smith. And sr. Jones. x",
    "Twelve. ~~~~~. abcde. abcd. \u00e9t\u00e9s. 5 Bowls. Prof. Capt. Jones.",
]


@pytest.mark.parametrize("text", SENTENCE_TEXTS)
def test_sentence_split_on_full_stops_gives_the_plain_split(text):
    assert sentence_spans(text) == _plain_sentence_spans(text)


def test_sentence_split_on_full_stops_agrees_with_the_plain_split_on_random_text():
    pieces = ["Mr", "mr", "Dr", "Prof", "U.S", "a", "B", "word", "longer", "3", " ", "  ", "\n", ".", ".", "?", "!", '"',
              "\u201d", "\u2019", "'", ")", "]", "~", "\u00e9", "x"]
    for text in _random_texts(pieces, 9):
        assert sentence_spans(text) == _plain_sentence_spans(text), text


def test_full_stop_pattern_matches_where_the_plain_one_does_and_marks_long_words():
    from search.speakers.sentences import _END_RE, _STOP_END_RE, _after_abbreviation
    pieces = ["Mr", "Prof", "capt", "abcde", "abcd", "x", " ", ".", '"', ")", "\u00e9", "3"]
    for text in _random_texts(pieces, 10):
        stops = list(_STOP_END_RE.finditer(text))
        assert [m.span() for m in stops] == [m.span() for m in _END_RE.finditer(text)], text
        for m in stops:  # group 1 only where no abbreviation check could say yes
            assert m.lastindex is None or not _after_abbreviation(text, 0, m.start()), text


# --- mentions.py: a bare surname nobody has is no one, without reading its roles

def test_bare_unknown_surname_gives_what_the_role_reading_person_lookup_gives():
    from search.speakers.coref import ArticleContext
    from search.speakers.mentions import _entity_at, _person_with_roles, _prefix_start, _run_end, scan_text
    from search.speakers.names import parse_np

    known = "Ana Costa said. Mr Smith has left. Lord Wellington spoke. "
    skipped = 0
    for text in _random_sentences(17, 1500):
        toks = tokenize(text.replace(" ,", ",").replace(" .", "."), 0)
        for i, t in enumerate(toks):
            if not t.cap:
                continue
            j = _run_end(toks, i)
            k = _prefix_start(toks, i)
            np = parse_np(toks[k:j])
            if np is None or np.kind != "person" or (j - i >= 2 and toks[j - 1].low.endswith(("'s", "\u2019s"))):
                continue  # _entity_at answers these before the shortcut
            fast, plain = ArticleContext(), ArticleContext()
            for ctx in (fast, plain):
                scan_text(known, 0, len(known), ctx)  # "costa", "smith", "wellington" have an owner
            skipped += np.surname_only and np.gender is None and np.text.split()[-1].lower() not in fast.by_surname
            assert _outcome([(0, _entity_at(toks, i, j, fast))], fast) == \
                _outcome([(0, _person_with_roles(toks, k, j, parse_np(toks[k:j]), plain))], plain), (text, i)
    assert skipped > 100  # the shortcut was taken, and beside it the plain way


# --- attribute.py: a sentence's mentions are sorted only when attribution added one

MENTION_PARAGRAPHS = [
    "Ana Costa, the BBC's new head of news, met Mr Smith at Fairhaven Research.",
    "She said the BBC and Fairhaven Research had agreed. Later, Smith told Ana Costa the deal was off.",
    '"We will not sign anything this year or next," he said of the BBC plan. It was, Fairhaven Research added, too late.',
    "He warned Costa and the BBC, adding that Smith had told them so. They told him Fairhaven Research agreed.",
    "The BBC and Smith met. Costa's team, which Smith joined, said nothing.",
]


def test_mentions_go_to_the_history_in_text_order_with_the_sort_skipped(monkeypatch):
    import sys
    from operator import itemgetter

    from search.speakers import attribute
    from search.speakers.coref import ArticleContext

    module = sys.modules["search.speakers.attribute"]
    plain_attribute_sentence, plain_scan_text = module._attribute_sentence, module.scan_text
    expected, given = [], []
    sort_mattered = 0

    def in_text_order(mentions):
        return [pos for pos, _ in mentions] == sorted(pos for pos, _ in mentions)

    def recording_scan_text(text, start, end, ctx):
        mentions = plain_scan_text(text, start, end, ctx)
        assert in_text_order(mentions), text[start:end]
        expected.append([e for _, e in mentions])
        return mentions

    def recording_attribute_sentence(sent, s, toks, sent_quotes, has_speech, mentions, ctx, found):
        nonlocal sort_mattered
        assert in_text_order(mentions), sent  # as scan_tokens gives them
        scanned = list(mentions)
        attributed = plain_attribute_sentence(sent, s, toks, sent_quotes, has_speech, mentions, ctx, found)
        assert attributed or mentions == scanned, sent  # nothing added unless attributed
        plain = [e for _, e in sorted(mentions, key=itemgetter(0))]  # the plain way: always sort
        sort_mattered += plain != [e for _, e in mentions]
        expected.append(plain)
        return attributed

    def recording_end_sentence(self, mentions):
        given.append(mentions)
        self.history.append(mentions)

    monkeypatch.setattr(module, "scan_text", recording_scan_text)
    monkeypatch.setattr(module, "_attribute_sentence", recording_attribute_sentence)
    monkeypatch.setattr(ArticleContext, "end_sentence", recording_end_sentence)
    attribute(MENTION_PARAGRAPHS)
    assert len(given) == 9
    assert given == expected
    assert sort_mattered  # a source was added before a mention: the sort was needed there


# --- sentences.py: no abbreviation check after four lower-case letters, a digit or a mark

@pytest.mark.parametrize("text", [
    "He said. It was 2004. Then prof. Lee and capt. Ward met xprof. Smith at St. Paul's; x_. \u00b2. \u24b6. \u00e9. A. b.",
    'The "~~~~." It. Over. (Yes.) 5%. Co. co. Mrs. ms. sgt. Capt. PROF. caf\u00e9. US. u.s. Then.',
])
def test_sentence_split_without_the_check_after_short_words_and_marks_gives_the_plain_split(text):
    assert sentence_spans(text) == _plain_sentence_spans(text)


def test_full_stop_pattern_skips_the_check_only_where_it_says_no():
    from search.speakers.sentences import _STOP_END_RE, _after_abbreviation
    pieces = ["prof", "capt", "Prof", "xprof", "said", "sr", "co", "Mr", "u.s", "x", "B", "_", "3", "~", "%", ")", '"',
              "\u00b2", "\u24b6", "\u00e9", " ", " ", ".", "."]
    skipped = 0
    for text in _random_texts(pieces, 21):
        assert sentence_spans(text) == _plain_sentence_spans(text), text
        start = 0  # as sentence_spans keeps it: the end of the last sentence
        for m in _STOP_END_RE.finditer(text):
            if m.lastindex is not None:  # the check skipped: it must have said no
                skipped += 1
                assert not _after_abbreviation(text, start, m.start()), text
            elif _after_abbreviation(text, start, m.start()):
                continue
            start = m.end()
    assert skipped > 100


def test_every_abbreviation_still_holds_its_sentence_together():
    """The pattern's lookbehinds skip the check after four lower-case letters
    save "prof" and "capt": an abbreviation added to the list is checked here."""
    from search.speakers.sentences import _ABBREVIATIONS
    for abbr in sorted(_ABBREVIATIONS):
        text = f"They met {abbr}. Jones and {abbr.capitalize()}. Lee at noon. Then x{abbr}. Ok. 4{abbr}. Fine."
        assert sentence_spans(text) == _plain_sentence_spans(text), abbr
        assert sentence_spans(text)[0] == (0, text.index("noon.") + 5), abbr  # no split after the abbreviation


# --- attribute.py: the role nouns of a describing subject as a trie

ROLE_SUBJECTS = [
    "The actress and singer dropped out.",
    "The chair of the club, the chairman and chairwoman, left.",
    "The former club chairman and chief executive resigned.",
    "The spokesman said nothing.",  # a cue after the noun: no description
    "  The vice-chairman and spokesperson later agreed.",
    "The very long serving former minister quit.",
    "The minister ministers to the sick.",
    "The coach and coachman argued.",
]


def _plain_role_subject_re():
    from search.speakers.attribute import _SUBJECT_ROLES, _role_subject_re
    return _role_subject_re("|".join(sorted(_SUBJECT_ROLES, key=len, reverse=True)))


def _described_role(pattern, text):
    m = pattern.match(text)
    return None if m is None else m.group(1)


@pytest.mark.parametrize("text", ROLE_SUBJECTS)
def test_role_trie_reads_the_description_the_longest_first_alternation_reads(text):
    from search.speakers.attribute import _ROLE_SUBJECT_RE
    assert _described_role(_ROLE_SUBJECT_RE, text) == _described_role(_plain_role_subject_re(), text)


def test_role_trie_agrees_with_the_longest_first_alternation_on_random_descriptions():
    from search.speakers.attribute import _ROLE_SUBJECT_RE, _SUBJECT_ROLES
    plain = _plain_role_subject_re()
    nouns = sorted(_SUBJECT_ROLES)
    rng = random.Random(23)
    found = 0
    for _ in range(3000):
        words = [rng.choice(nouns + ["and", "former", "club", "s", "man", "said", "left", "x"]) for _ in range(rng.randint(1, 7))]
        text = "The " + " ".join(words) + rng.choice([" quit.", " said.", "", " and"])
        role = _described_role(_ROLE_SUBJECT_RE, text)
        found += role is not None
        assert role == _described_role(plain, text), text
    assert found > 500
# ---------------------------------------------------------------- names.py: the phrase cache and the name-run split
# Invented phrases whose words recur at other offsets, inside longer spans
# (a one-word span is a prefix of a two-word one), after a dropped "and"
# (the phrase starts at the second token), or make no phrase at all.
_NP_TEXTS = [
    "Tony", "Tony Blair", "Tony Blair Jr", "Blair", "and Mr Blair", "Mr Blair", "the company", "the", "said",
    "Fiat chief executive Ana Costa", "Ana Costa of the Fairhaven Group", "BBC", "the Treasury",
    "But Lord Nicholls of Birkenhead",
    "Dr Helen Ward", "senior European diplomats", "Jo Park", "Ellen Park", "the Kiwi", "gamesindustry.biz", "she",
    "Mr von der Leyen", "Labour MP John Smith QC", "Southampton's David Prutton", "Archbishop of Canterbury",
]


def _np_fields(np):
    if np is None:
        return None
    return (np.kind, np.text, np.start, np.role, np.gender, np.surname_only, np.definite, np.head)


def test_cached_phrase_parse_gives_the_fresh_parse_at_every_offset():
    from search.speakers import clear_caches
    from search.speakers.names import _parse_np, parse_np

    clear_caches()
    for lead in ("", "So far ", "x " * 7):  # the second and third passes read every span from the cache
        for text in _NP_TEXTS:
            toks = tokenize(lead + text, 3)[len(lead.split()):]
            got = parse_np(toks)
            assert _np_fields(got) == _np_fields(_parse_np(toks)), (lead, text)
            if got is not None:
                got.role = "changed by a caller"  # a caller's change stays out of the cache


_RUN_SPLIT_WORDS = ["Venezuelan", "President", "Hugo", "Chavez", "Mike", "Friday", "Theresa", "May", "Labour", "MP",
                    "Mr", "Dr", "von", "der", "of", "Blair's", "Blair\u2019s", "Jones'", "O'Neill", "the", "Monday",
                    "deputy", "Minister", "al", "Sir", "John", "It's"]


def _plain_name_run_split(run):
    """names._name_run_split as first written: one lookup per word list."""
    from search.speakers.lexicon import HONORIFICS, NAME_PARTICLES, NOT_NAME
    from search.speakers.names import TITLE_WORDS, is_possessive

    cut = -1
    for i, t in enumerate(run):
        if t.low == "of" or t.low in NAME_PARTICLES:
            continue
        if t.low in TITLE_WORDS or t.low in HONORIFICS or (t.low in NOT_NAME and i == cut + 1) or is_possessive(t):
            cut = i
    return run[: cut + 1], run[cut + 1 :]


def test_name_run_split_with_merged_word_lists_is_the_plain_split():
    from search.speakers.names import _name_run_split

    rng = random.Random(17)
    for _ in range(3000):
        run = tokenize(" ".join(rng.choice(_RUN_SPLIT_WORDS) for _ in range(rng.randint(1, 6))))
        assert _name_run_split(run) == _plain_name_run_split(run), [t.text for t in run]


# ---------------------------------------------------------------- coref.py: surnames, first names, styles
_PERSON_WORDS = ["Lord", "lord", "Sir", "Dame", "Baroness", "John", "Helen", "Nicholls", "of", "Of", "Birkenhead",
                 "von", "der", "Leyen", "de", "la", "Al", "al", "Aynsley-Green", "Bourn", "\u00c9lodie", "Mary", "Anna"]


def _random_names(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        yield " ".join(rng.choice(_PERSON_WORDS) for _ in range(rng.randint(1, 5)))


def _plain_surname_of(name):
    """coref.surname_of as first written: three lists."""
    from search.speakers.lexicon import NAME_PARTICLES, STYLES

    words = [w for w in name.split() if w.lower() not in STYLES]
    if "of" in words:
        words = words[: words.index("of")]
    words = [w for w in words if w.lower() not in NAME_PARTICLES]
    return words[-1].lower() if words else name.lower()


def _plain_first_name_gender(name):
    from search.speakers.first_names import gender_of_first_name
    from search.speakers.lexicon import STYLES

    words = [w for w in name.split() if w.lower() not in STYLES]
    return gender_of_first_name(words[0]) if len(words) >= 2 else None


def test_surname_and_first_name_in_one_pass_are_the_plain_lists():
    from search.speakers.coref import _first_name_gender, surname_of

    tricky = ["Lord Nicholls of Birkenhead", "Ursula von der Leyen", "Sir", "de la", "Al Aynsley-Green", "Dame Helen",
              "Mary of", "Lady Mary Of Leeds"]
    for name in tricky + list(_random_names(23, 3000)):
        assert surname_of.__wrapped__(name) == _plain_surname_of(name), name
        assert _first_name_gender(name) == _plain_first_name_gender(name), name


def _plain_by_style_and_first_name(ctx, name):
    """ArticleContext._by_style_and_first_name as first written, its test inside."""
    from search.speakers.lexicon import STYLES

    words = name.split()
    if len(words) != 2 or words[0].lower() not in STYLES:
        return None
    for ent in ctx.people.values():
        other = ent.name.split()
        if len(other) >= 3 and other[0] == words[0] and other[1] == words[1]:
            return ent
    return None


def test_person_asks_for_a_style_and_first_name_only_when_the_plain_test_could_match():
    from search.speakers.coref import ArticleContext
    from search.speakers.names import SourceNP

    ctx = ArticleContext()
    for name in ["Sir John Bourn", "Lord Nicholls of Birkenhead", "Dame Helen Mary"]:
        ctx.person(SourceNP("person", name, 0))
    for name in ["Sir John", "sir John", "Lord Nicholls", "Dame Helen", "Sir Helen", "John Bourn", "Sir",
                 "Sir John Bourn"]:
        plain = _plain_by_style_and_first_name(ctx, name)
        assert plain is not None or name not in ("Sir John", "Lord Nicholls", "Dame Helen")  # the cases that match
        fresh = ArticleContext(people=dict(ctx.people), by_surname=dict(ctx.by_surname))
        got = fresh.person(SourceNP("person", name, 0))
        assert (got is plain) if plain is not None else (got.name == name), name


# ---------------------------------------------------------------- names.py: roles from titles and appositives
_ROLE_WORDS = ["the", "a", "Her", "chief", "Executive", "Minister", "minister", "of", "and", "Venezuelan", "Labour",
               "BBC's", "Russia\u2019s", "deputy", "foreign", ",", ".", "'", "\u2019", "-", "\u2013", "52-year-old",
               "year-old", "who", "whose", "won", "retired", "teacher", "scored", "is", "said", "leading", "16",
               "from", "at", "Imperial", "College", "New", "Jersey", "Ana", "Costa", "co-founder", "well-known"]


def _random_role_tokens(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        yield tokenize(" ".join(rng.choice(_ROLE_WORDS) for _ in range(rng.randint(1, 9))), 5)


def _plain_role_text(tokens):
    """names.role_text as first written: the replaces run on every role."""
    from search.speakers.lexicon import DETERMINERS
    from search.speakers.names import (
        LOWER_TITLE_WORDS, _POSSESSIVE_DETERMINERS, _PROPER_ADJECTIVE_ENDINGS, _join_punctuation, _title_case,
        is_possessive,
    )

    while tokens and (tokens[0].low in DETERMINERS or tokens[0].low in _POSSESSIVE_DETERMINERS):
        tokens = tokens[1:]
    if not tokens:
        return None
    head = tokens[-1]
    title_cased = _title_case(head) and head.low in LOWER_TITLE_WORDS
    words = []
    for idx, t in enumerate(tokens):
        lower = False
        if _title_case(t) and not is_possessive(t):
            if title_cased:
                lower = (t.low in LOWER_TITLE_WORDS or t.low in ("of", "and")
                         or not t.low.endswith(_PROPER_ADJECTIVE_ENDINGS))
            elif idx == 0 and t.low in LOWER_TITLE_WORDS:
                lower = True
        words.append(t.low if lower else t.text)
    return _join_punctuation(" ".join(words)).replace(" - ", "-") or None


def _plain_appositive_role(tokens):
    """names.appositive_role as first written: its tests in their first order."""
    from search.speakers.lexicon import DETERMINERS, ROLE_NOUNS
    from search.speakers.names import (
        _BAD_APPOSITIVE_START, _RELATIVE_WORDS, _VERBISH, _all_name_words, _has_low_in, _starts_with_verb, role_text,
    )

    for cut in range(1, len(tokens)):
        if tokens[cut].low in _RELATIVE_WORDS:
            tokens = tokens[:cut]
            break
    if not tokens or len(tokens) > 18:
        return None
    first = tokens[0]
    if _starts_with_verb(tokens):
        return None
    if first.low in _BAD_APPOSITIVE_START or not first.word:
        return None
    if first.low.endswith("ing") and first.low not in ROLE_NOUNS:
        return None
    if first.low[0].isdigit():
        return None
    if any(t.text in _VERBISH for t in tokens):
        return None
    affiliation = first.low in ("of", "from", "at")
    if not affiliation and _all_name_words(tokens) and not _has_low_in(tokens, ROLE_NOUNS):
        return None
    if any(t.low.endswith("-year-old") for t in tokens):
        return None
    body = tokens[1:] if first.low in DETERMINERS else tokens
    if body and body[0].low in ("from", "of", "at"):
        body = body[1:]
        while body and body[0].low in DETERMINERS:
            body = body[1:]
    return role_text(body)


def test_role_text_skipping_the_replaces_for_words_alone_is_the_plain_role():
    from search.speakers.names import role_text

    for toks in list(_random_role_tokens(29, 4000)) + [tokenize("Chief Executive , Ana - Costa 's aide")]:
        assert role_text(toks) == _plain_role_text(toks), [t.text for t in toks]


def test_appositive_tests_in_another_order_give_the_plain_role():
    from search.speakers.names import appositive_role

    tricky = [tokenize("a 52-year-old retired teacher"), tokenize("16, won gold")]
    for toks in list(_random_role_tokens(31, 4000)) + tricky:
        assert appositive_role(toks) == _plain_appositive_role(toks), [t.text for t in toks]


# ---------------------------------------------------------------- phrases.py: conjuncts
def _plain_split_conjuncts(span):
    """phrases._split_conjuncts as first written: every span through the loop."""
    from search.speakers.lexicon import ORG_WORDS, PREPOSITIONS

    parts, current = [], []
    for t in span:
        if t.low in ("and", ",") and current and not any(c.low in PREPOSITIONS for c in current):
            parts.append(current)
            current = []
            continue
        current.append(t)
    if current:
        parts.append(current)
    if (len(parts) == 2 and len(parts[0]) >= 2 and all(t.cap for t in parts[0]) and parts[1][-1].low in ORG_WORDS
            and not any(t.low in ORG_WORDS for t in parts[0])):
        return [span]
    return parts


def test_span_without_and_or_comma_is_one_conjunct_as_the_plain_split_gives():
    from search.speakers.phrases import _split_conjuncts

    words = ["the", "US", "and", "And", ",", "Nato", "Pew", "Internet", "American", "Life", "Project", "Group", "on",
             "Betting", "Gaming", "officials", "of", "andrew", "Sandy"]
    rng = random.Random(37)
    for _ in range(4000):
        span = tokenize(" ".join(rng.choice(words) for _ in range(rng.randint(0, 7))))
        assert _split_conjuncts(span) == _plain_split_conjuncts(span), [t.text for t in span]
