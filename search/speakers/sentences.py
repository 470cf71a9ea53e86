"""Split a (quote-masked) paragraph into sentence spans, keeping offsets."""
from __future__ import annotations

import re

# A full stop after these is not a sentence end.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "lt", "col", "sgt", "capt", "rev",
    "no", "vs", "inc", "ltd", "co", "jr", "sr", "gov", "sen", "rep", "maj", "u.s", "u.k",
}
# "[.?!][.?!]*" rather than "[.?!]+": a pattern that opens on a plain character
# class lets the engine skip ahead to the next mark instead of trying a repeat
# at every position (same matches, a third of the time).
_END_RE = re.compile(r"[.?!][.?!]*[\"\u201d\u2019')\]]*(?=\s+|$)")
# The same pattern for a text without "?" or "!" (where [.?!] can only be a
# full stop), opening on that literal: the engine runs to each full stop
# instead of testing a character class at every character. Its empty group
# 1 matches where _after_abbreviation would say no, so Python need not look:
# after five ASCII letters (a word that long is no abbreviation), four
# lower-case ones but "prof" and "capt" (no other abbreviation is as long), or a
# digit, "_" or mark that is neither letter nor space (every abbreviation,
# and the one letter, ends in a letter): "said.", "2004.", a masked "~~~.".
_STOP_END_RE = re.compile(
    r"\.(?:(?:(?<=[A-Za-z]{5}\.)|(?<=[a-z]{4}\.)(?<!prof\.)(?<!capt\.)|(?<=[\d_]\.)|(?<=[^\w\s]\.))()|)"
    r"[.?!]*[\"\u201d\u2019')\]]*(?=\s+|$)")


def _after_abbreviation(text: str, start: int, dot: int) -> bool:
    if dot - 5 >= start and text[dot - 5 : dot].isalpha():
        return False  # a word of five letters or more: no abbreviation is that long
    # Abbreviations are short: the last 8 characters hold any that matters
    # (a longer last word is cut to 8 characters, which no abbreviation has).
    before = text[max(start, dot - 8) : dot].rsplit(None, 1)
    last_word = before[-1].lower() if before else ""
    return last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    end_re = _END_RE if "?" in text or "!" in text else _STOP_END_RE  # 19 paragraphs in 20 have neither
    for m in end_re.finditer(text):
        # (What group 1 looks at is after `start`, as _after_abbreviation asks:
        # the character before `start` ends a match, and is no letter; the one
        # at `start` is a space, so the character before the stop is past it.)
        if m.lastindex is None and text[m.start()] == "." and _after_abbreviation(text, start, m.start()):
            continue
        end = m.end()
        spans.append((start, end))  # never blank: it holds the match's end mark
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
