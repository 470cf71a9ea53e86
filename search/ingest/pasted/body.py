"""Which blocks of a page are the article body: classify each block, then keep the densest stretch.

    classify(text) -> "body" | "short" | "heading" | "data" | "caption" | "furniture" | "end" | "more" | "other"
    select_body(kinds, sizes, list_items) -> (start, end)   the stretch with the most body text, found with
                                                            Kadane's maximum-sum run, so thousands of menu lines
                                                            cost linear time
    body_indexes(texts, kinds, list_items, start, end)      the blocks of that stretch that are the article
"""
from __future__ import annotations

import re

from search.ingest.captions import is_caption_or_credit
from search.ingest.furniture import ends_article, is_furniture_paragraph, is_wire_tagline, leads_to_other_stories
from search.ingest.pasted.menus import is_menu_placeholder
from search.ingest.pasted.paragraphs import ends_sentence

_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her
    here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only
    or other our out over own said same she should so some such than that the their them then there these they
    this those through to too under until up very was we were what when where which while who whom why will with
    would you your""".split()
)
_WORD = re.compile(r"[A-Za-z’']+")
_MIN_BODY_WORDS = 7
_MAX_HEADING_WORDS = 12
_PROSE_STOPWORDS = 0.3  # a line without a sentence end reads as prose with this share of stopwords (links: ~0.1)


# The words of _WORD as bytes: every byte that is not an ASCII letter or an apostrophe becomes a space.
_WORD_BYTES = bytes(c if (65 <= c <= 90 or 97 <= c <= 122 or c == 39) else 32 for c in range(256))
_STOPWORD_BYTES = frozenset(w.encode() for w in _STOPWORDS)


# The same table, lower-casing A-Z as well: it spares str.lower(), slow on non-ASCII text. Every non-ASCII character
# becomes "?" and then a space with or without lower(), except the two whose lower case holds an ASCII letter
# ("İ" -> "i̇", the Kelvin sign -> "k"): a text with one of them is lower-cased first.
_LOWER_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c for c in _WORD_BYTES)


def stopword_share(text: str) -> float:
    """The share of _WORD words that are stopwords, in the first sentences (they say enough). Split as bytes,
    twice as fast as _WORD.findall: "’" is "'" (no stopword holds either) and other non-ASCII is a space."""
    head, table = text[:400], _LOWER_WORD_BYTES
    if "\u0130" in head or "\u212a" in head:
        head, table = head.lower(), _WORD_BYTES
    words = (head.replace("’", "'") if "’" in head else head).encode("ascii", "replace").translate(table).split()
    return sum(map(_STOPWORD_BYTES.__contains__, words)) / len(words) if words else 0.0  # map: the count runs in C


_TERMINAL_CJK = tuple("。．！？」』")  # sentence ends of scripts written without spaces
_FULL_STOPS_CJK = tuple("。．！？")  # inside a block, a closing bracket ends a quoted title as often as a sentence
_OPENING_QUOTES = "\"“‘'«„"
_CLOSING_QUOTE = re.compile(r"[\"”’'»],?\s")  # '"We will fight this," said Tom Jones': a quote that closes
_SENTENCE_INSIDE = re.compile(r"[a-z0-9%)][.!?][\"”’]?\s+[\"“‘]?[A-Z]")  # "... in use. When someone knocks ..."
_PROSE_WORDS = 20  # a block this long that holds sentences is prose, whatever trails it ("luggage-3.jpg", "Learn more")


def _latin(text: str) -> bool:
    """Written mostly in ASCII letters, where the English stopword test can say something. Counted in UTF-8 bytes:
    accented letters add a few beyond one a character, a script such as Japanese two for nearly every character."""
    head = text[:200]
    return len(head.encode("utf-8", "surrogatepass")) < 1.5 * len(head)


def _word_count(text: str, cap: int) -> int:
    """Words, up to `cap`. A script written without spaces (Japanese, Chinese) counts one word per two characters."""
    if _latin(text):
        return len(text.split(maxsplit=cap))
    return min(cap + 1, len(text) // 2)


def is_prose_end(text: str) -> bool:
    return ends_sentence(text) or text.endswith(_TERMINAL_CJK)


def _is_quote(text: str) -> bool:
    """A quoted paragraph: '"We will fight this," said Tom Jones' (no full stop needed)."""
    return text[:1] in _OPENING_QUOTES and _CLOSING_QUOTE.search(text, 2) is not None


def _title_case(text: str) -> bool:
    """Most words capitalised, as headlines and link labels are: "Ferry Crews Told to Stay at Home After Outbreak"."""
    words = text.split(maxsplit=_PROSE_WORDS)[:_PROSE_WORDS]
    return 2 * sum(1 for w in words if w[:1].isupper()) > len(words)


def _mostly_symbols(text: str) -> bool:
    """Figures, code or a table row: fewer letters than digits, signs and symbols."""
    return 2 * sum(map(str.isalpha, text)) < len(text) - text.count(" ")


def classify(text: str, english: bool = True) -> str:
    """What a rebuilt block is, judged on its own text:

    body       a paragraph of prose: a sentence end, seven words or more, and English stopwords when the text is
               in Latin letters (unless `english=False`)
    short      a shorter sentence or a quote: "He declined to comment." is news, never dropped for being short;
               or a line of prose without its full stop ("Thanks to Amy, logins can now be imported from Keepass")
    heading    a short line that starts in capitals and ends without punctuation
    data       figures, code or a table row: more digits, signs and symbols than letters
    caption    a photo caption or credit
    furniture  a menu, a furniture line (share bars, cookie notices, teasers), a wire tagline
    end        a label a page sets after its article: "Filed under: Politics", "About the author", "13 Comments"
    more       a label over links to other stories: "Related articles", "More from X", "Most read"
    other      anything else (code, chart labels, links run together)
    """
    if ends_article(text):
        return "end"
    if leads_to_other_stories(text):
        return "more"
    if is_menu_placeholder(text) or is_furniture_paragraph(text) or is_wire_tagline(text):
        return "furniture"
    if _mostly_symbols(text):
        return "data"
    if is_caption_or_credit(text):
        return "caption"
    # Counting up to _PROSE_WORDS + 1 words answers every word-count question below without splitting a whole paragraph.
    n_words = _word_count(text, _PROSE_WORDS)
    latin = _latin(text)
    sentence = is_prose_end(text) or (n_words > _PROSE_WORDS and (
        _SENTENCE_INSIDE.search(text) is not None if latin else any(mark in text[:-1] for mark in _FULL_STOPS_CJK)))
    if sentence and n_words >= _MIN_BODY_WORDS and (not english or not latin or stopword_share(text) >= 0.2):
        return "body"
    first = text[:1]
    capital = first.isupper() or first.isdigit() or first in _OPENING_QUOTES
    if (sentence or _is_quote(text)) and n_words >= 2 and capital:
        return "short"
    if n_words <= _MAX_HEADING_WORDS and capital and not text.endswith((",", "|")) \
            and " | " not in text:  # "Profile | Grace Mugabe" is a link label
        return "heading"
    if capital and n_words > _MAX_HEADING_WORDS and latin and stopword_share(text) >= _PROSE_STOPWORDS \
            and not _title_case(text):
        return "short"  # longer than a headline and worded as prose: a sentence whose full stop the page left off
    return "other"


# What a block that is not body costs the stretch it sits in, in characters of body text: a fixed cost for being a
# block, plus its own length, so a run of links outweighs the prose around it and a chart's axis labels weigh little.
# Furniture (a promo, a share bar) is known by what it says, not by its length: it costs its fixed amount only, so a
# long newsletter pitch set inside an article does not cut the article in two. A table or a code listing prints a
# block per row, a photo gallery a block or two per slide: each costs little, as a menu folded into one placeholder
# does. Labels that end an article cost nothing here: end_of_article acts on them once the stretch is found.
_BLOCK_COST = {"heading": 20, "caption": 20, "other": 20, "furniture": 60, "data": 5, "gallery": 5, "end": 0,
               "more": 0}
_COSTS_ITS_LENGTH = frozenset({"heading", "caption", "other"})
_ITEM_KINDS = frozenset({"short", "heading", "other"})
_LONG_SENTENCE = 150  # characters: longer than a headline
_MIN_ITEM = 20  # "• Home" is a menu entry; "• Villager trading has been rebalanced" an item of the article's list


def select_body(kinds: list[str], sizes: list[int], list_items: list[bool]) -> tuple[int, int]:
    """[start, end) of the stretch where body text outweighs everything between it (Kadane, linear).

    Short sentences and list items weigh nothing either way: they neither start nor end a stretch, and are kept
    inside one."""
    best, best_span = 0, (0, 0)
    run, run_start = 0, 0
    for i, (kind, size) in enumerate(zip(kinds, sizes)):
        if kind == "body":
            gain = size
        elif list_items[i] and kind in _ITEM_KINDS and size >= _MIN_ITEM:
            gain = size // 2  # a list is text, if thinner than prose
        elif kind == "short":
            gain = 0
        else:
            gain = -(_BLOCK_COST[kind] + (size if kind in _COSTS_ITS_LENGTH else 0))
        if run <= 0:
            if gain <= 0:
                continue
            run, run_start = 0, i
        run += gain
        if run > best:
            best, best_span = run, (run_start, i + 1)
    start, end = best_span
    while start > 0 and kinds[start - 1] == "short" and sizes[start - 1] >= _LONG_SENTENCE:
        start -= 1  # a lead sentence so full of names that the stopword test missed it: "Washington (CNN) — ..."
    return start, end


_ARTICLE_BEGUN = 0.4  # share of the stretch's prose that must come before a label for it to end the article
# characters: past this much prose an article has surely begun, however long the comments the stretch ran on into
_ARTICLE_LONG = 2000
_BOX_REACH = 3  # blocks: a box of links inside an article holds a few; the article's prose resumes right under it
_RESUMED = 300  # characters: a paragraph this long under the box is the article going on, not a teaser


def end_of_article(texts: list[str], kinds: list[str], sizes: list[int], start: int, end: int) -> int:
    """Where the article in [start, end) ends: at the first label a page sets after its article ("13 Comments",
    "Filed under", "More from X") once a good part of the stretch's prose has gone by. Comments and teasers are prose
    too, so the stretch alone often runs on into them; a label above the article (a comment count by the byline)
    comes before most of the prose and is passed over, and so is a box of links the article's prose resumes under."""
    total = sum(sizes[i] for i in range(start, end) if kinds[i] == "body")
    seen = 0
    for i in range(start, end):
        kind = kinds[i]
        if kind == "body":
            seen += sizes[i]
        elif kind == "end" and seen and seen >= min(_ARTICLE_BEGUN * total, _ARTICLE_LONG):
            return i
        elif kind == "more" and seen and seen >= _ARTICLE_BEGUN * total \
                and not _prose_resumes(kinds, sizes, i + 1, min(end, i + 1 + _BOX_REACH)):
            return i
    return end


def _prose_resumes(kinds: list[str], sizes: list[int], lo: int, hi: int) -> bool:
    """A long paragraph, or two paragraphs in a row: teasers under a label alternate with their headlines."""
    return any(kinds[j] == "body" and (sizes[j] >= _RESUMED or (j + 1 < len(kinds) and kinds[j + 1] == "body"))
               for j in range(lo, hi))


_BYLINE_HEADING = re.compile(r"^(?:by|By|BY):?\s")  # "By Clara Mendes" between paragraphs is not a heading
_TEXT = frozenset({"body", "short"})
_LABELS = frozenset({"end", "more"})


def body_indexes(texts: list[str], kinds: list[str], list_items: list[bool], start: int, end: int) -> list[int]:
    """The blocks of the chosen stretch [start, end) that are the article: every paragraph, long or short; a heading
    between paragraphs; the items of a list that a line announced ("...also said:") or that bullets mark; the rows
    of a table or a code listing between paragraphs.
    Short sentences right after the stretch are its last paragraphs ("He declined to comment.")."""
    while end < len(kinds) and kinds[end] == "short" and not texts[end].endswith("?"):  # a teaser asks; news tells
        end += 1
    keep: list[int] = []
    in_list = False  # after "...also said:" the short lines that follow are the list's items
    in_box = False  # after "More from X" inside the article, the lines up to its next paragraph are the box's links
    last_text = max((i for i in range(start, end) if kinds[i] in _TEXT), default=start)
    for i in range(start, end):
        kind, text = kinds[i], texts[i]
        if kind in _TEXT:
            keep.append(i)
            in_list = text.endswith(":") or (in_list and list_items[i])
            in_box = False
        elif kind in _LABELS or in_box:
            in_box = True
        elif kind == "data" and keep and i < last_text:
            keep.append(i)
        elif kind in ("heading", "other") and (in_list or list_items[i]) and len(text.split(maxsplit=60)) <= 60:
            keep.append(i)
            in_list = True
        elif kind == "heading" and _after_text(keep, kinds, i) and _before_text(kinds, i, end) \
                and not _BYLINE_HEADING.match(text):
            keep.append(i)
        elif kind != "caption":  # a photo inside a list does not end it
            in_list = False
    return keep


def _after_text(keep: list[int], kinds: list[str], i: int) -> bool:
    """A paragraph kept just before block i (a photo caption may stand between)."""
    return bool(keep) and keep[-1] >= i - 2 and kinds[keep[-1]] in _TEXT


def _before_text(kinds: list[str], i: int, end: int) -> bool:
    """The next block (past a photo caption) is a paragraph."""
    for j in range(i + 1, min(end, i + 3)):
        if kinds[j] != "caption":
            return kinds[j] in _TEXT
    return False
