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
from search.speakers.quotes import MASK, find_quotes, mask_quotes, masked_spans
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
def test_cue_scan_that_skips_masked_quotes_finds_what_the_plain_pattern_finds(text):
    quotes = find_quotes(text)
    masked = mask_quotes(text, quotes)
    assert masked != text  # the quote really is masked, so the skip is exercised
    assert cue_word_starts(masked, masked_spans(quotes)) == [m.start() for m in CUE_WORD_RE.finditer(masked)]


def test_masking_keeps_offsets_the_final_mark_and_blanks_trailing_spaces():
    text = 'She said: "One two three four.  " Then "five six seven eight"'
    masked = mask_quotes(text, find_quotes(text))
    assert len(masked) == len(text)
    assert masked == 'She said: "' + MASK * 18 + '.  " Then "' + MASK * 20 + '"'
    assert all(set(masked[s:e]) == {MASK} for s, e in masked_spans(find_quotes(text)))


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
