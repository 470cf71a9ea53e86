"""Results as data: the JSON document, Atom entries and CSV rows that `/search.json`, `/search.atom`,
`/search.csv` and `cuttings search --json` give; the Markdown and CSV exports of an article, a tag or
the starred paragraphs; a paragraph as a citation.

One serialiser for the web and the command line; only the links differ, so the
caller passes a `Links` (the web builds absolute URLs of the running app, the
command line paths under an optional base URL). The JSON schema is documented in
README.md ("The search as data"); keep the two in step.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from itertools import groupby
from typing import Iterable, Iterator, Mapping, Protocol
from urllib.parse import quote, urlencode
from xml.etree import ElementTree as ET

from search.model import Article, Speaker, paragraph_number
from search.request import SearchRequest
from search.results import Facet, Hit, Results


class Links(Protocol):
    def permalink(self, article_id: str, paragraph: int | None = None) -> str:
        """The shareable address of an article or one of its paragraphs."""

    def search(self, req: SearchRequest, fmt: str = "html") -> str:
        """The address of a search state, as a page ("html") or as "json", "atom" or "csv"."""


class PathLinks:
    """Links as paths under a base URL ("" gives "/a/<id>#p<n>"): for output made outside the web app."""

    def __init__(self, base: str = "") -> None:
        self.base = base.rstrip("/")

    def permalink(self, article_id: str, paragraph: int | None = None) -> str:
        anchor = f"#p{paragraph}" if paragraph is not None else ""
        return f"{self.base}/a/{quote(article_id, safe='')}{anchor}"

    def search(self, req: SearchRequest, fmt: str = "html") -> str:
        args = req.to_args()
        path = "/search" if fmt == "html" else f"/search.{fmt}"
        return f"{self.base}{path}" + (f"?{urlencode(args)}" if args else "")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def hit_to_dict(hit: Hit, links: Links) -> dict:
    return {
        "article_id": hit.article_id,
        "paragraph": hit.paragraph,
        "url": links.permalink(hit.article_id, hit.paragraph),
        "title": hit.title,
        "date": _iso(hit.date),
        "site": hit.site,
        "section": hit.section,
        "authors": list(hit.authors),
        "speakers": [s.name for s in hit.speakers],
        "speaker_details": [{"name": s.name, "role": s.role, "kind": s.kind, "spans": [list(x) for x in s.spans],
                             "said": [hit.text[a:b] for a, b in s.spans]} for s in hit.speakers],
        "snippet": hit.snippet_html,
        "text": hit.text,
        "score": hit.score,
        "more_in_article": hit.more_in_article,
        "tags": list(hit.tags),
        # grouped view, on an article's first hit: the other copies of its story, collapsed under it
        "copies": [{"article_id": c.article_id, "title": c.title, "url": links.permalink(c.article_id),
                    "hits": c.hits} for c in hit.copies],
    }


def article_to_dict(article: Article, links: Links) -> dict:
    """An article with every paragraph: the article page's JSON twin."""
    published = article.published
    return {
        "id": article.id,
        "url": links.permalink(article.id),
        "title": article.title,
        "standfirst": article.standfirst,
        "published": published.isoformat() if published else None,
        "site": article.site,
        "section": article.section,
        "authors": list(article.authors),
        "source_url": article.url,
        "tags": list(article.tags),
        "paragraphs": [{"n": p.n, "url": links.permalink(article.id, p.n), "text": p.text,
                        "speakers": [{"name": s.name, "role": s.role, "kind": s.kind} for s in p.speakers]}
                       for p in article.paragraphs],
    }


def facet_to_list(facet: Facet, links: Links) -> list[dict]:
    return [
        {
            "value": v.value,
            "label": v.label,
            "detail": v.detail,
            "count": v.count,
            "selected": v.selected,
            "excluded": v.excluded,
            "toggle_url": links.search(v.toggle, "json") if v.toggle else None,
            "exclude_url": links.search(v.exclude_toggle, "json") if v.exclude_toggle else None,
        }
        for v in facet.values
    ]


def request_to_dict(req: SearchRequest) -> dict:
    return {
        "q": req.q,
        "filters": {k: list(v) for k, v in req.include.items()},
        "exclude": {k: list(v) for k, v in req.exclude.items()},
        "from": _iso(req.date_from),
        "to": _iso(req.date_to),
        "kind": req.kind,
        "sort": req.sort,
        "view": req.view,
        "page": req.page,
        "size": req.size,
    }


def results_to_dict(results: Results, links: Links) -> dict:
    req = results.request
    pages = results.pages
    return {
        "total": results.total,
        "total_articles": results.total_articles,
        "total_stories": results.total_stories,
        "page": req.page,
        "pages": pages,
        "request": request_to_dict(req),
        "hits": [hit_to_dict(h, links) for h in results.hits],
        "facets": {name: facet_to_list(f, links) for name, f in results.facets.items()},
        "facets_more": {name: f.has_more for name, f in results.facets.items()},
        "suggestion": results.suggestion,
        "suggestion_url": links.search(req.with_(q=results.suggestion), "json") if results.suggestion else None,
        "notes": list(dict.fromkeys([*req.notes, *results.notes])),
        "links": {
            "self": links.search(req, "json"),
            "html": links.search(req),
            "atom": links.search(req, "atom"),
            "csv": links.search(req, "csv"),
            "next": links.search(req.with_page(req.page + 1), "json") if req.page < pages else None,
            "prev": links.search(req.with_page(req.page - 1), "json") if req.page > 1 else None,
        },
    }


# ---- Atom ---------------------------------------------------------------
ATOM = "http://www.w3.org/2005/Atom"


def _rfc3339(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
        return aware.astimezone(timezone.utc).isoformat()
    return datetime.combine(moment, time(0, 0), tzinfo=timezone.utc).isoformat()


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom_feed(results: Results, links: Links, *, title: str, req: SearchRequest,
              added: Mapping[str, datetime] | None = None) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of the hits, built with ElementTree so every text is escaped.

    `req` is the search as the subscriber asked for it: its URL is the feed's stable id.
    `added` (article id -> when its cutting entered the library) dates the entries of
    undated cuttings; one with neither date takes the time the feed is made.
    """
    made = datetime.now(timezone.utc).replace(microsecond=0)
    added = added or {}

    def updated(hit: Hit) -> date | datetime:
        return hit.date or added.get(hit.article_id) or made

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    self_url = links.search(req, "atom")
    _el(feed, "id", self_url)
    _el(feed, "title", title)
    _el(feed, "updated", max((_rfc3339(updated(h)) for h in results.hits), default=_rfc3339(made)))
    _el(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _el(feed, "link", rel="alternate", type="text/html", href=links.search(req))
    author = _el(feed, "author")
    _el(author, "name", "Cuttings")
    _el(feed, "generator", "Cuttings")
    for hit in results.hits:
        entry = _el(feed, "entry")
        url = links.permalink(hit.article_id, hit.paragraph)
        _el(entry, "id", url)
        who = ", ".join(s.name for s in hit.speakers)
        _el(entry, "title", f"{hit.title} — ¶{paragraph_number(hit.paragraph)}" + (f" ({who})" if who else ""))
        _el(entry, "updated", _rfc3339(updated(hit)))
        if hit.date:
            _el(entry, "published", _rfc3339(hit.date))
        _el(entry, "link", rel="alternate", type="text/html", href=url)
        for name in hit.authors:
            _el(_el(entry, "author"), "name", name)
        _el(entry, "summary", hit.snippet_html, type="html")
        _el(entry, "content", hit.text, type="text")
        for s in hit.speakers:
            _el(entry, "category", term=s.name, label=f"{s.name} — {s.role}" if s.role else s.name)
        for tag in hit.tags:
            _el(entry, "category", term=tag, label=f"Tag: {tag}",
                scheme=links.search(SearchRequest(include={"tag": (tag,)})))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


# ---- CSV ----------------------------------------------------------------
# One row per paragraph; several authors, speakers, roles or tags are joined with "; ", and the
# n-th role, kind and spans belong to the n-th speaker. A speaker's spans are the character offsets
# of their words in `text`, "start-end" each, space-separated ("12-58 70-96"). UTF-8 with a
# byte-order mark: Excel reads it as UTF-8.
CSV_COLUMNS = ("article_id", "paragraph", "url", "title", "date", "site", "section", "authors", "speakers",
               "roles", "kinds", "spans", "tags", "text")
BOM = "\ufeff"
# A cell starting with one of these is read as a formula by spreadsheets (a title such
# as `=HYPERLINK(...)`); OWASP's advice is a leading apostrophe, which shows as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A text cell made safe to open in a spreadsheet; the text is otherwise kept exactly."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_rows(hits: Iterable[Hit], links: Links) -> Iterator[str]:
    """One CSV line at a time, header first (after the byte-order mark), so the response can stream."""
    buf = io.StringIO()
    writer = csv.writer(buf)

    def flush() -> str:
        line = buf.getvalue()
        buf.seek(0)
        buf.truncate(0)
        return line

    writer.writerow(CSV_COLUMNS)
    yield BOM + flush()
    for hit in hits:
        writer.writerow([csv_cell(cell) for cell in (
            hit.article_id, hit.paragraph, links.permalink(hit.article_id, hit.paragraph), hit.title,
            _iso(hit.date) or "", hit.site or "", hit.section or "", "; ".join(hit.authors),
            "; ".join(s.name for s in hit.speakers), "; ".join(s.role or "" for s in hit.speakers),
            "; ".join(s.kind for s in hit.speakers), "; ".join(_spans_cell(s) for s in hit.speakers),
            "; ".join(hit.tags), hit.text,
        )])
        yield flush()


def _spans_cell(s: Speaker) -> str:
    return " ".join(f"{a}-{b}" for a, b in s.spans)


# ---- Markdown -------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Text as Markdown shows it literally (no accidental emphasis, links or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _speaker_md(s: Speaker) -> str:
    how = "quoted directly" if s.kind == "direct" else "reported"
    return f"**{md_escape(s.name)}**" + (f", {md_escape(s.role)}" if s.role else "") + f" ({how})"


def markdown_document(title: str, hits: Iterable[Hit], links: Links) -> str:
    """A Markdown file of paragraphs, grouped under their articles (in the order given)."""
    out = [f"# {md_escape(title)}", ""]
    for article_id, run in groupby(hits, key=lambda h: h.article_id):
        run = list(run)
        first = run[0]
        out += [f"## [{md_escape(first.title or 'Untitled')}]({links.permalink(article_id)})", ""]
        facts = [md_escape(x) for x in (first.site, first.section) if x]
        if first.date:
            facts.append(long_date(first.date))
        if first.authors:
            facts.append("by " + md_escape(", ".join(first.authors)))
        if first.tags:
            facts.append("tags: " + md_escape(", ".join(first.tags)))
        if facts:
            out += [" · ".join(facts), ""]
        for hit in run:
            out.append(f"> {md_escape(hit.text)}")
            if hit.speakers:
                out += [">", "> — " + "; ".join(_speaker_md(s) for s in hit.speakers)]
            out += ["", f"[¶{hit.paragraph}]({links.permalink(hit.article_id, hit.paragraph)})", ""]
    return "\n".join(out).rstrip() + "\n"


# ---- citations ------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    text: str  # plain text, for a story draft or an email
    markdown: str


def citation(hit: Hit, links: Links, speaker: Speaker | None = None) -> Citation:
    """A paragraph as a quotation with its source: who said it (`speaker`, else every speaker of
    the paragraph), their role, the headline, the outlet, the date and the permanent link."""
    who = [speaker] if speaker is not None else list(hit.speakers)
    url = links.permalink(hit.article_id, hit.paragraph)
    names = " and ".join(s.name + (f", {s.role}" if s.role else "") for s in who)
    source = ", ".join(x for x in (hit.site, long_date(hit.date)) if x)
    headline = hit.title or "Untitled"
    text = f"“{hit.text.strip()}”" + (f" — {names}" if names else "") + f". “{headline}”"
    text += (f", {source}" if source else "") + f". {url}"
    md_names = " and ".join(f"**{md_escape(s.name)}**" + (f", {md_escape(s.role)}" if s.role else "") for s in who)
    md = f"> {md_escape(hit.text.strip())}\n>\n> — " + (f"{md_names}, in " if md_names else "")
    md += f"[*{md_escape(headline)}*]({url})" + (f", {md_escape(source)}" if source else "")
    return Citation(text=text, markdown=md + "\n")
