"""Segments joined into one by concatenating their posting lists: a Whoosh merge policy.

A reindex commits a segment per batch of paragraphs (store.BATCH_PARAGRAPHS): a batch's
postings are held in memory until its commit (search/index/writing.py). Left apart, a search looks
each word up in every segment, and each segment's term table and postings are pages a
server maps: at 200,000 paragraphs, ten segments left 178 MB of the index mapped after
a query load where the same paragraphs in one segment left 98 MB.

Whoosh merges by adding every posting to its sorting pool again (three minutes at
200,000 paragraphs). But segments follow each other in document order and each holds
each term's postings sorted, so a term's list in the joined segment is its lists in
the segments, one after another, each shifted by its segment's first document. A
packed block (search/index/postings.py) keeps its ids as deltas after a first id in
its header, so it is copied with only that header rewritten. A term inlined in its
term info (one posting) and a segment with deletions go posting by posting.
"""
from __future__ import annotations

import heapq
import mmap
from itertools import groupby
from operator import itemgetter

from whoosh.reading import SegmentReader
from whoosh.writing import OPTIMIZE

from search.index.postings import PackedCodec, PackedPostingsWriter
from search.index.rows import Rows, joined_rows, read_rows, save_rows

# The segments besides the largest must hold this share of its documents for a join to be
# worth copying them all: a reindex of 20,004 paragraphs left a batch of 4, and joining it
# took 3.5 s of 28 to save a search one lookup in a table of a few words.
JOIN_SHARE = 0.1


def worth_joining(sizes: list[int]) -> bool:
    """Whether segments of these document counts are worth joining into one."""
    sizes = sorted(sizes)
    return len(sizes) > 1 and sum(sizes[:-1]) >= JOIN_SHARE * sizes[-1]


class JoinSegments:
    """Whoosh merge policy (`writer.mergetype = JoinSegments()`): every segment joined into the
    writer's new one. Segments written by another codec, or a field that keeps its own
    spelling words, are merged by Whoosh's own way instead.

    `rows`: after the commit, the joined segment's rows (search/index/rows.py) when they are
    the segments' rows one after another (no deletions), for `save` to keep beside it: it
    need not decode them again. (Saved during the commit, the file would be packed into the
    segment's compound file with the rest.)"""

    def __init__(self) -> None:
        self.rows: Rows | None = None
        self._segment = None

    def __call__(self, writer, segments) -> list:
        if not _joinable(writer, segments):
            return OPTIMIZE(writer, segments)
        readers = [SegmentReader(writer.storage, writer.schema, segment) for segment in segments]
        try:
            # Stored fields, lengths and columns, document by document. A document's stored fields
            # come whatever the names: only the fields with a length, a column or vectors are named.
            per_doc = {name for name, field in writer.schema.items()
                       if field.scorable or field.column_type or field.vector}
            starts, docmaps = [], []
            for reader in readers:
                starts.append(writer.docnum)
                docmaps.append(writer.write_per_doc(per_doc, reader))
                release_pages(reader)
            _join_postings(writer, readers, starts, docmaps)
            writer._added = True
            if "row" in writer.schema and all(docmap is None for docmap in docmaps):
                self.rows, self._segment = joined_rows(map(read_rows, readers)), writer.get_segment()
        finally:
            for reader in readers:
                reader.close()
        return []

    def save(self, storage) -> None:
        """Keep the joined segment's rows beside it (once the commit is written)."""
        if self.rows is not None:
            save_rows(storage, self._segment, self.rows)


def _joinable(writer, segments) -> bool:
    if not all(isinstance(codec, PackedCodec) for codec in [writer.codec, *(s.codec() for s in segments)]):
        return False
    return not any(field.separate_spelling() for _name, field in writer.schema.items())


def _join_postings(writer, readers, starts: list[int], docmaps: list[dict | None]) -> None:
    """Each field's terms in order; each term's postings from each segment in turn."""
    fields = sorted({name for r in readers for name in r.indexed_field_names() if name in writer.schema})
    fw = writer.fieldwriter
    for fieldname in fields:
        field = writer.schema[fieldname]
        fw.start_field(fieldname, field)
        postings: PackedPostingsWriter = fw._postwriter
        merged = heapq.merge(*[_terms(r, i, fieldname) for i, r in enumerate(readers)], key=itemgetter(0, 1))
        for text, group in groupby(merged, key=itemgetter(0)):
            parts = [_postings_of(readers[i], fieldname, text, info, starts[i], docmaps[i]) for _text, i, info in group]
            if not any(parts):
                continue  # every posting of the term was in deleted documents: the term goes too
            fw.start_term(text)
            for part in parts:
                if isinstance(part, tuple):
                    postings.add_blocks(*part)
                else:
                    for posting in part:
                        postings.add_posting(*posting)
            fw.finish_term()
        fw.finish_field()
        for reader in readers:
            release_pages(reader)


def release_pages(reader) -> None:
    """Unmap the pages of the reader's segment read so far. Each is read once, in order: mapped,
    they would add up to every segment in the writer's memory by the end (the kernel keeps
    them cached, and maps them again should they be read again)."""
    mapped = getattr(getattr(reader.storage(), "a", None), "_source", None)  # a compound segment's map
    if isinstance(mapped, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
        mapped.madvise(mmap.MADV_DONTNEED)


def _terms(reader, i: int, fieldname: str):
    """(term, segment number, term info) for each term of the field in one segment, in order."""
    if fieldname in reader.indexed_field_names():
        for text, info in reader.iter_field(fieldname):
            yield text, i, info


def _postings_of(reader, fieldname: str, text: bytes, info, start: int, docmap: dict | None):
    """One segment's postings of a term: (raw blocks, shift, info) to copy whole, or a list of
    (docnum, weight, value, length) to add one by one (inlined, or among deleted documents)."""
    if docmap is None and not info.is_inlined():
        offset, length = info.extent()
        length = length[0] if isinstance(length, tuple) else length  # as Whoosh decodes it
        return reader._terms._postfile.get(offset, length), start, info
    if info.is_inlined():
        ids, weights, values = info._inlined
        items = zip(ids, weights, values or [b""] * len(ids))  # a format without values keeps none
    else:
        m = reader._terms.matcher(fieldname, text, reader.schema[fieldname].format)
        items = []
        while m.is_active():
            items.append((m.id(), m.weight(), m.value()))
            m.next()
    length = reader.doc_field_length
    found = []
    for docnum, weight, value in items:
        new = start + docnum if docmap is None else docmap.get(docnum)
        if new is not None:  # None: deleted
            found.append((new, weight, value or b"", length(docnum, fieldname)))
    return found
