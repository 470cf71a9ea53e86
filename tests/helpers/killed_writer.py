"""Start the workers of a multi-process index write, print their pids, then die by kill -9.

    python -m tests.helpers.killed_writer DIR [runaway]

With `runaway`, the workers are the parse pool's instead of Whoosh's writer's, one of
them inside a regular expression that holds its interpreter lock.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from pathlib import Path

from search.index.store import IndexStore


def _start_index_writer_workers(root: Path) -> None:
    store = IndexStore(root)
    with store.writer(procs=2, batchsize=1) as w:  # each document is a job: the workers start at once
        for n in range(4):
            w.add_document(article_id=f"a{n}", n=n, text=f"paragraph {n}")
        _report_and_die()


def _start_runaway_parse(folder: Path) -> None:
    from search.parse_pool import ParsePool
    from tests.helpers.runaway import signal_then_backtrack

    folder.mkdir(parents=True, exist_ok=True)
    fifo = folder / "started.fifo"
    os.mkfifo(fifo)
    pool = ParsePool(time_limit=600, parse_function=signal_then_backtrack)
    threading.Thread(target=pool.parse, args=(str(fifo),), daemon=True).start()
    with open(fifo, "rb") as started:  # returns once the worker has opened it and is about to backtrack
        started.read()
    _report_and_die()


def _report_and_die() -> None:
    pids = [p.pid for p in multiprocessing.active_children()]
    print(" ".join(map(str, pids)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    if sys.argv[2:] == ["runaway"]:
        _start_runaway_parse(Path(sys.argv[1]))
    else:
        _start_index_writer_workers(Path(sys.argv[1]))
