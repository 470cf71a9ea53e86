"""Which phrase a cue attaches to: the source of what a sentence reports.

`sources_for_cue` reads, for one cue of a tokenised sentence, the source
phrases it reports the words of ("X said", "…," said X", "according to
X", "…, saying" after a clause whose subject is X, "criticized by X"),
and says whether they follow the cue. `colon_label` reads "Name: …" and
`sources_after_quote` reads '"…," X barked'. Nothing here resolves a
phrase to a person: attribute.py does that with the article context.
"""
from __future__ import annotations

from search.speakers.cues import (
    CONTENT_PARTICIPLES,
    CUE_WORDS,
    INVERTIBLE,
    NOUN_BASE_FORMS,
    NOUN_HOMOGRAPHS,
    Cue,
    has_clause_after,
    verb_forms,
)
from search.speakers.lexicon import (
    CALENDAR_WORDS,
    COMMON_NOUNS,
    DETERMINERS,
    LABEL_WORDS,
    NAME_PARTICLES,
    NOT_NAME,
    PRONOUNS,
    RECORD_NOUNS,
    SKIP_BEFORE_VERB,
    TIME_DEICTICS,
    TIME_NOUNS,
    is_adverb,
)
from search.speakers.noun_phrases import SourceNP, parse_np
from search.speakers.phrases import Blocked, main_clause_subject, source_after, source_before
from search.speakers.quotes import MASK, Quote
from search.speakers.roles import IRREGULAR_PAST
from search.speakers.tokens import Tok, is_possessive

QUOTE_CLOSERS = {'"', "\u201d"}
QUOTE_MARKS = {'"', "\u201c", "\u201d"}
# Before a participle these make it the main verb: "is criticizing", "kept asking".
_PROGRESSIVE_AUXILIARIES = {"is", "are", "was", "were", "been", "has", "kept", "keeps", "began", "begins", "started",
                            "starts"}  # "has" stands for "'s" too
_PARTICIPLE_LEADS = {",", "before", "after", "while", "when", "by", "but", "and"}
_AS_VERBS = {"described", "describes", "dismissed", "dismisses", "billed"}
_CALL_VERBS = {"called", "calls", "dubbed", "dubs"}  # "a network dubbed Exeem" names, not speech
_NAMING_QUOTES = QUOTE_MARKS | {"\u2018"}  # "called the wall ‘stupid’": headlines quote in single marks
# Cue forms that are also plural nouns; followed by these they are the noun.
_NOUN_FOLLOWERS = {"on", "in", "at", "against", "by", "from", "of", "and", "were", "are", "have", "had"}
# The -s cues that may end a clause as verbs: "… , the Gazette reports."; others there are nouns ("clear demands.").
_ENDS_CLAUSE = {"reports", "notes", "claims", "estimates", "replies", "tweets", "jokes", "laughs", "smiles", "sighs"}
# What may follow a content cue that ends its sentence: "…, the University reported last week."
_AFTER_CUE_WORDS = CALENDAR_WORDS | TIME_NOUNS | TIME_DEICTICS | {
    "on", "in", "at", "a", "the", "few", "several", "statement"}


def _parenthetical(toks: list[Tok], vi: int, after: int) -> bool:
    """ "The deal would fail, the Post reported, while …": a cue set off by commas after its words."""
    k = after
    while k < len(toks) and toks[k].low in _AFTER_CUE_WORDS:  # "…, KING-TV reported on Sunday, while …"
        k += 1
    return k < len(toks) and toks[k].text == "," and any(t.text == "," for t in toks[max(0, vi - 8) : vi])


_ADD_FORMS = verb_forms("add")
_POSSESSIVE_OPENERS = {"his", "her", "their", "its", "our"}


def _adds_to_a_thing(cue: Cue, toks: list[Tok], after: int) -> bool:
    """ "adding to her delegate lead", "added to the uncertainty": a sum, not speech
    ("added to the BBC" and "added to reporters" still report words)."""
    if not (cue.word in _ADD_FORMS and after + 2 < len(toks) and toks[after].low == "to"):
        return False
    opener, noun = toks[after + 1], toks[after + 2]
    return opener.low in _POSSESSIVE_OPENERS or (
        opener.low in DETERMINERS and not noun.cap and noun.low not in COMMON_NOUNS)


# Verbs of striking report words only when they strike someone ("Sanders blasted Clinton",
# "slams them") or strike something for a reason ("blasted the decision as …", "slammed the
# media for …"); not "Ronaldo slammed well over the bar", "blasted the ball home".
_STRIKE_FORMS = verb_forms("blast", "slam")
_PERSON_OBJECTS = {"him", "her", "them", "us", "me"}
_REASON_WORDS = {"for", "as"}


def _strikes_a_thing(cue: Cue, toks: list[Tok], after: int) -> bool:
    if cue.word not in _STRIKE_FORMS or after >= len(toks):
        return False
    if toks[after].cap or toks[after].low in _PERSON_OBJECTS:
        return False
    for t in toks[after + 1 : after + 7]:
        if t.low in _REASON_WORDS:
            return False
        if not t.word:
            break
    return True


def _puts_a_thing(cue: Cue, toks: list[Tok], after: int) -> bool:
    """ "As one aide put it:" and "put it bluntly" report words; "put it on hold" does not."""
    return (cue.word in ("put it", "puts it") and after < len(toks) and toks[after].word
            and not is_adverb(toks[after].low))


def sources_for_cue(cue: Cue, toks: list[Tok], sent: str, sent_start: int,
                     has_speech: bool) -> tuple[list[SourceNP], bool]:
    """The source phrases a cue attaches to, and whether they follow the verb."""
    vi = cue.index
    after = vi + len(cue.word.split())
    if cue.family == "according":
        return source_after(toks, after), True
    if cue.family == "echo":
        return (source_after(toks, after), True) if vi == 0 else ([], False)
    if _adds_to_a_thing(cue, toks, after) or _strikes_a_thing(cue, toks, after) or _puts_a_thing(cue, toks, after):
        return [], False
    prev = toks[vi - 1] if vi > 0 else None
    # '"…," declared X' and '"…", declared X': the cue comes straight after a quote
    after_quote = prev is not None and (prev.text in QUOTE_CLOSERS or (
        prev.text == "," and vi >= 2 and toks[vi - 2].text in QUOTE_CLOSERS))
    if cue.family == "participle":
        rest = sent[cue.end - sent_start : cue.end - sent_start + 200]
        if cue.word in CONTENT_PARTICIPLES and not has_clause_after(rest):
            return [], False  # "Mr. Lou was responding to questions": no words reported
        lead = vi - 1
        while lead > 0 and (toks[lead].low in SKIP_BEFORE_VERB or is_adverb(toks[lead].low)):
            lead -= 1  # ", also calling on ...", ", repeatedly saying ..."
        if lead >= 0 and toks[lead].low in _PROGRESSIVE_AUXILIARIES:  # "McConnell is criticizing Obama"
            try:
                return source_before(toks, lead), False
            except Blocked:
                return [], False
        if lead >= 1 and toks[lead].cap and toks[lead].low not in NOT_NAME and toks[lead - 1].low == "with":
            return source_before(toks, lead + 1), False  # "… ended with Maddow asking Clinton …"
        if lead >= 0 and (toks[lead].low in _PARTICIPLE_LEADS or cue.word == "saying"):
            return main_clause_subject(toks, vi), False
        return [], False
    if after + 1 < len(toks) and toks[after].low == "to" and toks[after + 1].low in ("be", "have"):
        return [], False  # "sweeteners reported to have been discussed": a hedge, nobody named as saying it
    if cue.family == "eval" and cue.word.endswith("ed") and after < len(toks) and toks[after].low == "in":
        return [], False  # "the bureau cited in his tweet": a participle after the thing cited, not its subject
    if _plural_noun(cue, toks, after) or (cue.word in NOUN_BASE_FORMS and not _plural_subject_before(toks, vi)):
        return [], False
    if cue.family == "content" and not after_quote:
        # (the only family that reads the words after the cue; '"…," agrees X' has its words before)
        rest = sent[cue.end - sent_start : cue.end - sent_start + 200]
        # "…, the commission has reported." / "…, the University of Michigan reported last week."
        ends_sentence = rest.strip() in ("", ".", "!", "?") or all(
            t.low in _AFTER_CUE_WORDS or not t.word for t in toks[after:])
        if not has_clause_after(rest) and not ends_sentence and not _parenthetical(toks, vi, after):
            return [], False
    if cue.word in _CALL_VERBS and not any(t.text in _NAMING_QUOTES for t in toks[after : after + 15]):
        return [], False  # "called him a "giant"" reports words; "a company called Zed" does not
    if cue.family == "quote" and not has_speech:
        return [], False
    if cue.word in _AS_VERBS and not any(t.low == "as" for t in toks[after : after + 25]):
        return [], False
    if cue.word.endswith("ed") and after + 1 < len(toks) and toks[after].low == "by" and toks[after + 1].word:
        return source_after(toks, after + 1), True  # "a practice criticized by Miller", "As reported by X,"
    try:
        nps = source_before(toks, vi)
    except Blocked as blocked:
        if blocked.reason == "passive" and after < len(toks) and toks[after].low == "by":
            return source_after(toks, after + 1), True
        return [], False
    if nps:
        return nps, False
    if prev is not None and prev.low == "and" and cue.family == "say":  # "Nintendo has a 95% share and said …"
        return main_clause_subject(toks, vi), False
    invertible = cue.word in INVERTIBLE or (cue.family in ("say", "quote", "content")
                                             and after_quote)  # '"…," stated Roman Smbatyan'
    if invertible and (prev is None or prev.text in (",", "?", "!") or prev.text in QUOTE_CLOSERS):
        return source_after(toks, after), True
    return [], False


def _plural_subject_before(toks: list[Tok], vi: int) -> bool:
    """ "Analysts estimate", "they claim": a base form is a verb after a plural subject."""
    k = vi - 1
    while k >= 0 and (toks[k].low in SKIP_BEFORE_VERB or is_adverb(toks[k].low)):
        k -= 1
    if k < 0:
        return False
    low = toks[k].low
    return low in ("they", "we", "i", "you") or (toks[k].word and low.endswith("s") and not low.endswith("ss")
                                                 and not is_possessive(toks[k]))


def _plural_noun(cue: Cue, toks: list[Tok], after: int) -> bool:
    """ "bomb attacks on pubs", "opposition attacks.": the cue form is a plural noun here, not a verb."""
    if cue.word not in NOUN_HOMOGRAPHS:
        return False
    if after >= len(toks) or not toks[after].word:
        return cue.word not in _ENDS_CLAUSE
    nxt = toks[after].low  # "the Baltic states warned": a verb follows its subject noun
    return nxt in _NOUN_FOLLOWERS or nxt in CUE_WORDS or (nxt.endswith("ed") and not toks[after].cap)


def label_quote(sent: str, s: int, quote: Quote, cue: Cue) -> bool:
    """ "dismissed the offer as a "dead end"": a short quote naming the thing
    described is the speaker's label for it, not the source's own words."""
    before = [w.lower() for w in sent[max(0, quote.start - s - 40) : quote.start - s].split()[-2:]]
    after_as = before[-1:] == ["as"] or (len(before) == 2 and before[0] == "as" and before[1] in ("a", "an", "the"))
    if not after_as:
        return False
    # "described her decision as "impulsive"" reports the speaker's wording.
    return not cue.word.startswith(("describ", "brand", "dub", "call"))


def sources_after_quote(toks: list[Tok]) -> list[SourceNP]:
    """ '"This is fantastic!" beamed Donald Hartley', '"Go back," Trump barked': right
    after a closing quote, any verb in the past tense with its subject reports the quote."""
    for k, t in enumerate(toks[:-2]):
        if t.text not in QUOTE_CLOSERS:
            continue
        j = k + 2 if toks[k + 1].text == "," else k + 1
        if j + 1 >= len(toks):
            return []
        if _past_verb(toks[j]):  # '"…," beamed X'
            return source_after(toks, j + 1)
        end = j  # '"…," X barked.'
        while end < len(toks) and end - j < 6 and (toks[end].cap or toks[end].low in PRONOUNS):
            end += 1
        if end == j or end >= len(toks) or not _past_verb(toks[end]):
            return []
        after = toks[end + 1] if end + 1 < len(toks) else None
        if after is not None and after.word and after.low not in _AFTER_A_BARE_VERB:
            return []  # '"…," Trump signed the bill': the verb has an object, the quote is not its
        np = parse_np(toks[j:end])
        return [np] if np is not None and np.kind in ("person", "org", "pronoun") else []
    return []


_AFTER_A_BARE_VERB = {"and", "as", "with", "after", "before", "at", "on"}  # '"…," Trump barked as …'


def _past_verb(tok: Tok) -> bool:
    return tok.word and not tok.cap and (tok.low.endswith("ed") or tok.low in IRREGULAR_PAST)


_QUOTE_OPENERS = {'"', "\u201c", "'", "\u2018", "''"}


def named_before_colon(toks: list[Tok]) -> SourceNP | None:
    """ "- Blackburn boss Mark Hughes: “Burnley are resolute …”": a person's full
    name opening a clause, right before a colon that opens a quote, is its speaker."""
    for k in range(2, len(toks) - 1):
        if (toks[k].text == ":" and (toks[k + 1].text[0] == MASK or toks[k + 1].text in _QUOTE_OPENERS)
                and toks[k - 1].cap and toks[k - 2].cap):
            nps = source_before(toks, k)
            if len(nps) != 1 or nps[0].kind != "person" or nps[0].surname_only:
                return None
            first = next(i for i in range(k) if toks[i].start >= nps[0].start)
            # "- Blackburn boss Mark Hughes: …" labels the quote; "She told Good Morning Wales: …" names
            # whom she told: a name after a verb or preposition is its object
            return nps[0] if first == 0 or not toks[first - 1].word else None
    return None


def colon_label(toks: list[Tok]) -> SourceNP | None:
    """ "Kasich: ..." opening a sentence, as transcripts and headlines put
    it: a short name and a colon label the words that follow as the named
    source's own. Label words ("Note:", "The Latest:", "Delegate Update:")
    name nobody, and a score or tally ("Clinton: 547.") is no one's words."""
    k = 0
    while k < len(toks) and k < 5 and toks[k].word and (toks[k].cap or toks[k].low in NAME_PARTICLES):
        k += 1
    if k == 0 or k >= len(toks) or toks[k].text != ":":
        return None
    run = toks[:k]
    if any(t.low in NOT_NAME or t.low in LABEL_WORDS or t.low in RECORD_NOUNS or is_possessive(t) for t in run):
        return None
    words_after = [t for t in toks[k + 1 :] if t.word and not t.low[0].isdigit()]
    if len(words_after) < 3 and not any(t.text[0] == MASK for t in toks[k + 1 :]):
        return None
    if all(t.text.isupper() for t in run) and any(len(t.text) > 3 for t in run):  # "JOEL BENENSON:" -> Joel Benenson
        run = [Tok(t.text.title(), t.start, t.end, t.low, True, True, t.i) for t in run]
    np = parse_np(run)
    return np if np is not None and np.kind in ("person", "org") else None


