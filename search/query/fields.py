"""Field prefixes matched the way people type them: metadata, speakers, and what a speaker said.

Metadata fields (`section:`, `site:`, `author:`, `date:`) are indexed as exact
values ("Business", "Henry Foy", "2022-01-13"), so a parsed `Term('section',
'business')` would find nothing. Each such term is replaced by the library's own
values that match it, as the facet kind of that field reads them
(search/query/facets.py: `query_matches`).

`speaker:` matches the words of the names indexed; it also finds every spelling
of the speakers whose shown name matches (`speaker:"tony blair"` finds the
paragraphs indexed under "Blair" that the library shows as Tony Blair).

`said:` matches words inside speakers' own words (search/index/fields.py
SaidWords): anyone's, or, with a speaker filter, only that speaker's.
"""
from __future__ import annotations

from whoosh.query import And, NullQuery, Or, Phrase, Prefix, Query, Term, Wildcard

from search.index.fields import SLOT, SLOTS, only_speaker_term, said_term, speaker_slot_term
from search.index.schema import NO_VALUE, speaker_key
from search.index.speaker_names import SpeakerNames
from search.query.facets import FACET_KINDS

SPEAKER_NAMES_MATCHED = 200  # shown names one `speaker:` term may stand for (a short prefix matches many)

# index field -> the facet kind whose values it holds
_BY_FIELD = {kind.query_field: kind for kind in FACET_KINDS.values() if kind.query_field}


def _expanded(reader, node: Query) -> Query:
    kind = _BY_FIELD.get(getattr(node, "fieldname", None))
    if kind is None or not isinstance(node, (Term, Prefix)):
        return node
    field = node.fieldname
    wanted = node.text.decode("utf-8") if isinstance(node.text, bytes) else str(node.text)
    prefix = isinstance(node, Prefix)
    values = [v for v in reader.field_terms(field) if v != NO_VALUE and kind.query_matches(wanted, v, prefix)]
    if not values:
        return NullQuery
    return Or([Term(field, v) for v in values]) if len(values) > 1 else Term(field, values[0])


def expand_metadata_fields(reader, query: Query) -> Query:
    """The query with every metadata term replaced by the indexed values it means."""
    return query.accept(lambda node: _expanded(reader, node))


def _text(node: Query) -> str:
    text = node.text
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def _speaker_expanded(names: SpeakerNames, node: Query) -> Query:
    if getattr(node, "fieldname", None) != "speaker" or not isinstance(node, (Term, Prefix, Phrase)):
        return node
    wanted = " ".join(node.words) if isinstance(node, Phrase) else _text(node)
    kind = FACET_KINDS["speaker"]
    prefix = isinstance(node, Prefix)
    shown = [n for n in names.names() if kind.query_matches(wanted, n, prefix)][:SPEAKER_NAMES_MATCHED]
    spellings = {s for n in shown for s in names.indexed(n) if s != n}  # the name itself the node finds
    if not spellings:
        return node
    return Or([node] + [Term("speakers", s.replace(",", " ")) for s in sorted(spellings)])


def expand_speaker_field(names: SpeakerNames, query: Query) -> Query:
    """`speaker:` terms also find every spelling of the speakers whose shown name they match."""
    return query.accept(lambda node: _speaker_expanded(names, node))


def _words_of(key: str, node: Query) -> Query:
    """The `said` node as words of the speaker `key` ("" for anyone), or of a place ("\x1e<i>"):
    see SaidWords."""
    if isinstance(node, Phrase):
        return Phrase("said", [said_term(key, w) for w in node.words], slop=node.slop)
    return type(node)("said", said_term(key, _text(node)))


def _words_of_speaker(key: str, node: Query) -> list[Query]:
    """The ways a paragraph can hold `node` in the words of the speaker `key`: as its only speaker
    with words, in one of the first SLOTS places, or (after them) under its key."""
    places = [And([Term("said", speaker_slot_term(key, i)), _words_of(f"{SLOT}{i}", node)]) for i in range(SLOTS)]
    return [And([_words_of("", node), Term("said", only_speaker_term(key))]), *places, _words_of(key, node)]


def _said_by(keys: list[str], node: Query) -> Query:
    if getattr(node, "fieldname", None) != "said":
        return node
    if not isinstance(node, (Phrase, Term, Prefix, Wildcard)):
        return NullQuery  # a fuzzy term or range over said words: not offered
    anyone = _words_of("", node)
    if not keys:
        return anyone
    return Or([q for k in keys for q in _words_of_speaker(k, node)])


def restrict_said(query: Query, names: SpeakerNames | None, speakers: tuple[str, ...]) -> Query:
    """`said:` terms as the words of `speakers` (every spelling of each), or of anyone when none:
    see _words_of_speaker."""
    keys: list[str] = []
    if speakers:
        spellings = [s for name in speakers for s in names.indexed(name)] if names is not None else speakers
        keys = sorted({speaker_key(s) for s in spellings})
    return query.accept(lambda node: _said_by(keys, node))
