"""Speaker values over all 2,225 BBC articles in ../shared (skipped when it is absent).

No value a user would see in the speaker facet may be a day, a month or a
fragment of a clause, and after the library-wide identity step no speaker
may be spelt in two cases. The distinct values for four politicians are
printed (pytest -s) for the record.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.speakers import attribute
from search.speakers.identity import canonical_names
from search.speakers.lexicon import CALENDAR_WORDS, DETERMINERS, PREPOSITIONS

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "text" / "bbc"
pytestmark = pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpus/text/bbc is absent")

# Words a clause has and a name or description never opens or closes on.
_CLAUSE_WORDS = {"said", "says", "say", "told", "is", "was", "are", "were", "has", "had", "have", "will", "would",
                 "should", "could", "that", "which", "who", "and", "or", "but", "if", "when", "while"}


def _paragraphs(path: Path) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # one file of the corpus is Latin-1
    return [line.strip() for line in text.splitlines() if line.strip()][1:]  # the first line is the headline


@pytest.fixture(scope="module")
def mentions() -> list[tuple[str, str | None, str]]:
    out = []
    for path in sorted(BBC.glob("*/*.txt")):
        article = str(path.relative_to(BBC))
        for speakers in attribute(_paragraphs(path)):
            out += [(s.name, s.role, article) for s in speakers]
    return out


def test_the_corpus_is_all_there(mentions):
    assert len({article for _, _, article in mentions}) > 1500  # articles with at least one speaker
    assert len(list(BBC.glob("*/*.txt"))) == 2225


def test_no_day_or_month_is_a_speaker(mentions):
    bad = {name for name, _, _ in mentions if name.lower() in CALENDAR_WORDS or name.split()[0].lower() in
           CALENDAR_WORDS and name.split()[0].istitle() and len(name.split()) == 1}
    assert not bad


def test_no_clause_fragment_is_a_speaker(mentions):
    def fragment(name: str) -> bool:  # "Will Smith" and "Take That" are names: only lower-case words count
        words = name.split()
        first, last = words[0], words[-1]
        return (first in _CLAUSE_WORDS or last in _CLAUSE_WORDS or last in PREPOSITIONS or last in DETERMINERS
                or re.search(r"\b(?:said|says|told)\b", name) is not None or name == "move ministers")
    bad = sorted({name for name, _, _ in mentions if fragment(name)})
    assert not bad, bad


def test_no_speaker_is_spelt_in_two_cases_once_the_library_names_them(mentions):
    names = canonical_names(mentions)
    by_fold: dict[str, set[str]] = {}
    for value in names.values():
        by_fold.setdefault(value.lower(), set()).add(value)
    assert not [v for v in by_fold.values() if len(v) > 1]


def test_print_the_values_of_four_politicians(mentions):
    names = canonical_names(mentions)
    for who in ("Blair", "Brown", "Howard", "Kennedy"):
        raw = sorted({n for n, _, _ in mentions if re.search(rf"\b{who}\b", n)})
        shown = sorted({names[n] for n in raw})
        print(f"\n{who}: attribution {raw}\n{' ' * len(who)}  library {shown}")
    assert names.get("Howard", "Michael Howard") == "Michael Howard"
