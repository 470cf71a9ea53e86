"""Noun phrases that can be a source: tokens, names, honorifics, roles.

`parse_np` turns a span of tokens into a `SourceNP`: a person (name tokens,
honorific gender, role from a title or affiliation), an organisation, an
unnamed description ("senior european diplomat") or a pronoun.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from search.speakers.first_names import gender_of_first_name
from search.speakers.lexicon import (
    DETERMINERS, HONORIFICS, NAME_PARTICLES, NOT_NAME, ORG_NOUNS, ORG_WORDS, PARTY_WORDS, POST_NOMINALS, PREPOSITIONS,
    PRONOUNS, RECORD_NOUNS, ROLE_MODIFIERS, ROLE_NOUNS, SOURCE_NOUNS, STYLES,
)

# The rest of a word: word characters and . ' & - inside it, ending on a letter
# or digit; same matches as (?:[\w.'\u2019&-]*[^\W_])?. Runs of letters are
# taken whole and inner punctuation only when a letter follows, which the
# engine reads faster than alternating punctuation and letter runs.
_WORD_TAIL = r"(?:[^\W_]++|[_.'\u2019&-]++(?=[^\W_]))*+"
_TOKEN_RE = re.compile(
    r"(~+)"
    rf"|((?:al|el|ul|ad|bin|ibn|d)['\u2019-][A-Z]{_WORD_TAIL}|[A-Z\u00c0-\u00de]{_WORD_TAIL})"
    rf"|(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,])|[^\W_]{_WORD_TAIL})"  # "1,300" is one number
    r"|([^\s\w]|_)"
)
LOWER_TITLE_WORDS = ROLE_NOUNS | ROLE_MODIFIERS
TITLE_WORDS = LOWER_TITLE_WORDS | PARTY_WORDS
_PERSON_SUFFIXES = ("ist", "ists", "ian", "ians", "man", "men", "woman", "women", "person", "people", "ers", "or", "ors")


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    low: str
    cap: bool
    word: bool


_new_tok = object.__new__
_text_of = attrgetter("text")  # map(_text_of, toks): the tokens' texts, cheaper than a comprehension


def _tok(text: str, start: int, end: int, low: str, cap: bool, word: bool) -> Tok:
    """Tok(text, start, end, low, cap, word), built without the dataclass's
    __init__: a call into a Python __init__ costs more than the slot stores."""
    tok = _new_tok(Tok)
    tok.text = text
    tok.start = start
    tok.end = end
    tok.low = low
    tok.cap = cap
    tok.word = word
    return tok


# Punctuation that often ends a plain word: "said," "Blair." "(BBC)".
_TRAILING_MARKS = frozenset(",.;:?!)")


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """The tokens of `text`, with offsets counted from `offset`."""
    # Most space-separated pieces are a plain ASCII word, maybe with one mark
    # after it; those are read with string methods, which is cheaper than the
    # regex, and the rest go to _tokenize_chunk. Both ways give the same
    # tokens: no token holds a space, so splitting on " " never cuts one, and
    # a piece's offset is the sum of the lengths before it (cheaper than a
    # find per piece); other whitespace, rare, is left to _tokenize_chunk.
    # An ASCII word is capitalised when it sorts before "a". Nearly every
    # text is ASCII, and then each piece is.
    toks: list[Tok] = []
    append = toks.append
    pos = offset
    all_ascii = text.isascii()
    for chunk in text.split(" "):
        end = pos + len(chunk)
        if chunk.isalpha() and (all_ascii or chunk.isascii()):
            tok = _new_tok(Tok)  # _tok() written out: plain words are most tokens, and a call costs
            tok.text = chunk
            tok.start = pos
            tok.end = end
            tok.low = chunk.lower()
            tok.cap = chunk < "a"
            tok.word = True
            append(tok)
        elif not chunk:
            pass  # a space after a space, or at either end
        elif chunk[-1] in _TRAILING_MARKS and (word := chunk[:-1]).isalpha() and (all_ascii or word.isascii()):
            mark_at = end - 1
            append(_tok(word, pos, mark_at, word.lower(), word < "a", True))
            append(_tok(chunk[-1], mark_at, end, chunk[-1], False, False))
        else:
            _add_marked_word(toks, chunk, pos)
        pos = end + 1
    return toks


# A piece that is one ASCII word with ' - . & _ inside it ("Blair's",
# "well-known", "3.5"), or no word, with marks before or after it ("(BBC),",
# '"Yes', "-"), or a masked quote with its marks ('"~~~~,"'): the regex takes
# such a word or mask whole and each mark alone, as here. A lower-case start
# that may be a capitalised "al-Qaeda" or "d'Arcy" to the regex, and anything
# else, are left to the regex.
_MARKS = r"[!-/:-@\[-`{-}\u00a3]*"  # ASCII punctuation but "~", and "£"
_MARKED_WORD = re.compile(
    rf"({_MARKS})((?:[A-Z]|[a-z0-9](?![a-z]{{0,2}}['-][A-Z]))[A-Za-z0-9]*(?:[-'.&_]+[A-Za-z0-9]+)*|~+)?({_MARKS})"
).fullmatch


def _add_marked_word(toks: list[Tok], chunk: str, pos: int) -> None:
    """toks += _tokenize_chunk(chunk, pos) for a piece without spaces; one
    fullmatch and no more for the usual shapes is cheaper than the regex's split."""
    m = _MARKED_WORD(chunk)
    if m is None:
        toks += _tokenize_chunk(chunk, pos)
        return
    lead, word, trail = m.groups()
    for mark in lead:
        toks.append(_tok(mark, pos, pos + 1, mark, False, False))
        pos += 1
    if word:
        end = pos + len(word)
        if word[0] == "~":
            toks.append(_tok(word, pos, end, word, False, False))
        else:  # capitalised when it starts with A-Z: after "@", before "["
            toks.append(_tok(word, pos, end, word.lower(), "@" < word < "[", True))
        for mark in trail:
            toks.append(_tok(mark, end, end + 1, mark, False, False))
            end += 1


def _tokenize_chunk(text: str, offset: int) -> list[Tok]:
    # One re.split call hands back every token with the gap after it, which
    # is cheaper than a match object per token: (gap, g1, g2, g3, g4, gap, …)
    # where g1 is a masked quote, g2 a capitalised word, g3 another word and
    # g4 punctuation.
    parts = _TOKEN_RE.split(text)
    toks: list[Tok] = []
    append = toks.append
    pos = offset + len(parts[0])
    rest = iter(parts)
    next(rest)
    for masked, capitalised, other, punct, gap in zip(rest, rest, rest, rest, rest):
        if capitalised is not None:
            end = pos + len(capitalised)
            append(Tok(capitalised, pos, end, capitalised.lower(), True, True))
        elif other is not None:
            end = pos + len(other)
            append(Tok(other, pos, end, other.lower(), False, True))
        else:
            t = masked if masked is not None else punct
            end = pos + len(t)
            append(Tok(t, pos, end, t, False, False))
        pos = end + len(gap)
    return toks


@dataclass(slots=True)
class SourceNP:
    kind: str  # "person", "org", "desc", "pronoun"
    text: str  # person: name without courtesy title; org: name; desc: lower-case description
    start: int  # character offset of the phrase
    role: str | None = None
    gender: str | None = None
    surname_only: bool = False
    definite: bool = False
    head: str = ""


POSSESSIVE_ENDINGS = ("'s", "\u2019s")


def is_possessive(tok: Tok) -> bool:
    return tok.low.endswith(POSSESSIVE_ENDINGS)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['\u2019]s?$", "", text)


def is_name_token(tok: Tok) -> bool:
    return tok.cap and tok.low not in NOT_NAME and not is_possessive(tok)


_PROPER_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "i", "ch")


def _title_case(tok: Tok) -> bool:
    return tok.text[:1].isupper() and tok.text[1:].islower()


def _join_punctuation(text: str) -> str:
    """Drop the space that joining tokens put before , . ' (same as
    re.sub(r" ([,.'\u2019])", r"\1", text); plain replaces are cheaper)."""
    return text.replace(" ,", ",").replace(" .", ".").replace(" '", "'").replace(" \u2019", "\u2019")


_POSSESSIVE_DETERMINERS = {"his", "her", "their", "its", "our", "my", "your"}


def role_text(tokens: list[Tok]) -> str | None:
    """A role as GUIDELINES §5 writes it: no leading article, common nouns in
    lower case, proper nouns kept. A title written in Title Case ("Agriculture
    Minister") is lowered except proper adjectives ("Venezuelan")."""
    while tokens and (tokens[0].low in DETERMINERS or tokens[0].low in _POSSESSIVE_DETERMINERS):
        tokens = tokens[1:]  # "Her coach" -> "coach"; "Russia's deputy foreign minister" stays
    if not tokens:
        return None
    head = tokens[-1]
    title_cased = _title_case(head) and head.low in LOWER_TITLE_WORDS
    words = []
    marks = False  # a token not a word: only such a token can put a space before , . ' or stand as " - "
    for idx, t in enumerate(tokens):
        lower = False
        if not t.word:
            marks = True
        word = t.text  # _title_case(t) and not is_possessive(t), written out: two calls a word cost more
        if word[:1].isupper() and word[1:].islower() and not t.low.endswith(POSSESSIVE_ENDINGS):
            if title_cased:
                lower = t.low in LOWER_TITLE_WORDS or t.low in ("of", "and") or not t.low.endswith(_PROPER_ADJECTIVE_ENDINGS)
            elif idx == 0 and t.low in LOWER_TITLE_WORDS:
                lower = True  # sentence-initial "Chief executive Peter McGuigan", "Former Labour MP"
        words.append(t.low if lower else word)
    text = " ".join(words)
    if marks:  # words alone (each starts and ends on a letter or digit) leave the replaces nothing to do
        text = _join_punctuation(text).replace(" - ", "-")
    return text or None


def title_role(prefix: list[Tok]) -> str | None:
    """Role from the words before a name: "Fiat chief executive", "Arsenal's"."""
    while prefix and prefix[0].low in DETERMINERS:
        prefix = prefix[1:]
    if not prefix:
        return None
    last = prefix[-1]
    if _has_role_noun(prefix):
        return role_text(prefix)
    if len(prefix) == 1 and is_possessive(prefix[0]):
        return _strip_possessive(prefix[0].text)
    if last.text in ("'",) and len(prefix) >= 2:  # PBS' Jacoba Atlas
        return prefix[-2].text
    return None


def _has_role_noun(tokens: list[Tok]) -> bool:
    """any(t.low in ROLE_NOUNS or t.low.rstrip("s") in ROLE_NOUNS for t in tokens),
    as a loop: a generator resumed per token costs more than the test."""
    for t in tokens:
        if t.low in ROLE_NOUNS or t.low.rstrip("s") in ROLE_NOUNS:
            return True
    return False


APPOSITIVE_END = {",", ".", ";", ":", '"', "\u201c", "\u201d", "-", "\u2013", "\u2014", "?", "!"}


def appositive_after(toks: list[Tok], comma: int) -> list[Tok]:
    """The appositive after toks[comma], skipping an age: "John Smith, 52, a teacher"."""
    n = min(len(toks), comma + 30)  # an appositive is short
    start = comma + 1
    e = start
    while e < n and toks[e].text not in APPOSITIVE_END:
        e += 1
    if e - start == 1 and toks[start].text.isdigit() and e < n and toks[e].text == ",":
        return appositive_after(toks, e)
    return toks[start:e]


_BAD_APPOSITIVE_START = {
    "who", "which", "whose", "where", "when", "while", "and", "but", "or", "as", "in", "on", "after",
    "before", "however", "though", "too", "also", "meanwhile", "who's", "then", "now", "not", "if",
    "speaking", "adding", "saying", "for", "with", "by", "he", "she", "they", "it", "this", "that",
}
_VERBISH = {"is", "was", "has", "had", "were", "are", "will", "would", "said", "says", "told", "have", "can"}


_RELATIVE_WORDS = {"who", "whose", "which", "whom", "that"}
# Past-tense verbs that do not end in -ed; an appositive never starts with one.
_IRREGULAR_PAST = set(
    """won lost beat took made came went became began left led set won got gave held kept ran saw
    spent sold told thought found brought bought built broke chose drew drove fell felt fought flew
    grew hit hung knew laid met paid put quit rode rose sang sat shot shut slid spoke stood stole
    struck swam swore threw tore understood wore wrote""".split())


def _starts_with_verb(tokens: list[Tok]) -> bool:
    first = tokens[0].low
    if first in _IRREGULAR_PAST:
        return True
    # "retired teacher" is a role; "scored twice on Sunday" is not.
    return (first.endswith("ed") and first not in LOWER_TITLE_WORDS and len(tokens) > 1
            and not any(t.low in ROLE_NOUNS or t.low.endswith(_PERSON_SUFFIXES) for t in tokens[1:3]))


def appositive_role(tokens: list[Tok]) -> str | None:
    """A role from an appositive, or None for a relative clause, an age, etc."""
    # The loops below are next(), any() and all() written out: cheaper than generators.
    # "a ferry operator whose boats have …": the noun phrase before the clause
    for cut in range(1, len(tokens)):
        if tokens[cut].low in _RELATIVE_WORDS:
            tokens = tokens[:cut]
            break
    if not tokens or len(tokens) > 18:
        return None
    # Every test from here to the role returns None, so their order is free:
    # the first word's own tests come first, then one pass over the words
    # for a verb or an age (two passes before), then the costlier tests.
    first = tokens[0]
    low = first.low
    if low in _BAD_APPOSITIVE_START or not first.word or low[0].isdigit():
        return None
    if low.endswith("ing") and low not in ROLE_NOUNS:
        return None
    for t in tokens:  # "-" in t.low: only then can the word end in "-year-old"
        if t.text in _VERBISH or ("-" in t.low and t.low.endswith("-year-old")):
            return None
    if _starts_with_verb(tokens):  # "Ana Costa, 16, won gold": a clause, not a role
        return None
    affiliation = low in ("of", "from", "at")  # "Dr Helen Ward, of Imperial College London,"
    if not affiliation and _all_name_words(tokens) and not _has_low_in(tokens, ROLE_NOUNS):
        return None  # "Newark, New Jersey" or another name, not a role
    body = tokens[1:] if low in DETERMINERS else tokens
    if body and body[0].low in ("from", "of", "at"):  # "Andy Quested, from the BBC's group"
        body = body[1:]
        while body and body[0].low in DETERMINERS:
            body = body[1:]
    return role_text(body)


def _all_name_words(tokens: list[Tok]) -> bool:
    """all(t.cap or t.low in NAME_PARTICLES or t.low in ("of", "and") for t in tokens if t.word)"""
    for t in tokens:
        if t.word and not (t.cap or t.low in NAME_PARTICLES or t.low in ("of", "and")):
            return False
    return True


def _has_low_in(tokens: list[Tok], words: set[str]) -> bool:
    """any(t.low in words for t in tokens)"""
    for t in tokens:
        if t.low in words:
            return True
    return False


def _has_possessive(tokens: list[Tok]) -> bool:
    """any(is_possessive(t) for t in tokens)"""
    for t in tokens:
        if t.low.endswith(POSSESSIVE_ENDINGS):
            return True
    return False


_RUN_SKIPS = NAME_PARTICLES | {"of"}  # _name_run_split passes these by
_RUN_CUTS = TITLE_WORDS | HONORIFICS.keys()  # and cuts after these


def _name_run_split(run: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """Split "Venezuelan President Hugo Chavez" into title tokens and name tokens."""
    # One lookup in each union costs less than one in each list, and the
    # possessive ending is only looked for in a word with an apostrophe.
    cut = -1
    for i, t in enumerate(run):
        low = t.low
        if low in _RUN_SKIPS:
            continue
        # "Mike Friday", "Theresa May": a day or month is a name after the first word.
        if (low in _RUN_CUTS or (i == cut + 1 and low in NOT_NAME)
                or (("'" in low or "\u2019" in low) and low.endswith(POSSESSIVE_ENDINGS))):  # is_possessive(t)
            cut = i
    return run[: cut + 1], run[cut + 1 :]


@lru_cache(maxsize=8192)
def _org_token(text: str) -> bool:
    """One word that makes a name an organisation's."""
    if text.lower() in ORG_WORDS:
        return True
    if text.isascii() and text.isalpha():  # the usual word, read without a loop: no digit, no dot
        return len(text) >= 2 and text.isupper()
    if any(c.isdigit() for c in text):
        return True
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return "." in text  # gamesindustry.biz


def _is_org(name: list[Tok], det: str | None) -> bool:
    if len(name) == 2 and gender_of_first_name(name[0].text) and name[0].text[1:].islower():
        return False  # "Ellen Park", "Jerry Hall": a first name makes a person
    for t in name:
        if _org_token(t.text):  # one argument: the cache keys on the string itself
            return True
    return det == "the"


_AFTER_HEAD = {"close", "familiar", "involved", "concerned", "themselves", "himself", "herself", "alike", "there", "here"}


def _desc(tokens: list[Tok], start: int, definite: bool, after_determiner: bool = False) -> SourceNP | None:
    if not tokens or not tokens[0].word:  # "'roving' forward …": a fragment, not a description
        return None
    head_part = tokens
    for i, t in enumerate(tokens):
        if i and t.low in PREPOSITIONS:
            head_part = tokens[:i]
            break
    if not head_part:
        return None
    # The head noun: "source close" -> source, "senior european diplomat" -> diplomat.
    last_noun = -1  # without a noun, the last word (loops: cheaper than a comprehension and any())
    for i, t in enumerate(head_part):
        if t.low in SOURCE_NOUNS or t.low in ROLE_NOUNS:
            last_noun = i
    if last_noun >= 0:
        for t in head_part[last_noun + 1 :]:
            if t.low not in _AFTER_HEAD:
                return None  # "Chancellor Gordon Brown's report amid opposition": the noun is not the head
    head = head_part[last_noun].low
    if head.endswith("-year-old") and definite:  # "the 23-year-old told BBC Sport": someone named before
        return _source_np("desc", head, start, definite=True, head="year-old")
    if head in RECORD_NOUNS:
        return None
    if head not in SOURCE_NOUNS and not head.endswith(_PERSON_SUFFIXES) and head not in ROLE_NOUNS and head not in ORG_NOUNS:
        return None
    text = description_text(tokens, may_open_sentence=not after_determiner)
    # role: the description as a role, should it turn out to describe a named person
    return _source_np("desc", text, start, role=role_text(tokens), definite=definite, head=head)


_COMMON_LEADS = SOURCE_NOUNS | ROLE_NOUNS | ROLE_MODIFIERS | {"western", "eastern", "northern", "southern", "some", "several", "many", "most", "other", "veteran"}


_COMMON_PERSON_SUFFIXES = ("ist", "ists", "man", "men", "person", "people", "ers", "ors", "ents")


def _common_word(tok: Tok) -> bool:
    """A capitalised word that is only capitalised because it opens the sentence
    ("Officials", "Senior"), not a proper noun or adjective ("European", "Labour")."""
    if not _title_case(tok) or tok.low in PARTY_WORDS:
        return False
    if tok.low in _COMMON_LEADS or tok.low.endswith(_COMMON_PERSON_SUFFIXES):
        return True
    return not tok.low.rstrip("s").endswith(_PROPER_ADJECTIVE_ENDINGS + ("ic",))  # "Nordic", "Baltic"


def description_text(tokens: list[Tok], may_open_sentence: bool = True) -> str:
    """An unnamed source as the text writes it ("senior European diplomat",
    "analysts at Fairhaven Research"), with a sentence-initial capital on a
    common word dropped so that "Officials said" and "officials said" agree.
    After "a" or "the" the first word does not open the sentence: "a Treasury
    spokesperson" keeps its capital."""
    words = list(map(_text_of, tokens))
    # "Paul King", "West Yorkshire police", "Real Madrid director": a capital before another is a proper name's
    runs_on = len(tokens) > 1 and tokens[1].cap and tokens[0].low not in _COMMON_LEADS
    if words and may_open_sentence and not runs_on and _common_word(tokens[0]):
        words[0] = tokens[0].low
    return _join_punctuation(" ".join(words))


_BODY_NOUNS = ORG_NOUNS | {"body"}  # built once, not on every call


def _named_body(body: list[Tok]) -> SourceNP | None:
    """ "the IFPI industry body": an organisation named inside its description."""
    if 2 <= len(body) <= 4 and body[-1].low in _BODY_NOUNS and body[0].cap:
        letters = [c for c in body[0].text if c.isalpha()]
        if len(letters) >= 2 and body[0].text.isupper() and not any(t.cap for t in body[1:]):
            return _source_np("org", body[0].text, body[0].start)
    return None


def _person_after_title(body: list[Tok], start: int) -> SourceNP | None:
    """ "Shadow leader of the Commons Oliver Heald": a long title whose name
    runs straight on from its affiliation; the name starts at a first name."""
    k = len(body)
    while k > 0 and body[k - 1].cap and body[k - 1].low not in NOT_NAME:
        k -= 1
    for p in range(k, len(body) - 1):
        if gender_of_first_name(body[p].text) and any(t.low in ROLE_NOUNS for t in body[:p]):
            name = body[p:]
            return _source_np("person", " ".join(t.text for t in name), start, role=role_text(body[:p]),
                              gender=gender_of_first_name(body[p].text))
    return None


# parse_np is a pure function of the tokens' words, and the same spans recur
# ("Mr Blair", "the company"), so results are kept by their words: which
# token the phrase starts at (offsets differ from one use to the next) and
# its fields, or _NO_PHRASE. Tuples of plain values (strings, numbers, None)
# cost less to keep than SourceNP objects: the collector stops tracking them.
_NP_CACHE: dict[str | tuple[str, ...], tuple] = {}
_NP_CACHE_SIZE = 20_000
_NO_PHRASE = ()  # cached: these words make no source phrase


_new_np = object.__new__


def _source_np(kind: str, text: str, start: int, role: str | None = None, gender: str | None = None,
               surname_only: bool = False, definite: bool = False, head: str = "") -> SourceNP:
    """SourceNP(kind, text, start, …), built without the dataclass's __init__:
    a Python call from C (the class call) costs more than the slot stores."""
    np = _new_np(SourceNP)
    np.kind = kind
    np.text = text
    np.start = start
    np.role = role
    np.gender = gender
    np.surname_only = surname_only
    np.definite = definite
    np.head = head
    return np


def parse_np(tokens: list[Tok]) -> SourceNP | None:
    """Classify one conjunct noun phrase (a fresh SourceNP: callers may change it)."""
    # The key: the words, tuple(map(_text_of, tokens)), but a lone word is its
    # string and a pair or triple is built in place, which skips the map and
    # iterator the commonest spans would cost. A string never equals a tuple
    # and the tuples differ in length, so no two spans share a key.
    n = len(tokens)
    key = (tokens[0].text if n == 1 else (tokens[0].text, tokens[1].text) if n == 2
           else (tokens[0].text, tokens[1].text, tokens[2].text) if n == 3 else tuple(map(_text_of, tokens)))
    hit = _NP_CACHE.get(key)
    if hit is not None:
        if hit is _NO_PHRASE:
            return None
        # _source_np(kind, text, tokens[at].start, role, …) written out: hits are
        # common, and the call costs more than the stores.
        copy = _new_np(SourceNP)
        at, copy.kind, copy.text, copy.role, copy.gender, copy.surname_only, copy.definite, copy.head = hit
        copy.start = tokens[at].start
        return copy
    np = _parse_np(tokens)
    entry: tuple
    if np is None:
        entry = _NO_PHRASE
    else:
        start = np.start
        at = 0 if tokens[0].start == start else _index_at(tokens, start)  # the phrase nearly always starts the span
        if at is None:
            return np
        entry = (at, np.kind, np.text, np.role, np.gender, np.surname_only, np.definite, np.head)
    if len(_NP_CACHE) >= _NP_CACHE_SIZE:
        _NP_CACHE.clear()
    _NP_CACHE[key] = entry
    return np


def _index_at(tokens: list[Tok], start: int) -> int | None:
    """Which token starts at `start`, if any."""
    for i, t in enumerate(tokens):
        if t.start == start:
            return i
    return None


_DEMONYMS = {"kiwi", "swede", "scot", "brit", "briton", "aussie", "dane", "finn", "pole", "czech", "swiss", "frenchman",
             "frenchwoman", "dutchman", "irishman", "englishman", "welshman", "scotsman", "spaniard", "argentine",
             "american", "australian", "italian", "german", "russian", "brazilian", "canadian", "belgian", "serbian",
             "croatian", "norwegian", "austrian", "indian", "ukrainian", "nigerian", "kenyan", "ethiopian", "moroccan"}


def _demonym(tok: Tok) -> bool:
    """A nationality used as a noun for one person ("the Kiwi", "the Australian")."""
    return tok.cap and tok.low in _DEMONYMS


_POST_MODIFIER_PREPOSITIONS = PREPOSITIONS - {"to", "on", "in"}


# Dropped before a phrase.
_LEADING_LINKS = frozenset(["but", "and", "yet", "so", "however", "meanwhile", "also", "now"])


def _parse_np(tokens: list[Tok]) -> SourceNP | None:
    while tokens and tokens[0].low in _LEADING_LINKS:
        tokens = tokens[1:]
    if not tokens:
        return None
    start = tokens[0].start
    first = tokens[0].low
    if len(tokens) == 1 and first in PRONOUNS:
        return _source_np("pronoun", first, start, gender=PRONOUNS[first])
    det = first if first in DETERMINERS else None
    body = tokens[1:] if det else tokens
    if not body:
        return None
    # Split off a post-modifier: "Andrew Weiss of the Carnegie Endowment".
    head_part, post = body, []
    for i, t in enumerate(body):
        if i and t.low in _POST_MODIFIER_PREPOSITIONS:
            lord_of = (t.low == "of" and i + 1 < len(body) and body[i + 1].cap
                       and any(b.low in STYLES for b in body[:i]))
            title_of = t.low == "of" and body[i - 1].cap and body[i - 1].low in TITLE_WORDS
            if lord_of or title_of:  # Lord Nicholls of Birkenhead, Secretary of State
                continue
            head_part, post = body[:i], body[i:]
            break
    run_start = len(head_part)
    if run_start >= 2 and head_part[-1].text.isdigit() and head_part[-2].cap:
        run_start -= 1  # "Number 10"
    while run_start > 0 and (head_part[run_start - 1].cap or (
            head_part[run_start - 1].low in NAME_PARTICLES and run_start < len(head_part))
            or (head_part[run_start - 1].low == "of" and run_start < len(head_part))):
        run_start -= 1
    prefix, run = head_part[:run_start], head_part[run_start:]
    if det == "the" and len(body) == 1 and _demonym(body[0]):  # "the Kiwi said": someone named before
        return _source_np("desc", body[0].text, start, definite=True, head="demonym")
    if len(body) == 1 and "." in body[0].text and body[0].text[0].isalpha():  # gamesindustry.biz
        return _source_np("org", body[0].text, start)
    if post and (not run or (len(run) == 1 and not prefix)):
        named = _person_after_title(body, start)
        if named is not None:
            return named
    if not run:
        named = _named_body(body) if det == "the" else None
        return named or _desc(body, start, det == "the", det is not None)
    if len(run) == 1 and not prefix and (run[0].low in SOURCE_NOUNS or run[0].low in ROLE_NOUNS or run[0].low in RECORD_NOUNS
                                         or (run[0].low[-1:] == "s" and run[0].low[:-1] in ROLE_NOUNS)):
        return _desc(body, start, det == "the", det is not None)  # sentence-initial "Analysts said"
    titles, name = _name_run_split(run)
    postnominal: list[Tok] = []
    while name and name[-1].low in POST_NOMINALS:
        postnominal.insert(0, name[-1])
        name = name[:-1]
    if not name or (name[0].low == "of" and titles):  # "the Archbishop of Canterbury": an office, no name
        return _desc([t for t in body if t.low not in HONORIFICS], start, det == "the", det is not None)
    bare = not prefix and not titles  # "the Treasury": a name straight after "the" is an organisation
    if _is_org(name, det if bare else None) or (not titles and prefix and prefix[-1].low == "the"):
        org_toks = name if _has_possessive(titles) else titles + name
        org = " ".join([t.text for t in org_toks if t.low not in HONORIFICS])
        if post and post[0].low in ("for", "of", "on") and any(t.cap for t in post[1:]):
            org += " " + " ".join(t.text for t in post)
        return _source_np("org", org, start)
    # Plain loops: most phrases are a short name, and a comprehension's own
    # frame costs more than its few items.
    gender = None
    title_toks = []
    for t in titles:
        gender = HONORIFICS.get(t.low, gender)
        if t.low not in HONORIFICS:
            title_toks.append(t)
    style = None  # the first peerage style in the name: "Sir", "Lady"
    full_words = 0  # the name's words but styles and particles
    for t in name:
        if t.low in STYLES:
            style = style or t.low
        elif t.low not in NAME_PARTICLES or t.text == "Al":
            full_words += 1
    if style:
        gender = STYLES[style]
    role = title_role(prefix + title_toks) if (prefix or title_toks) else None
    if role is None and post and post[0].low in ("of", "from", "at", "with"):
        role = appositive_role(post)
    if role is None and postnominal:
        role = postnominal[0].text
    # "Ms von der Leyen" is a surname with its particles, not a full name ("Al Aynsley-Green" is one)
    surname_only = full_words <= 1 and not style
    # " ".join(map(_text_of, name)), and _source_np's arguments by position: a
    # lone word needs no join, and keywords cost the call a lookup each.
    text = name[0].text if len(name) == 1 else " ".join(map(_text_of, name))
    return _source_np("person", text, start, role, gender, surname_only)
