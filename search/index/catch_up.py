"""A long-lived library's watch on its index: sources the served index has never seen are indexed in the background.

A server may open on an index that lacks cuttings: the process died between
saving a source and indexing it, or `whoosh/` was deleted under it (a new, empty
generation then appears). Each time the served generation changes, and once at
open, a background thread indexes every source the index has never seen
(search/index/rebuild.py, `new_only`), committing a segment at a time, so
searches keep working and fill as it goes; meanwhile `note()` says so. A
generation built by an older parser or schema is rebuilt whole the same way,
while the old one keeps serving.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import Callable

from search.errors import CuttingsError
from search.index.rebuild import Decisions, rebuild
from search.index.sources import Source, SourceStore
from search.index.store import IndexStore
from search.model import Article

log = logging.getLogger(__name__)

FILLING_NOTE = ("This library is indexing cuttings its index had not seen yet; until it finishes, "
                "some of them are missing from these results.")


class CatchUp:
    def __init__(self, store: IndexStore, sources: SourceStore, parse: Callable[[Source], Article],
                 decisions: Decisions | None = None) -> None:
        self.store = store
        self.decisions = decisions
        self.sources = sources
        self.parse = parse
        self._checked: tuple | None = None  # the generation last checked: (name, its directory's inode)
        self._thread: threading.Thread | None = None
        self._filling = threading.Event()  # set once the running catch-up found sources to index
        self._lock = threading.Lock()

    def check(self, generation: str | None) -> None:
        """Start the background catch-up when `generation` (the served one) was not checked yet
        (a deleted index comes back with the same generation name: its directory is new)."""
        if generation is None:
            return
        try:
            seen = (generation, os.stat(self.store.generation_dir(generation)).st_ino)
        except OSError:
            return  # gone already: the next search sees its successor
        if seen == self._checked:
            return
        with self._lock:
            if seen == self._checked or self.running:
                return
            self._checked = seen
            self._filling.clear()
            self._thread = threading.Thread(target=self._run, name="cuttings-catch-up", daemon=True)
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def note(self) -> str | None:
        """The filling note while sources are being indexed; none while the check finds nothing to do."""
        return FILLING_NOTE if self.running and self._filling.is_set() else None

    def _run(self) -> None:
        try:
            report = rebuild(self.store, self.sources, self.parse, progress=False, new_only=True,
                             decisions=self.decisions, working=self._filling.set)
        except (CuttingsError, OSError) as exc:
            log.warning("indexing the sources the index had not seen failed: %s", exc)
            return
        if report.parsed or report.removed:
            log.info("caught up with sources/: %s", report.summary())
        for name, message in report.failures:
            log.warning("skipped %s: %s", name, message)

    def stop(self, timeout: float = 30.0) -> None:
        """Wait (bounded) for a running catch-up to finish its work."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
