"""Quote spans in a paragraph, and which of them are someone's words.

A quote is *speech* when it is long or ends with sentence punctuation inside
the marks; a short quote ("dead end", "Robocop") is only a *partial* quote,
which counts as a speaker's words only next to an explicit cue; a quote whose
words are all capitalised is a title or nickname and never speech.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

# Curly and straight double quotes, and the two-character marks of archive
# and typewriter text: ''like this'' and ``like this''.
_QUOTE_MARK_RE = re.compile("''|``|[\"\u201c\u201d]")
_WORD_RE = re.compile(r"[\w'\u2019-]+")
MASK = "~"


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to build
class Quote:
    start: int  # index of the opening mark
    end: int  # index just past the closing mark (or the paragraph end)
    inner_start: int  # the quoted words: text[inner_start:inner_end]
    inner_end: int
    inner: str
    kind: str  # "speech", "partial" or "title"

    @property
    def is_speech(self) -> bool:
        return self.kind == "speech"


def _classify(inner: str) -> str:
    words = _first_words(inner)  # the rules below only tell 0 to 7 words apart
    if not words:
        return "title"
    stripped = inner.rstrip()
    ends_sentence = stripped[-1:] in ".,?!" and len(words) >= 2
    title_case = all(w[0].isupper() or not w[0].isalpha() for w in words)
    if title_case and len(words) <= 6 and not ends_sentence:
        return "title"
    if title_case and len(words) <= 4:
        return "title"
    if len(words) >= 4 or ends_sentence:
        return "speech"
    return "partial"


def _first_words(inner: str) -> list[str]:
    """The first 7 words of `inner` (all of them if fewer)."""
    return [m.group() for m in islice(_WORD_RE.finditer(inner), 7)]


_OPEN_BEFORE = set("([\u2014\u2013-:/")
_CLOSE_AFTER = set(".,;:!?)]\u2014\u2013-'\u2019\"")


def _orientation(text: str, p: int, mark: str) -> tuple[bool, bool]:
    """(looks like an opening mark, looks like a closing mark) for the mark at p."""
    if mark in ("\u201c", "``"):
        return True, False
    if mark == "\u201d":
        return False, True
    prev = text[p - 1] if p > 0 else " "
    nxt = text[p + len(mark)] if p + len(mark) < len(text) else " "
    opener = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    closer = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)
    return opener, closer


def _quote(text: str, opening: re.Match, inner_end: int, end: int) -> Quote:
    inner = text[opening.end() : inner_end]
    return Quote(opening.start(), end, opening.end(), inner_end, inner, _classify(inner))


def find_quotes(text: str) -> list[Quote]:
    """Pair quote marks, using which way each mark faces.

    An unclosed quote runs to the paragraph end (a quote that continues in the
    next paragraph); an opening mark inside an open quote starts a new quote
    (the previous one ended at a paragraph break that the text lost).
    """
    quotes: list[Quote] = []
    opening = None
    for m in _QUOTE_MARK_RE.finditer(text):
        opener, closer = _orientation(text, m.start(), m.group())
        if opening is None:
            if opener or not closer:
                opening = m
        elif closer or not opener:
            quotes.append(_quote(text, opening, m.start(), m.end()))
            opening = None
        else:
            quotes.append(_quote(text, opening, m.start(), m.start()))
            opening = m
    if opening is not None:
        quotes.append(_quote(text, opening, len(text), len(text)))
    return quotes


def mask_quotes(text: str, quotes: list[Quote]) -> str:
    """The text as attribution reads it, same length: the words of speech
    quotes blanked out (keeping a final punctuation mark) so that cue verbs
    and names inside them are not seen, and every two-character mark written
    as one straight mark and a space."""
    chars = list(text)
    for q in quotes:
        for mark_start, mark_end in ((q.start, q.inner_start), (q.inner_end, q.end)):
            if mark_end - mark_start == 2:
                chars[mark_start : mark_end] = ['"', " "]
        if q.is_speech:
            words = q.inner.rstrip()
            end = q.inner_start + len(words) - (1 if words[-1:] in (".", ",", "?", "!") else 0)
            chars[q.inner_start : end] = MASK * (end - q.inner_start)
            chars[q.inner_start + len(words) : q.inner_end] = " " * (q.inner_end - q.inner_start - len(words))
    return "".join(chars)
