"""trafilatura's structured body -> the article's paragraph texts.

    body_blocks(body) -> list[str]   one string per p / head / list item / quote paragraph / table row

Reads the XML body of `bare_extraction` (elements p, head, list/item, quote,
with lb line breaks and hi/ref inline; of tables only prose cells, since
old pages lay the whole article out in one) instead of splitting
its text output, so a paragraph is what the page marked as one; a blank
line (two lb) inside a paragraph splits it, as the page's own paragraph break.

Three things in the body are not the article's paragraphs: an <h1> above the
first paragraph (the headline: the title), other stories' teasers marked like a
standfirst under their headlines, and a run of link labels before the first or
after the last sentence ("Home", "Careers", "Weather").
"""
from __future__ import annotations

import re

from lxml import etree

from search.ingest.words import CJK_CHAR

__all__ = ["body_blocks", "element_text"]

_BLOCKS = {"p", "head", "list", "quote", "table", "code"}
_INNER_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "cell"}  # not code: it is inline too
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\ue000-\uf8ff]")  # and private-use icon glyphs


_BREAK = "\x00"  # stands for an lb while a paragraph's text is assembled
_BLANK_LINE = re.compile(r"\x00\s*\x00[\s\x00]*")  # <br><br>: the page's own paragraph break


def _raw_text(el: etree._Element) -> str:
    """All text under an element, each line break (lb) as _BREAK."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            parts.append(_BREAK)
        elif node.text:
            parts.append(node.text)
        for child in node:
            block = child.tag in _INNER_BLOCKS
            if block:
                parts.append(" ")  # "WebIDE" + "Develop, deploy..." are two blocks, not one word
            walk(child)
            if block:
                parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def element_text(el: etree._Element) -> str:
    """All text under an element; line breaks (lb) become spaces, whitespace is collapsed."""
    return _text_of(_raw_text(el))


def paragraph_texts(el: etree._Element) -> list[str]:
    """A paragraph's text, split where the page put a blank line (<br><br>) inside one <p>:
    old pages and forum posts lay out a whole article that way."""
    return [t for t in (_text_of(part) for part in _BLANK_LINE.split(_raw_text(el))) if t]


def _text_of(raw: str) -> str:
    return _tidy(raw.replace(_BREAK, " "))


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text).replace("\n", " ")).strip()


def _has_block_children(el: etree._Element) -> bool:
    return any(child.tag in _BLOCKS or child.tag in {"item", "row"} for child in el)


_MIN_ROW_WORDS = 15


Block = tuple[str, str]  # (kind, text): the element it came from (p, head, item, row, quote...) and its text


def _table_blocks(table: etree._Element) -> list[Block]:
    """Rows with prose (a layout table's article, a list article's descriptions); short data rows
    and infobox lines ("Capital Wellington") are not paragraphs."""
    out: list[Block] = []
    for row in table:
        if row.tag != "row":
            continue
        cells = []
        for cell in row:
            if cell.tag != "cell":
                continue
            if _has_block_children(cell):  # a nested table or paragraphs: read them in turn; text loose
                for child in cell:         # in a layout table's cell is mostly its menus and labels
                    out.extend(_blocks_of(child))
            else:
                cells.append(element_text(cell))
        text = " ".join(c for c in cells if c)
        if len(text.split()) >= _MIN_ROW_WORDS:
            out.append(("row", text))
    return out


def _container_blocks(el: etree._Element) -> list[Block]:
    """Blocks inside a container, with the text loose around them as blocks of their own."""
    out = [("text", _tidy(el.text or ""))]
    for child in el:
        out.extend(_blocks_of(child))
        out.append(("text", _tidy(child.tail or "")))
    return out


def _blocks_of(el: etree._Element) -> list[Block]:
    tag = el.tag
    if tag == "list":
        out = []
        for item in el.iter("item"):
            if not any(sub.tag == "list" for sub in item):  # nested lists give their own items
                out.append(("item", element_text(item)))
            else:
                out.append(("item", _tidy(item.text or "")))
        return out
    if tag == "table":
        return _table_blocks(el)
    if tag in {"quote", "div", "body"} and _has_block_children(el):
        return _container_blocks(el)
    if tag in {"graphic", "lb"}:
        return []
    if tag == "p":
        return [("p", text) for text in paragraph_texts(el)]
    return [(tag, element_text(el))]


def body_blocks(body: etree._Element | None) -> list[str]:
    """Paragraph texts in page order, empty ones dropped."""
    if body is None:
        return []
    _drop_leading_headline(body)
    _drop_teasers(body)
    blocks = [block for block in _blocks_of(body) if block[1]]
    return [text for _, text in _without_leading_stubs(_without_trailing_stubs(blocks))]


_STUB_WORDS = 8  # a navigation link or a button label, not a sentence
_CJK_STUB_CHARS = 25
# Not ":": "Official links:" is a label.
_SENTENCE_END = (".", "。", "!", "！", '"', "”", "’", "»", "」", ")", "）")
_MIN_STUB_RUN = 3


def _is_stub(text: str) -> bool:
    short = len(text.split()) <= _STUB_WORDS and len(text) <= _CJK_STUB_CHARS * (1 if CJK_CHAR.search(text) else 4)
    # digits make it information (an address, a phone number, a date), not a link label
    return short and not text.endswith(_SENTENCE_END) and not any(c.isdigit() for c in text)


_STUB_KINDS = {"p", "head", "text"}


def _without_leading_stubs(blocks: list[Block]) -> list[Block]:
    """The same run of link labels above the article's first sentence (a section menu)."""
    start = 0
    while start < len(blocks) and blocks[start][0] in _STUB_KINDS and _is_stub(blocks[start][1]):
        start += 1
    if 0 < start < len(blocks) and blocks[start - 1][0] == "head":
        start -= 1  # the heading right over the first sentence heads the article's first section
    return blocks[start:] if _MIN_STUB_RUN <= start < len(blocks) else blocks


def _without_trailing_stubs(blocks: list[Block]) -> list[Block]:
    """Drop a run of link labels the extraction kept after the article's last sentence ("Account",
    "Weather  Press releases", "Corrections"): three or more short paragraphs or headings that end
    the body without a full stop. A closing list stays: its items may be the article's own."""
    end = len(blocks)
    while end > 0 and blocks[end - 1][0] in _STUB_KINDS and _is_stub(blocks[end - 1][1]):
        end -= 1
    return blocks[:end] if len(blocks) - end >= _MIN_STUB_RUN else blocks


_TEASER_CLASSES = ("standfirst", "teaser", "summary", "excerpt", "dek", "abstract")


def _drop_teasers(body: etree._Element) -> None:
    """Other stories' teasers under the article: summaries marked like a standfirst, each under its
    headline. An article has one standfirst, above the lede; two or more in the body are teasers, so
    they go with their headlines and the heading over the list ("Other Opinion Columns")."""
    teasers = []
    for para in body.iter("p"):
        heading = para.getprevious()
        if heading is not None and heading.tag == "head" and any(
                word in (para.get("class") or "") for word in _TEASER_CLASSES):
            teasers.append((heading, para))
    if len(teasers) < 2:
        return
    doomed = []
    for heading, para in teasers:  # all found before any is removed, so "the element above" stays the page's
        above = heading.getprevious()
        if above is not None and above.tag == "head":
            doomed.append(above)  # the list's own heading
        doomed += [heading, para]
    for el in doomed:
        if el.getparent() is not None:
            el.getparent().remove(el)


def _drop_leading_headline(body: etree._Element) -> None:
    """An <h1> above the first paragraph is the article's headline (metadata, the title), even where it
    is worded otherwise than the <title>; it is not a paragraph."""
    for child in body:
        if child.tag != "head":
            return
        if child.get("rend") == "h1" and not (child.tail or "").strip():
            body.remove(child)
            return
