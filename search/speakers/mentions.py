"""People and organisations named in a sentence, registered at first naming.

Every sentence is scanned, cue or not, so that a person introduced in a
paragraph without speech ("Wendy Sherman, deputy US secretary of state, had
dined …") keeps that role and is a candidate for a later "she". Sentences
without a cue take a fast path: capitalised runs are found by a regex and only
a name not seen before is tokenised and parsed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from search.speakers.coref import ArticleContext, Entity, surname_of
from search.speakers.cues import trie_pattern
from search.speakers.lexicon import (
    DETERMINERS, HONORIFICS, NAME_PARTICLES, NOT_NAME, NP_STOP, ORG_WORDS, POST_NOMINALS, PREPOSITIONS, ROLE_NOUNS,
    SOURCE_NOUNS,
    TITLE_WORDS_FOR_PREFIX,
)
from search.speakers.names import (
    POSSESSIVE_ENDINGS, SourceNP, Tok, appositive_after, appositive_role, is_possessive, parse_np, role_text, tokenize,
)

_RUN_JOINERS = NAME_PARTICLES | {"of"}
# Capitalised function words ("The", "But", "He") never start a name; the
# regex skips them itself, which keeps the per-sentence scan cheap. It reads
# the capital first (so the engine jumps from capital to capital), then looks
# back: nothing word-like before it, and no function word starting at the
# capital just read. That last test is a lookahead from one character back
# (inside a one-character lookbehind), so the function words form one trie
# keyed on their capital rather than a lookbehind per first letter.
_FUNCTION_WORDS = trie_pattern([w.capitalize() for w in NOT_NAME if w not in HONORIFICS])
_CAPS_RUN_RE = re.compile(
    rf"[A-Z](?<![\w'\u2019][A-Z])(?<!(?=(?:{_FUNCTION_WORDS})\b(?!['\u2019]))[A-Z])[\w'\u2019.-]*"
    r"(?:\s+(?:(?:of|de|van|von|al|bin|da|di|le|la|du)\s+(?:(?:der|den|la|los|las)\s+)?)?[A-Z][\w'\u2019.-]*)*"
)
# A lone capitalised word followed by one of these is probably an organisation acting.
_ORG_FOLLOW_RE = re.compile(r"(?:\s+(?:has|have|is|was|will|said|says|announced|reported|added|also|plans)\b)")
# "Construction is due to start": a lone capitalised abstract noun opening a
# sentence is a common word, not an organisation acting.
_ABSTRACT_NOUN_ENDINGS = ("tion", "tions", "sion", "ment", "ments", "ness", "ity", "ance", "ence", "ship", "ism")
_WINDOW_BEFORE, _WINDOW_AFTER = 60, 120
_ORG_TAIL_RE = re.compile(r"(?:\s+(?:on|for|of|and|&)\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)+")
_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z]{1,12})\)")


# Words that carry an organisation's name on ("Parliamentary Group on Betting and Gaming").
_ORG_RUN_JOINERS = ("on", "for", "and", "&")


def scan_tokens(toks: list[Tok], ctx: ArticleContext, only_at: int | None = None) -> list[tuple[int, Entity]]:
    """Mentions among tokens, as (character offset, entity); with only_at,
    just the run that starts at that offset, if the scan reads one there."""
    if only_at is not None:
        return _scan_at(toks, ctx, only_at)
    out: list[tuple[int, Entity]] = []
    free = 0  # the first token past the last run read
    # Names start at capitalised words: find those in one pass, then read each run.
    for i in [k for k, t in enumerate(toks) if t.cap and t.low not in NOT_NAME]:
        if i >= free:
            free = _run_end(toks, i)
            _read_run(toks, i, free, ctx, out)
    return out


def _scan_at(toks: list[Tok], ctx: ArticleContext, only_at: int) -> list[tuple[int, Entity]]:
    """What the full scan gives for the run at offset only_at, found without
    reading every run before it. A run only ever takes capitalised words and
    joiners, so when the token before is neither, no earlier run reaches
    into it and the runs can be read from there on; otherwise they are read
    from the first of those tokens, as the full scan would meet them."""
    n = len(toks)
    p = 0
    while p < n and toks[p].start < only_at:
        p += 1
    if p == n or toks[p].start != only_at:
        return []
    t = toks[p]
    if not t.cap or t.low in NOT_NAME:
        return []  # no run starts at toks[p]: the full scan passes it by
    i = p
    while i > 0 and _may_be_in_run(toks[i - 1]):
        i -= 1
    while i < p:  # the runs between: does one of them take toks[p]?
        t = toks[i]
        i = _run_end(toks, i) if t.cap and t.low not in NOT_NAME else i + 1
    if i != p:
        return []
    out: list[tuple[int, Entity]] = []
    _read_run(toks, p, _run_end(toks, p), ctx, out)
    return out


def _may_be_in_run(tok: Tok) -> bool:
    """Could _run_end take this token into a run? Only capitalised words and joiners."""
    return tok.cap or tok.low in _RUN_JOINERS or tok.low in _ORG_RUN_JOINERS


def _run_end(toks: list[Tok], i: int) -> int:
    """End (exclusive) of the run of names starting at toks[i]."""
    # names.is_possessive(tok) is tok.low.endswith(POSSESSIVE_ENDINGS): called
    # per token here, so the loops call endswith themselves and save a call each time.
    n = len(toks)
    j = i + 1
    while j < n:
        t = toks[j]
        if not (t.cap or (t.low in _RUN_JOINERS and j + 1 < n and (
                toks[j + 1].cap or (toks[j + 1].low in NAME_PARTICLES and j + 2 < n and toks[j + 2].cap)))):  # "von der Berg"
            break
        if toks[j - 1].low.endswith(POSSESSIVE_ENDINGS):
            break
        j += 1
    # "Parliamentary Group on Betting and Gaming": an organisation's name goes on.
    while (j + 1 < n and toks[j].low in _ORG_RUN_JOINERS and toks[j + 1].cap
           and any(x.low in ORG_WORDS for x in toks[i:j])):
        j += 2
        while j < n and toks[j].cap and not toks[j - 1].low.endswith(POSSESSIVE_ENDINGS):
            j += 1
    return j


def _read_run(toks: list[Tok], i: int, j: int, ctx: ArticleContext, out: list[tuple[int, Entity]]) -> None:
    """The mention of the run toks[i:j], if any, appended to out."""
    if j - i == 1:
        key = toks[i].low
        ent = _known(toks, i, j, key, ctx)
    else:
        key = " ".join([x.low for x in toks[i:j]])
        ent = ctx.people.get(key)  # what _known gives for more than one word
    if ent is None:
        ent = ctx.org_runs.get(key) or ctx.run_cache.get(key)
        if ent is None and key not in ctx.not_people:
            ent = _entity_at(toks, i, j, ctx)
            if ent is None:
                ctx.not_people.add(key)
            elif ent.kind == "org":
                ctx.org_runs[key] = ent
            else:
                ctx.run_cache[key] = ent
    if ent is not None:
        out.append((toks[i].start, ent))
        n = len(toks)
        if ent.kind == "org" and j + 2 < n and toks[j].text == "(" and toks[j + 1].cap and toks[j + 2].text == ")":
            ctx.aliases.setdefault(toks[j + 1].low, ent)  # "Danube Shipping Authority (DSA)"


_ORG_VERBS = frozenset(["has", "have", "is", "was", "will", "said", "says", "announced", "reported", "plans"])


def _known(toks: list[Tok], i: int, j: int, key: str, ctx: ArticleContext) -> Entity | None:
    """A person already registered under this run, toks[i:j] (lower-cased
    and joined: `key`), by full name or bare surname."""
    if j - i == 1:
        low = toks[i].low
        if low[-2:] in ("'s", "\u2019s"):
            low = low[:-2]
        if i > 0 and toks[i - 1].low in HONORIFICS:
            return None
        ent = ctx.by_surname.get(low)
        # The tests on the word's ending and the next word come first: few
        # words pass them, and endswith over a tuple costs more (all are pure).
        if ent is None and (is_possessive(toks[i]) or (j < len(toks) and toks[j].low in _ORG_VERBS)) and (
                low not in SOURCE_NOUNS and not low.endswith(_ABSTRACT_NOUN_ENDINGS)):
            key = "org:" + toks[i].text.rstrip("s").rstrip("'\u2019") if is_possessive(toks[i]) else "org:" + toks[i].text
            return ctx.others.get(key.lower()) or ctx.other(key[4:], "org")
        return ent
    return ctx.people.get(key)


def _prefix_start(toks: list[Tok], i: int) -> int:
    """Start of the title before a name ("Radcliffe's best friend and fellow distance runner")."""
    k = i - 1
    seen_role = seen_cap = False
    while k >= 0 and i - k <= 9:
        t = toks[k]
        low = t.low
        if not t.word:
            break
        if low == "and" and seen_role:
            k -= 1
            continue
        if low in DETERMINERS or low in NP_STOP or low in PREPOSITIONS:
            break
        if low in ROLE_NOUNS or low.rstrip("s") in ROLE_NOUNS:
            seen_role = True
        elif t.cap and (low not in NOT_NAME or seen_role):  # "Sunderland No campaigner"
            seen_cap = seen_cap or low not in TITLE_WORDS_FOR_PREFIX
        elif not (low in TITLE_WORDS_FOR_PREFIX or is_possessive(t)):
            # a plain word may modify the role noun ("distance runner"), not precede a proper name
            if not seen_role or seen_cap or low.endswith(("ly", "ed", "ing")):
                break
        k -= 1
    k += 1
    while k < i and toks[k].low == "and":
        k += 1
    return k


def _entity_at(toks: list[Tok], i: int, j: int, ctx: ArticleContext) -> Entity | None:
    k = _prefix_start(toks, i)
    span = toks[k:j]
    if j - i >= 2 and is_possessive(toks[j - 1]):  # "Bill Conti's job": register Bill Conti
        last = toks[j - 1]
        span = span[:-1] + [Tok(last.text[:-2], last.start, last.end - 2, last.low[:-2], True, True)]
        np = parse_np(span)
        return ctx.person(np) if np is not None and np.kind == "person" and not np.surname_only else None
    np = parse_np(span)
    if np is None:
        return None
    if np.kind == "org":
        return ctx.other(np.text, "org") if j - i > 1 else None
    if np.kind != "person":
        return None
    if np.surname_only and np.gender is None and surname_of(np.text) not in ctx.by_surname:
        # What _person_with_roles gives: ctx.person(np, create=False), None (a
        # bare surname creates no one, and no one has it). The roles it works
        # out first only touch np, so this skips reading the appositive: most
        # one-word runs of a cue sentence that get this far are such a surname.
        return None
    return _person_with_roles(toks, k, j, np, ctx)


def _person_with_roles(toks: list[Tok], k: int, j: int, np: SourceNP, ctx: ArticleContext) -> Entity | None:
    """The person np (parsed from toks[k:j], a name and the title before it) names,
    with the role an appositive, affiliation or description around it gives."""
    n = len(toks)
    appositive = None
    if j < n and toks[j].text == ",":
        app = appositive_after(toks, j)
        appositive = appositive_role(app)
        if appositive and np.role and app and app[0].low in ("of", "from", "at"):
            appositive = None  # "spokesman Bob Wellington, of Torfaen": the title is the role
        if appositive and np.role and app[0].low == "the":  # "peer Lord Carlile, the government's reviewer"
            appositive = "the " + appositive
    elif j < n and toks[j].text in ("-", "\u2013", "\u2014"):  # "Rob Partridge - Marley's former head of press -"
        e = j + 1
        while e < min(n, j + 30) and toks[e].text != toks[j].text and toks[e].text not in (".", ";"):
            e += 1
        appositive = appositive_role(toks[j + 1 : e])
    if appositive and np.role and appositive != np.role:
        np.role = f"{np.role}, {appositive}"
    elif appositive:
        np.role = appositive
    if np.role is None and j + 1 < n and toks[j].low in ("of", "from"):
        e = j + 1
        while e < n and toks[e].word and (toks[e].cap or toks[e].low in ("the", "for", "of", "and")):
            e += 1
        np.role = appositive_role(toks[j:e]) if e > j + 2 else None
    if k >= 2 and toks[k - 1].text == ",":
        described = _description_before(toks, k - 1)  # "The head of the NHTCU, Acting Detective …"
        if described:
            np.role = f"{described}, {np.role}" if np.role else described
    return ctx.person(np, create=not np.surname_only or np.gender is not None)


def _description_before(toks: list[Tok], comma: int) -> str | None:
    """ "The former manager of Johnny Cash, Saul Israel Holiff," -> the description."""
    d = comma - 1
    while d >= max(0, comma - 14) and toks[d].text not in (",", ";", ":", '"', "\u201c", "\u201d"):
        d -= 1
    desc = toks[d + 1 : comma]
    while desc and desc[0].low in ("and", "but"):
        desc = desc[1:]
    if not desc or len(desc) > 12:
        return None
    if desc[0].low not in DETERMINERS and not all(t.cap or t.low in TITLE_WORDS_FOR_PREFIX or t.low in ("of", "to", "the", "for") for t in desc):
        return None
    if not any(t.low in ROLE_NOUNS for t in desc) or any(t.low in NP_STOP for t in desc):
        return None
    role = role_text(desc)
    if d >= 1 and toks[d].text == "," and desc[0].low not in DETERMINERS:
        earlier = _description_before(toks, d)  # "The head of the NHTCU, Acting Detective Chief Superintendent, Mick Deats"
        if earlier and role:
            role = f"{earlier}, {role}"
    return role


_CONTEXT_AFTER = (",", " -", " \u2013", " \u2014", " of ", " from ")


def _needs_context(text: str, start: int, run_start: int, run_end: int) -> bool:
    """Could a title, appositive or affiliation next to this name give its role?"""
    if text.startswith(_CONTEXT_AFTER, run_end):
        return True
    # A bare "," before the name ends with "," too: the loop covers it.
    for w in text[max(start, run_start - 40) : run_start].lower().split()[-3:]:
        if w in TITLE_WORDS_FOR_PREFIX or w.endswith(_POSSESSIVE_OR_COMMA):
            return True
    return False


_POSSESSIVE_OR_COMMA = ("'s", "\u2019s", ",")


@lru_cache(maxsize=8192)
def _org_word(w: str) -> bool:
    low = w.lower()
    if low in ORG_WORDS:
        return True
    if w.isascii() and w.isalpha():  # the usual word, read without a loop: no digit, all letters
        return len(w) >= 2 and w.isupper() and low not in TITLE_WORDS_FOR_PREFIX and low not in POST_NOMINALS
    if any(c.isdigit() for c in w):
        return True
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and w.isupper() and low not in TITLE_WORDS_FOR_PREFIX and low not in POST_NOMINALS


def _looks_like_org(words: list[str]) -> bool:
    return any(map(_org_word, words))  # the loop in C: "for w in words: if _org_word(w): return True"


def scan_text(text: str, start: int, end: int, ctx: ArticleContext) -> list[tuple[int, Entity]]:
    """The fast path: mentions in text[start:end] without tokenising it all."""
    out = []
    for m in _CAPS_RUN_RE.finditer(text, start, end):
        run_start, run_end = m.span()
        run = m.group()
        # Most runs are one word of letters only: no space, no "Mr" to drop,
        # no 's to cut, so they skip _scan_run's splitting.
        if run.isalpha():
            ent = _one_word_entity(text, run, run_end, ctx)
            if ent is not None:
                out.append((run_start, ent))
            continue
        # The regex needs an 's; most runs have none, and two substring tests
        # cost less than a regex call: cut is None for them either way.
        cut = _POSSESSIVE_IN_RUN_RE.search(run) if "'s" in run or "\u2019s" in run else None
        while cut is not None:  # "Southampton's David Prutton": two runs, as the token scan reads them
            _scan_run(text, start, end, run_start, m.start() + cut.end(), ctx, out)
            run_start = text.index(text[m.start() + cut.end():run_end].split()[0], m.start() + cut.end())
            cut = _POSSESSIVE_IN_RUN_RE.search(m.group(0), run_start - m.start())
        _scan_run(text, start, end, run_start, run_end, ctx, out)
    return out


def _one_word_entity(text: str, run: str, run_end: int, ctx: ArticleContext) -> Entity | None:
    """Who a capitalised run of one word, text[…:run_end], names: a person
    known by that surname, or an organisation acting ("Umbro said", "Nato's")."""
    first = run.lower()
    if first in NOT_NAME:
        return None
    if first[-2:] in POSSESSIVE_ENDINGS:
        first = first[:-2]
    ent = ctx.by_surname.get(first)
    # The tests after the name come first: few words pass them, and
    # endswith over a tuple costs more than them (all four are pure).
    if ent is None and (run[-2:] in POSSESSIVE_ENDINGS or _ORG_FOLLOW_RE.match(text, run_end)) and (
            first not in SOURCE_NOUNS and not first.endswith(_ABSTRACT_NOUN_ENDINGS)):
        ent = ctx.other(run[:-2] if run[-2:] in POSSESSIVE_ENDINGS else run, "org")
    return ent


# A word ending in 's inside a capitalised run, with more of the run after it.
_POSSESSIVE_IN_RUN_RE = re.compile(r"['\u2019]s(?=\s+\S)")


def _scan_run(text: str, start: int, end: int, run_start: int, run_end: int, ctx: ArticleContext,
              out: list[tuple[int, Entity]]) -> None:
    """One capitalised run text[run_start:run_end] of scan_text: append its mention, if any."""
    run = text[run_start:run_end]
    words = run.split()
    while len(words) > 1 and words[0].lower() in NOT_NAME:  # "Ms Clara Voss", "But Mr Herron"
        run_start = text.index(words[1], run_start + len(words[0]))
        words = words[1:]
        run = text[run_start:run_end]
    if len(words) == 1:
        ent = _one_word_entity(text, run, run_end, ctx)
        if ent is not None:
            out.append((run_start, ent))
        return
    key = run.lower()
    ent = ctx.people.get(key) or ctx.org_runs.get(key) or ctx.run_cache.get(key)
    if ent is not None:
        out.append((run_start, ent))
        return
    if key in ctx.not_people:
        return
    if _looks_like_org(words):  # no need to tokenise: it names an organisation
        name = run[:-2] if run[-2:] in ("'s", "\u2019s") else run
        more = _ORG_TAIL_RE.match(text, run_end, end)
        if more and name == run:  # "Parliamentary Group on Betting and Gaming"
            name += more.group(0)
        ent = ctx.org_runs[key] = ctx.other(name, "org")
        acronym = _ACRONYM_RE.match(text, run_end + (len(more.group(0)) if more and name != run else 0), end)
        if acronym:
            ctx.aliases.setdefault(acronym.group(1).lower(), ent)
        out.append((run_start, ent))
        return
    if _needs_context(text, start, run_start, run_end):
        lo = text.rfind(" ", start, max(start, run_start - _WINDOW_BEFORE)) + 1 if run_start - _WINDOW_BEFORE > start else start
        hi = min(end, run_end + _WINDOW_AFTER)
    else:  # no title, appositive or affiliation around it: the name alone will do
        lo, hi = run_start, run_end
    found = _scan_at(tokenize(text[lo:hi], lo), ctx, run_start)  # scan_tokens(..., only_at=run_start)
    if found:
        ctx.run_cache[key] = found[0][1]  # "Prime Minister Tony Blair" again: no need to parse
    else:
        ctx.not_people.add(key)
    out.extend(found)
