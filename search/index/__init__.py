"""The Whoosh side of the library: schema, on-disk store, sources, facet table, rebuild."""
from search.index import whoosh_fixes

whoosh_fixes.apply()
