"""Per-paragraph facet values in memory, read from the `row` column once per index segment.

Filtering by facets and counting them is then set arithmetic in Python, which
is fast (milliseconds for tens of thousands of paragraphs) and makes
"counts with every other filter but not its own" cheap: one pass per facet.

Everything derived from a segment (its rows, value lists, value -> documents
maps) is cached per segment, which never changes once written; a new searcher
only concatenates the per-segment lists (global docnum = segment offset +
local docnum), so the first search after an add stays fast.
"""
from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from whoosh.searching import Searcher

DIRECT_SPEAKERS = "speaker_direct"  # pseudo-facet: names quoted directly in the paragraph


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
        if facet == DIRECT_SPEAKERS:
            return tuple(dict.fromkeys(s[0] for s in self.speakers if s[2] == "direct"))
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


class SegmentRows:
    """One segment's rows (by local docnum, deleted ones included) and what derives from them."""

    def __init__(self, rows: list[Row | None]) -> None:
        self.rows = rows
        self._values: dict[str, list[tuple[str, ...]]] = {}
        self._inverted: dict[str, dict[str, list[int]]] = {}

    def values(self, facet: str) -> list[tuple[str, ...]]:
        found = self._values.get(facet)
        if found is None:
            found = self._values[facet] = [r.values(facet) if r is not None else () for r in self.rows]
        return found

    def inverted(self, facet: str) -> dict[str, list[int]]:
        found = self._inverted.get(facet)
        if found is None:
            index: dict[str, list[int]] = defaultdict(list)
            for i, vals in enumerate(self.values(facet)):
                for v in vals:
                    index[v].append(i)
            found = self._inverted[facet] = dict(index)
        return found


class Table:
    """The rows of one searcher, by global document number; `live` holds the documents not deleted."""

    def __init__(self, parts: list[tuple[SegmentRows, int]], live: frozenset[int]) -> None:
        self.parts = parts  # (segment, offset)
        self.rows: list[Row | None] = [r for seg, _ in parts for r in seg.rows]
        self.live = live
        self._values: dict[str, list[tuple[str, ...]]] = {}
        self._top_roles: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def all_docs(self) -> frozenset[int]:
        return self.live

    def values_by_doc(self, facet: str) -> list[tuple[str, ...]]:
        """Each document's values of one facet, indexable by global docnum."""
        found = self._values.get(facet)
        if found is None:
            with self._lock:
                found = [v for seg, _ in self.parts for v in seg.values(facet)]
                self._values[facet] = found
        return found

    def docs_with(self, facet: str, value: str) -> set[int]:
        live = self.live
        return {offset + i for seg, offset in self.parts for i in seg.inverted(facet).get(value, ()) if offset + i in live}

    def article_ids(self) -> set[str]:
        rows = self.rows
        return {rows[d].article_id for d in self.live}

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
    """The newest searcher's Table; segment rows are reused across searchers (segments never change)."""

    def __init__(self) -> None:
        self._segments: dict[str, SegmentRows] = {}
        self._newest: tuple[object, Table] | None = None  # (reader, its table)
        self._lock = threading.Lock()

    def table(self, searcher: Searcher) -> Table:
        reader = searcher.reader()
        newest = self._newest
        if newest is not None and newest[0] is reader:
            return newest[1]
        with self._lock:
            newest = self._newest
            if newest is not None and newest[0] is reader:
                return newest[1]
            table = self._build(reader)
            self._newest = (reader, table)
            return table

    def _build(self, reader) -> Table:
        parts: list[tuple[SegmentRows, int]] = []
        live: set[int] = set()
        segments: dict[str, SegmentRows] = {}
        for leaf, offset in reader.leaf_readers():
            key = _segment_key(leaf)
            seg = self._segments.get(key) if key else None
            if seg is None:
                seg = SegmentRows(_read_rows(leaf))
            if key:
                segments[key] = seg
            parts.append((seg, offset))
            deleted = leaf.is_deleted if leaf.has_deletions() else None
            live.update(offset + i for i, r in enumerate(seg.rows) if r is not None and not (deleted and deleted(i)))
        self._segments = segments
        return Table(parts, frozenset(live))


def _segment_key(reader) -> str | None:
    segment = getattr(reader, "segment", None)
    found = segment() if callable(segment) else None
    return found.segment_id() if found is not None else None


def _read_rows(reader) -> list[Row | None]:
    count = reader.doc_count_all()
    if count == 0 or not reader.has_column("row"):
        return [None] * count
    column = reader.column_reader("row")
    return [_row(column[i]) for i in range(count)]
