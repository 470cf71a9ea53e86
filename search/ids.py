"""Content-derived article ids: the same text always gets the same id, so URLs survive a reindex.

An id reads `<date>-<title slug>-<hash>`, the hash taken over the title, the date and
the words of the body: two different texts never share an id (two undated "Markets
report" cuttings are two articles), and the same text added twice is one article.
When an article's id changes (its text was edited, or the id scheme changed), the
index keeps the former id with the article, and the old URL redirects to the new one.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from search.ingest.words import comparison_key
from search.model import Article

_SLUG_WORDS = 8


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:_SLUG_WORDS]) or "untitled"


def article_id(article: Article) -> str:
    """date + title slug + a hash of the title, the date and every word of the body."""
    day = article.published_date
    day_text = day.isoformat() if day else "undated"
    # comparison_key: spacing, case and punctuation do not make a new text
    digest = hashlib.sha1(f"{comparison_key(article.title)}|{day_text}".encode("utf-8"))
    for p in article.paragraphs:
        digest.update(b"\n" + comparison_key(p.text).encode("utf-8"))
    return f"{day_text}-{slugify(article.title)}-{digest.hexdigest()[:8]}"
