"""URLs for search states, articles and speakers: the URL is the state, so these are the only builders."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import current_app, g, request, url_for

from search.request import SearchRequest


def search_url(req: SearchRequest | None, endpoint: str = "search.results", *, fmt: str = "html",
               external: bool = False, **extra: str) -> str:
    """`endpoint` (/search, /facets/<name>...) with the request's query string; `fmt` "json", "atom"
    or "csv" gives the search's data twin (/search.json ...)."""
    route_values = {k: v for k, v in extra.items() if k in ("name",)}
    if fmt != "html":
        route_values["fmt"] = fmt
    params = [(k, v) for k, v in extra.items() if k not in route_values and v not in (None, "")]
    base = _cached_url(endpoint, external, **route_values)
    args = (req.to_args() if req else []) + [(k, str(v)) for k, v in params]
    return f"{base}?{urlencode(args)}" if args else base


def article_url(article_id: str, paragraph: int | None = None, *, state: SearchRequest | None = None,
                external: bool = False) -> str:
    """/a/<id>[?<search state>&hl=<n>][#p<n>]

    The search state rides along so the article page can step to the previous
    and next hits of the search the reader came from.
    """
    args: list[tuple[str, str]] = state.to_args() if state and _has_state(state) else []
    if args and paragraph is not None:
        args.append(("hl", str(paragraph)))
    url = _cached_url("articles.article", external, article_id=_PLACEHOLDER).replace(
        _PLACEHOLDER, quote(article_id, safe="")
    )
    if args:
        url += "?" + urlencode(args)
    if paragraph is not None:
        url += f"#p{paragraph}"
    return url


def permalink(article_id: str, paragraph: int | None = None, *, external: bool = True) -> str:
    """The clean, shareable address of an article or one of its paragraphs."""
    return article_url(article_id, paragraph, external=external)


class WebLinks:
    """search.serialize.Links for the running app: absolute URLs of this site."""

    def permalink(self, article_id: str, paragraph: int | None = None) -> str:
        return permalink(article_id, paragraph)

    def search(self, req: SearchRequest, fmt: str = "html") -> str:
        return search_url(req, fmt=fmt, external=True)


def speaker_url(name: str, **params: str) -> str:
    return url_for("articles.speaker", name=name, **{k: v for k, v in params.items() if v})


_PLACEHOLDER = "__cuttings_id__"


def absolute_url(endpoint: str, **values: str) -> str:
    """An absolute URL of this site: under the public address when one is set (web/hosts.py; it already
    holds any path prefix a proxy adds), else under the host of this request (one the library answers)."""
    base = current_app.config["BASE_URL"]
    if base:
        return base + url_for(endpoint, **values).removeprefix(request.script_root)
    return url_for(endpoint, _external=True, **values)


def _cached_url(endpoint: str, external: bool, **values: str) -> str:
    """url_for, remembered for the request: a results page builds hundreds of links to a few routes."""
    cache = g.setdefault("_cuttings_urls", {})
    key = (endpoint, external, tuple(sorted(values.items())))
    if key not in cache:
        cache[key] = absolute_url(endpoint, **values) if external else url_for(endpoint, **values)
    return cache[key]


def _has_state(state: SearchRequest) -> bool:
    return bool(state.q or state.has_filters)
