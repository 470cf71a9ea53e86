"""Browser print headers and footers: find them by their repetition at page boundaries and cut them out.

Chrome prints date/time + title at the top and URL + `n/N` at the bottom of every page; Firefox prints
title + URL at the top and `n of N` + date/time at the bottom; Safari and others print `Page n of N`.
pdftotext separates pages with form feeds (\\f); a paste from a print preview has no form feeds, so
there the page counters and date stamps themselves mark the page boundaries.

    strip_print_furniture(text) -> PrintCut(lines, captured, running_title, url)

`lines` keeps the article's lines in order with PAGE_BREAK marking where a page ended, so the paragraph
builder can rejoin a paragraph the page break cut in two.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from search.ingest.dates import parse_print_stamp

PAGE_BREAK = "\f"  # a line of its own in PrintCut.lines

# 11/26/26, 3:53 AM | 01/14/22, 09:47 | 26.11.2026, 03:53 | 2026-11-26 03:53
STAMP = re.compile(
    r"(?<![\w/.])(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}),?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?![\w:])"
)
# 1/8 | 1 of 5 | Page 2 of 7 (never "Image 1 of 33": callers check the word before)
COUNTER = re.compile(r"(?<![\w/])(?:Page\s+)?(\d{1,3})\s*(?:/|of)\s*(\d{1,3})(?![\w/])", re.I)
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:com|org|net|co\.uk|gov|edu)(?:/\S*)?$", re.I)
_GALLERY_WORD = re.compile(
    r"(?:image|photo|picture|slide|video|gallery|article|articles|item|step|part|chapter|game|of)\s*$", re.I)
_CELL_GAP = re.compile(r"\s{3,}")
_BOUNDARY_LINES = 4  # header/footer lines sit within this many non-blank lines of a page edge


@dataclass
class PrintCut:
    lines: list[str]
    captured: datetime | None = None  # the print stamp: when the page was printed (anchor for "10 hours ago")
    running_title: str | None = None  # the page <title> the browser repeated in the header
    url: str | None = None
    url_seen: str | None = None  # a footer URL even when truncated with "…" (its /2015/03/18/ still helps)


_DIGITS = re.compile(r"\d+")
_ASCII_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def _cell_key(cell: str) -> str:
    """The cell with every run of digits as one "0": "Page 3 of 12" and "Page 4 of 12" share a key."""
    key = cell.strip().casefold()
    if not key.isascii():
        return _DIGITS.sub("0", key)
    # ASCII (nearly every cell): \d is [0-9]. Turning each digit into "0" (bytes.translate) and then squeezing runs
    # of "0" gives what the sub gives, at about half the cost of the regex's Unicode \d scan of the cell.
    zeroed = key.encode("ascii").translate(_ASCII_ZEROS).decode("ascii")
    while "00" in zeroed:
        zeroed = zeroed.replace("00", "0")
    return zeroed


def _cells(line: str) -> list[str]:
    text = line.strip()
    if "   " not in text and text.isprintable():  # one cell: no other whitespace than single or double spaces
        return [text] if text else []
    return [c for c in _CELL_GAP.split(text) if c]


def _is_counter(cell: str, pages: int | None) -> bool:
    m = COUNTER.fullmatch(cell.strip())
    if not m:
        return False
    k, n = int(m.group(1)), int(m.group(2))
    return 1 <= k <= n and (pages is None or n == pages)


def _may_be_mark(cell: str) -> bool:
    """A whole-cell STAMP opens with a digit, a whole-cell COUNTER with a digit or "Page": most edge cells are
    article text and skip both patterns."""
    first = cell.lstrip()[:1]
    return first.isdigit() or first in ("p", "P")


def _boundary_indexes(lines: list[str]) -> list[int]:
    """The first and last few non-blank lines, found from each end without scanning the page in between."""
    head = _first_filled(range(len(lines)), lines)
    tail = _first_filled(range(len(lines) - 1, -1, -1), lines)
    return sorted(set(head) | set(tail))


def _first_filled(order: range, lines: list[str]) -> list[int]:
    found: list[int] = []
    for i in order:
        if lines[i].strip():
            found.append(i)
            if len(found) == _BOUNDARY_LINES:
                break
    return found


def _edge_cells(pages: list[list[str]]) -> tuple[list[dict[int, list[str]]], list[dict[int, list[str]]]]:
    """For each page, its edge lines' cells and their keys, by line index."""
    # Header and footer lines and cells come back on every page: split and key each one once.
    known: dict[str, tuple[list[str], list[str]]] = {}
    cell_keys: dict[str, str] = {}
    edges, keys = [], []
    for page in pages:
        edge, page_keys = {}, {}
        for i in _boundary_indexes(page):
            line = page[i]
            if line not in known:
                cells = _cells(line)
                for cell in cells:
                    if cell not in cell_keys:
                        cell_keys[cell] = _cell_key(cell)
                known[line] = (cells, list(map(cell_keys.__getitem__, cells)))
            edge[i], page_keys[i] = known[line]
        edges.append(edge)
        keys.append(page_keys)
    return edges, keys


def _cut_paged(pages: list[list[str]]) -> PrintCut:
    """pdftotext output: cells repeated at the edges of at least half the pages are furniture."""
    edges, keys = _edge_cells(pages)
    seen: Counter = Counter()
    for page_keys in keys:
        seen.update({k for ks in page_keys.values() for k in ks})
    need = max(2, math.ceil(0.5 * len(pages)))
    repeated = {key for key, n in seen.items() if n >= need}
    cut = PrintCut(lines=[])
    titles: Counter = Counter()
    kinds: dict[str, str] = {}  # the same header and footer cells come back on every page: judge each once
    for p, page in enumerate(pages):
        if p:
            cut.lines.append(PAGE_BREAK)
        kept_lines = dict(enumerate(page))
        for i, cells in edges[p].items():
            kept = []
            for cell, key in zip(cells, keys[p][i]):
                if key in repeated or (_may_be_mark(cell) and (STAMP.fullmatch(cell) or _is_counter(cell, len(pages)))):
                    _note_furniture(cut, cell, titles, kinds)
                else:
                    kept.append(cell)
            if kept:
                kept_lines[i] = "   ".join(kept)
            else:
                del kept_lines[i]  # a line that was only furniture goes, rather than leaving a blank line
        cut.lines.extend(kept_lines.values())
    if titles:
        cut.running_title = titles.most_common(1)[0][0]
    _cut_stray_marks(cut, kinds)
    _cut_glued_url(cut)
    return cut


def _cut_stray_marks(cut: PrintCut, kinds: dict[str, str]) -> None:
    """pdftotext sometimes sets a page's header a few lines down, below text it read first: the print's own stamp or
    URL, found at the edges of the other pages, goes wherever it stands. (Not its title: the headline may read the
    same.)"""
    marks = {cell for cell, kind in kinds.items() if kind in ("stamp", "url")}
    if marks:
        cut.lines = [line for line in cut.lines if line.strip() not in marks]


def _cut_glued_url(cut: PrintCut) -> None:
    """pdftotext sometimes runs the footer URL into the page's last line of text ("...the private waterhttps://...")."""
    url = (cut.url or cut.url_seen or "").rstrip("…")
    if len(url) < 12:
        return
    for i, line in enumerate(cut.lines):
        text = line.rstrip()
        if text.endswith(url) and text.strip() != url:
            cut.lines[i] = text[: -len(url)].rstrip()


def _note_furniture(cut: PrintCut, cell: str, titles: Counter, kinds: dict[str, str]) -> None:
    cell = cell.strip()
    parts = _marks_apart(cell)
    if len(parts) > 1:  # "https://... Page 1 of 2" (Safari), a stamp and a title run together: note each part
        for part in parts:
            _note_furniture(cut, part, titles, kinds)
        return
    kind = kinds.get(cell)
    if kind is None:
        kind = kinds[cell] = _furniture_kind(cell)
    if kind == "stamp":
        cut.captured = cut.captured or parse_print_stamp(cell)
    elif kind == "url":
        cut.url_seen = cut.url_seen or cell
        if not cell.endswith("…") and cut.url is None:
            cut.url = cell
    elif kind == "title":
        titles[cell] += 1


def _marks_apart(cell: str) -> list[str]:
    """A print stamp at the start and a page counter at the end of a cell, split from what stands between."""
    parts = []
    stamp = STAMP.match(cell) if cell[:1].isdigit() else None
    if stamp and stamp.end() < len(cell):
        parts.append(stamp.group(0))
        cell = cell[stamp.end():].strip()
    counter = COUNTER.search(cell, max(0, len(cell) - 16))
    if counter and counter.end() == len(cell) and counter.start() > 0:
        return [*parts, cell[: counter.start()].strip(), counter.group(0)]
    return [*parts, cell]


def _furniture_kind(cell: str) -> str:
    if STAMP.fullmatch(cell):
        return "stamp"
    if _URL.match(cell):
        return "url"
    return "title" if not COUNTER.fullmatch(cell) and len(cell) > 10 else ""


def _cut_unpaged(lines: list[str]) -> PrintCut:
    """A paste from a print preview: stamps and `n of N` counters mark the page edges."""
    stamps = [m for line in lines for m in STAMP.finditer(line)]
    totals = Counter(int(m.group(2)) for line in lines for m in COUNTER.finditer(line) if _counter_near_stamp(line, m))
    cut = PrintCut(lines=[])
    if not stamps and not totals:
        cut.lines = list(lines)
        return cut
    cut.captured = parse_print_stamp(stamps[0].group(0)) if stamps else None
    total = totals.most_common(1)[0][0] if totals else None
    marks = f"(?:{STAMP.pattern}|{_counter_pattern(total)})"
    lead, tail = re.compile(rf"{marks}\s*", re.I), re.compile(rf"\s*{marks}$", re.I)  # once per paste
    for line in lines:
        stripped, was_edge = _strip_edge_marks(line, lead, tail)
        if was_edge:
            cut.lines.append(PAGE_BREAK)
            if stripped.strip():
                cut.lines.append(stripped)
        else:
            cut.lines.append(line)
    _drop_repeated_edge_lines(cut)
    return cut


def _counter_near_stamp(line: str, m: re.Match) -> bool:
    """A page counter alone, or beside a print stamp or the page's URL ("https://... Page 1 of 2", as Safari prints)."""
    rest = (line[: m.start()] + line[m.end():]).strip()
    return not _GALLERY_WORD.search(line[max(0, m.start() - _MARK_REACH): m.start()]) and (
        not rest or bool(STAMP.match(rest)) or bool(STAMP.search(rest[-25:])) or bool(_URL.match(rest)))


_MARK_REACH = 48  # characters: longer than any stamp or counter, so the end of a line is searched, never all of it


def _strip_edge_marks(line: str, lead: re.Pattern, tail: re.Pattern) -> tuple[str, bool]:
    """Remove stamps and counters at the start or end of a line; report whether any were there.

    The start is matched, the end searched only in the line's last characters: a search of the whole line would try
    every run of spaces in it, which grows with the square of a long line's length."""
    text, found = line.strip(), False
    if not text or not any(ch.isdigit() for ch in text[:24] + text[-24:]):
        return text, False  # every mark has digits near an end of the line
    for _ in range(4):  # "2 of 5 01/14/22, 09:47 But over..." has two marks at the front
        m = lead.match(text)
        if m:
            text, found = text[m.end():].strip(), True
            continue
        m = tail.search(text, max(0, len(text) - _MARK_REACH))
        if not m or _GALLERY_WORD.search(text[max(0, m.start() - _MARK_REACH): m.start()]):
            break
        text, found = text[: m.start()].strip(), True
    return text, found


def _counter_pattern(total: int | None) -> str:
    n = str(total) if total else r"\d{1,3}"
    return rf"(?<![\w/])(?:Page\s+)?\d{{1,3}}\s*(?:/|of)\s*{n}(?![\w/])"


def _drop_repeated_edge_lines(cut: PrintCut) -> None:
    """A title or URL line repeated next to two or more page breaks is a running header."""
    counts = Counter(line.strip() for line in cut.lines if line.strip() and line != PAGE_BREAK)
    filled = [i for i, line in enumerate(cut.lines) if line.strip() and line != PAGE_BREAK]
    breaks = [i for i, line in enumerate(cut.lines) if line == PAGE_BREAK]
    near: Counter = Counter()
    pos = 0
    for b in breaks:  # the few non-blank lines on either side of each break (both lists are sorted: linear)
        while pos < len(filled) and filled[pos] < b:
            pos += 1
        for j in filled[max(0, pos - _BOUNDARY_LINES): pos + _BOUNDARY_LINES]:
            if counts[cut.lines[j].strip()] >= 2:
                near[cut.lines[j].strip()] += 1
    furniture = {line for line, n in near.items() if n >= 2}
    for line in furniture:
        if _URL.match(line):
            cut.url_seen = cut.url_seen or line
            cut.url = cut.url or (None if line.endswith("…") else line)
        else:
            cut.running_title = cut.running_title or line
    cut.lines = [line for line in cut.lines if line.strip() not in furniture]


def strip_print_furniture(text: str) -> PrintCut:
    """Cut browser print headers and footers out of pasted or pdftotext text."""
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    if len(pages) >= 2:
        return _cut_paged([page.split("\n") for page in pages])
    return _cut_unpaged(text.split("\n"))
