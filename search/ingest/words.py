"""Words in text: counting them (also in Chinese, Japanese or Korean, which put no spaces between words) and
the key two texts are compared by.

    CJK_CHAR                     a kana, CJK ideograph or Hangul syllable
    word_count(text) -> int      words between spaces, plus one per two CJK characters
    comparison_key(text) -> str  "Self-isolate: the U.K.'s rules" -> "selfisolate the u k s rules"
"""
from __future__ import annotations

import re

__all__ = ["CJK_CHAR", "word_count", "comparison_key", "folded_dehyphenated"]

CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    return len(text.split()) + len(CJK_CHAR.findall(text)) // 2  # two CJK characters count as a word


_NON_WORD = re.compile(r"\W+")
# For ASCII text, \w is [A-Za-z0-9_]: every other byte becomes a space, and split/join squeezes the runs.
_ASCII_NON_WORD_TO_SPACE = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + b" " * 128


def folded_dehyphenated(text: str) -> str:
    """Case-folded, without hyphens: "self-isolate" and "selfisolate" (a hyphen lost at a print line end)
    compare equal."""
    folded = text.casefold()
    if "-" in folded:  # `in` scans cheaper than replace
        folded = folded.replace("-", "")
    return folded.replace("\u00ad", "") if "\u00ad" in folded else folded


def comparison_key(text: str) -> str:
    """How two texts are compared (a headline with its print, a caption with a paragraph, a name with a name):
    case-folded, hyphens dropped, every other run of punctuation and space as one space."""
    folded = folded_dehyphenated(text)
    if folded.isascii():  # the common case, several times faster than the regex's Unicode \w scan
        return " ".join(folded.encode("ascii").translate(_ASCII_NON_WORD_TO_SPACE).decode("ascii").split())
    return _NON_WORD.sub(" ", folded).strip()
