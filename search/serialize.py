"""Results as data: the JSON document, Atom entries and CSV rows that `/search.json`, `/search.atom`,
`/search.csv` and `cuttings search --json` give.

One serialiser for the web and the command line; only the links differ, so the
caller passes a `Links` (the web builds absolute URLs of the running app, the
command line paths under an optional base URL). The JSON schema is documented in
README.md ("The search as data"); keep the two in step.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timezone
from typing import Iterable, Iterator, Protocol
from urllib.parse import quote, urlencode
from xml.etree import ElementTree as ET

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
        "speaker_details": [{"name": s.name, "role": s.role, "kind": s.kind} for s in hit.speakers],
        "snippet": hit.snippet_html,
        "text": hit.text,
        "score": hit.score,
        "more_in_article": hit.more_in_article,
    }


def facet_to_list(facet: Facet, links: Links) -> list[dict]:
    return [
        {
            "value": v.value,
            "label": v.label,
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


def _rfc3339(day: date | None) -> str:
    if day is None:
        return datetime(1970, 1, 1, tzinfo=timezone.utc).isoformat()
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc).isoformat()


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom_feed(results: Results, links: Links, *, title: str, req: SearchRequest) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of the hits, built with ElementTree so every text is escaped.

    `req` is the search as the subscriber asked for it: its URL is the feed's stable id.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    self_url = links.search(req, "atom")
    _el(feed, "id", self_url)
    _el(feed, "title", title)
    newest = max((h.date for h in results.hits if h.date), default=None)
    _el(feed, "updated", _rfc3339(newest))
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
        _el(entry, "title", f"{hit.title} — ¶{hit.paragraph}" + (f" ({who})" if who else ""))
        _el(entry, "updated", _rfc3339(hit.date))
        if hit.date:
            _el(entry, "published", _rfc3339(hit.date))
        _el(entry, "link", rel="alternate", type="text/html", href=url)
        for name in hit.authors:
            _el(_el(entry, "author"), "name", name)
        _el(entry, "summary", hit.snippet_html, type="html")
        _el(entry, "content", hit.text, type="text")
        for s in hit.speakers:
            _el(entry, "category", term=s.name, label=f"{s.name} — {s.role}" if s.role else s.name)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


# ---- CSV ----------------------------------------------------------------
CSV_COLUMNS = ("article_id", "paragraph", "url", "title", "date", "site", "section", "authors", "speakers", "text")
# A cell starting with one of these is read as a formula by spreadsheets (a title such
# as `=HYPERLINK(...)`); OWASP's advice is a leading apostrophe, which shows as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A text cell made safe to open in a spreadsheet; the text is otherwise kept exactly."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_rows(hits: Iterable[Hit], links: Links) -> Iterator[str]:
    """One CSV line at a time, header first, so the response can stream."""
    buf = io.StringIO()
    writer = csv.writer(buf)

    def flush() -> str:
        line = buf.getvalue()
        buf.seek(0)
        buf.truncate(0)
        return line

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for hit in hits:
        writer.writerow([csv_cell(cell) for cell in (
            hit.article_id, hit.paragraph, links.permalink(hit.article_id, hit.paragraph), hit.title,
            _iso(hit.date) or "", hit.site or "", hit.section or "", "; ".join(hit.authors),
            "; ".join(s.name for s in hit.speakers), hit.text,
        )])
        yield flush()
