"""Worker processes end with the process that started them.

A worker that waits for its parent's next message (a reindex's parse workers and
the parse pool's wait on a pipe) would wait forever once the parent is killed,
holding its memory and the files it had open. Two ways
out, both set up by `exit_with_parent()` when a worker starts:

* on Linux the kernel sends the worker SIGKILL when the process that forked it
  ends (prctl PR_SET_PDEATHSIG); this also ends a worker stuck in a regular
  expression, which holds the interpreter lock and so runs no Python thread;
* everywhere, a thread waits on the sentinel that multiprocessing gives every
  child of its parent (ready when the parent ends) and exits then.

A parse pool worker is forked by multiprocessing's fork server, which ends when no
process holds its "alive" pipe any more; every child it forks is handed a copy
of that pipe (so that it could fork workers of its own), so a worker would keep
the fork server, and so itself, alive. `release_fork_server()` closes the
worker's copy: when the server dies the fork server ends, and the kernel then
ends the worker.
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.connection import wait

log = logging.getLogger(__name__)

EXIT_CODE = 70  # the parent is gone (EX_SOFTWARE)
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def exit_with_parent() -> None:
    """Call in a worker process: it exits as soon as the process that started it ends."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not started by multiprocessing: nothing to watch
        return
    forked_by = os.getppid()
    if _kernel_kills_on_parent_death() and os.getppid() != forked_by:  # it died before the request took
        os._exit(EXIT_CODE)

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(EXIT_CODE)  # no clean-up: what the worker wrote belongs to an abandoned job

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _kernel_kills_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError) as exc:  # no libc prctl (another C library): the thread still watches
        log.debug("prctl(PR_SET_PDEATHSIG) is not available: %s", exc)
        return False


def release_fork_server() -> None:
    """Call in a worker forked by the fork server that starts no process itself: let the fork server end
    with the process that started it (see above)."""
    # multiprocessing keeps the pipe in a private attribute of its fork server; when that changes
    # (another Python), the fork server lives as long as its workers, which then end by the thread.
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if isinstance(fd, int):
        os.close(fd)
        server._forkserver_alive_fd = None
