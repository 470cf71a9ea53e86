"""The Cuttings web app: server-rendered Flask, every page state in its URL.

    from web import create_app
    app = create_app({"TESTING": True}, home="/tmp/library")

Nothing is read from globals at import time: the library home comes from the
`home` argument, then `config["CUTTINGS_HOME"]`, then the Library's own default
(`CUTTINGS_HOME` environment variable or the bundled `index/`).
"""
from __future__ import annotations

from os import PathLike
from typing import Any

from flask import Flask

from search.ingest.decode import MAX_INPUT_BYTES

# Form encoding and the preview step's hidden copy (base64) make a request
# larger than the file inside it; the file itself is checked against
# UPLOAD_LIMIT, so the hard request cap sits comfortably above it.
_REQUEST_OVERHEAD = 1.5


def create_app(config: dict[str, Any] | None = None, *, home: str | PathLike | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        CUTTINGS_HOME=None,
        LIBRARY=None,  # an already-open Library (tests, benchmarks); else one is opened on CUTTINGS_HOME
        UPLOAD_LIMIT=MAX_INPUT_BYTES,
        JSON_SORT_KEYS=False,
    )
    if config:
        app.config.update(config)
    if home is not None:
        app.config["CUTTINGS_HOME"] = str(home)
    limit = int(app.config["UPLOAD_LIMIT"])
    given = config or {}
    if given.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = int(limit * _REQUEST_OVERHEAD) + 64 * 1024
    if given.get("MAX_FORM_MEMORY_SIZE") is None:  # Flask's default (500 kB) would refuse a long paste
        app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    app.json.sort_keys = False  # keep the documented key order in /search.json

    app.extensions["cuttings.library"] = app.config["LIBRARY"] or _open_library(app.config["CUTTINGS_HOME"])

    from web import cross_site, errors, templating
    from web.views import add, articles, search, site

    templating.init_app(app)
    errors.init_app(app)
    cross_site.init_app(app)
    app.after_request(_safe_headers)
    for module in (search, articles, add, site):
        app.register_blueprint(module.bp)
    return app


def _safe_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")  # searches in URLs stay on this site
    if response.mimetype == "text/html":
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def _open_library(home: str | None):
    from search.library import Library

    return Library(home, watch=True)  # a long-lived library: it indexes sources its index never saw
