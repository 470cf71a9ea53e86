"""Split a (quote-masked) paragraph into sentence spans, keeping offsets."""
from __future__ import annotations

import re

# A full stop after these is not a sentence end.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "lt", "col", "sgt", "capt", "rev",
    "no", "vs", "inc", "ltd", "co", "jr", "sr", "gov", "sen", "rep", "maj", "u.s", "u.k",
}
# A run of end marks, then closing quotes or brackets, then a space or the
# end, and no lower-case letter next: a sentence opens on anything else ("Sen.
# Mitch McConnell (R-Ky.) said", "the U.S. economy" go on). A match starts
# only at the first mark of a run: tried again at each later mark of a long
# run ("?!?!…x"), it would read the run again each time.
_END_RE = re.compile(r"(?<![.?!])[.?!]++[\"\u201d\u2019')\]]*+(?=\s|$)(?!\s+[a-z])")


def _after_abbreviation(text: str, start: int, dot: int) -> bool:
    # Abbreviations are short: the last 8 characters hold any that matters.
    before = text[max(start, dot - 8) : dot].rsplit(None, 1)
    last_word = before[-1].lower() if before else ""
    return last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _END_RE.finditer(text):
        if text[m.start()] == "." and _after_abbreviation(text, start, m.start()):
            continue
        end = m.end()
        spans.append((start, end))  # never blank: it holds the match's end mark
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
