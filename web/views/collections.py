"""Tags (projects), starred paragraphs, saved searches, citations and the Markdown/CSV exports."""
from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from search.errors import CurationError
from search.request import RequestError, SearchRequest
from search.results import Hit
from search.serialize import citation, csv_rows, markdown_document
from web.library import get_library
from web.urls import WebLinks, article_url, search_url

bp = Blueprint("collections", __name__)
_EXPORT_TYPES = {"md": "text/markdown", "csv": "text/csv"}


def _back(fallback: str) -> str:
    """Where a form came from, if it is a page of this site (never another site's address)."""
    target = request.form.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else fallback


# ---- tags ----------------------------------------------------------------------------------
@bp.post("/a/<article_id>/tags")
def tag_article(article_id: str):
    add = [t for t in request.form.getlist("add") if t.strip()]
    remove = request.form.getlist("remove")
    if not add and not remove:
        raise CurationError("Type a tag to add.")
    get_library().curation.tag([article_id], add=add, remove=remove)
    return redirect(_back(article_url(article_id)), code=303)


@bp.get("/tags")
def tags():
    values = get_library().facet_values(SearchRequest(), "tag", order="name")
    return render_template("tags.html", values=values)


@bp.get("/tag-results")
def tag_results_confirm():
    """Tag every article of a search: first say how many, then do it on the button."""
    try:
        req = SearchRequest.from_args(request.args).with_page(1)
    except RequestError as e:
        raise CurationError(str(e)) from None
    tag = " ".join(request.args.get("add_tag", "").split())  # not "tag": that is the facet, part of the search
    results = get_library().search(req, facets=False)
    return render_template("tag_results.html", req=req, tag=tag, results=results)


@bp.post("/tag-results")
def tag_results():
    try:
        req = SearchRequest.from_args(request.form).with_page(1)
    except RequestError as e:
        raise CurationError(str(e)) from None
    tag = " ".join(request.form.get("add_tag", "").split())
    get_library().curation.tag_search(req, tag)
    return redirect(search_url(req if req.is_selected("tag", tag) else req.toggled("tag", tag)), code=303)


# ---- stars ---------------------------------------------------------------------------------
@bp.post("/a/<article_id>/p/<int:n>/star")
def star(article_id: str, n: int):
    get_library().curation.star(article_id, n, on=request.form.get("on", "1") == "1")
    return redirect(_back(article_url(article_id, n)), code=303)


@bp.get("/starred")
def starred():
    items = get_library().curation.starred()
    links = WebLinks()
    citations = {(s.article_id, s.paragraph.n): citation(Hit.of_paragraph(s.article, s.paragraph), links)
                 for s in items if s.paragraph and s.article}
    return render_template("starred.html", items=items, citations=citations)


# ---- citations ----------------------------------------------------------------------------------
@bp.get("/a/<article_id>/cite/<int:n>")
def cite(article_id: str, n: int):
    """A paragraph as a citation, plain and Markdown (the page the Cite link opens without JavaScript)."""
    article = get_library().article(article_id)
    para = next((p for p in article.paragraphs if p.n == n), None) if article else None
    if para is None:
        abort(404, description=f"There is no paragraph ¶{n} in an article {article_id!r}.")
    speaker = next((s for s in para.speakers if s.name == request.args.get("speaker")), None)
    return render_template("cite.html", article=article, paragraph=para,
                           citation=citation(Hit.of_paragraph(article, para), WebLinks(), speaker))


# ---- exports ------------------------------------------------------------------------------------
@bp.get("/export.<any(md, csv):fmt>")
def export(fmt: str):
    """?article=ID, ?tag=TAG or ?starred=1, as Markdown or as CSV (UTF-8 with a BOM, for Excel)."""
    curation = get_library().curation
    if request.args.get("article"):
        hits = curation.article_hits(request.args["article"])
        title, name = (hits[0].title if hits else request.args["article"]), request.args["article"]
    elif request.args.get("tag"):
        tag = request.args["tag"]
        hits, title, name = list(curation.tag_hits(tag)), f"Tag: {tag}", f"tag-{tag}"
    elif request.args.get("starred"):
        hits, title, name = curation.starred_hits(), "Starred paragraphs", "starred"
    else:
        raise CurationError("Say what to export: ?article=ID, ?tag=TAG or ?starred=1.")
    links = WebLinks()
    body = "".join(csv_rows(hits, links)) if fmt == "csv" else markdown_document(title, hits, links)
    response = Response(body, mimetype=_EXPORT_TYPES[fmt])
    response.charset = "utf-8"
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:80] or "cuttings"
    response.headers["Content-Disposition"] = f'attachment; filename="cuttings-{safe}.{fmt}"'
    return response


# ---- saved searches ---------------------------------------------------------------------------------
@bp.post("/saved")
def save_search():
    query = request.form.get("query", "")
    get_library().curation.save_search(request.form.get("name", ""), query)
    return redirect(url_for("search.results") + (f"?{query}" if query else ""), code=303)


@bp.get("/saved/<path:name>")
def open_saved(name: str):
    """Open a saved search, and count what is new from now on."""
    saved = get_library().curation.visit_search(name)
    return redirect(url_for("search.results") + (f"?{saved.query}" if saved.query else ""), code=303)


@bp.post("/saved/<path:name>/forget")
def forget_saved(name: str):
    get_library().curation.forget_search(name)
    return redirect(url_for("search.home"), code=303)


def saved_search_url(name: str) -> str:
    return url_for("collections.open_saved", name=name)
