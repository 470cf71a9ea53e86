"""The page tree before trafilatura reads it: remove what no reader saw as the article, mend what the
HTML parser broke.

    scan = scan_page(tree)          one walk over the page, noting what the steps below act on
    drop_comment_sections(scan)     readers' comments under names trafilatura misses (before metadata:
                                    a commenter's name is no byline)
    drop_unseen(scan)               hidden elements, screen-reader-only text, forms (after metadata:
                                    pages hide their microdata dates and names on purpose)
    wrap_loose_text(scan)           "<p>text<div>box</div>rest</p>": the rest becomes a <p> again
    split_double_breaks(tree)       <p>a<br><br>b</p> -> <p>a</p><p>b</p>

trafilatura prunes hidden elements itself, but when its own extraction comes out short it falls back to
other extractors that keep them (a paywalled page's hidden pulldowns, a newsletter form under the
article); pruning first makes every path see the same page. One walk in Python costs less than one
XPath query with the same tests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from search.ingest.words import word_count

__all__ = ["PageScan", "scan_page", "drop_comment_sections", "drop_unseen", "wrap_loose_text",
           "split_double_breaks"]

# Readers' comment sections under other names than trafilatura's own rule knows (it drops elements whose
# id or class *starts* with "comment"): "sf_comment_list", "fb-comments", "comentarios", "kommentare".
_COMMENT_WORDS = {"comment", "comments", "comentario", "comentarios", "commentaires", "kommentar", "kommentare",
                  "komentari", "commenti", "reacties", "disqus"}
_CONTAINERS = {"div", "section", "ul", "ol", "aside"}
_COMMENT_HINTS = ("omment", "oment", "disqus")  # comment, Comments, comentarios, kommentare, disqus_thread
_NAME_TOKENS = re.compile(r"[^a-z]+")

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NEVER_HIDDEN = {"html", "body", "head", "script", "style", "noscript", "title", "meta", "link"}
# Classes for text only a screen reader speaks ("Share this story", "Opens in a new window").
_SCREEN_READER_CLASSES = {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only",
                          "hide-text", "offscreen", "vjs-offscreen", "a11y-hidden", "u-hidden-visually"}
_SLIDE_TURNS = 3  # this many hidden siblings of one kind are slides or tabs a script shows in turn
_HIDDEN_PROSE_WORDS = 100  # the rest of an article behind a "Read more" button; a cookie or sign-up notice is shorter
_MIN_PAGE_FORM_PARAGRAPHS = 5  # ASP.NET pages wrap the whole page in one <form>

# A <p> holding an inserted box is split by the HTML parser: the paragraph's text after the box becomes
# the box's tail, and goes when trafilatura drops the box (a related-links box, an advert).
_BOXES = {"div", "table", "ul", "ol", "figure", "aside", "section", "dl", "form"}
_INLINE = {"a", "em", "strong", "b", "i", "u", "span", "sup", "sub", "abbr", "cite", "q", "small", "time", "mark",
           "font", "br"}
_NOT_LOOSE_IN = {"p", "li", "td", "th", "span", "a", "dd", "dt"}  # text there is already in a paragraph
_MIN_LOOSE_WORDS = 10

# Also noted on the way, for hygiene: captions and the standfirst the page marks by class.
_NOT_CAPTIONS = {"body", "article", "main", "section", "html"}
_STANDFIRST_TAGS = {"p", "div", "h2", "span"}
_STANDFIRST_CLASSES = ("standfirst", "dek", "subtitle", "subheadline", "sub-headline")  # "dek" covers "deck"

_HOLDS_ARTICLE = etree.XPath("boolean(.//h1 | .//article | .//*[@itemprop='articleBody'])")


@dataclass
class PageScan:
    comments: list = field(default_factory=list)
    hidden: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    boxes: list = field(default_factory=list)  # boxes with a tail of text after them
    captions: list = field(default_factory=list)  # <figcaption> and class="...caption/credit..."
    standfirsts: list = field(default_factory=list)  # class="standfirst", "dek", "subtitle"...


def scan_page(tree) -> PageScan:
    """Walk the page once and note the elements the steps below act on."""
    scan = PageScan()
    for el in tree.iter(etree.Element):
        tag = el.tag
        if tag in _BOXES and el.tail and not el.tail.isspace():
            scan.boxes.append(el)
        if tag == "form":
            scan.forms.append(el)
        elif tag == "figcaption":
            scan.captions.append(el)
        attrib = el.attrib
        if not attrib:
            continue
        style, cls = attrib.get("style"), attrib.get("class")
        if cls:
            if ("aption" in cls or "credit" in cls) and tag not in _NOT_CAPTIONS and tag != "figcaption":
                scan.captions.append(el)
            if tag in _STANDFIRST_TAGS and any(word in cls for word in _STANDFIRST_CLASSES):
                scan.standfirsts.append(el)
        if tag in _CONTAINERS:
            names = f"{attrib.get('id') or ''} {cls or ''}"
            if any(hint in names for hint in _COMMENT_HINTS) and _is_comment_section(names, el):
                scan.comments.append(el)
        if (style and ("none" in style or "hidden" in style) and _HIDDEN_STYLE.search(style)) \
                or "hidden" in attrib or attrib.get("aria-hidden") == "true" \
                or (cls and _SCREEN_READER_CLASSES.intersection(cls.split())):
            if tag not in _NEVER_HIDDEN:
                scan.hidden.append(el)
    return scan


def _is_comment_section(names: str, el) -> bool:
    words = set(_NAME_TOKENS.split(names.lower()))
    if not words & _COMMENT_WORDS or words & {"count", "counter", "link", "icon", "button", "btn", "number"}:
        return False
    return not _HOLDS_ARTICLE(el)  # a wrapper of the article itself


def _drop(el) -> None:
    if el.getparent() is not None:
        el.drop_tree()  # keeps the tail text


def drop_comment_sections(scan: PageScan) -> None:
    """Remove readers' comment sections in place."""
    for el in scan.comments:
        _drop(el)


def _hidden_by_page(el) -> bool:
    style = el.get("style")
    return el.get("hidden") is not None or bool(style and _HIDDEN_STYLE.search(style))


def _prose_words(el) -> int:
    """Words in the paragraphs under an element (or in it, when it is one)."""
    paragraphs = [el] if el.tag == "p" else el.iter("p")
    return sum(word_count(p.text_content()) for p in paragraphs)


def _is_shown_anyway(el) -> bool:
    """Hidden elements that are content after all."""
    if _HOLDS_ARTICLE(el):
        return True
    if _hidden_by_page(el):
        turns = sum(1 for sib in el.getparent() if sib.tag == el.tag and _hidden_by_page(sib))
        return turns >= _SLIDE_TURNS or _prose_words(el) >= _HIDDEN_PROSE_WORDS
    # aria-hidden and screen-reader classes mark icons and duplicate labels; over paragraphs they mark
    # content a modal dialog covered when the page was saved, or a visually hidden article body
    return el.find(".//p") is not None


def drop_unseen(scan: PageScan) -> None:
    """Remove hidden elements, screen-reader-only text and forms (newsletter sign-up, error report,
    search). Kept: hidden elements holding the headline, the body or a good deal of prose (the rest of
    an article behind a "Read more" button), several hidden siblings of one kind (slides or tabs a
    script shows in turn), and a form wrapping the whole page."""
    for el in scan.hidden:
        if el.getparent() is not None and not _is_shown_anyway(el):
            el.drop_tree()
    for form in scan.forms:
        if form.getparent() is None or len(form.xpath(".//p")) >= _MIN_PAGE_FORM_PARAGRAPHS:
            continue
        if not _HOLDS_ARTICLE(form):
            form.drop_tree()


def wrap_loose_text(scan: PageScan) -> None:
    """Wrap prose left loose after a box, among paragraphs, in a <p> of its own (in place)."""
    for box in scan.boxes:
        parent = box.getparent()
        if parent is None or parent.tag in _NOT_LOOSE_IN or parent.find("p") is None:
            continue
        if not box.tail or word_count(box.tail) < _MIN_LOOSE_WORDS:
            continue
        para = box.makeelement("p", {})
        para.text, box.tail = box.tail, None
        while (nxt := box.getnext()) is not None and nxt.tag in _INLINE:
            para.append(nxt)  # moves the inline element with its tail
        box.addnext(para)


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
