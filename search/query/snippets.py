"""Snippets: the sentence that holds the query terms, HTML-escaped, with <mark> around the terms."""
from __future__ import annotations

import html
import re
from functools import lru_cache

from whoosh.lang.porter import stem

MAX_CHARS = 320
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


_TOKEN = re.compile(r"\w+(?:\.?\w+)*")  # the text field's tokenizer (StemmingAnalyzer's default)


@lru_cache(maxsize=100_000)
def index_form(word: str) -> str:
    """A word as the text field indexes it: lowercased and Porter-stemmed (cached: snippets are hot)."""
    return stem(word.lower())


def _matches(text: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, indexed form) of each token that is a query term.

    The tokenizing and stemming run as C-level map() calls; only the test for a
    term is a Python loop (a third of the cost of one loop doing everything)."""
    if not terms:
        return []
    forms = list(map(index_form, _TOKEN.findall(text)))
    wanted = [i for i, form in enumerate(forms) if form in terms]
    if not wanted:
        return []
    spans = list(map(re.Match.span, _TOKEN.finditer(text)))
    return [(*spans[i], forms[i]) for i in wanted]


def _marked(text: str, start: int, end: int, matches: list[tuple[int, int, str]]) -> str:
    out, pos = [], start
    for a, b, _ in matches:
        if a < start or b > end or a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        pos = b
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def said_html(text: str, said: list[tuple[int, int, str]], terms: set[str] = frozenset()) -> str:
    """The whole text, HTML-escaped, each speaker's words (start, end, speaker) in a
    <span class="said"> that names the speaker to screen readers (the page also underlines it:
    not colour alone), and the query terms marked inside and out. A span that overlaps an
    earlier one starts where that ends."""
    matches = _matches(text, terms)
    out, pos = [], 0
    for a, b, who in sorted(said):
        a, b = max(a, pos), min(b, len(text))
        if a >= b:
            continue
        out.append(_marked(text, pos, a, matches))
        name = html.escape(who)
        out.append(f'<span class="said" data-speaker="{name}"><span class="visually-hidden">{name} says: </span>'
                   f'{_marked(text, a, b, matches)}'
                   f'<span class="visually-hidden"> (end of {name}\'s words)</span></span>')
        pos = b
    out.append(_marked(text, pos, len(text), matches))
    return "".join(out)


def marked_html(text: str, terms: set[str]) -> str:
    """The whole text, HTML-escaped, with <mark> around the query terms (an article opened from a search)."""
    return _marked(text, 0, len(text), _matches(text, terms))


def snippet_html(text: str, terms: set[str]) -> str:
    """The best sentence (most distinct query terms, then earliest), widened to the next if short."""
    matches = _matches(text, terms)
    spans = sentences(text)
    best = 0
    if matches:
        scores = [len({m[2] for m in matches if a <= m[0] < b}) for a, b in spans]
        best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    start, end = spans[best]
    if end - start < 80 and best + 1 < len(spans):
        end = spans[best + 1][1]
    if end - start > MAX_CHARS:
        first = next((m[0] for m in matches if start <= m[0] < end), start)
        start = (
            max(start, text.rfind(" ", start, max(start, first - MAX_CHARS // 3)) + 1)
            if first - start > MAX_CHARS // 3
            else start
        )
        cut = text.rfind(" ", start, start + MAX_CHARS)
        end = cut if cut > start else start + MAX_CHARS
    prefix = "\u2026 " if start > 0 else ""
    suffix = " \u2026" if end < len(text.rstrip()) else ""
    return prefix + _marked(text, start, end, matches) + suffix
