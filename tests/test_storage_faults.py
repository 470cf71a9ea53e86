"""Faults of the library's disk: bad sidecars, full disks, temporary files left by killed writes.

The full-disk tests simulate ENOSPC at the write calls (monkeypatch), and one runs the
command line on a real 1 MB tmpfs when this machine allows mounting one (root and
`unshare -m`, so the mount is private to that process and gone when it ends).
"""
from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.cli import main
from search.errors import StorageError
from search.index import temporary
from search.index.store import IndexStore
from search.library import Library
from search.request import SearchRequest

REPO = Path(__file__).resolve().parents[1]


def _titles(lib: Library) -> set[str]:
    return {h.title for h in lib.iter_hits(SearchRequest(view="flat", size=100))}


def _first_source(home: Path) -> Path:
    return sorted(p for p in (home / "sources").iterdir() if not p.name.endswith(".meta.json"))[0]


# ---- sidecars ----------------------------------------------------------------
BAD_SIDECARS = ["[]", '{"filename": 5}', '{"url": ["x"]}', "not json", b"\xff\xfe", "a directory"]


def test_bad_sidecars_are_named_and_their_cuttings_still_indexed(library, library_home, caplog):
    before = _titles(library)
    sources = sorted(p for p in (library_home / "sources").iterdir() if not p.name.endswith(".meta.json"))
    sidecars = []
    for source, bad in zip(sources, BAD_SIDECARS, strict=False):
        meta = source.with_name(source.name + ".meta.json")
        meta.unlink(missing_ok=True)
        if bad == "a directory":
            meta.mkdir()
        else:
            meta.write_bytes(bad if isinstance(bad, bytes) else bad.encode())
        sidecars.append(meta)
    with caplog.at_level(logging.WARNING):
        code = main(["--home", str(library_home), "reindex", "--quiet"])
    assert code == 0
    warned = " ".join(r.getMessage() for r in caplog.records if "ignored the sidecar" in r.getMessage())
    assert [m.name for m in sidecars if m.name not in warned] == []
    assert _titles(Library(library_home)) == before  # no article lost
    again = Library(library_home).add(sources[0].read_bytes(), "again.txt")  # saving beside one does not trip
    assert again.title in before


# ---- temporary files ---------------------------------------------------------
def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_an_incremental_reindex_on_a_full_disk_says_so(library, library_home, fixture_paths, monkeypatch):
    (library_home / "sources" / "new.txt").write_bytes(fixture_paths[0].read_bytes().replace(b"\n", b"\n\n", 1))
    monkeypatch.setattr(IndexStore, "write_articles", _full_disk)
    with pytest.raises(StorageError, match="The reindex stopped: the disk is full"):
        library.reindex(progress=False)


def test_temporary_files_of_dead_writers_are_removed_when_the_library_opens(library_home):
    dead, alive = _dead_pid(), os.getpid()
    sources, whoosh = library_home / "sources", library_home / "whoosh"
    served = whoosh / (whoosh / "current").read_text().strip()
    abandoned = [sources / f".abc-story.txt.tmp-{dead}", sources / f".abc-story.txt.tmp-{dead}-140000",
                 whoosh / f"current.tmp-{dead}-140000", whoosh / f".current.tmp-{dead}-1",
                 served / "_MAIN_3.toc.1796621677.5027587", served / f".speakers.names.tmp-{dead}-140000",
                 served / f".MAIN_x1y2.rows.tmp-{dead}-140000"]
    kept = [sources / f".abc-story.txt.tmp-{alive}-1", sources / f"notes.tmp-{dead}",  # in use; a source
            served / f".speakers.names.tmp-{alive}-1"]
    for path in abandoned + kept:
        path.write_bytes(b"")
    Library(library_home)
    assert [p.name for p in abandoned if p.exists()] == []
    assert all(p.exists() for p in kept)


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "x.txt"
    monkeypatch.setattr(temporary.os, "replace", _full_disk)
    with pytest.raises(OSError):
        temporary.write_atomically(target, b"data")
    assert list(tmp_path.iterdir()) == []


# ---- a full disk (simulated) ----------------------------------------------------
def _full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _generations(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "whoosh").iterdir() if p.is_dir())


@pytest.mark.parametrize("where", ["creating the generation", "writing the articles", "publishing"])
def test_a_reindex_on_a_full_disk_says_so_and_leaves_no_stray_generation(library, library_home, monkeypatch,
                                                                          where, capsys):
    before, generations = _titles(library), _generations(library_home)
    if where == "creating the generation":
        monkeypatch.setattr(whoosh_index, "create_in", _full_disk)
    elif where == "writing the articles":
        monkeypatch.setattr(IndexStore, "write_articles", _full_disk)
    else:
        monkeypatch.setattr(temporary.os, "replace", _full_disk)
    with pytest.raises(StorageError, match="The reindex stopped: the disk is full .* The index in use is unchanged"):
        library.reindex(progress=False, full=True)
    assert _generations(library_home) == generations
    assert _titles(Library(library_home)) == before
    assert not [p for p in (library_home / "whoosh").iterdir() if ".tmp-" in p.name]


def test_the_command_line_says_the_disk_is_full_in_one_line(library_home, monkeypatch, capsys):
    monkeypatch.setattr(whoosh_index, "create_in", _full_disk)
    assert main(["--home", str(library_home), "reindex", "--full", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cuttings: The reindex stopped: the disk is full") and "Traceback" not in err


def test_a_bulk_add_on_a_full_disk_names_each_file(empty_home, fixture_paths, monkeypatch, capsys):
    monkeypatch.setattr(temporary.os, "replace", _full_disk)
    assert main(["--home", str(empty_home), "add", "--quiet", *map(str, fixture_paths[:2])]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.endswith("the disk is full")] == [
        f"cuttings: {p}: the disk is full" for p in fixture_paths[:2]]


# ---- a full disk (a real tmpfs) ---------------------------------------------------
def _can_mount_tmpfs(where: Path) -> bool:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs '{where}'"],
                           capture_output=True)
    return probe.returncode == 0


def test_add_and_reindex_on_a_real_full_tmpfs(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _can_mount_tmpfs(disk):  # (a container without the right to mount)
        pytest.skip("mounting a tmpfs needs root and unshare")
    script = f"mount -t tmpfs -o size=1m tmpfs '{disk}' && exec '{sys.executable}' -m tests.helpers.full_disk '{disk}'"
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["add"]["code"] == 1 and report["add"]["stderr"].strip().endswith(": the disk is full")
    assert report["reindex"]["code"] == 1 and "The reindex stopped: the disk is full" in report["reindex"]["stderr"]
    assert "Traceback" not in report["add"]["stderr"] + report["reindex"]["stderr"]
    for files in (report["files_while_full"], report["files_after"]):
        assert not [f for f in files if ".tmp-" in f or ".toc." in f], files
        assert len({f.split("/")[1] for f in files if f.startswith("whoosh/gen-")}) == 1, files
    assert report["articles_after"] == 1
    assert report["reindex_after"]["code"] == 0
