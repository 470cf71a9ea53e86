"""Which blocks of a page are the article body: classify each block, then keep the densest stretch.

    classify(text) -> "body" | "heading" | "caption" | "junk"
    select_body(kinds, sizes) -> (start, end)   the stretch with the most body text, found with Kadane's
                                                maximum-sum run, so thousands of menu lines cost linear time
"""
from __future__ import annotations

import re

from search.ingest.captions import is_caption_or_credit
from search.ingest.furniture import is_furniture_paragraph, is_wire_tagline
from search.ingest.pasted.menus import is_menu_placeholder
from search.ingest.pasted.paragraphs import ends_sentence

_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between both but by
    can could did do does doing down during each few for from further had has have having he her here hers him his how i if in
    into is it its itself just me more most my no nor not now of off on once only or other our out over own said same she
    should so some such than that the their them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your""".split()
)
_WORD = re.compile(r"[A-Za-z’']+")
_MIN_BODY_WORDS = 7
_MAX_HEADING_WORDS = 12
_GAP_COST = 60  # what one non-body block between two body paragraphs costs, in characters


# The words of _WORD as bytes: every byte that is not an ASCII letter or an apostrophe becomes a space.
_WORD_BYTES = bytes(c if (65 <= c <= 90 or 97 <= c <= 122 or c == 39) else 32 for c in range(256))
_STOPWORD_BYTES = frozenset(w.encode() for w in _STOPWORDS)


# The same table, lower-casing A-Z as well: it spares str.lower(), slow on non-ASCII text. Every non-ASCII character
# becomes "?" and then a space with or without lower(), except the two whose lower case holds an ASCII letter
# ("İ" -> "i̇", the Kelvin sign -> "k"): a text with one of them is lower-cased first.
_LOWER_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c for c in _WORD_BYTES)


def stopword_share(text: str) -> float:
    """The share of _WORD words that are stopwords, in the first sentences (they say enough). Split as bytes,
    twice as fast as _WORD.findall: "’" is "'" (no stopword holds either) and other non-ASCII is a space."""
    head, table = text[:400], _LOWER_WORD_BYTES
    if "\u0130" in head or "\u212a" in head:
        head, table = head.lower(), _WORD_BYTES
    words = (head.replace("’", "'") if "’" in head else head).encode("ascii", "replace").translate(table).split()
    return sum(map(_STOPWORD_BYTES.__contains__, words)) / len(words) if words else 0.0  # map: the count runs in C


def classify(text: str, english: bool = True) -> str:
    """What a rebuilt block is, judged on its own text. `english=False` drops the stopword test
    (for articles in other languages, where the English stopword share says nothing)."""
    if is_menu_placeholder(text) or is_furniture_paragraph(text) or is_wire_tagline(text):
        return "junk"
    if is_caption_or_credit(text):
        return "caption"
    # Both tests below only ask whether there are at least 7 or at most 12 words: counting up to 13 answers both
    # without splitting a whole paragraph.
    n_words = len(text.split(maxsplit=_MAX_HEADING_WORDS))
    if ends_sentence(text) and n_words >= _MIN_BODY_WORDS and (not english or stopword_share(text) >= 0.2):
        return "body"
    if n_words <= _MAX_HEADING_WORDS and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“‘'") \
            and not text.endswith((",", "|")) and " | " not in text:  # "Profile | Grace Mugabe" is a link label
        return "heading"
    return "junk"


def select_body(kinds: list[str], sizes: list[int]) -> tuple[int, int]:
    """[start, end) of the stretch where body text outweighs everything between it (Kadane, linear)."""
    best, best_span = 0, (0, 0)
    run, run_start = 0, 0
    for i, (kind, size) in enumerate(zip(kinds, sizes)):
        gain = size if kind == "body" else -(_GAP_COST + size // 2)
        if run <= 0:
            run, run_start = 0, i
        run += gain
        if run > best:
            best, best_span = run, (run_start, i + 1)
    return best_span
