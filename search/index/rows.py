"""Each segment's rows: every paragraph's facet values (and its article's title), decoded from the `row` column.

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
import threading
from typing import Iterable, NamedTuple

log = logging.getLogger(__name__)

ROWS_FILE = ".rows"  # the file's extension after the segment's name
ROWS_FORMAT = 1  # raise when what decode_rows makes of a row changes


class Row(NamedTuple):
    """One paragraph's facet values and its article's title (a tuple: ten thousand build in milliseconds)."""

    article_id: str
    n: int
    speakers: tuple[tuple[str, str | None, str], ...]  # (name, role, kind)
    section: str
    authors: tuple[str, ...]
    site: str
    day: str  # ISO day or ""
    tags: tuple[str, ...] = ()  # the user's tags on the article
    added: str = ""  # ISO time the article's source entered the library, or ""
    story: str = ""  # the story the article's near-duplicates share (search/index/stories.py), or ""
    title: str | None = None  # the article's title (None: written before rows held it; read its metadata)


def decode_rows(raws: Iterable[bytes]) -> list[Row | None]:
    """A segment's rows, by local docnum (None for a document that is not a paragraph).

    The row column holds an article's shared values on its own document and each
    paragraph's number and speakers on the paragraph's documents, which follow it
    (search/index/schema.py). It is decoded in one json.loads call (a call per row
    costs 3x more), and equal values (a section, a day, a speaker, a list of speakers) are
    kept once: json makes a new string for each occurrence."""
    raws = list(raws)
    decoded = iter(json.loads(b"[" + b",".join(raw for raw in raws if raw) + b"]"))
    shared = {(): ()}.setdefault
    rows: list[Row | None] = []
    article = ("", "", (), "", "", (), "", "", None)
    for raw in raws:
        item = next(decoded) if raw else None
        if type(item) is list:  # a paragraph: [n, speakers]
            speakers = tuple(shared(s, s) for s in map(tuple, item[1]))
            rows.append(Row(article[0], item[0], shared(speakers, speakers), *article[1:]))
            continue
        rows.append(None)
        if item is not None:  # an article: the values its paragraphs share
            authors, tags = tuple(item["au"]), tuple(item.get("tg", ()))
            article = (item["a"], shared(item["se"], item["se"]), shared(authors, authors),
                       shared(item["si"], item["si"]), shared(item["d"], item["d"]), shared(tags, tags),
                       item.get("ad", ""), item.get("st", item["a"]), item.get("ti"))
    return rows


def read_rows(reader) -> list[Row | None]:
    """The rows of one segment (a whoosh segment reader): from its rows file, else from its column."""
    count = reader.doc_count_all()
    if count == 0 or not reader.has_column("row"):
        return [None] * count
    path = _rows_path(reader)
    rows = _load(path, count) if path else None
    if rows is None:
        column = reader.column_reader("row")
        rows = decode_rows(column[i] for i in range(count))
        if path:
            _save(path, rows)
    return rows


def keep_rows(reader) -> None:
    """Save the rows file of each segment `reader` reads that has none (after a commit)."""
    for leaf, _offset in reader.leaf_readers():
        path = _rows_path(leaf)
        if path and not os.path.exists(path):
            read_rows(leaf)  # finds no file, so decodes the column and saves it


def _header(count: int) -> bytes:
    """What the file must start with to be read: same format, rows, Python and paragraph count."""
    return (f"cuttings rows {ROWS_FORMAT} {','.join(Row._fields)} python {sys.version_info[0]}.{sys.version_info[1]} "
            f"marshal {marshal.version} documents {count}\n").encode()


def _load(path: str, count: int) -> list[Row | None] | None:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    header = _header(count)
    if not data.startswith(header):
        return None
    try:
        tuples = marshal.loads(memoryview(data)[len(header):])
        rows = [Row._make(t) if t is not None else None for t in tuples]
    except (ValueError, EOFError, TypeError):
        log.warning("ignoring the damaged rows file %s", path)
        return None
    return rows if len(rows) == count else None


def _save(path: str, rows: list[Row | None]) -> None:
    """Write the file whole or not at all; a library on a read-only or full disk goes without it."""
    temporary = f"{path}.{os.getpid()}_{threading.get_ident()}.tmp"  # named like the segment: whoosh cleans it up
    try:
        with open(temporary, "wb") as f:
            f.write(_header(len(rows)))
            marshal.dump([tuple(r) if r is not None else None for r in rows], f, 4)
        os.replace(temporary, path)
    except OSError as exc:
        log.info("could not save %s: %s", path, exc)
        try:
            os.unlink(temporary)
        except OSError:
            pass


def segment_of(reader):
    """The whoosh segment a segment reader reads (None for a reader of several, or of none)."""
    segment = getattr(reader, "segment", None)
    return segment() if callable(segment) else None


def _rows_path(reader) -> str | None:
    """`<segment>.rows` in the folder of the segment's index (None for an index in memory)."""
    segment = segment_of(reader)
    storage = reader.storage() if segment is not None else None
    storage = getattr(storage, "b", storage)  # a compound segment's storage lies over the index's folder
    folder = getattr(storage, "folder", None)
    return os.path.join(folder, segment.make_filename(ROWS_FILE)) if folder else None
