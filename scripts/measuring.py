"""What the benchmarks measure with: the best of repeated timings, and process memory from /proc."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable


def best(fn: Callable[[], object], rounds: int) -> float:
    """The fastest of `rounds` calls of fn, in seconds: the figure least disturbed by a busy machine."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    """A memory line of /proc/<pid>/status, in kB (0 once the process is gone): VmRSS (all
    resident pages), VmHWM (their peak), RssAnon (the process's own memory), RssFile (pages
    of mapped files, the index and the libraries, which the kernel can drop)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children, ...)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])  # after the name, which may hold spaces
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, in kB."""
    return rss_kb(root) + sum(rss_kb(p) for p in descendants(root))
