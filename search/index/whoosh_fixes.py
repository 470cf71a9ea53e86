"""A guarded speed fix for whoosh 2.7's segment writer (no change in behaviour or on-disk format).

While writing postings, whoosh asks for each posting's field length. For a
field without a length column (every unscored field: ID, KEYWORD, match-only
text) `W3PerDocReader._cached_reader` does not remember that the column is
missing, so every posting costs a `stat()` of a file that is not there:
measured here as 40% of indexing time. This caches the miss. When the codec
looks different (another fork), nothing is patched.
"""
from __future__ import annotations

_MISSING = object()


def apply() -> None:
    try:
        from whoosh.codec.whoosh3 import W3PerDocReader
    except ImportError:
        return
    original = getattr(W3PerDocReader, "_cached_reader", None)
    if original is None or getattr(original, "_cuttings_fixed", False):
        return

    def _cached_reader(self, fieldname, column):
        readers = self._readers
        found = readers.get(fieldname, _MISSING)
        if found is _MISSING:
            found = readers[fieldname] = original(self, fieldname, column)
        return found

    _cached_reader._cuttings_fixed = True
    W3PerDocReader._cached_reader = _cached_reader
