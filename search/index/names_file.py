"""The library's speaker names, kept in a file beside the index so a fresh server need not work them out.

Working out which spellings name one speaker (search/speakers/identity.py) reads
every mention in the library: about a third of a second at 200,000 paragraphs,
which a server starting up would otherwise spend before its first answer. The
names depend only on the index's state (its segments and their deletions), the
speakers the user split apart, and the code that decides them, so the file
holds a key of those three and is used only when the key matches; else the
names are worked out again and the file written anew. It is only ever a copy:
a missing, damaged or unwritable file costs time, never a wrong name.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
from pathlib import Path

from search.index.build import code_version
from search.index.speaker_names import SpeakerNames
from search.index.temporary import write_atomically

log = logging.getLogger(__name__)

NAMES_FILE = "speakers.names"
_NAMES_CODE = ("speakers", "index/speaker_names.py")  # what decides the names


class NamesFile:
    """The names file of one index state: `key` says which (see names_key)."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key

    def load(self) -> SpeakerNames | None:
        """The names kept for this key; None when there are none (or the file is not sound)."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        header = self._header()
        if not data.startswith(header):
            return None
        try:
            shown = marshal.loads(memoryview(data)[len(header):])
        except (ValueError, EOFError, TypeError):
            shown = None
        if not isinstance(shown, dict) or not all(type(k) is str and type(v) is str for k, v in shown.items()):
            log.warning("ignoring the damaged speaker names file %s", self.path)
            return None
        return SpeakerNames(shown)

    def save(self, names: SpeakerNames) -> None:
        """Keep the names; a library on a read-only or full disk goes without."""
        try:
            write_atomically(self.path, self._header() + marshal.dumps(names.shown_by_indexed, 4))
        except OSError as exc:
            log.info("could not save %s: %s", self.path, exc)

    def _header(self) -> bytes:
        return f"cuttings speaker names {self.key} marshal {marshal.version}\n".encode()


def names_key(state: tuple, apart: frozenset[frozenset[str]]) -> str:
    """The key of an index state (its segments and their deletions), the user's splits and the naming code."""
    split = sorted(tuple(sorted(pair)) for pair in apart)
    return hashlib.sha1(repr((code_version(_NAMES_CODE), state, split)).encode()).hexdigest()
