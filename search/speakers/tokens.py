"""Tokens of a sentence: words, masked quotes and marks, with their offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

# The rest of a word: letters and digits, and . ' & - _ inside it when a
# letter or digit follows ("well-known", "U.S", "O'Neill"). Possessive
# quantifiers: each character is read once, whatever follows.
_WORD_TAIL = r"(?:[^\W_]++|[_.'\u2019&-]++(?=[^\W_]))*+"
# Titles and honorifics written short with a full stop, as US papers write
# them ("Sen. Bernie Sanders", "Mr. Trump"); the token keeps its stop, and its
# lookup form is the word it stands for.
ABBREVIATED_TITLES = {
    "mr": "mr", "mrs": "mrs", "ms": "ms", "dr": "dr", "prof": "professor", "messrs": "messrs", "st": "st",
    "jr": "jr", "sr": "sr", "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain", "rev": "reverend", "adm": "admiral",
    "maj": "major", "cmdr": "commander", "supt": "superintendent", "insp": "inspector", "det": "detective",
    "atty": "attorney", "pres": "president", "sec": "secretary",
}
_TITLE_ALTERNATION = "|".join(sorted((w.capitalize() for w in ABBREVIATED_TITLES), key=len, reverse=True))
_TOKEN_RE = re.compile(
    r"(~+)"  # a masked quote
    rf"|((?:{_TITLE_ALTERNATION}|[A-Z](?:\.[A-Z])*+)\.(?![^\W_])"  # "Sen.", "Donald J. Trump", "the U.S."
    rf"|(?:al|el|ul|ad|bin|ibn|d)['\u2019-][A-Z]{_WORD_TAIL}|[A-Z\u00c0-\u00de]{_WORD_TAIL})"  # capitalised word
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
    i: int = -1  # its index in the token list tokenize made


# A pronoun's contracted auxiliary is a token of its own ("he's said" is
# "he has said"); its lookup form is the auxiliary it stands for.
_CONTRACTED = {"s": "has", "ve": "have", "re": "are", "ll": "will", "d": "had"}
_CONTRACTING = {"he", "she", "it", "they", "we", "i", "you", "who", "that", "there"}


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """The tokens of `text`, with offsets counted from `offset`."""
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastindex
        t = m[kind]
        start = m.start() + offset
        if kind == 2 and t[-1] == ".":  # "Sen." looks up as "senator", "U.S." as "u.s"
            low = ABBREVIATED_TITLES.get(t[:-1].lower(), t[:-1].lower())
        else:
            low = t.lower() if kind != 1 and kind != 4 else t
        if "'" in low or "\u2019" in low:
            stem, _, ending = low.replace("\u2019", "'").partition("'")
            if stem in _CONTRACTING and ending in _CONTRACTED:
                cut = start + len(stem)
                toks.append(Tok(t[: len(stem)], start, cut, stem, kind == 2, True, len(toks)))
                toks.append(Tok(t[len(stem) :], cut, start + len(t), _CONTRACTED[ending], False, True, len(toks)))
                continue
        toks.append(Tok(t, start, start + len(t), low, kind == 2, kind == 2 or kind == 3, len(toks)))
    return toks


def is_possessive(tok: Tok) -> bool:
    return tok.low.endswith(POSSESSIVE_ENDINGS)


def strip_possessive(text: str) -> str:
    """ "Blair's" -> "Blair", "Jones'" -> "Jones"."""
    if text.endswith(POSSESSIVE_ENDINGS):
        return text[:-2]
    return text[:-1] if text.endswith(("'", "\u2019")) else text
