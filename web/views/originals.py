"""The original of a cutting, as it was added: text shown as text; a saved page in a sandboxed frame
(no scripts, an origin of its own: never a live page on this site's origin); anything else a download."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from web.library import get_library

bp = Blueprint("originals", __name__)

# The saved page may show itself (its styles and inline images) but run nothing, reach nothing
# and act on nothing: `sandbox` without allow-scripts gives it an opaque origin of its own.
SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def _original_or_404(article_id: str):
    original = get_library().curation.original(article_id)
    if original is None:
        abort(404, description=f"There is no stored original for the article {article_id!r}.")
    return original


@bp.get("/a/<article_id>/original")
def original(article_id: str):
    library = get_library()
    found = _original_or_404(article_id)
    article = library.article(article_id)
    return render_template("original.html", original=found, article=article, article_id=article_id)


@bp.get("/a/<article_id>/original/file")
def original_file(article_id: str):
    """The saved bytes: framed (sandboxed) for a saved page, else as a download."""
    found = _original_or_404(article_id)
    if found.kind == "html" and request.args.get("download") != "1":
        response = Response(found.text, mimetype="text/html")
        response.charset = "utf-8"
        response.headers["Content-Security-Policy"] = SANDBOX
        response.headers["X-Frame-Options"] = "SAMEORIGIN"  # only our own original page may frame it
    else:
        response = Response(found.path.read_bytes(), mimetype="application/octet-stream")
        filename = "".join(c if c.isalnum() or c in "._-" else "-" for c in found.filename)[:100] or "original"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.headers["Content-Security-Policy"] = SANDBOX
    response.headers["Cache-Control"] = "private, no-cache"
    return response
