"""Run a SearchRequest against a searcher: match, filter, order, page, group, snippet.

The query matches paragraphs in Whoosh; facet filters and counts run over the
in-memory table; only the paragraphs on the page load stored fields and get a
snippet (Whoosh's `groupedby` ignores `limit`, so grouping happens here).
"""
from __future__ import annotations

import html
import json
from datetime import date, datetime
from itertools import islice
from typing import Callable

from whoosh.searching import Searcher

from search.index.schema import NO_VALUE, published_from_meta, speakers_from_json
from search.index.speaker_names import SpeakerNames
from search.index.table import ARTICLE, Table
from search.model import Speaker, renamed_speakers
from search.query.facets import FACET_KINDS, Filtered, apply_filters, build_facets, undated_left_out
from search.query.parse import ParsedQuery, did_you_mean, parse_query, text_terms
from search.query.scoring import scored
from search.query.snippets import snippet_html
from search.request import SearchRequest
from search.results import FilterRemoval, Hit, Results, StoryCopy

PER_ARTICLE = 3  # grouped view: paragraphs shown per article
# Matches ranked by the first scoring pass: every match is scored either way, so 800 cost
# about what 200 do, and they fill a grouped page even where each story has many copies.
FIRST_SCORED = 800


MATCH_CHUNK = 2048  # matches read between two looks at the clock


def parse_request(searcher: Searcher, table: Table, req: SearchRequest) -> ParsedQuery:
    """The request's query, with `speaker:` over the library's speaker names and `said:`
    within the words of the speakers it filters on."""
    names = table.speaker_names() if _names_matter(req.q) else None
    return parse_query(searcher, req.q, names, req.include.get("speaker", ()))


def _names_matter(q: str) -> bool:
    low = q.lower()
    return "speaker:" in low or "said:" in low


def matched_docs(searcher: Searcher, table: Table, parsed: ParsedQuery) -> set[int]:
    if parsed.query is None:
        return table.all_docs()
    live = table.live
    found: set[int] = set()
    matches = searcher.docs_for_query(parsed.query)
    while chunk := list(islice(matches, MATCH_CHUNK)):
        found.update(filter(live.__contains__, chunk))
        parsed.check_time()
    return found


def _by_date(table: Table, docs, newest: bool) -> list[int]:
    if len(docs) * 8 < len(table.live):  # few: sort them; many: filter the table's cached order
        return table.by_date(docs, newest)
    wanted = docs if isinstance(docs, (set, frozenset)) else set(docs)
    return [d for d in table.date_order(newest) if d in wanted]


def _by_relevance(searcher: Searcher, table: Table, parsed: ParsedQuery, final: set[int], limit: int | None,
                  matched: int) -> list[int]:
    allowed = None if len(final) == matched else (final if isinstance(final, set) else set(final))
    parsed.check_time()  # matching ran within the limit (matched_docs): scoring costs about as much again
    articles, numbers = table.articles, table.numbers
    ranked = [(docnum, round(score, 6)) for docnum, score in scored(searcher, parsed.query, allowed, limit, matched)]
    ranked.sort(key=lambda x: (-x[1], articles[x[0]].article_id, numbers[x[0]]))  # stable order for equal scores
    return [d for d, _ in ranked]


def ordered_docs(searcher: Searcher, table: Table, parsed: ParsedQuery, final: set[int], req: SearchRequest,
                 matched: int, enough: Callable[[list[int]], bool] | None = None) -> list[int]:
    """Matching paragraphs in display order; for relevance only as many as `enough` needs.

    `matched`: how many paragraphs the query matched before the filters left `final`.
    """
    if parsed.query is None or req.sort != "relevance":
        return _by_date(table, final, newest=req.sort != "oldest")
    limit = max(FIRST_SCORED, req.page * req.size * PER_ARTICLE * 2)
    while True:
        if enough is None or limit >= len(final):
            return _by_relevance(searcher, table, parsed, final, None, matched)
        docs = _by_relevance(searcher, table, parsed, final, limit, matched)
        if enough is not None and enough(docs):
            return docs
        limit *= 4


def group_by_article(
    table: Table, docs: list[int], max_articles: int | None = None
) -> tuple[list[str], dict[str, list[int]]]:
    """Articles in order of their first hit, with their first PER_ARTICLE hits; an article whose
    story an earlier one tells (a near-duplicate) is left out: the earlier one shows its copies.

    `max_articles`: stop after that many articles; only right when each article's
    hits are contiguous in `docs` (date orders, where an article's paragraphs share a day).
    """
    order: list[str] = []
    shown: dict[str, list[int]] = {}
    told: set[str] = set()  # the stories of the articles in `order`
    articles = table.articles
    for d in docs:
        article = articles[d]
        a = article.article_id
        if a not in shown:
            story = article.story or a
            if story in told:
                continue
            if max_articles is not None and len(order) >= max_articles:
                break
            told.add(story)
            shown[a] = []
            order.append(a)
        if len(shown[a]) < PER_ARTICLE:
            shown[a].append(d)
    return order, shown


def story_copies(searcher: Searcher, table: Table, article_id: str, final, metas: dict[str, dict]) -> list[StoryCopy]:
    """The other copies of an article's story that match too (each with its matching paragraphs)."""
    first = next(iter(table.docs_with(ARTICLE, article_id)), None)
    article = table.articles[first] if first is not None else None
    others = table.story_articles().get(article.story or article_id, ()) if article is not None else ()
    copies = []
    for other in others:
        docs = table.docs_with(ARTICLE, other) if other != article_id else frozenset()
        hits = len(docs & final)
        if hits:
            title = table.articles[next(iter(docs))].title  # a story told on many sites: no metadata read per copy
            if title is None:
                title = article_meta(searcher, other, metas).get("title", "")
            copies.append(StoryCopy(other, title, hits))
    return copies


def make_hit(searcher: Searcher, table: Table, docnum: int, terms: set[str], score: float | None = None,
             snippet: bool = True, metas: dict[str, dict] | None = None, names: SpeakerNames | None = None) -> Hit:
    """The hit for one paragraph, its article's values from the table; speakers under the
    library's names (`names`). Rows written before they held the title send it to the
    article's stored metadata instead, read once per `metas` (a cache the caller keeps
    for one page or one export)."""
    f = searcher.stored_fields(docnum)
    text = f.get("text", "")
    row = table.articles[docnum]
    if row is not None and row.title is not None:  # no read of the article's document: its values are here
        title, site, section, authors, tags = row.title, row.site, row.section, row.authors, row.tags
        day = date.fromisoformat(row.day) if row.day else None
    else:
        meta = article_meta(searcher, f["article_id"], metas)
        published = published_from_meta(meta)
        title, site, section = meta.get("title", ""), meta.get("site"), meta.get("section")
        authors, tags = meta.get("authors", []), meta.get("tags", [])
        day = published.date() if isinstance(published, datetime) else published
    return Hit(
        article_id=f["article_id"], paragraph=f["n"], title=title, date=day, site=_value(site),
        section=_value(section), authors=list(authors),
        speakers=shown_speakers(speakers_from_json(f.get("speakers_json")), names),
        text=text,
        snippet_html=snippet_html(text, terms) if snippet else html.escape(text),
        score=score,
        tags=list(tags),
    )


def shown_speakers(speakers: list[Speaker], names: SpeakerNames | None) -> list[Speaker]:
    """Each speaker under the name the library shows them by (two spellings of one speaker
    in a paragraph are one speaker)."""
    return speakers if names is None else renamed_speakers(speakers, names.shown)


def article_meta(searcher: Searcher, article_id: str, metas: dict[str, dict] | None = None) -> dict:
    """The stored metadata of an article ({} when the index has no document for it)."""
    found = metas.get(article_id) if metas is not None else None
    if found is None:
        docnum = searcher.document_number(article=article_id)
        found = json.loads(searcher.stored_fields(docnum).get("meta_json") or "{}") if docnum is not None else {}
        if metas is not None:
            metas[article_id] = found
    return found


def _value(v: str | None) -> str | None:
    return None if not v or v == NO_VALUE else v


def page_hits(
    searcher: Searcher, table: Table, parsed: ParsedQuery, filtered: Filtered, req: SearchRequest
) -> list[Hit]:
    final, matched = filtered.final, len(filtered.matched)
    terms = text_terms(parsed.query)
    names = table.speaker_names()
    start, stop = (req.page - 1) * req.size, req.page * req.size
    if req.view == "flat":
        docs = ordered_docs(searcher, table, parsed, final, req, matched, enough=lambda ds: len(ds) >= stop)
        metas: dict[str, dict] = {}
        return [make_hit(searcher, table, d, terms, metas=metas, names=names) for d in docs[start:stop]]
    docs = ordered_docs(searcher, table, parsed, final, req, matched,
                        enough=lambda ds: len(group_by_article(table, ds)[0]) > stop)
    by_date = parsed.query is None or req.sort != "relevance"
    order, shown = group_by_article(table, docs, max_articles=stop if by_date else None)
    hits: list[Hit] = []
    metas: dict[str, dict] = {}
    for a in order[start:stop]:
        in_article = len(table.docs_with(ARTICLE, a) & final)
        group = [make_hit(searcher, table, d, terms, metas=metas, names=names) for d in shown[a]]
        for h in group:
            h.article_hits = in_article
        group[-1].more_in_article = in_article - len(group)
        group[0].copies = story_copies(searcher, table, a, final, metas)
        hits += group
    return hits


def removals(table: Table, filtered: Filtered, req: SearchRequest) -> list[FilterRemoval]:
    """When nothing matched: how many paragraphs each filter's removal would bring back."""
    out = []
    for f, kind in FACET_KINDS.items():
        for v in req.include.get(f, ()):
            smaller = req.toggled(f, v)
            out.append(FilterRemoval(f, f"{kind.label}: {kind.display(v)}",
                                     len(apply_filters(table, filtered.matched, smaller).final), smaller))
        for v in req.exclude.get(f, ()):
            smaller = req.exclusion_toggled(f, v)
            out.append(FilterRemoval(f, f"not {kind.label}: {kind.display(v)}",
                                     len(apply_filters(table, filtered.matched, smaller).final), smaller))
    if req.date_from or req.date_to:
        smaller = req.with_(date_from=None, date_to=None)
        day = FACET_KINDS["date"].display  # a day in the date facet's words, as on the filter chips
        ends = [f"{word} {day(d.isoformat())}" for word, d in (("from", req.date_from), ("to", req.date_to)) if d]
        label = "Dates " + " ".join(ends)
        out.append(FilterRemoval("range", label, len(apply_filters(table, filtered.matched, smaller).final), smaller))
    if req.kind != "any":
        smaller = req.with_(kind="any")
        out.append(
            FilterRemoval(
                "kind", "Quoted directly", len(apply_filters(table, filtered.matched, smaller).final), smaller
            )
        )
    return out


def run_search(searcher: Searcher, table: Table, req: SearchRequest, facets: bool = True) -> Results:
    """`facets=False`: hits and totals only (Results.facets stays empty), for pages without a sidebar."""
    parsed = parse_request(searcher, table, req)
    matched = matched_docs(searcher, table, parsed)
    filtered = apply_filters(table, matched, req, per_facet=facets)
    final = filtered.final
    results = Results(
        request=req,
        total=len(final),
        total_articles=len(table.article_ids())
        if final is table.live
        else len({table.articles[d].article_id for d in final}),
        hits=page_hits(searcher, table, parsed, filtered, req) if final else [],
        facets=build_facets(table, filtered, req) if facets else {},
        notes=list(req.notes) + parsed.notes,
        undated_left_out=undated_left_out(table, filtered, req) if facets else 0,
        total_stories=table.story_count(final) if req.view == "grouped" else 0,
    )
    if not final:
        if parsed.plain_words:
            results.suggestion = did_you_mean(searcher, req.q, parsed.plain_words)
        results.removals = removals(table, filtered, req)
    return results


def all_hit_docs(searcher: Searcher, table: Table, req: SearchRequest) -> list[int]:
    """Every matching paragraph's document number, in display order (flat)."""
    parsed = parse_request(searcher, table, req)
    filtered = apply_filters(table, matched_docs(searcher, table, parsed), req)
    return ordered_docs(searcher, table, parsed, filtered.final, req, len(filtered.matched))


def hit_refs(searcher: Searcher, table: Table, req: SearchRequest) -> list[tuple[str, int]]:
    """Every matching paragraph as (article_id, paragraph number), in the order the request
    shows them, from the in-memory table alone: no stored fields, no highlighting.

    Flat view: the display order. Grouped view: article by article in the order the
    articles appear, each article's paragraphs in their display order (none capped),
    without the copies collapsed under an earlier article of their story.
    """
    articles, numbers = table.articles, table.numbers
    docs = all_hit_docs(searcher, table, req)
    if req.view == "grouped":
        by_article: dict[str, list[int]] = {}
        teller: dict[str, str] = {}  # story -> the article shown for it
        for d in docs:
            article = articles[d]
            if teller.setdefault(article.story or article.article_id, article.article_id) == article.article_id:
                by_article.setdefault(article.article_id, []).append(d)
        docs = [d for group in by_article.values() for d in group]
    return [(articles[d].article_id, numbers[d]) for d in docs]


def added_times(searcher: Searcher, table: Table, req: SearchRequest) -> dict[str, str]:
    """article id -> the ISO time its source was added ("" when unknown), for every article matching `req`."""
    parsed = parse_request(searcher, table, req)
    final = apply_filters(table, matched_docs(searcher, table, parsed), req, per_facet=False).final
    return {(a := table.articles[d]).article_id: a.added for d in final}
