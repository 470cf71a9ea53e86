"""Where a speaker's words are: character spans of a paragraph.

A direct quote's span is its words inside the marks; a reported clause's
span is what the cue reports: the words after "X said (that)" or "according
to X,", or before "…, X said" and "…, said X". Spans never hold the
source, the cue or the final full stop.
"""
from __future__ import annotations

from search.speakers.cues import Cue
from search.speakers.quotes import Quote
from search.speakers.tokens import Tok

Span = tuple[int, int]
_EDGE = " \t\n\u00a0,;:-\u2013\u2014\"\u201c\u201d'"
_FINITE = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "should", "may",
           "might", "must", "did", "does", "do", "that", ":"}


def trimmed(text: str, start: int, end: int, offset: int = 0) -> Span:
    """text[start:end] without the spaces, marks and final full stop at its edges, as a span
    counted from `offset` (where `text` starts in the paragraph)."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1] in ".!"):
        end -= 1
    if text.startswith("that ", start):
        start += 5
    return offset + start, offset + end


def speech_spans(quotes: list[Quote]) -> list[Span]:
    """The words of the speech quotes among `quotes`."""
    out = []
    for q in quotes:
        if q.is_speech:
            lead = len(q.inner) - len(q.inner.lstrip())
            out.append((q.inner_start + lead, q.inner_start + len(q.inner.rstrip().rstrip(",;:"))))
    return out


def _reports_after(toks: list[Tok], after: int) -> bool:
    """Do the words after a cue (from token index `after`) hold what was said?
    "…, X said on Monday." does not; "X said the deal was fair" does."""
    words = toks[after : after + 12]  # what is reported starts close to its cue
    return any(t.low in _FINITE for t in words) or sum(t.word for t in words) >= 6


def reported_clause(sent: str, s: int, toks: list[Tok], cue: Cue, source_start: int, inverted: bool) -> list[Span]:
    """The span of what `cue` reports in the sentence sent (which starts at offset s)."""
    n = len(sent)
    cue_start, cue_end = cue.start - s, cue.end - s
    if cue.family == "according":
        if not sent[:cue_start].strip(_EDGE):  # "According to X, the plan will fail."
            comma = sent.find(",", cue_end)
            return [trimmed(sent, comma + 1, n, s)] if comma >= 0 else []
        return [trimmed(sent, 0, cue_start, s)]  # "The plan will fail, according to X."
    if inverted or source_start > cue.start:  # "The plan will fail, said X."
        return [trimmed(sent, 0, cue_start, s)]
    after = cue.index + len(cue.word.split())
    if not _reports_after(toks, after) and source_start > s:  # "The plan will fail, X said on Monday."
        return [trimmed(sent, 0, source_start - s, s)]
    that = next((t for t in toks[after : after + 8] if t.low == "that"), None)
    return [trimmed(sent, (that.end - s) if that is not None else cue_end, n, s)]


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Spans in text order, overlapping or touching ones joined, empty ones dropped."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)
