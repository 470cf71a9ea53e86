"""The library on disk: sources/ (original bytes, the truth) and whoosh/ (generated).

The API the web app and the CLI use:

    lib = Library(home)                      # home defaults to CUTTINGS_HOME or <repo>/index
    lib.add(data: bytes, filename: str, url: str | None = None, replace=()) -> Article
        # parse first (raises IngestError, nothing stored), then save the original
        # bytes under sources/, then index; the same text twice -> one article;
        # `replace`: ids of articles the new one stands in for (moved to the trash, their URLs redirect)
    lib.near_duplicates(article) -> list[NearDuplicate]  # the library's copies of the same story, closest first
    lib.has_article(article_id) -> bool
    lib.current_ids(former_id) -> list[str]             # the articles an old id (an old URL) now names
    lib.add_many(paths, progress=True, on_copy=None) -> list[tuple[Path, Article | Exception]]
        # on_copy(path, article, near_duplicates) -> KEEP_BOTH | REPLACE | SKIP, asked for each cutting
        # whose story the library already holds (default: keep both)
    lib.search(req: SearchRequest, facets=True) -> Results  # hits + facets + suggestion + notes
    lib.article(article_id: str) -> Article | None      # rendered from the index alone
    lib.marked_terms(q: str) -> set[str]                # the terms results mark, to mark an article alike
    lib.facet_values(req: SearchRequest, facet: str, order: "count" | "name" = "count",
                     contains: str = "", limit: int | None = None) -> list[FacetValue]
    lib.speaker_profile(name: str) -> SpeakerProfile | None
    lib.iter_hits(req: SearchRequest) -> Iterator[Hit]  # every matching paragraph (CSV export), streamed
    lib.hit_refs(req: SearchRequest) -> list[tuple[str, int]]
        # (article_id, paragraph) of every hit, in display order, cheap
    lib.reindex(progress: bool = True, full: bool = False) -> int
        # bring whoosh/ up to date with sources/: only what changed, or (full) a new generation
        # swapped in atomically; returns the articles in the index
    lib.curation                                        # correct, delete/restore, tag, star, saved searches
                                                        # (search/curator.py), applied on every build
    lib.added_times(req) -> {article_id: ISO time added}  # recently added, new since a saved search's visit
    lib.article_count() -> int ; lib.paragraph_count() -> int

Details the implementation adds (see search/index/, search/query/run.py):

    Library(home, bulk=True)   reindex parses in worker processes: the CLI only, never in Flask
    Library(home, watch=True)  a long-lived library (the web app): when it opens, and whenever the
                               index it serves is replaced (deleted, say), sources/ that the index
                               has never seen are indexed in a background thread; searches keep
                               working meanwhile and their Results.notes say the library is filling
    lib.reindex_failures       [(source name, message)] skipped by the last reindex
    lib.reindex_notes          [(source name, message)] decisions the last reindex could no longer apply
    lib.last_reindex           its RebuildReport (kind, counts, where the time went)
    Results.removals           when nothing matched: each filter with the count its removal gives
    Hit.more_in_article        grouped view: set on the LAST hit shown for an article; Hit.article_hits on all
    Hit.copies                 grouped view, on an article's first hit: the other copies of its story that match
                               (collapsed under it: not shown, not paged, not in hit_refs); Results.total_stories
    SearchRequest.date_toggled drill the date histogram (year -> month -> day); FacetValue.toggle uses it

One Library object is safe to share between threads, and searches run side by
side (no library-wide lock): they share one searcher (search/index/store.py),
reopened when the index changes (also by another process, checked at most
every 0.5 s), and one in-memory facet table per index state. Writers wait for
the lock (30 s) instead of failing. Every wait is bounded
(search/index/locks.py): a lock still held after 30 s ends in a LibraryError
("busy, try again"; a 503 page on the web), never a hang; a search that would
run too long ends in QueryTooBroad (a 400 saying to narrow it).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tqdm import tqdm

from search import ingest
from search.curator import Curator
from search.errors import CuttingsError, DuplicateSkipped, IngestError, LibraryError, StorageError, storage_problem
from search.index.catch_up import CatchUp
from search.index.rebuild import RebuildReport, rebuild
from search.index.schema import article_from_documents, published_from_meta
from search.index.sources import Source, SourceStore, source_digest
from search.index.store import IndexStore
from search.index.stories import index_matches, signature
from search.index.table import ARTICLE, TableCache, gc_paused
from search.model import Article
from search.query.facets import FACET_KINDS, apply_filters, facet_values
from search.query.parse import parse_query, text_terms
from search.query.profile import speaker_profile
from search.query.run import (
    added_times,
    all_hit_docs,
    article_meta,
    hit_refs,
    make_hit,
    matched_docs,
    parse_request,
    run_search,
    shown_speakers,
)
from search.query.suggest import SUGGESTIONS, speaker_suggestions
from search.request import SearchRequest
from search.results import FacetValue, Hit, NearDuplicate, Results, SpeakerProfile

log = logging.getLogger(__name__)

WARM_WAIT = 10.0  # seconds a step of the warm-up waits for running searches before it goes on anyway
REFS_CACHED = 16  # searches whose hit lists Library.hit_refs keeps
# What to do with a cutting whose story the library already holds (Library.add_many's on_copy).
KEEP_BOTH, REPLACE, SKIP = "keep both", "replace", "skip"
OnCopy = Callable[[Path, Article, list[NearDuplicate]], str]


def default_home() -> Path:
    """CUTTINGS_HOME, else the repository's index/ (next to pyproject.toml), else ./index."""
    env = os.environ.get("CUTTINGS_HOME")
    if env:
        return Path(env).expanduser()
    repo = Path(__file__).resolve().parents[1]
    if (repo / "pyproject.toml").exists():
        return repo / "index"
    return Path.cwd() / "index"


def parse_source(source: Source) -> Article:
    """A saved source as an Article (module-level: reindex workers are sent it)."""
    article = ingest.parse(source.path.read_bytes(), filename=source.filename, url=source.url)
    article.source_name, article.added = source.name, source.added
    return article


class Library:
    def __init__(self, home: str | Path | None = None, *, bulk: bool = False, watch: bool = False) -> None:
        self.home = Path(home).expanduser() if home else default_home()
        self.sources = SourceStore(self.home / "sources")
        self.curation = Curator(self)  # the user's decisions: corrections, trash, tags, stars, saved searches
        self.store = IndexStore(self.home / "whoosh", prepare=self.curation.prepare)  # applied on every write
        self.bulk = bulk  # reindex parses in worker processes: for the CLI, never inside the web app
        self._tables = TableCache(apart=lambda: self.curation.names().apart)  # the user's splits win
        self.reindex_failures: list[tuple[str, str]] = []  # (source name, message) from the last reindex
        self.reindex_notes: list[tuple[str, str]] = []  # (source name, decision that no longer applies), the same
        self.last_reindex: RebuildReport | None = None
        # hit_refs of recent searches: stepping previous/next through one search
        # (relevance needs every hit scored) then costs one scoring, not one per page.
        self._refs: dict[tuple, tuple[tuple[str, int], ...]] = {}
        self._refs_state: object = None
        self._refs_lock = threading.Lock()
        self._searching = 0  # searches running now: the warm-up gives way to them
        self._searching_lock = threading.Lock()
        self.sources.remove_abandoned()  # what writes killed or failed on a full disk left behind
        self.store.remove_abandoned()
        self._catch_up = CatchUp(self.store, self.sources, parse_source, self.curation.digest) if watch else None
        if self._catch_up is not None:
            self._catch_up.check(self.store.ensure())
            # Open the searcher and read the facet table now, in the background, rather
            # than in the first request: it reads every segment's rows once.
            self._warming = threading.Thread(target=self._warm, name="cuttings-warm", daemon=True)
            self._warming.start()

    def _warm(self) -> None:
        """What every search needs (the table, the speakers' names, each facet's values, the
        articles' paragraphs), then what the home page needs (every facet counted, the date
        order), then what a write's new state needs, a step at a time, each after the searches
        already running."""
        try:
            with gc_paused(then_freeze=True):
                table = self._searcher_and_table()[1]
                home = SearchRequest(sort="newest", size=8)
                columns = [kind.counted(home) for kind in FACET_KINDS.values()]
                steps = [table.speaker_names, lambda: table.docs_with(ARTICLE, "")]  # any article: indexes them all
                steps += [partial(table.article_values if c.of_articles else table.values_by_doc, c) for c in columns]
                steps += [partial(table.counts_over_all, c) for c in columns]
                steps += [partial(table.date_order, newest=True), table.story_articles, partial(self.search, home)]
                steps.append(table.name_counts)  # a write's new state then counts only its own rows' speakers
                for step in steps:
                    self._give_way()
                    step()
        except (CuttingsError, OSError) as exc:
            log.warning("could not open the library at %s yet: %s", self.home, exc)

    def _give_way(self) -> None:
        """Wait while searches run (they share the one interpreter lock with the warm-up)."""
        deadline = time.monotonic() + WARM_WAIT
        while self._searching and time.monotonic() < deadline:
            time.sleep(0.005)

    @contextmanager
    def _running_search(self) -> Iterator[None]:
        with self._searching_lock:
            self._searching += 1
        try:
            yield
        finally:
            with self._searching_lock:
                self._searching -= 1

    # ---- adding ----------------------------------------------------------
    def add(self, data: bytes | str, filename: str | None = None, url: str | None = None, *,
            replace: Iterable[str] = ()) -> Article:
        """Parse (nothing is stored if that fails), save the original bytes, index."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        return self.add_parsed(raw, ingest.parse(raw, filename=filename, url=url), filename, url, replace=replace)

    def add_parsed(self, raw: bytes, article: Article, filename: str | None = None, url: str | None = None, *,
                   replace: Iterable[str] = ()) -> Article:
        """Save and index an article already parsed from `raw` (e.g. in a worker process).

        `replace`: articles the new one stands in for (near-duplicates the user chose to replace):
        once it is indexed they go to the trash (restorable) and their URLs lead to it."""
        name = filename or "the pasted text"
        replaced = [r for r in dict.fromkeys(replace) if r != article.id]
        try:
            source = self.sources.save(raw, filename or "pasted.txt", url)
        except OSError as exc:
            raise StorageError(f"{name} was not saved: {storage_problem(exc)} ({self.sources.root}).") from exc
        article.source_name, article.added = source.name, source.added
        try:
            self.store.write_articles([article], sources={article.id: self.sources_of(article, [source])},
                                      former={article.id: replaced})
        except (LibraryError, OSError) as exc:
            reason = f"Not indexed: {storage_problem(exc)}." if isinstance(exc, OSError) else str(exc)
            error = StorageError if isinstance(exc, OSError) else LibraryError
            raise error(
                f"{reason} The cutting {name} is saved as sources/{source.name} but not yet searchable: "
                "it will be indexed by the next `cuttings reindex`."
            ) from exc
        self._trash_replaced(name, article, replaced)
        return article

    def _trash_replaced(self, name: str, article: Article, replaced: list[str]) -> None:
        """Move the articles a new one replaces to the trash (after it is indexed: nothing is lost if this fails)."""
        present = [r for r in replaced if self.has_article(r)]
        if not present:
            return
        try:
            self.curation.delete(present)
        except CuttingsError as exc:
            message = f"{name} was added as {article.id}, but the article it replaces was kept: {exc}"
            raise LibraryError(message) from exc

    def near_duplicates(self, article: Article) -> list[NearDuplicate]:
        """The articles in the library that tell the same story as `article` (not itself), closest first."""
        sig = signature(article)
        if sig is None:
            return []
        searcher = self.store.searcher()
        found = []
        for match in index_matches(searcher, sig, exclude=article.id):
            meta = article_meta(searcher, match.article_id)
            published = published_from_meta(meta)
            found.append(NearDuplicate(match.article_id, meta.get("title", ""),
                                       published.date() if isinstance(published, datetime) else published,
                                       match.overlap))
        return found

    def has_article(self, article_id: str) -> bool:
        return self.store.searcher().document_number(article=article_id) is not None

    def current_ids(self, former_id: str) -> list[str]:
        """The articles that `former_id` named before their id changed (or they replaced it)."""
        return [a for a in self.store.current_ids(former_id) if a != former_id]

    def sources_of(self, article: Article, added: list[Source]) -> dict[str, str]:
        """The sources an added article has from now on: those it was indexed with, and the new ones."""
        found = dict(self.store.article_sources(article.id))
        for source in added:
            found[source.name] = source_digest(source) + self.curation.digest(source.name)
        return found

    def add_many(
        self, paths: Iterable[str | Path], progress: bool = True, url: str | None = None,
        parse: Callable[..., Article] = ingest.parse, on_copy: OnCopy | None = None,
    ) -> list[tuple[Path, Article | Exception]]:
        """Add files; each result is the Article or the error that kept that file out. `parse` is
        `ingest.parse` or one like it (search.parse_pool.ParsePool.parse: in workers, with a time limit).
        `on_copy` decides for each cutting whose story the library holds (KEEP_BOTH, REPLACE or SKIP:
        a skipped file's result is a DuplicateSkipped); without it, both are kept."""
        results: list[tuple[Path, Article | Exception]] = []
        articles: dict[str, Article] = {}
        saved: dict[str, list[Source]] = {}
        replaced: dict[str, list[str]] = {}
        for path in tqdm([Path(p) for p in paths], desc="parsing", unit="file", disable=not progress):
            try:
                raw = path.read_bytes()
                article = parse(raw, filename=path.name, url=url)
                copies = self.near_duplicates(article) if on_copy is not None else []
                choice = on_copy(path, article, copies) if copies else KEEP_BOTH
                if choice == SKIP:
                    results.append((path, DuplicateSkipped(
                        f"it tells the same story as {copies[0].article_id}, already in the library.")))
                    continue
                if choice == REPLACE:
                    replaced.setdefault(article.id, []).extend(c.article_id for c in copies)
                source = self.sources.save(raw, path.name, url)
                article.source_name, article.added = source.name, source.added
            except (CuttingsError, OSError) as exc:
                results.append(
                    (path, exc if isinstance(exc, CuttingsError) else IngestError(f"{path}: {storage_problem(exc)}"))
                )
                continue
            articles.pop(article.id, None)
            articles[article.id] = article  # the same article twice -> the later copy
            saved.setdefault(article.id, []).append(source)
            results.append((path, article))
        if articles:
            try:
                sources = {a: self.sources_of(article, saved[a]) for a, article in articles.items()}
                self.store.write_articles(list(articles.values()), progress=progress, bulk=self.bulk,
                                          sources=sources, former=replaced)
            except OSError as exc:
                raise StorageError(
                    f"{len(articles)} cuttings are saved in {self.sources.root} but not indexed: "
                    f"{storage_problem(exc)}. Free some space, then run `cuttings reindex`."
                ) from exc
            for article_id, ids in replaced.items():
                if article_id in articles:
                    self._trash_replaced(articles[article_id].source_name or article_id, articles[article_id],
                                         [i for i in dict.fromkeys(ids) if i not in articles])
        return results

    # ---- reading -----------------------------------------------------------
    def _searcher_and_table(self):
        searcher = self.store.searcher()
        if self._catch_up is not None:
            self._catch_up.check(self.store.served_generation(searcher))
        return searcher, self._tables.table(searcher)

    def search(self, req: SearchRequest, *, facets: bool = True) -> Results:
        """`facets=False` skips counting the facets (Results.facets is empty): cheaper for
        pages that show only hits, such as a speaker's page."""
        with self._running_search():
            results = run_search(*self._searcher_and_table(), req, facets=facets)
        if self._catch_up is not None and (note := self._catch_up.note()):
            results.notes.append(note)
        return results

    def iter_hits(self, req: SearchRequest) -> Iterator[Hit]:
        """Every matching paragraph (the CSV export). The search runs, and can fail, before
        the first hit is yielded; the hits are then read from the same searcher."""
        searcher, table = self._searcher_and_table()
        docs = all_hit_docs(searcher, table, req)
        metas: dict[str, dict] = {}
        names = table.speaker_names()
        return (make_hit(searcher, table, d, set(), snippet=False, metas=metas, names=names) for d in docs)

    def hit_refs(self, req: SearchRequest) -> list[tuple[str, int]]:
        """Every matching paragraph as (article_id, paragraph), in display order (req.sort,
        req.view): the cheap walk for previous/next, with no stored fields or snippets."""
        searcher, table = self._searcher_and_table()
        key = tuple(arg for arg in req.to_args() if arg[0] not in ("page", "size"))
        with self._refs_lock:
            if self._refs_state is not table:  # the index changed: every cached list is stale
                self._refs.clear()
                self._refs_state = table
            found = self._refs.get(key)
        if found is None:
            found = tuple(hit_refs(searcher, table, req))
            with self._refs_lock:
                self._refs[key] = found
                if len(self._refs) > REFS_CACHED:
                    del self._refs[next(iter(self._refs))]  # the oldest
        return list(found)

    def marked_terms(self, q: str) -> set[str]:
        """The indexed forms of the words `q` looks for in paragraph text: what snippets mark."""
        return text_terms(parse_query(self.store.searcher(), q).query)

    def added_times(self, req: SearchRequest) -> dict[str, str]:
        """article id -> when its source was added (ISO, "" if unknown), for the articles matching `req`."""
        return added_times(*self._searcher_and_table(), req)

    def article(self, article_id: str) -> Article | None:
        searcher = self.store.searcher()
        return article_from_documents(list(searcher.documents(article_id=article_id)))

    def facet_values(self, req: SearchRequest, facet: str, order: str = "count", contains: str = "",
                     limit: int | None = None) -> list[FacetValue]:
        kind = FACET_KINDS.get(facet)
        if kind is None:
            raise LibraryError(f"There is no facet {facet!r}; facets are {', '.join(FACET_KINDS)}.")
        searcher, table = self._searcher_and_table()
        filtered = apply_filters(table, matched_docs(searcher, table, parse_request(searcher, table, req)), req,
                                 per_facet=facet)
        return facet_values(table, kind, filtered, req, order=order, contains=contains, limit=limit)

    def speaker_profile(self, name: str) -> SpeakerProfile | None:
        """The profile of a speaker, by any spelling of their name (see speaker_name)."""
        return speaker_profile(self._table(), name)

    def speaker_name(self, typed: str) -> str | None:
        """The name the library shows a speaker by, from any spelling of it ("tony blair", "Mr Blair");
        None when no paragraph is attributed to such a name."""
        return self._table().speaker_names().resolve(typed)

    def with_speaker_names(self, req: SearchRequest) -> SearchRequest:
        """`req` with every speaker it filters on under the name the library shows them by."""
        if not (req.include.get("speaker") or req.exclude.get("speaker")):
            return req  # most searches: no need to know the library's names
        names = self._table().speaker_names()
        out = req
        for bucket in ("include", "exclude"):
            values = getattr(req, bucket).get("speaker", ())
            shown = tuple(dict.fromkeys(names.resolve(v) or v for v in values))
            if shown != values:
                out = replace(out, **{bucket: {**getattr(out, bucket), "speaker": shown}})  # the same page
        return out

    def as_shown(self, article: Article) -> Article:
        """A copy of `article` for reading, each paragraph's speakers under the library's names
        (the editor keeps the names as indexed: those are what a correction changes)."""
        names = self._table().speaker_names()
        paragraphs = [replace(p, speakers=shown_speakers(p.speakers, names)) for p in article.paragraphs]
        return replace(article, paragraphs=paragraphs)

    def speaker_suggestions(self, typed: str, limit: int = SUGGESTIONS) -> list[tuple[str, int]]:
        """(name, paragraphs) of the speakers whose name, or a word of it, starts with `typed`."""
        return speaker_suggestions(self._table(), typed, limit)

    def _table(self):
        return self._searcher_and_table()[1]

    def article_count(self) -> int:
        return len(self._table().article_ids())

    def paragraph_count(self) -> int:
        return len(self._table().live)

    # ---- rebuilding ----------------------------------------------------------
    def reindex(self, progress: bool = True, full: bool = False) -> int:
        """Bring the index up to date with sources/: only the sources added, edited or removed
        since the last build, or everything (`full`, or a new parser) into a new generation
        swapped in atomically. Returns the articles in the index; sources that could not be
        read are in `reindex_failures`, the run's report in `last_reindex`."""
        workers = (os.cpu_count() or 1) if self.bulk else 1
        self.curation.recover()  # an action a crash interrupted is finished first
        with self.curation.collecting_notes() as notes:
            report = rebuild(self.store, self.sources, parse_source, progress=progress, full=full, workers=workers,
                             changed_since=self.curation.changed_since, decisions=self.curation.digest)
        self.reindex_failures = report.failures
        self.reindex_notes = notes
        self.last_reindex = report
        self._searcher_and_table()[1].speaker_names()  # worked out and kept now, not by the next server's start
        return self.article_count()

    def parse_source(self, source: Source) -> Article:
        return parse_source(source)

    def close(self) -> None:
        if self._catch_up is not None:
            self._catch_up.stop()
        self.store.close()
