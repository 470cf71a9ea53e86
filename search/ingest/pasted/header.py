"""The article header above the body: section label, headline, standfirst, byline and dates.

    read_header(blocks, kinds, body_start, cut) -> Header

With a browser print the running title (the page <title>) identifies the headline among the blocks;
without one, the short blocks just above the byline or body are read as section / title / standfirst,
the way a print view or a copy from the page lays them out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from search.ingest.bylines import Byline
from search.ingest.bylines import parse_byline as _parse_byline
from search.ingest.captions import is_caption_or_credit
from search.ingest.dates import READING_TIME, date_from_url, find_date, find_relative_time, writes_day_first
from search.ingest.furniture import is_furniture_line
from search.ingest.metadata import Metadata
from search.ingest.pasted.menus import is_menu_placeholder
from search.ingest.pasted.paragraphs import Block, is_stamp_line
from search.ingest.pasted.print_furniture import PrintCut
from search.ingest.pasted.titles import find_title, norm, printed_headline
from search.ingest.sites import split_site_suffix

_LOOKBACK = 8
_BY_WORD = re.compile(r"^(?:\w+\s+)?by\b", re.I)


# The header reader asks about the same few blocks several times (meta line? byline? stamp?): parse each once.
# Read-only use: the authors list handed on is a copy, so the cached Byline never changes.
parse_byline = lru_cache(maxsize=256)(_parse_byline)


@dataclass
class Header(Metadata):
    end: int = 0  # first block after the header


def _is_meta_line(text: str) -> bool:
    """Bylines, stamps, reading times, captions and furniture: never a section, headline or standfirst."""
    if parse_byline(text) or (READING_TIME.search(text) and len(text) < 60) or _date_line(text) is not None:
        return True
    return is_caption_or_credit(text) or is_furniture_line(text)


def _date_line(text: str):
    if len(text) > 160:
        return None
    return find_date(text) or find_relative_time(text)


def _strip_unprinted_site(title: str, header: Header) -> str:
    """"... - The Kessington Courier": a pasted title that kept the site name from the page's <title>."""
    headline, site = split_site_suffix(title)
    header.site = header.site or site
    return headline


def _unprinted_header(blocks: list[Block], kinds: list[str], start: int, header: Header) -> int | None:
    """No running title: section, title, standfirst are the text blocks just above the byline or body."""
    picked: list[int] = []
    i = start - 1
    while i >= 0 and len(picked) < 4 and start - i <= _LOOKBACK:
        text = blocks[i].text
        if is_menu_placeholder(text):
            if picked:
                break  # a menu above the headline ends the header
            i -= 1
            continue  # share buttons between the byline and the body
        if len(text.split()) <= 30 and not _is_meta_line(text):
            picked.insert(0, i)
        elif kinds[i] == "body":
            break
        i -= 1
    if not picked:
        return None
    # The headline is the first block of four words or more; a short label just above it is the section.
    pos = next((k for k, j in enumerate(picked) if len(blocks[j].text.split()) >= 4), len(picked) - 1)
    title_i = picked[pos]
    blocks[title_i].text = _strip_unprinted_site(blocks[title_i].text, header)
    if pos > 0 and len(blocks[picked[pos - 1]].text.split()) <= 3:
        header.section = blocks[picked[pos - 1]].text
    if pos + 1 < len(picked):
        header.standfirst = blocks[picked[pos + 1]].text
        header.end = max(header.end, picked[pos + 1] + 1)
    return title_i


_BYLINE_REACH = 8  # bylines and stamps sit within a few blocks of the headline or the body start
_BARE_NAME_REACH = 3  # a byline without "By" sits right under the headline or standfirst


def _read_byline_and_dates(
    blocks: list[Block], kinds: list[str], lo: int, hi: int, header: Header, cut: PrintCut, bare_names: bool = True
) -> None:
    bare: tuple[int, list[str]] | None = None
    relative: tuple[int, datetime] | None = None  # "3 hours ago" counts only where no date is written out
    for i in range(lo, min(hi, len(blocks))):
        text = blocks[i].text
        if kinds[i] == "body" and len(text) > 200:
            continue
        byline: Byline | None = parse_byline(text) if not header.authors and len(text) < 200 else None
        if byline and not is_caption_or_credit(text):
            if _BY_WORD.match(text) or byline.relative or byline.written_date or " in " in text:
                header.authors = list(byline.authors)
                _end_header_after(header, kinds, i)
            elif bare_names and bare is None and i - lo < _BARE_NAME_REACH:
                bare = (i, list(byline.authors))
        if header.published is None:
            header.published = _published_from(text, cut)
            if header.published is not None:
                _end_header_after(header, kinds, i)
            elif relative is None and (ago := _published_ago(text, cut)) is not None:
                relative = (i, ago)
    if header.published is None and relative is not None:
        header.published = relative[1]
        _end_header_after(header, kinds, relative[0])
    if not header.authors and bare:
        header.authors = bare[1]
        _end_header_after(header, kinds, bare[0])


_MAX_SKIPPED_BODY = 2  # a caption or a promo may look like prose; a run of paragraphs is the article


def _end_header_after(header: Header, kinds: list[str], i: int) -> None:
    """The body starts after a byline or stamp, unless that would throw away real paragraphs above it."""
    if sum(1 for k in kinds[header.end:i] if k == "body") <= _MAX_SKIPPED_BODY:
        header.end = max(header.end, i + 1)


# "Published: 7:49, 2 Nov 2023", "Updated:March 16, 2020, 5:01 PM IST facebook Twitter": a labelled date, however
# much a print glued after it.
_DATE_LABEL = re.compile(r"\b(?:published|updated|posted)\b(?!.*[.!?]\s+[A-Z])", re.I)


def _stamp_or_byline(text: str) -> bool:
    """Dates inside captions and prose are about something else."""
    if len(text) > 160:
        return False
    return len(text) < 60 or is_stamp_line(text) or bool(parse_byline(text)) or bool(_DATE_LABEL.search(text))


def _published_from(text: str, cut: PrintCut) -> date | datetime | None:
    """A date written out in a stamp or byline line."""
    if not _stamp_or_byline(text):
        return None
    # "March 1, 2024 / 6:05 PM / Updated 3 hours ago": the written date is the publication
    written = find_date(text, day_first=writes_day_first(cut.url or cut.url_seen))
    return written.value if written else None


def _published_ago(text: str, cut: PrintCut) -> datetime | None:
    """"3 hours ago" in a stamp or byline line, counted back from when the page was printed."""
    if not cut.captured or not _stamp_or_byline(text):
        return None
    relative = find_relative_time(text)
    if relative and not re.search(r"\bupdated\b[^.]{0,20}$", text[: relative.start], re.I):
        return cut.captured - relative.delta
    return None


def read_header(blocks: list[Block], kinds: list[str], start: int, cut: PrintCut) -> Header:
    header = Header()
    title_i = find_title(blocks, start + 3, cut.running_title) if cut.running_title else None
    if title_i is None and not cut.running_title:
        title_i = _unprinted_header(blocks, kinds, start, header)
    if cut.running_title:
        header.site = split_site_suffix(cut.running_title.rstrip("…"), url=cut.url or cut.url_seen)[1]
    if title_i is not None:
        header.title, header.standfirst = printed_headline(blocks[title_i].text, cut.running_title)
        header.end = max(header.end, title_i + 1)
        before = title_i - 1
        if header.section is None and before >= 0 and kinds[before] == "heading" \
                and len(blocks[before].text.split()) <= 4 and not _is_meta_line(blocks[before].text):
            header.section = blocks[before].text
        _find_standfirst(blocks, kinds, title_i, start, header)
    elif cut.running_title:
        header.title = split_site_suffix(cut.running_title.rstrip("…"), url=cut.url or cut.url_seen)[0]
    lo = title_i + 1 if title_i is not None else max(0, start - _LOOKBACK)
    _read_byline_and_dates(blocks, kinds, lo, max(start, header.end, lo) + _BYLINE_REACH, header, cut)
    if title_i is not None and (not header.authors or header.published is None):
        # some pages put the byline or the date above a repeated headline
        _read_byline_and_dates(blocks, kinds, max(0, title_i - _LOOKBACK), title_i, header, cut, bare_names=False)
    if header.published is None:
        # the first publication before a later update, as a URL's date is
        header.published = _labelled_date_above(blocks, start, cut, updated=False) \
            or date_from_url(cut.url or cut.url_seen) or _labelled_date_above(blocks, start, cut, updated=True)
    return header


def _labelled_date_above(blocks: list[Block], start: int, cut: PrintCut, updated: bool) -> date | datetime | None:
    """"Published: 7:49, 2 Nov 2023" above the body but away from the headline (a print may set the running
    headline, menus and a video between them): a date the page labels as the article's own, or (`updated`) as
    the time it last changed."""
    for block in blocks[:start]:
        label = _DATE_LABEL.search(block.text)
        if label and (label[0].lower() == "updated") == updated \
                and (published := _published_from(block.text, cut)) is not None:
            return published
    return None


def _find_standfirst(blocks: list[Block], kinds: list[str], title_i: int, start: int, header: Header) -> None:
    if header.standfirst is not None:
        return
    for j in range(title_i + 1, min(title_i + 4, len(blocks))):
        text = blocks[j].text
        if is_caption_or_credit(text) or norm(text) == norm(header.title or ""):
            continue
        if parse_byline(text) or _date_line(text) or is_furniture_line(text) \
                or j >= max(start, title_i + 1) and kinds[j] == "body":
            return
        if len(text.split()) >= 6:
            header.standfirst = text
            header.end = max(header.end, j + 1)
        return
