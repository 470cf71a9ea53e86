"""Pasted text -> Article: browser prints, PDF copies and copy-paste from a page, furniture and all.

    parse_pasted(text, name=...) -> Article (no speakers, no id: search.ingest.parse adds those)

strip_paste_debris (tags, invisible characters) -> cut print headers/footers (print_furniture) -> drop furniture lines
-> rebuild paragraphs (paragraphs) -> classify blocks and keep the body stretch (body) -> read the header
above the body: section, title, standfirst, byline, dates (header).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from search.errors import IngestError
from search.ingest.bylines import find_agency
from search.ingest.captions import gallery_slides, is_credit, strip_glued_credit
from search.ingest.furniture import ends_article, is_furniture_line, leads_to_other_stories, strip_glued_furniture
from search.ingest.pasted.body import body_indexes, classify, end_of_article, select_body
from search.ingest.pasted.header import Header, read_header
from search.ingest.pasted.menus import collapse_menu_runs
from search.ingest.pasted.paragraphs import SOFT_BREAK, Block, rebuild_paragraphs
from search.ingest.pasted.print_furniture import PAGE_BREAK, PrintCut, strip_print_furniture
from search.ingest.pasted.titles import headline_matcher
from search.ingest.sites import site_from_url
from search.model import Article, Paragraph

# Inline tags pasted along with the text (<u>Moscow</u>): drop the tag, keep the words.
_INLINE_TAG = re.compile(
    r"</?(?:u|b|i|em|strong|a|span|sup|sub|s|mark|small|font|ins|del|abbr|cite|q)\b[^<>]{0,300}>", re.I)
_BREAK_TAG = re.compile(r"<br\s*/?>|</?p\b[^<>]{0,300}>", re.I)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_BLANK_RUN = re.compile(r"\n\n\n+")
_ODD_SPACES = "\u00a0\u2007\u202f\u2009\u200a\t"


def strip_paste_debris(text: str) -> str:
    """Pasted-text clean-up that ftfy leaves alone: stray tags, invisible characters, odd spaces."""
    # str.replace scans at C speed (a character class regex is ~10x slower on a page), but a test with `in` first is
    # ~10x faster again when the character is absent, as most of these are.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text:
        text = _BREAK_TAG.sub("\n", _INLINE_TAG.sub("", text))
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    for char in _ODD_SPACES:
        if char in text:
            text = text.replace(char, " ")
    # Trailing spaces and runs of blank lines mean nothing here; dropping them early halves a -layout print's lines.
    if " \n" in text or text.endswith(" "):
        text = "\n".join([line.rstrip(" ") for line in text.split("\n")])
    return _BLANK_RUN.sub("\n\n", text) if "\n\n\n" in text else text


def _ascii_lowered(lines: list[str]) -> list[str]:
    """The lines with A-Z lower-cased, to find the ones that say "share", "copy link" or "tweet" in any case (the only
    lines strip_glued_furniture acts on). str.lower() finds no more of these words: a non-ASCII character lower-cases
    to non-ASCII, but for the Kelvin sign ("k") and "İ" ("i" and a combining dot, which no word here can hold).
    Lower-casing the page's UTF-8 in one go costs half of str.lower(); a line never holds "\n", so they stay aligned."""
    page = "\n".join(lines)
    if "\u212a" in page:
        lowered = page.lower().split("\n")
    else:
        lowered = page.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass").split("\n")
    return lowered if len(lowered) == len(lines) else [line.lower() for line in lines]


def _drop_furniture_lines(lines: list[str]) -> list[str]:
    """Replace furniture lines by SOFT_BREAK so a paragraph they interrupted can be rejoined."""
    out: list[str] = []
    last = len(lines) - 1
    lowered = _ascii_lowered(lines)
    for i, line in enumerate(lines):
        if line == PAGE_BREAK or not line.strip():
            out.append(line)
            continue
        low = lowered[i]
        glued = "share" in low or "copy link" in low or "tweet" in low
        cleaned = strip_glued_furniture(line) if glued else line  # the line itself when nothing was glued to it
        wraps_on = i < last and lines[i + 1][:1].islower()  # judged later as a whole paragraph
        if (cleaned is not line and not cleaned.strip()) or (
                not wraps_on and is_furniture_line(cleaned) and not ends_article(cleaned)
                and not leads_to_other_stories(cleaned)):
            if out and out[-1] != SOFT_BREAK:
                out.append(SOFT_BREAK)
            continue
        out.append(cleaned)
    return out


_ENLARGE = re.compile(r"^(?:enlarge\s+this\s+image|view\s+image|open\s+image)", re.I)
_ENLARGE_START = frozenset("eEvVoO")


def _repeat_key(text: str) -> str:
    return text.rstrip(" .").casefold()


_MAX_SLIDE_TITLE_WORDS = 12  # "2/50 Star Wars boosts economy" is a slide's title, its caption follows


def _mark_gallery(kinds: list[str], texts: list[str]) -> None:
    """A photo gallery's slides: "2/50 Star Wars boosts economy", and the caption printed under a slide's title."""
    for i in sorted(gallery_slides(texts)):
        kinds[i] = "gallery"
        titled = len(texts[i].split(maxsplit=_MAX_SLIDE_TITLE_WORDS)) <= _MAX_SLIDE_TITLE_WORDS
        if titled and i + 1 < len(kinds) and kinds[i + 1] in ("body", "short"):
            kinds[i + 1] = "gallery"


def _mark_captions_by_neighbours(kinds: list[str], blocks: list[Block]) -> list[str]:
    """Captions without a credit of their own: printed twice (galleries), just before a bare credit line,
    or just after "Enlarge this image"."""
    keys = [_repeat_key(b.text) if len(b.text) < 300 else None for b in blocks]  # each block keyed once
    counts = Counter(keys)
    out = list(kinds)
    for i, (kind, block) in enumerate(zip(kinds, blocks)):
        if kind not in ("body", "short", "heading") or len(block.text) >= 300:
            continue
        if kind == "heading" and len(block.text.split()) < 4:
            continue  # a section label is printed in the menu and above the headline alike
        if counts[keys[i]] > 1:
            out[i] = "caption"
            continue
        if kind not in ("body", "short"):
            continue
        before_credit = i + 1 < len(blocks) and is_credit(blocks[i + 1].text)
        after_enlarge = i > 0 and blocks[i - 1].text[:1] in _ENLARGE_START and bool(_ENLARGE.match(blocks[i - 1].text))
        if before_credit or after_enlarge:
            out[i] = "caption"
    return out


@dataclass
class PastedPage:
    """A paste read into blocks, with what each block is and which of them are the article."""
    cut: PrintCut
    blocks: list[Block]
    texts: list[str]  # the blocks' text, glued photo credits cut off
    kinds: list[str]  # classify()'s verdict per block, captions found by their neighbours
    header: Header
    body: list[int]  # indexes of the blocks that are the article's paragraphs


def read_paste(text: str, url: str | None = None) -> PastedPage:
    """Cut the print furniture, rebuild the paragraphs, find the body stretch and the header above it."""
    cut = strip_print_furniture(strip_paste_debris(text))
    if url:  # the address the user gave: what the header reads dates and site names against
        cut.url = url
    is_headline = headline_matcher(cut.running_title)
    lines = collapse_menu_runs(cut.lines, keep=frozenset({PAGE_BREAK}), is_headline=is_headline)
    blocks = rebuild_paragraphs(_drop_furniture_lines(lines), is_headline)
    texts = [strip_glued_credit(b.text) for b in blocks]
    kinds = [classify(t) for t in texts]
    if "body" not in kinds:  # not English (or no stopwords at all): judge by sentence shape alone
        kinds = [classify(t, english=False) for t in texts]
    kinds = _mark_captions_by_neighbours(kinds, blocks)
    _mark_gallery(kinds, texts)
    list_items = [b.list_item for b in blocks]
    sizes = [len(b.text) for b in blocks]
    start, end = select_body(kinds, sizes, list_items)
    end = end_of_article(texts, kinds, sizes, start, end)
    header = read_header(blocks, kinds, start, cut)
    start = max(start, header.end)
    body = [i for i in body_indexes(texts, kinds, list_items, start, end) if texts[i]]
    return PastedPage(cut, blocks, texts, kinds, header, body)


def parse_pasted(text: str, *, name: str = "the pasted text", url: str | None = None) -> Article:
    """Clean one pasted article. Raises IngestError when nothing but furniture is left.

    The site is the host of the page's address, given as `url` or printed in the print footer; without one, the
    site name a browser print or a copied title carries ("... - The Kessington Courier")."""
    page = read_paste(text, url)
    paragraphs = [page.texts[i] for i in page.body]
    if not paragraphs:
        raise IngestError(f"No article text was found in {name}: it holds only page furniture (menus, headers, links).")
    header, cut = page.header, page.cut
    return Article(
        title=header.title or "",
        standfirst=header.standfirst,
        section=header.section,
        authors=header.authors,
        published=header.published,
        site=site_from_url(cut.url) or header.site,
        url=cut.url,
        agency=find_agency(paragraphs[0]),
        paragraphs=[Paragraph(n=i, text=p) for i, p in enumerate(paragraphs)],
    )
