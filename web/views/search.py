"""The home page, the search page and the full list of one facet's values."""
from __future__ import annotations

from itertools import groupby

from flask import Blueprint, abort, render_template, request

from search.request import FACETS, RequestError, SearchRequest
from search.results import Hit
from web.library import get_library

bp = Blueprint("search", __name__)

FACET_ORDER = ("speaker", "date", "section", "author", "site")
FACET_PAGE = 150  # /facets/<name>: values per page, keeps the page light; the filter box finds the rest


def read_request() -> SearchRequest:
    """The search state in the URL; a value that cannot be read raises RequestError (shown as 400)."""
    return SearchRequest.from_args(request.args)


def group_by_article(hits: list[Hit]) -> list[tuple[Hit, list[Hit], int]]:
    """Consecutive hits of one article (the grouped view) as (first hit, hits, more in article)."""
    groups = []
    for _aid, run in groupby(hits, key=lambda h: h.article_id):
        run = list(run)
        groups.append((run[0], run, max(h.more_in_article for h in run)))
    return groups


def bad_request_page(message: str, q: str = ""):
    return render_template("search.html", error=message, req=SearchRequest(q=q), results=None), 400


@bp.get("/")
def home():
    library = get_library()
    overview = library.search(SearchRequest(sort="newest", size=8))  # facets over everything + newest articles
    return render_template(
        "home.html",
        articles=library.article_count(),
        paragraphs=library.paragraph_count(),
        facets=overview.facets,
        newest=[first for first, _hits, _more in group_by_article(overview.hits)],
    )


@bp.get("/search")
def results():
    try:
        req = read_request()
    except RequestError as e:
        return bad_request_page(str(e), request.args.get("q", ""))
    res = get_library().search(req)
    facets = [res.facets[name] for name in FACET_ORDER if name in res.facets]
    relaxed = res.removals if res.total == 0 else []  # filters to drop one by one, each with its count
    unfiltered = SearchRequest(q=req.q, sort=req.sort, view=req.view, size=req.size) if len(relaxed) > 1 else None
    groups = group_by_article(res.hits) if req.view == "grouped" else None
    return render_template("search.html", req=req, results=res, facets=facets, groups=groups,
                           relaxed=relaxed, unfiltered=unfiltered, error=None)


@bp.get("/facets/<name>")
def facet_list(name: str):
    if name not in FACETS:
        abort(404)
    try:
        req = read_request()
    except RequestError as e:
        return bad_request_page(str(e), request.args.get("q", ""))
    order = "name" if request.args.get("order") == "name" else "count"
    contains = request.args.get("contains", "").strip()[:200]
    try:
        page = max(1, int(request.args.get("vpage", "1")))
    except ValueError:
        page = 1
    values = get_library().facet_values(req, name, order=order, contains=contains, limit=page * FACET_PAGE + 1)
    more = len(values) > page * FACET_PAGE
    values = values[(page - 1) * FACET_PAGE: page * FACET_PAGE]
    return render_template("facet.html", req=req, name=name, values=values, order=order, contains=contains,
                           vpage=page, more=more)
