"""Find the source noun phrase next to a cue, in a tokenised sentence.

`source_before` walks back from a verb ("Andrew Weiss of the Carnegie
Endowment said", "Wendy Sherman, deputy US secretary of state, said");
`source_after` reads forward after an inverted verb or "according to"
("…," said Sergei Ryabkov, Russia's deputy foreign minister).
"""
from __future__ import annotations

from search.speakers.lexicon import (
    DETERMINERS, MODALS, NP_STOP, NOT_NAME, PASSIVE, PREPOSITIONS, PRONOUNS, RECORD_NOUNS, ROLE_NOUNS,
    SKIP_BEFORE_VERB, SOURCE_NOUNS,
)
from search.speakers.names import SourceNP, Tok, appositive_role, is_possessive, parse_np, role_text

_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_SEPARATORS = {",", "-", "\u2013", "\u2014"}
_POSSESSIVE_PRONOUNS = {"his", "her", "their", "its", "our", "my"}
_AFTER_STOP = NP_STOP | {"on", "in", "after", "last", "yesterday", "today", "earlier", "later", "this", "told", "adding", "saying"}


class Blocked(Exception):
    """The verb is future, hypothetical, negated or passive: no source here."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _skip_back(toks: list[Tok], i: int) -> int:
    """Skip auxiliaries and adverbs between a source and its verb."""
    while i >= 0:
        t = toks[i]
        if t.low in MODALS:
            raise Blocked("modal")
        if t.low in PASSIVE:
            raise Blocked("passive")
        if t.low in SKIP_BEFORE_VERB or t.low in _DAYS or (t.low == "on" and i + 1 < len(toks) and toks[i + 1].low in _DAYS):
            i -= 1
            continue
        break
    return i


def _core_back(toks: list[Tok], j: int) -> list[Tok]:
    """The longest plausible noun phrase ending at token j."""
    k = j
    while k >= 0 and j - k < 14:
        t = toks[k]
        if not t.word:
            if t.text in ("'", "\u2019") and k > 0 and toks[k - 1].word:  # PBS' Jacoba Atlas
                k -= 1
                continue
            # "the US, Nato and European countries": a list joined by "and".
            if (t.text == "," and k > 0 and toks[k - 1].cap and toks[k - 1].low not in NOT_NAME
                    and any(x.low == "and" for x in toks[k + 1 : j + 1])):
                k -= 1
                continue
            break
        if t.low in DETERMINERS or t.low in _POSSESSIVE_PRONOUNS:
            # "Andrew Weiss of the Carnegie Endowment": keep walking past "of the".
            if t.low == "the" and k >= 2 and toks[k - 1].low in ("of", "from", "at", "with") and toks[k - 2].cap:
                k -= 2
                continue
            k -= 1
            break
        if t.cap:
            if t.low in NOT_NAME:
                break
            k -= 1
            continue
        if t.low == "and":
            if k > 0 and toks[k - 1].cap and toks[k + 1].cap:
                k -= 1
                continue
            break
        if t.low in PREPOSITIONS:
            if k == j or k == 0 or not toks[k - 1].word:
                break
            k -= 1
            continue
        if t.low in NP_STOP:
            break
        if t.low.endswith(("ed", "ing")) and t.low not in ROLE_NOUNS and t.low not in SOURCE_NOUNS:
            break
        k -= 1
    span = toks[k + 1 : j + 1]
    # "In a statement the company" -> "the company": drop a leading adverbial.
    while span and span[0].low in PREPOSITIONS:
        dets = [i for i, t in enumerate(span) if t.low in DETERMINERS and i and span[i - 1].low not in PREPOSITIONS]
        span = span[dets[-1]:] if dets else span[1:]
    return span


def _split_conjuncts(span: list[Tok]) -> list[list[Tok]]:
    """ "the US and Nato" -> two sources; "Group on Betting and Gaming" stays one."""
    parts, current = [], []
    for i, t in enumerate(span):
        if t.low in ("and", ",") and current and not any(c.low in PREPOSITIONS for c in current):
            parts.append(current)
            current = []
            continue
        current.append(t)
    if current:
        parts.append(current)
    return parts


def _joint_name(span: list[Tok]) -> SourceNP | None:
    """ "Ant and Dec": two lone first names joined by "and" are one act."""
    if len(span) >= 3 and span[-2].low == "and" and span[-1].cap and span[-3].cap:
        if span[-1].text[1:].islower() and span[-3].text[1:].islower() and (len(span) == 3 or not span[-4].cap):
            if len(span) == 3 or span[-4].low not in ("," ,):
                np = parse_np(span[:-2])
                if np is not None and np.kind == "person" and np.surname_only:
                    np.text = f"{span[-3].text} and {span[-1].text}"
                    np.surname_only = False
                    return np
    return None


def _parse_all(span: list[Tok]) -> list[SourceNP]:
    joint = _joint_name(span)
    if joint is not None:
        return [joint]
    out = []
    for part in _split_conjuncts(span):
        np = parse_np(part)
        if np is not None:
            out.append(np)
    return out


def _with_appositive(core: list[SourceNP], app: list[Tok], core_toks: list[Tok] | None = None) -> list[SourceNP]:
    """Attach an appositive: a role to a person, or a name to a description
    ("European Union ambassador to the WTO, Carlo Trojan, said")."""
    if len(core) != 1:
        return core
    np = core[0]
    if np.kind == "person" and np.role is None:
        np.role = appositive_role(app)
    elif np.kind in ("desc", "org"):
        named = parse_np(app)
        if named is not None and named.kind == "person" and not named.surname_only:
            named.role = named.role or (role_text(core_toks) if core_toks else None) or np.role or np.text
            named.start = np.start
            return [named]
    return core


def source_before(toks: list[Tok], verb_index: int, lower_bound: int = 0) -> list[SourceNP]:
    """Sources whose phrase ends just before toks[verb_index]. Raises Blocked."""
    i = _skip_back(toks, verb_index - 1)
    if i < lower_bound:
        return []
    if toks[i].text in _SEPARATORS:
        sep = toks[i].text
        k = i - 1
        while k >= lower_bound and toks[k].text != sep and toks[k].text not in ('"', "\u201c", "\u201d", ":", ";"):
            k -= 1
        if k < lower_bound or toks[k].text != sep:
            return []
        core = _core_back(toks, k - 1)
        if not core or core[0].start < toks[lower_bound].start:
            return []
        return _with_appositive(_parse_all(core), toks[k + 1 : i], core)
    if toks[i].low == "who" and i > lower_bound:  # "Home Secretary Charles Clarke who said"
        i -= 1
        if toks[i].text == ",":
            i -= 1
        if i < lower_bound:
            return []
    if toks[i].low in PRONOUNS:
        return _parse_all(toks[i : i + 1])
    core = _core_back(toks, i)
    if not core or core[0].start < toks[lower_bound].start:
        return []
    return _parse_all(core)


def _core_forward(toks: list[Tok], i: int) -> int:
    """Index just past the noun phrase starting at token i."""
    j = i
    while j < len(toks) and j - i < 14:
        t = toks[j]
        if not t.word:
            if t.text in ("'", "\u2019") and j > i and toks[j - 1].word and j + 1 < len(toks) and toks[j + 1].cap:
                j += 1
                continue
            break
        if j > i and t.low in _AFTER_STOP and not (t.low == "in" and j > i and not toks[j - 1].cap):
            if t.low != "and" or not (toks[j - 1].cap and j + 1 < len(toks) and toks[j + 1].cap):
                break
        if j > i and t.low.endswith(("ed", "ing")) and t.low not in ROLE_NOUNS and not t.cap:
            break
        j += 1
    return j


def source_after(toks: list[Tok], i: int) -> list[SourceNP]:
    """Sources whose phrase starts at toks[i] ("said X, ROLE" / "according to X")."""
    while i < len(toks) and toks[i].low in ("also", "today", "yesterday"):
        i += 1
    if i >= len(toks) or not toks[i].word:
        return []
    j = _core_forward(toks, i)
    span = toks[i:j]
    if span and span[0].low in RECORD_NOUNS | {"research", "a", "the", "recent", "new"}:
        by = [n for n, t in enumerate(toks[i : min(len(toks), i + 8)]) if t.low == "by"]
        if by:
            k = i + by[0] + 1
            return source_after(toks, k)
    nps = _parse_all(span)
    if j < len(toks) and toks[j].text == "," and nps:
        k = j + 1
        while k < len(toks) and toks[k].text not in (",", ".", ";", ":", '"', "\u201c", "\u201d", "?", "!"):
            k += 1
        nps = _with_appositive(nps, toks[j + 1 : k])
    return nps


def main_clause_subject(toks: list[Tok], end: int) -> list[SourceNP]:
    """The subject at the start of a clause, for "…, saying …" cues."""
    i = 0
    while i < end and (toks[i].low in ("but", "and", "yet", "so", "however", "meanwhile", "also", "now") or not toks[i].word):
        i += 1
    if i >= end:
        return []
    if toks[i].low in ("he", "she", "they", "it", "we"):
        return _parse_all(toks[i : i + 1])
    j = i
    while True:
        first = j
        if j < end and toks[j].low in DETERMINERS:
            j += 1
        while j < end and (toks[j].cap or is_possessive(toks[j])) and toks[j].low not in NOT_NAME:
            j += 1
        if j == first or (toks[first].low in DETERMINERS and j == first + 1):
            if first == i:
                return []
            j = first - 1  # drop the dangling "and"
            break
        if j + 1 < end and toks[j].low == "and" and (toks[j + 1].cap or toks[j + 1].low in DETERMINERS):
            j += 1
            continue
        break
    if j < end and toks[j].text == ",":
        k = j + 1
        while k < end and toks[k].text != ",":
            k += 1
        return _with_appositive(_parse_all(toks[i:j]), toks[j + 1 : k])
    return _parse_all(toks[i:j])
