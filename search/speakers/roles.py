"""Roles: the words that say what a named person is.

A role comes from a title before the name ("Fiat chief executive Ana
Costa"), an appositive after it ("Wendy Sherman, deputy US secretary of
state,") or an affiliation ("Andrew Weiss of the Carnegie Endowment"), and
is written as a style guide would: no leading article, common nouns in lower
case, proper nouns kept.
"""
from __future__ import annotations

from search.speakers.lexicon import DETERMINERS, LOWER_TITLE_WORDS, NAME_PARTICLES, ROLE_NOUNS
from search.speakers.tokens import Tok, is_possessive, strip_possessive

PROPER_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "i", "ch")
POSSESSIVE_DETERMINERS = {"his", "her", "their", "its", "our", "my", "your"}
APPOSITIVE_END = {",", ".", ";", ":", '"', "\u201c", "\u201d", "-", "\u2013", "\u2014", "?", "!"}
# Words that never open a role: a relative clause, a conjunction, a clause.
_BAD_APPOSITIVE_START = {"despite", "amid", "although", "because", "since", "unless", "until", "whether",
    "who", "which", "whose", "where", "when", "while", "and", "but", "or", "as", "in", "on", "after",
    "before", "however", "though", "too", "also", "meanwhile", "who's", "then", "now", "not", "if",
    "speaking", "adding", "saying", "for", "with", "by", "he", "she", "they", "it", "this", "that",
}
_VERBISH = {"is", "was", "has", "had", "were", "are", "will", "would", "said", "says", "told", "have", "can", "could",
            "should", "may", "might", "must", "shall", "added", "adds", "explained", "continued"}
_RELATIVE_WORDS = {"who", "whose", "which", "whom", "that"}
# Past-tense verbs that do not end in -ed; an appositive never starts with one.
IRREGULAR_PAST = set(
    """won lost beat took made came went became began left led set got gave held kept ran saw
    spent sold told thought found brought bought built broke chose drew drove fell felt fought flew
    grew hit hung knew laid met paid put quit rode rose sang sat shot shut slid spoke stood stole
    struck swam swore threw tore understood wore wrote""".split())
PERSON_SUFFIXES = ("ist", "ists", "ian", "ians", "man", "men", "woman", "women", "person", "people", "ers", "or", "ors")


def title_case(tok: Tok) -> bool:
    return tok.text[:1].isupper() and tok.text[1:].islower()


def join_punctuation(text: str) -> str:
    """Drop the space that joining tokens puts before , . and an apostrophe."""
    return (text.replace(" ,", ",").replace(" .", ".").replace(" '", "'").replace(" \u2019", "\u2019")
            .replace(" %", "%"))


def role_text(tokens: list[Tok]) -> str | None:
    """A role without a leading article, common nouns in lower case. A title written in Title Case
    ("Agriculture Minister") is lowered except proper adjectives ("Venezuelan")."""
    while tokens and (tokens[0].low in DETERMINERS or tokens[0].low in POSSESSIVE_DETERMINERS):
        tokens = tokens[1:]  # "Her coach" -> "coach"; "Russia's deputy foreign minister" stays
    if not tokens:
        return None
    head = tokens[-1]
    title_cased = title_case(head) and head.low in LOWER_TITLE_WORDS
    words = []
    for idx, t in enumerate(tokens):
        lower = False
        if title_case(t) and not is_possessive(t):
            if title_cased:
                lower = (t.low in LOWER_TITLE_WORDS or t.low in ("of", "and")
                         or not t.low.endswith(PROPER_ADJECTIVE_ENDINGS))
            elif idx == 0 and t.low in LOWER_TITLE_WORDS:
                lower = True  # sentence-initial "Chief executive Peter McGuigan", "Former Labour MP"
        words.append(t.low if lower else t.text)
    return join_punctuation(" ".join(words)).replace(" - ", "-") or None


def has_role_noun(tokens: list[Tok]) -> bool:
    return any(t.low in ROLE_NOUNS or t.low.rstrip("s") in ROLE_NOUNS for t in tokens)


def title_role(prefix: list[Tok]) -> str | None:
    """Role from the words before a name: "Fiat chief executive", "Arsenal's"."""
    while prefix and prefix[0].low in DETERMINERS:
        prefix = prefix[1:]
    if not prefix:
        return None
    if has_role_noun(prefix):
        return role_text(prefix)
    if len(prefix) == 1 and is_possessive(prefix[0]):
        return strip_possessive(prefix[0].text)
    if prefix[-1].text == "'" and len(prefix) >= 2:  # PBS' Jacoba Atlas
        return prefix[-2].text
    return None


def appositive_after(toks: list[Tok], comma: int, skip_age: bool = True) -> list[Tok]:
    """The appositive after toks[comma], skipping an age: "John Smith, 52, a teacher"."""
    n = min(len(toks), comma + 30)  # an appositive is short
    start = comma + 1
    e = start
    while e < n and toks[e].text not in APPOSITIVE_END:
        e += 1
    if skip_age and e - start == 1 and toks[start].text.isdigit() and e < n and toks[e].text == ",":
        return appositive_after(toks, e, skip_age=False)  # one age, not "1, 2, 3, …"
    return toks[start:e]


def _starts_with_verb(tokens: list[Tok]) -> bool:
    first = tokens[0].low
    if first in IRREGULAR_PAST:
        return True
    # "retired teacher" is a role; "scored twice on Sunday" is not.
    return (first.endswith("ed") and first not in LOWER_TITLE_WORDS and len(tokens) > 1
            and not any(t.low in ROLE_NOUNS or t.low.endswith(PERSON_SUFFIXES) for t in tokens[1:3]))


def _all_name_words(tokens: list[Tok]) -> bool:
    return all(t.cap or t.low in NAME_PARTICLES or t.low in ("of", "and") for t in tokens if t.word)


def appositive_role(tokens: list[Tok]) -> str | None:
    """A role from an appositive, or None for a relative clause, an age, a clause, a place."""
    # "a ferry operator whose boats have …": the noun phrase before the clause
    for cut in range(1, len(tokens)):
        if tokens[cut].low in _RELATIVE_WORDS:
            tokens = tokens[:cut]
            break
    if not tokens or len(tokens) > 18:
        return None
    first = tokens[0]
    if first.low in _BAD_APPOSITIVE_START or not first.word or first.low[0].isdigit():
        return None
    if first.low.endswith("ing") and first.low not in ROLE_NOUNS:
        return None
    if any(t.text in _VERBISH or t.low.endswith("-year-old") for t in tokens):
        return None
    if _starts_with_verb(tokens):  # "Ana Costa, 16, won gold": a clause, not a role
        return None
    affiliation = first.low in ("of", "from", "at")  # "Dr Helen Ward, of Imperial College London,"
    if not affiliation and _all_name_words(tokens) and not any(t.low in ROLE_NOUNS for t in tokens):
        return None  # "Newark, New Jersey" or another name, not a role
    if not affiliation and not any(t.cap or t.low in ROLE_NOUNS or t.low.rstrip("s") in ROLE_NOUNS
                                   or (len(t.low) > 5 and t.low.endswith(PERSON_SUFFIXES + ("er",)))
                                   for t in tokens):
        return None  # "tieless and supremely at ease": no noun that says what someone is
    for a, b in zip(tokens, tokens[1:]):
        if a.low == "to" and b.word and not b.cap and b.low not in DETERMINERS and b.low not in ROLE_NOUNS:
            return None  # "… to decide whether to take part": a clause
        if a.low == "and" and a is not tokens[0] and b.cap and tokens[0].cap:
            return None  # "Michael Howard and Charles Kennedy": a list of names
    body = tokens[1:] if first.low in DETERMINERS else tokens
    if body and body[0].low in ("from", "of", "at"):  # "Andy Quested, from the BBC's group"
        body = body[1:]
        while body and body[0].low in DETERMINERS:
            body = body[1:]
    return role_text(body)
