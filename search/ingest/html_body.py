"""trafilatura's structured body -> the article's paragraph texts.

    body_blocks(body) -> list[str]   one string per p / head / list item / quote paragraph / table row

Reads the XML body of `bare_extraction` (elements p, head, list/item, quote,
table/row/cell, with lb line breaks and hi/ref inline) instead of splitting
its text output, so a paragraph is what the page marked as one.
"""
from __future__ import annotations

import re

from lxml import etree

__all__ = ["body_blocks", "element_text"]

_BLOCKS = {"p", "head", "list", "quote", "table", "code"}
_INNER_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "cell", "code"}
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


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
    text = _ZERO_WIDTH.sub("", "".join(parts))
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


_MAX_LINK_WORDS = 15


def is_link_only(el: etree._Element) -> bool:
    """A short block that is all link text: a related-story or navigation link, not body text.

    Needs the body extracted with include_links=True (trafilatura keeps <ref> elements then).
    """
    refs = el.findall(".//ref")
    if not refs:
        return False
    text = element_text(el)
    if not text or len(text.split()) > _MAX_LINK_WORDS:
        return False
    linked = sum(len(element_text(ref)) for ref in refs)
    return linked >= 0.9 * len(text)


def _has_block_children(el: etree._Element) -> bool:
    return any(child.tag in _BLOCKS or child.tag in {"item", "row"} for child in el)


def _blocks_of(el: etree._Element) -> list[str]:
    tag = el.tag
    if tag == "list":
        out = []
        for item in el.iter("item"):
            if is_link_only(item):
                continue
            if not any(sub.tag == "list" for sub in item):  # nested lists give their own items
                out.append(element_text(item))
            else:
                head = item.text or ""
                if head.strip():
                    out.append(_SPACES.sub(" ", head).strip())
        return out
    if tag == "table":
        return [" ".join(element_text(cell) for cell in row.iter("cell")) for row in el.iter("row")]
    if tag in {"quote", "div", "body"} and _has_block_children(el):
        out = []
        if el.text and el.text.strip():
            out.append(_SPACES.sub(" ", el.text).strip())
        for child in el:
            out.extend(_blocks_of(child))
            if child.tail and child.tail.strip():
                out.append(_SPACES.sub(" ", child.tail).strip())
        return out
    if tag in {"graphic", "lb"} or is_link_only(el):
        return []
    return [element_text(el)]


def body_blocks(body: etree._Element | None) -> list[str]:
    """Paragraph texts in page order, empty ones dropped."""
    if body is None:
        return []
    return [text for text in _blocks_of(body) if text]
