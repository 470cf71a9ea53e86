"""Speaker profiles: how often, in which roles, when, and alongside whom a speaker is quoted."""
from __future__ import annotations

from collections import Counter

from search.index.table import Table


def speaker_profile(table: Table, name: str):
    """-> search.library.SpeakerProfile | None"""
    from search.library import SpeakerProfile  # defined with the Library contract

    docs = table.docs_with("speaker", name)
    if not docs:
        return None
    rows = table.rows
    articles = {rows[d].article_id for d in docs}
    timeline = Counter(rows[d].day[:7] for d in docs if rows[d].day)
    co: Counter = Counter()
    for a in articles:
        others = {s for d in table.docs_with("article", a) for s in rows[d].speaker_names if s != name}
        co.update(others)
    return SpeakerProfile(
        name=name, total=len(docs), articles=len(articles),
        roles=sorted(table.roles(name).items(), key=lambda x: (-x[1], x[0])),
        timeline=sorted(timeline.items()),
        co_speakers=sorted(co.items(), key=lambda x: (-x[1], x[0])),
    )
