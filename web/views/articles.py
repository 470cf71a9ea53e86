"""An article's page (every paragraph, anchored) and a speaker's page."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, request

from search.request import RequestError, SearchRequest
from search.serialize import article_to_dict
from web.curation_view import article_curation, speaker_curation
from web.library import get_library
from web.navigation import HitTrail, hit_trail
from web.urls import WebLinks, article_url, speaker_url
from web.views.trash import gone_page

bp = Blueprint("articles", __name__)

SPEAKER_PAGE_SIZE = 50


def _int_arg(name: str) -> int | None:
    try:
        value = int(request.args.get(name, ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _search_state() -> SearchRequest | None:
    """The search the reader came from (carried in the query string), if any."""
    try:
        state = SearchRequest.from_args(request.args)
    except RequestError:
        return None
    return state if state.q or state.has_filters else None


def _moved(library, article_id: str, fmt: str = "html"):
    """An id the article had before (its text was edited, the id scheme changed, or a copy replaced
    it): a permanent redirect to the article, with the query string (the search state); the browser
    keeps the #p<n> anchor. An old id now shared by several articles lists them."""
    current = library.current_ids(article_id)
    if not current:
        return None
    query = request.query_string.decode("ascii", "replace")
    urls = [article_url(a) + (".json" if fmt == "json" else "") + (f"?{query}" if query else "") for a in current]
    if len(current) == 1:
        return redirect(urls[0], code=301)
    articles = [(url, library.article(a)) for url, a in zip(urls, current)]
    return render_template("moved.html", old_id=article_id, articles=articles), 300


def _article_or_not(library, article_id: str, fmt: str = "html"):
    """(the article, None) or (None, the response for an id that names none: moved, in the trash, unknown)."""
    found = library.article(article_id)
    if found is not None:
        return found, None
    moved = _moved(library, article_id, fmt)
    if moved is not None:
        return None, moved
    if (deleted := library.curation.deleted(article_id)) is not None:
        return None, gone_page(deleted)
    abort(404, description=f"There is no article with the id {article_id!r} in this library.")


@bp.get("/a/<article_id>.json")
def article_json(article_id: str):
    found, other = _article_or_not(get_library(), article_id, "json")
    if other is not None:
        return other
    response = jsonify(article_to_dict(found, WebLinks()))
    response.headers["Access-Control-Allow-Origin"] = "*"  # read-only data, as the search's JSON
    return response


@bp.get("/a/<article_id>")
def article(article_id: str):
    library = get_library()
    found, other = _article_or_not(library, article_id)
    if other is not None:
        return other
    marked = _int_arg("hl")
    if marked is not None and marked >= len(found.paragraphs):
        marked = None
    state = _search_state()
    try:
        trail = hit_trail(library, state, article_id, marked) if state else HitTrail()
    except RequestError:  # the search it came from is too broad to step through: show the article alone
        state, trail = None, HitTrail()
    terms = library.marked_terms(state.q) if state and state.q else set()
    return render_template("article.html", article=library.as_shown(found), marked=marked, state=state, trail=trail,
                           terms=terms, header_q=state.q if state else "",
                           curation=article_curation(library, found))


@bp.get("/speaker/<path:name>")
def speaker(name: str):
    library = get_library()
    shown = library.speaker_name(name)
    if shown is not None and shown != name:  # another spelling or case of a speaker's name: one address each
        return redirect(speaker_url(shown, page=request.args.get("page", "")), code=301)
    profile = library.speaker_profile(name)
    if profile is None and library.curation.names().canonical(name) != name:  # merged into another name
        return redirect(speaker_url(library.curation.names().canonical(name)), code=303)
    if profile is None:
        abort(404, description=f"No paragraph in this library is attributed to {name!r}.")
    page = max(1, _int_arg("page") or 1)
    req = SearchRequest(
        include={"speaker": (profile.name,)}, sort="newest", view="flat", size=SPEAKER_PAGE_SIZE, page=page
    )
    res = library.search(req, facets=False)  # the page shows no facets
    peak = max((count for _, count in profile.timeline), default=0)
    undated_count = profile.total - sum(count for _, count in profile.timeline)  # the timeline counts dated ones
    return render_template("speaker.html", profile=profile, results=res, req=req, peak=peak,
                           undated_count=undated_count, curation=speaker_curation(library, profile.name, res.hits))
