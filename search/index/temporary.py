"""Temporary files of atomic writes, named so that the next open can tell which were abandoned.

A write goes to `.<name>.tmp-<pid>-<thread>` beside its target, then is renamed
over it. A failed write removes its temporary file at once; a crash, a kill -9
or a power cut cannot, so the file names the process that wrote it, and one
whose process is gone is removed when the library next opens.
"""
from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# ".<target>.tmp-<pid>-<thread>", and ".<target>.tmp-<pid>" as earlier versions named them. Only
# dot-files: a source dropped in by hand may have any other name, and must never be taken for one.
TEMPORARY = re.compile(r"^\..+\.tmp-(?P<pid>\d+)(?:-\d+)?$")


def temporary_path(target: Path) -> Path:
    """Unique per process and thread, so two writers of the same file never share one."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")


def write_atomically(target: Path, data: bytes) -> None:
    """Readers see the old file or the whole new one, never a part; nothing is left behind on failure."""
    tmp = temporary_path(target)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def process_is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_abandoned(folder: Path, patterns: tuple[re.Pattern[str], ...] = (TEMPORARY,)) -> list[Path]:
    """Remove the temporary files in `folder` (names matching one of `patterns`, whose group "pid"
    names the writer) whose writing process is gone; return them."""
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:  # names only: a library may hold 100,000 files
            found = [(entry.name, m) for entry in entries
                     if (m := next((m for p in patterns if (m := p.match(entry.name))), None))]
    except OSError:  # no such folder yet, or not readable: nothing to clean
        return removed
    for name, m in found:
        path = folder / name
        if process_is_running(int(m.group("pid"))) or not path.is_file():
            continue
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError as exc:  # a read-only library: leave it, the write that made it can't happen either
            log.warning("could not remove the abandoned temporary file %s: %s", path, exc.strerror)
    if removed:
        log.info("removed %d abandoned temporary files in %s", len(removed), folder)
    return removed
