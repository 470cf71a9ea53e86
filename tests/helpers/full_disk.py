"""Run inside a small tmpfs (see tests/test_storage_faults.py): add and reindex on a full disk, then free it.

    python -m tests.helpers.full_disk DISK_DIR    prints one JSON object of what happened
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

from search.cli import main as cuttings
from search.library import Library
from tests.helpers.paths import LIBRARY_FIXTURES


def _cli(*argv: str) -> dict:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cuttings(list(argv))
    return {"code": code, "stderr": err.getvalue()}


def _fill(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"x" * 1024)
    except OSError:
        pass
    finally:
        os.close(fd)


def _files(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*"))


def main(disk: Path) -> None:
    home = disk / "library"
    first, second = sorted(LIBRARY_FIXTURES.glob("*.txt"))[:2]
    Library(home).add(first.read_bytes(), first.name)
    filler = disk / "filler"
    _fill(filler)
    report = {"add": _cli("--home", str(home), "add", "--quiet", str(second)),
              "reindex": _cli("--home", str(home), "reindex", "--full", "--quiet")}
    report["files_while_full"] = _files(home)
    filler.unlink()
    library = Library(home)
    report["articles_after"] = library.article_count()
    report["reindex_after"] = _cli("--home", str(home), "reindex", "--quiet")
    report["files_after"] = _files(home)
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
