"""Deleting an article (its source moves to the library's trash), the trash page, restoring."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from search.errors import CurationError
from web.library import get_library
from web.urls import article_url

bp = Blueprint("trash", __name__)


@bp.post("/a/<article_id>/delete")
def delete(article_id: str):
    get_library().curation.delete([article_id])
    return redirect(url_for("trash.trash_page", deleted=article_id), code=303)


@bp.get("/trash")
def trash_page():
    return render_template("trash.html", entries=get_library().curation.trash(),
                           deleted=request.args.get("deleted", ""))


@bp.post("/trash/restore")
def restore():
    wanted = request.form.get("id", "")
    article = get_library().curation.restore(wanted)
    if article is None:
        raise CurationError(f"{wanted} is back in sources/, but it no longer parses to the same article; "
                            "search for it, or run `cuttings reindex`.")
    return redirect(article_url(article.id), code=303)


def gone_page(entry):
    """The permalink of a deleted article: 410 Gone, with the way to restore it."""
    return render_template("gone.html", entry=entry), 410
