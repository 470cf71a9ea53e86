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

QUOTE_MARKS = '"\u201c\u201d'
_QUOTE_MARK_RE = re.compile(f"[{QUOTE_MARKS}]")
_WORD_RE = re.compile(r"[\w'\u2019-]+")
MASK = "~"


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to build
class Quote:
    start: int  # index of the opening mark
    end: int  # index just past the closing mark (or the paragraph end)
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


def _orientation(text: str, p: int) -> tuple[bool, bool]:
    """(looks like an opening mark, looks like a closing mark)."""
    ch = text[p]
    if ch == "\u201c":
        return True, False
    if ch == "\u201d":
        return False, True
    prev = text[p - 1] if p > 0 else " "
    nxt = text[p + 1] if p + 1 < len(text) else " "
    opener = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    closer = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)
    return opener, closer


def find_quotes(text: str) -> list[Quote]:
    """Pair quote marks, using which way each mark faces.

    An unclosed quote runs to the paragraph end (a quote that continues in the
    next paragraph); an opening mark inside an open quote starts a new quote
    (the previous one ended at a paragraph break that the text lost).
    """
    marks = [m.start() for m in _QUOTE_MARK_RE.finditer(text)]
    if not marks:
        return []
    quotes: list[Quote] = []
    open_at = None
    for p in marks:
        opener, closer = _orientation(text, p)
        if open_at is None:
            if opener or not closer:
                open_at = p
            continue
        if closer or not opener:
            inner = text[open_at + 1 : p]
            quotes.append(Quote(open_at, p + 1, inner, _classify(inner)))
            open_at = None
        else:
            inner = text[open_at + 1 : p]
            quotes.append(Quote(open_at, p, inner, _classify(inner)))
            open_at = p
    if open_at is not None:
        inner = text[open_at + 1 :]
        quotes.append(Quote(open_at, len(text), inner, _classify(inner)))
    return quotes


def _masked_span(q: Quote) -> tuple[int, int]:
    """The characters of a speech quote that masking blanks out: its words,
    not a final punctuation mark or trailing spaces."""
    inner = q.inner.rstrip()
    keep = 1 if inner[-1:] in (".", ",", "?", "!") else 0
    return q.start + 1, q.start + 1 + len(inner) - keep


def mask_quotes(text: str, quotes: list[Quote]) -> str:
    """Blank out the words of speech quotes (keeping offsets and the final
    punctuation mark) so that cue verbs and names inside them are not seen."""
    pieces, at = [], 0
    for q in quotes:
        if not q.is_speech:
            continue
        start, end = _masked_span(q)
        inner_end = q.start + 1 + len(q.inner)
        keep = text[end:inner_end].rstrip()  # the final punctuation mark, if any
        pieces += [text[at:start], MASK * (end - start), keep, " " * (inner_end - end - len(keep))]
        at = inner_end
    if not pieces:
        return text
    pieces.append(text[at:])
    return "".join(pieces)
