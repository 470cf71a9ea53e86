"""Page furniture that extraction lets through: drop it, keep the article's own text.

    clean_paragraphs(blocks, title=, authors=, captions=) -> list[str]
    is_furniture(line) -> bool

Drops photo captions and credits (the shared rules in captions.py, plus text the
page itself marks as a caption, credits glued to the end of a caption and
gallery slides "17/50 ..."), page furniture by what it says (the list both paths
share, in furniture.py: share, newsletter, "Read more", promo, legal and notice
lines), the headlines under a "Related stories" heading, and what only a saved
page's extraction keeps: embedded-tweet signatures, lines that are only a date
or a stamp ("Name | Place | date"), a byline repeated as a paragraph, the title
repeated as the first paragraph, short exact repeats, toolbars of bracketed
links, lines with no words, e-mail signatures and short lines that end in a link.
Credits glued to the front of a sentence or run into it ("Photo: Jane
Doe/Instagram") are cut and the sentence kept. Datelines ("LONDON (Reuters) -")
are body text and stay.
"""
from __future__ import annotations

import re

from search.ingest.bylines import looks_like_byline
from search.ingest.captions import CREDIT_AGENCIES, gallery_slides, is_caption_or_credit, strip_glued_credit
from search.ingest.furniture import is_furniture_paragraph
from search.ingest.rules import PICTURE_ONLY_SOURCES, alternation
from search.ingest.words import comparison_key

__all__ = ["clean_paragraphs", "is_furniture"]

_REPEAT_WORDS = 30
# "— Shay Friedman (@ironshay) August 22, 2013": the attribution line of an embedded tweet.
_TWEET_SIGNATURE = re.compile(r"^[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s*\w+\s+\d{1,2},\s+\d{4}$")
# A line that is only a date or time: "24 July 2015", "08.04.2015 12:46", "March 3, 2020 at 11:29 a.m."
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$",
    re.I,
)


# Headings that open a block of links to other stories ("More Must-Reads From TIME").
_LINKS_HEADING = re.compile(
    r"^\W*(?:related(?:\s+\w+){0,2}|recommended(?:\s+\w+){0,2}|most\s+(?:read|popular|viewed)|trending(?:\s+now)?"
    r"|top\s+stories|you\s+(?:may|might)\s+also\s+like|more\s+(?:[\w-]+\s+){0,2}from\s+[^.]{0,40}|more\s+on\s+this\s+story"
    r"|(?:read|see)\s+(?:more|also))\s*:?\s*$",
    re.I,
)
_HEADLINE_WORDS = 15  # the story links under such a heading are headlines: short, without a full stop


def _is_headline(text: str) -> bool:
    """Story links are short and end without a full stop; many are questions ("Is Snoozing Bad for You?")."""
    return len(text.split()) < _HEADLINE_WORDS and not text.rstrip().endswith((".", "!", '"', "”", ":"))


# "[Docs] [txt|pdf] [Tracker]", "【纠错】 【责任编辑:X】": a toolbar of bracketed links, not a sentence.
_BRACKET_TOOLBAR = re.compile(r"^(?:\s*[\[【［][^\]】］]{1,40}[\]】］]){2,}\s*$")
# "Jane Doe | Lisbon | 08/01/2014": a byline, place and date stamp.
_FIELD_SEPARATORS = re.compile(r"\s+[|•·]\s+")
_NUMERIC_DATE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
# "Bradley Kuhn <bkuhn@example.org>", "Send tips to <desk@example.org>.": a signature or contact line.
_ADDRESSED_EMAIL = re.compile(r"<[^\s<>@]+@[^\s<>@]+\.\w+>")
_CLOSING_URL = re.compile(r"(?:^|\s)(?:https?://|www\.)\S+(?:\s+\([^)]*\))?\s*$")  # a link closes the line
_SHORT_LINK_LINE = 120
_TWEET_PICTURE = re.compile(r"pic\.twitter\.com/\w+\s*$")
_SENTENCE_END = (".", "!", "?", "。", "！", "？")


def _is_stamp(text: str) -> bool:
    fields = _FIELD_SEPARATORS.split(text)
    return len(fields) >= 2 and len(text) < 120 and any(
        _NUMERIC_DATE.match(f) or _DATE_ONLY.match(f) for f in fields)


# A stamp with its date: "Posted on 3 May 2024", "Last updated: 12.01.2023", "Originally published ...".
_STAMP_OPENING = re.compile(
    r"^\W*(?:originally\s+published\b|(?:posted|published|updated|last\s+updated)\s*(?:on|at|:)?\s*(?:\d|[a-z]{3,9}\.?\s+\d))",
    re.I,
)
_SHORT_LINE = 220


def is_furniture(text: str) -> bool:
    """True for page furniture (furniture.py, the list both paths share) and for what a saved page's
    extraction keeps that is no paragraph: stamps and dates on a line of their own, embedded tweets, toolbars
    of bracketed links, lines with no words, contact lines and lines that end in a link."""
    if is_furniture_paragraph(text):
        return True
    if len(text) > _SHORT_LINE:
        return False
    if _STAMP_OPENING.match(text) or _TWEET_SIGNATURE.match(text) or _DATE_ONLY.match(text):
        return True
    if _BRACKET_TOOLBAR.match(text) or _is_stamp(text):
        return True
    if not any(c.isalnum() for c in text):
        return True  # "⭐️⭐️⭐️⭐️", "* * *": no words at all
    if len(text) < 160 and _ADDRESSED_EMAIL.search(text):
        return True
    if len(text) < _SHORT_LINK_LINE and _CLOSING_URL.search(text) and not text.endswith(_SENTENCE_END):
        return True  # "Donate via PayPal: https://...", "Html markup produced by X, available from https://..."
    return bool(_TWEET_PICTURE.search(text))  # an embedded tweet's text


_CREDIT_SOURCES = CREDIT_AGENCIES
# "...increase taxes.AFP/Getty Images": a credit glued to the end of a caption sentence.
_CREDIT_TAIL = 160  # a credit closing a caption is short: only the paragraph's end is searched
_GLUED_TRAILING_CREDIT = re.compile(
    rf"[.!?\"”’)](?:[A-Z][\w'.\-]*(?:\s[A-Z][\w'.\-]*){{0,3}}\s?/\s?)*{_CREDIT_SOURCES}\s*$"
)
# "Photo: Jane Doe/Instagram" or "Jane Doe/Getty Images" inside a paragraph a page ran together.
# A news agency after a slash in running text may be a dateline's ("MOSCOW (UrduPoint News / Sputnik -"): it is a
# credit only with its label; a picture agency is one either way.
_INLINE_CREDIT = re.compile(
    rf"(?:\b(?:Photo(?:graph)?|Image|Picture)s?\s*:\s*\b(?!(?:The|A|An|At|In|From|Via|By)\s)"
    rf"(?:[A-Z][\w'.\-]+\s){{1,3}}[A-Z][\w'.\-]+\s?/\s?{_CREDIT_SOURCES}"
    rf"|\b(?!(?:The|A|An|At|In|From|Via|By)\s)(?:[A-Z][\w'.\-]+\s){{1,3}}[A-Z][\w'.\-]+\s?/\s?"
    rf"{alternation(PICTURE_ONLY_SOURCES)})\b\s?"
)


def strip_inline_credits(text: str) -> str:
    """Cut photo credits out of running text; a paragraph without one comes back unchanged."""
    return _INLINE_CREDIT.sub("", text).strip() if "/" in text else text


def clean_paragraphs(
    blocks: list[str], *, title: str = "", authors: list[str] | None = None, captions: set[str] | None = None
) -> list[str]:
    """The article's own paragraphs from extracted blocks.

    `captions` holds `comparison_key`s of text the page itself marks as a caption or credit
    (<figcaption>, class="caption"/"credit"); a paragraph equal to one is dropped.
    """
    out: list[str] = []
    seen: set[str] = set()
    captions = captions or set()
    slides = gallery_slides(blocks)
    in_links = False  # inside a "Related stories" block: its headlines go too
    for i, block in enumerate(blocks):
        if in_links and _is_headline(block):
            continue
        in_links = bool(_LINKS_HEADING.match(block))
        if i in slides:
            continue  # "17/50 Argentina hit by strikes ...": a gallery slide's caption
        text = strip_glued_credit(block).strip()
        if not text or is_caption_or_credit(text) or is_furniture(text) or comparison_key(text) in captions:
            continue
        if _GLUED_TRAILING_CREDIT.search(text[-_CREDIT_TAIL:]):
            continue  # a caption whose credit is glued on: "...increase taxes.AFP/Getty Images"
        text = strip_inline_credits(text)
        if looks_like_byline(text, authors) or (i < 4 and title and comparison_key(text) == comparison_key(title)):
            continue
        key = comparison_key(text)
        if key in seen and len(text.split()) < _REPEAT_WORDS:
            continue  # a pull quote or a caption shown twice; long paragraphs may truly repeat
        seen.add(key)
        out.append(text)
    return out
