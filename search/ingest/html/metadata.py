"""Article metadata from a saved page: JSON-LD first, then meta tags, then DOM heuristics.

    read_metadata(tree, url=None) -> PageMetadata

trafilatura's `with_metadata=True` searches cost about a third of a whole
extraction (its author search alone ~35 ms a page, htmldate's extensive search
loads dateparser for ~6 s), so the fallbacks here run per field, only when
JSON-LD and meta tags are silent, and in their cheap forms.

Order per field, most reliable first:
- title: og:title, JSON-LD headline, twitter:title, JSON-LD name, dc:title / parsely-title (preferring
  the one <title> repeats; one cut short with "…" only when there is nothing else), then <title>,
  then trafilatura's extract_title; a site's name before or after the headline is cut (sites.py: only
  a name that the URL, og:site_name, the JSON-LD publisher or the name's own words say is the site's).
- published (html_dates): JSON-LD datePublished, article:published_time and kin, parsely, other
  JSON-LD objects (the publisher's local time wins over a UTC copy of the same moment; a UTC
  stamp a time zone away from the URL's /yyyy/mm/dd/ takes the URL's day), then a date the page
  labels under its headline, htmldate (extensive_search=False), a date alone on a line under it.
- section: JSON-LD articleSection, article:section and kin, parsely.
- authors (html_bylines): JSON-LD author (with @id references resolved), author meta tags (every
  value of a repeated one), parsely, then byline elements (rel/itemprop/class "author"/"byline"),
  a bare "By" label and what follows it, a description that opens with "by X". When JSON-LD and
  the meta tags disagree, the visible byline decides.
- site: og:site_name, JSON-LD publisher, else the site's name the title ends with (sites.py).
- url: <link rel=canonical>, og:url, JSON-LD url, else the url the caller gave.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata

from search.ingest.html import jsonld
from search.ingest.html.bylines import page_authors
from search.ingest.html.dates import parse_date, published_date
from search.ingest.metadata import Metadata
from search.ingest.sites import split_site_suffix
from search.ingest.words import comparison_key

__all__ = ["PageMetadata", "read_metadata", "parse_date"]


@dataclass
class PageMetadata(Metadata):
    types: set[str] = field(default_factory=set)  # JSON-LD @types and og:type, to tell articles from listings


_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "itemprop:datepublished",
    "parsely-pub-date", "sailthru.date", "publish-date", "publishdate", "pubdate", "dc.date.issued",
    "dcterms.created", "citation_publication_date", "date",
)
_SECTION_KEYS = ("article:section", "og:article:section", "parsely-section", "section", "category",
                 "itemprop:articlesection")
def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """<meta> content by lower-cased property / name, and by "itemprop:" + itemprop, in page order.

    Microdata metas are kept apart: they may describe a nested item (a cited paper's authors in a
    reference list), while name/property metas describe the page.
    """
    tags: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr, prefix in (("property", ""), ("name", ""), ("itemprop", "itemprop:")):
            for key in (meta.get(attr) or "").lower().split():  # property="dc:creator twitter:site_name"
                tags.setdefault(prefix + key, []).append(content)
    return tags


def _first(tags: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in tags.get(key, []):
            if value.strip():
                return value.strip()
    return None


def _text(value: Any) -> str | None:
    """A JSON-LD value as one string (lists give their first item, objects their name)."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def _parsely(tags: dict[str, list[str]]) -> dict:
    raw = _first(tags, ("parsely-page",))
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _trafilatura(field_name: str, tree: HtmlElement) -> str | None:
    """One of trafilatura's DOM heuristics (extract_title: from <h1> and <title>)."""
    try:
        return getattr(trafilatura_metadata, f"extract_{field_name}")(tree)
    except (ValueError, TypeError, AttributeError, IndexError):
        return None


def _title_candidates(art: dict, tags: dict[str, list[str]]) -> list[str]:
    """og:title, JSON-LD headline, twitter:title, JSON-LD name, Dublin Core / parsely titles; titles cut
    short for a card ("…") only when there is nothing else. JSON-LD "name" comes after "headline":
    some sites put a description in "headline" and the title in "name"."""
    found = [c for c in (_first(tags, ("og:title",)), _text(art.get("headline")), _first(tags, ("twitter:title",)),
                         _text(art.get("name")), _first(tags, ("dc.title", "dc:title", "parsely-title"))) if c]
    whole = [c for c in found if not c.rstrip().endswith(("...", "…"))]
    return whole or found


def _pick_title(tree: HtmlElement, art: dict, tags: dict[str, list[str]], sites: tuple[str | None, ...],
                url: str | None) -> tuple[str, str | None]:
    """The first candidate the <title> repeats (at some length: a bare site name does not count),
    else the first candidate, else the <title>, else trafilatura's guess from <h1>; each without the
    site's name, which comes back beside it when the title named it.
    """
    title_el = tree.find(".//title")
    page_title = re.sub(r"\s+", " ", title_el.text_content()).strip() if title_el is not None else ""
    candidates = _title_candidates(art, tags)
    key = comparison_key(page_title)
    for candidate in candidates:
        c = comparison_key(candidate)
        if c and (c in key and len(c) >= 0.4 * len(key) or key in c and len(key) > 0.6 * len(c)):
            return split_site_suffix(candidate, url=url, names=sites)
    return split_site_suffix(candidates[0] if candidates else page_title or _trafilatura("title", tree) or "",
                             url=url, names=sites)


# Where else a page names itself: its Twitter account, its app, its publisher, its WebSite and Organization
# objects. Evidence that a title's last words are the site's name (sites.py), not the site's name to show.
_SITE_NAME_KEYS = ("twitter:site", "apple-mobile-web-app-title", "al:android:app_name", "al:ios:app_name",
                   "dc.publisher", "dcterms.publisher", "publisher")
_SITE_TYPES = {"website", "organization", "newsmediaorganization"}


def _declared_site_names(tags: dict[str, list[str]], objects: list[dict]) -> list[str]:
    names = [value.lstrip("@") for key in _SITE_NAME_KEYS for value in tags.get(key, [])]
    names += [name for o in objects if jsonld.types_of(o) & _SITE_TYPES and (name := _text(o.get("name")))]
    return names


def _without_author_suffix(title: str, authors: list[str]) -> str:
    """"Whale strandings | Eleanor Ainge Roy": a title that ends with its author's name (a blog's, a columnist's)."""
    for author in authors:
        for sep in (" | ", " - ", " – ", " — ", " · "):
            if title.endswith(sep + author) and len(title) > len(sep + author) + 10:
                return title[: -len(sep + author)]
    return title


def read_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Metadata for one parsed page; `url` is where it came from, when known."""
    objects = jsonld.read_jsonld(tree)
    art = jsonld.article_object(objects) or {}
    tags = _meta_tags(tree)
    parsely = _parsely(tags)
    meta = PageMetadata(types=jsonld.page_types(objects))
    og_type = _first(tags, ("og:type",))
    if og_type:
        meta.types.add(og_type.lower())

    publisher = jsonld.resolve(art.get("publisher"), objects)
    meta.site = _first(tags, ("og:site_name", "application-name")) or _text(publisher)
    named = (meta.site, _text(publisher), *_declared_site_names(tags, objects))
    link = tree.find(".//link[@rel='canonical']")
    canonical = link.get("href") if link is not None else None
    found_url = canonical or _first(tags, ("og:url",)) or _text(art.get("url"))
    meta.url = found_url if found_url and found_url.startswith("http") else url

    meta.title, titled_site = _pick_title(tree, art, tags, named, meta.url)
    meta.site = meta.site or titled_site

    meta.standfirst = _text(art.get("description")) or _first(tags, ("og:description", "description"))
    meta.section = _text(art.get("articleSection")) or _first(tags, _SECTION_KEYS) or _text(parsely.get("section"))

    meta.authors = page_authors(tree, art, objects, tags, parsely, _first(tags, ("description", "og:description")))
    meta.title = _without_author_suffix(meta.title, meta.authors)

    declared = [_text(art.get("datePublished"))] + [v for k in _DATE_KEYS for v in tags.get(k, [])]
    declared.append(_text(parsely.get("pub_date")))
    declared += [_text(o.get("datePublished")) for o in objects if o is not art and "datePublished" in o]
    meta.published = published_date(tree, declared, meta.url, meta.title)
    return meta
