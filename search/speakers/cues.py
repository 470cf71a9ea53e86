"""Communication cues: the verbs and phrases that report speech (GUIDELINES §2).

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

_SAY = (
    "said says say tell tells told add adds added warned warns warn insisted insists insist "
    "argued argues argue claimed claims claim urged urges urge denied denies deny admitted "
    "admits admit wrote writes tweeted tweets explained explains explain noted notes stressed "
    "stresses stated conceded concedes acknowledged acknowledges confirmed confirms revealed "
    "reveals predicted predicts replied replies asked asks maintained maintains vowed vows "
    "promised pledged recalled recalls estimated estimate estimates suggested suggests "
    "complained complains cautioned observed emphasised emphasized answered boasted contended "
    "alleged alleges insisted protested remarked commented told hinted argued "
    "concluded remembers remembered retorted countered counters "
    "testified testifies repeated repeats recounted recounts mentioned mentions lamented laments "
    "disclosed discloses informed briefed wondered"
).split()
_CONTENT = (
    "announced announces announce reported reports agreed agree agrees accepted accepts declared declares "
    "responded responds respond"
).split()
_EVAL = (
    "praised praises criticised criticized criticises criticizes attacked attacks welcomed "
    "welcomes condemned condemns dismissed dismisses branded brands described describes dubbed "
    "billed recommended recommends requested called accused accuses questioned disputed disputes"
).split()
_QUOTE_ONLY = "continued continues laughed laughs joked jokes quipped smiled chuckled sighed".split()
_PARTICIPLE = (
    "saying adding warning insisting arguing claiming denying stating noting telling urging "
    "dismissing stressing explaining acknowledging admitting describing branding responding accusing "
    "asking suggesting calling citing recalling predicting promising vowing writing tweeting"
).split()
_PHRASES = {
    "pointed out": "say", "points out": "say", "went on": "say", "goes on": "say",
    "hit back": "eval", "hits back": "eval", "hit out": "eval", "hits out": "eval",
    "called for": "eval", "calls for": "eval", "called on": "eval", "calls on": "eval",
    "raised concerns": "eval", "issued a statement": "say", "according to": "according", "echoing": "echo",
}

CUE_FAMILY: dict[str, str] = {}
for _words, _family in ((_SAY, "say"), (_CONTENT, "content"), (_EVAL, "eval"),
                        (_QUOTE_ONLY, "quote"), (_PARTICIPLE, "participle")):
    for _w in _words:
        if "-" not in _w:
            CUE_FAMILY.setdefault(_w, _family)
CUE_FAMILY.update(_PHRASES)

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


def find_cues(toks) -> list[Cue]:
    """Cues among a sentence's tokens (``names.Tok``); phrases win over single words."""
    cues = []
    n = len(toks)
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
            hit = None  # "North East Says No": a capitalised cue word mid-sentence is part of a name
        if hit is not None:
            cues.append(hit)
            free = i + len(hit.word.split())
    return cues


_CLAUSE_FOLLOWS = re.compile(
    r"^\s*(?:[:\"\u201c]|(?:[\w,'\u2019-]+\s+){0,6}?that\b|(?:on\s+\w+\s+)?(?:it|he|she|they|there|we|i)\b"
    r"|(?:[\w'\u2019-]+\s+){1,7}?(?:had|has|have|was|were|is|are|will|would|could)\b)",
    re.IGNORECASE,
)


def has_clause_after(text_after: str) -> bool:
    """True when a cue of the ``content`` family is followed by what was said."""
    return bool(_CLAUSE_FOLLOWS.match(text_after))
