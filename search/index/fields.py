"""Field types that analyse text in one pass: the same terms, positions and weights as Whoosh's own analyzers.

Whoosh analyses a value by passing one Token object through a chain of
generators (tokenizer, lowercase, stop words, stemmer): most of the time of
indexing a paragraph. These fields keep those analyzers for queries (so the
parser reads a query exactly as before) and only replace `index()`, the writing
side, by a regex `findall`, a lowercase `map` and a dictionary of stems: the
postings written are identical (tests/test_index_fields.py checks them against
the analyzers on real text).
"""
from __future__ import annotations

import re
from functools import lru_cache

from whoosh import formats
from whoosh.analysis import STOP_WORDS, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.fields import TEXT, FieldType
from whoosh.lang.porter import stem

from search.index.postings import PackedPositions

# StemmingAnalyzer's defaults, which the fields below reproduce.
_STEMMED_TOKEN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
_STOP_WORDS = frozenset(STOP_WORDS)
_MIN_SIZE = 2
# The plain words of UnscoredWords: names and the did-you-mean vocabulary.
WORD_PATTERN = r"\w+(?:['\u2019.-]\w+)*"
_WORD = re.compile(WORD_PATTERN)
_words = RegexTokenizer(WORD_PATTERN) | LowercaseFilter()

_STEMS: dict[str, str] = {}  # word -> Porter stem, for every field in this process
_STEMS_KEPT = 200_000  # words; past that the dictionary starts again (news vocabularies stay well below)


def _stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _STEMS_KEPT:
            _STEMS.clear()
        found = _STEMS[word] = stem(word)
    return found


def stemmed_positions(text: str) -> dict[str, list[int]]:
    """stem -> positions, as StemmingAnalyzer numbers them: stop words and one-letter
    words are dropped and the words after them renumbered from the first word kept."""
    positions: dict[str, list[int]] = {}
    pos = None
    for i, word in enumerate(map(str.lower, _STEMMED_TOKEN.findall(text))):
        if len(word) < _MIN_SIZE or word in _STOP_WORDS:
            continue
        pos = i if pos is None else pos + 1
        term = _STEMS.get(word) or _stem(word)
        found = positions.get(term)
        if found is None:
            positions[term] = [pos]
        else:
            found.append(pos)
    return positions


class StemmedText(TEXT):
    """TEXT with Whoosh's StemmingAnalyzer and positions (phrase queries), indexed in one pass."""

    def __init__(self, **kwargs) -> None:
        super().__init__(analyzer=StemmingAnalyzer(), phrase=True, **kwargs)
        self.format = PackedPositions(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        return _stemmed_postings(value, self.format.field_boost, self.format.encode)


class RepeatedStemmedText(StemmedText):
    """StemmedText for a value every paragraph of an article repeats (the title): analysed once."""

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        return _cached_postings(value, type(self.format), self.format.field_boost)


def _stemmed_postings(text: str, boost: float, encode) -> list[tuple[bytes, int, float, bytes]]:
    return [(word.encode("utf-8"), len(poses), len(poses) * boost, encode(poses))
            for word, poses in stemmed_positions(text).items()]


@lru_cache(maxsize=256)
def _cached_postings(text: str, kind: type[formats.Format],
                     boost: float) -> tuple[tuple[bytes, int, float, bytes], ...]:
    """`kind`: the field's format class (formats are not hashable); indexes written before keep theirs."""
    return tuple(_stemmed_postings(text, boost, kind().encode))


def plain_words(text: str) -> set[str]:
    """The unstemmed words of a text as an UnscoredWords field indexes them."""
    return set(map(str.lower, _WORD.findall(text)))


class UnscoredWords(FieldType):
    """Words for matching only: no scoring, so no per-document length bookkeeping (cheaper to write).

    With positions it answers phrase queries (speaker:"helen marsh"); without,
    it is the unstemmed vocabulary that did-you-mean draws from, indexed in one pass.
    """

    def __init__(self, positions: bool = False) -> None:
        self.format = PackedPositions() if positions else formats.Existence()
        self.analyzer = _words
        self.scorable = False
        self.stored = False
        self.unique = False
        self.column_type = None
        self.spelling = False

    def index(self, value, **kwargs):
        if isinstance(value, str) and isinstance(self.format, formats.Existence):
            boost = self.format.field_boost
            return [(word.encode("utf-8"), 1, boost, b"") for word in plain_words(value)]
        return super().index(value, **kwargs)


SAID_BY = "\x1f"  # between a speaker's key and a word in the `said` field's terms


def said_term(speaker_key: str, stem: str) -> str:
    """The `said` field's term for a stemmed word in `speaker_key`'s words ("" for anyone's)."""
    return f"{speaker_key}{SAID_BY}{stem}"


def only_speaker_term(speaker_key: str) -> str:
    """The `said` field's term of a paragraph in which only this speaker's words are marked."""
    return said_term(speaker_key, "")


SLOT = "\x1e"  # before a speaker's place among the paragraph's speakers with words
SLOTS = 8  # places numbered; a ninth speaker's words and after are indexed under the speaker's key


def slot_term(slot: int, stem: str) -> str:
    """The `said` field's term for a stemmed word of the paragraph's `slot`-th speaker with words."""
    return said_term(f"{SLOT}{slot}", stem)


def speaker_slot_term(speaker_key: str, slot: int) -> str:
    """The `said` field's term saying that `speaker_key` is the paragraph's `slot`-th speaker with words."""
    return f"{speaker_key}{SLOT}{slot}"


class SaidWords(StemmedText):
    """The words each speaker of a paragraph said, stemmed as the text is, in terms that say whose they are.

    A document's value is a list of (speaker key, [the texts of their spans]). Every such
    word is indexed as "\x1f<stem>" (someone said it). Most paragraphs give words to one
    speaker only: they also get one term "<key>\x1f" saying so, and "<key> said <word>" is
    then "someone said <word>" and "<key> is the only one". A paragraph that gives words
    to several speakers numbers them by place: "<key>\x1e<i>" says who is i-th, and each
    word is also indexed as "\x1e<i>\x1f<stem>" (the i-th said it), so the terms grow with
    the words said and a few places, not with every speaker's vocabulary. So `said:` with
    a speaker filter is exact (search/query/fields.py: restrict_said) and costs a few term
    lookups. Each span starts past the last one's end plus a gap, so a phrase never runs
    from one quote into the next.
    """

    def index(self, value, **kwargs):
        if isinstance(value, str):
            return super().index(value, **kwargs)
        saying = [(key, texts) for key, texts in value if texts]
        keyed = len(saying) > 1
        positions: dict[str, list[int]] = {only_speaker_term(saying[0][0]): [0]} if len(saying) == 1 else {}
        start = 0
        for slot, (key, texts) in enumerate(saying):
            whose = (slot_term(slot, "") if slot < SLOTS else said_term(key, "")) if keyed else None
            if keyed and slot < SLOTS:
                positions.setdefault(speaker_slot_term(key, slot), []).append(0)
            for text in texts:
                end = start
                for stem_, poses in stemmed_positions(text).items():
                    shifted = [start + p for p in poses]
                    positions.setdefault(said_term("", stem_), []).extend(shifted)
                    if whose is not None:
                        positions.setdefault(whose + stem_, []).extend(shifted)
                    end = max(end, shifted[-1])
                start = end + 2
        boost, encode = self.format.field_boost, self.format.encode
        return [(term.encode("utf-8"), len(poses), len(poses) * boost, encode(sorted(poses)))
                for term, poses in positions.items()]
