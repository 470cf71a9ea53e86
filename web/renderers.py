"""One renderer per format of a search: the page, and its JSON, Atom and CSV twins.

`/search` and `/search.<fmt>` are one view (web/views/search.py); each format
here says how it answers a search and how it answers a bad parameter.
"""
from __future__ import annotations

from flask import Response, jsonify, render_template, stream_with_context

from search.request import SearchRequest
from search.serialize import atom_feed, csv_rows, results_to_dict
from web.templating import active_filters
from web.urls import WebLinks

ATOM_ENTRIES = 50
FACET_ORDER = ("speaker", "date", "section", "author", "site")  # the sidebar's order


class HtmlRenderer:
    mimetype = "text/html"

    def render(self, req: SearchRequest, library) -> Response:
        res = library.search(req)
        facets = [res.facets[name] for name in FACET_ORDER if name in res.facets]
        facets += [f for name, f in res.facets.items() if name not in FACET_ORDER]
        relaxed = res.removals if res.total == 0 else []  # filters to drop one by one, each with its count
        unfiltered = SearchRequest(q=req.q, sort=req.sort, view=req.view, size=req.size) if len(relaxed) > 1 else None
        groups = res.article_groups() if req.view == "grouped" else None
        return Response(render_template("search.html", req=req, results=res, facets=facets, groups=groups,
                                        relaxed=relaxed, unfiltered=unfiltered, error=None), mimetype=self.mimetype)

    def bad_request(self, message: str, req: SearchRequest) -> Response:
        return Response(render_template("search.html", error=message, req=req, results=None),
                        status=400, mimetype=self.mimetype)


class JsonRenderer:
    mimetype = "application/json"

    def render(self, req: SearchRequest, library) -> Response:
        response = jsonify(results_to_dict(library.search(req), WebLinks()))
        response.headers["Access-Control-Allow-Origin"] = "*"  # read-only data, like Datasette's JSON
        return response

    def bad_request(self, message: str, req: SearchRequest) -> Response:
        response = jsonify({"error": {"status": 400, "title": "Bad parameter", "message": message}})
        response.status_code = 400
        return response


class AtomRenderer:
    mimetype = "application/atom+xml"

    def render(self, req: SearchRequest, library) -> Response:
        newest = req.with_(sort="newest", view="flat", size=min(req.size, ATOM_ENTRIES))
        results = library.search(newest, facets=False)
        title = "Cuttings: " + (f"“{req.q}”" if req.q else "newest paragraphs")
        filters = [f.label for f in active_filters(req)]
        if filters:
            title += " (" + "; ".join(filters) + ")"
        return Response(atom_feed(results, WebLinks(), title=title, req=req.with_page(1),
                                  added=added_times(library, results)), mimetype=self.mimetype)

    def bad_request(self, message: str, req: SearchRequest) -> Response:
        return Response(message, status=400, mimetype="text/plain")


def added_times(library, results) -> dict:
    """article id -> when its cutting was added, for the undated hits (a feed entry needs a date)."""
    undated = {h.article_id for h in results.hits if h.date is None}
    articles = (library.article(article_id) for article_id in undated)
    return {a.id: a.added for a in articles if a is not None and a.added}


class CsvRenderer:
    mimetype = "text/csv"

    def render(self, req: SearchRequest, library) -> Response:
        hits = library.iter_hits(req)
        response = Response(stream_with_context(csv_rows(hits, WebLinks())), mimetype=self.mimetype)
        response.headers["Content-Disposition"] = 'attachment; filename="cuttings-search.csv"'
        return response

    def bad_request(self, message: str, req: SearchRequest) -> Response:
        return Response(message, status=400, mimetype="text/plain")


RENDERERS = {"html": HtmlRenderer(), "json": JsonRenderer(), "atom": AtomRenderer(), "csv": CsvRenderer()}
