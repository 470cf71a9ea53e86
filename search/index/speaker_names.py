"""The library's speakers under one name each: the names as indexed -> the name shown and searched.

Attribution names speakers article by article, so the index holds several
spellings of one person ("Tony Blair", "Blair", "Mr Blair"). search/speakers/
identity.py decides, from every (name, role, article) of the library, the name
each spelling stands for; this module holds that answer for one index state
(the facet table builds it once, see Table.speaker_names) and answers the
questions the query layer and the web ask of it: which name a spelling is
shown under, which indexed spellings a shown name covers, and which name a
typed or linked spelling means, case-blind.

The user's decisions win: a merge is already applied to the names indexed, and
a pair the user split apart (NameDecisions.apart) is never joined again here.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from search.speakers.identity import Mention, NameCounts, canonical_names, fold


class SpeakerNames:
    """Indexed spellings <-> shown names, for one state of the library."""

    def __init__(self, shown_by_indexed: dict[str, str]) -> None:
        self.shown_by_indexed = shown_by_indexed
        indexed: dict[str, list[str]] = defaultdict(list)
        for name, shown in sorted(shown_by_indexed.items()):
            indexed[shown].append(name)
        self._indexed = {shown: tuple(names) for shown, names in indexed.items()}
        # Case-blind keys: the shown name's own spelling first, then every folded spelling
        # ("mr blair", "blair's"), so a link in any of them finds the one speaker.
        by_key: dict[str, str] = {}
        for name, shown in sorted(shown_by_indexed.items()):
            by_key.setdefault(fold(name), shown)
        for shown in self._indexed:
            by_key[shown.casefold()] = shown
        self._by_key = by_key

    def shown(self, name: str) -> str:
        """The name an indexed spelling is shown and searched under."""
        return self.shown_by_indexed.get(name, name)

    def indexed(self, shown: str) -> tuple[str, ...]:
        """Every indexed spelling a shown name covers (itself if the library has no such name)."""
        return self._indexed.get(shown) or self._indexed.get(self.resolve(shown) or "", (shown,))

    def variants(self, shown: str) -> list[str]:
        """The other spellings merged into a shown name, for its page."""
        return [name for name in self._indexed.get(shown, ()) if name != shown]

    def resolve(self, typed: str) -> str | None:
        """The shown name a typed, linked or differently cased spelling means; None if no speaker."""
        typed = " ".join(typed.split())
        if typed in self._indexed:
            return typed
        return self._by_key.get(typed.casefold()) or self._by_key.get(fold(typed))

    def names(self) -> list[str]:
        return list(self._indexed)


def speaker_names(mentions: Iterable[Mention] | NameCounts, apart: Iterable[frozenset[str]] = ()) -> SpeakerNames:
    """The names of a library from its (name, role, article) mentions, or their counts; `apart`:
    pairs the user split, which stay two speakers even when the automatic rules would join them."""
    shown = canonical_names(mentions)
    apart = [tuple(pair) for pair in apart if len(pair) == 2]
    if apart:
        for name, into in list(shown.items()):
            if into != name and _kept_apart(name, into, apart, shown):
                shown[name] = name
    return SpeakerNames(shown)


def _kept_apart(name: str, into: str, apart: list[tuple[str, ...]], shown: dict[str, str]) -> bool:
    """Did the user split `name` from `into`, or from any spelling shown as `into`?"""
    for a, b in apart:
        other = b if a == name else a if b == name else None
        if other is not None and (other == into or shown.get(other) == into):
            return True
    return False
