"""Lenient JSON-LD: every `<script type="application/ld+json">` block on a page, read without crashing.

    read_jsonld(tree) -> list[dict]     every object, @graph and nested lists flattened
    article_object(objects) -> dict | None   the object that describes the article itself

Real pages put several blocks on a page, wrap them in CDATA or HTML comments,
leave trailing commas or raw newlines inside strings, or serve a block that is
not JSON at all. A block that cannot be read is skipped, never raised.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

from lxml.html import HtmlElement

__all__ = ["read_jsonld", "article_object", "resolve", "page_types", "ARTICLE_TYPES"]

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "scholarlyarticle", "techarticle", "report", "review", "creativework", "posting",
}
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")


def _loads(raw: str) -> Any:
    """json.loads, then a second try after the common repairs."""
    text = _WRAPPERS.sub("", raw.strip()).strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    repaired = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))
    try:
        return json.loads(repaired)
    except ValueError:
        pass
    try:  # several objects in one block, or junk after the object
        return json.JSONDecoder().raw_decode(repaired)[0]
    except ValueError:
        return None


def _flatten(value: Any) -> Iterator[dict]:
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _flatten(value["@graph"])
        main = value.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _flatten(main)


def read_jsonld(tree: HtmlElement) -> list[dict]:
    """All JSON-LD objects on the page, in page order; unreadable blocks are skipped."""
    objects: list[dict] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if "ld+json" not in kind:
            continue
        objects.extend(_flatten(_loads(script.text or "")))
    return objects


def types_of(obj: dict) -> set[str]:
    """The object's @type values, lower-cased, without a schema.org prefix."""
    value = obj.get("@type") or []
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values}


def article_object(objects: list[dict]) -> dict | None:
    """The object describing the article: an Article-like @type, preferring one with a body or date."""
    candidates = [o for o in objects if types_of(o) & ARTICLE_TYPES]
    if not candidates:
        return None
    return max(candidates, key=lambda o: (bool(o.get("datePublished")), bool(o.get("headline")), bool(o.get("author"))))


def resolve(value: Any, objects: list[dict]) -> Any:
    """Replace {"@id": ...} references (Yoast-style @graph) with the objects they point to."""
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}

    def one(item: Any) -> Any:
        if isinstance(item, dict) and set(item) == {"@id"} and item["@id"] in by_id:
            return by_id[item["@id"]]
        return item

    return [one(v) for v in value] if isinstance(value, list) else one(value)


def page_types(objects: list[dict]) -> set[str]:
    """Every @type named on the page."""
    found: set[str] = set()
    for obj in objects:
        found |= types_of(obj)
    return found
