"""Bounded waits: every lock Cuttings takes gives up after a timeout with a LibraryError.

A request must never hang on the library: a thread lock held by a stuck request,
or another process creating the first index generation, ends in a clear
"busy, try again" message instead of an endless wait.
"""
from __future__ import annotations

import errno
import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from search.errors import LibraryError

WAIT_TIMEOUT = 30.0  # seconds any thread or process waits for a lock
POLL_INTERVAL = 0.05  # seconds between tries of an inter-process lock


@contextmanager
def held(lock, what: str, timeout: float | None = None) -> Iterator[None]:
    """Hold a threading lock, waiting at most `timeout` seconds for it."""
    timeout = WAIT_TIMEOUT if timeout is None else timeout
    if not lock.acquire(timeout=timeout):
        raise LibraryError(f"{what} stayed busy for over {timeout:g} s (another request is still using it); try again.")
    try:
        yield
    finally:
        lock.release()


@contextmanager
def process_lock(path: Path, what: str, timeout: float | None = None) -> Iterator[None]:
    """An exclusive lock on `path` across processes (flock), waiting at most `timeout` seconds.

    The kernel drops it when the holder's file is closed or its process dies, so a
    crashed process never leaves it behind.
    """
    timeout = WAIT_TIMEOUT if timeout is None else timeout
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise LibraryError(f"Cannot lock {path} ({exc.strerror}).") from None
                if time.monotonic() >= deadline:
                    raise LibraryError(
                        f"{what} stayed locked by another process for over {timeout:g} s ({path}); try again."
                    ) from None
                time.sleep(POLL_INTERVAL)
        yield
    finally:
        os.close(fd)  # also releases the lock
