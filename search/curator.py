"""The library's curation operations: correct, delete and restore, tag, star, merge names, save searches.

    lib.curation.correct(article_id, {"published": "2022-01-13", "title": ...}) -> Article
    lib.curation.set_speakers(article_id, n, [Speaker, ...]) -> Article
    lib.curation.merge_names("Blair", "Tony Blair") / split_name("Blair") -> articles changed
    lib.curation.delete([article_id, ...]) -> [TrashEntry] ; restore(article_id or source) -> Article | None
    lib.curation.tag([article_id, ...], add=[...], remove=[...]) ; tag_search(req, tag) -> articles tagged
    lib.curation.star(article_id, n, on=True) ; starred() -> [StarredParagraph]
    lib.curation.save_search(name, query) ; forget_search(name) ; visit_search(name) ; saved_searches()
    lib.curation.recently_added(n) ; trash() ; deleted(article_id) ; original(article_id)

Every change is one journaled action (search/curation/journal.py) under the
library's curation lock: the files change, the articles it touches are parsed
again from sources/ and indexed with every decision applied (`prepare`, the
index's hook), and if the index is busy the files are put back and the action is
refused. A full reindex applies the same decisions through the same hook, so
what a user sees after a correction is what every reindex gives.
"""
from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator
from urllib.parse import parse_qs

from search.curation.apply import apply_decisions, find_paragraph
from search.curation.decisions import (
    FIELDS,
    ArticleDecisions,
    NameDecisions,
    SavedSearch,
    SpeakerFix,
    Star,
    clean_tag,
    field_of,
    field_value,
    text_hash,
)
from search.curation.journal import Change
from search.curation.store import CurationStore, TrashEntry
from search.errors import CurationError, IngestError
from search.index.locks import process_lock
from search.index.sources import SIDECAR_SUFFIX
from search.ingest.decode import decode, looks_like_html
from search.model import Article, Paragraph, Speaker
from search.request import RequestError, SearchRequest
from search.results import Hit

if TYPE_CHECKING:  # the library builds its Curator; this module only calls it
    from search.library import Library

log = logging.getLogger(__name__)
LOCK_WAIT = 30.0  # seconds an action waits for another one before it is refused as busy
RECENT = 8  # articles on the home page's "recently added"


@dataclass
class StarredParagraph:
    article_id: str
    title: str
    paragraph: Paragraph | None  # None: the article or the paragraph is no longer in the index
    article: Article | None
    starred: str  # ISO time


@dataclass
class SavedSearchStatus:
    search: SavedSearch
    request: SearchRequest | None  # None: the saved URL can no longer be read (the message is in `problem`)
    articles: int = 0
    new: int = 0  # articles added since the search was last opened from its list
    problem: str = ""


@dataclass
class Original:
    """The cutting as it was added: shown as text, in a sandboxed frame, or offered as a download."""

    path: Path
    filename: str  # the name it arrived with
    kind: str  # "text", "html" or "file"
    text: str | None = None  # the decoded text, for "text"


def _now() -> str:
    """Always to the microsecond, so that these times compare as strings with the times added."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Curator:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.store = CurationStore(library.home)
        self._notes: list[tuple[str, str]] | None = None  # collected while a reindex runs

    # ---- the index's hook: the decisions applied to each parsed article --------------------------
    def prepare(self, article: Article) -> Article | None:
        source = article.source_name
        gone = self.store.deleted_ids().get(article.id)
        if gone is not None and not self._added_after(source, gone):
            self._note(source or article.id, f"another copy of the deleted article {article.id} was left out "
                                             f"(restore it from the trash to bring it back)")
            return None
        added = self.library.sources.added_at(source) if source else None
        curated = apply_decisions(article, self.store.decisions_for(source, article.id), self.store.names())
        for note in curated.notes:
            self._note(source or article.id, note)
        curated.article.added = added
        return curated.article

    def _added_after(self, source: str | None, entry: TrashEntry) -> bool:
        """Was this source file written after the deletion (the user added the article again)?
        A source is written once, when it is added, so its file's time says when (to the nanosecond)."""
        found = self.library.sources.get(source) if source else None
        if found is None:
            return False
        deleted_ns = int(datetime.fromisoformat(entry.deleted).timestamp() * 1e9)
        return found.path.stat().st_mtime_ns > deleted_ns

    def _note(self, where: str, message: str) -> None:
        log.warning("%s: %s", where, message)
        if self._notes is not None:
            self._notes.append((where, message))

    @contextmanager
    def collecting_notes(self) -> Iterator[list[tuple[str, str]]]:
        """Within: every decision that no longer applies, as (source, message), for a reindex to report."""
        self._notes = notes = []
        try:
            yield notes
        finally:
            self._notes = None

    def changed_since(self, started_ns: int) -> set[str] | None:
        """Sources whose decisions changed after `started_ns` (a rebuild re-applies them);
        None when a library-wide decision (a name merge) changed: every article."""
        def changed(path: Path) -> bool:
            try:
                return path.stat().st_mtime_ns >= started_ns
            except FileNotFoundError:
                return False

        if changed(self.store.names_path):
            return None
        self.store.forget()
        return {d.source for d in self.store.all_decisions().values() if changed(self.store.decisions_path(d.source))}

    def digest(self, source: str) -> str:
        """A digest of the decisions about one source ("" when there are none): an incremental
        reindex parses a source again when it changes, as when the source itself does."""
        try:
            return "+" + hashlib.sha1(self.store.decisions_path(source).read_bytes()).hexdigest()[:12]
        except OSError:  # none (or unreadable: prepare says so when it applies them)
            return ""

    # ---- reading -----------------------------------------------------------------------------
    def decisions(self, article: Article) -> ArticleDecisions | None:
        return self.store.decisions_for(article.source_name, article.id)

    def names(self) -> NameDecisions:
        return self.store.names()

    def speakers_corrected(self, hits: Iterable[Hit]) -> set[tuple[str, int]]:
        """(article id, paragraph) of the hits whose speakers the user set (and whose text is unchanged)."""
        by_article, decided = self.store.by_article(), self.store.all_decisions()
        found = set()
        for hit in hits:
            decisions = decided.get(by_article.get(hit.article_id, ""))
            fix = decisions.speakers.get(hit.paragraph) if decisions else None
            if fix is not None and fix.hash == text_hash(hit.text):
                found.add((hit.article_id, hit.paragraph))
        return found

    def trash(self) -> list[TrashEntry]:
        """What is in the trash, newest first (a cutting added again since is no longer in it)."""
        return [e for e in self.store.trash_entries() if self.library.sources.get(e.source) is None]

    def deleted(self, article_id: str) -> TrashEntry | None:
        entry = self.store.trash_entry(article_id)
        return entry if entry is not None and self.library.sources.get(entry.source) is None else None

    def starred(self) -> list[StarredParagraph]:
        """Every starred paragraph, the most recently starred first."""
        out = []
        for decisions in self.store.all_decisions().values():
            if not decisions.stars:
                continue
            article = self.library.article(decisions.article_id)
            for star in decisions.stars.values():
                para = find_paragraph(article.paragraphs, star.n, star.hash) if article else None
                out.append(StarredParagraph(decisions.article_id, article.title if article else decisions.title,
                                            para, article, star.at))
        return sorted(out, key=lambda s: (s.starred, s.article_id), reverse=True)

    def recently_added(self, n: int = RECENT) -> list[Article]:
        """The articles whose sources were added last, newest first."""
        added = self.library.added_times(SearchRequest())
        newest = sorted(added, key=lambda a: (added[a], a), reverse=True)[:n]
        return [a for a in map(self.library.article, newest) if a is not None]

    def saved_searches(self) -> list[SavedSearchStatus]:
        """Each saved search with its article count now and how many were added since it was last opened."""
        out = []
        for saved in self.store.saved_searches():
            try:
                req = request_of(saved.query)
            except CurationError as exc:
                out.append(SavedSearchStatus(saved, None, problem=str(exc)))
                continue
            added = self.library.added_times(req)
            new = sum(1 for when in added.values() if when and when > saved.visited)
            out.append(SavedSearchStatus(saved, req, articles=len(added), new=new))
        return out

    # ---- exports (search/serialize.py writes them as Markdown or CSV) --------------------------------
    def article_hits(self, article_id: str) -> list[Hit]:
        article = self._article(article_id)
        return [Hit.of_paragraph(article, p) for p in article.paragraphs]

    def starred_hits(self) -> list[Hit]:
        """The starred paragraphs still in the library, the most recently starred first."""
        return [Hit.of_paragraph(s.article, s.paragraph) for s in self.starred() if s.paragraph and s.article]

    def tag_hits(self, tag: str) -> Iterator[Hit]:
        """Every paragraph of the articles with this tag, oldest article first."""
        return self.library.iter_hits(SearchRequest(include={"tag": (clean_tag(tag),)}, view="flat", sort="oldest"))

    def original(self, article_id: str) -> Original | None:
        article = self.library.article(article_id)
        entry = None if article is not None else self.deleted(article_id)
        name = article.source_name if article is not None else entry.source if entry else None
        if not name:
            return None
        source = self.library.sources.get(name)
        path = source.path if source else self.store.trash_dir / name
        if not path.is_file():
            return None
        filename = source.filename if source else name
        data = path.read_bytes()
        if Path(filename).suffix.lower() in (".mhtml", ".mht"):
            return Original(path, filename, "file")
        try:
            text = decode(data, name=filename)
        except IngestError:  # not text (a PDF, say): offered as it is
            return Original(path, filename, "file")
        return Original(path, filename, "html" if looks_like_html(text, filename) else "text", text)

    # ---- correcting ----------------------------------------------------------------------------
    def correct(self, article_id: str, typed: dict[str, Any]) -> Article:
        """Set fields (title, published, authors, section, site) as typed; a field set back to
        what the parser found is no longer a correction. Unchanged fields are left alone."""
        unknown = [name for name in typed if name not in FIELDS]
        if unknown:
            raise CurationError(f"{unknown[0]!r} cannot be corrected; the fields are {', '.join(FIELDS)}.")
        values = {name: field_value(name, value) for name, value in typed.items()}

        def build() -> Change:
            article = self._article(article_id)
            decisions = self._decisions_to_change(article)
            for name, value in values.items():
                shown = field_of(article, name)
                if value == shown or (name == "published" and _same_day(value, shown)):
                    continue
                parsed = decisions.was.get(name, shown)
                if value == parsed:
                    decisions.fields.pop(name, None)
                    decisions.was.pop(name, None)
                else:
                    decisions.fields[name] = value
                    decisions.was[name] = parsed
            return self._decided(article, decisions)

        self._act(build)
        return self._article(article_id)

    def revert(self, article_id: str, name: str) -> Article:
        """Forget the correction of one field: the parser's value again."""
        def build() -> Change:
            article = self._article(article_id)
            decisions = self._decisions_to_change(article)
            if name not in decisions.fields:
                raise CurationError(f"The {name} of {article_id} is not corrected.")
            decisions.fields.pop(name)
            decisions.was.pop(name, None)
            return self._decided(article, decisions)

        self._act(build)
        return self._article(article_id)

    def set_speakers(self, article_id: str, n: int, speakers: list[Speaker]) -> Article:
        """Paragraph `n`'s speakers, as the user set them (the parser's again: no longer a correction)."""
        def build() -> Change:
            article = self._article(article_id)
            para = self._paragraph(article, n)
            decisions = self._decisions_to_change(article)
            earlier = decisions.speakers.get(n)
            was = earlier.was if earlier is not None and earlier.hash == text_hash(para.text) else para.speakers
            if list(speakers) == list(was):
                decisions.speakers.pop(n, None)
            else:
                decisions.speakers[n] = SpeakerFix(n, text_hash(para.text), list(speakers), list(was))
            return self._decided(article, decisions)

        self._act(build)
        return self._article(article_id)

    def merge_names(self, variant: str, into: str) -> int:
        """Merge a speaker name into another across the library; the number of articles changed."""
        def build() -> Change:
            names = self.store.names().merged(variant, into)
            return self.store.names_change(names) + self._reindexed(self._articles_quoting(variant))

        return self._act(build)

    def split_name(self, variant: str) -> int:
        """Undo a merge: `variant` is its own speaker again, in every article it was merged in."""
        def build() -> Change:
            names = self.store.names()
            into = names.canonical(variant)
            return self.store.names_change(names.split(variant)) + self._reindexed(self._articles_quoting(into))

        return self._act(build)

    # ---- deleting --------------------------------------------------------------------------------
    def delete(self, article_ids: list[str]) -> list[TrashEntry]:
        """Move each article's source into the trash and take the article out of the index."""
        entries: list[TrashEntry] = []

        def build() -> Change:
            change = Change()
            entries.clear()
            for article_id in dict.fromkeys(article_ids):
                article = self.library.article(article_id)
                if article is None:
                    where = "is already in the trash" if self.deleted(article_id) else "is not in this library"
                    raise CurationError(f"The article {article_id} {where}.")
                name = self._source_name(article)
                sidecar = name + SIDECAR_SUFFIX
                files = (name, sidecar) if (self.library.sources.root / sidecar).exists() else (name,)
                entry = TrashEntry(name, article.id, article.title, _now(), files)
                entries.append(entry)
                change += self.store.delete_change(entry, self.library.sources.root)
            return change

        self._act(build)
        return list(entries)

    def restore(self, article_id_or_source: str) -> Article | None:
        """Bring a deleted article back from the trash; the article as indexed again."""
        found: list[TrashEntry] = []

        def build() -> Change:
            entry = self.deleted(article_id_or_source)
            if entry is None:
                raise CurationError(f"There is nothing in the trash named {article_id_or_source!r}.")
            found.append(entry)
            return self.store.restore_change(entry, self.library.sources.root)

        self._act(build)
        return self.library.article(found[0].article_id)

    # ---- tags and stars ---------------------------------------------------------------------------
    def tag(self, article_ids: list[str], add: Iterable[str] = (), remove: Iterable[str] = ()) -> int:
        """Add and remove tags on articles; the number of articles whose tags changed."""
        adding = [clean_tag(t) for t in add]
        removing = {clean_tag(t) for t in remove}

        def build() -> Change:
            change = Change()
            for article_id in dict.fromkeys(article_ids):
                article = self._article(article_id)
                decisions = self._decisions_to_change(article)
                tags = [t for t in dict.fromkeys(decisions.tags + adding) if t not in removing]
                if tags != decisions.tags:
                    decisions.tags = tags
                    change += self._decided(article, decisions)
            return change

        return self._act(build)

    def tag_search(self, req: SearchRequest, tag: str) -> int:
        """Tag every article the search finds (all pages); the number of articles newly tagged."""
        ids = list(dict.fromkeys(a for a, _n in self.library.hit_refs(req.with_(view="flat"))))
        return self.tag(ids, add=[tag]) if ids else 0

    def star(self, article_id: str, n: int, on: bool = True) -> None:
        """Star (clip) one paragraph, or take its star away. Stars are not indexed: nothing to reindex."""
        def build() -> Change:
            article = self._article(article_id)
            para = self._paragraph(article, n)
            decisions = self._decisions_to_change(article)
            if on:
                decisions.stars[n] = Star(n, text_hash(para.text), _now())
            else:
                decisions.stars.pop(n, None)
            return self.store.decisions_change(decisions)

        self._act(build)

    # ---- saved searches -----------------------------------------------------------------------------
    def save_search(self, name: str, query: str) -> SavedSearch:
        """Name a search URL's query string (the same name again replaces it)."""
        name = " ".join(name.split())
        if not name:
            raise CurationError("A saved search needs a name.")
        query = query.lstrip("?")
        request_of(query)  # refuse a URL that cannot be read back
        saved = SavedSearch(name, query, _now(), _now())

        def build() -> Change:
            searches = [s for s in self.store.saved_searches() if s.name != name]
            return self.store.saved_change(searches + [saved])

        self._act(build)
        return saved

    def forget_search(self, name: str) -> None:
        def build() -> Change:
            searches = self.store.saved_searches()
            if not any(s.name == name for s in searches):
                raise CurationError(f"There is no saved search named {name!r}.")
            return self.store.saved_change([s for s in searches if s.name != name])

        self._act(build)

    def visit_search(self, name: str) -> SavedSearch:
        """The saved search, marked as seen now (what is new is counted from here)."""
        visited: list[SavedSearch] = []

        def build() -> Change:
            searches = self.store.saved_searches()
            for s in searches:
                if s.name == name:
                    s.visited = _now()
                    visited.append(s)
            if not visited:
                raise CurationError(f"There is no saved search named {name!r}.")
            return self.store.saved_change(searches)

        self._act(build)
        return visited[0]

    # ---- carrying out an action -----------------------------------------------------------------------
    def recover(self) -> bool:
        """Finish an action a crash interrupted, if any (a reindex does this first)."""
        if not self.store.journal.path.exists():
            return False
        with process_lock(self.store.lock_path, f"The library at {self.library.home}", LOCK_WAIT):
            return self.store.journal.recover(self._update_index)

    def _act(self, build: Callable[[], Change]) -> int:
        """Under the lock: finish any action a crash interrupted, build this one from the files
        as they are now, carry it out. The number of articles it indexed again."""
        with process_lock(self.store.lock_path, f"The library at {self.library.home}", LOCK_WAIT):
            self.store.forget()
            self.store.journal.recover(self._update_index)
            change = build()
            if change.writes or change.moves:
                self.store.journal.run(change, self._update_index)
            return len(set(change.reindex))

    def _update_index(self, change: Change) -> None:
        """Parse the named sources again and index them with every decision applied (one commit)."""
        self.store.forget()
        if not (change.reindex or change.unindex):
            return
        articles, sources = [], {}
        for name in dict.fromkeys(change.reindex):
            source = self.library.sources.get(name)
            if source is not None:
                article = self.library.parse_source(source)
                articles.append(article)
                sources[article.id] = self.library.sources_of(article, [source])  # an incremental reindex skips it
        self.library.store.write_articles(articles, remove=list(dict.fromkeys(change.unindex)), sources=sources)

    # ---- helpers ----------------------------------------------------------------------------------
    def _article(self, article_id: str) -> Article:
        article = self.library.article(article_id)
        if article is None:
            where = "is in the trash" if self.deleted(article_id) else "is not in this library"
            raise CurationError(f"The article {article_id} {where}.")
        return article

    def _paragraph(self, article: Article, n: int) -> Paragraph:
        for p in article.paragraphs:
            if p.n == n:
                return p
        raise CurationError(f"The article {article.id} has no paragraph ¶{n}.")

    def _source_name(self, article: Article) -> str:
        if not article.source_name or self.library.sources.get(article.source_name) is None:
            raise CurationError(f"The source of {article.id} is not in sources/; run `cuttings reindex` first.")
        return article.source_name

    def _decisions_to_change(self, article: Article) -> ArticleDecisions:
        """The article's decisions as they are now, named after the article as it is shown."""
        decisions = self.store.decisions_for(article.source_name, article.id) or ArticleDecisions(
            source=self._source_name(article))
        decisions.article_id, decisions.title = article.id, article.title
        return decisions

    def _decided(self, article: Article, decisions: ArticleDecisions) -> Change:
        """The decisions written, and the article parsed and indexed again with them."""
        decisions.title = decisions.fields.get("title") or decisions.was.get("title") or article.title
        return self.store.decisions_change(decisions) + self._reindexed([article])

    def _reindexed(self, articles: list[Article]) -> Change:
        return Change(reindex=[self._source_name(a) for a in articles], unindex=[a.id for a in articles])

    def _articles_quoting(self, name: str) -> list[Article]:
        req = SearchRequest(include={"speaker": (name,)}, view="flat")
        ids = dict.fromkeys(a for a, _n in self.library.hit_refs(req))
        return [a for a in map(self.library.article, ids) if a is not None]


def request_of(query: str) -> SearchRequest:
    """A saved query string as a SearchRequest (page 1); a URL that cannot be read is a CurationError."""
    try:
        return SearchRequest.from_args(parse_qs(query)).with_page(1)
    except RequestError as exc:
        raise CurationError(f"The saved search {query!r} cannot be read: {exc}") from None


def _same_day(value: str | None, shown: str | None) -> bool:
    return bool(value and shown) and value[:10] == shown[:10] and len(value) == 10  # type: ignore[index]
