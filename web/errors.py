"""Error pages: a clear message and a way on, never a traceback."""
from __future__ import annotations

import logging

from flask import Flask, current_app, render_template, request
from werkzeug.exceptions import HTTPException, NotFound

from search.errors import CuttingsError, LibraryError

log = logging.getLogger(__name__)


def limit_text(nbytes: int) -> str:
    mb = nbytes / 1024 / 1024
    return f"{mb:.0f} MB" if mb >= 1 else f"{nbytes // 1024} kB"


def _page(status: int, title: str, message: str):
    if request.path.endswith(".json"):
        return {"error": {"status": status, "title": title, "message": message}}, status
    return render_template("error.html", status=status, title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def not_found(e: NotFound):
        message = e.description if e.description != NotFound.description else (
            f"There is nothing at {request.path}. It may have been a mistyped address; try a search.")
        return _page(404, "Not found", message)

    @app.errorhandler(413)
    def too_large(_e):
        limit = limit_text(int(current_app.config["UPLOAD_LIMIT"]))
        return _page(
            413,
            "Too large",
            f"The upload is too large: the limit is {limit} per cutting. "
            "Paste the article text instead, or save the page without images.",
        )

    @app.errorhandler(LibraryError)
    def library_busy(e: LibraryError):
        return _page(503, "The library is busy", str(e))

    @app.errorhandler(CuttingsError)
    def user_error(e: CuttingsError):
        return _page(400, "That did not work", str(e))

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        return _page(e.code or 500, e.name, e.description or e.name)

    @app.errorhandler(Exception)
    def server_error(e: Exception):
        log.exception("unhandled error on %s", request.path)
        return _page(
            500,
            "Something went wrong",
            "Cuttings hit an internal error on this page. It has been logged; nothing you stored was lost.",
        )
