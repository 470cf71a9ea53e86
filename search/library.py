"""The library on disk: sources/ (original bytes, the truth) and whoosh/ (generated).

The API the web app and the CLI use:

    lib = Library(home)                      # home defaults to CUTTINGS_HOME or <repo>/index
    lib.add(data: bytes, filename: str, url: str | None = None) -> Article
        # parse first (raises IngestError, nothing stored), then save the original
        # bytes under sources/, then index; the same article twice -> one article
    lib.add_many(paths, progress=True) -> list[tuple[Path, Article | Exception]]
    lib.search(req: SearchRequest, facets=True) -> Results  # hits + facets + suggestion + notes
    lib.article(article_id: str) -> Article | None      # rendered from the index alone
    lib.marked_terms(q: str) -> set[str]                # the terms results mark, to mark an article alike
    lib.facet_values(req: SearchRequest, facet: str, order: "count" | "name" = "count",
                     contains: str = "", limit: int | None = None) -> list[FacetValue]
    lib.speaker_profile(name: str) -> SpeakerProfile | None
    lib.iter_hits(req: SearchRequest) -> Iterator[Hit]  # every matching paragraph (CSV export), streamed
    lib.hit_refs(req: SearchRequest) -> list[tuple[str, int]]
        # (article_id, paragraph) of every hit, in display order, cheap
    lib.reindex(progress: bool = True) -> int           # rebuild whoosh/ from sources/ atomically
    lib.curation                                        # correct, delete/restore, tag, star, saved searches
                                                        # (search/curator.py), applied on every build
    lib.added_times(req) -> {article_id: ISO time added}  # recently added, new since a saved search's visit
    lib.article_count() -> int ; lib.paragraph_count() -> int

Details the implementation adds (see search/index/, search/query/run.py):

    Library(home, bulk=True)   multi-process bulk writers (procs=2): the CLI only, never in Flask
    lib.reindex_failures       [(source name, message)] skipped by the last reindex
    lib.reindex_notes          [(source name, message)] decisions the last reindex could no longer apply
    Results.removals           when nothing matched: each filter with the count its removal gives
    Hit.more_in_article        grouped view: set on the LAST hit shown for an article; Hit.article_hits on all
    SearchRequest.date_toggled drill the date histogram (year -> month -> day); FacetValue.toggle uses it

One Library object is safe to share between threads: it keeps one searcher,
reopened when the index changes (also by another process, checked at most
every 0.5 s), and writers wait for the lock (30 s) instead of failing. Every
wait is bounded (search/index/locks.py): a lock still held after 30 s ends in a
LibraryError ("busy, try again"; a 503 page on the web), never a hang.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tqdm import tqdm

from search import ingest
from search.curator import Curator
from search.errors import CuttingsError, IngestError, LibraryError, StorageError, storage_problem
from search.index.locks import held
from search.index.rebuild import rebuild
from search.index.schema import article_from_documents
from search.index.sources import Source, SourceStore
from search.index.store import READ_TIMEOUT, IndexStore
from search.index.table import TableCache
from search.model import Article
from search.query.facets import FACET_KINDS, apply_filters, facet_values
from search.query.parse import parse_query, text_terms
from search.query.profile import speaker_profile
from search.query.run import added_times, all_hit_docs, hit_refs, make_hit, matched_docs, run_search
from search.request import SearchRequest
from search.results import FacetValue, Hit, Results, SpeakerProfile

log = logging.getLogger(__name__)
REFS_CACHED = 16  # searches whose hit lists Library.hit_refs keeps


def default_home() -> Path:
    """CUTTINGS_HOME, else the repository's index/ (next to pyproject.toml), else ./index."""
    env = os.environ.get("CUTTINGS_HOME")
    if env:
        return Path(env).expanduser()
    repo = Path(__file__).resolve().parents[1]
    if (repo / "pyproject.toml").exists():
        return repo / "index"
    return Path.cwd() / "index"


class Library:
    def __init__(self, home: str | Path | None = None, *, bulk: bool = False) -> None:
        self.home = Path(home).expanduser() if home else default_home()
        self.sources = SourceStore(self.home / "sources")
        self.curation = Curator(self)  # the user's decisions: corrections, trash, tags, stars, saved searches
        self.store = IndexStore(self.home / "whoosh", prepare=self.curation.prepare)  # applied on every write
        self.bulk = bulk  # multi-process writers: for the CLI, never inside the web app
        self._tables = TableCache()
        # Whoosh readers keep file positions: one reading thread at a time (searches are
        # CPU-bound Python under the GIL anyway, so this costs no throughput).
        self._reading = threading.RLock()
        self.reindex_failures: list[tuple[str, str]] = []  # (source name, message) from the last reindex
        self.reindex_notes: list[tuple[str, str]] = []  # (source name, decision that no longer applies), the same
        # hit_refs of recent searches: stepping previous/next through one search
        # (relevance needs every hit scored) then costs one scoring, not one per page.
        self._refs: dict[tuple, tuple[tuple[str, int], ...]] = {}
        self._refs_searcher = None
        self.sources.remove_abandoned()  # what writes killed or failed on a full disk left behind
        self.store.remove_abandoned()

    # ---- adding ----------------------------------------------------------
    def add(self, data: bytes | str, filename: str | None = None, url: str | None = None) -> Article:
        """Parse (nothing is stored if that fails), save the original bytes, index."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        return self.add_parsed(raw, ingest.parse(raw, filename=filename, url=url), filename, url)

    def add_parsed(self, raw: bytes, article: Article, filename: str | None = None, url: str | None = None) -> Article:
        """Save and index an article already parsed from `raw` (e.g. in a worker process)."""
        name = filename or "the pasted text"
        try:
            source = self.sources.save(raw, filename or "pasted.txt", url)
        except OSError as exc:
            raise StorageError(f"{name} was not saved: {storage_problem(exc)} ({self.sources.root}).") from exc
        article.source_name, article.added = source.name, source.added
        try:
            self.store.write_articles([article])
        except (LibraryError, OSError) as exc:
            reason = f"Not indexed: {storage_problem(exc)}." if isinstance(exc, OSError) else str(exc)
            error = StorageError if isinstance(exc, OSError) else LibraryError
            raise error(
                f"{reason} The cutting {name} is saved as sources/{source.name} but not yet searchable: "
                "it will be indexed by the next `cuttings reindex`."
            ) from exc
        return article

    def add_many(
        self, paths: Iterable[str | Path], progress: bool = True, url: str | None = None,
        parse: Callable[..., Article] = ingest.parse,
    ) -> list[tuple[Path, Article | Exception]]:
        """Add files; each result is the Article or the error that kept that file out. `parse` is
        `ingest.parse` or one like it (search.parse_pool.ParsePool.parse: in workers, with a time limit)."""
        results: list[tuple[Path, Article | Exception]] = []
        articles: dict[str, Article] = {}
        for path in tqdm([Path(p) for p in paths], desc="parsing", unit="file", disable=not progress):
            try:
                raw = path.read_bytes()
                article = parse(raw, filename=path.name, url=url)
                source = self.sources.save(raw, path.name, url)
                article.source_name, article.added = source.name, source.added
            except (CuttingsError, OSError) as exc:
                results.append(
                    (path, exc if isinstance(exc, CuttingsError) else IngestError(f"{path}: {storage_problem(exc)}"))
                )
                continue
            articles[article.id] = article  # the same article twice -> the later copy
            results.append((path, article))
        if articles:
            try:
                self.store.write_articles(list(articles.values()), progress=progress, bulk=self.bulk)
            except OSError as exc:
                raise StorageError(
                    f"{len(articles)} cuttings are saved in {self.sources.root} but not indexed: "
                    f"{storage_problem(exc)}. Free some space, then run `cuttings reindex`."
                ) from exc
        return results

    # ---- reading -----------------------------------------------------------
    def _read_lock(self):
        return held(self._reading, f"The library at {self.home}", READ_TIMEOUT)

    def _searcher_and_table(self):
        searcher = self.store.searcher()
        return searcher, self._tables.table(searcher)

    def search(self, req: SearchRequest, *, facets: bool = True) -> Results:
        """`facets=False` skips counting the facets (Results.facets is empty): cheaper for
        pages that show only hits, such as a speaker's page."""
        with self._read_lock():
            return run_search(*self._searcher_and_table(), req, facets=facets)

    def iter_hits(self, req: SearchRequest) -> Iterator[Hit]:
        """Every matching paragraph, streamed. The search itself runs now, before the first
        row is asked for, so what can fail (a bad query, a busy library) fails before a
        caller starts sending; the lock is then held per paragraph, not across the export."""
        with self._read_lock():
            searcher, table = self._searcher_and_table()
            docs = all_hit_docs(searcher, table, req)
        return self._hits(searcher, table, docs)

    def _hits(self, searcher, table, docs: list[int]) -> Iterator[Hit]:
        for d in docs:
            with self._read_lock():
                hit = make_hit(searcher, d, set(), snippet=False, table=table)
            yield hit

    def hit_refs(self, req: SearchRequest) -> list[tuple[str, int]]:
        """Every matching paragraph as (article_id, paragraph), in display order (req.sort,
        req.view): the cheap walk for previous/next, with no stored fields or snippets."""
        with self._read_lock():
            searcher, table = self._searcher_and_table()
            if self._refs_searcher is not searcher:  # the index changed: every cached list is stale
                self._refs.clear()
                self._refs_searcher = searcher
            key = tuple(arg for arg in req.to_args() if arg[0] not in ("page", "size"))
            found = self._refs.get(key)
            if found is None:
                found = self._refs[key] = tuple(hit_refs(searcher, table, req))
                if len(self._refs) > REFS_CACHED:
                    del self._refs[next(iter(self._refs))]  # the oldest
            return list(found)

    def marked_terms(self, q: str) -> set[str]:
        """The indexed forms of the words `q` looks for in paragraph text: what snippets mark."""
        with self._read_lock():
            return text_terms(parse_query(self.store.searcher(), q).query)

    def added_times(self, req: SearchRequest) -> dict[str, str]:
        """article id -> when its source was added (ISO, "" if unknown), for the articles matching `req`."""
        with self._read_lock():
            return added_times(*self._searcher_and_table(), req)

    def article(self, article_id: str) -> Article | None:
        with self._read_lock():
            searcher = self.store.searcher()
            return article_from_documents(list(searcher.documents(article_id=article_id)))

    def facet_values(self, req: SearchRequest, facet: str, order: str = "count", contains: str = "",
                     limit: int | None = None) -> list[FacetValue]:
        kind = FACET_KINDS.get(facet)
        if kind is None:
            raise LibraryError(f"There is no facet {facet!r}; facets are {', '.join(FACET_KINDS)}.")
        with self._read_lock():
            searcher, table = self._searcher_and_table()
            filtered = apply_filters(table, matched_docs(searcher, table, parse_query(searcher, req.q)), req)
        return facet_values(table, kind, filtered, req, order=order, contains=contains, limit=limit)

    def speaker_profile(self, name: str) -> SpeakerProfile | None:
        return speaker_profile(self._table(), name)

    def _table(self):
        with self._read_lock():
            return self._searcher_and_table()[1]

    def article_count(self) -> int:
        return len(self._table().article_ids())

    def paragraph_count(self) -> int:
        return len(self._table().live)

    # ---- rebuilding ----------------------------------------------------------
    def reindex(self, progress: bool = True) -> int:
        """Rebuild the index from sources/ alone into a new generation, then swap it in.
        The articles indexed; sources that could not be read are in `reindex_failures`."""
        self.curation.recover()  # an action a crash interrupted is finished first
        with self.curation.collecting_notes() as notes:
            report = rebuild(self.store, self.sources, self.parse_source, progress=progress, bulk=self.bulk,
                             changed_since=self.curation.changed_since)
        self.reindex_failures = report.failures
        self.reindex_notes = notes
        return report.articles

    def parse_source(self, source: Source) -> Article:
        article = ingest.parse(source.path.read_bytes(), filename=source.filename, url=source.url)
        article.source_name, article.added = source.name, source.added
        return article

    def close(self) -> None:
        self.store.close()
