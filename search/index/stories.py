"""Near-duplicate stories: the same story in two copies (a print and the saved page, two editions,
a paste with a few words changed) found by MinHash over the words of the article body.

Each article's signature (datasketch's MinHash of its 4-word shingles) is kept in the
article's own index document, with its bands as index terms (locality-sensitive hashing:
two signatures that agree on every row of one band share that term). Finding the
copies of a new article is then one term query on the index: nothing is loaded when
the library opens, and each write adds its articles' terms with their documents. The
candidates the bands find are confirmed on the signatures.

Copies share a `story` (the id of the article the story was first found in, or its
own id): the results collapse an article's copies under the first one shown.
"""
from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Iterable

from whoosh.query import Or, Term
from whoosh.searching import Searcher

from search.model import Article

if TYPE_CHECKING:
    import numpy as np

SHINGLE_WORDS = 4  # a shingle: 4 words in a row
PERMUTATIONS = 126  # hash functions: the share of shingles two texts have in common is estimated within ~0.05
# Candidates are looked up by single minimum values ("bands" of one row): two texts that share a
# share J of their shingles agree on each with probability J, so on at least one of 12 with
# 1 - (1 - J)^12 (0.99 at J = 0.3, a third of the shingles in common). Each article adds 12
# index terms; the signatures then confirm or reject the few candidates a shared value brings.
BANDS = 12
SEED = 1  # every signature must be made with the same hash functions (stored in the index)
# Copies when this share of the shorter text's shingles is in the other: an edition with paragraphs
# added still holds most of the first one, a paste with a few words changed almost all of it.
SAME_STORY = 0.6
MIN_SHINGLES = 12  # below this (a few sentences) a shared phrase is not evidence of the same story
_WORD = re.compile(r"\w+")
SCHEME = "affine32"  # 32-bit values: a signature is 504 bytes
# Each shingle's 32-bit value before the permutations: CRC-32, which the affine32 scheme mixes
# first. datasketch's default (SHA-1 through Python) took half of the signature's time.
HASH = zlib.crc32


@dataclass(frozen=True)
class Signature:
    """An article body's MinHash values and how many distinct shingles it had."""

    hashes: bytes  # PERMUTATIONS little-endian uint32
    shingles: int

    def values(self) -> np.ndarray:
        import numpy as np  # here, not with the module: a server that only searches goes without (15 MB)

        return np.frombuffer(self.hashes, dtype="<u4")

    def band_terms(self) -> list[str]:
        """One index term per band: the band's minimum value, prefixed by the band's number."""
        return [f"{b:02d}{value:08x}" for b, value in enumerate(self.values()[:BANDS].tolist())]

    def overlap(self, other: Signature) -> float:
        """The share of the shorter text's shingles that the other text holds (estimated).

        MinHash estimates the Jaccard index J = |A & B| / |A | B|; with the sizes known,
        |A & B| = J (|A| + |B|) / (1 + J)."""
        jaccard = float((self.values() == other.values()).sum()) / PERMUTATIONS
        shared = jaccard * (self.shingles + other.shingles) / (1 + jaccard)
        return min(1.0, shared / max(1, min(self.shingles, other.shingles)))

    def to_stored(self, story: str) -> tuple[str, int, bytes]:
        return (story, self.shingles, self.hashes)

    @staticmethod
    def from_stored(stored) -> tuple[str, Signature]:
        story, shingles, hashes = stored
        return story, Signature(bytes(hashes), int(shingles))


@dataclass(frozen=True)
class StoryMatch:
    """An article that tells the same story: its id, its story, and how much of the text they share."""

    article_id: str
    story: str
    overlap: float


def shingles(article: Article) -> set[str]:
    """The body's 4-word shingles, lower-cased, across paragraph breaks (a print and a page
    break paragraphs differently). The title is left out: editions retitle a story."""
    words = _WORD.findall(" ".join(p.text for p in article.paragraphs).lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(article: Article) -> Signature | None:
    """The article's signature; None when its body is too short to compare."""
    found = shingles(article)
    if len(found) < MIN_SHINGLES:
        return None
    minhash_class, permutations = _minhash()
    minhash = minhash_class(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME, permutations=permutations, hashfunc=HASH)
    minhash.update_batch([s.encode("utf-8") for s in found])
    return Signature(minhash.hashvalues.astype("<u4").tobytes(), len(found))


# A signature made ahead of indexing (in a parse worker): the body_key of the article it was made from, and it.
Made = tuple[int, "Signature | None"]


def body_key(article: Article) -> int:
    """Whether two copies of an article have the same paragraph texts (within one process)."""
    return hash(tuple(p.text for p in article.paragraphs))


def signature_of(article: Article, made: Made | None) -> Signature | None:
    """The article's signature: the one made ahead when it was made from these paragraph texts."""
    if made is not None and made[0] == body_key(article):
        return made[1]
    return signature(article)


@cache
def _minhash():
    """datasketch's MinHash and the library's hash functions (made once, not per article).

    Imported on the first signature, not with this module: datasketch's package imports
    scipy (about 30 MB and a third of a second in every process), which a server or a
    CLI that only searches would carry for nothing."""
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


def load_in_background() -> None:
    """Start loading what signatures need in a thread, for a caller that will sign articles once
    they are parsed (`cuttings add`): the third of a second of imports then runs while the
    parse workers start, not after them."""
    threading.Thread(target=_minhash, name="cuttings-signatures", daemon=True).start()


def index_matches(searcher: Searcher, sig: Signature, exclude: str = "") -> list[StoryMatch]:
    """The indexed articles (other than `exclude`) that tell the story `sig` tells, closest first."""
    found = []
    for docnum in searcher.docs_for_query(Or([Term("bands", t) for t in sig.band_terms()])):
        fields = searcher.stored_fields(docnum)
        if fields.get("article_id") == exclude or not fields.get("signature"):
            continue
        story, other = Signature.from_stored(fields["signature"])
        overlap = sig.overlap(other)
        if overlap >= SAME_STORY:
            found.append(StoryMatch(fields["article_id"], story, overlap))
    return sorted(found, key=lambda m: (-m.overlap, m.article_id))


class PendingStories:
    """The signatures of the articles one write has indexed so far (not all committed yet)."""

    def __init__(self) -> None:
        self._by_band: dict[str, set[str]] = {}
        self._articles: dict[str, tuple[str, Signature]] = {}

    def add(self, article_id: str, story: str, sig: Signature) -> None:
        self._articles[article_id] = (story, sig)
        for term in sig.band_terms():
            self._by_band.setdefault(term, set()).add(article_id)

    def matches(self, sig: Signature, exclude: str = "") -> list[StoryMatch]:
        candidates = set().union(*(self._by_band.get(t, ()) for t in sig.band_terms())) - {exclude}
        found = []
        for article_id in candidates:
            story, other = self._articles[article_id]
            overlap = sig.overlap(other)
            if overlap >= SAME_STORY:
                found.append(StoryMatch(article_id, story, overlap))
        return found


def story_of(article_id: str, matches: Iterable[StoryMatch]) -> str:
    """The story an article joins: that of the copy closest to it, else a story of its own."""
    best = min(matches, key=lambda m: (-m.overlap, m.article_id), default=None)
    return best.story if best is not None else article_id
