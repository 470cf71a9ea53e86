"""Tokens of a sentence: words, masked quotes and marks, with their offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

# The rest of a word: letters and digits, and . ' & - _ inside it when a
# letter or digit follows ("well-known", "U.S", "O'Neill"). Possessive
# quantifiers: each character is read once, whatever follows.
_WORD_TAIL = r"(?:[^\W_]++|[_.'\u2019&-]++(?=[^\W_]))*+"
_TOKEN_RE = re.compile(
    r"(~+)"  # a masked quote
    rf"|((?:al|el|ul|ad|bin|ibn|d)['\u2019-][A-Z]{_WORD_TAIL}|[A-Z\u00c0-\u00de]{_WORD_TAIL})"  # capitalised word
    rf"|(\d{{1,3}}(?:,\d{{3}})++(?:\.\d+)?(?![\d,])|[^\W_]{_WORD_TAIL})"  # other word; "1,300" is one number
    r"|([^\s\w]|_)"  # one mark
)
POSSESSIVE_ENDINGS = ("'s", "\u2019s")


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    low: str
    cap: bool  # starts with a capital (or "al-Qaeda", "d'Arcy")
    word: bool  # a word, not a mark or masked quote


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """The tokens of `text`, with offsets counted from `offset`."""
    toks = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastindex
        t = m.group(kind)
        start = m.start() + offset
        toks.append(Tok(t, start, start + len(t), t.lower() if kind in (2, 3) else t, kind == 2, kind in (2, 3)))
    return toks


def is_possessive(tok: Tok) -> bool:
    return tok.low.endswith(POSSESSIVE_ENDINGS)


def strip_possessive(text: str) -> str:
    """ "Blair's" -> "Blair", "Jones'" -> "Jones"."""
    if text.endswith(POSSESSIVE_ENDINGS):
        return text[:-2]
    return text[:-1] if text.endswith(("'", "\u2019")) else text
