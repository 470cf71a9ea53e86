"""Headlines in pasted text, matched against the page title the browser printed in its header.

    split_site_name("United States to Lift Sudan Sanctions - The New York Times") -> (headline, site)
    headline_matcher(running_title) -> predicate for lines that are the headline (blocks of their own)
    find_title(blocks, limit, running_title) -> index of the headline block, searching up from the body
    printed_headline(block_text, running_title) -> (headline, glued standfirst or None), repaired from the header
"""
from __future__ import annotations

import re
from functools import lru_cache

from search.ingest.pasted.paragraphs import Block
from search.ingest.words import comparison_key as norm
from search.ingest.words import folded_dehyphenated as _dehyphenated

# (?<!\s): a separator is tried once per run of spaces, from its start; tried from every space of a long run, the
# search would grow with the square of the run's length.
_TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+(?:\||-|–|—|:|::|·)\s+")
KICKER = re.compile(r"^[A-Z][\w &’'-]{1,30}\|(?=\S)")  # "Africa|United States to Lift Sudan Sanctions"
_LEADING_LABEL = re.compile(r"^[^:]{3,40}:\s+(?=\S)")  # "Alito and Prelogar: The nonstop ..."


def split_site_name(title: str) -> tuple[str, str | None]:
    """"United States to Lift Sudan Sanctions - The New York Times" -> (headline, "The New York Times")."""
    truncated = title.rstrip().endswith("…")  # Chrome cut the header short: its last piece is not the site name
    title = title.strip().rstrip("…").strip()
    pieces = _TITLE_SEPARATORS.split(title)
    if len(pieces) < 2:
        return title, None
    site = pieces[-1].strip() if len(pieces[-1].split()) <= 5 and not truncated else None
    # The headline is the longest leading piece; the rest are author/section/site labels.
    head_end = max(range(len(pieces) - 1), key=lambda i: len(pieces[i]))
    separator_pos = [m.start() for m in _TITLE_SEPARATORS.finditer(title)]
    headline = title[: separator_pos[head_end]] if head_end < len(separator_pos) else title
    if head_end == 0 and len(pieces[0].split()) <= 2:  # "Zimbabwe coup: Robert Mugabe..." keeps its kicker
        headline = title if site is None else title[: separator_pos[-1]]
    return headline.strip(), site


def _drop_kicker(text: str) -> str:
    return KICKER.sub("", text) if "|" in text[:33] else text  # a kicker is at most 31 characters and a "|"


def _longest_words(variants) -> tuple[str, ...]:
    return tuple({max(v.split(" "), key=len) for v in variants})


def _may_match(line: str, words: tuple[str, ...]) -> bool:
    """A block that normalises to a variant (or starts with one) holds each of the variant's words as they are,
    once case-folded and de-hyphenated: a substring test for the longest word, much cheaper than `norm`,
    rules out most blocks."""
    folded = _dehyphenated(line)
    for word in words:  # a plain loop: a generator costs more than the one or two tests it runs
        if word in folded:
            return True
    return False


def _matches_title(block: str, variants: tuple[str, ...]) -> bool:
    text = norm(_drop_kicker(block))
    return any(text == v or (len(v) > 25 and text.startswith(v)) for v in variants)


@lru_cache(maxsize=64)  # the matcher, find_title and printed_headline all ask, once per paste each
def _title_variants(running: str) -> tuple[str, ...]:
    running = running.rstrip("…").strip()
    headline, _ = split_site_name(running)
    variants = {norm(headline), norm(running)}
    for m in _TITLE_SEPARATORS.finditer(running):
        variants.add(norm(running[: m.start()]))
    kicker = _LEADING_LABEL.match(headline)  # "Alito and Prelogar: The nonstop ..." -> the page's h1
    if kicker:
        variants.add(norm(headline[kicker.end():]))
    return tuple(v for v in variants if len(v) >= 12)


def _prefer_printed_spelling(title: str, running: str) -> str:
    """The print header keeps the page's own characters ("self-isolate") where the body text lost a hyphen."""
    if running.endswith("…"):
        return title
    headline = split_site_name(running)[0]
    return headline if norm(headline) == norm(title) else title


def _split_glued_standfirst(block: str, running: str) -> tuple[str, str | None]:
    """"A third of Gaza City ... imagery shows New analysis of imagery from ...": the headline, then the standfirst."""
    block_norm = norm(block)
    for variant in sorted(_title_variants(running), key=len, reverse=True):
        if block_norm.startswith(variant + " ") and len(block_norm) > len(variant) + 20:
            words = block.split()
            n = len(variant.split())
            return " ".join(words[:n]), " ".join(words[n:])
    return block, None


def _restore_kicker(title: str, running: str | None) -> str:
    """The print header says "Alito and Prelogar: The nonstop…" and the page "The nonstop ...": keep both parts."""
    if not running:
        return title
    headline = split_site_name(running.rstrip("…"))[0]
    kicker = _LEADING_LABEL.match(headline)
    if kicker and not norm(title).startswith(norm(headline[: kicker.end()])) \
            and norm(title).startswith(norm(headline[kicker.end():])[:30]):
        return headline[: kicker.end()] + title
    return title


def headline_matcher(running: str | None):
    """A predicate for lines that are the headline the print header names (kept as blocks of their own)."""
    if not running:
        return lambda line: False
    variants = set(_title_variants(running))
    lengths = [len(v) for v in variants] or [0]
    shortest, longest = min(lengths) - 10, max(lengths) + 40  # a cheap length check before normalising
    longest_words = _longest_words(variants)

    def is_headline(line: str) -> bool:
        return shortest <= len(line) <= longest and _may_match(line, longest_words) \
            and norm(_drop_kicker(line)) in variants

    return is_headline


def find_title(blocks: list[Block], limit: int, running: str) -> int | None:
    variants = _title_variants(running)
    if not variants:
        return None
    shortest = min(len(v) for v in variants) - 10  # a cheap length check before normalising each block
    longest_words = _longest_words(variants)
    for i in range(min(limit, len(blocks)) - 1, -1, -1):
        text = blocks[i].text
        if shortest <= len(text) < 400 and _may_match(text, longest_words) and _matches_title(text, variants):
            return i
    return None




def printed_headline(block_text: str, running: str | None) -> tuple[str, str | None]:
    """The headline block, repaired with what the print header says: its kicker, its spelling, and a
    standfirst that pdftotext glued onto the same line."""
    title = _restore_kicker(_drop_kicker(block_text), running)
    if not running:
        return title, None
    title, standfirst = _split_glued_standfirst(title, running)
    return _prefer_printed_spelling(title, running), standfirst
