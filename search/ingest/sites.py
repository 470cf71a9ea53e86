"""Whether the end of a page title is the site's name, for both paths (saved pages and prints).

    split_site_suffix(title, url=, names=, known_sites=) -> (headline, site or None)
    host_name(url) -> "bbc"                               the host's own label, the site's shortest name

"Talks collapse | The Guardian" names its site; "Abortion not a poll issue - Blair" quotes a person. A title's
end is a site only when it names a publication: the URL's host, a name the page or print declares (og:site_name,
JSON-LD publisher: `names`), a site the library already knows (`known_sites`), or a publication's name by its
own words ("The Kessington Courier", "eHow.com"). Never by its shape alone.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from search.ingest.rules import PUBLICATION_WORDS, TITLE_SEPARATOR
from search.ingest.words import CJK_CHAR, comparison_key

__all__ = ["split_site_suffix", "host_name", "site_from_url"]

_MAX_SITE_WORDS = 5
_MAX_LABEL_WORDS = 3  # "Blog Archive", "World": labels between a site's name and the headline
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)  # "eHow.com", "news.example.co.uk"
_SECOND_LEVEL = 3  # "co" in bbc.co.uk, "com" in abc.com.au: the label before it is the name


def host_name(url: str | None) -> str | None:
    """The label of a URL's host that names the site: 'https://www.bbc.co.uk/news' -> 'bbc'."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    labels = [part for part in host.removeprefix("www.").split(".") if part]
    if len(labels) < 2:
        return None
    return labels[-3] if len(labels) >= 3 and len(labels[-2]) <= _SECOND_LEVEL else labels[-2]


def site_from_url(url: str | None) -> str | None:
    """"https://www.nytimes.com/2017/01/13/..." -> "nytimes.com": the publication is the host that served the page."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host if "." in host else None


def _key(text: str) -> str:
    """Letters and digits only, without a leading "the": "The Verge", "theverge.com"'s label and "Verge" agree."""
    return comparison_key(text).replace(" ", "").removeprefix("the")


def _evidence_keys(url: str | None, names: Iterable[str | None], known_sites: Iterable[str]) -> set[str]:
    keys = {_key(name) for name in (*names, *known_sites) if name}
    host = host_name(url)
    if host:
        keys.add(_key(host))
    return keys - {""}


def _names_evidence(segment: str, keys: set[str]) -> bool:
    """The segment is one of the evidence names, or one starts the other ("Guardian" / "The Guardian US")."""
    if len(segment.split()) > _MAX_SITE_WORDS:
        return False
    k = _key(segment)
    return bool(k) and any(k == n or (len(k) >= 3 and len(n) >= 3 and (n.startswith(k) or k.startswith(n)))
                           for n in keys)


def _is_publication_name(segment: str) -> bool:
    """A short name with a publication's word in it ("Kessington Courier") or a domain ("eHow.com")."""
    words = segment.split()
    if len(words) > _MAX_SITE_WORDS:
        return False
    return bool(_DOMAIN.match(segment)) or any(word in PUBLICATION_WORDS for word in words)


def split_site_suffix(title: str, *, url: str | None = None, names: Iterable[str | None] = (),
                      known_sites: Iterable[str] = ()) -> tuple[str, str | None]:
    """(the headline, the site's name or None): the site's name and what follows it are cut from the end of the
    title (or its start: "BBC News - Headline") only when it names a publication (see the module docstring)."""
    title = " ".join(title.split())  # single spaces: TITLE_SEPARATOR then never backtracks over a run of them
    cuts = [(m.start(), m.end()) for m in TITLE_SEPARATOR.finditer(title)]
    if not cuts:
        return _split_cjk_suffix(title), None
    parts = TITLE_SEPARATOR.split(title)
    keys = _evidence_keys(url, names, known_sites)
    for i in range(1, len(parts)):
        if _names_evidence(parts[i], keys):
            site = parts[i]
            while i > 1 and _is_publication_name(parts[i - 1]):
                i -= 1  # "Headline | India News - Times of India": the site's desk goes with it
            return title[: cuts[i - 1][0]], site
    if _names_evidence(parts[0], keys):  # "Site: Headline", "Site » Blog Archive » Headline"
        labels = all(len(part.split()) <= _MAX_LABEL_WORDS for part in parts[1:-1])
        return (parts[-1] if labels else title[cuts[0][1]:]), parts[0]
    if len(parts[0].split()) >= 2:  # "-- STOLEN!!!" ends a headline of its own
        for i in range(1, len(parts)):
            if _is_publication_name(parts[i]):
                return title[: cuts[i - 1][0]], parts[i]
    return title, None


# Chinese and Japanese titles glue the site on without spaces: "…临床用药需求-新华网", "…｜日経".
_CJK_SEPARATORS = "-|｜－"
_MAX_CJK_SITE_CHARS = 8


def _split_cjk_suffix(title: str) -> str:
    """Cut a short tail after the last separator of a CJK title. Read with rfind, not a pattern: one that looks
    for a CJK character anywhere before the separator backtracks over a long title."""
    cut = max(title.rfind(sep) for sep in _CJK_SEPARATORS)
    if cut < 2:
        return title
    head, tail = title[:cut], title[cut + 1:].strip()
    if not 1 <= len(tail) <= _MAX_CJK_SITE_CHARS or any(c.isdigit() for c in tail) or title[cut - 1].isdigit():
        return title  # "2019-05": a date, not a site
    if not CJK_CHAR.search(head[:-1]) or len(head) < 2 * len(tail):
        return title
    return head.strip()
