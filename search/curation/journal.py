"""One user action as a journaled change of files, so that a crash leaves the old state or the new one.

A change writes (or removes) small files and moves files (a source into the
trash and back), then the index is updated. The journal, written first, lists
every step with what each file held before:

    apply   the files change, then the index; the journal is removed at the end.
            The index refuses (busy)? The files are put back and the error raised:
            the action is refused, never half-done.
    crash   the next action (or `recover`) finds the journal and rolls it
            forward, or finishes putting it back if that is what it was doing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from search.curation.files import move, read_json, remove, write_atomically, write_json


@dataclass
class Change:
    """What one action does on disk, and what the index must do after."""

    writes: dict[Path, bytes | None] = field(default_factory=dict)  # file -> new content (None: remove it)
    moves: list[tuple[Path, Path]] = field(default_factory=list)  # (from, to), done in order
    reindex: list[str] = field(default_factory=list)  # sources to parse and index again
    unindex: list[str] = field(default_factory=list)  # article ids to take out of the index

    def __iadd__(self, other: Change) -> Change:
        """Both changes as one action (in place: an action over many articles stays linear)."""
        self.writes.update(other.writes)
        self.moves += other.moves
        self.reindex += other.reindex
        self.unindex += other.unindex
        return self

    def __add__(self, other: Change) -> Change:
        both = Change(dict(self.writes), list(self.moves), list(self.reindex), list(self.unindex))
        both += other
        return both


IndexUpdate = Callable[[Change], None]


class Journal:
    def __init__(self, home: Path, path: Path) -> None:
        self.home = home  # paths in the journal are relative to it: a library may be moved
        self.path = path

    def run(self, change: Change, update_index: IndexUpdate) -> None:
        record = {
            "state": "apply",
            "writes": [[self._rel(p), _text(new), _text(_read(p))] for p, new in change.writes.items()],
            "moves": [[self._rel(a), self._rel(b)] for a, b in change.moves],
            "reindex": list(dict.fromkeys(change.reindex)),
            "unindex": list(dict.fromkeys(change.unindex)),
        }
        write_json(self.path, record)
        self._apply(record)
        try:
            update_index(change)
        except BaseException:
            record["state"] = "undo"
            write_json(self.path, record)
            self._undo(record)
            remove(self.path)
            raise
        remove(self.path)

    def recover(self, update_index: IndexUpdate) -> bool:
        """Finish an action a crash interrupted; True if there was one."""
        record = read_json(self.path)
        if record is None:
            return False
        if record["state"] == "undo":
            self._undo(record)
        else:
            self._apply(record)
            update_index(self._change(record))
        remove(self.path)
        return True

    # ---- steps (each may be repeated: a replay after a crash does them again) ----------------------
    def _apply(self, record: dict) -> None:
        for rel, new, _old in record["writes"]:
            _put(self.home / rel, new)
        for a, b in record["moves"]:
            move(self.home / a, self.home / b)

    def _undo(self, record: dict) -> None:
        for a, b in reversed(record["moves"]):
            move(self.home / b, self.home / a)
        for rel, _new, old in record["writes"]:
            _put(self.home / rel, old)

    def _change(self, record: dict) -> Change:
        return Change(
            writes={self.home / rel: None if new is None else new.encode("utf-8") for rel, new, _ in record["writes"]},
            moves=[(self.home / a, self.home / b) for a, b in record["moves"]],
            reindex=list(record["reindex"]), unindex=list(record["unindex"]),
        )

    def _rel(self, path: Path) -> str:
        return str(Path(path).relative_to(self.home))


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8")


def _put(path: Path, text: str | None) -> None:
    if text is None:
        remove(path)
    else:
        write_atomically(path, text.encode("utf-8"))
