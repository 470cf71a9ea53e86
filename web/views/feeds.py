"""Machine-readable views of a search (JSON, Atom, CSV) and the files browsers and crawlers ask for."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request, stream_with_context

from search.request import FACETS, RequestError, SearchRequest
from web.library import get_library
from web.serialize import atom_feed, csv_rows, results_to_dict

bp = Blueprint("feeds", __name__)

ATOM_ENTRIES = 50


def _bad_request(e: RequestError):
    return {"error": {"status": 400, "title": "Bad parameter", "message": str(e)}}, 400


@bp.get("/search.json")
def search_json():
    try:
        req = SearchRequest.from_args(request.args)
    except RequestError as e:
        return _bad_request(e)
    response = jsonify(results_to_dict(get_library().search(req)))
    response.headers["Access-Control-Allow-Origin"] = "*"  # read-only data, like Datasette's JSON
    return response


@bp.get("/search.atom")
def search_atom():
    try:
        req = SearchRequest.from_args(request.args)
    except RequestError as e:
        return Response(str(e), status=400, mimetype="text/plain")
    newest = req.with_(sort="newest", view="flat", size=min(req.size, ATOM_ENTRIES))
    results = get_library().search(newest)
    title = "Cuttings: " + (f"“{req.q}”" if req.q else "newest paragraphs")
    filters = [f"{k}: {', '.join(v)}" for k, v in req.include.items()]
    if filters:
        title += " (" + "; ".join(filters) + ")"
    return Response(atom_feed(results, title=title, req=req.with_page(1)), mimetype="application/atom+xml")


@bp.get("/search.csv")
def search_csv():
    try:
        req = SearchRequest.from_args(request.args)
    except RequestError as e:
        return Response(str(e), status=400, mimetype="text/plain")
    hits = get_library().iter_hits(req)
    response = Response(stream_with_context(csv_rows(hits)), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="cuttings-search.csv"'
    return response


@bp.get("/opensearch.xml")
def opensearch():
    xml = render_template("opensearch.xml")
    return Response(xml, mimetype="application/opensearchdescription+xml")


@bp.get("/robots.txt")
def robots():
    # Every facet combination is its own URL; keep crawlers to plain searches and articles.
    lines = ["User-agent: *", "Disallow: /facets/", "Disallow: /add", "Disallow: /search.csv", "Disallow: /search.json",
             "Disallow: /search.atom"]
    for param in (*FACETS, *(f"-{f}" for f in FACETS), "from", "to", "kind", "page", "sort", "size", "view", "hl"):
        lines += [f"Disallow: /*?{param}=", f"Disallow: /*&{param}="]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")
