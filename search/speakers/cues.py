"""Communication cues: the verbs and phrases that report speech, or writing, tweets and statements.

Each cue form maps to a family that decides how it may attach to a source:

- ``say``: plain reporting verbs; the source may come before ("X said") or,
  after a quote or clause, after the verb ("…," said X).
- ``content``: verbs that also describe events ("announced its new phone",
  "agreed a deal"); they count only when a clause or quote follows.
- ``eval``: evaluating and directing verbs ("praised", "called for"); the
  source must come before the verb.
- ``quote``: verbs that only report speech next to a quote ("…," he laughed).
- ``participle``: "…, saying/adding/warning …" whose source is the subject of
  the main clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Reporting verbs by family, as lemmas; their forms are made below.
_SAY = """
    say tell add warn insist argue claim urge deny admit write tweet explain note stress state concede
    acknowledge confirm reveal predict reply ask maintain vow promise pledge recall estimate suggest complain
    caution observe emphasise emphasize answer boast contend allege protest remark comment hint conclude
    remember retort testify repeat recount mention lament disclose inform wonder assert affirm proclaim
    confess concur disagree muse exclaim shout yell scream whisper mutter grumble recommend propose advise
    assure reassure reiterate clarify elaborate specify forecast threaten demand plead implore speculate
    opine theorise theorize brag gripe moan whine rant apologise apologize swear vouch scoff echo interject
""".split()
_CONTENT = "announce report agree accept declare respond".split()  # also events: a clause must follow
_EVAL = """
    praise criticise criticize attack welcome condemn dismiss brand describe dub bill recommend request call
    accuse question dispute denounce decry deride mock ridicule lambaste chide rebuke scold fault blame hail
    applaud commend thank congratulate blast slam cite
""".split()
_QUOTE_ONLY = "continue laugh joke quip smile chuckle sigh grin shrug fume snap gush marvel".split()
# Lemmas that are also common nouns ("a demand", "the states", "clear requests"): their
# base form is a cue only after a plural subject, their -s form only where a noun could not stand.
_NOUN_LEMMAS = set("""
    demand request claim call report note state estimate promise vow remark comment reply tweet answer question
    attack praise welcome forecast protest hint dispute fault blame bill joke laugh smile sigh grin shrug snap
    whisper shout scream moan rant gripe pledge repeat thank hail mock brand dub muse recount mention lament boast
    concur swear vouch blast slam
""".split())
_IRREGULAR = {"say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "swear": ["swore", "sworn"],
              "forecast": ["forecast"], "speak": ["spoke", "spoken"]}
_DOUBLING = {"admit", "regret", "omit", "commit", "refer", "confer", "concur", "quip", "snap", "brag", "dub", "slam"}


def _forms(lemma: str) -> tuple[list[str], str]:
    """(finite forms, -ing form) of a regular English verb, or its listed irregular forms."""
    stem = lemma + lemma[-1] if lemma in _DOUBLING else lemma
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else lemma + "s"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    elif lemma.endswith("e"):
        past = lemma + "d"
    else:
        past = stem + "ed"
    ing = (lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else stem) + "ing"
    return [lemma, third] + _IRREGULAR.get(lemma, [past]), ing


def verb_forms(*lemmas: str) -> frozenset[str]:
    """Every form of these verbs: "slam" gives slam, slams, slammed, slamming."""
    forms: set[str] = set()
    for lemma in lemmas:
        finite, ing = _forms(lemma)
        forms.update(finite, [ing])
    return frozenset(forms)


_PHRASES = {
    "pointed out": "say", "points out": "say", "point out": "say", "pointing out": "participle",
    "went on": "say", "goes on": "say",
    "hit back": "eval", "hits back": "eval", "hit out": "eval", "hits out": "eval",
    "called for": "eval", "calls for": "eval", "called on": "eval", "calls on": "eval",
    "spoke about": "eval", "spoke of": "eval", "spoke out": "eval", "speaks about": "eval", "speaks out": "eval",
    "talked about": "eval", "talks about": "eval", "raised concerns": "eval", "issued a statement": "say",
    "pointed to": "eval", "points to": "eval", "made the point": "say", "made the case": "say",
    "according to": "according", "echoing": "echo",
    "put it": "eval", "puts it": "eval",  # "As one aide put it:", only when nothing but an adverb follows
}

CUE_FAMILY: dict[str, str] = {}
for _lemmas, _family in ((_SAY, "say"), (_CONTENT, "content"), (_EVAL, "eval"), (_QUOTE_ONLY, "quote")):
    for _lemma in _lemmas:
        _finite, _ing = _forms(_lemma)
        for _w in _finite:
            CUE_FAMILY.setdefault(_w, _family)
        if _family != "quote":
            CUE_FAMILY.setdefault(_ing, "participle")  # "…, saying …": the main clause's subject speaks
CUE_FAMILY.update(_PHRASES)
# "…, announcing that …", not "…, announcing its new phone": content participles need what was said.
CONTENT_PARTICIPLES = frozenset(_forms(lemma)[1] for lemma in _CONTENT)
# The -s forms that are also plural nouns ("bomb attacks on", "its two main requests were"),
# and the base forms that are also singular nouns ("Strong demand from China", "a call").
NOUN_HOMOGRAPHS = frozenset(_forms(lemma)[0][1] for lemma in _NOUN_LEMMAS) & CUE_FAMILY.keys()
NOUN_BASE_FORMS = frozenset(_NOUN_LEMMAS) & CUE_FAMILY.keys()

# Verbs that may follow their source after a quote or clause: "…," said X.
INVERTIBLE = frozenset(
    "said says say added adds warned warns insisted insists argued argues claimed claims explained "
    "explains noted notes continued continues asked asks replied replies laughed laughs joked "
    "admitted admits wrote writes stressed stresses conceded concedes recalled recalls "
    "cautioned observed answered told".split()
)

# First words of every cue: a sentence without one of these has no cue.
CUE_WORDS = frozenset(k.split()[0] for k in CUE_FAMILY)
_SINGLE = {k: v for k, v in CUE_FAMILY.items() if " " not in k}

_MULTI: dict[str, list[tuple[list[str], str]]] = {}
for _k, _v in CUE_FAMILY.items():
    if " " in _k:
        _first, *_rest = _k.split()
        _MULTI.setdefault(_first, []).append((_rest, _v))


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to build, and cues are many
class Cue:
    start: int
    end: int
    word: str  # lower case, spaces normalised
    family: str
    index: int = 0  # token index of the cue's first word


_OPENERS = {'"', "\u201c", ":", "(", "-", "\u2013", "\u2014"}


def title_cased(toks) -> bool:
    """A headline written in Title Case ("Trevor Noah Says Trump Is Like A Lawyer's Client"):
    most of its longer words are capitalised."""
    longer = [t for t in toks if t.word and len(t.text) > 3]
    return len(longer) >= 4 and sum(t.cap for t in longer) >= 0.8 * len(longer)


def find_cues(toks) -> list[Cue]:
    """Cues among a sentence's tokens (``tokens.Tok``); phrases win over single words."""
    cues = []
    n = len(toks)
    headline = None  # whether the sentence is a Title Case headline, read only if a capitalised cue asks
    free = 0  # the first token not taken by a cue phrase already found
    # Most words are no cue: find the candidates in one pass, then look closer.
    for i in [k for k, t in enumerate(toks) if t.low in CUE_WORDS]:
        if i < free:
            continue
        low = toks[i].low
        hit = None
        for rest, family in _MULTI.get(low, ()):
            if i + len(rest) < n and all(toks[i + 1 + k].low == w for k, w in enumerate(rest)):
                hit = Cue(toks[i].start, toks[i + len(rest)].end, " ".join([low, *rest]), family, i)
                break
        if hit is None and low in _SINGLE:
            hit = Cue(toks[i].start, toks[i].end, low, _SINGLE[low], i)
        if hit is not None and toks[i].cap and i > 0 and toks[i - 1].text not in _OPENERS:
            if headline is None:
                headline = title_cased(toks)
            if not headline:
                hit = None  # "North East Says No": a capitalised cue word mid-sentence is part of a name
        if hit is not None:
            cues.append(hit)
            free = i + len(hit.word.split())
    return cues


_CLAUSE_FOLLOWS = re.compile(
    r"^\s*,?\s*(?:[:\"\u201c]|(?:[\w,'\u2019-]+\s+){0,6}?that\b|(?:on\s+\w+\s+)?(?:it|he|she|they|there|we|i)\b"
    r"|(?:[\w'\u2019-]+\s+){1,7}?(?:had|has|have|was|were|is|are|will|would|could)\b)",
    re.IGNORECASE,
)


def has_clause_after(text_after: str) -> bool:
    """True when a cue of the ``content`` family is followed by what was said."""
    return bool(_CLAUSE_FOLLOWS.match(text_after))
