"""Reindex: rebuild the index from sources/ alone into a new generation and swap it in.

Searches keep using the old generation until the swap. Articles added while
the rebuild ran are applied before the swap, under the old index's write lock,
so nothing added through the web during a rebuild is lost; so are the user's
decisions made meanwhile (a source moved to the trash leaves the new index, a
correction or tag is applied again: `changed_since`). If anything fails,
the new generation is thrown away and the old one keeps serving.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from tqdm import tqdm

from search.errors import CuttingsError, StorageError, storage_problem
from search.index.sources import Source, SourceStore
from search.index.store import IndexStore
from search.model import Article

log = logging.getLogger(__name__)


@dataclass
class RebuildReport:
    articles: int = 0  # articles in the new index
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source name, message), each skipped


def _parse_all(sources: list[Source], parse: Callable[[Source], Article], report: RebuildReport,
               progress: bool) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for source in tqdm(sources, desc="reindex", unit="source", disable=not progress):
        try:
            article = parse(source)
        except (CuttingsError, OSError) as exc:
            report.failures.append((source.name, str(exc)))
            log.warning("skipped %s: %s", source.name, exc)
            continue
        articles.pop(article.id, None)
        articles[article.id] = article  # a later copy of the same article wins
    return articles


# Given when a rebuild started (time.time_ns()): the sources whose decisions changed since, or None for all.
ChangedSince = Callable[[int], Optional[set[str]]]


def rebuild(store: IndexStore, sources: SourceStore, parse: Callable[[Source], Article], *,
            progress: bool = True, bulk: bool = False, changed_since: ChangedSince | None = None) -> RebuildReport:
    """Parse every source with `parse`, index them into a new generation, publish it."""
    report = RebuildReport()
    started = time.time_ns()
    old = store.ensure()
    new = None
    try:
        new = store.new_generation()
        listed = sources.all()
        articles = _parse_all(listed, parse, report, progress)
        store.write_articles(list(articles.values()), generation=new, progress=progress, bulk=bulk)
        with store.write_lock(old):  # no other writer may commit to the old index now
            seen = {s.path for s in listed}
            now = sources.all()
            late = [s for s in now if s.path not in seen]
            gone = {p.name for p in seen - {s.path for s in now}}
            removed = [a.id for a in articles.values() if a.source_name in gone]
            for article_id in removed:
                del articles[article_id]
            changed = changed_since(started) if changed_since else set()
            redo = [a for a in articles.values() if changed is None or a.source_name in changed]
            added = _parse_all(late, parse, report, progress=False) if late else {}
            if removed or redo or added:
                store.write_articles(redo + list(added.values()), generation=new, remove=removed)
                articles.update(added)
            store.publish(new)
    except BaseException as exc:
        if new is not None:
            store.discard(new)
        if isinstance(exc, OSError):  # a full disk, most often: say so, and that nothing changed
            raise StorageError(f"The reindex stopped: {storage_problem(exc)} ({exc.filename or store.root}). "
                               "The index in use is unchanged; free some space and run it again.") from exc
        raise
    store.prune()
    report.articles = len(articles)
    return report
