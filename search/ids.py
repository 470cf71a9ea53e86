"""Content-derived article ids: the same article always gets the same id, so URLs survive a reindex."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from search.model import Article

_SLUG_WORDS = 8


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:_SLUG_WORDS]) or "untitled"


def article_id(article: Article) -> str:
    """date + title slug + short hash of (title, date, and the first paragraph when untitled).

    Two ingests of the same article (same title and date) give the same id, so
    the second replaces the first instead of duplicating it.
    """
    day = article.published_date
    day_text = day.isoformat() if day else "undated"
    key = f"{article.title.strip().lower()}|{day_text}"
    if not article.title.strip() and article.paragraphs:
        key += "|" + article.paragraphs[0].text
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{day_text}-{slugify(article.title)}-{digest}"
