"""Reindex: a full rebuild from sources/ alone, or an incremental one of what changed since the last.

Full: every source is parsed (in worker processes while this one indexes) into
a new generation, which is swapped in. Searches keep using the old generation
until the swap. Articles added while the rebuild ran are applied before the
swap, under the old index's write lock, so nothing added through the web during
a rebuild is lost; so are the user's decisions made meanwhile (a source moved to
the trash leaves the new index, the sources of a correction or tag are parsed
again: `changed_since`). If anything fails, the new generation is thrown away
and the old one keeps serving.

Incremental: the served generation is brought up to date in place. Each
article's document keeps the names and content digests of the sources it was
parsed from, and build.json those of the sources that gave no article, so only
sources added, edited or removed since are parsed again (with any other source
of an article they touch: which copy wins may change). A new parser version or
schema (search/index/build.py) makes the run a full one.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from search.errors import StorageError, storage_problem
from search.index.build import BuildInfo, parser_version, read_build, write_build
from search.index.parsing import Parsed, ParseWait, parse_sources
from search.index.sources import Source, SourceStore, source_digest
from search.index.store import IndexStore, WriteTimes
from search.index.stories import Made, body_key
from search.model import Article

log = logging.getLogger(__name__)

FULL, INCREMENTAL = "full", "incremental"


@dataclass
class RebuildReport:
    articles: int = 0  # articles written by this run
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source name, message), each skipped
    kind: str = FULL
    parsed: int = 0  # sources parsed
    removed: int = 0  # articles taken out (their sources are gone)
    seconds: float = 0.0  # wall time of the whole run
    parse_wait: float = 0.0  # of which waiting for parsed articles
    index: float = 0.0  # ... indexing them
    commit: float = 0.0  # ... committing segments
    join: float = 0.0  # ... joining a full reindex's segments into one

    def summary(self) -> str:
        """One line for the command line: which kind of run, and where its time went."""
        if self.kind == INCREMENTAL and not (self.parsed or self.removed):
            return f"incremental: nothing changed, {self.seconds:.1f} s"
        return (f"{self.kind}: {self.parsed} sources parsed, {self.articles} articles written, {self.removed} removed "
                f"in {self.seconds:.1f} s; waited {self.parse_wait:.1f} s for parsing, indexed {self.index:.1f} s, "
                f"committed {self.commit:.1f} s" + (f", joined the segments in {self.join:.1f} s" if self.join else ""))


class _Collector:
    """Turns parse results into articles for the writer, noting each article's sources and every failure."""

    def __init__(self, report: RebuildReport, skipped: dict[str, str],
                 kept: dict[str, dict[str, str]] | None = None, decisions: Decisions | None = None,
                 history: IdHistory | None = None) -> None:
        self.report = report
        self.history = history or IdHistory()
        self.former: dict[str, set[str]] = {}  # article id -> the ids its sources' articles had before
        self.decisions = decisions or _no_decisions
        self.skipped = skipped  # source name -> digest of the sources that gave no article
        self.sources: dict[str, dict[str, str]] = {}  # article id -> {source name: digest}
        self.kept = kept or {}  # article id -> {name: digest} of its indexed sources not parsed again
        self.signatures: dict[str, Made] = {}  # article id -> its signature, made by the parse workers

    def articles(self, results: Iterable[Parsed]) -> Iterator[Article]:
        for parsed in results:
            self.report.parsed += 1
            name = parsed.source.name
            if parsed.article is None:
                self.report.failures.append((name, parsed.error or "no article"))
                self.skipped[name] = parsed.digest + self.decisions(name)
                log.warning("skipped %s: %s", name, parsed.error)
                continue
            self.skipped.pop(name, None)
            found = self.sources.get(parsed.article.id)
            if found is None:
                found = self.sources[parsed.article.id] = dict(self.kept.get(parsed.article.id, {}))
            found[name] = parsed.digest + self.decisions(name)
            self.former.setdefault(parsed.article.id, set()).update(self.history.before(name, parsed.article.id))
            self.signatures[parsed.article.id] = (body_key(parsed.article), parsed.signature)
            yield parsed.article


@dataclass
class IdHistory:
    """The ids a generation gave each source's article, and the ids those articles had before:
    an article whose id changes (its source was edited, the id scheme changed) keeps them, so
    that its old URLs redirect to it."""

    article_of: dict[str, str] = field(default_factory=dict)  # source name -> article id
    former: dict[str, set[str]] = field(default_factory=dict)  # article id -> its former ids

    @classmethod
    def of(cls, store: IndexStore, generation: str,
           indexed: dict[str, tuple[str, str]] | None = None) -> IdHistory:
        if indexed is None:
            indexed = store.indexed_sources(generation)
        return cls({name: article_id for name, (_digest, article_id) in indexed.items()},
                   store.former_ids(generation))

    def before(self, source: str, article_id: str) -> set[str]:
        """The ids that the article now parsed from `source` as `article_id` had before."""
        old = self.article_of.get(source)
        if old is None:
            return set()
        return ({old} | self.former.get(old, set())) - {article_id}


# Given when a rebuild started (time.time_ns()): the sources whose decisions changed since, or None for all.
ChangedSince = Callable[[int], Optional[set[str]]]
# Given a source's name: a digest of the user's decisions about it ("" when none). It is kept beside the
# source's content digest, so that a decision changed behind the index's back is applied again.
Decisions = Callable[[str], str]


def _no_decisions(name: str) -> str:
    return ""


def rebuild(store: IndexStore, sources: SourceStore, parse: Callable[[Source], Article], *,
            progress: bool = True, full: bool = False, workers: int = 1, new_only: bool = False,
            changed_since: ChangedSince | None = None, decisions: Decisions | None = None,
            working: Callable[[], object] = lambda: None) -> RebuildReport:
    """Bring the index up to date with sources/ (incrementally when it can); report what was done.

    `parse` runs in `workers` processes when above 1, so it must be a module-level function.
    `new_only`: only index sources the index has never seen (no digest is read): the
    quick check a library makes when it opens. `changed_since`: see _full; `decisions`: see Decisions.
    `working` is called once the rebuild knows it has sources to index (not when all is up to date)."""
    start = time.perf_counter()
    served = store.current_generation()
    info = read_build(store.generation_dir(served)) if served else BuildInfo()
    if full or served is None or info.parser != parser_version():
        working()
        report = _full(store, sources, parse, progress=progress, workers=workers, changed_since=changed_since,
                       decisions=decisions)
    else:
        try:
            report = _incremental(store, sources, parse, served, info, progress=progress, workers=workers,
                                  new_only=new_only, decisions=decisions or _no_decisions, working=working)
        except OSError as exc:  # each commit is whole: what was committed stays, the rest waits for the next run
            raise StorageError(f"The reindex stopped: {storage_problem(exc)} ({exc.filename or store.root}). "
                               "Free some space and run it again.") from exc
    report.seconds = time.perf_counter() - start
    return report


def _full(store: IndexStore, sources: SourceStore, parse: Callable[[Source], Article], *, progress: bool,
          workers: int, changed_since: ChangedSince | None = None,
          decisions: Decisions | None = None) -> RebuildReport:
    """Everything into a new generation; before the swap, under the old index's write lock, what
    changed while it ran: sources added or removed, and (`changed_since`) the sources whose
    decisions the user changed, parsed again so that the decisions apply as they are now."""
    report = RebuildReport(kind=FULL)
    started = time.time_ns()
    old = store.ensure()
    collector = _Collector(report, {}, decisions=decisions, history=IdHistory.of(store, old))
    wait, times = ParseWait(), WriteTimes()
    new = None
    try:
        new = store.new_generation()
        listed = sources.all()
        report.articles = store.write_articles(
            collector.articles(parse_sources(listed, parse, workers, wait)), generation=new, progress=progress,
            bulk=True, sources=collector.sources, fresh=True, desc="full reindex", times=times,
            former=collector.former, signatures=collector.signatures)
        with store.write_lock(old):  # no other writer may commit to the old index now
            seen = {s.path for s in listed}
            now = sources.all()
            late = [s for s in now if s.path not in seen]
            gone = {p.name for p in seen - {s.path for s in now}}
            removed = [a for a, names in collector.sources.items() if names and names.keys() <= gone]
            changed = changed_since(started) if changed_since else set()
            redo = [s for s in now if s.path in seen and (changed is None or s.name in changed)]
            for article_id in removed:
                del collector.sources[article_id]
            for name in gone:
                collector.skipped.pop(name, None)
            if late or redo or removed:
                report.articles += store.write_articles(
                    collector.articles(parse_sources(redo + late, parse)), generation=new, remove=removed,
                    sources=collector.sources, times=times, former=collector.former,
                    signatures=collector.signatures)
            write_build(store.generation_dir(new), BuildInfo(parser_version(), collector.skipped))
            store.publish(new)
    except BaseException as exc:
        if new is not None:
            store.discard(new)
        if isinstance(exc, OSError):  # a full disk, most often: say so, and that nothing changed
            raise StorageError(f"The reindex stopped: {storage_problem(exc)} ({exc.filename or store.root}). "
                               "The index in use is unchanged; free some space and run it again.") from exc
        raise
    store.prune()
    report.parse_wait, report.index, report.commit, report.join = wait.seconds, times.index, times.commit, times.join
    return report


def _incremental(store: IndexStore, sources: SourceStore, parse: Callable[[Source], Article], served: str,
                 info: BuildInfo, *, progress: bool, workers: int, new_only: bool,
                 decisions: Decisions, working: Callable[[], object]) -> RebuildReport:
    report = RebuildReport(kind=INCREMENTAL)
    if new_only:  # sources never seen: their names are not in the index (no digest read)
        known = store.indexed_source_names(served) | info.skipped.keys()
        fresh = {n for n in sources.names() if n not in known}
        if not fresh:
            return report
        indexed: dict[str, tuple[str, str]] = {}
        listed = sources.all(only=fresh)
        changed = {s.name for s in listed}
        gone: set[str] = set()
    else:
        indexed = store.indexed_sources(served)  # name -> (digest, article id)
        listed = sources.all()
        changed = {s.name for s in listed if _changed(s, indexed, info.skipped, decisions)}
        gone = (indexed.keys() | info.skipped.keys()) - {s.name for s in listed}
    present = {s.name for s in listed}
    touched = {indexed[n][1] for n in changed | gone if n in indexed}  # article ids whose sources changed
    again = [s for s in listed if s.name in changed or (s.name in indexed and indexed[s.name][1] in touched)]
    skipped = {n: d for n, d in info.skipped.items() if n in present or new_only}
    if not again and not gone:
        return report
    working()
    parsed_again = {s.name for s in again}
    kept: dict[str, dict[str, str]] = {}
    for name, (digest, article_id) in indexed.items():
        if name in present and name not in parsed_again:
            kept.setdefault(article_id, {})[name] = digest
    history = IdHistory.of(store, served, indexed) if indexed else None
    collector = _Collector(report, skipped, kept, decisions, history)
    wait, times = ParseWait(), WriteTimes()
    report.articles = store.write_articles(
        collector.articles(parse_sources(again, parse, workers, wait)), generation=served, progress=progress,
        bulk=True, sources=collector.sources, desc="incremental reindex", times=times, former=collector.former,
        signatures=collector.signatures)
    vanished = touched - collector.sources.keys()  # articles none of whose sources are left
    if vanished:
        store.delete_articles(vanished, generation=served)
    report.removed = len(vanished)
    write_build(store.generation_dir(served), BuildInfo(info.parser, collector.skipped))
    report.parse_wait, report.index, report.commit, report.join = wait.seconds, times.index, times.commit, times.join
    return report


def _changed(source: Source, indexed: dict[str, tuple[str, str]], skipped: dict[str, str],
             decisions: Decisions) -> bool:
    try:
        digest = source_digest(source) + decisions(source.name)
    except OSError:
        return True  # unreadable now: parsing it again reports why
    known = indexed.get(source.name)
    return (known is None or known[0] != digest) and skipped.get(source.name) != digest
