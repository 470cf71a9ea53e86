"""Find the source noun phrase next to a cue, in a tokenised sentence.

`source_before` walks back from a verb ("Andrew Weiss of the Carnegie
Endowment said", "Wendy Sherman, deputy US secretary of state, said");
`source_after` reads forward after an inverted verb or "according to"
("…," said Sergei Ryabkov, Russia's deputy foreign minister).
"""
from __future__ import annotations

from search.speakers.cues import CUE_WORDS
from search.speakers.lexicon import (
    DAYS,
    DETERMINERS,
    GROUP_NOUNS,
    HONORIFICS,
    MODALS,
    NOT_NAME,
    NP_STOP,
    NUMBER_WORDS,
    ORG_WORDS,
    PASSIVE,
    PREPOSITIONS,
    PRONOUNS,
    RECORD_NOUNS,
    ROLE_NOUNS,
    SKIP_BEFORE_VERB,
    SOURCE_NOUNS,
    TITLE_WORDS,
    is_adverb,
)
from search.speakers.noun_phrases import SourceNP, is_source_head, parse_np
from search.speakers.roles import IRREGULAR_PAST, appositive_after, appositive_role, role_text
from search.speakers.tokens import Tok, is_possessive

_SPEAKING = {"speaking", "talking", "writing"}
_SEPARATORS = {",", "-", "\u2013", "\u2014"}
_APPOSITIVE_STOPS = {'"', "\u201c", "\u201d", ":", ";"}  # an appositive between separators never crosses these
_POSSESSIVE_PRONOUNS = {"his", "her", "their", "its", "our", "my"}
_AFTER_STOP = NP_STOP | {"on", "in", "after", "last", "yesterday", "today", "earlier", "later", "this", "told",
                         "adding", "saying"}
# First words of "the report by …", "research from …": the source comes after "by"/"from".
# (Built once: a union written in the test would be built again on every call.)
_RECORD_LEADS = RECORD_NOUNS | {"research", "a", "the", "recent", "new"}


_CATENATIVES = {"continue", "continues", "continued", "continuing", "began", "begins", "started", "starts", "on",
                "proceeded", "went", "repeatedly"}
_FUTURE_MODALS = {"will", "would", "could", "might", "may", "should", "must", "shall", "can"}
# Words that may follow a bare one-word subject: verbs, adverbs, auxiliaries.
_VERB_AFTER_SUBJECT = {"has", "have", "had", "is", "was", "are", "were", "will", "would", "also", "said", "says",
                       "told", "did", "does", "can", "could", "may", "might", "should", "must", "and", "then", "who",
                       "only", "just", "even", "still", "never", "again", "first", "himself", "herself", "itself"}
# Verbs that make the words before them a clause's subject, not a source after an inverted cue.
_FINITE_VERBS = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "should", "may",
                 "might", "must", "did", "does", "do", "failed", "wants", "want", "needs"}


class Blocked(Exception):
    """The verb is future, hypothetical, negated or passive: no source here."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_ASIDE_SPAN = 10  # tokens a bracketed aside after a name may hold: "(R-Iowa)", "(D-Md.)", "(Vt.)"
_ASIDE_STOPS = {"(", ")", '"', "\u201c", "\u201d", ";", ":"}


def aside_opening(toks: list[Tok], close: int) -> int:
    """Index of the "(" whose short aside the ")" at toks[close] ends, when the
    aside follows a capitalised word ("Sen. Chuck Grassley (R-Iowa) said"); else -1."""
    for k in range(close - 1, max(0, close - _ASIDE_SPAN) - 1, -1):
        if toks[k].text in _ASIDE_STOPS:
            return k if toks[k].text == "(" and k > 0 and toks[k - 1].cap else -1
    return -1


def _aside_closing(toks: list[Tok], opening: int, end: int) -> int:
    """Index of the ")" that ends a short aside opened at toks[opening] after a capitalised word; else -1."""
    if opening == 0 or not toks[opening - 1].cap:
        return -1
    for k in range(opening + 1, min(end, opening + _ASIDE_SPAN)):
        if toks[k].text in _ASIDE_STOPS:
            return k if toks[k].text == ")" and k > opening + 1 else -1
    return -1


def without_asides(span: list[Tok]) -> list[Tok]:
    """The span less its bracketed asides: "Sen. Bernie Sanders (Vt.)" names Bernie Sanders."""
    if not any(t.text == "(" for t in span):
        return span
    out: list[Tok] = []
    depth = 0
    for t in span:
        if t.text == "(" and out and out[-1].cap:
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(t)
    return out


def _skip_back(toks: list[Tok], i: int) -> int:
    """Skip auxiliaries and adverbs between a source and its verb (toks[i + 1]).
    "is calling for" is progressive; "was told" is passive."""
    progressive = i + 1 < len(toks) and toks[i + 1].low.endswith("ing")
    while i >= 0:
        t = toks[i]
        if t.low == "to" and i > 0 and toks[i - 1].low in _CATENATIVES:
            i -= 2  # "is continuing to insist", "went on to say": said all the same
            continue
        if t.low in MODALS:
            raise Blocked("modal")
        if t.low in PASSIVE and not progressive:
            raise Blocked("passive")
        if (t.low in SKIP_BEFORE_VERB or t.low in PASSIVE or t.low in DAYS or (is_adverb(t.low) and not t.cap)
                or (t.low == "on" and i + 1 < len(toks) and toks[i + 1].low in DAYS)):
            i -= 1
            continue
        break
    return i


def _core_back(toks: list[Tok], j: int, past_brackets: bool = False) -> list[Tok]:
    """The longest plausible noun phrase ending at token j (past one bracketed aside)."""
    k = j
    while k >= 0 and j - k < 14:
        t = toks[k]
        if not t.word:
            if t.text in ("'", "\u2019") and k > 0 and toks[k - 1].word:  # PBS' Jacoba Atlas
                k -= 1
                continue
            if t.text == "%" and k > 0 and toks[k - 1].low[:1].isdigit():  # "47% say"
                k -= 1
                continue
            if t.text == ")" and k < j:  # "Sen. Bernie Sanders (Vt.) and former governor Martin O'Malley"
                opening = aside_opening(toks, k)
                if opening > 0:
                    k = opening - 1
                    continue
            if t.text == ")" and k == j and not past_brackets:  # "the Chilean Copper Commission (Cochilco) has"
                opening = k - 1
                while opening > max(0, k - 30) and toks[opening].text != "(":
                    opening -= 1
                if toks[opening].text == "(" and opening < k - 1:
                    return _core_back(toks, opening - 1, past_brackets=True)
            # "the US, Nato and European countries": a list joined by "and".
            if (t.text == "," and k > 0 and toks[k - 1].cap and toks[k - 1].low not in NOT_NAME
                    and any(x.low == "and" for x in toks[k + 1 : j + 1])):
                k -= 1
                continue
            break
        if t.low in DETERMINERS or t.low in _POSSESSIVE_PRONOUNS:
            # "Andrew Weiss of the Carnegie Endowment": keep walking past "of the".
            # "A source close to the prime minister": keep walking past "to the".
            # "sources close to her campaign", "a majority of her backers": past "to her", "of her" too.
            if (t.low != "a" and t.low != "an" and k >= 2
                    and toks[k - 1].low in ("of", "from", "at", "with", "for", "to", "in")
                    and toks[k - 2].word and toks[k - 2].low not in NP_STOP and toks[k - 2].low not in PREPOSITIONS):
                k -= 2
                continue
            # "Austria and the Baltic states"
            if t.low == "the" and k >= 2 and toks[k - 1].low == "and" and toks[k - 2].cap:
                k -= 2
                continue
            k -= 1
            break
        if t.cap:
            if t.low in NUMBER_WORDS and k < j and toks[k + 1].low in ("in", "out"):  # "Nine in 10 say"
                k -= 1
                break
            if t.low in NOT_NAME and t.low not in HONORIFICS:  # "Mr. Singer": the honorific is part of it
                break
            k -= 1
            continue
        if t.low == "and":  # "Sony and IBM", "Democrats and civil rights groups", "Mrs. Rao and other bundlers"
            opening = aside_opening(toks, k - 1) if k > 1 and toks[k - 1].text == ")" else -1
            before = toks[opening - 1] if opening > 0 else toks[k - 1]
            if k > 0 and (before.cap or (before.low.endswith("s") and before.word)) and (
                    toks[k + 1].cap or k + 1 < j or toks[k + 1].low == "others"):  # "Hawkins and others"
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
        if (t.low.endswith(("ed", "ing")) and t.low not in ROLE_NOUNS and t.low not in SOURCE_NOUNS
                and not (k > 0 and toks[k - 1].low in DETERMINERS)):  # "familiar with the planning": a noun
            break
        k -= 1
    span = without_asides(toks[k + 1 : j + 1])
    # "In a statement the company" -> "the company": drop a leading adverbial.
    while span and span[0].low in PREPOSITIONS:
        dets = [i for i, t in enumerate(span) if t.low in DETERMINERS and i and span[i - 1].low not in PREPOSITIONS]
        span = span[dets[-1]:] if dets else span[1:]
    return span


def _split_conjuncts(span: list[Tok]) -> list[list[Tok]]:
    """ "the US and Nato" -> two sources; "Group on Betting and Gaming" and
    "Pew Internet and American Life Project" stay one."""
    # Most spans hold no "and" and no comma: then the loop below gives the
    # whole span as one part (or no part when empty), here without copying it
    # token by token (callers only read the parts).
    for t in span:
        if t.low == "and" or t.low == ",":
            break
    else:
        return [span] if span else []
    parts: list[list[Tok]] = []
    current: list[Tok] = []
    for i, t in enumerate(span):
        if t.low in ("and", ",") and current and not any(c.low in PREPOSITIONS for c in current):
            parts.append(current)
            current = []
            continue
        current.append(t)
    if current:
        parts.append(current)
    first_words = [t for t in parts[0] if t.low not in DETERMINERS]
    if (len(parts) == 2 and first_words and all(t.cap for t in first_words) and parts[1][-1].low in ORG_WORDS
            and not any(t.low in ORG_WORDS for t in first_words)):  # "the Finance and Economy Ministry"
        return [span]
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
    parts = _split_conjuncts(span)
    nps = [parse_np(part) for part in parts]
    if len(parts) > 1 and nps[-1] is not None and nps[-1].kind == "person" and not nps[-1].surname_only and all(
            part[-1].low in TITLE_WORDS for part in parts[:-1]):
        return [nps[-1]]  # "former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell"
    return [np for np in nps if np is not None]


def _with_appositive(core: list[SourceNP], app: list[Tok], core_toks: list[Tok] | None = None) -> list[SourceNP]:
    """Attach an appositive: a role to a person, or a name to a description
    ("European Union ambassador to the WTO, Carlo Trojan, said"; "One Republican
    hopeful, Carly Fiorina, says", where the description alone names no source)."""
    if not core and core_toks and app:
        named = parse_np(app)
        if named is not None and named.kind == "person" and not named.surname_only:
            k = 0
            while k < len(core_toks) and core_toks[k].low in NOT_NAME:  # "One Republican hopeful" -> the role
                k += 1
            named.role = named.role or role_text(core_toks[k:])
            return [named]
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
    if toks[i].low in DETERMINERS or toks[i].low in _POSSESSIVE_PRONOUNS or toks[i].low == "your":
        return []  # "Their answers may", "a demand": the cue word is a noun here
    if toks[i].low in ("and", "but") and lower_bound == 0:  # "X expressed concerns but has said": X
        return main_clause_subject(toks, i)
    if toks[i].text in _SEPARATORS:
        chained = subject_before_appositives(toks, i) if lower_bound == 0 else []
        if chained:
            return chained
        sep = toks[i].text
        k = i - 1
        floor = max(lower_bound, i - 40)  # an appositive is short; keeps long sentences linear
        while k >= floor and toks[k].text != sep and toks[k].text not in _APPOSITIVE_STOPS:
            k -= 1
        if k < floor or toks[k].text != sep:
            return []
        k = _list_start(toks, k, floor, sep)
        if k >= 2 and toks[k - 1].text.isdigit() and toks[k - 2].text == ",":  # "John Smith, 52, a teacher, said"
            k -= 2
        if k + 1 < i and toks[k + 1].low in ("who", "which", "whose"):
            # "Lord Condon, head of the unit, who made the call, said": skip the relative clause
            k2 = k - 1
            while k2 >= max(lower_bound, k - 40) and toks[k2].text != sep and toks[k2].text not in _APPOSITIVE_STOPS:
                k2 -= 1
            if k2 >= lower_bound and toks[k2].text == sep:
                core = _core_back(toks, k2 - 1)
                if core and core[0].start >= toks[lower_bound].start:
                    return _with_appositive(_parse_all(core), toks[k2 + 1 : k], core)
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
    if core and core[0].i >= 2 and toks[core[0].i - 1].low in ("to", "with") and toks[core[0].i - 2].low in _SPEAKING:
        return source_before(toks, core[0].i - 2, lower_bound)  # "A source speaking to Fox News said": the source
    if not core and toks[i].word:  # "those surveyed said": a participle ends the phrase
        return _subject_of_relative_clause(toks, i, lower_bound)
    if not core or core[0].start < toks[lower_bound].start:
        return []
    if _inside_relative_clause(toks, core[0].i, lower_bound):
        # "Democrats in Iowa who watched the debate said": "the debate" is the clause's object
        return _subject_of_relative_clause(toks, core[0].i - 1, lower_bound)
    nps = _parse_all(core)
    if nps and all(np.kind == "desc" for np in nps) and _after_preposition(toks, core[0]):
        return []  # "by conservative estimates", "with clear demands": a preposition's object, no subject
    if not nps:
        nps = _subject_of_relative_clause(toks, i, lower_bound)
    if len(nps) == 1 and nps[0].kind == "desc" and not nps[0].definite:  # "X, the prime minister said" is two people
        named = _named_before_description(toks, core, lower_bound)
        if named is not None:
            return [named]
    return nps


def _list_start(toks: list[Tok], k: int, floor: int, sep: str) -> int:
    """ "X, assistant secretary for population, refugees, and migration, said": when the words between
    the separator toks[k] and the cue end a list ("and migration"), the appositive opens before the list."""
    if toks[k + 1].low not in ("and", "or"):
        return k
    while True:
        k2 = k - 1
        while k2 >= floor and toks[k2].text != sep and toks[k2].text not in _APPOSITIVE_STOPS:
            k2 -= 1
        if k2 < floor or toks[k2].text != sep:
            return k
        item = toks[k2 + 1 : k]
        k = k2
        if len(item) > 3 or not all(t.word for t in item):  # the list's first item ends the appositive's head
            return k


def _after_preposition(toks: list[Tok], first: Tok) -> bool:
    """Is the phrase starting at `first` a preposition's object? ("About 1,500 fans" opens on an adverb.)"""
    k = first.i
    return k > 0 and toks[k - 1].low in _OBJECT_PREPOSITIONS and not toks[k - 1].cap and not first.low[:1].isdigit()


def _inside_relative_clause(toks: list[Tok], first: int, lower_bound: int) -> bool:
    """Does the phrase starting at toks[first] close a relative clause with no commas ("who watched the debate")?"""
    for k in range(first - 1, max(lower_bound, first - 8) - 1, -1):
        if not toks[k].word:
            return False
        if toks[k].low == "who":
            return k < first - 1  # a verb between "who" and the phrase
    return False


def _people_plural(word: str) -> bool:
    """A capitalised plural that names people, not one person: "Democrats", "Americans", "Cuban-Americans"
    ("Sanders delivered" is a name and its verb)."""
    return word in GROUP_NOUNS or word.endswith(("ians", "icans")) or ("-" in word and word.endswith("s"))


def _subject_of_relative_clause(toks: list[Tok], i: int, lower_bound: int) -> list[SourceNP]:
    """ "people who have battled other online threats say": the subject
    before a relative clause with no commas round it."""
    for k in range(i, max(lower_bound, i - 40), -1):
        t = toks[k]
        if not t.word:
            return []
        before = toks[k - 1].low if k > lower_bound else ""
        participle = (t.low.endswith(("ing", "ed")) and k > lower_bound
                      and (not toks[k - 1].cap or before == "those" or _people_plural(before))
                      and (before == "those" or before in GROUP_NOUNS
                           or (before.endswith("s") and is_source_head(before))))
        if participle and toks[k - 1].low == "those":  # "those surveyed say"
            return [SourceNP("desc", f"those {t.low}", toks[k - 1].start, head="those")]
        if (t.low == "who" or participle) and k > lower_bound:  # "… who …", "Democrats trying to … say"
            core = _core_back(toks, k - 1)
            return _parse_all(core) if core and core[0].start >= toks[lower_bound].start else []
    return []


def _named_before_description(toks: list[Tok], core: list[Tok], lower_bound: int) -> SourceNP | None:
    """ "Christoph Caselitz, president of the division says" (no closing comma):
    the description is the appositive of the person named before it."""
    c = core[0].i - 1
    if c - 2 < lower_bound or toks[c].text != "," or not toks[c - 1].cap:
        return None
    described = parse_np(core)
    if described is None or described.head.endswith("s"):  # "..., officials said": not one person's title
        return None
    named = parse_np(_core_back(toks, c - 1))
    if named is None or named.kind != "person" or named.surname_only:
        return None
    named.role = named.role or appositive_role(core)
    return named


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
        if j > i and t.low in _AFTER_STOP and not t.text.isupper() and not (t.low == "in" and not toks[j - 1].cap):
            if t.low != "and" or not (toks[j - 1].cap and j + 1 < len(toks) and toks[j + 1].cap):
                break
        if j > i and t.low.endswith(("ed", "ing")) and t.low not in TITLE_WORDS and not t.cap:  # "ranking Democrat"
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
    if span and span[0].low in _RECORD_LEADS:
        by = [n for n, t in enumerate(toks[i : min(len(toks), i + 8)]) if t.low in ("by", "from")]
        if by:
            k = i + by[0] + 1
            return source_after(toks, k)
    if span and span[0].low in PREPOSITIONS:  # "said of Sanders:", "said in a statement"
        return []
    if j < len(toks) and toks[j].low in _FINITE_VERBS:  # "said Obama is overselling": a clause, Obama its subject
        return []
    nps = _parse_all(span)
    if j < len(toks) and toks[j].text == "," and nps:
        nps = _with_appositive(nps, appositive_after(toks, j))
    return nps


_AFTER_HEAD_WORDS = {"familiar", "close", "involved", "knowledgeable", "briefed", "speaking", "working", "based"}
_OBJECT_PREPOSITIONS = PREPOSITIONS | {"by", "among", "amid", "amongst", "about", "into", "over", "under", "despite"}
# Words that open an introductory phrase before a clause's subject: "In a
# statement, X said", "Asked about it, X said", "Last year, X said".
_INTRO_WORDS = PREPOSITIONS | {
    "after", "before", "when", "while", "as", "during", "since", "despite", "although", "though", "if", "because",
    "asked", "speaking", "last", "earlier", "later", "then", "still", "yet", "instead", "meanwhile", "however",
    "indeed", "separately", "moreover", "also", "today", "yesterday", "once", "unlike", "like", "amid", "among",
    "throughout", "under", "over", "until", "without", "with", "by", "through", "following", "upon", "and", "but",
}
_TIME_ADVERBS = {"then", "later", "earlier", "still", "instead", "meanwhile", "separately", "also", "once", "now",
                 "today", "yesterday"}
_CLAUSE_BREAKS = {";", ":", '"', "\u201c", "\u201d", "(", ")"}


def _clause_start(toks: list[Tok], end: int) -> int:
    """Where the clause holding toks[end] starts: after a ";", a colon, a
    quote mark or ", but/and/yet", then past an introductory phrase that ends
    on a comma ("In a brief interview, Ms. Conway rejected ...")."""
    i = 0
    k = end - 1
    while k > max(-1, end - 60):
        t = toks[k]
        if t.text == ")" and aside_opening(toks, k) > 0:  # "Sen. Chuck Grassley (R-Iowa) on Wednesday …"
            k = aside_opening(toks, k) - 1
            continue
        if t.text in _CLAUSE_BREAKS or t.text.startswith("~") or (
                t.low in ("but", "and", "yet") and ((k > 0 and toks[k - 1].text == ",")
                                                    or _subject_then_verb(toks, k + 1, end))):
            i = k + 1  # "…, but …", "… and Emanuel fired his police chief, …": a clause of its own
            break
        k -= 1
    while i < end and (toks[i].low in ("but", "and", "yet", "so", "however", "meanwhile", "also", "now")
                       or not toks[i].word):
        i += 1
    if i < end and toks[i].text.isupper() and len(toks[i].text) > 2:  # "WASHINGTON (Reuters) — Sen. X said"
        dash = next((k for k in range(i + 1, min(end, i + 8)) if toks[k].text in ("\u2014", "\u2013", "-")), None)
        if dash is not None:
            i = dash + 1
    if i < end and toks[i].low in _TIME_ADVERBS and _subject_then_verb(toks, i + 1, end):
        return i + 1  # "And then Trump went on the attack, saying …": an adverb needs no comma
    if i < end and (toks[i].low in _INTRO_WORDS or toks[i].low.endswith(("ing", "ed")) or is_adverb(toks[i].low)):
        commas = [k for k in range(i + 1, min(end, i + 30)) if toks[k].text == ","]
        # The phrase ends at the comma whose next words are a subject and its verb:
        # "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush".
        i = next((k + 1 for k in commas if _subject_then_verb(toks, k + 1, end)), commas[0] + 1 if commas else i)
    return i


def _subject_then_verb(toks: list[Tok], i: int, end: int) -> bool:
    j = i
    while j < end and j - i < 8 and (toks[j].cap or toks[j].low in DETERMINERS or toks[j].low in PRONOUNS
                                     or is_possessive(toks[j])):
        j += 1
    if j == i or j >= end:
        return False
    t = toks[j]
    return t.word and not t.cap and t.low not in PREPOSITIONS and t.low not in DETERMINERS and t.low != "and"


def _description_head(toks: list[Tok], i: int, end: int) -> int:
    """End of "the unions" / "senior officials" at toks[i], or 0."""
    if toks[i].low in NP_STOP or toks[i].low in PASSIVE:
        return 0  # '"…" is this year\'s official talking point': a verb, no subject here
    j = i + 1 if toks[i].low in DETERMINERS else i
    for k in range(j, min(end, j + 4)):
        if toks[k].cap or not toks[k].word:
            return 0
        if toks[k].low in SOURCE_NOUNS:
            return k + 1
    return 0


def _verb_like(tok: Tok) -> bool:
    """Could this word be the verb after a one-word subject ("O'Malley spoke", "Nato has")?"""
    low = tok.low
    return (low in _VERB_AFTER_SUBJECT or low.endswith(("ed", "s")) or is_adverb(low) or low in IRREGULAR_PAST
            or low in CUE_WORDS)


def _person_noun(tok: Tok) -> bool:
    return tok.word and not tok.cap and (tok.low in TITLE_WORDS or is_source_head(tok.low))


def _subject_at(toks: list[Tok], i: int, end: int) -> tuple[list[SourceNP], int]:
    """The subject noun phrase that starts at toks[i], and the index past it:
    a pronoun, a description ("the unions"), or names and the title words
    between them ("Former Blackburn boss Roy Hodgson", "Sony and IBM")."""
    if i >= end:
        return [], i
    if toks[i].low in ("he", "she", "they", "it", "we"):
        return _parse_all(toks[i : i + 1]), i + 1
    head = _description_head(toks, i, end)
    if head:
        return _parse_all(toks[i:head]), head
    j = i
    while True:
        first = j
        if j < end and toks[j].low in DETERMINERS:
            j += 1
        while j < end:
            t = toks[j]
            if (t.cap or is_possessive(t)) and (t.low not in NOT_NAME or t.low in HONORIFICS):  # "Mrs. Clinton"
                j += 1
            elif j > first and _person_noun(t):
                j += 1
            elif j > first and t.word and not t.cap and not _verb_like(t) and t.low not in NP_STOP and any(
                    _person_noun(x) for x in toks[j + 1 : min(end, j + 3)]):
                j += 1  # "Bennett's younger sister", "China's state-owned investment giant": adjectives
            else:
                break
        if j == first or (toks[first].low in DETERMINERS and j == first + 1):
            if first == i:
                return [], i
            j = first - 1  # drop the dangling "and"
            break
        if j + 1 < end and toks[j].low == "and" and (toks[j + 1].cap or toks[j + 1].low in DETERMINERS):
            j += 1
            continue
        break
    if j == i + 1 and j < end and toks[j].word and not toks[j].cap and not _verb_like(toks[j]):
        return [], i  # "Previous gloomy forecasts": a capitalised adjective, no name
    return _parse_all(toks[i:j]), j


def main_clause_subject(toks: list[Tok], end: int) -> list[SourceNP]:
    """The subject at the start of the clause, for "…, saying …" cues and
    coordinated verbs ("X blasted Congress and said …"); none when the
    clause is future or hypothetical ("The opposition will reject that by
    claiming …")."""
    i = _clause_start(toks, end)
    nps, j = _subject_at(toks, i, end)
    if not nps:  # "Hours later, Trump returned the compliment, telling …": past a phrase without a verb
        comma = next((k for k in range(i, min(end, i + 12)) if toks[k].text == ","), None)
        if comma is not None and _subject_then_verb(toks, comma + 1, end):
            nps, j = _subject_at(toks, comma + 1, end)
    verb = j
    while verb < end and (toks[verb].low in SKIP_BEFORE_VERB or is_adverb(toks[verb].low)):
        verb += 1
    if verb < end and toks[verb].low in _FUTURE_MODALS:
        return []
    if nps and j < end and toks[j].text == ",":
        k = j + 1
        while k < end and toks[k].text != ",":
            k += 1
        return _with_appositive(nps, toks[j + 1 : k])
    return nps


def subject_before_appositives(toks: list[Tok], comma: int) -> list[SourceNP]:
    """ "Sen. Lindsey Graham, R-S.C., a long-shot presidential candidate,
    said": the clause's subject, when nothing but comma-delimited
    appositives and relative clauses stands between it and the verb (whose
    comma is toks[comma]). The first appositive gives a role; a description
    whose appositive names someone is that person ("The head of the NHTCU,
    Acting Detective Chief Superintendent, Mick Deats, said")."""
    i = _clause_start(toks, comma)
    nps, j = _subject_at(toks, i, comma)
    if nps and j < comma and (toks[j].low in PREPOSITIONS or toks[j].low in _AFTER_HEAD_WORDS):
        while j < comma and toks[j].text != ",":  # "Federal officials familiar with the server …, said"
            j += 1
    if not nps or j >= comma or toks[j].text not in (",", "(", "-", "\u2013", "\u2014"):
        return []
    segments, k = [], j + 1
    while k < comma:
        e = k
        while e < comma and toks[e].text not in (",", ")", "-", "\u2013", "\u2014"):
            e += 1
        segments.append(toks[k:e])
        k = e + 1
    if len(nps) == 1 and nps[0].kind in ("desc", "org"):
        roles = [role_text(toks[i:j]) or nps[0].text]
        for segment in segments:
            named = parse_np(segment) if segment else None
            if named is not None and named.kind == "person" and not named.surname_only:
                named.role = named.role or ", ".join(roles)
                named.start = nps[0].start
                return [named]
            described = appositive_role(segment) if segment else None
            if described is None:
                break
            roles.append(described)
    return _with_appositive(nps, segments[0] if segments else [])
