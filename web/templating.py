"""Template globals and filters: URL builders, dates, numbers, marks, the active filters of a search."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from flask import Flask
from markupsafe import Markup

from search.model import paragraph_number
from search.query.facets import FACET_KINDS, undated_only
from search.query.snippets import marked_html, said_html
from search.request import DEFAULT_PAGE_SIZE, SORTS, SearchRequest
from web import urls

PAGE_SIZES = (10, DEFAULT_PAGE_SIZE, 50, 100)


def human_date(value: date | datetime | None) -> str:
    """A day as the date facet and the filter chips name it: "13 January 2022"."""
    return date_label(iso_date(value))


def date_label(value: str) -> str:
    """A year, month or day ("2022", "2022-01", "2022-01-13") in the date facet's words."""
    return FACET_KINDS["date"].display(value) if value else ""


def iso_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()


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


def with_marks(text: str, terms: set[str]) -> Markup | str:
    """A paragraph with the search's terms marked as the results page marks them; marked_html
    escapes the text itself, so only that string is trusted (plain text is autoescaped)."""
    return Markup(marked_html(text, terms)) if terms else text


def with_said(text: str, speakers: list, terms: set[str] = frozenset(), only: str | None = None) -> Markup | str:
    """A paragraph with each speaker's own words marked (only `only`'s, on that speaker's page),
    and the search's terms; said_html escapes the text itself, so only that string is trusted."""
    said = [(a, b, s.name) for s in speakers if only is None or s.name == only for a, b in s.spans]
    if not said:
        return with_marks(text, terms)
    return Markup(said_html(text, said, terms))


def filter_label(facet: str, value: str) -> str:
    """A filter as a chip names it: "Date: November 2023", the same words as the facet's list."""
    kind = FACET_KINDS[facet]
    return f"{kind.label}: {kind.display(value)}"


@dataclass(frozen=True)
class ActiveFilter:
    """One filter of a search as its chip shows it, with the search it leaves when removed."""

    label: str  # "Date: March 2023", "not Site: The Inland Herald", "From 14 March 2023"
    without: SearchRequest
    excluded: bool = False


def active_filters(req: SearchRequest) -> list[ActiveFilter]:
    """Every filter of the search: the chips above the results, and the count on the phone's Filters button."""
    found = [ActiveFilter(filter_label(f, v), req.toggled(f, v)) for f, values in req.include.items() for v in values]
    found += [ActiveFilter("not " + filter_label(f, v), req.exclusion_toggled(f, v), excluded=True)
              for f, values in req.exclude.items() for v in values]
    if req.date_from:
        found.append(ActiveFilter(f"From {human_date(req.date_from)}", req.with_(date_from=None)))
    if req.date_to:
        found.append(ActiveFilter(f"To {human_date(req.date_to)}", req.with_(date_to=None)))
    if req.kind == "direct":
        found.append(ActiveFilter("Quoted directly", req.with_(kind="any")))
    return found


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        human_date=human_date,
        date_label=date_label,
        paragraph_number=paragraph_number,
        web_link=web_link,
        iso_date=iso_date,
        number=number,
        snippet=snippet,
        with_marks=with_marks,
        with_said=with_said,
    )
    app.jinja_env.globals.update(
        search_url=urls.search_url,
        article_url=urls.article_url,
        permalink=urls.permalink,
        absolute_url=urls.absolute_url,
        speaker_url=urls.speaker_url,
        active_filters=active_filters,
        undated_only=undated_only,
        SORTS=SORTS,
        PAGE_SIZES=PAGE_SIZES,
    )
