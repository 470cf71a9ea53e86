"""Per-paragraph facet values in memory, read from the `row` column once per index segment.

Filtering by facets and counting them is then set arithmetic in Python, which
is fast (milliseconds for tens of thousands of paragraphs) and makes
"counts with every other filter but not its own" cheap: one pass per facet.
"""
from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from whoosh.searching import Searcher


@dataclass(frozen=True, slots=True)
class Row:
    article_id: str
    n: int
    speakers: tuple[tuple[str, str | None, str], ...]  # (name, role, kind)
    section: str
    authors: tuple[str, ...]
    site: str
    day: str  # ISO day or ""

    @property
    def speaker_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s[0] for s in self.speakers))

    def values(self, facet: str) -> tuple[str, ...]:
        if facet == "speaker":
            return self.speaker_names
        if facet == "section":
            return (self.section,) if self.section else ()
        if facet == "author":
            return self.authors
        if facet == "site":
            return (self.site,) if self.site else ()
        if facet == "date":
            return (self.day[:4], self.day[:7], self.day) if self.day else ()
        if facet == "article":
            return (self.article_id,)
        raise KeyError(facet)


def _row(raw: bytes) -> Row | None:
    if not raw:
        return None
    d = json.loads(raw)
    return Row(d["a"], d["n"], tuple((s[0], s[1], s[2]) for s in d["sp"]), d["se"], tuple(d["au"]), d["si"], d["d"])


@dataclass
class Table:
    """Rows by global document number for one searcher, with value -> docnums maps built lazily."""

    rows: dict[int, Row]  # live (not deleted) documents only
    _index: dict[str, dict[str, set[int]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _top_roles: dict[str, str | None] = field(default_factory=dict)

    def docs_with(self, facet: str, value: str) -> set[int]:
        return self.inverted(facet).get(value, set())

    def inverted(self, facet: str) -> dict[str, set[int]]:
        found = self._index.get(facet)
        if found is None:
            with self._lock:
                found = defaultdict(set)
                for doc, row in self.rows.items():
                    for v in row.values(facet):
                        found[v].add(doc)
                found = dict(found)
                self._index[facet] = found
        return found

    def all_docs(self) -> set[int]:
        return set(self.rows)

    def roles(self, name: str) -> Counter:
        """role -> paragraphs in which `name` speaks with that role."""
        rows = self.rows
        counts: Counter = Counter()
        for d in self.docs_with("speaker", name):
            counts.update({s[1] for s in rows[d].speakers if s[0] == name and s[1]})
        return counts

    def top_role(self, name: str) -> str | None:
        cached = self._top_roles.get(name, False)
        if cached is False:
            common = self.roles(name).most_common(1)
            cached = self._top_roles[name] = common[0][0] if common else None
        return cached


class TableCache:
    """One Table per searcher; segment rows are reused across searchers (segments never change)."""

    def __init__(self) -> None:
        self._segments: dict[str, list[Row | None]] = {}
        self._tables: dict[int, Table] = {}
        self._lock = threading.Lock()

    def table(self, searcher: Searcher) -> Table:
        key = id(searcher.reader())
        table = self._tables.get(key)
        if table is None:
            with self._lock:
                table = self._tables.get(key)
                if table is None:
                    table = self._build(searcher)
                    self._tables = {key: table}  # keep only the newest searcher's table
        return table

    def _build(self, searcher: Searcher) -> Table:
        rows: dict[int, Row] = {}
        live_segments = {}
        for reader, offset in searcher.reader().leaf_readers():
            seg_key = _segment_key(reader)
            seg_rows = self._segments.get(seg_key) if seg_key else None
            if seg_rows is None:
                seg_rows = _read_rows(reader)
            if seg_key:
                live_segments[seg_key] = seg_rows
            deleted = reader.is_deleted if reader.has_deletions() else None
            for i, row in enumerate(seg_rows):
                if row is not None and not (deleted and deleted(i)):
                    rows[offset + i] = row
        self._segments = live_segments
        return Table(rows)


def _segment_key(reader) -> str | None:
    segment = getattr(reader, "segment", None)
    return segment().segment_id() if callable(segment) else None


def _read_rows(reader) -> list[Row | None]:
    if reader.doc_count_all() == 0 or not reader.has_column("row"):
        return [None] * reader.doc_count_all()
    column = reader.column_reader("row")
    return [_row(column[i]) for i in range(reader.doc_count_all())]
