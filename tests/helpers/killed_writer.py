"""Start worker processes, print their pids, then die by kill -9.

    python -m tests.helpers.killed_writer DIR [runaway]

The workers are a reindex's parse workers (search/index/parsing.py) while the
indexing goes on; with `runaway`, the parse pool's of `cuttings add` and the web
app, one of them inside a regular expression that holds its interpreter lock.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from pathlib import Path

from search.index.parsing import CHUNK, parse_sources
from search.index.sources import Source
from search.model import Article


def _slow_parse(source: Source) -> Article:
    time.sleep(600)  # still parsing when the reindex is killed
    raise AssertionError("unreachable")


def _start_reindex_parse_workers(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for n in range(4 * CHUNK):  # enough for a chunk per worker
        path = folder / f"cutting-{n}.txt"
        path.write_text(f"Paragraph {n}.")
        sources.append(Source(path=path, filename=path.name, url=None))
    results = parse_sources(sources, _slow_parse, workers=2)
    threading.Thread(target=next, args=(results,), daemon=True).start()  # the indexer waits for the first
    while len(multiprocessing.active_children()) < 2:
        time.sleep(0.05)
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
        _start_reindex_parse_workers(Path(sys.argv[1]))
