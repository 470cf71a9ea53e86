"""Parsing cuttings in worker processes with a time limit, so that no input can stall its caller.

Ingest is plain Python: a page that sends a pattern into a long search holds the
interpreter lock, and in a web server every other request would wait behind it.
Here each parse runs in a worker process (pebble's ProcessPool, made for this: a
task that runs over its time is killed with its worker, which is replaced). The
caller waits at most the time limit and gets an IngestError that names the input.

Workers are forked from a fork server that imported ingest once, so a new worker
costs milliseconds, not a second of imports; each is replaced after a few parses,
so the memory a huge page needed goes back to the system; it runs at a lower
priority than the server's searches, and ends with the process that started it
(search/lifetime.py). At most `workers` parses run at once and a few more wait:
past that a parse is refused as busy at once, so parses never hold every thread
of a web server.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import CancelledError, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

from pebble import ProcessExpired, ProcessPool

from search import ingest
from search.errors import CuttingsError, IngestError, LibraryError
from search.lifetime import exit_with_parent, release_fork_server
from search.model import Article

log = logging.getLogger(__name__)

PARSE_TIME_LIMIT = 20.0  # seconds; a real article, even a 5 MB page, reads in a few
WORKERS = 2  # parses at once (the machines have two cores; the workers are niced below the searches)
WAITING = 2  # parses that may wait for a worker; more are refused as busy
PARSES_PER_WORKER = 10  # then the worker is replaced, giving its memory back
NICENESS = 10  # workers yield the CPU to the server's searches: a runaway parse must not slow them down
_PRELOAD = ["search.ingest.pipeline"]  # every rule a parse uses, loaded once and shared by the forked workers


class ParseTimeout(IngestError):
    """The input took longer than the time limit to read; it was stopped."""


class ParsersBusy(LibraryError):
    """Every worker is taken and the queue is full."""


def _start_worker() -> None:
    release_fork_server()
    exit_with_parent()
    os.nice(NICENESS)


def _default_parse(data: bytes | str, filename: str | None, url: str | None) -> Article:
    return ingest.parse(data, filename=filename, url=url)


class ParsePool:
    """`parse(data, filename=..., url=...)` as `search.ingest.parse`, run in a worker with a time limit.

    `parse_function` must be importable by name (a module-level function): the worker receives it by
    reference. Safe to share between threads; the workers start on first use.
    """

    def __init__(self, *, time_limit: float = PARSE_TIME_LIMIT, workers: int = WORKERS, waiting: int = WAITING,
                 parse_function: Callable[[bytes | str, str | None, str | None], Article] = _default_parse) -> None:
        self.time_limit = time_limit
        self.workers = workers
        self._parse = parse_function
        self._slots = threading.BoundedSemaphore(workers + waiting)
        self._lock = threading.Lock()
        self._pool: ProcessPool | None = None

    def _started(self) -> ProcessPool:
        with self._lock:
            if self._pool is not None and not self._pool.active:  # (`active` starts a new pool's workers)
                self._pool.stop()  # its manager failed: replace it
                self._pool = None
            if self._pool is None:
                context = multiprocessing.get_context("forkserver")  # never fork a threaded server
                context.set_forkserver_preload(_PRELOAD)
                self._pool = ProcessPool(max_workers=self.workers, max_tasks=PARSES_PER_WORKER, context=context,
                                         initializer=_start_worker)
            return self._pool

    def start(self) -> None:
        """Start the workers now (a server does, so that the first cutting is read at full speed)."""
        if not self._started().active:  # reading `active` starts a new pool's workers
            raise LibraryError("Cuttings could not start its parse workers.")

    def parse(self, data: bytes | str, *, filename: str | None = None, url: str | None = None) -> Article:
        name = filename or "the pasted text"
        if not self._slots.acquire(blocking=False):
            raise ParsersBusy(f"Cuttings is busy reading other cuttings, with more waiting; {name} was not read. "
                              "Try again in a minute.")
        try:
            future = self._started().schedule(self._parse, args=(data, filename, url), timeout=self.time_limit)
            try:
                return future.result()
            except CuttingsError:  # the input's own fault (empty, not an article, too large), raised in the worker
                raise
            except TimeoutError:
                raise ParseTimeout(
                    f"Reading {name} took longer than {self.time_limit:g} s, so Cuttings stopped it; nothing was "
                    "saved. If it is a saved page, try pasting the article text instead."
                ) from None
            except (ProcessExpired, BrokenProcessPool, CancelledError) as exc:  # killed or crashed, out of memory
                log.warning("the worker reading %s ended: %s", name, exc)
                raise IngestError(f"Reading {name} stopped unexpectedly (the worker process ended); "
                                  "nothing was saved. It may be too large or too unusual to read.") from None
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.stop()
                self._pool.join()
                self._pool = None
