"""The library's curation on disk: <library>/curation/ and <library>/trash/.

    curation/articles/<source>.json   one source's decisions (fields, speakers, tags, stars)
    curation/names.json               speaker-name merges and splits
    curation/saved-searches.json      saved searches
    curation/journal.json             an action in progress (see journal.py)
    curation/curation.lock            held by whoever changes any of these
    trash/<source>, <source>.meta.json   a deleted cutting's files, moved out of sources/
    trash/<source>.deleted.json       when it was deleted, and which article it was

Reading needs no lock (every file is replaced atomically). Changes are built
here as `Change`s and carried out by the library, which holds the lock and
updates the index (search/curator.py).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from search.curation.decisions import ArticleDecisions, NameDecisions, SavedSearch
from search.curation.files import json_bytes, read_json
from search.curation.journal import Change, Journal

DELETED_SUFFIX = ".deleted.json"
RACY_NS = 1_000_000_000  # a folder changed less than this before it was read may change again unseen


@dataclass(frozen=True)
class TrashEntry:
    source: str  # the source file's name (its name under sources/ before, under trash/ now)
    article_id: str
    title: str
    deleted: str  # ISO time
    files: tuple[str, ...]  # every file moved into the trash (the source and its sidecar)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "article_id": self.article_id, "title": self.title,
                "deleted": self.deleted, "files": list(self.files)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TrashEntry:
        return cls(data["source"], data.get("article_id", ""), data.get("title", ""), data.get("deleted", ""),
                   tuple(data.get("files", [data["source"]])))


class CurationStore:
    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.folder = self.home / "curation"
        self.articles_dir = self.folder / "articles"
        self.names_path = self.folder / "names.json"
        self.saved_path = self.folder / "saved-searches.json"
        self.lock_path = self.folder / "curation.lock"
        self.trash_dir = self.home / "trash"
        self.journal = Journal(self.home, self.folder / "journal.json")
        self._cache: dict[str, tuple[tuple, Any]] = {}

    # ---- reading --------------------------------------------------------------------------
    def decisions_path(self, source: str) -> Path:
        return self.articles_dir / f"{source}.json"

    def decisions(self, source: str) -> ArticleDecisions | None:
        data = read_json(self.decisions_path(source))
        return ArticleDecisions.from_json(data) if data else None

    def decisions_for(self, source: str | None, article_id: str) -> ArticleDecisions | None:
        """The decisions of this source, else those made on the same article from another
        copy of it (the same article added again from other bytes keeps its corrections)."""
        own = self.decisions(source) if source else None
        if own is not None:
            return own
        other = self.by_article().get(article_id)
        return self.all_decisions().get(other) if other else None

    def all_decisions(self) -> dict[str, ArticleDecisions]:
        """source -> its decisions, for every source decided on."""
        return self._decision_maps()[0]

    def by_article(self) -> dict[str, str]:
        """article id -> the source whose decisions are about it."""
        return self._decision_maps()[1]

    def _decision_maps(self) -> tuple[dict[str, ArticleDecisions], dict[str, str]]:
        def load() -> tuple[dict[str, ArticleDecisions], dict[str, str]]:
            found = {}
            for path in sorted(self.articles_dir.glob("*.json")):
                data = read_json(path)
                if data:
                    found[data["source"]] = ArticleDecisions.from_json(data)
            return found, {d.article_id: d.source for d in found.values() if d.article_id and not d.is_empty()}

        return self._fresh("decisions", self.articles_dir, load)

    def names(self) -> NameDecisions:
        return self._fresh("names", self.names_path, lambda: NameDecisions.from_json(read_json(self.names_path)))

    def saved_searches(self) -> list[SavedSearch]:
        data = read_json(self.saved_path, {}) or {}
        return [SavedSearch.from_json(s) for s in data.get("searches", [])]

    def trash_entries(self) -> list[TrashEntry]:
        """Newest deletion first."""
        def load() -> list[TrashEntry]:
            entries = [TrashEntry.from_json(read_json(p)) for p in self.trash_dir.glob(f"*{DELETED_SUFFIX}")]
            return sorted(entries, key=lambda e: (e.deleted, e.source), reverse=True)

        return self._fresh("trash", self.trash_dir, load)

    def trash_entry(self, article_id_or_source: str) -> TrashEntry | None:
        for entry in self.trash_entries():
            if article_id_or_source in (entry.article_id, entry.source):
                return entry
        return None

    def deleted_ids(self) -> dict[str, TrashEntry]:
        """article id -> its newest trash entry."""
        found: dict[str, TrashEntry] = {}
        for entry in reversed(self.trash_entries()):
            found[entry.article_id] = entry
        return found

    def _fresh(self, key: str, path: Path, load: Callable[[], Any]) -> Any:
        """load(), again only when `path` changed. A stamp taken within a second of the change
        is not trusted (a file system's clock may be coarser than two quick writes)."""
        try:
            st = path.stat()
            stamp: tuple = (st.st_mtime_ns, st.st_ino, st.st_size)
        except FileNotFoundError:
            stamp = ()
        hit = self._cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = load()
        if not stamp or time.time_ns() - stamp[0] > RACY_NS:
            self._cache[key] = (stamp, value)
        return value

    def forget(self) -> None:
        """Drop what was read: this process just changed the files."""
        self._cache.clear()

    # ---- changes (carried out by the library under the lock, see journal.py) ----------------------
    def decisions_change(self, decisions: ArticleDecisions) -> Change:
        # Written even when empty (every correction undone): a rebuild running meanwhile
        # sees the file change and applies the undoing too (search/index/rebuild.py).
        return Change(writes={self.decisions_path(decisions.source): json_bytes(decisions.to_json())})

    def names_change(self, names: NameDecisions) -> Change:
        return Change(writes={self.names_path: json_bytes(names.to_json())})

    def saved_change(self, searches: list[SavedSearch]) -> Change:
        return Change(writes={self.saved_path: json_bytes({"searches": [s.to_json() for s in searches]})})

    def delete_change(self, entry: TrashEntry, sources_dir: Path) -> Change:
        """Move the source's files into the trash and take its article out of the index."""
        return Change(
            writes={self.trash_dir / f"{entry.source}{DELETED_SUFFIX}": json_bytes(entry.to_json())},
            moves=[(sources_dir / name, self.trash_dir / name) for name in entry.files],
            unindex=[entry.article_id],
        )

    def restore_change(self, entry: TrashEntry, sources_dir: Path) -> Change:
        """Move the files back into sources/ and index the article again."""
        moves = [(self.trash_dir / name, sources_dir / name) for name in entry.files
                 if not (sources_dir / name).exists()]  # added again since (same name: same bytes): keep that one
        return Change(writes={self.trash_dir / f"{entry.source}{DELETED_SUFFIX}": None}, moves=moves,
                      reindex=[entry.source])
