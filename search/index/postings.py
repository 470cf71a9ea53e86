"""Posting blocks as packed machine integers: a Whoosh codec and a positions format.

Whoosh 2.7 writes each block of 128 postings as a pickle of three tuples (ids,
weights, values), and each value of a positions field as a 4-byte count plus a
pickle of its own: about 29 bytes a posting of a paragraph's text, where the
numbers need 3 to 6. Postings were 73% of the index, so the index a search
maps and reads was several times the size of what it holds, and reading a block
meant unpickling 128 small objects even where only its ids were wanted.

Here a block is a fixed header (struct) and arrays: the ids as deltas in the
narrowest unsigned type they fit, the weights as bytes where they are small
whole numbers, and the values as one length array and their concatenated bytes,
read only when asked for. A term's positions are their deltas, in the narrowest
type they fit too. Segments keep naming the codec they were written with, so
those written before stay readable through Whoosh's own.

The leaf matcher also lists a block's ids at once (`all_ids`) and skips within
a block by bisection (`skip_to`): what listing every match of a broad word and
intersecting words cost per posting in Python before.
"""
from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left
from itertools import accumulate
from operator import sub

from whoosh import formats
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.matching import ReadTooFar
from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length, length_to_byte

_MAGIC = b"CtP1"  # at the start of each term's postings: a Whoosh-format reader stops at it
# Each block: its data's byte length, postings, first id, last id, highest weight, shortest and
# longest field length (Whoosh's length bytes), how the arrays are packed, and whether it is the term's last.
_HEAD = struct.Struct("<IIIIfBBBB")
_ALL_ONE, _ALL_SAME, _SMALL_WHOLE, _FLOATS = range(4)  # how the block's weights are kept
_TYPES = "BHI"  # unsigned 1, 2 and 4 bytes: the narrowest that holds every number in an array
_SWAP = sys.byteorder != "little"  # arrays are kept little-endian whatever the machine
_ONE_BYTE = ord("B")


def narrowest(numbers) -> str:
    top = max(numbers, default=0)
    return "B" if top < 0x100 else "H" if top < 0x10000 else "I"


def _pack(typecode: str, numbers) -> bytes:
    if typecode == "B":
        return bytes(numbers)
    packed = array(typecode, numbers)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _unpack(typecode: str, data) -> array:
    unpacked = array(typecode)
    unpacked.frombytes(data)
    if _SWAP:
        unpacked.byteswap()
    return unpacked


def _deltas(numbers) -> list[int]:
    return list(map(sub, numbers[1:], numbers))


class PackedPositions(formats.Positions):
    """Positions (phrase queries) kept as one type letter and their deltas, narrowest type first."""

    def encode(self, poslist) -> bytes:
        if len(poslist) == 1 and poslist[0] < 0x100:  # most words of a paragraph: once, early on
            return bytes((_ONE_BYTE, poslist[0]))
        deltas = [poslist[0], *_deltas(poslist)] if poslist else []
        typecode = narrowest(deltas)
        return typecode.encode("ascii") + _pack(typecode, deltas)

    def decode_positions(self, valuestring) -> list[int]:
        return list(accumulate(_unpack(chr(valuestring[0]), valuestring[1:])))

    def decode_frequency(self, valuestring) -> int:
        return (len(valuestring) - 1) // array(chr(valuestring[0])).itemsize

    def decode_weight(self, valuestring) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


class PackedPostingsWriter(W3PostingsWriter):
    """Whoosh's block buffering and statistics; each block written as _HEAD and packed arrays.

    `add_blocks` appends a term's blocks from another segment as they are (search/index/merging.py)."""

    _held: tuple | None = None  # the last block copied: written when it is known whether it is the term's last

    def start_postings(self, format_, terminfo) -> None:
        super().start_postings(format_, terminfo)
        self._held = None

    def add_blocks(self, raw, shift: int, info) -> None:
        """Append a term's postings as another segment keeps them (`raw`: their extent there,
        `info`: their term info there), each id `shift` higher."""
        view = memoryview(raw)
        if view[:len(_MAGIC)] != _MAGIC:
            raise ValueError("not a packed postings list")
        if self._ids:
            self._write_block()  # postings buffered before these come first
        if not self._blockcount:
            self._postfile.write(_MAGIC)
        position = len(_MAGIC)
        while position < len(view):
            head = _HEAD.unpack_from(view, position)
            end = position + _HEAD.size + head[0]
            self._release(last=False)  # the block held before this one (from here or an earlier segment)
            self._held = (head, view[position + _HEAD.size:end], shift)
            self._blockcount += 1
            position = end
        total = self._terminfo
        total._weight += info.weight()
        total._df += info.doc_frequency()
        if shortest := info.min_length():  # 0: a field without lengths, where Whoosh keeps None
            total._minlength = shortest if total._minlength is None else min(total._minlength, shortest)
        total._maxlength = max(total._maxlength, info.max_length())
        total._maxweight = max(total._maxweight, info.max_weight())
        if total._minid is None:
            total._minid = info.min_id() + shift
        total._maxid = info.max_id() + shift

    def add_postings_list(self, ids: array, weights: array, values: list[bytes], lengths: list | None) -> None:
        """A term's postings at once, ids ascending (search/index/writing.py): the blocks that
        `add_posting` one at a time would buffer, cut as slices. `values`: empty for a format
        without; `lengths`: each posting's field length (None or 0 for none), or None for a field without."""
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if self._ids:
                self._write_block()
            end = start + limit
            self._ids = ids[start:end]
            block_weights = weights[start:end]
            self._weights = array("f", block_weights)
            self._maxweight = max(0, max(block_weights))
            self._values = values[start:end]
            present = [n for n in lengths[start:end] if n] if lengths is not None else None
            self._minlength = min(present) if present else None
            self._maxlength = max(present) if present else 0

    def _release(self, last: bool) -> None:
        if self._held is not None:
            (size, count, first, top, maxweight, shortest, longest, how, _last), data, shift = self._held
            self._postfile.write(_HEAD.pack(size, count, first + shift, top + shift, maxweight,
                                            shortest, longest, how, last))
            self._postfile.write(data)
            self._held = None

    def finish_postings(self):
        if not self._ids:
            self._release(last=True)
        return super().finish_postings()

    def _write_block(self, last: bool = False) -> None:
        self._release(last=False)
        if not self._blockcount:
            self._postfile.write(_MAGIC)
        self._terminfo.add_block(self)
        ids, weights, values = self._ids, self._weights, self._values
        id_deltas = _deltas(ids)
        id_type = narrowest(id_deltas)
        parts = [_pack(id_type, id_deltas)]
        first = weights[0]
        if weights.count(first) == len(weights) and first in (1.0, self._maxweight):
            weight_kind = _ALL_ONE if first == 1.0 else _ALL_SAME
        elif all(w.is_integer() and 0 <= w < 0x100 for w in weights):
            weight_kind = _SMALL_WHOLE
            parts.append(_pack("B", map(int, weights)))
        else:
            weight_kind = _FLOATS
            parts.append(_pack("f", weights))
        length_type = "B"
        fixed = self._format.fixed_value_size()
        if fixed != 0 and values:
            if fixed is None:  # values of their own lengths: the lengths first
                lengths = list(map(len, values))
                length_type = narrowest(lengths)
                parts.append(_pack(length_type, lengths))
            parts.append(emptybytes.join(values))
        data = emptybytes.join(parts)
        how = weight_kind | _TYPES.index(id_type) << 2 | _TYPES.index(length_type) << 4
        self._postfile.write(_HEAD.pack(len(data), len(ids), ids[0], ids[-1], self._maxweight,
                                        length_to_byte(self._minlength), length_to_byte(self._maxlength),
                                        how, last))
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class PackedLeafMatcher(W3LeafMatcher):
    """Reads the blocks PackedPostingsWriter writes."""

    def _read_header(self) -> None:
        if self._postfile.get(self._startoffset, len(_MAGIC)) != _MAGIC:
            raise ValueError("not a packed postings list")
        self._baseoffset = self._startoffset + len(_MAGIC)

    def _goto(self, position: int) -> None:
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        (size, self._blocklength, self._firstid, self._maxid, self._maxweight, minlength, maxlength,
         self._how, last) = _HEAD.unpack(self._postfile.get(position, _HEAD.size))
        self._lastblock = bool(last)
        self._dataoffset = position + _HEAD.size
        self._nextoffset = self._dataoffset + size
        self._minlength = byte_to_length(minlength)
        self._maxlength = byte_to_length(maxlength)

    def _read_data(self) -> None:
        self._data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)

    def _sizes(self) -> tuple[str, int, int]:
        """The ids' type and where the weights and the values start in the block's data."""
        id_type = _TYPES[self._how >> 2 & 3]
        weights_at = (self._blocklength - 1) * array(id_type).itemsize
        kind = self._how & 3
        values_at = weights_at + (self._blocklength if kind == _SMALL_WHOLE
                                  else 4 * self._blocklength if kind == _FLOATS else 0)
        return id_type, weights_at, values_at

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        id_type, weights_at, _ = self._sizes()
        self._ids = list(accumulate(_unpack(id_type, self._data[:weights_at]), initial=self._firstid))

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        kind, n = self._how & 3, self._blocklength
        if kind == _ALL_ONE:
            self._weights = [1.0] * n
        elif kind == _ALL_SAME:
            self._weights = [self._maxweight] * n
        else:
            _, weights_at, values_at = self._sizes()
            self._weights = list(map(float, _unpack("B" if kind == _SMALL_WHOLE else "f",
                                                    self._data[weights_at:values_at])))

    def _read_values(self) -> None:
        if self._fixedsize == 0:
            self._values = (None,) * self._blocklength
            return
        if self._data is None:
            self._read_data()
        _, _, values_at = self._sizes()
        data, fixed = self._data, self._fixedsize
        if fixed:
            ends = range(values_at, values_at + (self._blocklength + 1) * fixed, fixed)
        else:
            length_type = _TYPES[self._how >> 4 & 3]
            lengths_end = values_at + self._blocklength * array(length_type).itemsize
            ends = list(accumulate(_unpack(length_type, data[values_at:lengths_end]), initial=lengths_end))
        self._values = tuple(data[a:b] for a, b in zip(ends, ends[1:]))

    def block_min_id(self) -> int:
        return self._firstid

    def all_ids(self):
        while self.is_active():
            if self._ids is None:
                self._read_ids()
            yield from self._ids[self._i:] if self._i else self._ids
            self._i = self._blocklength
            self._next_block()

    def skip_to(self, targetid: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        while targetid > self._maxid:  # whole blocks below the target, by their headers alone
            if self._lastblock:
                self._atend = True
                return
            self._goto(self._nextoffset)
        if self._ids is None:
            self._read_ids()
        self._i = max(self._i, bisect_left(self._ids, targetid))


class PackedCodec(W3Codec):
    """Whoosh's 2.7 codec with packed posting blocks (term vectors keep Whoosh's blocks)."""

    def postings_writer(self, dbfile, byteids=False):
        if byteids:
            return super().postings_writer(dbfile, byteids)
        return PackedPostingsWriter(dbfile, blocklimit=self._blocklimit, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
