"""Attribution and its patterns take time in proportion to their input, on hostile text.

A pattern that backtracks, or a loop over everything seen so far, makes one
long paste freeze every thread of the server. Each case times the work on
inputs of 10 kB and 80 kB (the faster of two rounds, in CPU time of this
process) and asserts that doubling the input no more than about doubles the
time: the 8x input may take at most 3**3 = 27 times as long (a quadratic
cost would take 64). Ratios, not absolute times, so a slow machine passes.
"""
from __future__ import annotations

import gc
import sys
import time

import pytest

from search.speakers import attribute
from search.speakers.attribute import _ROLE_SUBJECT_RE
from search.speakers.coref import _LOWER_WORD_RE
from search.speakers.cues import _CLAUSE_FOLLOWS
from search.speakers.identity import _POSSESSIVE_RE
from search.speakers.quotes import _QUOTE_MARK_RE, _WORD_RE
from search.speakers.sentences import _END_RE
from search.speakers.tokens import _TOKEN_RE

SMALL, LARGE = 10_000, 80_000
MAX_PER_DOUBLING = 3.0


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _names(count: int) -> list[str]:
    """Distinct invented capitalised words: "Qbbbb", "Qcbbb", …"""
    letters = "bcdfghjklmnprstvz"
    out = []
    for i in range(count):
        word, x = "Q", i
        for _ in range(4):
            word, x = word + letters[x % len(letters)], x // len(letters)
        out.append(word)
    return out


HOSTILE = {
    "letters without spaces": lambda n: _repeat("a", n),
    "capitals without spaces": lambda n: _repeat("A", n),
    "straight quote marks": lambda n: _repeat('"', n),
    "curly quote marks": lambda n: _repeat("\u201c", n),
    "archive quote marks": lambda n: _repeat("''", n),
    "said said said": lambda n: _repeat("said ", n),
    "one name said over and over": lambda n: _repeat("Ana Costa said ", n),
    "he said over and over": lambda n: "Ana Costa spoke. " + _repeat("he said ", n),
    "he and she without a cue": lambda n: "Ana Costa spoke. " + _repeat("he she ", n),
    "full stops": lambda n: _repeat(". ", n),
    "end marks with a letter after": lambda n: _repeat("?!", n) + "x",
    "a number that never ends": lambda n: _repeat("1,000", n) + "0",
    "an age list": lambda n: "John Smith, " + _repeat("1, ", n) + " said",
    "brackets": lambda n: _repeat("(a) ", n) + "said",
    "comma chain": lambda n: _repeat("Aa, ", n) + "said",
    "distinct sources in one sentence": lambda n: ", ".join(f"{w} said" for w in _names(n // 10)) + ".",
    "distinct quotes in one sentence": lambda n: ", ".join(f'"a b c d" said {w}' for w in _names(n // 20)) + ".",
    "distinct organisations": lambda n: "".join(f"{w} said. " for w in _names(n // 12)),
    "distinct knights": lambda n: "".join(f"Sir {w} Bbb spoke. Sir {w} said. " for w in _names(n // 35)),
    "distinct firms and short forms": lambda n: "".join(f"{w} Aaa Group said. {w} said. " for w in _names(n // 30)),
    "a description that never ends": lambda n: "The " + _repeat("a", n),
}

PATTERNS = {
    "tokens": lambda text: sum(1 for _ in _TOKEN_RE.finditer(text)),
    "quote marks": lambda text: sum(1 for _ in _QUOTE_MARK_RE.finditer(text)),
    "quote words": lambda text: sum(1 for _ in _WORD_RE.finditer(text)),
    "sentence ends": lambda text: sum(1 for _ in _END_RE.finditer(text)),
    "lower-case words": lambda text: len(_LOWER_WORD_RE.findall(text)),
    "describing subject": lambda text: _ROLE_SUBJECT_RE.match(text),
    "clause after a cue": lambda text: _CLAUSE_FOLLOWS.match(text),
    "possessive": lambda text: _POSSESSIVE_RE.sub("", text),
}


def _cpu_seconds(work, arg) -> float:
    """The fastest of three rounds, each repeated until it has run long enough to time (the
    collector paused: on a busy machine one of its passes can land in a single round)."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            runs, start = 0, time.process_time()
            while True:
                work(arg)
                runs += 1
                spent = time.process_time() - start
                if spent >= 0.02 or runs >= 200:
                    break
        finally:
            gc.enable()
        best = min(best, spent / runs)
    return best


def _per_doubling(work, make) -> float:
    small, large = make(SMALL), make(LARGE)
    return (_cpu_seconds(work, large) / _cpu_seconds(work, small)) ** (1 / 3)


@pytest.fixture(autouse=True, scope="module")
def _deep_enough_stack():
    """A recursion on hostile text should fail this test by time, not crash it by depth."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 3000))
    yield
    sys.setrecursionlimit(limit)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_attribution_grows_linearly_on_hostile_text(name):
    growth = _per_doubling(lambda text: attribute([text]), HOSTILE[name])
    assert growth < MAX_PER_DOUBLING, f"{name}: time x{growth:.2f} per doubling of the input"


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("name", ["letters without spaces", "capitals without spaces", "straight quote marks",
                                  "archive quote marks", "said said said", "end marks with a letter after",
                                  "a number that never ends", "full stops", "a description that never ends"])
def test_each_pattern_grows_linearly_on_hostile_text(pattern, name):
    growth = _per_doubling(PATTERNS[pattern], HOSTILE[name])
    assert growth < MAX_PER_DOUBLING, f"{pattern} on {name}: time x{growth:.2f} per doubling of the input"
