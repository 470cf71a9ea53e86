"""sources/: the original bytes of every cutting, never modified; the library's source of truth.

A cutting is saved as `<sha1[:12]>-<safe original name>` (the same bytes always
get the same file), with an optional sidecar `<file>.meta.json` holding the URL
it came from and the original file name. Files dropped in by hand (without the
hash prefix or a sidecar) are sources too.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SIDECAR_SUFFIX = ".meta.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Source:
    path: Path
    filename: str  # the name the cutting arrived with
    url: str | None

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
            _write_atomically(path, data)
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        meta = _read_sidecar(sidecar)
        if not sidecar.exists() or (url and meta.get("url") != url):
            meta = {"filename": filename or "pasted.txt", "url": url or meta.get("url"),
                    "added": meta.get("added") or datetime.now(timezone.utc).isoformat(timespec="seconds")}
            _write_atomically(sidecar, json.dumps(meta, indent=1).encode("utf-8"))
        return Source(path=path, filename=meta["filename"], url=meta.get("url"))

    def all(self, only: set[str] | None = None) -> list[Source]:
        """Every source (or those named in `only`), oldest first (so a later copy of the same
        article wins on reindex)."""
        if not self.root.is_dir():
            return []
        files = [p for p in self.root.iterdir()
                 if (only is None or p.name in only)
                 and p.is_file() and not p.name.endswith(SIDECAR_SUFFIX) and not p.name.startswith(".")]
        files.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
        return [self._source(p) for p in files]

    def names(self) -> set[str]:
        """The file names of every source, cheaply (no file is opened or stat'ed)."""
        if not self.root.is_dir():
            return set()
        return {name for name in os.listdir(self.root) if not name.endswith(SIDECAR_SUFFIX)
                and not name.startswith(".")}

    def _source(self, path: Path) -> Source:
        meta = _read_sidecar(path.with_name(path.name + SIDECAR_SUFFIX))
        return Source(path=path, filename=meta.get("filename") or path.name, url=meta.get("url"))


def source_digest(source: Source) -> str:
    """What a source is parsed from, as one hash: its bytes, the name and the URL it came with."""
    digest = hashlib.sha1(source.path.read_bytes())
    digest.update(f"\0{source.filename}\0{source.url or ''}".encode("utf-8"))
    return digest.hexdigest()


def _read_sidecar(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
