"""An article's page (every paragraph, anchored) and a speaker's page."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request

from search.request import RequestError, SearchRequest
from web.curation_view import article_curation, speaker_curation
from web.library import get_library
from web.navigation import HitTrail, hit_trail
from web.urls import speaker_url
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


@bp.get("/a/<article_id>")
def article(article_id: str):
    library = get_library()
    found = library.article(article_id)
    if found is None and (deleted := library.curation.deleted(article_id)) is not None:
        return gone_page(deleted)
    if found is None:
        abort(404, description=f"There is no article with the id {article_id!r} in this library.")
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
