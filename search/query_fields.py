"""Field prefixes on metadata (`section:`, `site:`, `author:`, `date:`) matched the way people type them.

These fields are indexed as exact values ("Business", "Henry Foy", "2022-01-13"),
so a parsed `Term('section', 'business')` would find nothing. Each such term is
replaced by the library's own values that match it: case-insensitively, a whole
value or a run of its words (`author:foy`, `section:"ukraine conflict"`), a domain
suffix for sites (`site:ft.com` also finds www.ft.com), and a year, month or day
prefix for dates (`date:2022`, `date:2022-01`).
"""
from __future__ import annotations

import re

from whoosh.query import NullQuery, Or, Prefix, Query, Term

from search.index.schema import NO_VALUE

METADATA_FIELDS = ("section", "site", "author", "date")
_WORDS = re.compile(r"\w+")


def _has_run(words: list[str], wanted: list[str]) -> bool:
    n = len(wanted)
    return any(words[i:i + n] == wanted for i in range(len(words) - n + 1))


def value_matches(field: str, wanted: str, value: str, prefix: bool = False) -> bool:
    """Does the indexed `value` answer the user's `field:wanted`?"""
    w, v = wanted.casefold().strip(), value.casefold()
    if not w:
        return False
    if field == "date" or prefix:
        return v.startswith(w) or (prefix and any(word.startswith(w) for word in _WORDS.findall(v)))
    if v == w:
        return True
    if field == "site" and (v.endswith("." + w) or v.removeprefix("www.") == w.removeprefix("www.")):
        return True
    wanted_words = _WORDS.findall(w)
    return bool(wanted_words) and _has_run(_WORDS.findall(v), wanted_words)


def _expanded(reader, node: Query) -> Query:
    field = getattr(node, "fieldname", None)
    if field not in METADATA_FIELDS or not isinstance(node, (Term, Prefix)):
        return node
    wanted = node.text.decode("utf-8") if isinstance(node.text, bytes) else str(node.text)
    prefix = isinstance(node, Prefix)
    values = [v for v in reader.field_terms(field) if v != NO_VALUE and value_matches(field, wanted, v, prefix)]
    if not values:
        return NullQuery
    return Or([Term(field, v) for v in values]) if len(values) > 1 else Term(field, values[0])


def expand_metadata_fields(reader, query: Query) -> Query:
    """The query with every metadata term replaced by the indexed values it means."""
    return query.accept(lambda node: _expanded(reader, node))
