"""Files that are either the old version or the new one: write aside, fsync, rename, fsync the folder."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from search.errors import LibraryError


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (the new name survives a power cut)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_json(path: Path, value: Any) -> None:
    write_atomically(path, json_bytes(value))


def read_json(path: Path, default: Any = None) -> Any:
    """The file's JSON, `default` when it does not exist; a damaged file is an error naming it
    (a decision file is never ignored: that would undo what the user decided)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    try:
        return json.loads(text)
    except ValueError as exc:
        raise LibraryError(f"{path} is damaged ({exc}); mend it or move it away, then try again.") from None


def remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    sync_folder(path.parent)


def move(src: Path, dst: Path) -> None:
    """Rename src to dst; done already (src gone, dst there) is fine, so a replay can repeat it."""
    if not src.exists():
        if dst.exists():
            return
        raise LibraryError(f"{src} is missing, so it cannot be moved to {dst}.")
    dst.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)
    sync_folder(dst.parent)
    if src.parent != dst.parent:
        sync_folder(src.parent)
