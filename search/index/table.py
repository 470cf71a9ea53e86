"""Per-paragraph facet values in memory, read once per index segment (search/index/rows.py).

Filtering by facets and counting them is then set arithmetic in Python, which
is fast (milliseconds for tens of thousands of paragraphs) and makes
"counts with every other filter but not its own" cheap: one pass per facet.

What is an article's (section, authors, day...) is held once per article, not
per paragraph: a search reads each paragraph's values through its article's
number, and the counts over the whole library are made article by article.

Everything derived from a segment (its rows, value lists, value -> documents
maps, value counts, which rows are deleted) is cached per segment,
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
from itertools import accumulate, chain, compress, islice
from operator import gt
from pathlib import Path
from typing import Callable, Iterable, Iterator

from whoosh.searching import Searcher

from search.index.locks import held
from search.index.names_file import NAMES_FILE, NamesFile, names_key
from search.index.rows import ArticleRow, Rows, index_folder, read_rows, segment_of
from search.index.speaker_names import SpeakerNames, speaker_names
from search.speakers.identity import NameCounts

DOCS_CACHED = 1024  # (column, value) -> paragraphs sets kept per table
TABLE_TIMEOUT = 30.0  # seconds a search waits for another thread building the table
_MISSING = object()


class Column:
    """Values per paragraph, derived from the rows: what a facet filters and counts on.

    `values` maps a segment's rows to one tuple of values per document (() for one
    that is not a paragraph), as one comprehension: a method call per row costs three
    times more, which matters on a fresh library.

    A column whose values are the article's (`of_articles`: section, date...) gives them
    once per article instead (`article_values`); the table then reads it through each
    paragraph's article number, without a tuple per paragraph.
    """

    name: str = ""
    of_articles = False

    def article_values(self, articles: list[ArticleRow]) -> list[tuple[str, ...]]:
        """One tuple of values per article (for a column `of_articles`)."""
        raise NotImplementedError

    def values(self, rows: Rows) -> list[tuple[str, ...]]:
        """One tuple of values per document (for a column not `of_articles`)."""
        raise NotImplementedError

    def names(self, table: Table) -> SpeakerNames | None:
        """How the table shows this column's values, when one indexed value is not one shown
        value (speakers: "Blair" is shown as "Tony Blair"); None: values are shown as indexed."""
        return None


class ArticleColumn(Column):
    """The article each paragraph belongs to."""

    name = "article"
    of_articles = True

    def article_values(self, articles: list[ArticleRow]) -> list[tuple[str, ...]]:
        return [(a.article_id,) for a in articles]


ARTICLE = ArticleColumn()


class SegmentRows:
    """One segment's rows (by local docnum, deleted ones included) and what derives from them."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self._articles: list[ArticleRow | None] | None = None
        self._grouped: tuple[array, array] | None = None
        self._codes: tuple[int, array] | None = None
        self._article_values: dict[str, list[tuple[str, ...]]] = {}
        self._values: dict[str, list[tuple[str, ...]]] = {}
        self._inverted: dict[str, dict[str, array | list[int]]] = {}
        self._counts: dict[str, Counter] = {}
        self._several: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        # (deletions, live, deleted) local docnums, as arrays of machine integers: a list of ints
        # costs 36 bytes a paragraph, an array 4
        self._live: tuple[int, array, array] | None = None
        self._all_names: NameCounts | None = None  # the speaker name counts of every row, deleted or not
        self._names: tuple[int, NameCounts] | None = None  # (deletions, the counts of the live rows)
        self._copies: tuple[int, list[tuple[str, str]]] | None = None  # (deletions, copies())
        self._deleted: tuple[int, set[int]] | None = None  # (deletions, _deleted_articles())

    def live_and_deleted(self, reader) -> tuple[array, array]:
        """Local docnums not deleted / deleted. Deletions only ever grow in a segment, so
        their count identifies them: unchanged segments cost nothing on a new searcher."""
        deletions = reader.doc_count_all() - reader.doc_count()
        cached = self._live
        if cached is None or cached[0] != deletions:
            paragraphs = compress(range(len(self.rows)), map((0).__le__, self.rows.article_of))
            live, gone = array("I"), array("I")
            if not deletions:
                live.extend(paragraphs)
            for i in paragraphs if deletions else ():
                (gone if reader.is_deleted(i) else live).append(i)
            cached = self._live = (deletions, live, gone)
        return cached[1], cached[2]

    def name_counts(self) -> NameCounts:
        """What the library's speaker names derive from (search/speakers/identity.py), over the live
        rows as live_and_deleted last found them: the counts of every row less those of the deleted
        ones. An article is deleted whole, so a deletion costs the counts of its own rows, not the
        segment's again."""
        deletions = self._live[0] if self._live else 0
        cached = self._names
        if cached is None or cached[0] != deletions:
            if self._all_names is None:
                self._all_names = NameCounts.of_articles(self._speakers_of(range(len(self.rows.articles))))
            deleted = self._deleted_articles()
            counts = self._all_names - NameCounts.of_articles(self._speakers_of(sorted(deleted))) if deleted \
                else self._all_names
            cached = self._names = (deletions, counts)
        return cached[1]

    def copies(self) -> list[tuple[str, str]]:
        """(story, article id) of each live article that joined the story of another (a near-duplicate),
        as live_and_deleted last found them. Few: a pair kept for every article took 10 MB at 200,000
        paragraphs."""
        deletions, _live, _gone = self._live or (0, None, ())
        cached = self._copies
        if cached is None or cached[0] != deletions:
            found = [(row.story, row.article_id) for a, row in enumerate(self.rows.articles)
                     if row.story != row.article_id and self._article_live(a)]
            cached = self._copies = (deletions, found)
        return cached[1]

    def tells_own_story(self, article_id: str) -> bool:
        """Whether the article is live here under a story of its own (it is the first of its story)."""
        return any(self.rows.articles[a].story == article_id and self._article_live(a)
                   for a in self.inverted(ARTICLE).get(article_id, ()))

    def _article_live(self, a: int) -> bool:
        """Whether article number `a` has paragraphs, not deleted."""
        _order, starts = self.grouped()
        return starts[a] != starts[a + 1] and a not in self._deleted_articles()

    def _deleted_articles(self) -> set[int]:
        """The numbers of the articles whose paragraphs are deleted (as live_and_deleted last found
        them): an article is deleted whole."""
        deletions, _live, gone = self._live or (0, None, ())
        cached = self._deleted
        if cached is None or cached[0] != deletions:
            cached = self._deleted = (deletions, {self.rows.article_of[i] for i in gone})
        return cached[1]

    def _speakers_of(self, articles: Iterable[int]) -> Iterator[set[tuple[str, str | None]]]:
        """The distinct (speaker name, role) of each of these articles' paragraphs, article by article
        (a set for one article at a time, not one for the segment)."""
        speakers = self.rows.speakers
        order, starts = self.grouped()
        for a in articles:
            yield {(s[0], s[1]) for i in order[starts[a]:starts[a + 1]] for s in speakers[i]}

    def counts(self, column: Column) -> Counter:
        """value -> rows of this segment (deleted ones included)."""
        found = self._counts.get(column.name)
        if found is None:
            if column.of_articles:
                _order, starts = self.grouped()
                found = Counter()
                for a, vals in enumerate(self.article_values(column)):
                    if vals and (k := starts[a + 1] - starts[a]):
                        for v in vals:
                            found[v] += k
            else:
                found = Counter(chain.from_iterable(self.values(column)))
            self._counts[column.name] = found
        return found

    def grouped(self) -> tuple[array, array]:
        """The paragraphs by article: article a's local docnums are order[starts[a]:starts[a + 1]]."""
        if self._grouped is None:
            of = self.rows.article_of
            is_paragraph = list(map((0).__le__, of))
            order = array("I", compress(range(len(of)), is_paragraph))
            codes = array("i", compress(of, is_paragraph))
            if any(map(gt, codes, islice(codes, 1, None))):  # not in article order (the writer keeps it)
                order = array("I", sorted(order, key=of.__getitem__))
            sizes = Counter(codes)
            starts = array("I", accumulate((sizes.get(a, 0) for a in range(len(self.rows.articles))), initial=0))
            self._grouped = (order, starts)
        return self._grouped

    def article_values(self, column: Column) -> list[tuple[str, ...]]:
        """Each article's values (a column `of_articles`); equal tuples kept once."""
        found = self._article_values.get(column.name)
        if found is None:
            shared = {}.setdefault
            found = self._article_values[column.name] = [
                shared(v, v) for v in column.article_values(self.rows.articles)]
        return found

    def article_codes(self, first: int) -> array:
        """Each paragraph's article as its number among the table's articles, this segment's
        first being `first` (for a document that is not a paragraph, a number that means
        nothing); kept for the last `first` asked."""
        cached = self._codes
        if cached is None or cached[0] != first:
            of = self.rows.article_of
            cached = self._codes = (first, array("i", map(first.__add__, of)) if first else of)
        return cached[1]

    def several(self, column: Column) -> list[tuple[int, tuple[str, ...]]]:
        """(local docnum, values) of the rows with more than one value (paragraphs quoting several people)."""
        found = self._several.get(column.name)
        if found is None:
            found = self._several[column.name] = [(i, v) for i, v in enumerate(self.values(column)) if len(v) > 1]
        return found

    def articles(self) -> list[ArticleRow | None]:
        """Each document's article (None for one that is not a paragraph): shared, not copied."""
        if self._articles is None:
            self._articles = self.rows.by_article(self.rows.articles, None)
        return self._articles

    def values(self, column: Column) -> list[tuple[str, ...]]:
        """Each row's values; equal tuples kept once (most rows share theirs with others).
        Kept only for a column that is not the articles': theirs are made from article_values."""
        if column.of_articles:
            return self.rows.by_article(self.article_values(column))
        found = self._values.get(column.name)
        if found is None:
            shared = {}.setdefault
            found = self._values[column.name] = [shared(v, v) for v in column.values(self.rows)]
        return found

    def inverted(self, column: Column) -> dict[str, array | list[int]]:
        """value -> the rows that have it (an array of local docnums: 4 bytes a row, not 36);
        for a column of the articles' values, the articles that have it (see rows_of)."""
        found = self._inverted.get(column.name)
        if found is None:
            if column.of_articles:  # a list of articles: most have a value of their own (article ids)
                found = {}
                for a, vals in enumerate(self.article_values(column)):
                    for v in vals:
                        if (articles := found.get(v)) is None:
                            found[v] = [a]
                        else:
                            articles.append(a)
            else:
                index: dict[str, array] = defaultdict(lambda: array("I"))
                for i, vals in enumerate(self.values(column)):
                    for v in vals:
                        index[v].append(i)
                found = dict(index)
            self._inverted[column.name] = found
        return found

    def rows_of(self, column: Column, value: str) -> Iterator[int]:
        """The rows with this (indexed) value, deleted ones included."""
        found = self.inverted(column).get(value, ())
        if not column.of_articles:
            return iter(found)
        order, starts = self.grouped()
        return chain.from_iterable(order[starts[a]:starts[a + 1]] for a in found)


class Table:
    """The rows of one searcher, by global document number; `live` holds the documents not deleted.

    Per document: `articles[d]` its article's values (None: not a paragraph), `numbers[d]`
    its number in the article, `speakers[d]` its (name, role, kind) speakers, and
    `article_codes[d]` a paragraph's article as its number in `article_list`."""

    def __init__(self, parts: list[tuple[SegmentRows, int]], live: frozenset[int],
                 deleted: list[tuple[SegmentRows, array]] | None = None,
                 apart: frozenset[frozenset[str]] = frozenset(), names_file: NamesFile | None = None) -> None:
        self.parts = parts  # (segment, offset)
        self.apart = apart  # speaker names the user split apart: never joined again
        self.names_file = names_file  # where this state's speaker names are kept, if anywhere
        self.deleted = deleted or []  # (segment, its deleted local docnums)
        self.articles: list[ArticleRow | None] = list(chain.from_iterable(seg.articles() for seg, _ in parts))
        self.speakers: list[tuple] = list(chain.from_iterable(seg.rows.speakers for seg, _ in parts))
        self.article_list: list[ArticleRow] = []  # the segments' articles, in order: what article_codes number
        self.numbers, self.article_codes = array("I"), array("i")
        for seg, _ in parts:
            self.numbers += seg.rows.numbers
            self.article_codes += seg.article_codes(len(self.article_list))
            self.article_list += seg.rows.articles
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
                found = self.derived("speaker names", self._speaker_names)
        return found

    def _speaker_names(self) -> SpeakerNames:
        kept = self.names_file.load() if self.names_file is not None else None
        if kept is not None:
            return kept
        names = speaker_names(self.name_counts(), self.apart)
        if self.names_file is not None:
            self.names_file.save(names)
        return names

    def name_counts(self) -> NameCounts:
        """What the speaker names derive from: each segment's counts (kept with the segment for the
        states after this one), summed."""
        return NameCounts.total(seg.name_counts() for seg, _ in self.parts)

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

    def count(self, column: Column, docs) -> Counter:
        """value (as shown) -> paragraphs among `docs`, in one C-level pass: a column of the
        articles' values is read through each paragraph's article number."""
        if column.of_articles:
            values = self.article_values(column)
            return Counter(chain.from_iterable(map(values.__getitem__, map(self.article_codes.__getitem__, docs))))
        values = self.values_by_doc(column)
        return Counter(chain.from_iterable(map(values.__getitem__, docs)))

    def article_values(self, column: Column) -> list[tuple[str, ...]]:
        """Each article's values of a column `of_articles`, by article number (article_codes)."""
        return self.derived(("article values", column.name),
                            lambda: [v for seg, _ in self.parts for v in seg.article_values(column)])

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
        return self.derived("article_ids", lambda: {self.articles[d].article_id for d in self.live})

    def story_articles(self) -> dict[str, tuple[str, ...]]:
        """story -> its articles, for each story that more than one live article tells (near-duplicates)."""
        def stories() -> dict[str, tuple[str, ...]]:
            found: dict[str, set[str]] = defaultdict(set)
            for story, article_id in chain.from_iterable(seg.copies() for seg, _ in self.parts):
                found[story].add(article_id)
            for story, ids in found.items():  # and the article whose story the copies joined, if it is live
                if any(seg.tells_own_story(story) for seg, _ in self.parts):
                    ids.add(story)
            return {story: tuple(sorted(ids)) for story, ids in found.items() if len(ids) > 1}

        return self.derived("story_articles", stories)

    def story_count(self, docs) -> int:
        """How many stories the paragraphs `docs` are from (an article and its copies count once)."""
        def count() -> int:
            return len({a.story or a.article_id for a in map(self.articles.__getitem__, docs)})

        return self.derived("story_count", count) if docs is self.live else count()

    def counts_over_all(self, column: Column) -> Counter:
        """value -> live paragraphs: the counts of a facet that no filter narrows (read-only).

        Summed from each segment's cached counts, less its deleted rows: after an add
        only the new segment is counted."""
        def total() -> Counter:
            counts: Counter = Counter()
            for seg, _ in self.parts:
                counts.update(seg.counts(column))
            for seg, gone in self.deleted:
                if column.of_articles:
                    values, of = seg.article_values(column), seg.rows.article_of
                    counts.subtract(chain.from_iterable(values[of[i]] for i in gone))
                else:
                    counts.subtract(chain.from_iterable(map(seg.values(column).__getitem__, gone)))
            counts = +counts  # drop values left at zero
            names = column.names(self)
            return counts if names is None else self._shown_counts(column, counts, names)

        return self.derived(("counts", column.name), total)

    def _shown_counts(self, column: Column, counts: Counter, names: SpeakerNames) -> Counter:
        """Indexed values' counts summed under their shown names; a shown name several spellings
        reach is counted from its paragraphs, so one paragraph naming "Blair" and "Tony Blair" counts once."""
        shown: Counter = Counter()
        for value, n in counts.items():
            shown[names.shown(value)] += n
        live, shown_name = self.live, names.shown
        for seg, offset in self.parts:  # a paragraph naming one speaker twice counts once
            for i, vals in seg.several(column):
                if len(set(named := tuple(map(shown_name, vals)))) < len(named) and offset + i in live:
                    for name, m in Counter(named).items():
                        if m > 1:
                            shown[name] -= m - 1
        return shown

    def _live_with(self, column: Column, indexed: tuple[str, ...]) -> set[int]:
        """The live paragraphs with any of these indexed values."""
        live = self.live
        return {offset + i for seg, offset in self.parts for v in indexed
                for i in seg.rows_of(column, v) if offset + i in live}

    def date_order(self, newest: bool) -> array:
        """Every live paragraph, newest (or oldest) first; ties in article, then paragraph, order.
        (An array of machine integers: a list of ints costs 36 bytes a paragraph, this 4.)"""
        return self.derived(("date_order", newest), lambda: array("I", self.by_date(self.live, newest)))

    def by_date(self, docs, newest: bool) -> list[int]:
        """`docs` newest (or oldest, the undated last) first; ties in article, then paragraph, order.

        The articles are sorted, not the paragraphs (a fifth as many), then each article's paragraphs."""
        codes, numbers, articles = self.article_codes, self.numbers, self.article_list
        by_article: dict[int, list[int]] = defaultdict(list)
        for d in docs:
            by_article[codes[d]].append(d)
        order = sorted(by_article, key=lambda a: articles[a].article_id)
        order.sort(key=lambda a: articles[a].day, reverse=newest)  # stable: ties keep article order
        if not newest:  # the undated last
            order = [a for a in order if articles[a].day] + [a for a in order if not articles[a].day]
        ordered: list[int] = []
        for a in order:
            ordered += sorted(by_article[a], key=numbers.__getitem__) if len(by_article[a]) > 1 else by_article[a]
        return ordered

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
                table = self._build(reader, state)
            self._newest = (state, table)
            return table

    def _build(self, reader, state: tuple) -> Table:
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
        apart = frozenset(self._apart())
        folder = next((index_folder(leaf) for leaf, _offset in reader.leaf_readers()), None)
        names_file = NamesFile(Path(folder) / NAMES_FILE, names_key(state, apart)) if folder else None
        return Table(parts, frozenset(live), deleted, apart, names_file)


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
