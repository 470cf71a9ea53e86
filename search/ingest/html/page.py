"""A saved HTML page -> Article (title, standfirst, section, authors, date, site, url, paragraphs).

The body comes from trafilatura's `bare_extraction`, read from its structured
XML body (html_body), then cleaned of captions, credits and furniture
(hygiene). Before extraction (html_prune, one walk over the page), readers'
comment sections trafilatura does not recognise, hidden elements, screen-reader
text and small forms are removed, text the parser split off a <p> around an
inserted box is wrapped in a <p> again, and a <p> is split at <br><br>; the same
walk notes the page's captions and marked standfirst for hygiene.
Metadata comes from JSON-LD and meta tags, then trafilatura's and
htmldate's heuristics field by field (html_metadata): that is what
`with_metadata=True` would run, minus the searches whose answer we already
have, which keeps us within 0.8x of plain trafilatura's speed. Speakers and
the id are added by `search.ingest.parse`.
"""
from __future__ import annotations

import html as htmllib
import logging
import re

import trafilatura
from trafilatura.utils import load_html

from search.errors import IngestError
from search.ingest.decode import needs_repair, repair
from search.ingest.html.body import body_blocks
from search.ingest.html.hygiene import clean_paragraphs
from search.ingest.html.metadata import PageMetadata, read_metadata
from search.ingest.html.prune import drop_comment_sections, drop_unseen, scan_page, split_double_breaks, wrap_loose_text
from search.ingest.words import comparison_key, word_count
from search.model import Article

__all__ = ["parse_html", "MIN_ARTICLE_WORDS", "SHORT_ARTICLE_WORDS"]

MIN_ARTICLE_WORDS = 8  # below this nothing is an article
SHORT_ARTICLE_WORDS = 40  # below this, the text must hold a real sentence (a listing or a forum header does not)
_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？")
_CLOSERS = "\"”’)"
_SENTENCE_WORDS = 8
_LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage", "sitenavigationelement"}
_ARTICLE_HINTS = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "liveblogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle"}
_ERROR_TITLE = re.compile(
    r"^\W*(?:(?:error\s*)?(?:404|403|410|500)\b|(?:page\s+)?not\s+found\b|error\b|access\s+denied|forbidden)"
    r"|\b(?:page\s+(?:not\s+found|cannot\s+be\s+found|does\s+not\s+exist)|404\s+(?:error|not\s+found))\b",
    re.I,
)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every short page as an error
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def _extract(tree, url: str | None):
    """trafilatura's Document, or None when it finds no main text."""
    try:
        return trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False)
    except (ValueError, TypeError, AttributeError, IndexError):  # raised inside extraction on odd trees
        return None


def _repair(texts: list[str]) -> list[str]:
    """ftfy on the extracted text only (decode skips it on whole pages for speed)."""
    if not needs_repair("\n".join(texts)):
        return texts
    return [repair(t) for t in texts]


def _clean_field(value: str | None) -> str | None:
    """A metadata string with leftover entities (&amp; in JSON-LD) and mojibake repaired."""
    if not value:
        return value
    text = re.sub(r"\s+", " ", htmllib.unescape(value)).strip()
    return _repair([text])[0] or None


def _holds_sentence(text: str) -> bool:
    """A word that ends a sentence (".", "!", "?", "…", a closing quote after one) eight words or more into the text.

    Read word by word: a pattern counting the words before it backtracks on a long run without spaces."""
    for word in text.split()[_SENTENCE_WORDS - 1:]:
        if (word[:-1] if word[-1] in _CLOSERS else word).endswith(_SENTENCE_ENDS):
            return True
    return False


def _refuse_non_article(meta: PageMetadata, paragraphs: list[str], name: str) -> None:
    words = sum(word_count(p) for p in paragraphs)
    cjk = words > len(" ".join(paragraphs).split())  # CJK text has no spaces between words to count
    prose = cjk or any(_holds_sentence(p) for p in paragraphs)
    if words < MIN_ARTICLE_WORDS or (words < SHORT_ARTICLE_WORDS and not prose):
        raise IngestError(f"{name} holds no article: only {words} word{'' if words == 1 else 's'} of text were "
                          f"found (a listing, an error page or a page that needs a browser to render).")
    if _ERROR_TITLE.search(meta.title or "") and words < 150:
        raise IngestError(f"{name} looks like an error page ('{meta.title}'), not an article.")
    path = re.sub(r"^https?://[^/]+", "", meta.url or "x").split("?")[0]
    # A site's root is its front page: teasers of many stories, unless the page says it is one article.
    if path in {"", "/"} and (words < 150 or not meta.types & _ARTICLE_HINTS):
        raise IngestError(f"{name} is a site's front page ({meta.url}), not an article.")
    if meta.types & _LISTING_TYPES and not meta.types & _ARTICLE_HINTS:
        long_ones = [p for p in paragraphs if len(p.split()) >= 25]
        if len(long_ones) < 3:
            raise IngestError(f"{name} is a listing page ({', '.join(sorted(meta.types & _LISTING_TYPES))}), "
                              f"not an article.")


_MAX_CAPTION_WORDS = 80


def _page_captions(elements: list) -> set[str]:
    """Texts the page itself marks as captions or credits (`PageScan.captions`), as `comparison_key`s."""
    keys = set()
    for el in elements:
        text = " ".join(el.text_content().split())
        if text and len(text.split()) <= _MAX_CAPTION_WORDS:
            keys.add(comparison_key(text))
    return keys - {""}


_MAX_STANDFIRST_WORDS = 60
_LEADING = 3  # the section label and standfirst sit above the lede


def _page_standfirsts(elements: list) -> dict[str, str]:
    """Texts the page marks as its standfirst (`PageScan.standfirsts`), by `comparison_key`."""
    found = {}
    for el in elements:
        text = " ".join(el.text_content().split())
        if text and len(text.split()) <= _MAX_STANDFIRST_WORDS:
            found.setdefault(comparison_key(text), text)
    found.pop("", None)
    return found


def _lift_header_blocks(
    paragraphs: list[str], section: str | None, marked: dict[str, str]
) -> tuple[list[str], str | None]:
    """Drop the section label and lift the page's marked standfirst out of the leading paragraphs.

    trafilatura often keeps both as paragraphs above the lede; they are metadata, not body text.
    """
    section_key = comparison_key(section or "")
    standfirst = None
    kept = []
    for i, text in enumerate(paragraphs):
        key = comparison_key(text)
        if i < _LEADING and section_key and key == section_key:
            continue
        if i < _LEADING and standfirst is None and key in marked and len(paragraphs) > 1:
            standfirst = text
            continue
        kept.append(text)
    return kept, standfirst


def _standfirst(description: str | None, paragraphs: list[str]) -> str | None:
    """The description, unless it is only the lede repeated (or a cut-off copy of it)."""
    if not description:
        return None
    key = comparison_key(description)
    lede = comparison_key(" ".join(paragraphs[:2]))
    if key and (lede.startswith(key[: max(20, len(key) - 3)]) or key in lede):
        return None
    return description


def parse_html(text: str, *, url: str | None = None, name: str = "the page") -> Article:
    """Extract one article from a decoded HTML page. Raises IngestError when it holds none."""
    tree = load_html(text)
    if tree is None:
        raise IngestError(f"{name} holds no article: it could not be read as an HTML page.")
    scan = scan_page(tree)
    drop_comment_sections(scan)  # first: a commenter's name is no byline
    meta = read_metadata(tree, url)
    drop_unseen(scan)  # after: pages hide their microdata dates and names on purpose
    wrap_loose_text(scan)
    split_double_breaks(tree)
    doc = _extract(tree, meta.url)
    blocks = body_blocks(doc.body if doc is not None else None)
    meta.title = _clean_field(meta.title) or ""
    meta.standfirst, meta.section, meta.site = (_clean_field(v) for v in (meta.standfirst, meta.section, meta.site))
    meta.authors = [a for a in (_clean_field(n) for n in meta.authors) if a]
    paragraphs = clean_paragraphs(_repair(blocks), title=meta.title, authors=meta.authors,
                                  captions=_page_captions(scan.captions))
    paragraphs, shown_standfirst = _lift_header_blocks(paragraphs, meta.section, _page_standfirsts(scan.standfirsts))
    _refuse_non_article(meta, paragraphs, name)
    meta.standfirst = shown_standfirst or _standfirst(meta.standfirst, paragraphs)
    meta.url = meta.url or url
    return meta.article(paragraphs)
