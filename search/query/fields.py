"""Field prefixes on metadata (`section:`, `site:`, `author:`, `date:`) matched the way people type them.

These fields are indexed as exact values ("Business", "Henry Foy", "2022-01-13"),
so a parsed `Term('section', 'business')` would find nothing. Each such term is
replaced by the library's own values that match it, as the facet kind of that
field reads them (search/query/facets.py: `query_matches`).
"""
from __future__ import annotations

from whoosh.query import NullQuery, Or, Prefix, Query, Term

from search.index.schema import NO_VALUE
from search.query.facets import FACET_KINDS

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
