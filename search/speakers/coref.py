"""Who a mention refers to, within one article.

`ArticleContext` remembers the people introduced so far (full name, role at
first naming, gender from honorifics and pronouns), the organisations and
unnamed sources that have spoken, and the mentions of recent sentences, so
that "Sherman", "Mr Blair", "she", "the minister" and "the company" resolve
to the canonical name the article introduced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.speakers.first_names import gender_of_first_name
from search.speakers.lexicon import CALENDAR_WORDS, NAME_PARTICLES, ORG_NOUNS, ROLE_NOUNS, STYLES
from search.speakers.noun_phrases import SourceNP
from search.speakers.spelling import source_spelling

_FEMALE_HEADS = {"spokeswoman", "chairwoman", "businesswoman", "actress", "woman", "mother", "wife", "daughter",
                 "queen", "princess"}
_MALE_HEADS = {"spokesman", "chairman", "businessman", "actor", "man", "father", "husband", "son", "king", "prince"}
_HISTORY = 10  # sentences a pronoun may look back
_LOWER_WORD_RE = re.compile(r"(?<![\w'\u2019-])[a-z]++(?![\w'\u2019-])")
_LOOK_BACK = 100  # people or descriptions a definite description may refer back to
_SENTENCE_MENTIONS = 40  # mentions of a sentence kept for later sentences
_GENDER_WINDOW = 2  # candidates a pronoun weighs by their known gender
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}


@dataclass(eq=False)
class Entity:
    name: str
    kind: str  # "person", "org", "desc"
    role: str | None = None
    gender: str | None = None  # "m", "f", "p" (plural) or None
    full: bool = True  # a person known only by surname is not full


def surname_of(name: str) -> str:
    """The last word before any "of" that is no style or particle, lower case
    ("Lord Nicholls of Birkenhead" -> "nicholls", "Ursula von der Leyen" -> "leyen")."""
    words = [w for w in name.split() if w.lower() not in STYLES]
    if "of" in words:
        words = words[: words.index("of")]
    words = [w for w in words if w.lower() not in NAME_PARTICLES]
    return words[-1].lower() if words else name.lower()


def _names_an_office(description: str) -> bool:
    """ "Archbishop of Canterbury", "Director of Public Prosecutions": a title tied to a named place or
    body, held by one person, as opposed to a role anyone speaking might have ("the minister")."""
    title, of, rest = description.partition(" of ")
    title_words = title.split()
    return (bool(of) and 1 <= len(title_words) <= 3 and all(w[:1].isupper() for w in title_words)
            and any(word[:1].isupper() for word in rest.split()))


def _first_name_gender(name: str) -> str | None:
    """The gender of a full name's first name ("Sir John Bourn" -> "m"); None for one word."""
    words = [w for w in name.split() if w.lower() not in STYLES]
    return gender_of_first_name(words[0]) if len(words) >= 2 else None


def _desc_gender(head: str) -> str | None:
    if head in _FEMALE_HEADS:
        return "f"
    if head in _MALE_HEADS:
        return "m"
    if head.endswith("s") and not head.endswith("ss"):
        return "p"
    return None


@dataclass
class ArticleContext:
    people: dict[str, Entity] = field(default_factory=dict)
    by_surname: dict[str, Entity] = field(default_factory=dict)
    others: dict[str, Entity] = field(default_factory=dict)
    not_people: set[str] = field(default_factory=set)  # capitalised runs known not to name anyone
    org_runs: dict[str, Entity] = field(default_factory=dict)  # capitalised runs naming an organisation
    run_cache: dict[str, Entity] = field(default_factory=dict)  # capitalised runs already resolved
    aliases: dict[str, Entity] = field(default_factory=dict)  # "cochilco" -> Chilean Copper Commission
    history: list[list[Entity]] = field(default_factory=list)
    last_speaker: Entity | None = None
    sentence_in_paragraph: int = 0  # index of the sentence being read within its paragraph
    paragraphs_since_speaker: int = 0  # 0: the previous paragraph had a speaker
    paragraph_index: int = 0
    lede_descriptions: dict[int, tuple[Entity, str]] = field(default_factory=dict)  # unnamed sources of the lede
    article_text: str = ""  # every paragraph of the article, for what only the whole text tells
    _lower_words: set[str] | None = None
    # Indexes that keep every lookup one step, however many names an article holds:
    by_style_and_first: dict[tuple[str, str], Entity] = field(default_factory=dict)  # ("Sir", "John") -> Sir John Bourn
    by_first_word: dict[str, Entity] = field(default_factory=dict)  # "bdo" -> BDO Stoy Hayward (3 words or more)
    descriptions: list[Entity] = field(default_factory=list)  # unnamed sources, in order of introduction

    def lower_case_words(self) -> set[str]:
        """The words the article writes in lower case somewhere (read once, when first asked)."""
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD_RE.findall(self.article_text))
        return self._lower_words

    # -- registration -------------------------------------------------
    def person(self, np: SourceNP, *, create: bool = True) -> Entity | None:
        if np.surname_only:
            surname = surname_of(np.text)  # "von der Leyen" -> "leyen", as registered for the full name
            ent = self.by_surname.get(surname)
            if ent is None:
                if not create:
                    return None
                ent = Entity(np.text, "person", None, None, False)  # full=False, by position: a keyword costs a lookup
                self.by_surname[surname] = ent
        else:
            key = np.text.lower()
            ent = self.people.get(key)
            if ent is None:
                # Only a style and one word ("Sir John") can name someone
                # introduced in full: tested here, the call is spared for every other new name.
                words = np.text.split()
                if len(words) == 2 and words[0].lower() in STYLES:
                    ent = self._by_style_and_first_name(words)
            if ent is None:
                surname = surname_of(np.text)
                known = self.by_surname.get(surname)
                if known is not None and not known.full:  # "Mr Tveter" before "Eric Tveter"
                    known.name, known.full = np.text, True
                    ent = known
                else:
                    ent = Entity(np.text, "person", None, _first_name_gender(np.text))  # gender, by position
                    self.by_surname.setdefault(surname, ent)
                self.people[key] = ent
                words = ent.name.split()
                if len(words) >= 3:
                    self.by_style_and_first.setdefault((words[0], words[1]), ent)
        if np.gender and ent.gender is None:
            ent.gender = np.gender
        if np.role and ent.role is None:
            ent.role = np.role
        return ent

    def _by_style_and_first_name(self, words: list[str]) -> Entity | None:
        """ "Sir John" (the name's two words) -> Sir John Bourn, introduced earlier."""
        return self.by_style_and_first.get((words[0], words[1]))

    def other(self, name: str, kind: str, gender: str | None = None) -> Entity:
        name = source_spelling(name, kind)
        key = f"{kind}:{name.lower()}"
        ent = self.others.get(key)
        if ent is None and kind == "org":
            ent = self.org_alias(name)
        if ent is None:
            ent = self.others[key] = Entity(name, kind, None, gender)  # gender by position: a keyword costs a lookup
            if kind == "desc":
                self.descriptions.append(ent)
            elif kind == "org" and name.count(" ") >= 2:
                self.by_first_word.setdefault(name.split()[0].lower(), ent)
        return ent

    def org_alias(self, name: str) -> Entity | None:
        """ "Cochilco" after "Chilean Copper Commission (Cochilco)"; "BDO" after "BDO Stoy Hayward"."""
        low = name.lower()
        ent = self.aliases.get(low)
        if ent is None and " " not in low and len(low) >= 3:  # a short form of a long firm name only
            ent = self.by_first_word.get(low)
        return ent

    # -- resolution ---------------------------------------------------
    def resolve(self, np: SourceNP, current: list[Entity], prefer: Entity | None = None) -> Entity | None:
        if np.text.lower() in CALENDAR_WORDS:  # "Monday" is a date whatever the parse made of it
            return None
        if np.kind == "pronoun":
            return self.resolve_pronoun(np.text, current, prefer)
        if np.kind == "person":
            if np.surname_only and np.gender is None and np.role is None and surname_of(np.text) not in self.by_surname:
                if np.text.lower().endswith(("ing", "ed", "ly")):  # "Blistering attacks", "Revealed:": no name
                    return None
                return self.other(np.text, "org")  # "Umbro said", "Nato said"
            return self.person(np)
        if np.kind == "org":
            return self.other(np.text, "org")
        if np.definite:
            found = self.resolve_definite(np, current, prefer) or self._earlier_description(np)
            if found is not None or np.head in ("year-old", "demonym"):  # "the 21-year-old" alone names no one
                return found
        first, _, rest = np.text.partition(" ")
        if first in _POSSESSIVE_PRONOUNS:
            owner = self.resolve_pronoun(_POSSESSIVE_PRONOUNS[first], current, prefer, include_current=True)
            if owner is None or not rest:
                return None
            return self.other(f"{owner.name}'s {rest}", "desc", _desc_gender(np.head))
        ent = self.other(np.text, "desc", _desc_gender(np.head))
        if self.paragraph_index <= 1 and np.head in ROLE_NOUNS:
            self.lede_descriptions.setdefault(id(ent), (ent, np.head))
        return ent

    def _earlier_description(self, np: SourceNP) -> Entity | None:
        """ "the spokesperson" after "A Treasury spokesperson said": an unnamed source keeps the description
        of its first introduction, as a name keeps its first full form; the latest one that holds all the words wins."""
        words = set(np.text.lower().split())
        if np.head not in words:
            return None
        for ent in reversed(self.descriptions[-_LOOK_BACK:]):
            if words <= set(ent.name.lower().split()):
                return ent
        return None

    def cataphora(self) -> dict[int, Entity]:
        """ "says the boss of the organisation" in the lede, then "Vassilli
        Sevastis, Greek Athletics Federation boss": the description introduces
        that person before the text names them, when exactly one person's role ends in its noun."""
        by_role_noun: dict[str, dict[int, Entity]] = {}
        for p in self.people.values():
            if p.role:
                by_role_noun.setdefault(p.role.lower().split()[-1], {})[id(p)] = p
        out = {}
        for key, (desc, head) in self.lede_descriptions.items():
            people = by_role_noun.get(head, {})
            if len(people) == 1:
                out[key] = next(iter(people.values()))
        return out

    def _recent(self, current: list[Entity]):
        """Candidates, most likely first: this sentence (nearest first), then
        each earlier sentence (its first mention first)."""
        yield from reversed(current)
        for sentence in reversed(self.history[-_HISTORY:]):
            yield from sentence

    @staticmethod
    def _may_be(ent: Entity, want: str | None, prefer: Entity | None) -> bool:
        """Can "he" (want "m"), "she" ("f") or "the 23-year-old" (None) stand for ent?"""
        if ent.kind not in ("person", "desc") or (want and ent.gender not in (None, want)):
            return False
        if want is None and (ent.kind != "person" or ent.gender == "p"):
            return False
        return not (ent.kind == "desc" and ent.gender is None and not (ent is prefer and not ent.name.endswith("s")))

    def resolve_pronoun(self, pronoun: str, current: list[Entity], prefer: Entity | None = None,
                        include_current: bool = False, learn_gender: bool = True) -> Entity | None:
        """A subject pronoun of a speech verb: the current speaker when the
        gender agrees, else the nearest agreeing mention in earlier sentences.
        "person" stands for a reference of either gender ("the 23-year-old")."""
        if pronoun in ("he", "she", "person"):
            want = {"he": "m", "she": "f"}.get(pronoun)
            # Within a paragraph the subject of the previous sentence comes first;
            # a paragraph that opens on "…," he said continues the current speaker.
            fresh = prefer is not None and (self.sentence_in_paragraph > 0 or self.paragraphs_since_speaker == 0)
            previous = self.history[-1] if self.history and (self.sentence_in_paragraph or not fresh) else []
            older = [e for sentence in reversed(self.history[-_HISTORY:]) for e in sentence]
            if prefer is not None and any(e is prefer for e in previous):
                # "As Michael Howard kicked off …, Charles Kennedy dismissed …. And he insisted": the one
                # who spoke in the sentence before is its subject, whoever a fronted clause named first
                previous = [prefer] + [e for e in previous if e is not prefer]
            candidates = previous + ([prefer] if prefer is not None else []) + older
            if include_current:  # "…, his family said": the owner is named in this sentence
                candidates = list(reversed(current)) + candidates
            eligible = [ent for ent in candidates if self._may_be(ent, want, prefer)][:_GENDER_WINDOW]
            if not eligible:
                return None
            # One whose gender is known to agree beats a nearer one of unknown gender:
            # "Hillary Clinton prosecuted Bernie Sanders as she sought ..." is Clinton.
            # But the person the sentence before opened on is its subject, and a later "he" goes on
            # about them: "Florida developer Mel Sembler expressed dismay at Trump. '…,' he told …"
            subject = previous[0] if previous and previous[0].kind == "person" and (
                previous[0].gender == want or previous[0].role) else None  # a role: a person, not "French Open"
            choice = subject if eligible[0] is subject else next(
                (ent for ent in eligible if want and ent.gender == want), eligible[0])
            if choice.gender is None and want and learn_gender:
                choice.gender = want
            return choice
        if pronoun == "it":
            return next((e for e in self._recent(current) if e.kind == "org"), None)
        if pronoun in ("they", "we"):
            if prefer is not None and (prefer.kind == "org" or prefer.gender == "p"):
                return prefer
            return next((e for e in self._recent(current) if e.kind == "org" or e.gender == "p"), None)
        return None

    def resolve_definite(self, np: SourceNP, current: list[Entity], prefer: Entity | None = None) -> Entity | None:
        """ "the company" -> the last organisation; "the foreign secretary" ->
        the person with that role, else the current speaker, who gets the role."""
        if np.head == "year-old":
            return self.resolve_pronoun("person", current, prefer)
        if np.head == "demonym":  # "Dallas said …, but the Kiwi said": the nearest person named, this sentence first
            return self.resolve_pronoun("person", [e for e in current if e is not prefer], prefer, include_current=True)
        if np.head in ORG_NOUNS:
            if prefer is not None and prefer.kind == "org":
                return prefer
            return next((e for e in self._recent(current) if e.kind == "org"), None)
        if np.head in ROLE_NOUNS or np.head.rstrip("s") in ROLE_NOUNS:
            words = set(np.text.lower().replace("'s", "").split())
            for ent in list(self._recent(current)) + list(reversed(list(self.people.values())[-_LOOK_BACK:])):
                if ent.kind == "person" and ent.role and words <= set(ent.role.lower().replace("'s", "").split()):
                    return ent
            if _names_an_office(np.text):
                return None  # "the Archbishop of Canterbury" is someone of their own, not the last speaker
            if np.head.endswith("s") and not np.head.endswith("ss"):
                return None  # "the show's producers" are more than the one person just named
            # The current speaker is "the United boss" when they are also the subject of the sentence
            # before ("Ferguson believes … The United boss said"), not when someone else is.
            previous = next((e for e in (self.history[-1] if self.history else []) if e.kind == "person"), None)
            fallback = prefer if (prefer is not None and prefer.kind == "person"
                                  and previous in (None, prefer)) else None
            if fallback is not None and fallback.role is None:
                fallback.role = np.role or np.text
                return fallback
        return None

    def end_sentence(self, mentions: list[Entity]) -> None:
        self.history.append(mentions[:_SENTENCE_MENTIONS])  # the subject and what follows it, not a whole list
        if len(self.history) > 2 * _HISTORY:
            del self.history[:-_HISTORY]
