"""People and organisations named in a sentence, registered at first naming.

Every sentence is scanned, cue or not, so that a person introduced in a
paragraph without speech ("Wendy Sherman, deputy US secretary of state, had
dined …") keeps that role and is a candidate for a later "she".
"""
from __future__ import annotations

from search.speakers.coref import ArticleContext, Entity
from search.speakers.lexicon import (
    CALENDAR_WORDS,
    COMMON_NOUNS,
    DETERMINERS,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAME,
    NP_STOP,
    ORG_WORDS,
    PREPOSITIONS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    TIME_NOUNS,
    TITLE_WORDS,
)
from search.speakers.noun_phrases import SourceNP, parse_np
from search.speakers.roles import appositive_after, appositive_role, role_text
from search.speakers.tokens import Tok, is_possessive, strip_possessive

_RUN_JOINERS = NAME_PARTICLES | {"of"}
# Words that carry an organisation's name on ("Parliamentary Group on Betting and Gaming").
_ORG_RUN_JOINERS = ("on", "for", "and", "&")
# "Construction is due to start": a lone capitalised abstract noun opening a
# sentence is a common word, not an organisation acting.
_ABSTRACT_NOUN_ENDINGS = ("tion", "tions", "sion", "ment", "ments", "ness", "ity", "ance", "ence", "ship", "ism")
# A lone capitalised word followed by one of these is an organisation acting ("Umbro has").
_ORG_VERBS = {"has", "have", "is", "was", "will", "said", "says", "announced", "reported", "added", "also", "plans"}


_DATE_WORDS = CALENDAR_WORDS | TIME_NOUNS


def scan_tokens(toks: list[Tok], ctx: ArticleContext) -> list[tuple[int, Entity]]:
    """Mentions among tokens, as (character offset, entity), in text order."""
    out: list[tuple[int, Entity]] = []
    free = 0  # the first token past the last run read
    mention_end = -1  # the first token past the last run that named someone
    for i, t in enumerate(toks):
        if i >= free and t.cap and t.low not in NOT_NAME:
            before = len(out)
            free = _run_end(toks, i)
            _read_run(toks, i, free, ctx, out)
            if len(out) == before:
                continue
            if before and out[-1][1].kind == "person" and _title_between(toks, mention_end, i):
                # "Obama consultant Cornell Belcher", "Wenger's Bayern counterpart Felix Magath": the first
                # name only qualifies the title; the person is the one the sentence is about
                del out[before - 1]
            mention_end = free
    return out


def _title_between(toks: list[Tok], start: int, end: int) -> bool:
    """Are toks[start:end] a short title ("consultant", "campaign spokeswoman") right after a name?"""
    gap = toks[start:end] if start > 0 else []
    return (0 < len(gap) <= 3 and toks[start - 1].cap
            and all(g.word and (g.cap or g.low in TITLE_WORDS or g.low in COMMON_NOUNS) for g in gap)
            and gap[-1].low in ROLE_NOUNS)


def _run_end(toks: list[Tok], i: int) -> int:
    """End (exclusive) of the run of names starting at toks[i]."""
    n = len(toks)
    j = i + 1
    while j < n:
        t = toks[j]
        joins = t.low in _RUN_JOINERS and j + 1 < n and (
            toks[j + 1].cap or (toks[j + 1].low in NAME_PARTICLES and j + 2 < n and toks[j + 2].cap))  # "von der Berg"
        if not (t.cap or joins) or is_possessive(toks[j - 1]):
            break
        j += 1
    # "Parliamentary Group on Betting and Gaming": an organisation's name goes on.
    while (j + 1 < n and toks[j].low in _ORG_RUN_JOINERS and toks[j + 1].cap
           and any(x.low in ORG_WORDS for x in toks[i:j])):
        j += 2
        while j < n and toks[j].cap and not is_possessive(toks[j - 1]):
            j += 1
    return j


def _read_run(toks: list[Tok], i: int, j: int, ctx: ArticleContext, out: list[tuple[int, Entity]]) -> None:
    """The mention of the run toks[i:j], if any, appended to out."""
    if j - i == 1:
        key = toks[i].low
        if i > 0 and toks[i - 1].low in HONORIFICS:
            # "Mr. Obama" names a man even where a bare "Obama" in a headline named nobody yet
            key = f"{toks[i - 1].low} {key}"
        ent = _known_word(toks, i, ctx)
    else:
        key = " ".join(x.low for x in toks[i:j])
        ent = ctx.people.get(key)
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
        bracketed = j + 2 < len(toks) and toks[j].text == "(" and toks[j + 1].cap and toks[j + 2].text == ")"
        if ent.kind == "org" and bracketed:
            ctx.aliases.setdefault(toks[j + 1].low, ent)  # "Danube Shipping Authority (DSA)"


def _known_word(toks: list[Tok], i: int, ctx: ArticleContext) -> Entity | None:
    """A person already known by this one word (a surname), or an
    organisation acting ("Umbro said", "Nato's")."""
    if i > 0 and toks[i - 1].low in HONORIFICS:
        return None
    tok = toks[i]
    low = strip_possessive(tok.low) if is_possessive(tok) else tok.low
    ent = ctx.by_surname.get(low)
    acting = is_possessive(tok) or (i + 1 < len(toks) and toks[i + 1].low in _ORG_VERBS)
    if (ent is None and acting and low not in SOURCE_NOUNS and low not in CALENDAR_WORDS
            and not low.endswith(_ABSTRACT_NOUN_ENDINGS)):  # "Nato's", not "Monday's gain"
        name = strip_possessive(tok.text)
        return ctx.others.get("org:" + name.lower()) or ctx.other(name, "org")
    return ent


def _prefix_start(toks: list[Tok], i: int) -> int:
    """Start of the title before a name ("Radcliffe's best friend and fellow distance runner")."""
    if i > 0 and toks[i - 1].low in HONORIFICS:  # "Mr. Hurt": the honorific gives the gender
        return i - 1
    k = i - 1
    seen_role = seen_cap = seen_any_cap = False
    while k >= 0 and i - k <= 9:
        t = toks[k]
        low = t.low
        if not t.word or low in CALENDAR_WORDS:  # "In October Tory leader Michael Howard"
            break
        if is_possessive(t) and strip_possessive(low) in _DATE_WORDS:  # "last year's Harbour Prize": no title
            break
        if low == "and" and seen_role:
            if k > 0 and toks[k - 1].low not in ROLE_NOUNS and toks[k - 1].low not in TITLE_WORDS:
                break  # "Mr Blair and Liberal Democrat leader Charles Kennedy": a name, not a second title
            k -= 1
            continue
        if low in DETERMINERS or low in NP_STOP or low in PREPOSITIONS:
            break
        if low in ROLE_NOUNS or low.rstrip("s") in ROLE_NOUNS:
            seen_role = True
        elif t.cap and (low not in NOT_NAME or seen_role):  # "Sunderland No campaigner"
            seen_cap = seen_cap or low not in TITLE_WORDS
            seen_any_cap = True
        elif not (low in TITLE_WORDS or is_possessive(t)):
            # a plain word may modify the role noun ("distance runner"), not precede a proper
            # name or party ("critics claim depict Tory leader")
            if not seen_role or seen_any_cap or low.endswith(("ly", "ed", "ing")):
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
        span = span[:-1] + [Tok(last.text[:-2], last.start, last.end - 2, last.low[:-2], True, True, last.i)]
        np = parse_np(span)
        return ctx.person(np) if np is not None and np.kind == "person" and not np.surname_only else None
    np = parse_np(span)
    if np is None:
        return None
    if np.kind == "org":
        return ctx.other(np.text, "org") if j - i > 1 else None
    if np.kind != "person":
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


def _description_before(toks: list[Tok], comma: int, depth: int = 0) -> str | None:
    """ "The former manager of Johnny Cash, Saul Israel Holiff," -> the description
    (and one more before it: "The head of the NHTCU, Acting Detective …, Mick Deats")."""
    d = comma - 1
    while d >= max(0, comma - 14) and toks[d].text not in (",", ";", ":", '"', "\u201c", "\u201d"):
        d -= 1
    desc = toks[d + 1 : comma]
    while desc and desc[0].low in ("and", "but"):
        desc = desc[1:]
    if not desc or len(desc) > 12:
        return None
    if desc[0].low not in DETERMINERS and not all(t.cap or t.low in TITLE_WORDS or t.low in ("of", "to", "the", "for")
                                                  for t in desc):
        return None
    if not any(t.low in ROLE_NOUNS for t in desc) or any(t.low in NP_STOP for t in desc):
        return None
    role = role_text(desc)
    if d >= 1 and toks[d].text == "," and desc[0].low not in DETERMINERS and depth == 0:
        # "The head of the NHTCU, Acting Detective Chief Superintendent, Mick Deats"
        earlier = _description_before(toks, d, depth + 1)
        if earlier and role:
            role = f"{earlier}, {role}"
    return role
