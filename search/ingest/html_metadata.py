"""Article metadata from a saved page: JSON-LD first, then meta tags, then DOM heuristics.

    read_metadata(tree, url=None) -> PageMetadata

trafilatura's `with_metadata=True` searches cost about a third of a whole
extraction (its author search alone ~35 ms a page, htmldate's extensive search
loads dateparser for ~10 s), so the fallbacks here run per field, only when
JSON-LD and meta tags are silent, and in their cheap forms.

Order per field, most reliable first:
- title: og:title, JSON-LD headline, twitter:title (preferring the one <title> repeats),
  then <title>, then trafilatura's extract_title; a trailing " | Site" is cut.
- published: JSON-LD datePublished, article:published_time and kin, parsely, other JSON-LD
  objects (the publisher's local time wins over a UTC copy of the same moment), then
  htmldate (original_date=True, extensive_search=False).
- section: JSON-LD articleSection, article:section and kin, parsely.
- authors: JSON-LD author (with @id references resolved), author meta tags, parsely,
  then the first byline-like element (rel/itemprop/class "author"/"byline").
- site: og:site_name, JSON-LD publisher.
- url: <link rel=canonical>, og:url, JSON-LD url, else the url the caller gave.
"""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dateutil import parser as dateparser
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata

from search.ingest import jsonld
from search.ingest.authors import names_from_jsonld, split_byline

__all__ = ["PageMetadata", "read_metadata", "strip_site_suffix", "parse_date"]


@dataclass
class PageMetadata:
    title: str = ""
    standfirst: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | datetime | None = None
    site: str | None = None
    url: str | None = None
    types: set[str] = field(default_factory=set)  # JSON-LD @types and og:type, to tell articles from listings


_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "parsely-pub-date", "sailthru.date", "publish-date", "publishdate", "pubdate", "dc.date.issued",
    "dcterms.created", "citation_publication_date", "date",
)
_SECTION_KEYS = ("article:section", "og:article:section", "parsely-section", "section", "category")
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dc:creator",
                "dcterms.creator", "byl", "byline")


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """<meta> content by lower-cased property / name / itemprop, in page order."""
    tags: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            for key in (meta.get(attr) or "").lower().split():  # property="dc:creator twitter:site_name"
                tags.setdefault(key, []).append(content)
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


_NO_DAY = re.compile(r"^\d{4}(?:[-/.]\d{1,2})?$")


def parse_date(value: str | None) -> date | datetime | None:
    """An ISO or human date string -> datetime (when it has a time) or date; None when unreadable."""
    if not value:
        return None
    text = value.strip()
    if _NO_DAY.match(text):
        return None  # "2006" (a cited work's year in microdata), "2017/01": no day to give
    try:
        with warnings.catch_warnings():  # "EDT identified but not understood": the date is still right
            warnings.simplefilter("ignore")
            parsed = dateparser.parse(text, fuzzy=False, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if not 1990 <= parsed.year <= datetime.now().year + 1:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return parsed if has_time else parsed.date()


def _pick_date(found: list[date | datetime]) -> date | datetime | None:
    """The first declared date, but the publisher's local time over a UTC copy of the same moment.

    Many pages give datePublished in UTC and a local time elsewhere ("2023-11-09T03:28Z" and
    "2023-11-08 22:28"); the date printed on the article is the local one.
    """
    if not found:
        return None
    first = found[0]
    if not isinstance(first, datetime) or first.utcoffset() is None or first.utcoffset().total_seconds() != 0:
        return first
    utc = first.replace(tzinfo=None)
    for other in found[1:]:
        if not isinstance(other, datetime) or (other.utcoffset() is not None and other.utcoffset().total_seconds() == 0):
            continue
        local = other.replace(tzinfo=None)
        shift = (utc - local).total_seconds() / 3600 if other.utcoffset() is None else other.utcoffset().total_seconds() / -3600
        if other.utcoffset() is not None and abs((other - first).total_seconds()) > 60:
            continue  # a different moment (an update), not the same one in local time
        if abs(shift) <= 14:
            return other
    return first


def _parsely(tags: dict[str, list[str]]) -> dict:
    raw = _first(tags, ("parsely-page",))
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


_SUFFIX_SPLIT = re.compile(r"\s+(?:[|·•»:]|[-–—]{1,2}|::)\s+")
_BRAND_SPLIT = re.compile(r"\s+(?:[|·•»]|[-–—]{1,2}|::)\s+")  # not ":" — headlines use it ("Gaza: talks fail")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold().removeprefix("the "))


def _site_keys(site: str | None, url: str | None) -> set[str]:
    """The site name and the domain's own label ('en.wikipedia.org' -> 'wikipedia')."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url or "").split("/")[0].split(":")[0]
    labels = [part for part in host.split(".") if part]
    keys = {_key(site or ""), _key(host)}
    if len(labels) >= 2:
        keys.add(_key(labels[-3] if len(labels) >= 3 and len(labels[-2]) <= 3 else labels[-2]))  # bbc.co.uk -> bbc
    return keys - {""}


def strip_site_suffix(title: str, site: str | None, url: str | None) -> str:
    """'Talks collapse | World news | The Guardian' -> 'Talks collapse'.

    A tail segment goes when it names the site (og:site_name or the domain), or when it
    is a short brand-like tail ("- Wikipedia", "| eHow") after a headline of some length.
    """
    parts = _SUFFIX_SPLIT.split(title)
    if len(parts) < 2:
        return title
    names = _site_keys(site, url)

    def is_site(segment: str) -> bool:
        k = _key(segment)
        return bool(k) and any(k == n or (len(k) >= 3 and len(n) >= 3 and (n.startswith(k) or k.startswith(n))) for n in names)

    # Cut from the first segment (after the head) that names the site; what follows it is furniture too.
    for i in range(1, len(parts)):
        if is_site(parts[i]):
            return " - ".join(parts[:i]) if i > 1 and not is_site(parts[0]) else parts[0]
    if is_site(parts[0]) and len(parts) == 2:
        return parts[1]  # "Site: Headline"
    brand = _BRAND_SPLIT.split(title)
    tail = brand[-1] if len(brand) >= 2 else ""
    if tail and len(tail.split()) <= 3 and (tail[0].isupper() or "." in tail) and len(" ".join(brand[:-1]).split()) >= 2:
        head = title[: title.rfind(tail)]
        return re.sub(r"\s*(?:[|·•»]|[-–—]{1,2}|::)\s*$", "", head).strip()
    return title


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    # Not the extensive search (dates in free text): it costs ~20 ms on each page without a date,
    # too much for the 0.8x speed budget, for two more right dates in a hundred.
    try:
        return find_date(tree, url=url, original_date=True, extensive_search=False,
                         max_date=datetime.now().strftime("%Y-%m-%d"))
    except (ValueError, TypeError, AttributeError, IndexError):  # htmldate trips on some odd trees
        return None


def _trafilatura(field_name: str, tree: HtmlElement) -> str | None:
    """One of trafilatura's DOM heuristics (extract_title: from <h1> and <title>)."""
    try:
        return getattr(trafilatura_metadata, f"extract_{field_name}")(tree)
    except (ValueError, TypeError, AttributeError, IndexError):
        return None


def _norm_title(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _pick_title(tree: HtmlElement, art: dict, tags: dict[str, list[str]], site: str | None, url: str | None) -> str:
    """og:title, JSON-LD headline or twitter:title (the first one the <title> repeats, else the first),
    else the <title> without the site's name, else trafilatura's guess from <h1>.
    """
    title_el = tree.find(".//title")
    page_title = re.sub(r"\s+", " ", title_el.text_content()).strip() if title_el is not None else ""
    candidates = [c for c in (_first(tags, ("og:title",)), _text(art.get("headline")), _first(tags, ("twitter:title",))) if c]
    key = _norm_title(page_title)
    for candidate in candidates:
        c = _norm_title(candidate)
        if c and (c in key or key in c and len(key) > 0.6 * len(c)):
            return strip_site_suffix(re.sub(r"\s+", " ", candidate).strip(), site, url)
    if candidates:
        return strip_site_suffix(re.sub(r"\s+", " ", candidates[0]).strip(), site, url)
    if page_title:
        return strip_site_suffix(page_title, site, url)
    return strip_site_suffix(re.sub(r"\s+", " ", _trafilatura("title", tree) or "").strip(), site, url)


# Byline elements. trafilatura's extract_author does this with ~40 XPaths and a tree copy
# (about 35 ms a page); one XPath finds the same elements on news pages.
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'byline') or contains(@class,'Byline')"
    " or contains(@data-testid,'byline')"
    " or contains(@class,'author') or contains(@class,'Author') or contains(@id,'byline') or contains(@id,'author')]"
    "[not(self::meta or self::link or self::script or self::style or self::body or self::html or self::img)]"
)
_MAX_BYLINE_CHARS = 160


def _dom_byline(tree: HtmlElement) -> list[str]:
    """Names from the first byline-like element that holds one."""
    for i, el in enumerate(tree.xpath(_BYLINE_XPATH)):
        if i >= 12:
            break
        nested = el.get("itemprop") == "author" and el.xpath(".//*[@itemprop='name']")
        text = " ".join((nested[0] if nested else el).text_content().split())
        if not text or len(text) > _MAX_BYLINE_CHARS:
            continue
        names = split_byline(text)
        if names:
            return names
    return []


def _meta_byline(tags: dict[str, list[str]]) -> list[str]:
    """Names from the first author meta tag that holds a name ("author" may be a URL or a placeholder
    while "dc:creator" names the person)."""
    for key in _AUTHOR_KEYS:
        for value in tags.get(key, []):
            names = [] if value.startswith("http") else split_byline(value)
            if names:
                return names
    return []


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
    link = tree.find(".//link[@rel='canonical']")
    canonical = link.get("href") if link is not None else None
    found_url = canonical or _first(tags, ("og:url",)) or _text(art.get("url"))
    meta.url = found_url if found_url and found_url.startswith("http") else url

    meta.title = _pick_title(tree, art, tags, meta.site, meta.url)

    meta.standfirst = _text(art.get("description")) or _first(tags, ("og:description", "description"))
    meta.section = _text(art.get("articleSection")) or _first(tags, _SECTION_KEYS) or _text(parsely.get("section"))

    # The article's author; Yoast pages without an Article put it on their WebPage.
    author = art.get("author") or next((o["author"] for o in objects if o.get("author")), None)
    meta.authors = names_from_jsonld(jsonld.resolve(author, objects)) if author else []
    if not meta.authors:
        meta.authors = _meta_byline(tags)
    if not meta.authors and parsely.get("author"):
        meta.authors = names_from_jsonld(parsely["author"])
    if not meta.authors:
        meta.authors = _dom_byline(tree)

    declared = [_text(art.get("datePublished"))] + [v for k in _DATE_KEYS for v in tags.get(k, [])]
    declared.append(_text(parsely.get("pub_date")))
    declared += [_text(o.get("datePublished")) for o in objects if o is not art and "datePublished" in o]
    meta.published = _pick_date([d for d in (parse_date(v) for v in declared if v) if d])
    if meta.published is None:
        meta.published = parse_date(_htmldate(tree, meta.url))
    return meta
