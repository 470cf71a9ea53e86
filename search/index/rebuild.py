"""Reindex: rebuild the index from sources/ alone into a new generation and swap it in.

Searches keep using the old generation until the swap. Articles added while
the rebuild ran are applied before the swap, under the old index's write lock,
so nothing added through the web during a rebuild is lost. If anything fails,
the new generation is thrown away and the old one keeps serving.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

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


def rebuild(store: IndexStore, sources: SourceStore, parse: Callable[[Source], Article], *,
            progress: bool = True, bulk: bool = False) -> RebuildReport:
    """Parse every source with `parse`, index them into a new generation, publish it."""
    report = RebuildReport()
    old = store.ensure()
    new = None
    try:
        new = store.new_generation()
        listed = sources.all()
        articles = _parse_all(listed, parse, report, progress)
        store.write_articles(list(articles.values()), generation=new, progress=progress, bulk=bulk)
        with store.write_lock(old):  # no other writer may commit to the old index now
            seen = {s.path for s in listed}
            late = [s for s in sources.all() if s.path not in seen]
            if late:
                added = _parse_all(late, parse, report, progress=False)
                store.write_articles(list(added.values()), generation=new)
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
