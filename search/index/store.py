"""The Whoosh index on disk: generations behind a `current` pointer, writers, a shared searcher.

    <home>/whoosh/current        name of the generation being served, e.g. "gen-0003"
    <home>/whoosh/gen-0003/      a complete Whoosh index

A full reindex builds a new generation next to the served one and switches the
pointer with an atomic rename, so searches keep working during the rebuild and
a crashed rebuild leaves the old generation serving. Each generation keeps a
build.json (search/index/build.py). Readers notice a new pointer or a new
commit and refresh the long-lived searcher they share. Articles are written in
one place, write_articles (each Article turned into documents by
schema.article_documents): what is done to an article before it is indexed
belongs there.
"""
from __future__ import annotations

import json
import logging
import re
import shutil
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from tqdm import tqdm
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.query import Term
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter, SegmentWriter

from search.errors import LibraryError
from search.index.build import BuildInfo, parser_version, write_build
from search.index.fields import plain_words
from search.index.locks import held, process_lock
from search.index.merging import JoinSegments, worth_joining
from search.index.postings import PackedCodec
from search.index.rows import keep_rows
from search.index.schema import ARTICLE_KIND, ParagraphSchema, article_documents, vocabulary_document
from search.index.stories import Made, PendingStories, index_matches, signature_of, story_of
from search.index.table import gc_paused
from search.index.temporary import TEMPORARY, remove_abandoned, write_atomically
from search.index.writing import TermPoolWriter
from search.model import Article

log = logging.getLogger(__name__)

POINTER = "current"
GENERATIONS_LOCK = "generations.lock"  # held by whoever creates a generation (any process)
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another writer
READ_TIMEOUT = 30.0  # seconds a reader waits for another thread opening the searcher
CHECK_INTERVAL = 0.2  # seconds between checks for changes made by other processes
_GEN = re.compile(r"^gen-(\d+)$")
_OLD_POINTER_TEMPORARY = re.compile(rf"^{POINTER}\.tmp-(?P<pid>\d+)-\d+$")  # as earlier versions named them
_WHOOSH_WRITE_LOCK = "MAIN_WRITELOCK"  # Whoosh's lock file and table of contents for its default index name
_WHOOSH_TOC_TEMPORARY = "_MAIN_*.toc.*"
# A bulk write commits a segment per this many paragraphs (its postings are held in memory until
# then: search/index/writing.py). A fresh generation's batches are then joined into one segment
# (search/index/merging.py).
BATCH_PARAGRAPHS = 20_000
# Posting blocks packed as arrays (search/index/postings.py), not zlib-compressed pickles (whoosh's
# default): a broad search reads every block of its words twice (the matches, then the scores).
# Segments written before stay readable through the codec they name until a full reindex.
CODEC = PackedCodec()
WRITE_ATTEMPTS = 3  # a reindex that swaps generations under a waiting writer sends it to the new one


class GenerationMoved(Exception):
    """A reindex swapped in a new generation while a writer waited; write there instead."""


# The user's decisions applied to each parsed article as it enters the index (None keeps it out).
Prepare = Callable[[Article], "Article | None"]


@dataclass
class WriteTimes:
    """Wall seconds a write spent turning articles into documents and indexing them, committing, and joining."""

    index: float = 0.0
    commit: float = 0.0
    join: float = 0.0  # a full reindex's segments joined into one


class IndexStore:
    def __init__(self, root: Path, prepare: Prepare | None = None) -> None:
        self.root = Path(root)
        self.prepare = prepare
        self._lock = threading.RLock()  # searcher() may create the first generation via ensure()
        self._searcher: Searcher | None = None
        self._searcher_gen: str | None = None
        self._searcher_version = -1  # self._version when the searcher was last checked
        self._checked_at = 0.0
        self._version = 0  # bumped by every write in this process: the searcher looks again

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
            write_build(path, BuildInfo(parser_version()))  # an empty index is up to date with any sources: none
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
        self._version += 1

    def remove_abandoned(self) -> list[Path]:
        """Temporary files of interrupted writes: the pointer's; in the served generation, the copies
        kept beside the index (rows, speaker names), and Whoosh's table of contents when no writer
        holds its lock (Whoosh names those by time, not by writer)."""
        removed = remove_abandoned(self.root, (TEMPORARY, _OLD_POINTER_TEMPORARY))
        name = self.current_generation()
        if name is None:
            return removed
        removed += remove_abandoned(self.root / name)
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
    def writer(self, name: str | None = None, *, timeout: float | None = None, merge: bool = True,
               committed: Callable[[IndexWriter], None] | None = None,
               kind: type[SegmentWriter] = TermPoolWriter) -> Iterator[IndexWriter]:
        """A writer that waits for the lock, commits on success and always releases the lock.

        `merge=False`: the commit leaves every segment as it is (a bulk write's batches).
        `committed`: called with the writer once its commit is written, before anything reads it.
        `kind`: Whoosh's SegmentWriter for a write that only merges segments (it may sort their
        postings on disk, where a TermPoolWriter holds them in memory)."""
        name = name or self.ensure()
        timeout = LOCK_TIMEOUT if timeout is None else timeout
        ix = self.open(name)
        try:
            w = self._acquire(ix, name, timeout, kind)
            try:
                yield w
            except BaseException:
                w.cancel()
                raise
            try:
                w.commit(merge=merge)
            except BaseException:
                try:
                    w.cancel()  # a failed commit leaves the lock held otherwise
                except Exception:
                    log.exception("cancelling a failed commit")
                raise
            if committed is not None:
                committed(w)
            try:
                with ix.reader() as reader:
                    keep_rows(reader)  # what a server reads first, decoded here once rather than at its start
            except Exception:  # the write is committed; the rows files are only a copy a reader can remake
                log.exception("could not save the rows of %s", name)
        finally:
            ix.close()
        self._version += 1

    def write_articles(self, articles: Iterable[Article], *, generation: str | None = None, progress: bool = False,
                       bulk: bool = False, sources: Mapping[str, Mapping[str, str]] | None = None,
                       remove: Iterable[str] = (), fresh: bool = False, desc: str = "indexing",
                       times: WriteTimes | None = None, former: Mapping[str, Iterable[str]] | None = None,
                       signatures: dict[str, Made] | None = None) -> int:
        """Index the articles, each replacing any earlier copy with its id (a later copy in
        `articles` wins); return how many articles were written.

        Into `generation` (a reindex's new one) when given, else into the served one: a
        reindex that swaps in a new generation while this write waits for the lock sends
        the write there. `bulk`: many articles, committed a segment per BATCH_PARAGRAPHS
        (articles may be a generator: a reindex indexes while its workers parse).
        `sources`: article id -> {source file name: content digest}. `fresh`: the
        generation holds nothing yet but what this write adds (no deletes, no merges).
        `former`: article id -> the ids it had before (an article written again keeps
        those the index has for it too). Each article joins the story of its closest
        near-duplicate, in the index or in this write (search/index/stories.py).
        `signatures`: article id -> its signature made ahead (each taken out as it is used).
        """
        if self.prepare is not None:
            articles = (a for a in map(self.prepare, articles) if a is not None)
        if generation is None:
            articles = list(articles)  # a moved generation means writing them again
        remove = list(remove)
        for _attempt in range(WRITE_ATTEMPTS):
            gen = generation or self.ensure()
            try:
                return self._write(gen, articles, served=generation is None, progress=progress, bulk=bulk,
                                   sources={} if sources is None else sources,  # may fill as articles come
                                   remove=remove, fresh=fresh, desc=desc, times=times or WriteTimes(),
                                   former={} if former is None else former,
                                   signatures={} if signatures is None else signatures)
            except GenerationMoved:
                continue
        raise LibraryError(f"The index at {self.root} kept changing under this write; try again.")

    def _write(self, gen: str, articles: Iterable[Article], *, served: bool, progress: bool, bulk: bool,
               sources: Mapping[str, Mapping[str, str]], remove: list[str], fresh: bool, desc: str,
               times: WriteTimes, former: Mapping[str, Iterable[str]], signatures: dict[str, Made]) -> int:
        committed: set[str] = set()  # ids written by earlier batches of this write
        stories = PendingStories()  # this write's articles, for the near-duplicates among them
        removing = list(remove)  # taken out by the first commit
        count = 0
        following = iter(articles)
        article = next(following, None)

        def batch_articles() -> Iterator[Article]:
            """The next batch's articles: up to BATCH_PARAGRAPHS in a bulk write, and up to a second copy
            of an article, which starts the next batch and replaces the first there (a later copy wins)."""
            nonlocal article
            ids: set[str] = set()
            size = 0
            while article is not None and article.id not in ids and not (bulk and size >= BATCH_PARAGRAPHS):
                yield article
                ids.add(article.id)
                size += len(article.paragraphs)
                article = next(following, None)

        with tqdm(desc=desc, unit="article", disable=not progress) as bar:
            while article is not None or removing:
                # A new generation's batch is indexed as its articles come, while the workers parse the
                # next ones. The served generation's is parsed first: its lock is held only while writing
                # (an article added through the web meanwhile waits for it).
                batch = batch_articles() if fresh else list(batch_articles())
                with ExitStack() as held_open:
                    held_open.enter_context(gc_paused())
                    # Small segments left by adds are merged as whoosh sees fit; a fresh generation's are not small.
                    w = held_open.enter_context(self.writer(gen, merge=not fresh))
                    if served and self.current_generation() != gen:
                        raise GenerationMoved(gen)
                    for article_id in removing:
                        w.delete_by_term("article_id", article_id)
                    removing.clear()
                    # what the generation held before this batch (a fresh one: nothing)
                    indexed = None if fresh else held_open.enter_context(w.searcher())
                    known = set(w.schema.names())  # an index written by an older version lacks newer fields
                    vocabulary: set[str] = set()
                    for one in batch:
                        start = time.perf_counter()
                        self._write_article(w, one, known, indexed, stories, sources.get(one.id),
                                            former.get(one.id, ()), signatures.pop(one.id, None),
                                            replace=not fresh or one.id in committed)
                        for p in one.paragraphs:
                            vocabulary |= plain_words(p.text)
                        committed.add(one.id)
                        count += 1
                        bar.update()
                        times.index += time.perf_counter() - start
                    if vocabulary:
                        w.add_document(**vocabulary_document(vocabulary))
                    commit_start = time.perf_counter()
                times.commit += time.perf_counter() - commit_start
        if bulk and fresh:
            self._join(gen, times, progress)
        return count

    def _join(self, gen: str, times: WriteTimes, progress: bool) -> None:
        """The generation's segments joined into one: a search then looks each word up once,
        and a server maps about half the pages. The index is whole without it: a join that
        fails leaves the segments as they were."""
        with self.open(gen).reader() as reader:
            if not worth_joining([leaf.doc_count_all() for leaf, _offset in reader.leaf_readers()]):
                return
        start = time.perf_counter()
        with tqdm(desc="joining segments", total=1, disable=not progress) as bar:
            try:
                join = JoinSegments()
                with gc_paused(), self.writer(gen, committed=lambda w: join.save(w.storage), kind=SegmentWriter) as w:
                    w.mergetype = join
            except Exception:  # the segments stay as they were
                log.warning("could not join the segments of %s; they stay apart", gen, exc_info=True)
                times.commit += time.perf_counter() - start
                return
            bar.update()
        times.join += time.perf_counter() - start

    @staticmethod
    def _write_article(w: IndexWriter, article: Article, known: set[str], indexed: Searcher | None,
                       stories: PendingStories, sources: Mapping[str, str] | None, former: Iterable[str],
                       made: Made | None, replace: bool) -> None:
        """Add the article's documents (`replace`: in place of its earlier ones), with the ids it had
        before and the story of its closest near-duplicate in `indexed` (the generation before) or
        in this write. `known`: the index's fields (one written by an older version lacks newer ones);
        `made`: its signature made ahead."""
        had = set(former)
        sig = signature_of(article, made)
        matches = stories.matches(sig, exclude=article.id) if sig else []
        if indexed is not None:
            had |= _former_ids(indexed, article.id)
            matches += index_matches(indexed, sig, exclude=article.id) if sig else []
        story = story_of(article.id, matches)
        if sig is not None:
            stories.add(article.id, story, sig)
        if replace:
            w.delete_by_term("article_id", article.id)
        for doc in article_documents(article, sources, former=had, story=story, signature=sig):
            w.add_document(**(doc if doc.keys() <= known else {k: v for k, v in doc.items() if k in known}))

    def former_ids(self, name: str | None = None) -> dict[str, set[str]]:
        """article id -> the ids it had before, for every article of a generation that has some."""
        found: dict[str, set[str]] = {}
        ix = self.open(name)
        try:
            with ix.searcher() as s:
                if "former" not in s.schema:
                    return found
                for docnum in s.docs_for_query(Term("kind", ARTICLE_KIND)):
                    fields = s.stored_fields(docnum)
                    if fields.get("former"):
                        found[fields["article_id"]] = set(fields["former"].split())
        finally:
            ix.close()
        return found

    def current_ids(self, former_id: str) -> list[str]:
        """The articles that had the id `former_id` before (an old URL), newest id first."""
        searcher = self.searcher()
        if "former" not in searcher.schema:
            return []
        found = {searcher.stored_fields(d)["article_id"] for d in searcher.docs_for_query(Term("former", former_id))}
        return sorted(found, reverse=True)

    def delete_articles(self, article_ids: Iterable[str], *, generation: str | None = None) -> None:
        """Take articles (every document of each) out of the index, in one commit."""
        with self.writer(generation) as w:
            for article_id in article_ids:
                w.delete_by_term("article_id", article_id)

    def _acquire(self, ix, name: str, timeout: float, kind: type[SegmentWriter] = TermPoolWriter) -> IndexWriter:
        try:
            return kind(ix, timeout=timeout, delay=0.1, codec=CODEC)
        except LockError:
            raise LibraryError(
                f"The index at {self.root} is busy (locked by another writer for over {timeout:.0f} s); try again."
            ) from None
        except OSError:
            if self.current_generation() != name:  # swapped and removed while we waited
                raise GenerationMoved(name) from None
            raise

    # ---- reading -----------------------------------------------------------
    def indexed_sources(self, name: str | None = None) -> dict[str, tuple[str, str]]:
        """source file name -> (content digest, article id) of every indexed article's sources."""
        found: dict[str, tuple[str, str]] = {}
        ix = self.open(name)
        try:
            with ix.searcher() as s:
                deleted = s.reader().is_deleted
                for docnum in s.docs_for_query(Term("kind", ARTICLE_KIND)):
                    if deleted(docnum):
                        continue
                    fields = s.stored_fields(docnum)
                    for source, digest in json.loads(fields.get("sources_json") or "{}").items():
                        found[source] = (digest, fields["article_id"])
        finally:
            ix.close()
        return found

    def indexed_source_names(self, name: str | None = None) -> set[str]:
        """The source names the index has articles from (read from the term list: quick)."""
        ix = self.open(name)
        try:
            with ix.reader() as reader:
                return set(reader.field_terms("sources")) if "sources" in ix.schema else set()
        finally:
            ix.close()

    def article_sources(self, article_id: str) -> dict[str, str]:
        """{source name: digest} the served index has the article from ({} when it has not)."""
        searcher = self.searcher()
        docnum = searcher.document_number(article=article_id) if "article" in searcher.schema else None
        if docnum is None:
            return {}
        return json.loads(searcher.stored_fields(docnum).get("sources_json") or "{}")

    def served_generation(self, searcher: Searcher) -> str | None:
        """The generation `searcher` reads (None if it is not the current shared one)."""
        return self._searcher_gen if searcher is self._searcher else None

    def searcher(self) -> Searcher:
        """The long-lived searcher every thread shares, refreshed when the index or the pointer
        changed (writes in this process at once, other processes' within CHECK_INTERVAL).

        Searches run side by side on it: whoosh reads a segment through its memory map,
        and the few reads that keep a file position keep one per thread
        (search/index/whoosh_fixes.py). A thread that finds another one refreshing it
        goes on with the current searcher rather than wait."""
        s = self._searcher
        if s is not None and self._searcher_version == self._version \
                and time.monotonic() - self._checked_at < CHECK_INTERVAL:
            return s
        if s is not None:
            if not self._lock.acquire(blocking=False):
                return s  # another thread is refreshing it
            self._lock.release()
        with held(self._lock, f"The index at {self.root}", READ_TIMEOUT):
            version = self._version
            s = self._searcher
            gen = self.ensure()
            if s is None or gen != self._searcher_gen or not s.up_to_date():
                # Like searcher.refresh(), but without closing the old reader's
                # segments under threads that still hold the old searcher.
                s, gen = self._open_searcher(gen)
                self._searcher, self._searcher_gen = s, gen
            self._searcher_version, self._checked_at = version, time.monotonic()
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


def _former_ids(searcher: Searcher, article_id: str) -> set[str]:
    """The former ids the index holds for an article (none when it is new)."""
    if "former" not in searcher.schema:
        return set()
    docnum = searcher.document_number(article=article_id)
    return set((searcher.stored_fields(docnum).get("former") or "").split()) if docnum is not None else set()
