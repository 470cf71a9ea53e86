"""Worker processes end with the process that started them: a kill -9 of `cuttings add` or `reindex`
during indexing, or of the server, leaves no worker blocked for good."""
from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _ends_within(pid: int, seconds: float) -> bool:
    """Wait on a pidfd (readable when the process ends): no polling, bounded."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], seconds)
        return bool(ready)
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux pidfds to wait on another's process")
@pytest.mark.parametrize("workers", ["reindex", "runaway"])
def test_workers_end_when_their_parent_is_killed(tmp_path, workers):
    """A reindex's parse workers; the parse pool's workers, one stuck in a regular expression (which
    holds its interpreter lock, so only the kernel can end it), and the fork server they came from."""
    args = [sys.executable, "-m", "tests.helpers.killed_writer", str(tmp_path / "work")]
    killed = subprocess.run(args + ([] if workers == "reindex" else [workers]), cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    pids = [int(p) for p in killed.stdout.split()]
    assert pids, "no worker was started"
    assert [pid for pid in pids if not _ends_within(pid, 30)] == []
