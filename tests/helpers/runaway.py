"""Parse functions for the parse-worker tests: they run inside a worker process, so they live in a module."""
from __future__ import annotations

import os
import re


def signal_then_backtrack(data: str, filename: str | None, url: str | None):
    """Say "started" through the FIFO whose path is the pasted text, then run a pattern that backtracks
    for ages inside the regex engine, holding the interpreter lock (as the quadratic ingest patterns did)."""
    with open(data.strip(), "wb") as fifo:
        fifo.write(b"started")
    re.match(r"(a+)+$", "a" * 64 + "!")
    raise AssertionError("the backtracking pattern finished; it should have been stopped long before")


def backtrack_on_runaway_files(data: bytes | str, filename: str | None, url: str | None):
    """ingest.parse, except that a file named runaway* backtracks for ages instead."""
    if filename and filename.startswith("runaway"):
        re.match(r"(a+)+$", "a" * 64 + "!")
    from search import ingest

    return ingest.parse(data, filename=filename, url=url)


def die(data: bytes | str, filename: str | None, url: str | None):
    """The worker process ends in the middle of a parse (as when the kernel kills it for memory)."""
    os._exit(9)
