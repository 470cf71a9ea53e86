"""How a source that is not a named person is written, whatever the sentence did to it.

A common noun is capitalised only where it opens a sentence ("Analysts
said", "the Commission said"), so the same source would otherwise be
spelt two ways across a library. Here a common word at the start of an
unnamed source, or an organisation known by one common noun, is written in
lower case; proper nouns and party names keep their capitals
("Tories", "senior European diplomat", "Labour party spokesman").
"""
from __future__ import annotations

from search.speakers.lexicon import GROUP_NOUNS, ORG_NOUNS, PARTY_WORDS, ROLE_MODIFIERS, ROLE_NOUNS, SOURCE_NOUNS
from search.speakers.noun_phrases import is_source_head

_QUANTIFIERS = {"some", "several", "many", "most", "other", "others", "all", "both", "few", "senior", "former",
                "top", "local", "leading", "unnamed", "anonymous"}
_COMMON = SOURCE_NOUNS | ROLE_NOUNS | GROUP_NOUNS | ORG_NOUNS | ROLE_MODIFIERS | _QUANTIFIERS | {"party", "commission",
                                                                                                  "ministry", "union"}


def _party_word(low: str) -> bool:
    return low in PARTY_WORDS or low.rstrip("s") in PARTY_WORDS or low == "tories"


def _common(word: str, by_ending: bool = True) -> bool:
    """A title-case word that is a common noun or modifier, not a name, an acronym or a party;
    by_ending: an agent noun known by its ending counts ("Administrators", but also "Reuters")."""
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    low = word.lower()
    if low.endswith(("'s", "\u2019s")) or _party_word(low):
        return False
    return low in _COMMON or low.rstrip("s") in _COMMON or (by_ending and is_source_head(low))


def source_spelling(name: str, kind: str) -> str:
    """The spelling of an organisation's or unnamed source's name ("Analysts" -> "analysts")."""
    words = name.split(" ")
    if kind == "org" and len(words) == 1:  # "the Commission said" -> commission; "Reuters" keeps its capital
        return name.lower() if _common(name, by_ending=False) else name
    if kind != "desc":
        return name
    office = len(words) > 2 and words[1] == "of" and words[2][:1].isupper()  # "Court of Appeal": a name
    if _common(words[0]) and not office:
        words[0] = words[0].lower()
    for i in range(1, len(words)):
        if words[i] == "Party" and _party_word(words[i - 1].lower()):  # "Labour Party spokesman"
            words[i] = "party"
    return " ".join(words)
