"""Reindex: rebuild the index from sources/ alone into a new generation and swap it in.

Searches keep using the old generation until the swap. Articles added while
the rebuild ran are applied before the swap, under the old index's write lock,
so nothing added through the web during a rebuild is lost. If anything fails,
the new generation is thrown away and the old one keeps serving.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from tqdm import tqdm

from search.errors import CuttingsError
from search.index.sources import Source
from search.model import Article

if TYPE_CHECKING:
    from search.library import Library

log = logging.getLogger(__name__)


def _parse_all(lib: "Library", sources: list[Source], progress: bool) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for source in tqdm(sources, desc="reindex", unit="source", disable=not progress):
        try:
            article = lib.parse_source(source)
        except (CuttingsError, OSError) as exc:
            lib.reindex_failures.append((source.name, str(exc)))
            log.warning("skipped %s: %s", source.name, exc)
            continue
        articles.pop(article.id, None)
        articles[article.id] = article  # a later copy of the same article wins
    return articles


def rebuild(lib: "Library", progress: bool = True) -> int:
    store = lib.store
    lib.reindex_failures = []
    old = store.ensure()
    new = store.new_generation()
    try:
        sources = lib.sources.all()
        articles = _parse_all(lib, sources, progress)
        lib._write(list(articles.values()), progress=progress, generation=new)
        with store.write_lock(old):  # no other writer may commit to the old index now
            seen = {s.path for s in sources}
            late = [s for s in lib.sources.all() if s.path not in seen]
            if late:
                added = _parse_all(lib, late, progress=False)
                lib._write(list(added.values()), generation=new)
                articles.update(added)
            store.publish(new)
    except BaseException:
        store.discard(new)
        raise
    store.prune()
    return len(articles)
