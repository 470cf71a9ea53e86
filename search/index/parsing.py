"""Sources parsed for a reindex, in worker processes while the caller indexes, results in source order.

A reindex spends its time in two jobs that share nothing: parsing sources
(ingest and speakers) and indexing articles (Whoosh). The workers parse ahead
of the indexing process, a bounded window of chunks at a time (so parsed
articles never pile up in memory). Each result carries the source's content
digest, which an incremental reindex compares next time, and the article's
story signature (search/index/stories.py): made here, it leaves the indexing
process (the one that cannot be split) only the indexing.
"""
from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Callable, Iterable, Iterator

from search.errors import CuttingsError
from search.index.sources import Source, source_digest
from search.index.stories import Signature, signature
from search.lifetime import exit_with_parent
from search.model import Article

log = logging.getLogger(__name__)

CHUNK = 16  # sources sent to a worker at once
WINDOW = 64  # chunks in flight per worker: they parse on while the indexer commits (about 4k paragraphs each)


@dataclass
class Parsed:
    source: Source
    digest: str  # source_digest(source); "" when the file could not be read
    article: Article | None
    error: str | None = None  # why there is no article
    signature: Signature | None = None  # the article's, when it has one


@dataclass
class ParseWait:
    """Wall seconds the caller waited for parsed articles (what parsing costs it beyond the overlap)."""

    seconds: float = 0.0


def parse_one(parse: Callable[[Source], Article], source: Source) -> Parsed:
    digest = ""
    try:
        digest = source_digest(source)
        article = parse(source)
        return Parsed(source, digest, article, signature=signature(article))
    except CuttingsError as exc:
        return Parsed(source, digest, None, str(exc))
    except OSError as exc:
        return Parsed(source, digest, None, exc.strerror or str(exc))


def _parse_chunk(parse: Callable[[Source], Article], sources: list[Source]) -> list[Parsed]:
    return [parse_one(parse, s) for s in sources]


def parse_sources(sources: Iterable[Source], parse: Callable[[Source], Article], workers: int = 1,
                  wait: ParseWait | None = None) -> Iterator[Parsed]:
    """Parse every source with `parse` (a module-level function, sent to the workers), in order.

    `workers` <= 1 parses here, one source at a time."""
    wait = wait or ParseWait()
    listed = list(sources)
    if workers <= 1 or len(listed) <= CHUNK:
        for source in listed:
            start = time.perf_counter()
            parsed = parse_one(parse, source)
            wait.seconds += time.perf_counter() - start
            yield parsed
        return
    chunks = iter([listed[i:i + CHUNK] for i in range(0, len(listed), CHUNK)])
    context = multiprocessing.get_context("fork")  # the CLI's single thread: workers start at once, code shared
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=exit_with_parent) as pool:
        task = partial(_parse_chunk, parse)
        in_flight = deque(pool.submit(task, chunk) for chunk in islice(chunks, WINDOW * workers))
        while in_flight:
            start = time.perf_counter()
            results = in_flight.popleft().result()
            wait.seconds += time.perf_counter() - start
            following = next(chunks, None)
            if following is not None:
                in_flight.append(pool.submit(task, following))
            yield from results
