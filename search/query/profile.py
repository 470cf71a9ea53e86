"""Speaker profiles: how often, in which roles, when, and alongside whom a speaker is quoted.

Answered from the in-memory facet table alone (no stored fields, no query):
one pass over the speaker's paragraphs, their roles as the speaker facet counts
them, then one pass per article they appear in.
"""
from __future__ import annotations

from collections import Counter

from search.index.table import ARTICLE, Table
from search.query.facets import FACET_KINDS
from search.results import SpeakerProfile

SPEAKER = FACET_KINDS["speaker"]


def speaker_profile(table: Table, name: str) -> SpeakerProfile | None:
    """The profile of a speaker under the name the library shows them by (`name` may be any
    spelling of it: "tony blair", "Mr Blair"); None when no paragraph is theirs."""
    speakers = table.speaker_names()
    name = speakers.resolve(name) or name
    docs = table.docs_with(SPEAKER, name)
    if not docs:
        return None
    articles: set[str] = set()
    timeline: Counter = Counter()
    for article in map(table.articles.__getitem__, docs):
        articles.add(article.article_id)
        if article.day:
            timeline[article.day[:7]] += 1
    roles = SPEAKER.roles(table, name)
    names = table.values_by_doc(SPEAKER)
    co: Counter = Counter()
    for a in articles:
        co.update({s for d in table.docs_with(ARTICLE, a) for s in names[d] if s != name})
    return SpeakerProfile(
        name=name, total=len(docs), articles=len(articles),
        roles=sorted(roles.items(), key=lambda x: (-x[1], x[0])),
        timeline=sorted(timeline.items()),
        co_speakers=sorted(co.items(), key=lambda x: (-x[1], x[0])),
        variants=speakers.variants(name),
    )
