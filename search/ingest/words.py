"""Counting words in text that may be Chinese, Japanese or Korean, which put no spaces between words.

    CJK_CHAR                 a kana, CJK ideograph or Hangul syllable
    word_count(text) -> int  words between spaces, plus one per two CJK characters
"""
from __future__ import annotations

import re

__all__ = ["CJK_CHAR", "word_count"]

CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    return len(text.split()) + len(CJK_CHAR.findall(text)) // 2  # two CJK characters count as a word
