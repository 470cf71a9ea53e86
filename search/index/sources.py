"""sources/: the original bytes of every cutting, never modified; the library's source of truth.

A cutting is saved as `<sha1[:12]>-<safe original name>` (the same bytes always
get the same file), with an optional sidecar `<file>.meta.json` holding the URL
it came from and the original file name. Files dropped in by hand (without the
hash prefix or a sidecar) are sources too. A sidecar that cannot be read (not
JSON, not an object of strings, a directory) is named in the log and ignored:
its cutting is still a source, under its own file name.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from search.index.temporary import remove_abandoned, write_atomically

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_FIELDS = ("filename", "url", "added")  # each a string when present
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Source:
    path: Path
    filename: str  # the name the cutting arrived with
    url: str | None
    added: datetime | None = None  # when it entered the library (the sidecar's "added", else the file's time)

    @property
    def name(self) -> str:
        return self.path.name


def safe_name(filename: str | None) -> str:
    base = Path(filename or "pasted.txt").name
    base = _UNSAFE.sub("-", base).strip(".-") or "pasted.txt"
    return base[-80:]


class SourceStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def file_name_for(self, data: bytes, filename: str | None) -> str:
        return f"{hashlib.sha1(data).hexdigest()[:12]}-{safe_name(filename)}"

    def save(self, data: bytes, filename: str | None, url: str | None = None) -> Source:
        """Write the bytes (atomically, once) and their sidecar; return the saved source."""
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / self.file_name_for(data, filename)
        if not path.exists():
            write_atomically(path, data)
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        meta = _read_sidecar(sidecar)
        if (not meta or (url and meta.get("url") != url)) and not sidecar.is_dir():  # none, unusable, or a new URL
            meta = {"filename": filename or "pasted.txt", "url": url or meta.get("url"),
                    "added": meta.get("added") or datetime.now(timezone.utc).isoformat(timespec="microseconds")}
            write_atomically(sidecar, json.dumps(meta, indent=1).encode("utf-8"))
        return Source(path=path, filename=meta.get("filename") or filename or "pasted.txt", url=meta.get("url") or url,
                      added=_added(path, meta))

    def all(self, only: set[str] | None = None) -> list[Source]:
        """Every source (or those named in `only`), oldest first (so a later copy of the same
        article wins on reindex)."""
        if not self.root.is_dir():
            return []
        files = []
        for p in self.root.iterdir():
            if p.name.endswith(SIDECAR_SUFFIX) or p.name.startswith(".") or (only is not None and p.name not in only):
                continue
            try:
                if p.is_file():
                    files.append((p.stat().st_mtime_ns, p.name, p))
            except OSError:  # removed while listing
                continue
        files.sort(key=lambda f: f[:2])
        return [self._source(p) for _mtime, _name, p in files]

    def remove_abandoned(self) -> list[Path]:
        """Temporary files that an interrupted save left in sources/ (never a source: they are dot-files)."""
        return remove_abandoned(self.root)

    def get(self, name: str) -> Source | None:
        """The source saved under `name`, if it is (still) in sources/."""
        path = self.root / Path(name).name
        return self._source(path) if path.is_file() and not name.endswith(SIDECAR_SUFFIX) else None

    def added_at(self, name: str) -> datetime | None:
        """When the source entered the library: its sidecar's time, else its file's (a file dropped in by hand)."""
        path = self.root / Path(name).name
        return _added(path, _read_sidecar(path.with_name(path.name + SIDECAR_SUFFIX)))

    def names(self) -> set[str]:
        """The file names of every source, cheaply (no file is opened or stat'ed)."""
        if not self.root.is_dir():
            return set()
        return {name for name in os.listdir(self.root) if not name.endswith(SIDECAR_SUFFIX)
                and not name.startswith(".")}

    def _source(self, path: Path) -> Source:
        meta = _read_sidecar(path.with_name(path.name + SIDECAR_SUFFIX))
        return Source(path=path, filename=meta.get("filename") or path.name, url=meta.get("url"),
                      added=_added(path, meta))


def _added(path: Path, meta: dict) -> datetime | None:
    """The sidecar's "added" time; for a file dropped in by hand (no sidecar), the file's own time."""
    try:
        return datetime.fromisoformat(meta["added"])
    except (KeyError, TypeError, ValueError):
        pass
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(microsecond=0)
    except OSError:
        return None


def source_digest(source: Source) -> str:
    """What a source is parsed from, as one hash: its bytes, the name and the URL it came with."""
    digest = hashlib.sha1(source.path.read_bytes())
    digest.update(f"\0{source.filename}\0{source.url or ''}".encode("utf-8"))
    return digest.hexdigest()


def _read_sidecar(path: Path) -> dict:
    """The sidecar's fields; {} when there is none or it cannot be used (named in the log)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:  # a directory, unreadable, not UTF-8, not JSON
        log.warning("ignored the sidecar %s: %s", path, getattr(exc, "strerror", None) or exc)
        return {}
    if not isinstance(meta, dict) or any(not isinstance(meta.get(k, ""), str | None) for k in _SIDECAR_FIELDS):
        log.warning("ignored the sidecar %s: not an object of text fields (%s)", path, ", ".join(_SIDECAR_FIELDS))
        return {}
    return meta
