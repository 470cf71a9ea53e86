"""Correcting an article (headline, date, authors, section, site), a paragraph's speakers, and speaker names."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from search.curation.decisions import FIELDS, speaker_from_form
from search.errors import CurationError
from web.curation_view import article_curation
from web.library import get_library
from web.urls import article_url, speaker_url

bp = Blueprint("corrections", __name__)


def _article_or_404(article_id: str):
    article = get_library().article(article_id)
    if article is None:
        abort(404, description=f"There is no article with the id {article_id!r} in this library.")
    return article


def _edit_page(article, status: int = 200, error: str | None = None, typed: dict | None = None):
    return render_template("edit.html", article=article, curation=article_curation(get_library(), article),
                           error=error, typed=typed or {}, header_q=""), status


@bp.get("/a/<article_id>/edit")
def edit(article_id: str):
    return _edit_page(_article_or_404(article_id))


@bp.post("/a/<article_id>/correct")
def correct(article_id: str):
    article = _article_or_404(article_id)
    typed = {name: request.form[name] for name in FIELDS if name in request.form}
    try:
        get_library().curation.correct(article_id, typed)
    except CurationError as exc:
        return _edit_page(article, 400, str(exc), typed)
    return redirect(article_url(article_id), code=303)


@bp.post("/a/<article_id>/revert/<name>")
def revert(article_id: str, name: str):
    _article_or_404(article_id)
    get_library().curation.revert(article_id, name)
    return redirect(url_for("corrections.edit", article_id=article_id), code=303)


@bp.post("/a/<article_id>/p/<int:n>/speakers")
def speakers(article_id: str, n: int):
    """One change to a paragraph's speakers: remove one, add one, or change one's kind."""
    article = _article_or_404(article_id)
    para = next((p for p in article.paragraphs if p.n == n), None)
    if para is None:
        abort(404, description=f"The article {article_id!r} has no paragraph ¶{n}.")
    form = request.form
    current = list(para.speakers)
    try:
        if form.get("action") == "remove":
            new = [s for s in current if s.name != form.get("name")]
        elif form.get("action") == "kind":
            new = [speaker_from_form(s.name, s.role, form.get("kind", "")) if s.name == form.get("name") else s
                   for s in current]
        else:
            added = speaker_from_form(form.get("name", ""), form.get("role"), form.get("kind", "indirect"))
            new = [s for s in current if s.name != added.name] + [added]
        get_library().curation.set_speakers(article_id, n, new)
    except CurationError as exc:
        return _edit_page(article, 400, f"¶{n}: {exc}")
    return redirect(url_for("corrections.edit", article_id=article_id, _anchor=f"p{n}"), code=303)


@bp.post("/speaker/<path:name>/merge")
def merge(name: str):
    into = request.form.get("into", "")
    get_library().curation.merge_names(name, into)
    return redirect(speaker_url(" ".join(into.split())), code=303)


@bp.post("/speaker/<path:name>/split")
def split(name: str):
    variant = request.form.get("variant", "")
    get_library().curation.split_name(variant)
    return redirect(speaker_url(variant), code=303)
