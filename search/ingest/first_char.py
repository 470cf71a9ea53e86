"""Match a big anchored alternation faster: try only the alternatives that can start with the line's first character.

    dispatch_by_first_char(pattern, flags, suffix, markers) -> (by_key, other, marked)
    first_char_key(line[0]) -> the key into by_key

`re` tries every alternative of `^(?:A|B|...)` in turn, and most fail on their first character: on every line
of prose a hundred alternatives are tried for nothing. The alternatives and their possible first characters
are read from the pattern itself (re's own parser, re._parser in CPython 3.11), so the split patterns match
exactly what the whole one matches (tests/test_pasted_shortcuts.py puts them side by side).
"""
from __future__ import annotations

import re

try:  # private CPython modules: without them every alternative is simply tried on every line
    import re._constants as _sre
    import re._parser as _parser
except ImportError:  # pragma: no cover - other Pythons
    _sre = _parser = None


def _top_level_alternatives(body: str) -> list[str]:
    """Split a verbose pattern's body at the `|` that are not inside a group or a character class."""
    alts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if body[i + 1: i + 2] == "]":  # "[]...]": a leading "]" is a member
                i += 1
        elif ch == "#":  # a verbose-mode comment runs to the end of the line
            i = body.find("\n", i) % (len(body) + 1)
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alts.append(body[start:i])
            start = i + 1
        i += 1
    return alts + [body[start:]]


def first_char_key(first: str) -> str:
    """The dispatch key of a line's first character: every digit (\\d matches beyond ASCII) shares one."""
    return "0" if first.isdigit() else first


def _first_chars(items) -> tuple[frozenset[str] | None, bool]:
    """The characters a parsed pattern can start with (None: any character) and whether it can match ""."""
    first: set[str] = set()
    for op, av in items:
        if op is _sre.AT:
            continue  # zero-width: says nothing about the first character
        if op is _sre.LITERAL:
            return frozenset(first | {first_char_key(chr(av))}), False
        if op is _sre.IN and all(kind is _sre.LITERAL or (kind, v) == (_sre.CATEGORY, _sre.CATEGORY_DIGIT)
                                 for kind, v in av):
            keys = {"0" if kind is _sre.CATEGORY else first_char_key(chr(v)) for kind, v in av}
            return frozenset(first | keys), False
        if op is _sre.SUBPATTERN:
            if av[1] & _sre.SRE_FLAG_IGNORECASE:  # "(?i:...)": its letters stand for both cases
                return None, False
            sub, nullable = _first_chars(av[-1])
        elif op is _sre.BRANCH:
            found = [_first_chars(branch) for branch in av[1]]
            sub = None if any(f is None for f, _ in found) else frozenset().union(*(f for f, _ in found))
            nullable = any(n for _, n in found)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            sub, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:  # ANY, \w and the rest: could start with anything
            return None, False
        if sub is None:
            return None, False
        first |= sub
        if not nullable:
            return frozenset(first), False
    return frozenset(first), True


def _alternative_first_chars(alt: str, flags: int) -> tuple[frozenset[str] | None, bool]:
    """_first_chars of one alternative; (None, False), "could start with anything", when re's parser is
    not there or has changed shape: slower, never wrong."""
    if _parser is None:
        return None, False
    try:
        return _first_chars(_parser.parse(alt, flags))
    except (AttributeError, TypeError, ValueError):
        return None, False


def dispatch_by_first_char(
    pattern: str, flags: int, suffix: str, markers: tuple[str, ...]
) -> tuple[dict[str, re.Pattern], re.Pattern, re.Pattern]:
    """Split a case-sensitive `^(?:A|B|...)suffix` into one pattern per first character (see first_char_key) holding
    only the alternatives that can start with it: the same matches, without trying a hundred alternatives on every
    line of prose. Alternatives that can start with anything go in every pattern (and in the default one, for
    other first characters), except those that hold one of `markers` word for word: they get a pattern of their
    own, for the caller to try only on lines holding a marker."""
    assert pattern.startswith("^(?:") and pattern.endswith(")" + suffix) and not flags & re.I
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    marked: list[str] = []
    for alt in _top_level_alternatives(pattern[4: -len(suffix) - 1]):
        chars, nullable = _alternative_first_chars(alt, flags)
        if chars is not None and not nullable:
            for ch in chars:
                by_char.setdefault(ch, []).append(alt)
        else:
            (marked if any(mark in alt for mark in markers) else anywhere).append(alt)

    def build(alts: list[str]) -> re.Pattern:
        return re.compile("(?:" + "\n|".join(alts or ["(?!)"]) + "\n)" + suffix, flags)  # "\n" ends any comment

    return {ch: build(alts + anywhere) for ch, alts in by_char.items()}, build(anywhere), build(marked)
