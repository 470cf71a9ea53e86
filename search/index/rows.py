"""Each segment's rows, decoded from the index's `row` column: each paragraph's article,
number and speakers, and each article's facet values and title.

Decoding the column's JSON is most of what a fresh server does before its first
answer (about a second at 200,000 paragraphs), so the decoded rows are also kept
in a file beside their segment, `<segment>.rows` (marshal: read back in a tenth of
that). The writer saves it for each segment it commits and a reader that finds
none saves it too. It is only ever a copy: a file that is missing, damaged, or from
another version of Cuttings or Python is ignored and the column decoded again.
Whoosh deletes it with its segment (its name follows the segment's files).
"""
from __future__ import annotations

import json
import logging
import marshal
import os
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

from search.index.temporary import write_atomically

log = logging.getLogger(__name__)

ROWS_FILE = ".rows"  # the file's extension after the segment's name
ROWS_FORMAT = 2  # raise when what decode_rows makes of a row changes


class ArticleRow(NamedTuple):
    """One article's facet values and title, shared by all its paragraphs (a tuple: thousands build in milliseconds)."""

    article_id: str
    section: str
    authors: tuple[str, ...]
    site: str
    day: str  # ISO day or ""
    tags: tuple[str, ...] = ()  # the user's tags on the article
    added: str = ""  # ISO time the article's source entered the library, or ""
    story: str = ""  # the story the article's near-duplicates share (search/index/stories.py), or ""
    title: str | None = None  # the article's title (None: written before rows held it; read its metadata)


_NO_ARTICLE = ArticleRow("", "", (), "", "")  # for a paragraph no article document precedes (never written so)


@dataclass(slots=True)
class Rows:
    """One segment's rows as columns, by local docnum (deleted documents included).

    What is the article's is kept once per article; a paragraph holds only the number
    of its article, its own number and its speakers: 16 bytes a paragraph, where a
    tuple of every value per paragraph took ten times that at 200,000 paragraphs.
    """

    articles: list[ArticleRow]
    article_of: array  # "i": the index in `articles` of each document's article; -1: not a paragraph
    numbers: array  # "I": each paragraph's number in its article (0: not a paragraph)
    speakers: list[tuple[tuple[str, str | None, str], ...]]  # each paragraph's (name, role, kind); () for none

    def __len__(self) -> int:
        return len(self.article_of)

    def by_article(self, values: list, missing=()) -> list:
        """Each document's entry of `values` (one per article, in `articles` order); `missing` where no paragraph."""
        values = [*values, missing]  # article_of's -1 picks it
        return list(map(values.__getitem__, self.article_of))


def decode_rows(raws: Iterable[bytes]) -> Rows:
    """A segment's rows, by local docnum.

    The row column holds an article's shared values on its own document and each
    paragraph's number and speakers on the paragraph's documents, which follow it
    (search/index/schema.py). It is decoded in one json.loads call (a call per row
    costs 3x more), and equal values (a section, a day, a speaker, a role, a list of
    speakers) are kept once: json makes a new string for each occurrence."""
    raws = list(raws)
    decoded = iter(json.loads(b"[" + b",".join(raw for raw in raws if raw) + b"]"))
    shared = {(): ()}.setdefault
    rows = Rows([], array("i"), array("I"), [])
    articles, article_of, numbers, speakers = rows.articles, rows.article_of, rows.numbers, rows.speakers
    current = -1
    for raw in raws:
        item = next(decoded) if raw else None
        if type(item) is list:  # a paragraph: [n, speakers]
            if current < 0:
                articles.append(_NO_ARTICLE)
                current = len(articles) - 1
            said = tuple(shared(s, s) for s in (tuple(shared(x, x) for x in s) for s in item[1]))
            article_of.append(current)
            numbers.append(item[0])
            speakers.append(shared(said, said))
            continue
        article_of.append(-1)
        numbers.append(0)
        speakers.append(())
        if item is not None:  # an article: the values its paragraphs share
            article_id, story, added = item["a"], item.get("st", item["a"]), item.get("ad", "")
            authors, tags = tuple(item["au"]), tuple(item.get("tg", ()))
            articles.append(ArticleRow(
                article_id, shared(item["se"], item["se"]), shared(authors, authors), shared(item["si"], item["si"]),
                shared(item["d"], item["d"]), shared(tags, tags), shared(added, added),
                article_id if story == article_id else story, item.get("ti")))
            current = len(articles) - 1
    return rows


def read_rows(reader) -> Rows:
    """The rows of one segment (a whoosh segment reader): from its rows file, else from its column."""
    count = reader.doc_count_all()
    if count == 0 or not reader.has_column("row"):
        return Rows([], array("i", [-1]) * count, array("I", [0]) * count, [()] * count)
    path = _rows_path(reader)
    rows = _load(path, count) if path else None
    if rows is None:
        column = reader.column_reader("row")
        rows = decode_rows(column[i] for i in range(count))
        if path:
            _save(path, rows)
    return rows


def joined_rows(parts: Iterable[Rows]) -> Rows:
    """The rows of segments joined one after another (search/index/merging.py): each
    paragraph's article number moves on by the articles of the segments before. Equal
    speakers are kept once across the segments, as decode_rows keeps them within one."""
    joined = Rows([], array("i"), array("I"), [])
    shared = {(): ()}.setdefault
    for rows in parts:
        before = len(joined.articles)
        joined.article_of += array("i", [a + before if a >= 0 else a for a in rows.article_of])
        joined.numbers += rows.numbers
        joined.speakers += [shared(said, tuple(shared(s, s) for s in said)) for said in rows.speakers]
        joined.articles += rows.articles
    return joined


def save_rows(storage, segment, rows: Rows) -> None:
    """Save the rows file of a segment being written (`storage`: the index's folder, or one in memory)."""
    folder = getattr(storage, "folder", None)
    if folder:
        _save(os.path.join(folder, segment.make_filename(ROWS_FILE)), rows)


def keep_rows(reader) -> None:
    """Save the rows file of each segment `reader` reads that has none (after a commit)."""
    for leaf, _offset in reader.leaf_readers():
        path = _rows_path(leaf)
        if path and not os.path.exists(path):
            read_rows(leaf)  # finds no file, so decodes the column and saves it


def _header(count: int) -> bytes:
    """What the file must start with to be read: same format, rows, Python and paragraph count."""
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return (f"cuttings rows {ROWS_FORMAT} {','.join(ArticleRow._fields)} python {python} "
            f"marshal {marshal.version} documents {count}\n").encode()


def _load(path: str, count: int) -> Rows | None:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    header = _header(count)
    if not data.startswith(header):
        return None
    try:
        articles, article_of, numbers, speakers = marshal.loads(memoryview(data)[len(header):])
        rows = Rows([ArticleRow._make(a) for a in articles], array("i"), array("I"), speakers)
        rows.article_of.frombytes(article_of)
        rows.numbers.frombytes(numbers)
        sound = (len(rows.article_of) == len(rows.numbers) == len(speakers) == count
                 and -1 <= min(rows.article_of, default=-1) and max(rows.article_of, default=-1) < len(rows.articles))
    except (ValueError, EOFError, TypeError):
        sound = False
    if not sound:
        log.warning("ignoring the damaged rows file %s", path)
        return None
    return rows


def _save(path: str, rows: Rows) -> None:
    """Write the file whole or not at all; a library on a read-only or full disk goes without it."""
    columns = ([tuple(a) for a in rows.articles], rows.article_of.tobytes(), rows.numbers.tobytes(), rows.speakers)
    try:
        write_atomically(Path(path), _header(len(rows)) + marshal.dumps(columns, 4))
    except OSError as exc:
        log.info("could not save %s: %s", path, exc)


def segment_of(reader):
    """The whoosh segment a segment reader reads (None for a reader of several, or of none)."""
    segment = getattr(reader, "segment", None)
    return segment() if callable(segment) else None


def index_folder(reader) -> str | None:
    """The folder of the index a segment reader reads (None for an index in memory)."""
    storage = reader.storage() if segment_of(reader) is not None else None
    storage = getattr(storage, "b", storage)  # a compound segment's storage lies over the index's folder
    return getattr(storage, "folder", None)


def _rows_path(reader) -> str | None:
    """`<segment>.rows` in the folder of the segment's index (None for an index in memory)."""
    folder = index_folder(reader)
    return os.path.join(folder, segment_of(reader).make_filename(ROWS_FILE)) if folder else None
