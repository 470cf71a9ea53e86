"""Speaker attribution for the paragraphs of one article.

For each sentence (with speech quotes masked so their words never act as
cues): note who it names (mentions.py), find the cues (cues.py) and the
source phrase each attaches to (cue_sources.py), resolve it to an article
entity (coref.py), mark it direct when the sentence carries the source's
quoted words, and keep where their words are (spans.py). Quote-only
paragraphs continue the last speaker.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from search.model import Speaker, SpeakerKind
from search.speakers.coref import ArticleContext, Entity
from search.speakers.cue_sources import (
    colon_label,
    label_quote,
    named_before_colon,
    sources_after_quote,
    sources_for_cue,
)
from search.speakers.cues import find_cues
from search.speakers.lexicon import COMMON_NOUNS, NOT_NAME, PARTY_WORDS, ROLE_NOUNS
from search.speakers.mentions import scan_tokens
from search.speakers.noun_phrases import SourceNP, is_source_head
from search.speakers.quotes import Quote, find_quotes, mask_quotes
from search.speakers.sentences import sentence_spans
from search.speakers.spans import merge_spans, reported_clause, speech_spans, trimmed
from search.speakers.tokens import Tok, is_possessive, tokenize

_SUBJECT_ROLES = ROLE_NOUNS - {"head", "general", "chief", "member", "friend"}


# "The actress and singer dropped out": a description opening a sentence. The
# role nouns longest first, so that "chairman" is not read as "chair".
_ROLES_ALTERNATION = "|".join(sorted(_SUBJECT_ROLES, key=len, reverse=True))
_ROLE_SUBJECT_RE = re.compile(
    rf"\s*The ((?:[a-z-]+ ){{0,3}}?(?:{_ROLES_ALTERNATION})"
    rf"(?: and (?!(?:his|her|their|its|the|a|an) )(?:[a-z-]+ ){{0,2}}?(?:{_ROLES_ALTERNATION}))?)"
    r" (?!said|says|told|added)[a-z]"
)
_offset = itemgetter(0)  # of a (offset, entity) mention
_CURRENT_WINDOW = 40  # the mentions of a sentence a source or pronoun looks back over
_CLAUSE_BREAKS = {",", ";", "-", "\u2013", "\u2014", ":"}


@dataclass
class _Found:
    pos: int
    entity: Entity
    direct: bool
    spans: list[tuple[int, int]] = field(default_factory=list)  # where their words are in the paragraph


class _Speakers(dict):
    """The speakers found in one paragraph (by id of their entity), and the one that comes last."""

    latest: _Found | None = None

    def add(self, ent: Entity, pos: int, direct: bool, spans: list[tuple[int, int]]) -> None:
        hit = self.get(id(ent))
        if hit is None:
            hit = self[id(ent)] = _Found(pos, ent, direct, list(spans))
        else:
            hit.direct = hit.direct or direct
            hit.spans += spans
            if pos < hit.pos:
                hit.pos = pos
                if hit is self.latest:  # it moved back: another may now come last (rare)
                    self.latest = max(self.values(), key=lambda f: f.pos)
                    return
        if self.latest is None or hit.pos >= self.latest.pos:
            self.latest = hit


def attribute(paragraphs: Sequence[str]) -> list[list[Speaker]]:
    """Speakers of each paragraph of one article, in paragraph order."""
    ctx = ArticleContext()
    ctx.article_text = "\n".join(str(text) for text in paragraphs)
    found = []
    for index, text in enumerate(paragraphs):
        ctx.paragraph_index = index
        found.append(_attribute_paragraph(str(text), ctx))
    named_later = ctx.cataphora()
    # Roles are per article: the one from the first naming, known by now.
    return [_speakers(para, named_later) for para in found]


def _speakers(para: list[_Found], named_later: dict[int, Entity]) -> list[Speaker]:
    out: dict[str, Speaker] = {}
    for f in para:
        ent = named_later.get(id(f.entity), f.entity)
        before = out.get(ent.name)
        kind: SpeakerKind = "direct" if f.direct or (before is not None and before.kind == "direct") else "indirect"
        spans = merge_spans(f.spans + list(before.spans if before is not None else ()))
        out[ent.name] = Speaker(ent.name, ent.role if ent.kind == "person" else None, kind, spans)
    return list(out.values())


def _attribute_paragraph(text: str, ctx: ArticleContext) -> list[_Found]:
    quotes = find_quotes(text)
    masked = mask_quotes(text, quotes)
    found = _Speakers()
    pending: list[tuple[int, int]] = []  # quoted words nobody in this paragraph has been given yet
    for index, s, e, sent_quotes in _sentences(masked, quotes):
        ctx.sentence_in_paragraph = index
        sent = masked[s:e]
        lead = sent.lstrip()
        has_speech = bool(sent_quotes) and any(q.is_speech for q in sent_quotes)
        described = _described_subject(sent, ctx) if lead.startswith("The ") else None
        toks = tokenize(sent, s)
        _common_opener(toks, ctx)
        mentions = scan_tokens(toks, ctx)
        if described is not None:
            mentions.insert(0, (s, described))
        attributed = _attribute_sentence(sent, s, toks, sent_quotes, has_speech, mentions, ctx, found)
        if has_speech and not attributed:
            attributed = _quote_then_any_verb(toks, sent_quotes, mentions, ctx, found)
        if has_speech and not attributed:
            if found.latest is not None:  # "…," he added. "…": the split quote stays with its speaker
                found.latest.direct = True
                found.latest.spans += speech_spans(sent_quotes)
            else:
                pending += speech_spans(sent_quotes)
        _add_pronoun_mentions(toks, mentions, ctx)
        ctx.end_sentence([ent for _, ent in sorted(mentions, key=_offset)])
    _continue_previous_speaker(masked, found, pending, ctx)
    ordered = sorted(found.values(), key=lambda f: f.pos)
    if ordered:
        ctx.last_speaker = max(ordered, key=lambda f: f.pos).entity
        ctx.paragraphs_since_speaker = 0
    else:
        ctx.paragraphs_since_speaker += 1
    return ordered


def _common_opener(toks: list[Tok], ctx: ArticleContext) -> None:
    """ "Creditors of the firm have said": a common noun is capitalised only
    because it opens the sentence; read it as the common noun it is (a name
    stays a name: "Reuters said", "Bill Clinton said", "Sanders said"). A
    word is common when the lexicon lists it, or when it is an agent noun
    that the article also writes in lower case."""
    first = next((k for k, t in enumerate(toks) if t.word), None)
    if first is None:
        return
    t = toks[first]
    if not t.cap or t.low in NOT_NAME or not t.text[1:].islower() or is_possessive(t) or t.low in PARTY_WORDS:
        return
    after = toks[first + 1 : first + 3]
    if after and (after[0].cap or (after[0].low == "of" and len(after) > 1 and after[1].cap)):
        return  # "Bill Clinton", "Will Smith", "Bank of England": the start of a name
    if t.low in COMMON_NOUNS or (is_source_head(t.low) and t.low in ctx.lower_case_words()):
        t.cap = False


def _add_pronoun_mentions(toks: list[Tok], mentions: list[tuple[int, Entity]], ctx: ArticleContext) -> None:
    """ "he" and "she" that no cue resolved still say who the sentence is
    about: the person they stand for is mentioned there, and stays the first
    candidate for the next "she said" ("Naureen Jahangir is among those ...
    she doesn't think ... '…,' she said")."""
    if not any(t.low == "he" or t.low == "she" for t in toks):
        return
    mentions.sort(key=_offset)
    taken = {pos for pos, _ in mentions}
    recent: deque[Entity] = deque(maxlen=_CURRENT_WINDOW)  # who this sentence named before the token
    found = []
    m = 0
    for t in toks:
        while m < len(mentions) and mentions[m][0] < t.start:
            recent.append(mentions[m][1])
            m += 1
        if t.low in ("he", "she") and t.start not in taken:
            ent = ctx.resolve_pronoun(t.low, list(recent), include_current=True, learn_gender=False)
            if ent is not None:
                found.append((t.start, ent))
                recent.append(ent)
    mentions += found


def _sentences(masked: str, quotes: list[Quote]):
    """(index, start, end, quotes overlapping the sentence) for each sentence;
    quotes and sentences are both in text order, so walk them together."""
    first = 0
    for index, (s, e) in enumerate(sentence_spans(masked)):
        while first < len(quotes) and quotes[first].end <= s:
            first += 1
        inside = []
        for q in quotes[first:]:
            if q.start >= e:
                break
            inside.append(q)
        yield index, s, e, inside


def _continue_previous_speaker(masked: str, found: _Speakers, pending: list[tuple[int, int]],
                               ctx: ArticleContext) -> None:
    """A paragraph that opens on an unattributed quote (or on ": …" in an
    interview) continues the last speaker, as does a quote with nobody else
    to give it to: a quote runs on with its speaker until another is named. `masked` writes every quote mark as '"'."""
    prev = ctx.last_speaker
    opening = masked.lstrip()[:1]
    continues = opening in ('"', "\u201c", ":")
    if prev is None or not ((pending and (continues or not found)) or opening == ":"):
        return
    if opening == ":" and not pending:  # ": I was there, he said." in an interview: the words after the colon
        start = masked.index(":") + 1
        pending = [trimmed(masked, start, len(masked))]
    hit = found.get(id(prev))
    if hit is None:
        found[id(prev)] = _Found(-1, prev, True, list(pending))
    else:
        hit.direct, hit.pos = True, min(hit.pos, -1)
        hit.spans += pending


def _described_subject(sent: str, ctx: ArticleContext) -> Entity | None:
    """ "The actress and singer dropped out": a description opening a sentence
    is the person just talked about; it gives them a role if they have none,
    and they are this sentence's subject (the first candidate for a "she")."""
    m = _ROLE_SUBJECT_RE.match(sent)
    if m is None:
        return None
    people = list({id(e): e for e in (ctx.history[-1] if ctx.history else []) if e.kind == "person"}.values())
    if len(people) > 1:
        return None  # "… backed Michael Howard's stance. The Tory leader …": which one is not ours to guess
    target = people[0] if people else None
    if target is None and ctx.last_speaker is not None and ctx.last_speaker.kind == "person":
        target = ctx.last_speaker
    if target is None:
        return None
    if target.role is None:
        target.role = m.group(1)
    elif m.group(1).split()[-1] not in target.role.lower().split():
        return None  # "The minister" when the one just named is a singer: someone else
    return target


def _split_known_pairs(nps: list[SourceNP], ctx: ArticleContext) -> list[SourceNP]:
    """ "Richards and Yelling" are two people the article has named, not a duo."""
    out = []
    for np in nps:
        first, sep, second = np.text.partition(" and ")
        if np.kind == "person" and sep and (first.lower() in ctx.by_surname or second.lower() in ctx.by_surname):
            out.append(SourceNP("person", first, np.start, surname_only=True))
            out.append(SourceNP("person", second, np.start + len(first) + 5, surname_only=True))
        else:
            out.append(np)
    return out


def _current_speaker(found: _Speakers, ctx: ArticleContext) -> Entity | None:
    return found.latest.entity if found.latest is not None else ctx.last_speaker


def _nested(sent: str, s: int, report_end: int | None, np: SourceNP) -> bool:
    """A source inside what an earlier cue reports ("X said Y had warned …")."""
    if report_end is None or np.start <= report_end or np.start - report_end > 300:
        return False
    between = sent[report_end - s : np.start - s]
    return not any(c in between for c in _CLAUSE_BREAKS)


def _quote_then_any_verb(toks: list[Tok], sent_quotes: list[Quote], mentions: list[tuple[int, Entity]],
                         ctx: ArticleContext, found: _Speakers) -> bool:
    """The quote of a sentence no cue attributed, given by a bare verb after it ('"…," Trump barked')."""
    attributed = False
    for np in sources_after_quote(toks):
        ent = ctx.resolve(np, [e for _, e in mentions[-_CURRENT_WINDOW:]], _current_speaker(found, ctx))
        if ent is not None:
            found.add(ent, sent_quotes[0].start, True, speech_spans(sent_quotes))
            attributed = True
    return attributed


def _attribute_sentence(sent: str, s: int, toks: list[Tok], sent_quotes: list[Quote], has_speech: bool,
                        mentions: list[tuple[int, Entity]], ctx: ArticleContext, found: _Speakers) -> bool:
    attributed = False
    mentioned = None  # {id(ent) for _, ent in mentions}, built when a source first resolves: often none does
    report_end = None  # end of the first reporting verb: later sources are nested speech
    labelled = colon_label(toks)
    if labelled is None and has_speech:
        labelled = named_before_colon(toks)
    if labelled is not None:  # "TRUMP: The deaths ...", "Kasich: 'We are going ...'"
        ent = ctx.resolve(labelled, [], None)
        if ent is not None:
            colon = next(t for t in toks if t.text == ":")
            words = speech_spans(sent_quotes) or [trimmed(sent, colon.end - s, len(sent), s)]
            found.add(ent, labelled.start, True, words)
            attributed = True
    speech = [q for q in sent_quotes if q.is_speech]
    speech_starts = [q.start for q in speech]
    partials = [q for q in sent_quotes if q.kind == "partial"]
    partial_starts = [q.start for q in partials]
    cues = find_cues(toks)
    last_sources: list[Entity] = []  # who the latest cue of the sentence gave words to
    for c, cue in enumerate(cues):
        if cue.family == "participle" and last_sources:
            # "…, a Chinese official said, adding that …": the participle goes on with that speaker
            after = reported_clause(sent, s, toks, cue, cue.start - 1, False) if not has_speech else []
            for ent in last_sources:
                found.add(ent, found[id(ent)].pos, has_speech, after)
            continue
        nps, inverted = sources_for_cue(cue, toks, sent, s, has_speech)
        if not nps or (not inverted and _nested(sent, s, report_end, nps[0])):
            continue
        if has_speech:  # the quotes between the cues on either side are this cue's
            lo = cues[c - 1].end if c > 0 else s
            hi = cues[c + 1].start if c + 1 < len(cues) else s + len(sent)
            words = speech_spans(speech[bisect_left(speech_starts, lo) : bisect_left(speech_starts, hi)])
        else:
            words = reported_clause(sent, s, toks, cue, nps[0].start, inverted)
        # A partial quote in what the cue reports makes it direct, unless it is a label ("dismissed … as a
        # "dead end""); a participle's clause is not its own.
        direct = has_speech or (cue.family != "participle" and any(
            not label_quote(sent, s, q, cue)
            for start, end in words for q in partials[bisect_left(partial_starts, start - 1) :
                                                      bisect_left(partial_starts, end)]))
        last_sources = []
        for np in _split_known_pairs(nps, ctx):
            current = [ent for pos, ent in mentions[-_CURRENT_WINDOW:] if pos < np.start]
            ent = ctx.resolve(np, current, _current_speaker(found, ctx))
            if ent is None:
                continue
            last_sources.append(ent)
            pos = np.start
            if (inverted or np.start > cue.start) and sent_quotes and sent_quotes[0].start < cue.start:
                pos = min(pos, sent_quotes[0].start)  # '"…," said X': X comes in where the quote does
            found.add(ent, pos, direct, words)
            if mentioned is None:
                mentioned = {id(ent) for _, ent in mentions}
            if id(ent) not in mentioned:
                mentioned.add(id(ent))
                mentions.append((np.start, ent))
            attributed = True
        if cue.family in ("say", "content") and report_end is None:
            report_end = cue.end
    return attributed
