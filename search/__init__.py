"""Cuttings' engine: news cuttings in, paragraphs found by word, speaker, date and source out.

The flow runs one way, each stage taking the previous stage's value:

    ingest     bytes (pasted text, saved page, PDF) -> a clean Article        search/ingest/
    speakers   paragraphs -> who speaks in each, in what role, which words    search/speakers/
    curation   the user's decisions, applied to each parsed Article           search/curation/
    index      Articles <-> Whoosh documents and the library on disk          search/index/
    query      a SearchRequest -> Results (hits, facets, suggestions)         search/query/
    library    the facade the shells use: add, search, reindex, ...          search/library.py
    web / cli  Flask pages and JSON/Atom/CSV (web/), the `cuttings` command   web/, search/cli.py

Beside the stages: the data model (model.py), the API types of a search
(request.py, results.py), content-derived ids (ids.py), user-facing errors
(errors.py), the one serialiser of results as data (serialize.py), and
reading a cutting in a worker process with a time limit (parse_pool.py,
lifetime.py). curator.py holds the library's curation operations.
"""
