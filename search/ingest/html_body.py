"""trafilatura's structured body -> the article's paragraph texts.

    body_blocks(body) -> list[str]   one string per p / head / list item / quote paragraph / table row
    split_double_breaks(tree)         before extraction: <p>a<br><br>b</p> -> <p>a</p><p>b</p>
    drop_comment_sections(tree)       before extraction: readers' comments under names trafilatura misses

Reads the XML body of `bare_extraction` (elements p, head, list/item, quote,
with lb line breaks and hi/ref inline; of tables only prose cells, since
old pages lay the whole article out in one) instead of splitting
its text output, so a paragraph is what the page marked as one; a blank
line (two lb) inside a paragraph splits it, as the page's own paragraph break.
"""
from __future__ import annotations

import re

from lxml import etree

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
    if tag == "p":
        return paragraph_texts(el)
    return [element_text(el)]


def body_blocks(body: etree._Element | None) -> list[str]:
    """Paragraph texts in page order, empty ones dropped."""
    if body is None:
        return []
    return [text for text in _blocks_of(body) if text]


def split_double_breaks(tree) -> None:
    """Split each <p> at <br><br> into two <p>s, in place. trafilatura merges the two breaks inside a <p>
    into one, so after extraction the page's own paragraph break could no longer be told from a line break."""
    for br in tree.xpath("//p/br[following-sibling::*[1][self::br]]"):
        para = br.getparent()
        if para is None or (br.tail or "").strip():
            continue
        second = br.getnext()
        if second is None or second.tag != "br":
            continue
        rest = para.makeelement("p", {})
        rest.text = second.tail
        for node in list(second.itersiblings()):
            rest.append(node)  # moves the node with its tail
        tail = para.tail
        para.remove(second)
        para.remove(br)
        para.tail = None
        para.addnext(rest)
        rest.tail = tail


# Readers' comment sections under other names than trafilatura's own rule knows (it drops elements whose
# id or class *starts* with "comment"): "sf_comment_list", "fb-comments", "comentarios", "kommentare".
_COMMENT_WORDS = {"comment", "comments", "comentario", "comentarios", "commentaires", "kommentar", "kommentare",
                  "komentari", "commenti", "reacties", "disqus"}
_CONTAINERS = ("div", "section", "ul", "ol", "aside")
_COMMENT_HINTS = ("omment", "oment", "disqus")  # comment, Comments, comentarios, kommentare, disqus_thread
_NAME_TOKENS = re.compile(r"[^a-z]+")


def _is_comment_section(el) -> bool:
    names = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
    words = set(_NAME_TOKENS.split(names))
    if not words & _COMMENT_WORDS or words & {"count", "counter", "link", "icon", "button", "btn", "number"}:
        return False
    return not el.xpath(".//h1 | .//article | .//*[@itemprop='articleBody']")  # a wrapper of the article itself


def drop_comment_sections(tree) -> None:
    """Remove readers' comment sections in place, before extraction."""
    found = []
    for el in tree.iter(_CONTAINERS):  # a plain walk: three times faster than the same test in XPath
        names = f"{el.get('id') or ''} {el.get('class') or ''}"
        if any(hint in names for hint in _COMMENT_HINTS) and _is_comment_section(el):
            found.append(el)
    for el in found:
        if el.getparent() is not None:
            el.drop_tree()
