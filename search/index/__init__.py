"""The Whoosh side of the library: schema, on-disk store, sources, facet table, rebuild."""
from search.index import whoosh_fixes, whoosh_workers

whoosh_fixes.apply()
whoosh_workers.apply()
