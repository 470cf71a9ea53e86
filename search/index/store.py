"""The Whoosh index on disk: generations behind a `current` pointer, writers, a shared searcher.

    <home>/whoosh/current        name of the generation being served, e.g. "gen-0003"
    <home>/whoosh/gen-0003/      a complete Whoosh index

A reindex builds a new generation next to the served one and switches the
pointer with an atomic rename, so searches keep working during the rebuild and
a crashed rebuild leaves the old generation serving. Readers notice a new
pointer or a new commit and refresh their long-lived searcher.
"""
from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tqdm import tqdm
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from search.errors import LibraryError
from search.index.locks import held, process_lock
from search.index.schema import ParagraphSchema, article_documents
from search.index.temporary import TEMPORARY, remove_abandoned, write_atomically
from search.model import Article

log = logging.getLogger(__name__)

POINTER = "current"
GENERATIONS_LOCK = "generations.lock"  # held by whoever creates a generation (any process)
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another writer
READ_TIMEOUT = 30.0  # seconds a reader waits for another thread opening the searcher
CHECK_INTERVAL = 0.5  # seconds between checks for changes made by other processes
_GEN = re.compile(r"^gen-(\d+)$")
_OLD_POINTER_TEMPORARY = re.compile(rf"^{POINTER}\.tmp-(?P<pid>\d+)-\d+$")  # as earlier versions named them
_WHOOSH_WRITE_LOCK = "MAIN_WRITELOCK"  # Whoosh's lock file and table of contents for its default index name
_WHOOSH_TOC_TEMPORARY = "_MAIN_*.toc.*"
BULK_WRITER = {"procs": 2, "limitmb": 256, "multisegment": True}  # writes of many articles from the CLI
BULK_ARTICLES = 50  # a write of more articles than this may use BULK_WRITER
WRITE_ATTEMPTS = 3  # a reindex that swaps generations under a waiting writer sends it to the new one


class GenerationMoved(Exception):
    """A reindex swapped in a new generation while a writer waited; write there instead."""


# The user's decisions applied to each parsed article as it enters the index (None keeps it out).
Prepare = Callable[[Article], "Article | None"]


class IndexStore:
    def __init__(self, root: Path, prepare: Prepare | None = None) -> None:
        self.root = Path(root)
        self.prepare = prepare
        self._lock = threading.RLock()  # searcher() may create the first generation via ensure()
        self._searcher: Searcher | None = None
        self._searcher_gen: str | None = None
        self._checked_at = 0.0

    # ---- generations -----------------------------------------------------
    def current_generation(self) -> str | None:
        try:
            name = (self.root / POINTER).read_text().strip()
        except FileNotFoundError:
            return None
        return name if (self.root / name).is_dir() else None

    def generation_dir(self, name: str) -> Path:
        return self.root / name

    def new_generation(self) -> str:
        """Create an empty index in a fresh generation directory (not yet served)."""
        with self._generations_locked():
            return self._make_generation()

    def _make_generation(self) -> str:
        """Call with the generations lock held: no one else picks the same number."""
        numbers = [int(m.group(1)) for p in self.root.iterdir() if (m := _GEN.match(p.name))]
        name = f"gen-{max(numbers, default=0) + 1:04d}"
        path = self.root / name
        path.mkdir()
        try:
            whoosh_index.create_in(str(path), ParagraphSchema())
        except BaseException:  # a full disk: no half-made generation stays behind
            shutil.rmtree(path, ignore_errors=True)
            raise
        return name

    def _generations_locked(self):
        """Serialise creating generations across threads and processes (bounded waits)."""
        self.root.mkdir(parents=True, exist_ok=True)
        return process_lock(self.root / GENERATIONS_LOCK, f"The index at {self.root}", LOCK_TIMEOUT)

    def publish(self, name: str) -> None:
        """Atomically make `name` the served generation."""
        write_atomically(self.root / POINTER, (name + "\n").encode("utf-8"))
        self._checked_at = 0.0

    def remove_abandoned(self) -> list[Path]:
        """Temporary files of interrupted writes: the pointer's, and Whoosh's table of contents in the
        served generation when no writer holds its lock (Whoosh names those by time, not by writer)."""
        removed = remove_abandoned(self.root, (TEMPORARY, _OLD_POINTER_TEMPORARY))
        name = self.current_generation()
        if name is None:
            return removed
        try:
            lock = FileStorage(str(self.root / name)).lock(_WHOOSH_WRITE_LOCK)
            if lock.acquire(blocking=False):
                try:
                    for path in (self.root / name).glob(_WHOOSH_TOC_TEMPORARY):
                        path.unlink(missing_ok=True)
                        removed.append(path)
                finally:
                    lock.release()
        except OSError as exc:  # a read-only library can still be searched
            log.warning("could not clean %s: %s", self.root / name, exc.strerror or exc)
        return removed

    def prune(self) -> None:
        """Remove every generation but the served one (open readers keep their files on POSIX)."""
        current = self.current_generation()
        for p in self.root.iterdir():
            if current and _GEN.match(p.name) and p.name != current:
                shutil.rmtree(p, ignore_errors=True)

    def discard(self, name: str) -> None:
        if name != self.current_generation():
            shutil.rmtree(self.root / name, ignore_errors=True)

    def ensure(self) -> str:
        """The served generation, creating an empty one on first use."""
        name = self.current_generation()
        if name is None:
            with held(self._lock, f"The index at {self.root}", READ_TIMEOUT):
                name = self.current_generation()
                if name is None:
                    name = self._create_first()
        return name

    def _create_first(self) -> str:
        """The first generation, created once even when two processes start on an empty library."""
        with self._generations_locked():
            name = self.current_generation()  # another process may have won the race
            if name is None:
                name = self._make_generation()
                self.publish(name)
                self.prune()  # leftovers of a library whose pointer was lost
        return name

    def open(self, name: str | None = None):
        name = name or self.ensure()
        try:
            return whoosh_index.open_dir(str(self.root / name))
        except Exception as exc:  # a damaged or foreign directory
            raise LibraryError(
                f"The index at {self.root / name} cannot be opened ({exc}); run `cuttings reindex`."
            ) from exc

    # ---- writing -----------------------------------------------------------
    @contextmanager
    def writer(self, name: str | None = None, *, timeout: float | None = None, **kwargs) -> Iterator[IndexWriter]:
        """A writer that waits for the lock, commits on success and always releases the lock."""
        name = name or self.ensure()
        timeout = LOCK_TIMEOUT if timeout is None else timeout
        ix = self.open(name)
        try:
            w = self._acquire(ix, name, timeout, **kwargs)
            try:
                yield w
            except BaseException:
                w.cancel()
                raise
            try:
                w.commit()
            except BaseException:
                try:
                    w.cancel()  # a failed commit leaves the lock held otherwise
                except Exception:
                    log.exception("cancelling a failed commit")
                raise
        finally:
            ix.close()
        self._checked_at = 0.0

    def write_articles(self, articles: list[Article], *, generation: str | None = None, progress: bool = False,
                       bulk: bool = False, remove: Iterable[str] = ()) -> None:
        """Index the articles in one commit, each replacing any earlier copy with its id;
        the articles with the ids in `remove` leave the index in the same commit.

        Into `generation` (a reindex's new one) when given, else into the served one: a
        reindex that swaps in a new generation while this write waits for the lock sends
        the write there. `bulk`: Whoosh's multi-process writer for many articles, which
        only a command-line process may use (never a web server's threads).
        """
        if self.prepare is not None:
            articles = [a for a in map(self.prepare, articles) if a is not None]
        remove = list(remove)
        kwargs = BULK_WRITER if bulk and len(articles) > BULK_ARTICLES else {}
        for _attempt in range(WRITE_ATTEMPTS):
            gen = generation or self.ensure()
            try:
                with self.writer(gen, **kwargs) as w:
                    if generation is None and self.current_generation() != gen:
                        raise GenerationMoved(gen)
                    for article_id in remove:
                        w.delete_by_term("article_id", article_id)
                    for article in tqdm(articles, desc="indexing", unit="article", disable=not progress):
                        w.delete_by_term("article_id", article.id)
                        for doc in article_documents(article):
                            w.add_document(**doc)
                return
            except GenerationMoved:
                continue
        raise LibraryError(f"The index at {self.root} kept changing under this write; try again.")

    def _acquire(self, ix, name: str, timeout: float, **kwargs) -> IndexWriter:
        try:
            return ix.writer(timeout=timeout, delay=0.1, **kwargs)
        except LockError:
            raise LibraryError(
                f"The index at {self.root} is busy (locked by another writer for over {timeout:.0f} s); try again."
            ) from None
        except OSError:
            if self.current_generation() != name:  # swapped and removed while we waited
                raise GenerationMoved(name) from None
            raise

    # ---- reading -----------------------------------------------------------
    def searcher(self) -> Searcher:
        """The shared long-lived searcher, refreshed when the index or the pointer changed."""
        now = time.monotonic()
        s = self._searcher
        if s is not None and now - self._checked_at < CHECK_INTERVAL:
            return s
        with held(self._lock, f"The index at {self.root}", READ_TIMEOUT):
            s = self._searcher
            gen = self.ensure()
            if s is None or gen != self._searcher_gen or not s.up_to_date():
                # Like searcher.refresh(), but without closing the old reader's
                # segments under threads that still hold the old searcher.
                s, gen = self._open_searcher(gen)
                self._searcher, self._searcher_gen = s, gen
            self._checked_at = time.monotonic()
            return s

    def _open_searcher(self, gen: str) -> tuple[Searcher, str]:
        try:
            return self.open(gen).searcher(), gen
        except LibraryError:
            newer = self.ensure()  # a reindex swapped and pruned between reading the pointer and opening
            if newer == gen:
                raise
            return self.open(newer).searcher(), newer

    @contextmanager
    def write_lock(self, name: str, *, timeout: float | None = None) -> Iterator[None]:
        """Hold a generation's write lock without writing (reindex holds it across the swap)."""
        timeout = LOCK_TIMEOUT if timeout is None else timeout
        ix = self.open(name)
        try:
            w = self._acquire(ix, name, timeout)
            try:
                yield
            finally:
                w.cancel()
        finally:
            ix.close()

    def close(self) -> None:
        with held(self._lock, f"The index at {self.root}", READ_TIMEOUT):
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
