"""Guarded fixes for whoosh 2.7 (no change in behaviour or on-disk format).

1. Speed: while writing postings, whoosh asks for each posting's field length.
   For a field without a length column (every unscored field: ID, KEYWORD,
   match-only text) `W3PerDocReader._cached_reader` does not remember that the
   column is missing, so every posting costs a `stat()` of a file that is not
   there: measured here as 40% of indexing time. This caches the miss.
2. Memory: a segment is read through a memory map, but each file opened in it
   (`BufferFile`) copied its whole slice into a BytesIO, for the reads that go
   in sequence (a header, a pickle): the whole index ended up copied into every
   searcher (64 MB of 74 at 20k paragraphs, growing with the library). Those
   reads now go through a position over the map itself (`MapReader`), one per
   thread, so that threads can share a searcher (every other read slices the map).

3. Speed: the field length of a document (asked for every posting written and
   every document scored) was read from the lengths column one struct.unpack at
   a time. Each reader now reads a field's lengths column once, as the bytes it
   is (one byte per document), and looks lengths up in them.

When the classes look different (another fork), nothing is patched.
"""
from __future__ import annotations

import threading

_MISSING = object()


class MapReader:
    """The file interface StructFile and pickle use (read, readinto, readline, seek, tell),
    over a buffer (a memoryview of the segment's map) without copying it, with a position
    of its own in each thread: threads sharing one searcher never move each other's."""

    def __init__(self, buf) -> None:
        self._buf = buf
        self._where = threading.local()
        self.closed = False

    @property
    def _pos(self) -> int:
        return getattr(self._where, "pos", 0)

    @_pos.setter
    def _pos(self, value: int) -> None:
        self._where.pos = value

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._buf) if size is None or size < 0 else min(len(self._buf), start + size)
        self._pos = max(start, end)
        return bytes(self._buf[start:end])

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[:len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._buf) if size is None or size < 0 else min(len(self._buf), self._pos + size)
        end = self._pos
        while end < limit:
            chunk = bytes(self._buf[end:min(limit, end + 256)])
            found = chunk.find(b"\n")
            if found >= 0:
                return self.read(end + found + 1 - self._pos)
            end += len(chunk)
        return self.read(limit - self._pos)

    def seek(self, pos: int, whence: int = 0) -> int:
        self._pos = pos + (self._pos if whence == 1 else len(self._buf) if whence == 2 else 0)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self.closed = True

    def __iter__(self):
        return iter(self.readline, b"")


def apply() -> None:
    _cache_missing_length_columns()
    _read_buffer_files_in_place()
    _read_length_columns_whole()


def _cache_missing_length_columns() -> None:
    try:
        from whoosh.codec.whoosh3 import W3PerDocReader
    except ImportError:
        return
    original = getattr(W3PerDocReader, "_cached_reader", None)
    if original is None or getattr(original, "_cuttings_fixed", False):
        return

    def _cached_reader(self, fieldname, column):
        readers = self._readers
        found = readers.get(fieldname, _MISSING)
        if found is _MISSING:
            found = readers[fieldname] = original(self, fieldname, column)
        return found

    _cached_reader._cuttings_fixed = True
    W3PerDocReader._cached_reader = _cached_reader


def _read_buffer_files_in_place() -> None:
    try:
        from whoosh.filedb.structfile import BufferFile
    except ImportError:
        return
    original_init = BufferFile.__init__
    if getattr(original_init, "_cuttings_fixed", False) or "file" in vars(BufferFile):
        return

    def __init__(self, buf, name=None, onclose=None):
        original_init(self, b"", name=name, onclose=onclose)  # sets every attribute (file: an empty BytesIO)
        self._buf = buf
        self.__dict__.pop("_sequential", None)  # a MapReader when first read in sequence

    def _file(self):
        found = self.__dict__.get("_sequential")
        if found is None:
            found = self.__dict__.setdefault("_sequential", MapReader(self._buf))
        return found

    def _set_file(self, value):
        self.__dict__["_sequential"] = value

    def close(self):
        if self.is_closed:
            raise Exception("This file is already closed")
        if self.onclose:
            self.onclose(self)
        found = self.__dict__.get("_sequential")
        if found is not None:
            found.close()
        self.is_closed = True

    __init__._cuttings_fixed = True
    BufferFile.__init__ = __init__
    BufferFile.file = property(_file, _set_file)
    BufferFile.close = close


def _read_length_columns_whole() -> None:
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
        from whoosh.columns import NumericColumn
        from whoosh.util.numeric import byte_to_length
    except ImportError:
        return
    original = W3PerDocReader.doc_field_length
    if getattr(original, "_cuttings_fixed", False) or LENGTHS_COLUMN.reader.__qualname__ != "NumericColumn.reader":
        return
    length_of_byte = [byte_to_length(b) for b in range(256)]

    def whole_column(self, fieldname):
        cache = self.__dict__.setdefault("_cuttings_lengths", {})
        found = cache.get(fieldname, _MISSING)
        if found is _MISSING:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if isinstance(reader, NumericColumn.Reader) and reader._typecode == "B" and not reader._reverse:
                found = reader._dbfile.get(reader._basepos, reader._count)  # one byte a document, as written
            else:
                found = None if reader is None else reader  # not the layout above: read it as whoosh does
            cache[fieldname] = found
        return found

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError("Asked for docnum %r of %d" % (docnum, self._doccount))
        lengths = whole_column(self, fieldname)
        if lengths is None:
            return default
        if isinstance(lengths, bytes):
            lbyte = lengths[docnum] if docnum < len(lengths) else 0  # past the end: the column's default, 0
        else:
            lbyte = lengths[docnum]
        if lbyte:
            return length_of_byte[lbyte]
        return None  # as whoosh does for a length byte of 0

    doc_field_length._cuttings_fixed = True
    W3PerDocReader.doc_field_length = doc_field_length
