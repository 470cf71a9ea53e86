"""Rebuild paragraphs from hard-wrapped lines (pdftotext, PDF viewers, print previews).

    rebuild_paragraphs(lines) -> list[Block]

Lines come in page order; PAGE_BREAK lines mark where a page ended and SOFT_BREAK lines where furniture
was cut out. A line ends its paragraph when the next line's first word would clearly have fitted on it
(the line was ended on purpose), when a list item starts, or at a blank line. A paragraph cut by a page
break or by a dropped ad is joined back when it stopped mid-sentence. Soft hyphens go; real hyphens stay.
Linear in the number of lines.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from search.ingest.captions import is_caption_or_credit
from search.ingest.dates import READING_TIME, find_date, find_relative_time
from search.ingest.pasted.menus import is_menu_placeholder
from search.ingest.pasted.print_furniture import PAGE_BREAK
from search.ingest.words import CJK_CHAR

SOFT_BREAK = "\v"  # furniture was removed here: a paragraph may continue across it

_TERMINAL = tuple('.!?:;"”’\')…]')
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙*]|[-+]\s|\d{1,2}[.)]\s)")  # a line opening with "–" continues a sentence
_BULLET_START = frozenset("•·▪●◦‣∙*-+")  # with digits, the first characters _BULLET can match


def _is_bullet(line: str) -> bool:
    first = line[:1]
    return (first in _BULLET_START or first.isdigit()) and _BULLET.match(line) is not None
_CELL_GAP = re.compile(r"\s{3,}")
_STAMP_LABEL = re.compile(r"(?:posted|updated|published|last\s+updated|first\s+published)\b", re.I)
# a year, "5 min read", "3 hours ago"
_STAMP_HINT = re.compile(r"(?:19|20)\d\d|\d\s*(?:min|hours?|hrs?|days?|weeks?)\b|\bago\b", re.I)
_FIT_SLACK = 0.95  # proportional fonts: a word "fits" only with some room to spare
_HEADING_FIT = 0.8  # a line this short that stops without punctuation is a heading or a label
_CJK_PUNCTUATION = tuple("、。，．！？」』）")
_CJK_SHORT_LINE = 0.5  # a line of a script wrapped at any character ends its paragraph when it stops this short
UNWRAPPED = 10**6  # no line ever wrapped: one line is one paragraph (a copy from the page, a print preview)


@dataclass(slots=True)  # ~100 blocks a paste: slots make building and reading them cheaper
class Block:
    text: str
    lines: int  # how many source lines it was built from
    list_item: bool = False
    last_line: str = ""  # the last source line, to judge whether a page break cut the paragraph


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def _first_word(line: str) -> str:
    return line.split(" ", 1)[0]


def _clean_layout_line(line: str) -> list[str]:
    """-layout lines: keep the body column; short side cells (sidebars, buttons) become their own lines."""
    stripped = line.strip()
    if "   " not in stripped:  # plain pdftotext output: one cell
        return [" ".join(stripped.split()) if "  " in stripped else stripped]
    cells = [c for c in _CELL_GAP.split(stripped) if c]
    if len(cells) <= 1:
        return [" ".join(line.split())] if cells else [""]
    longest = max(cells, key=len)
    if len(longest) >= 40:
        return [" ".join(longest.split())]
    return [" ".join(c.split()) for c in cells]


_GAP_KIND = {PAGE_BREAK: "page", SOFT_BREAK: "soft"}


def _runs(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Split into runs of text lines; each run carries the kind of gap before it ("", blank, page, soft)."""
    runs: list[tuple[str, list[str]]] = []
    gap, current = "", []
    for raw in lines:
        text = raw.strip()
        if not text or raw == PAGE_BREAK or raw == SOFT_BREAK:
            if current:
                runs.append((gap, current))
                current, gap = [], ""
            strength = _GAP_KIND.get(raw, "blank")
            if gap != "page":  # a page break wins over blanks and dropped furniture around it
                gap = strength if gap in ("", "soft") or strength == "page" else gap
            continue
        if "  " not in text:  # the common case: one cell, single spaces
            current.append(text)
        else:
            current.extend(c for c in _clean_layout_line(text) if c)
    if current:
        runs.append((gap, current))
    return runs


def _width(run: list[str], typical: int) -> int:
    """The wrap width. Lines followed by a lower-case continuation were certainly wrapped, so they measure it;
    a high percentile resists the odd runaway line pdftotext emits."""
    wrapped = [len(a) for a, b in zip(run, run[1:]) if b[:1].islower()]  # list and sort(): cheaper than sorted(genexpr)
    if wrapped:
        wrapped.sort()
        median = wrapped[len(wrapped) // 2]
        wrapped = [n for n in wrapped if n <= median * 1.3]  # a runaway line is not the margin
        return wrapped[min(len(wrapped) - 1, int(len(wrapped) * 0.9))]
    if typical >= UNWRAPPED and any(map(_starts_cjk, run[1:])):
        return max(map(len, run))  # a page in a script wrapped at any character: its longest line is the margin
    return max(typical, max(map(len, run)))


def _starts_cjk(line: str) -> bool:
    return line[:1] > "\u3000" and (CJK_CHAR.match(line) is not None or line.startswith(_CJK_PUNCTUATION))


def _ends_cjk(text: str) -> bool:
    return text.endswith(_CJK_PUNCTUATION) or (text[-1:] > "\u3000" and CJK_CHAR.match(text[-1]) is not None)


_STAMP_WORDS = re.compile(
    r"\b(?:(?:first\s+)?published|updated|last\s+(?:modified|updated)|posted|on|at|mon|tue|wed|thu|fri|sat|sun"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|[ECMP][SD]?T|GMT|UTC|BST|CET|AEDT|AEST|ET)\b\.?:?|[|·,/–—-]",
    re.I,
)


_DIGIT = re.compile(r"\d")


def _may_hint_stamp(line: str) -> bool:
    """What every _STAMP_HINT match holds: "19"/"20", "ago", or a digit and a unit. Substring tests are much
    cheaper than the case-insensitive pattern itself, which most lines of prose fail."""
    if "19" in line or "20" in line or "\u0131" in line or "\u0130" in line:  # re.I lets "ı" and "İ" stand for "i"
        return True
    low = line.lower()
    return "ago" in low or (("min" in low or "hour" in low or "hr" in low or "day" in low or "week" in low)
                            and _DIGIT.search(line) is not None)


def _may_hold_date(line: str) -> bool:
    """What a stamp line needs besides the hint: a year for find_date, "ago" for find_relative_time or "read"
    for READING_TIME. Prose with a number of minutes or days in it ("the 14-day limit") stops here."""
    if "19" in line or "20" in line:  # find_date's own test
        return True
    low = line.lower()  # the patterns ignore case; no other letter folds to "a", "d", "e", "g", "o" or "r"
    return "ago" in low or "read" in low


def is_stamp_line(line: str) -> bool:
    """A date, time or reading-time line ("24 July 2015", "Thu 3 Jan 2019 02.00 EST Last modified on ..."):
    a block of its own, never part of wrapped prose."""
    if len(line) > 110:
        return False
    # Tested before the date hints (every test here only rules lines out, so their order is free): the lines of
    # wrapped prose mostly start in lower case, and this is the cheap test that sends them away.
    first = line[:1]  # _STAMP_LABEL opens with p, u, l or f, and re.I folds no other lower-case letter to those
    if first.islower() and (first not in "pulf" or not _STAMP_LABEL.match(line)):  # "on Oct. 12, 2023." ends a sentence
        return False
    if not _may_hold_date(line) or not _may_hint_stamp(line) or not _STAMP_HINT.search(line):
        return False
    if READING_TIME.search(line) and len(line) < 60:
        return True
    rest, found = line, False
    for _ in range(3):  # a line may carry a published and an updated stamp
        m = find_date(rest) or find_relative_time(rest)
        if not m:
            break
        rest, found = rest[: m.start] + " " + rest[m.end:], True
    return found and len(_STAMP_WORDS.sub(" ", rest).split()) <= 2


_LIST_OR_BYLINE_START = frozenset("•·▪●◦‣∙*-+0123456789bBaAoOcCrR")  # first characters _BULLET/_BYLINE_START can match
# "By X", "BY X", "Analysis by X"; a lower-case "by" only when a name and nothing else follows, because
# "by Parliament next week." at the start of a wrapped line is the sentence going on.
_BYLINE_START = re.compile(
    r"^(?:By:?\s+[A-Z]|BY:?\s|(?:Analysis|Opinion|Commentary|Review)\s+by\s"
    r"|by:?\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}(?:\s*\(|\s*,|\s+and\s|\s*$))"
)


def _caption_line(line: str) -> bool:
    """A caption or credit line is its own block: "A mother otter near the bridge. Image: Lessing Valley Trust"."""
    return len(line) < 200 and is_caption_or_credit(line)


def _is_by(line: str) -> bool:
    return len(line) == 2 and line.lower() == "by"  # "By" on its own line, the name on the next


def _breaks_after(a: str, b: str, width: int) -> bool:
    """Line-shape rules only: does a paragraph end after line a? (Never after a bare "By": the caller asks first.)"""
    first = b[0]
    if first in _LIST_OR_BYLINE_START and (_BULLET.match(b) or _BYLINE_START.match(b)):
        return True
    if _starts_cjk(b):  # Japanese, Chinese, Korean: wrapped anywhere, no capitals
        return len(a) < _CJK_SHORT_LINE * width
    if not (first.isupper() or first.isdigit() or first in "\"“‘'(["):  # b does not start a new paragraph
        return False
    space = b.find(" ")  # the first word's length, without splitting the line
    room = len(a) + 1 + (space if space >= 0 else len(b))
    return room <= width * (_FIT_SLACK if a.endswith(_TERMINAL) else _HEADING_FIT)  # run lines are stripped


def _own_block(line: str, standalone: Callable[[str], bool]) -> bool:
    """Is the line a block of its own (a stamp, the headline, a caption)? The slower tests, so _split_run asks
    only when the line shapes leave it open, and once per line: most line pairs in menus break on shape alone."""
    return is_stamp_line(line) or standalone(line) or _caption_line(line)


def _join(text: str, line: str) -> str:
    return "".join(_join_parts([text], line))


def _join_parts(parts: list[str], line: str) -> list[str]:
    """Append a wrapped line to a paragraph's parts (a list, so long paragraphs join in linear time)."""
    last = parts[-1]
    if last.endswith("\u00ad"):
        parts[-1] = last[:-1]
    elif not (last.endswith("-") and len(last) > 1 and last[-2].isalpha() and line[:1].islower()) \
            and not (_ends_cjk(last) and _starts_cjk(line)):
        parts.append(" ")  # a word broken at its own hyphen ("much-" + "needed") joins without a space; so does CJK
    parts.append(line)
    return parts


def _split_run(run: list[str], typical: int, standalone) -> list[Block]:
    if len(run) == 1:  # most runs in menus and sidebars: nothing to split, so no width to measure
        return [Block(run[0], 1, _is_bullet(run[0]), run[0])]
    width = _width(run, typical)
    blocks: list[Block] = []
    parts, count = [run[0]], 1
    carried: bool | None = None  # _own_block(a), when the pair before already asked it of its second line
    for a, b in zip(run, run[1:]):
        own_a, carried = carried, None
        if len(a) == 2 and _is_by(a):
            split = False  # "By" on its own line: the name follows
        elif _breaks_after(a, b, width) or (own_a if own_a is not None else _own_block(a, standalone)):
            split = True
        else:
            split = carried = _own_block(b, standalone)
        if split:
            blocks.append(Block("".join(parts), count, _is_bullet(parts[0]), a))
            parts, count = [b], 1
        else:
            _join_parts(parts, b)
            count += 1
    blocks.append(Block("".join(parts), count, _is_bullet(parts[0]), run[-1]))
    return blocks


def _continues(prev: Block, prev_last_line: str, nxt: str, gap: str, width: int) -> bool:
    """Does the paragraph before a gap go on after it?"""
    if (nxt[:1] in _LIST_OR_BYLINE_START and _BYLINE_START.match(nxt)) or is_menu_placeholder(prev.text) \
            or is_menu_placeholder(nxt):
        return False  # "by Eleanor Ainge Roy" under a standfirst, or a folded menu, starts its own block
    if gap == "blank":
        return not ends_sentence(prev.text) and nxt[:1].islower()
    if nxt[:1].islower():
        return True
    if not ends_sentence(prev.text):
        # A wrapped paragraph whose last line ran to the margin, or a long unwrapped one, stopped mid-sentence;
        # a short line ("By Daniel Wood", a heading) is a block of its own.
        if width >= UNWRAPPED:
            return len(prev.text) > 120
        return len(prev_last_line) >= (0.6 if prev.lines >= 2 else 0.8) * width
    # A full last line before a page break: the sentence ended but the paragraph probably did not.
    return gap == "page" and prev.lines >= 2 and len(prev_last_line) + 1 + len(_first_word(nxt)) > width * _FIT_SLACK


def typical_width(runs: list[list[str]]) -> int:
    """The page's wrap width, from lines that certainly wrapped (the next line goes on in lower case)."""
    lengths = [len(a) for run in runs if len(run) > 1 for a, b in zip(run, run[1:]) if b[:1].islower() and len(a) >= 20]
    if not lengths:
        return UNWRAPPED
    lengths.sort()
    median = lengths[len(lengths) // 2]
    lengths = [n for n in lengths if n <= median * 1.3]  # runaway lines are not the margin
    return lengths[int(len(lengths) * 0.9)]


def _never(line: str) -> bool:
    return False


def rebuild_paragraphs(lines: list[str], standalone: Callable[[str], bool] = _never) -> list[Block]:
    """Join wrapped lines into paragraphs, across page breaks and dropped furniture where a sentence runs on.

    `standalone(line)` marks lines that are blocks of their own (the headline the print header names).
    """
    runs = _runs(lines)
    typical = typical_width([run for _, run in runs])
    blocks: list[Block] = []
    for gap, run in runs:
        pieces = _split_run(run, typical, standalone)
        if blocks and gap and _continues(blocks[-1], blocks[-1].last_line, run[0], gap, typical):
            first, prev = pieces.pop(0), blocks[-1]
            blocks[-1] = Block(_join(prev.text, first.text), prev.lines + first.lines, prev.list_item, first.last_line)
        blocks.extend(pieces)
    for block in blocks:
        text = block.text.replace("\u00ad", "") if "\u00ad" in block.text else block.text  # `in` is the cheaper scan
        block.text = text.strip()
    return [b for b in blocks if b.text]
