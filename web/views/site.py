"""The files browsers and crawlers ask for: the OpenSearch description and robots.txt."""
from __future__ import annotations

from flask import Blueprint, Response, render_template

from search.query.facets import FACET_KINDS

bp = Blueprint("site", __name__)


@bp.get("/opensearch.xml")
def opensearch():
    xml = render_template("opensearch.xml")
    return Response(xml, mimetype="application/opensearchdescription+xml")


@bp.get("/robots.txt")
def robots():
    # Every facet combination is its own URL; keep crawlers to plain searches and articles.
    lines = ["User-agent: *", "Disallow: /facets/", "Disallow: /add", "Disallow: /search.csv", "Disallow: /search.json",
             "Disallow: /search.atom"]
    for param in (
        *FACET_KINDS,
        *(f"-{f}" for f in FACET_KINDS),
        "from",
        "to",
        "kind",
        "page",
        "sort",
        "size",
        "view",
        "hl",
    ):
        lines += [f"Disallow: /*?{param}=", f"Disallow: /*&{param}="]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")
