"""Per-paragraph facet values in memory, read once per index segment (search/index/rows.py).

Filtering by facets and counting them is then set arithmetic in Python, which
is fast (milliseconds for tens of thousands of paragraphs) and makes
"counts with every other filter but not its own" cheap: one pass per facet.

Everything derived from a segment (its rows, value lists, value -> documents
maps, value counts, sort keys, which rows are deleted) is cached per segment,
which never changes once written except for new deletions (recomputed when the
segment's deletion count grows); a new searcher only concatenates or sums the
per-segment answers (global docnum = segment offset + local docnum), so after
adding one article only its new segment is read and counted.
"""
from __future__ import annotations

import gc
import threading
from array import array
from collections import Counter, defaultdict
from contextlib import contextmanager
from itertools import chain
from typing import Callable, Iterable, Iterator

from whoosh.searching import Searcher

from search.index.locks import held
from search.index.rows import Row, read_rows, segment_of
from search.index.speaker_names import SpeakerNames, speaker_names

DOCS_CACHED = 1024  # (column, value) -> paragraphs sets kept per table
TABLE_TIMEOUT = 30.0  # seconds a search waits for another thread building the table
_MISSING = object()


class Column:
    """Values per paragraph, derived from the rows: what a facet filters and counts on.

    `values` maps a segment's rows (None for a row without values) to one tuple of
    values each, as one comprehension over the segment: a method call per row
    costs three times more, which matters on a fresh library.
    """

    name: str = ""

    def values(self, rows: list[Row | None]) -> list[tuple[str, ...]]:
        raise NotImplementedError

    def names(self, table: Table) -> SpeakerNames | None:
        """How the table shows this column's values, when one indexed value is not one shown
        value (speakers: "Blair" is shown as "Tony Blair"); None: values are shown as indexed."""
        return None


class ArticleColumn(Column):
    """The article each paragraph belongs to."""

    name = "article"

    def values(self, rows: list[Row | None]) -> list[tuple[str, ...]]:
        return [(r.article_id,) if r is not None else () for r in rows]


ARTICLE = ArticleColumn()


class SegmentRows:
    """One segment's rows (by local docnum, deleted ones included) and what derives from them."""

    def __init__(self, rows: list[Row | None]) -> None:
        self.rows = rows
        self._values: dict[str, list[tuple[str, ...]]] = {}
        self._inverted: dict[str, dict[str, array]] = {}
        self._counts: dict[str, Counter] = {}
        # (deletions, live, deleted) local docnums, as arrays of machine integers: a list of ints
        # costs 36 bytes a paragraph, an array 4
        self._live: tuple[int, array, array] | None = None
        self._sort_keys: dict[str, list] = {}
        self._mentions: tuple[int, set] | None = None  # (deletions, (name, role, article) of live rows)

    def live_and_deleted(self, reader) -> tuple[array, array]:
        """Local docnums not deleted / deleted. Deletions only ever grow in a segment, so
        their count identifies them: unchanged segments cost nothing on a new searcher."""
        deletions = reader.doc_count_all() - reader.doc_count()
        cached = self._live
        if cached is None or cached[0] != deletions:
            deleted = reader.is_deleted if deletions else None
            live, gone = array("I"), array("I")
            for i, r in enumerate(self.rows):
                if r is not None:
                    (gone if deleted and deleted(i) else live).append(i)
            cached = self._live = (deletions, live, gone)
        return cached[1], cached[2]

    def mentions(self) -> set[tuple[str, str | None, str]]:
        """(speaker name, role, article) of the live rows (as live_and_deleted last found them):
        what the library's speaker names derive from."""
        deletions, live, _gone = self._live or (0, [i for i, r in enumerate(self.rows) if r is not None], [])
        cached = self._mentions
        if cached is None or cached[0] != deletions:
            rows = self.rows
            found = {(s[0], s[1], r.article_id) for r in map(rows.__getitem__, live) for s in r.speakers}
            cached = self._mentions = (deletions, found)
        return cached[1]

    def counts(self, column: Column) -> Counter:
        """value -> rows of this segment (deleted ones included)."""
        found = self._counts.get(column.name)
        if found is None:
            found = self._counts[column.name] = Counter(chain.from_iterable(self.values(column)))
        return found

    def sort_keys(self, kind: str) -> list:
        """Per row: ("article") (article id, paragraph), ("day") the ISO day, ("undated last") (no day, day)."""
        found = self._sort_keys.get(kind)
        if found is None:
            blank = ("", 0) if kind == "article" else ("" if kind == "day" else (True, ""))
            make = {"article": lambda r: (r.article_id, r.n), "day": lambda r: r.day,
                    "undated last": lambda r: (r.day == "", r.day)}[kind]
            found = self._sort_keys[kind] = [make(r) if r is not None else blank for r in self.rows]
        return found

    def values(self, column: Column) -> list[tuple[str, ...]]:
        """Each row's values; equal tuples kept once (most rows share theirs with others)."""
        found = self._values.get(column.name)
        if found is None:
            shared = {}.setdefault
            found = self._values[column.name] = [shared(v, v) for v in column.values(self.rows)]
        return found

    def inverted(self, column: Column) -> dict[str, array]:
        """value -> the rows that have it (an array of local docnums: 4 bytes a row, not 36)."""
        found = self._inverted.get(column.name)
        if found is None:
            index: dict[str, array] = defaultdict(lambda: array("I"))
            for i, vals in enumerate(self.values(column)):
                for v in vals:
                    index[v].append(i)
            found = self._inverted[column.name] = dict(index)
        return found


class Table:
    """The rows of one searcher, by global document number; `live` holds the documents not deleted."""

    def __init__(self, parts: list[tuple[SegmentRows, int]], live: frozenset[int],
                 deleted: list[tuple[SegmentRows, array]] | None = None,
                 apart: frozenset[frozenset[str]] = frozenset()) -> None:
        self.parts = parts  # (segment, offset)
        self.apart = apart  # speaker names the user split apart: never joined again
        self.deleted = deleted or []  # (segment, its deleted local docnums)
        self.rows: list[Row | None] = [r for seg, _ in parts for r in seg.rows]
        self.live = live
        self._values: dict[str, list[tuple[str, ...]]] = {}
        self._derived: dict[object, object] = {}  # whole-table answers, computed once per table
        self._docs: dict[tuple[str, str], frozenset[int]] = {}  # docs_with answers, oldest first
        self._lock = threading.Lock()
        self._names_lock = threading.Lock()

    def all_docs(self) -> frozenset[int]:
        return self.live

    def speaker_names(self) -> SpeakerNames:
        """The library's speakers under one name each, computed once per table (index state).

        Hundreds of milliseconds on a large library: a search arriving while another thread
        (the warm-up at start) computes them waits for that answer instead of computing it again."""
        found = self._derived.get("speaker names")
        if found is None:
            with held(self._names_lock, "The speaker names", TABLE_TIMEOUT):
                found = self.derived("speaker names", lambda: speaker_names(
                    chain.from_iterable(seg.mentions() for seg, _ in self.parts), self.apart))
        return found

    def values_by_doc(self, column: Column) -> list[tuple[str, ...]]:
        """Each document's values of one column, as shown, indexable by global docnum."""
        found = self._values.get(column.name)
        if found is None:
            names = column.names(self)
            with held(self._lock, "The facet table", TABLE_TIMEOUT), gc_paused():
                found = [v for seg, _ in self.parts for v in seg.values(column)]
                if names is not None:
                    found = _shown_values(found, names)
                self._values[column.name] = found
        return found

    def docs_with(self, column: Column, value: str) -> frozenset[int]:
        """The live paragraphs with this (shown) value (cached: filters and pages ask again and again)."""
        key = (column.name, value)
        found = self._docs.get(key)
        if found is None:
            names = column.names(self)
            found = frozenset(self._live_with(column, names.indexed(value) if names is not None else (value,)))
            with held(self._lock, "The facet table", TABLE_TIMEOUT):
                if len(self._docs) >= DOCS_CACHED:
                    del self._docs[next(iter(self._docs))]  # the oldest
                self._docs[key] = found
        return found

    def article_ids(self) -> set[str]:
        return self.derived("article_ids", lambda: {self.rows[d].article_id for d in self.live})

    def story_articles(self) -> dict[str, tuple[str, ...]]:
        """story -> its articles, for each story that more than one live article tells (near-duplicates)."""
        def stories() -> dict[str, tuple[str, ...]]:
            found: dict[str, set[str]] = defaultdict(set)
            for story, article_id in {(r.story or r.article_id, r.article_id)
                                      for d in self.live if (r := self.rows[d]) is not None}:
                found[story].add(article_id)
            return {story: tuple(sorted(ids)) for story, ids in found.items() if len(ids) > 1}

        return self.derived("story_articles", stories)

    def story_count(self, docs) -> int:
        """How many stories the paragraphs `docs` are from (an article and its copies count once)."""
        rows = self.rows
        if docs is self.live:
            return self.derived("story_count", lambda: len({rows[d].story or rows[d].article_id for d in docs}))
        return len({rows[d].story or rows[d].article_id for d in docs})

    def counts_over_all(self, column: Column) -> Counter:
        """value -> live paragraphs: the counts of a facet that no filter narrows (read-only).

        Summed from each segment's cached counts, less its deleted rows: after an add
        only the new segment is counted."""
        def total() -> Counter:
            counts: Counter = Counter()
            for seg, _ in self.parts:
                counts.update(seg.counts(column))
            for seg, gone in self.deleted:
                counts.subtract(chain.from_iterable(map(seg.values(column).__getitem__, gone)))
            counts = +counts  # drop values left at zero
            names = column.names(self)
            return counts if names is None else self._shown_counts(column, counts, names)

        return self.derived(("counts", column.name), total)

    def _shown_counts(self, column: Column, counts: Counter, names: SpeakerNames) -> Counter:
        """Indexed values' counts summed under their shown names; a shown name several spellings
        reach is counted from its paragraphs, so one paragraph naming "Blair" and "Tony Blair" counts once."""
        shown: Counter = Counter()
        spellings: Counter = Counter()
        for value, n in counts.items():
            name = names.shown(value)
            shown[name] += n
            spellings[name] += 1
        for name, k in spellings.items():
            if k > 1:  # not through docs_with: its cache is for what filters ask, not for every merged name
                shown[name] = len(self._live_with(column, names.indexed(name)))
        return shown

    def _live_with(self, column: Column, indexed: tuple[str, ...]) -> set[int]:
        """The live paragraphs with any of these indexed values."""
        live = self.live
        return {offset + i for seg, offset in self.parts for v in indexed
                for i in seg.inverted(column).get(v, ()) if offset + i in live}

    def _keys(self, kind: str) -> list:
        return self.derived(("keys", kind), lambda: [k for seg, _ in self.parts for k in seg.sort_keys(kind)])

    def date_order(self, newest: bool) -> list[int]:
        """Every live paragraph, newest (or oldest) first; ties in article, then paragraph, order."""
        def ordered() -> list[int]:
            docs = sorted(self.live, key=self._keys("article").__getitem__)
            if newest:
                docs.sort(key=self._keys("day").__getitem__, reverse=True)  # stable: ties keep article order
            else:
                docs.sort(key=self._keys("undated last").__getitem__)
            return docs

        return self.derived(("date_order", newest), ordered)

    def derived(self, key: object, compute):
        """compute(), once per table: answers that depend only on the table's rows."""
        found = self._derived.get(key, _MISSING)
        if found is _MISSING:
            with gc_paused():
                found = self._derived[key] = compute()  # a race computes it twice, the same both times
        return found


class TableCache:
    """The newest searcher's Table; segment rows are reused across searchers (segments never change).

    `apart`: the speaker names the user split apart (the curation's decisions), read per new table."""

    def __init__(self, apart: Callable[[], Iterable[frozenset[str]]] = tuple) -> None:
        self._apart = apart
        self._segments: dict[str, SegmentRows] = {}
        self._newest: tuple[tuple, Table] | None = None  # (index state, its table)
        self._lock = threading.Lock()

    def table(self, searcher: Searcher) -> Table:
        """The table of the index state `searcher` reads: every thread's searcher of the
        same segments and deletions shares one (their document numbers are the same)."""
        reader = searcher.reader()
        state = _state(reader)
        newest = self._newest
        if newest is not None and newest[0] == state:
            return newest[1]
        with held(self._lock, "The facet table", TABLE_TIMEOUT):
            newest = self._newest
            if newest is not None and newest[0] == state:
                return newest[1]
            with gc_paused():
                table = self._build(reader)
            self._newest = (state, table)
            return table

    def _build(self, reader) -> Table:
        """Reuse every unchanged segment's rows and derived lists; read only new segments."""
        parts: list[tuple[SegmentRows, int]] = []
        live: list[int] = []
        deleted: list[tuple[SegmentRows, array]] = []
        segments: dict[str, SegmentRows] = {}
        for leaf, offset in reader.leaf_readers():
            key = _segment_key(leaf)
            seg = self._segments.get(key) if key else None
            if seg is None:
                seg = SegmentRows(read_rows(leaf))
            if key:
                segments[key] = seg
            parts.append((seg, offset))
            here, gone = seg.live_and_deleted(leaf)
            live += [offset + i for i in here] if offset else here
            if gone:
                deleted.append((seg, gone))
        self._segments = segments
        return Table(parts, frozenset(live), deleted, frozenset(self._apart()))


@contextmanager
def gc_paused(*, then_freeze: bool = False) -> Iterator[None]:
    """Building the table (or a segment's postings) allocates hundreds of thousands of
    tuples; the cyclic garbage collector would walk the whole heap again and again
    meanwhile (a third of the table's time measured here). They hold no cycles, so
    collection waits until the end.

    `then_freeze`: for what a server builds once at start to keep (the table and the answers
    derived from it): the collector is then told never to walk those objects again
    (gc.freeze), before it runs again. Walking them took 0.8 s of a 2.3 s warm-up at 200,000
    paragraphs; with no cycles among them a newer table still frees them by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if then_freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _shown_values(values: list[tuple[str, ...]], names: SpeakerNames) -> list[tuple[str, ...]]:
    """Each row's values under their shown names (each distinct tuple renamed once)."""
    renamed: dict[tuple[str, ...], tuple[str, ...]] = {}
    shown = names.shown

    def rename(value: tuple[str, ...]) -> tuple[str, ...]:
        found = renamed[value] = tuple(dict.fromkeys(map(shown, value)))
        return found

    return [renamed.get(v) or (rename(v) if v else v) for v in values]


def _state(reader) -> tuple:
    """What a reader reads: its segments in order, each with its count of deleted documents."""
    return tuple((_segment_key(leaf) or id(leaf), leaf.doc_count_all() - leaf.doc_count())
                 for leaf, _offset in reader.leaf_readers())


def _segment_key(reader) -> str | None:
    found = segment_of(reader)
    return found.segment_id() if found is not None else None
