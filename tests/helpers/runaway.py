"""Parse functions for the parse-worker tests: they run inside a worker process, so they live in a module."""
from __future__ import annotations

import re


def signal_then_backtrack(data: str, filename: str | None, url: str | None):
    """Say "started" through the FIFO whose path is the pasted text, then run a pattern that backtracks
    for ages inside the regex engine, holding the interpreter lock (as the quadratic ingest patterns did)."""
    with open(data.strip(), "wb") as fifo:
        fifo.write(b"started")
    re.match(r"(a+)+$", "a" * 64 + "!")
    raise AssertionError("the backtracking pattern finished; it should have been stopped long before")
