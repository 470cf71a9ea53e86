"""What the user decided about the library, kept beside sources/ and applied on every build.

    decisions  the data: an article's corrected fields, a paragraph's speakers, tags, stars;
               speaker-name merges and splits; saved searches
    apply      a parsed Article + the user's decisions -> the Article the index holds (pure)
    files      atomic JSON files (write aside, fsync, rename)
    journal    a change of several files that a crash leaves done or undone, never half
    store      the folder <library>/curation/ and the trash <library>/trash/

sources/ is never rewritten: every decision is a small JSON file keyed by the
source file's name (content-derived, stable across reindexes and parser changes)
and, for a paragraph, by its number and a hash of its text, so that a decision
that no longer fits the parsed article is reported instead of misapplied.
This package knows nothing of the index, the query engine or the web.
"""
