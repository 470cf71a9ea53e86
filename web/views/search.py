"""The home page, the search (as a page and as data) and the full list of one facet's values."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, request
from werkzeug.datastructures import MultiDict

from search.query.facets import FACET_KINDS
from search.request import RequestError, SearchRequest
from web.library import get_library
from web.renderers import RENDERERS
from web.urls import search_url, speaker_url

bp = Blueprint("search", __name__)

FACET_PAGE = 150  # /facets/<name>: values per page, keeps the page light; the filter box finds the rest
_TYPES = {"json": "application/json", "atom": "application/atom+xml", "csv": "text/csv"}


def read_request() -> SearchRequest:
    """The search state in the URL; a value that cannot be read raises RequestError (shown as 400)."""
    return SearchRequest.from_args(request.args)


def readable_part() -> SearchRequest:
    """The search in the URL with every value that cannot be read left out, and every other kept.

    A value that cannot be read on its own drops alone; of values that read alone but
    clash (a 'from' after the 'to'), each is added in URL order while the search still reads.
    """
    alone = [pair for pair in request.args.items(multi=True) if _reads(MultiDict([pair]))]
    if _reads(MultiDict(alone)):
        return SearchRequest.from_args(MultiDict(alone))
    kept: list[tuple[str, str]] = []
    for pair in alone:
        if _reads(MultiDict(kept + [pair])):
            kept.append(pair)
    return SearchRequest.from_args(MultiDict(kept))


def _reads(args: MultiDict) -> bool:
    try:
        SearchRequest.from_args(args)
    except RequestError:
        return False
    return True


def bad_request_page(message: str):
    return RENDERERS["html"].bad_request(message, readable_part())


@bp.get("/")
def home():
    library = get_library()
    overview = library.search(SearchRequest(sort="newest", size=8))  # facets over everything + newest articles
    return render_template(
        "home.html",
        articles=library.article_count(),
        paragraphs=library.paragraph_count(),
        facets=overview.facets,
        newest=[first for first, _hits, _more in overview.article_groups()],
        saved=library.curation.saved_searches(),
        recent=library.curation.recently_added(),
    )


@bp.get("/search", defaults={"fmt": "html"})
@bp.get("/search.<any(json, atom, csv):fmt>")
def results(fmt: str):
    renderer = RENDERERS[fmt]
    try:
        req = read_request()
    except RequestError as e:
        return renderer.bad_request(str(e), readable_part())
    library = get_library()
    if (named := library.with_speaker_names(req)) != req:  # "tony blair": the speaker's own spelling
        return redirect(search_url(named, fmt=fmt), code=301)
    try:
        response = renderer.render(req, library)
    except RequestError as e:  # a query the index shows to be too broad
        return renderer.bad_request(str(e), req)
    response.headers["Link"] = ", ".join(
        f'<{search_url(req, fmt=other, external=True)}>; rel="alternate"; type="{mimetype}"'
        for other, mimetype in _TYPES.items() if other != fmt)
    return response


@bp.get("/speakers.json")
def speaker_suggestions():
    """Speaker names for the autocomplete: `?q=bla` -> the most quoted speakers whose name,
    or a word of it, starts with "bla"."""
    typed = request.args.get("q", "")[:100]
    library = get_library()
    return jsonify({"q": typed, "speakers": [
        {"name": name, "paragraphs": count, "url": speaker_url(name)}
        for name, count in library.speaker_suggestions(typed)]})


@bp.get("/facets/<name>")
def facet_list(name: str):
    kind = FACET_KINDS.get(name)
    if kind is None:
        abort(404)
    try:
        req = read_request()
    except RequestError as e:
        return bad_request_page(str(e))
    if (named := get_library().with_speaker_names(req)) != req:
        own = {k: request.args.get(k, "") for k in ("order", "contains", "vpage")}
        return redirect(search_url(named, "search.facet_list", name=name, **own), code=301)
    order = "name" if request.args.get("order") == "name" else "count"
    contains = request.args.get("contains", "").strip()[:200]
    try:
        page = max(1, int(request.args.get("vpage", "1")))
    except ValueError:
        page = 1
    try:
        values = get_library().facet_values(req, name, order=order, contains=contains, limit=page * FACET_PAGE + 1)
    except RequestError as e:
        return RENDERERS["html"].bad_request(str(e), req)
    more = len(values) > page * FACET_PAGE
    values = values[(page - 1) * FACET_PAGE: page * FACET_PAGE]
    return render_template("facet.html", req=req, name=name, kind=kind, values=values, order=order,
                           contains=contains, vpage=page, more=more)
