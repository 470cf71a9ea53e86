"""Navigation menus: runs of short lines ("Home", "News", "Sport", ...) folded into one placeholder line.

    collapse_menu_runs(lines) -> list[str]

A printed news page can carry thousands of menu lines. Folding each run into one MENU line before the
slower per-line rules keeps parsing linear and fast; the placeholder keeps the run's weight (its length),
so the body selector still sees how much furniture stood between two stretches of text.
"""
from __future__ import annotations

import re
from collections.abc import Callable

MENU = "\ue000"  # a placeholder line of this private-use character (not whitespace), as long as the run it replaces
_SHORT = 32  # menu entries are a word or three
_MIN_RUN = 4  # fewer short lines in a row may be a section label, a dateline or a short list
_TERMINAL = tuple('.!?"”:')
_BULLETS = tuple("•·▪●◦‣∙*-–")
_DIGIT = re.compile(r"\d")


def _is_entry(text: str) -> bool:
    """A menu entry (stripped): short, no sentence end, no bullet; not a byline ("By Ed Hornick, CNN") and no
    digits (dates, times, counters), which the header reader still needs."""
    return (
        0 < len(text) < _SHORT
        and not text.endswith(_TERMINAL)
        and not text.startswith(_BULLETS)
        and not text[:3].lower() == "by "
        and (text.replace(" ", "").isalpha() or not _DIGIT.search(text))  # letters only: no digit, no regex needed
    )


def is_menu_placeholder(text: str) -> bool:
    return text.startswith(MENU)


def _never(line: str) -> bool:
    return False


def collapse_menu_runs(
    lines: list[str], keep: frozenset[str] = frozenset(), is_headline: Callable[[str], bool] = _never
) -> list[str]:
    """Fold runs of at least four short entry lines (blank lines may sit between them) into one MENU line.

    Lines in `keep` (e.g. PAGE_BREAK markers) always stay and end the run. When the line after a run is
    the headline, the run's last entry is its section label ("Africa") and stays.
    """
    out: list[str] = []
    run: list[str] = []  # the entries and blanks of the current run

    def flush(label_follows: bool = False) -> None:
        if not run:
            return
        entries = [k for k, line in enumerate(run) if line.strip()]
        if len(entries) >= _MIN_RUN:  # blank lines around it: the placeholder is a block of its own
            tail = run[entries[-1]:] if label_follows else []
            folded = run[: entries[-1]] if label_follows else run
            out.extend(("", MENU * max(1, sum(map(len, map(str.strip, folded)))), ""))
            out.extend(tail)
        else:
            out.extend(run)
        run.clear()

    longest_kept = max(map(len, keep), default=-1)  # a longer line cannot be in `keep`: no need to hash it
    for line in lines:
        if len(line) <= longest_kept and line in keep:
            flush()
            out.append(line)
            continue
        text = line.strip()
        if (0 < len(text) < _SHORT and _is_entry(text)) or (run and not text):  # length first: most lines are long
            run.append(line)
        else:
            if run:
                flush(label_follows=is_headline(text))
            out.append(line)
    flush()
    return out
