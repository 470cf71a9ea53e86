"""One name per speaker across a library.

Attribution names speakers article by article, so one person or body can
reach the library under several spellings: "Tony Blair" and "Blair",
"Mr Blair" and "blair's", "Donald J. Trump" and "Donald Trump", "Tories"
and "tories". `canonical_names` takes every (name, role, article) the
library holds, as plain data, and returns the name each spelling should
be shown and searched under:

- case, possessive, a leading "the" and courtesy titles never make a new
  name ("Mr Blair", "blair's" -> "Blair");
- a bare surname becomes the one full name it can be: the full name with
  that surname in the same article, else the only one whose role it
  shares, else the only full name with that surname in the library when
  the bare name was written as a person's (a courtesy title, a role) and
  not maybe as a place or a body ("France"), else the one the library
  quotes ten times as often as every other full name with that surname
  together (Tony Blair beside Sir Ian and Cherie Blair); where its
  articles point it to different people, the one most of them point to;
- a full name with a middle initial or middle name is the same person as
  the full name without it, when that is the only match;
- groups the texts equate are one group: two roles of the same person that
  differ only in one capitalised word ("Tory leader", "Conservative
  leader") equate those words, so "Tories" and "the Conservatives" are one
  group, named after the form that also names a party ("Conservative
  party").

Pure: no disk, no globals; the index layer calls it over the whole library.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from search.speakers.coref import surname_of
from search.speakers.first_names import gender_of_first_name
from search.speakers.lexicon import HONORIFICS, NAME_PARTICLES, ORG_WORDS, STYLES

Mention = tuple[str, "str | None", str]  # (name, role, article id)
# Spellings whose fold and shape are kept: a library's names are worked out again on every
# change to the index, mostly from the same spellings.
NAMES_KEPT = 1 << 16
_POSSESSIVE_RE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$", re.IGNORECASE)


@lru_cache(maxsize=NAMES_KEPT)
def fold(name: str) -> str:
    """The spelling-blind key of a name: lower case, single spaces, no possessive,
    no leading "the", no courtesy title ("Mr. Blair's" -> "blair")."""
    words = name.replace("\u2019", "'").split()
    while words and (words[0].lower() in ("the",) or words[0].lower().rstrip(".") in HONORIFICS):
        if len(words) == 1:
            break
        words = words[1:]
    text = " ".join(words)
    return _POSSESSIVE_RE.sub("", text).lower()


def _is_full_name(key: str) -> bool:
    """Two or more name words ("tony blair", "lord nicholls of birkenhead"); a
    style and one word ("lord carlile") counts as the full name it is."""
    words = [w for w in key.split() if w not in NAME_PARTICLES and w != "of"]
    return len(words) >= 2


@lru_cache(maxsize=NAMES_KEPT)
def _person_like(surface: str) -> bool:
    """Written as a person's name: every word capitalised, none an organisation's word or an
    acronym ("Police Bill", "Nintendo DS"), no digits."""
    words = surface.split()
    return bool(words) and not any(c.isdigit() for c in surface) and all(
        (w[:1].isupper() and not _acronym(w) and w.lower() not in ORG_WORDS)
        or w.lower() in NAME_PARTICLES or w == "of" for w in words)


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _first_named(key: str) -> bool:
    """Does the name open on a first name or a style ("tony blair", "sir ian blair")? Only then is
    it a person's full name that a bare surname or a shorter form can stand for."""
    first = key.split()[0]
    return first in STYLES or gender_of_first_name(first) is not None


def _without_middle(key: str) -> str:
    """ "donald j. trump" -> "donald trump"; "hillary rodham clinton" -> "hillary clinton"."""
    words = key.split()
    if len(words) <= 2 or not _first_named(key) or words[0] in STYLES:
        return key
    return f"{words[0]} {words[-1]}"


def _stem(word: str) -> str:
    """ "Tories" -> "tory", "Conservatives" -> "conservative": a group word's singular, lower case."""
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def _group_key(key: str) -> str | None:
    """A group's word for equating: "tories" -> "tory", "conservative party" -> "conservative"."""
    words = key.split()
    if words and words[-1] == "party":
        words = words[:-1]
    return _stem(words[0]) if len(words) == 1 else None


def _equated_words(roles_by_person: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Pairs of capitalised words that two roles of one person swap and nothing else:
    "Tory leader" / "Conservative leader" -> ("tory", "conservative")."""
    pairs = []
    for roles in roles_by_person.values():
        listed = sorted(roles)
        for i, first in enumerate(listed):
            for second in listed[i + 1 :]:
                a, b = first.split(), second.split()
                if len(a) != len(b):
                    continue
                diff = [(x, y) for x, y in zip(a, b) if x != y]
                if len(diff) == 1 and diff[0][0][:1].isupper() and diff[0][1][:1].isupper():
                    x, y = diff[0]
                    if x.lower() != y.lower():
                        pairs.append((_stem(x), _stem(y)))
    return pairs


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _best_spelling(counts: Counter) -> str:
    """The most used spelling; on a tie, the one with more capitals, then the first in order."""
    return min(counts, key=lambda s: (-counts[s], -_capitals(s), s))


@lru_cache(maxsize=NAMES_KEPT)
def _capitals(spelling: str) -> int:
    return sum(c.isupper() for c in spelling)


@lru_cache(maxsize=NAMES_KEPT)
def _full_name_surname(key: str) -> str | None:
    """The surname of a folded full name; None for a name that is not a full one."""
    return surname_of(key) if _is_full_name(key) else None


DOMINANT_SHARE = 10  # a full name quoted this many times as often as all others with its surname together
DOMINANT_MENTIONS = 20  # ... and at least this often: the library knows who the bare surname means


def _dominant(candidates: set[str], counts: Counter) -> str | None:
    """The candidate the library quotes overwhelmingly more than the others (Tony Blair beside
    Sir Ian and Cherie Blair), or None."""
    ranked = sorted(candidates, key=lambda c: -counts[c])
    top, rest = counts[ranked[0]], sum(counts[c] for c in ranked[1:])
    return ranked[0] if top >= DOMINANT_MENTIONS and top >= DOMINANT_SHARE * max(rest, 1) else None


class NameCounts:
    """What `canonical_names` reads of a library's mentions, in counts that add up and take away:
    the index counts each segment apart, keeps the counts, and sums them per index state, so a
    new state (an article added, one deleted) costs only its new or changed segments.

    Each article's distinct (name, role) pairs are counted; an article is counted in one part
    only (a segment holds all of an article's paragraphs, and deletes them all)."""

    __slots__ = ("names", "roles", "bare")

    def __init__(self, names: Counter | None = None, roles: Counter | None = None,
                 bare: Counter | None = None) -> None:
        self.names = names if names is not None else Counter()  # name -> its (role, article) pairs
        self.roles = roles if roles is not None else Counter()  # (name, role) -> articles
        # (folded one-word name, the full names in the same article with it as their surname) -> articles
        self.bare = bare if bare is not None else Counter()

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> NameCounts:
        by_article: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        for name, role, article in mentions:
            by_article[article].add((name, role))
        return cls.of_articles(by_article.values())

    @classmethod
    def of_articles(cls, articles: Iterable[Iterable[tuple[str, str | None]]]) -> NameCounts:
        """The counts of each article's distinct (name, role) speakers, one article at a time."""
        counts = cls()
        names, roles, bare = counts.names, counts.roles, counts.bare
        for speakers in articles:
            keys = set()
            for name, role in speakers:
                names[name] += 1
                if role:
                    roles[name, role] += 1
                keys.add(fold(name))
            for key in keys:
                if key and " " not in key:
                    bare[key, frozenset(k for k in keys if _full_name_surname(k) == key)] += 1
        return counts

    @classmethod
    def total(cls, parts: Iterable[NameCounts]) -> NameCounts:
        parts = list(parts)
        if len(parts) == 1:
            return parts[0]
        total = cls()
        for part in parts:
            total.names.update(part.names)
            total.roles.update(part.roles)
            total.bare.update(part.bare)
        return total

    def __sub__(self, other: NameCounts) -> NameCounts:
        """These counts without `other`'s (the counts of articles among these): what is left."""
        return NameCounts(self.names - other.names, self.roles - other.roles, self.bare - other.bare)


def canonical_names(mentions: Iterable[Mention] | NameCounts) -> dict[str, str]:
    """For every name in `mentions` (or in their counts), the name it should be shown and searched under.

    The answer does not depend on the order of the mentions: where articles disagree
    (a bare "Reeve" beside Tony Reeve in one, beside Clara Reeve in another), the
    choice most of them make wins, then the name the library quotes most, then the
    first in alphabetical order."""
    counts = mentions if isinstance(mentions, NameCounts) else NameCounts.of(mentions)
    key_of = {name: fold(name) for name in counts.names}
    spellings: dict[str, Counter] = defaultdict(Counter)  # folded key -> surface spellings and their counts
    roles: dict[str, set[str]] = defaultdict(set)  # folded key -> roles seen with it
    # keys written with a courtesy title somewhere ("Mr Blair"): a person
    titled = {key for name, key in key_of.items()
              if key and " " in name and name.split()[0].lower().rstrip(".") in HONORIFICS}
    for name, count in counts.names.items():
        if key := key_of[name]:
            spellings[key][name] += count
    for name, role in counts.roles:
        if key := key_of[name]:
            roles[key].add(role)
    target: dict[str, str] = {key: key for key in spellings}  # folded key -> folded key it merges into

    def quoted_most(keys: Iterable[str]) -> str:
        return min(keys, key=lambda k: (-sum(spellings[k].values()), k))

    # Full names, by surname and without middle names.
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    full_by_short: dict[str, set[str]] = defaultdict(set)
    for key, spelled in spellings.items():
        if _is_full_name(key) and _person_like(_best_spelling(spelled)):
            full_by_surname[surname_of(key)].add(key)
            full_by_short[_without_middle(key)].add(key)
    for key in spellings:  # "Exchequer Gordon Brown": one title word stuck to a full name the library knows
        words = key.split()
        tail = " ".join(words[-2:])
        if (len(words) == 3 and tail in spellings and _first_named(tail) and words[0] not in STYLES
                and not _first_named(key) and _person_like(_best_spelling(spellings[key]))):
            target[key] = tail
    for short, keys in full_by_short.items():  # "donald j. trump" -> "donald trump"
        if len(keys) > 1 and short in keys:
            for key in keys - {short}:
                target[key] = short
        elif len(keys) > 1 and len({_without_middle(k) for k in keys}) == 1:
            main = quoted_most(keys)
            for key in keys - {main}:
                target[key] = main

    quoted: Counter = Counter()  # mentions per full name, with the forms merged into it above
    for key, spelled in spellings.items():
        quoted[target[key]] += sum(spelled.values())

    # Bare surnames: the same article first, then the library, then the roles; article by article.
    votes: dict[str, Counter] = defaultdict(Counter)
    person_like: dict[str, bool] = {}
    for (key, same_article), articles in counts.bare.items():
        if target.get(key, key) != key:
            continue
        if (person := person_like.get(key)) is None:
            person = person_like[key] = all(_person_like(s) for s in spellings[key])
        if not person:
            continue  # "king" is also written in lower case: a description, not (only) a surname
        surnamed = full_by_surname.get(key, ())
        candidates = {target[k] for k in surnamed}
        if not candidates:
            continue
        here = {target[k] for k in same_article if k in surnamed}
        sharing = {c for c in candidates if roles[key] & roles[c]}
        if len(here) == 1:
            choice = here.pop()
        elif len(sharing) == 1:
            choice = sharing.pop()
        elif len(candidates) == 1 and (roles[key] or key in titled) and gender_of_first_name(key) is None:
            choice = next(iter(candidates))  # a person ("Mr Blair", a role) with one possible full name
        elif (roles[key] or key in titled or len(candidates) > 1) and gender_of_first_name(key) is None \
                and (dominant := _dominant(candidates, quoted)):
            # Written as a person, or a surname several people share (so not a place or a body):
            # the one the library quotes far more than every other with that surname.
            choice = dominant
        else:
            choice = None  # "France", "Michael": a country, a first name, someone else as likely
        if choice is not None:
            votes[key][choice] += articles
    for key, chosen in votes.items():
        target[key] = min(chosen, key=lambda c: (-chosen[c], -quoted[c], c))

    # Groups the texts equate through one person's roles.
    groups = _Union()
    for a, b in _equated_words({k: r for k, r in roles.items() if _is_full_name(k)}):
        groups.join(a, b)
    by_group: dict[str, list[str]] = defaultdict(list)
    for key in spellings:
        word = _group_key(key)
        if word is not None and word in groups.parent:
            by_group[groups.find(word)].append(key)
    for keys in by_group.values():
        if len({_group_key(k) for k in keys}) < 2:
            continue  # nothing to merge: one group word only
        party = {_group_key(k) for k in keys if k.endswith(" party")}
        plurals = [k for k in keys if " " not in k and k.endswith("s") and (not party or _group_key(k) in party)]
        main = quoted_most(plurals or keys)
        for key in keys:
            target[key] = main

    def resolve(key: str) -> str:
        seen = set()
        while target[key] != key and key not in seen:
            seen.add(key)
            key = target[key]
        return key

    # Every spelling of every key that merges into one key is shown as that key's best spelling.
    merged: dict[str, Counter] = defaultdict(Counter)
    for key, spelled in spellings.items():
        merged[resolve(key)].update(spelled)
    shown = {key: _best_full_spelling(key, spelled) for key, spelled in merged.items()}
    return {name: shown[resolve(key)] for name, key in key_of.items() if key}


def _best_full_spelling(key: str, counts: Counter) -> str:
    """The spelling to show for a merged key: its most used spelling that folds to the key
    itself (the full name, not a surname that joined it), without a courtesy title or possessive."""
    own = Counter({s: n for s, n in counts.items() if fold(s) == key})
    best = _best_spelling(own or counts)
    words = best.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS and _person_like(" ".join(words[1:])):
        words = words[1:]  # "Mr Reeve" -> "Reeve"; "Mr Blair's spokesman" stays
    return _POSSESSIVE_RE.sub("", " ".join(words))


def merged_variants(names: dict[str, str]) -> dict[str, list[str]]:
    """For each canonical name, the other spellings `canonical_names` merged into it."""
    out: dict[str, list[str]] = defaultdict(list)
    for variant, canonical in sorted(names.items()):
        if variant != canonical:
            out[canonical].append(variant)
    return dict(out)


__all__ = ["Mention", "NameCounts", "canonical_names", "fold", "merged_variants"]
