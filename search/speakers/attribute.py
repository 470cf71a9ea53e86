"""Speaker attribution for the paragraphs of one article.

For each sentence (with speech quotes masked so their words never act as
cues): find the cues, find the source phrase each cue attaches to, resolve it
to an article entity, and mark it direct when the sentence carries the
source's quoted words. Quote-only paragraphs continue the last speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from search.model import Speaker
from search.speakers.coref import ArticleContext, Entity
from search.speakers.cues import CUE_WORDS, INVERTIBLE, Cue, find_cues, has_clause_after
from search.speakers.mentions import scan_text, scan_tokens
from search.speakers.names import SourceNP, Tok, tokenize
from search.speakers.phrases import Blocked, main_clause_subject, source_after, source_before
from search.speakers.quotes import Quote, find_quotes, mask_quotes
from search.speakers.sentences import sentence_spans

_WORD_RE = re.compile(r"[a-z]+")
_QUOTE_CLOSERS = {'"', "\u201d"}
_PARTICIPLE_LEADS = {",", "before", "after", "while", "when", "by", "but", "and"}
_AS_VERBS = {"described", "describes", "dismissed", "dismisses", "billed"}
_AS_PARTICIPLES = {"describing", "dismissing", "branding"}
_CLAUSE_BREAKS = {",", ";", "-", "\u2013", "\u2014", ":"}


@dataclass
class _Found:
    pos: int
    entity: Entity
    direct: bool


def attribute(paragraphs: list[str]) -> list[list[Speaker]]:
    """Speakers of each paragraph of one article, in paragraph order."""
    ctx = ArticleContext()
    found = [_attribute_paragraph(text, ctx) for text in paragraphs]
    # Roles are per article: the one from the first naming, known by now.
    return [
        [Speaker(f.entity.name, f.entity.role if f.entity.kind == "person" else None,
                 "direct" if f.direct else "indirect") for f in para]
        for para in found
    ]


def _attribute_paragraph(text: str, ctx: ArticleContext) -> list[_Found]:
    quotes = find_quotes(text)
    masked = mask_quotes(text, quotes)
    found: dict[int, _Found] = {}
    pending_quote = False  # a quote nobody in this paragraph has been given yet
    opening = text.lstrip()[:1]
    continues = opening in ('"', "\u201c", ":")  # ": …" lines continue an interview
    for index, (s, e) in enumerate(sentence_spans(masked)):
        ctx.sentence_in_paragraph = index
        sent = masked[s:e]
        sent_quotes = [q for q in quotes if q.start < e and q.end > s]
        has_speech = any(q.is_speech for q in sent_quotes)
        if CUE_WORDS.isdisjoint(_WORD_RE.findall(sent)) and not sent.lstrip().startswith(("According", "Echoing")):
            mentions = scan_text(masked, s, e, ctx)
            attributed = False
        else:
            toks = tokenize(sent, s)
            mentions = scan_tokens(toks, ctx)
            attributed = _attribute_sentence(sent, s, toks, sent_quotes, has_speech, mentions, ctx, found)
        if has_speech and not attributed:
            if found:
                last = max(found.values(), key=lambda f: f.pos)
                last.direct = True
            else:
                pending_quote = True
        ctx.end_sentence([ent for _, ent in sorted(mentions, key=lambda m: m[0])])
    prev = ctx.last_speaker
    if prev is not None and ((pending_quote and (continues or not found)) or opening == ":"):
        hit = found.get(id(prev))
        if hit is None:
            found[id(prev)] = _Found(-1, prev, True)
        else:
            hit.direct, hit.pos = True, min(hit.pos, -1)
    ordered = sorted(found.values(), key=lambda f: f.pos)
    if ordered:
        ctx.last_speaker = max(ordered, key=lambda f: f.pos).entity
        ctx.paragraphs_since_speaker = 0
    else:
        ctx.paragraphs_since_speaker += 1
    return ordered


def _sources_for_cue(cue: Cue, toks: list[Tok], sent: str, sent_start: int, has_speech: bool) -> tuple[list[SourceNP], bool]:
    """The source phrases a cue attaches to, and whether they follow the verb."""
    vi = cue.index
    after = vi + len(cue.word.split())
    if cue.family == "according":
        return source_after(toks, after), True
    if cue.family == "echo":
        return (source_after(toks, after), True) if vi == 0 else ([], False)
    prev = toks[vi - 1] if vi > 0 else None
    if cue.family == "participle":
        if prev is not None and (prev.low in _PARTICIPLE_LEADS or cue.word == "saying"):
            return main_clause_subject(toks, vi), False
        return [], False
    rest = sent[cue.end - sent_start :]
    if cue.family == "content" and not has_clause_after(rest):
        return [], False
    if cue.family == "quote" and not has_speech:
        return [], False
    if cue.word in _AS_VERBS and not any(t.low == "as" for t in toks[after:]):
        return [], False
    try:
        nps = source_before(toks, vi)
    except Blocked as blocked:
        if blocked.reason == "passive" and after < len(toks) and toks[after].low == "by":
            return source_after(toks, after + 1), True
        return [], False
    if nps:
        return nps, False
    if cue.word in INVERTIBLE and (prev is None or prev.text in (",", "?", "!") or prev.text in _QUOTE_CLOSERS):
        return source_after(toks, after), True
    return [], False


def _label_quote(sent: str, s: int, quote: Quote, cue: Cue) -> bool:
    """ "dismissed the offer as a "dead end"": a short quote naming the thing
    described is a label (GUIDELINES §9), not the source's own words."""
    before = [w.lower() for w in sent[: quote.start - s].split()[-2:]]
    after_as = before[-1:] == ["as"] or (len(before) == 2 and before[0] == "as" and before[1] in ("a", "an", "the"))
    if not after_as:
        return False
    # "described her decision as "impulsive"" reports the speaker's wording.
    return not cue.word.startswith(("describ", "brand", "dub", "call"))


def _current_speaker(found: dict[int, _Found], ctx: ArticleContext) -> Entity | None:
    if found:
        return max(found.values(), key=lambda f: f.pos).entity
    return ctx.last_speaker


def _nested(toks: list[Tok], report_end: int | None, np: SourceNP) -> bool:
    """A source inside what an earlier cue reports ("X said Y had warned …")."""
    if report_end is None or np.start <= report_end:
        return False
    return not any(t.text in _CLAUSE_BREAKS for t in toks if report_end <= t.start < np.start)


def _attribute_sentence(sent: str, s: int, toks: list[Tok], sent_quotes: list[Quote], has_speech: bool,
                        mentions: list[tuple[int, Entity]], ctx: ArticleContext, found: dict[int, _Found]) -> bool:
    attributed = False
    report_end = None  # end of the first reporting verb: later sources are nested speech
    for cue in find_cues(toks):
        nps, inverted = _sources_for_cue(cue, toks, sent, s, has_speech)
        if not nps or (not inverted and _nested(toks, report_end, nps[0])):
            continue
        direct = has_speech or any(q.kind == "partial" and (q.start < cue.start if inverted else q.start > cue.start)
                                   and not _label_quote(sent, s, q, cue) for q in sent_quotes)
        if cue.family == "participle" and not has_speech:
            direct = False
        for np in nps:
            current = [ent for pos, ent in mentions if pos < np.start]
            ent = ctx.resolve(np, current, _current_speaker(found, ctx))
            if ent is None:
                continue
            pos = np.start
            if inverted or np.start > cue.start:
                pos = min([pos] + [q.start for q in sent_quotes if q.start < cue.start])
            hit = found.get(id(ent))
            if hit is None:
                found[id(ent)] = _Found(pos, ent, direct)
            else:
                hit.direct = hit.direct or direct
                hit.pos = min(hit.pos, pos)
            if all(m[1] is not ent for m in mentions):
                mentions.append((np.start, ent))
            attributed = True
        if cue.family in ("say", "content") and report_end is None:
            report_end = cue.end
    return attributed
