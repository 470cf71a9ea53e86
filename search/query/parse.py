"""The user's query string -> a Whoosh query, with a plain-words fallback and did-you-mean.

Syntax: words (all must match), "phrases", AND / OR / NOT, field prefixes
`speaker:` (any part of a speaker's name), `said:` (words a speaker said; with a
speaker filter, that speaker's own), `title:`, `text:`, and the metadata
fields `section:`, `site:`, `author:`, `date:` (see search/query/fields.py). Broken syntax
(an unclosed quote or bracket, a dangling operator, an unknown field) is
searched as plain words, with a note saying so.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from itertools import islice

from whoosh import qparser
from whoosh.query import MultiTerm, NullQuery, Prefix, Query, TermRange
from whoosh.searching import Searcher

from search.index.fields import SAID_BY
from search.index.speaker_names import SpeakerNames
from search.query.fields import expand_metadata_fields, expand_speaker_field, restrict_said
from search.query.snippets import index_form
from search.request import RequestError

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_FIELD_PREFIX = re.compile(r"(?<![\w\"])(\w+):")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
BROKEN_NOTE = "Your query had syntax we could not read, so we searched for its words."
# A wildcard (`s*`, `?*`) or range (`[a TO z]`) term is searched as every indexed
# word it stands for: bounded, so that one short query cannot ask for the whole lexicon.
MAX_EXPANDING_TERMS = 8  # such terms in one query
MAX_EXPANSIONS = 1_000  # indexed words they stand for, together
SEARCH_SECONDS = 5.0  # the longest a search may run before it is refused as too broad


class QueryTooBroad(RequestError):
    """A wildcard or range stands for too many words, or the search ran too long; the message says how to narrow it."""


@dataclass
class ParsedQuery:
    query: Query | None  # None: match everything
    notes: list[str] = field(default_factory=list)
    plain_words: list[str] = field(default_factory=list)  # unprefixed words, for did-you-mean
    text: str = ""  # what the user typed
    deadline: float = field(default_factory=lambda: time.monotonic() + SEARCH_SECONDS)  # see check_time

    def check_time(self) -> None:
        """Refuse, with a message, a search that has run past its deadline."""
        if time.monotonic() > self.deadline:
            raise QueryTooBroad(
                f"The search {self.text!r} matches too much to answer within {SEARCH_SECONDS:g} seconds; "
                "add words, use longer prefixes before *, or filter it.")


def _parser(schema) -> qparser.QueryParser:
    return qparser.QueryParser("text", schema)


def looks_broken(text: str) -> bool:
    if text.count('"') % 2 or text.count("(") != text.count(")"):
        return True
    if re.search(r"\w:(\s|$)", text):  # a field prefix with nothing after it
        return True
    tokens = text.split()
    if tokens and (tokens[0] in {"AND", "OR", "ANDNOT", "ANDMAYBE"} or tokens[-1] in _OPERATORS):
        return True
    if any(a in _OPERATORS and b in _OPERATORS - {"NOT"} for a, b in zip(tokens, tokens[1:])):
        return True
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return True
    return False


def _words_only(text: str) -> str:
    return " ".join(w if w not in _OPERATORS else w.lower() for w in _WORD.findall(text))


OLD_INDEX_SAID_NOTE = ("This library was indexed before speakers' own words were kept, so `said:` searches "
                       "all the text; run `cuttings reindex` to search only what speakers said.")


def parse_query(searcher: Searcher, text: str, names: SpeakerNames | None = None,
                speakers: tuple[str, ...] = ()) -> ParsedQuery:
    """`text` as a SearchRequest holds it (already cut to MAX_QUERY_LENGTH when read from a URL).

    `names`: the library's speaker names (`speaker:` finds every spelling of a speaker);
    `speakers`: the speaker filter, which `said:` words must be inside the words of."""
    notes: list[str] = []
    text = (text or "").strip()
    if not text:
        return ParsedQuery(None, notes)
    schema = searcher.schema
    if not looks_broken(text):
        try:
            query = _parser(schema).parse(_lowercase_prefixes(text))
        except Exception:  # whoosh's parser raises assorted errors on odd input
            query = None
        if query is NullQuery:
            notes.append("The query has no words to search for (too short or too common); showing everything.")
            return ParsedQuery(None, notes)
        if query is not None:
            query = expand_metadata_fields(searcher.reader(), query)
            if names is not None:
                query = expand_speaker_field(names, query)
            if "said" in schema:
                query = restrict_said(query, names, speakers)
            elif "said:" in text.lower():
                notes.append(OLD_INDEX_SAID_NOTE)
            check_expansions(searcher.reader(), query)
            return ParsedQuery(query, notes, plain_words=_plain_words(text), text=text)
    words = _words_only(text)
    query = _parser(schema).parse(words) if words else NullQuery
    if query is NullQuery:
        notes.append("The query has no words to search for; showing everything.")
        return ParsedQuery(None, notes)
    notes.append(BROKEN_NOTE)
    return ParsedQuery(query, notes, plain_words=_plain_words(words), text=text)



def check_expansions(reader, query: Query) -> None:
    """Raise QueryTooBroad when the query's wildcards and ranges stand for too many indexed words.

    Counting stops at the budget, so the check itself is bounded too.
    """
    expanding = [leaf for leaf in query.leaves() if isinstance(leaf, MultiTerm)]
    if len(expanding) > MAX_EXPANDING_TERMS:
        raise QueryTooBroad(f"The query has {len(expanding)} wildcard or range terms; Cuttings takes at most "
                            f"{MAX_EXPANDING_TERMS}. Write some of the words out in full.")
    budget = MAX_EXPANSIONS
    for leaf in expanding:
        budget -= sum(1 for _ in islice(leaf.expanded_terms(reader), budget + 1))
        if budget < 0:
            raise QueryTooBroad(f"{_as_typed(leaf)!r} stands for more than {MAX_EXPANSIONS:,} different words "
                                "in this library; add letters to narrow it.")


def _as_typed(leaf: MultiTerm) -> str:
    if isinstance(leaf, TermRange):
        return f"[{leaf.start or ''} TO {leaf.end or ''}]"
    text = getattr(leaf, "text", "")
    return f"{text}*" if isinstance(leaf, Prefix) else str(text)


def _lowercase_prefixes(text: str) -> str:
    return _FIELD_PREFIX.sub(lambda m: m.group(1).lower() + ":", text)


def _plain_words(text: str) -> list[str]:
    without_fields = re.sub(r"\w+:(\"[^\"]*\"|\([^)]*\)|\S+)?", " ", text)
    return [w for w in _WORD.findall(without_fields) if w not in _OPERATORS]


def text_terms(query: Query | None) -> set[str]:
    """The indexed (stemmed) terms the query looks for in paragraph text: what snippets mark."""
    if query is None:
        return set()
    out = set()
    for fieldname, term in query.iter_all_terms():
        if fieldname in ("text", "said"):  # a said term is "<speaker>\x1f<stem>"
            word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            out.add(word.rpartition(SAID_BY)[2])
    return out


def did_you_mean(searcher: Searcher, text: str, words: list[str]) -> str | None:
    """The query with misspelt words replaced by the closest words in the library, if any."""
    reader = searcher.reader()
    suggestion = text
    changed = False
    for word in dict.fromkeys(words):
        lower = word.lower()
        if reader.doc_frequency("plain", lower) > 0:
            continue
        best = closest_word(reader, lower)
        if best:
            suggestion = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", best, suggestion)
            changed = True
    return suggestion if changed else None


def closest_word(reader, word: str) -> str | None:
    """The most frequent library word at the smallest edit distance (1, then 2): how many
    paragraphs hold it, as the text field counts it (stemmed)."""
    if len(word) < 3:
        return None
    for dist in (1, 2):
        found = [w for w in reader.terms_within("plain", word, dist, prefix=1) if w != word]
        if found:
            return max(found, key=lambda w: (reader.doc_frequency("text", index_form(w)), w))
    return None
