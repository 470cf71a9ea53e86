"""The text pieces attribution reads: tokens, sentences, quotes (invented text)."""
from __future__ import annotations

import pytest

from search.speakers.quotes import MASK, find_quotes, mask_quotes
from search.speakers.sentences import sentence_spans
from search.speakers.tokens import tokenize


def _texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize("text, tokens", [
    ("al-Qaeda and d'Arcy (BBC) said", ["al-Qaeda", "and", "d'Arcy", "(", "BBC", ")", "said"]),
    ("About 1,300 well-known fans.", ["About", "1,300", "well-known", "fans", "."]),
    ("O'Neill's U.S. visit, said Sen. Donald J. Trump", ["O'Neill's", "U.S.", "visit", ",", "said", "Sen.", "Donald",
                                                       "J.", "Trump"]),
    ('"~~~~~," she said', ['"', "~~~~~", ",", '"', "she", "said"]),
])
def test_tokens_keep_names_numbers_and_masked_quotes_whole(text, tokens):
    assert _texts(text) == tokens


def test_token_offsets_point_into_the_text():
    text = "  Mr\tBlair\u00a0said: \u201cno\u201d"
    for t in tokenize(text, 10):
        assert text[t.start - 10 : t.end - 10] == t.text
    caps = [t.text for t in tokenize(text) if t.cap]
    assert caps == ["Mr", "Blair"]


def test_sentence_split_skips_abbreviations_and_initials():
    text = "Mr. Smith met Dr. Jones and J. Brown. Later Smith wrote. Is it? Yes!\u201d He left."
    sentences = [text[s:e].strip() for s, e in sentence_spans(text)]
    assert sentences == ["Mr. Smith met Dr. Jones and J. Brown.", "Later Smith wrote.", "Is it?", "Yes!\u201d",
                         "He left."]


def test_a_sentence_does_not_end_before_a_lower_case_word():
    text = "Sen. Mitch McConnell (R-Ky.) said nothing. The U.S. economy grew."
    assert len(sentence_spans(text)) == 2


def test_sentence_spans_cover_every_word():
    text = "One. Two?! Three... four \"five.\" (Six.) seven"
    spans = sentence_spans(text)
    assert "".join(text[s:e] for s, e in spans) == text


@pytest.mark.parametrize("quote, kind", [
    ("The Best Day Of My Whole Life Ever", "speech"),  # more than six Title Case words
    ("Best Day Of My Life", "title"),
    ("we will never give up on this town or its people", "speech"),
    ("dead end", "partial"),
])
def test_quotes_are_classified_by_their_words(quote, kind):
    [q] = find_quotes(f'He called it "{quote}" on Monday')
    assert q.kind == kind


def test_masking_keeps_offsets_the_final_mark_and_blanks_trailing_spaces():
    text = 'She said: "One two three four.  " Then "five six seven eight"'
    masked = mask_quotes(text, find_quotes(text))
    assert len(masked) == len(text)
    assert masked == 'She said: "' + MASK * 18 + '.  " Then "' + MASK * 20 + '"'


def test_an_unclosed_quote_runs_to_the_paragraph_end():
    [q] = find_quotes('He said: "We will fight on the beaches and in the hills')
    assert q.end == len('He said: "We will fight on the beaches and in the hills') and q.kind == "speech"
