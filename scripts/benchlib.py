"""Scoring helpers shared by the extraction benchmarks (bench_pasted.py, bench_html.py).

    token_prf(extracted, expected)         -> Score(p, r, f1) over 4-word shingles (multiset overlap),
                                              as the article-extraction benchmarks score bodies
    paragraph_pr(ours, known)              -> (precision, recall): share of our paragraphs that are exactly
                                              one known paragraph (after normalising), and the reverse
    html_paragraphs(html)                  -> the text blocks of a known-body HTML file (expected.html)
    text_paragraphs(text)                  -> blank-line separated blocks of a known-body .txt file
    trafilatura_paragraphs(html)           -> the reference ceiling: trafilatura on the original page
    shared_dir()                           -> ../shared next to the repo, or None when it is absent
    names_match(ours, known) / same_title(ours, known) / same_day(ours, known)
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

SHINGLE = 4
_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "\u00a0": " "})


def shared_dir() -> Path | None:
    path = Path(__file__).resolve().parents[1].parent / "shared"
    return path if path.is_dir() else None


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def normalise(text: str) -> str:
    """Compare texts, not typography: NFKC, straight quotes, plain dashes, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = text.replace("\u00ad", "").replace("\u200b", "")
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


def shingles(words: list[str], n: int = SHINGLE) -> Counter:
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def token_prf(extracted: str, expected: str) -> Score:
    ours, known = shingles(tokens(extracted)), shingles(tokens(expected))
    common = sum((ours & known).values())
    p = common / sum(ours.values()) if ours else 0.0
    r = common / sum(known.values()) if known else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1)


def paragraph_pr(ours: list[str], known: list[str]) -> tuple[float, float]:
    ours_n = [normalise(p) for p in ours if p.strip()]
    known_n = [normalise(p) for p in known if p.strip()]
    known_set, ours_set = set(known_n), set(ours_n)
    p = sum(1 for x in ours_n if x in known_set) / len(ours_n) if ours_n else 0.0
    r = sum(1 for x in known_n if x in ours_set) / len(known_n) if known_n else 0.0
    return p, r


_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "td", "th"}
_SKIP = {"figcaption", "script", "style", "noscript", "figure"}


def html_paragraphs(html: str) -> list[str]:
    """Leaf-most text blocks of known-body HTML. Figure captions are left out: they are not body paragraphs."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html)
    for bad in root.xpath("|".join(f"//{t}" for t in _SKIP)):
        bad.drop_tree()
    out: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        if any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in el.iterdescendants()):
            continue  # an outer block: its inner blocks are the paragraphs
        text = " ".join(el.text_content().split())
        if text:
            out.append(text)
    return out


def text_paragraphs(text: str) -> list[str]:
    return [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]


def trafilatura_paragraphs(html: str) -> list[str]:
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False, deduplicate=False) or ""
    return [line.strip() for line in body.split("\n") if line.strip()]


_TITLE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|:)\s+")


def same_title(ours: str | None, known: str | None) -> bool | None:
    """The headline, ignoring a site or author suffix the reference keeps ("... | Eleanor Ainge Roy")."""
    if not known:
        return None
    if not ours:
        return False
    ours_n, known_n = normalise(ours).casefold(), normalise(known).casefold()
    if ours_n == known_n:
        return True
    return any(known_n[: m.start()] == ours_n for m in _TITLE_SUFFIX.finditer(known_n))


def _name_key(name: str) -> str:
    return " ".join(tokens(name))


def names_match(ours: list[str], known: list[str]) -> bool | None:
    """Same set of people, ignoring case and punctuation; None when the truth has no authors."""
    if not known:
        return None
    return {_name_key(n) for n in ours} == {_name_key(n) for n in known}


def iso_day(value) -> date | None:
    """The day of a reference date written ISO-style ("2019-11-19", "2019-11-19T00:21:00Z", "2019-11-19 00:21")."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def same_day(ours: date | datetime | None, known: date | None) -> bool | None:
    if known is None:
        return None
    if isinstance(ours, datetime):
        ours = ours.date()
    return ours == known


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
