"""Template globals and filters: URL builders, dates, numbers."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from flask import Flask
from markupsafe import Markup

from search.query.facets import FACET_KINDS
from search.request import DEFAULT_PAGE_SIZE, SORTS
from web import urls

PAGE_SIZES = (10, DEFAULT_PAGE_SIZE, 50, 100)


def human_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {value:%b %Y}"


def iso_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()


def month_label(value: str) -> str:
    """"2022-01" -> "Jan 2022" (anything else is shown as it is)."""
    try:
        return datetime.strptime(value, "%Y-%m").strftime("%b %Y")
    except ValueError:
        return value


def web_link(url: str | None) -> str | None:
    """The URL if it is an http(s) address, else None: a cutting's "original URL" comes from
    the page or the form, and a javascript: or data: link must never become clickable."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def number(value: int) -> str:
    return f"{value:,}"


def snippet(hit) -> Markup:
    """Hit.snippet_html is built by the engine from HTML-escaped text plus <mark> tags,
    so it is the one string the templates trust; everything else is autoescaped."""
    return Markup(hit.snippet_html)


def filter_label(facet: str, value: str) -> str:
    """A filter as a chip names it: "Date: November 2023", the same words as the facet's list."""
    kind = FACET_KINDS[facet]
    return f"{kind.label}: {kind.display(value)}"


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        human_date=human_date,
        month_label=month_label,
        web_link=web_link,
        iso_date=iso_date,
        number=number,
        snippet=snippet,
    )
    app.jinja_env.globals.update(
        search_url=urls.search_url,
        article_url=urls.article_url,
        permalink=urls.permalink,
        absolute_url=urls.absolute_url,
        speaker_url=urls.speaker_url,
        filter_label=filter_label,
        SORTS=SORTS,
        PAGE_SIZES=PAGE_SIZES,
    )
