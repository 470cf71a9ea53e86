"""The Cuttings web app: server-rendered Flask, every page state in its URL.

    from web import create_app
    app = create_app({"TESTING": True}, home="/tmp/library")

Nothing is read from globals at import time: the library home comes from the
`home` argument, then `config["CUTTINGS_HOME"]`, then the Library's own default
(`CUTTINGS_HOME` environment variable or the bundled `index/`). The public
address (`base_url`, then `config["BASE_URL"]`, then CUTTINGS_BASE_URL) is what
absolute links are built from, and its host is answered besides the loopback
names (web/hosts.py).
"""
from __future__ import annotations

import os
import threading
from os import PathLike
from typing import Any

from flask import Flask

from search.ingest.decode import MAX_INPUT_BYTES
from search.parse_pool import PARSE_TIME_LIMIT, ParsePool
from web import hosts

# Form encoding and the preview step's hidden copy (base64) make a request
# larger than the file inside it; the file itself is checked against
# UPLOAD_LIMIT, so the hard request cap sits comfortably above it.
_REQUEST_OVERHEAD = 1.5


def create_app(config: dict[str, Any] | None = None, *, home: str | PathLike | None = None,
               base_url: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        CUTTINGS_HOME=None,
        BASE_URL=None,  # the public address, e.g. https://news.example/cuttings behind a proxy
        SERVED_HOSTS=(),  # more host names requests may use (`cuttings serve --host` adds its address)
        LIBRARY=None,  # an already-open Library (tests, benchmarks); else one is opened on CUTTINGS_HOME
        UPLOAD_LIMIT=MAX_INPUT_BYTES,
        PARSE_POOL=None,  # a search.parse_pool.ParsePool to share (tests); else the app makes its own
        PARSE_TIME_LIMIT=PARSE_TIME_LIMIT,  # seconds one cutting may take to read before it is refused
        JSON_SORT_KEYS=False,
        SERVED_ON=None,  # the address `cuttings serve` binds; beyond loopback, writes need the password
        PRIVATE=False,  # reading needs the password too (`cuttings serve --private`)
    )
    if config:
        app.config.update(config)
    if home is not None:
        app.config["CUTTINGS_HOME"] = str(home)
    public = base_url or app.config["BASE_URL"] or os.environ.get("CUTTINGS_BASE_URL")
    app.config["BASE_URL"] = hosts.public_base(public)
    app.config["ALLOWED_HOSTS"] = hosts.allowed_hosts(app.config["SERVED_HOSTS"], app.config["BASE_URL"])
    limit = int(app.config["UPLOAD_LIMIT"])
    given = config or {}
    if given.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = int(limit * _REQUEST_OVERHEAD) + 64 * 1024
    if given.get("MAX_FORM_MEMORY_SIZE") is None:  # Flask's default (500 kB) would refuse a long paste
        app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    app.json.sort_keys = False  # keep the documented key order in /search.json

    app.extensions["cuttings.library"] = app.config["LIBRARY"] or _open_library(app.config["CUTTINGS_HOME"])
    app.extensions["cuttings.parse_pool"] = app.config["PARSE_POOL"] or ParsePool(
        time_limit=float(app.config["PARSE_TIME_LIMIT"]))

    from web import access, cross_site, curation_view, errors, templating
    from web.views import add, articles, collections, corrections, originals, search, site, trash

    templating.init_app(app)
    curation_view.init_app(app)
    errors.init_app(app)
    hosts.init_app(app)
    cross_site.init_app(app)
    access.init_app(app)
    app.after_request(_safe_headers)
    for module in (search, articles, add, site, corrections, trash, collections, originals):
        app.register_blueprint(module.bp)
    if app.config["LIBRARY"] is None:  # a server's own library, warming up in the background: its first pages too
        threading.Thread(target=_compile_first_pages, args=(app,), name="cuttings-templates", daemon=True).start()
    return app


def _compile_first_pages(app: Flask) -> None:
    """Jinja compiles a template on its first use (a tenth of a second for the search page's):
    done now, not in the first visitor's request."""
    for name in ("home.html", "search.html"):
        app.jinja_env.get_template(name)


def _safe_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")  # searches in URLs stay on this site
    if response.mimetype == "text/html":
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def _open_library(home: str | None):
    from search.library import Library

    return Library(home, watch=True)  # a long-lived library: it indexes sources its index never saw
