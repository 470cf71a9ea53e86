"""trafilatura's structured body -> the article's paragraph texts.

    body_blocks(body) -> list[str]   one string per p / head / list item / quote paragraph / table row

Reads the XML body of `bare_extraction` (elements p, head, list/item, quote,
with lb line breaks and hi/ref inline; of tables only prose cells, since
old pages lay the whole article out in one) instead of splitting
its text output, so a paragraph is what the page marked as one.
"""
from __future__ import annotations

import re

from lxml import etree

__all__ = ["body_blocks", "element_text"]

_BLOCKS = {"p", "head", "list", "quote", "table", "code"}
_INNER_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "cell"}  # not code: it is inline too
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\ue000-\uf8ff]")  # and private-use icon glyphs


def element_text(el: etree._Element) -> str:
    """All text under an element; line breaks (lb) become spaces, whitespace is collapsed."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            parts.append(" ")
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
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text).replace("\n", " ")).strip()


def _has_block_children(el: etree._Element) -> bool:
    return any(child.tag in _BLOCKS or child.tag in {"item", "row"} for child in el)


_MIN_ROW_WORDS = 15


def _table_blocks(table: etree._Element) -> list[str]:
    """Rows with prose (a layout table's article, a list article's descriptions); short data rows
    and infobox lines ("Capital Wellington") are not paragraphs."""
    out: list[str] = []
    for row in table:
        if row.tag != "row":
            continue
        cells = []
        for cell in row:
            if cell.tag != "cell":
                continue
            if _has_block_children(cell):  # a nested table or paragraphs: read them in turn
                for child in cell:
                    out.extend(_blocks_of(child))
            else:
                cells.append(element_text(cell))
        text = " ".join(c for c in cells if c)
        if len(text.split()) >= _MIN_ROW_WORDS:
            out.append(text)
    return out


def _blocks_of(el: etree._Element) -> list[str]:
    tag = el.tag
    if tag == "list":
        out = []
        for item in el.iter("item"):
            if not any(sub.tag == "list" for sub in item):  # nested lists give their own items
                out.append(element_text(item))
            else:
                if _tidy(item.text or ""):
                    out.append(_tidy(item.text or ""))
        return out
    if tag == "table":
        return _table_blocks(el)
    if tag in {"quote", "div", "body"} and _has_block_children(el):
        out = []
        out.append(_tidy(el.text or ""))
        for child in el:
            out.extend(_blocks_of(child))
            out.append(_tidy(child.tail or ""))
        return out
    if tag in {"graphic", "lb"}:
        return []
    return [element_text(el)]


def body_blocks(body: etree._Element | None) -> list[str]:
    """Paragraph texts in page order, empty ones dropped."""
    if body is None:
        return []
    return [text for text in _blocks_of(body) if text]
