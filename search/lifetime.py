"""Worker processes end with the process that started them.

A worker that waits for its parent's next message (Whoosh's writer workers wait
on a queue, the parse workers on a pipe) would wait forever once the parent is
killed: about 70 MB each, with files open in an index nobody serves. Every
process that multiprocessing starts holds a sentinel of its parent that becomes
ready when the parent ends; a thread waits on it and ends the worker then.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import wait

EXIT_CODE = 70  # the parent is gone (EX_SOFTWARE)


def exit_with_parent() -> None:
    """Call in a worker process: it exits as soon as the process that started it ends."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not started by multiprocessing: nothing to watch
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(EXIT_CODE)  # no clean-up: what the worker wrote belongs to an abandoned job

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
