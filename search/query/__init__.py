"""The query engine: a SearchRequest in, Results out.

    parse      the user's query string -> a Whoosh query (plain-words fallback, did-you-mean)
    fields     `section:` / `site:` / `author:` / `date:` typed in the query -> the indexed values
    facets     one class per facet kind; filtering and counting over the in-memory table
    run        match, filter, order, page, group, snippet -> Results
    snippets   the sentence that holds the query terms, with <mark>
    profile    a speaker's profile, from the table alone

The package's __init__ imports nothing, so search.request can name its facets
from search.query.facets without importing the engine.
"""
