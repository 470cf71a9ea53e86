"""Noun phrases that can be a source.

`parse_np` turns a span of tokens into a `SourceNP`: a person (name tokens,
honorific gender, role from a title or affiliation), an organisation, an
unnamed description ("senior European diplomat") or a pronoun.
"""
from __future__ import annotations

from dataclasses import dataclass

from search.speakers.first_names import gender_of_first_name, is_first_name
from search.speakers.lexicon import (
    DETERMINERS,
    GROUP_NOUNS,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAME,
    NUMBER_WORDS,
    ORG_NOUNS,
    ORG_WORDS,
    PARTY_WORDS,
    POST_NOMINALS,
    PREPOSITIONS,
    PRONOUNS,
    RECORD_NOUNS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    STYLES,
    TIME_DEICTICS,
    TIME_NOUNS,
    TITLE_WORDS,
)
from search.speakers.roles import (
    PROPER_ADJECTIVE_ENDINGS,
    appositive_role,
    join_punctuation,
    role_text,
    title_case,
    title_role,
)
from search.speakers.tokens import Tok, is_possessive


@dataclass(slots=True)
class SourceNP:
    kind: str  # "person", "org", "desc", "pronoun"
    text: str  # person: name without courtesy title; org: name; desc: the description
    start: int  # character offset of the phrase
    role: str | None = None
    gender: str | None = None
    surname_only: bool = False
    definite: bool = False
    head: str = ""


def _name_run_split(run: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """Split "Venezuelan President Hugo Chavez" into title tokens and name tokens."""
    cut = -1
    for i, t in enumerate(run):
        if t.low == "of" or t.low in NAME_PARTICLES:
            continue
        # "Mike Friday", "Theresa May": a day or month is a name after the first word.
        after_honorific = i > 0 and run[i - 1].low in HONORIFICS  # "Mr. Prince", "Mrs. May": a surname
        # "Rep. Peter (T.) King", "Gill Champion": a title word that ends the run straight after a first name
        # is a surname ("Salford MP", "European Commissioner" have no first name)
        if i == len(run) - 1 and not is_possessive(t) and _after_first_name(run, i):
            continue
        if (t.low in HONORIFICS or ((t.low in TITLE_WORDS or (t.low in NOT_NAME and i == cut + 1))
                                    and not after_honorific) or is_possessive(t)):
            cut = i
    return run[: cut + 1], run[cut + 1 :]


def is_org_word(text: str) -> bool:
    """One word that makes a name an organisation's: "Group", "BBC", "3M", "gamesindustry.biz"."""
    if text.lower() in ORG_WORDS:
        return True
    if text.isalpha():  # most words: only capitals can make them an acronym
        return len(text) >= 2 and text.isupper()
    if any(c.isdigit() for c in text):
        return True
    letters = [c for c in text if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or "." in text[1:-1]


def _is_org(name: list[Tok], det: str | None) -> bool:
    if len(name) == 2 and gender_of_first_name(name[0].text) and name[0].text[1:].islower():
        return False  # "Ellen Park", "Jerry Hall": a first name makes a person
    return any(is_org_word(t.text) for t in name) or det == "the"


_AFTER_HEAD = {"close", "familiar", "involved", "concerned", "themselves", "himself", "herself", "alike", "there",
               "here"}
# Heads that count a group rather than name it: the group is the noun after
# "of" ("46 percent of voters", "half of respondents").
_QUANTITY_HEADS = {"percent", "per", "half", "third", "thirds", "quarter", "majority", "minority", "plurality",
                   "number",
                   "numbers", "most", "many", "some", "all", "none", "few", "several", "dozens", "hundreds",
                   "thousands", "millions", "lot", "lots", "bunch", "handful", "share", "proportion", "both", "each",
                   "array", "range", "variety", "slew", "raft"}
# Words that may open a phrase before its source: "(Last) week Grammy producers said".
_LEADING_TIME_WORDS = (TIME_NOUNS - {"time", "times"}) | TIME_DEICTICS
_NEGATIONS = {"no", "none", "nobody", "neither", "nor", "not", "never", "few"}
_SHARE_HEADS = ("percent", "half", "third", "thirds", "quarter", "quarters", "fourths", "fifths", "tenths", "majority",
                "minority", "plurality")
# Endings of nouns for people ("campaigners", "donors", "residents"); a singular "-er" is
# as often a thing or a comparative ("smaller", "paper"), and "-or" must follow a consonant
# that makes agents ("investor", "sponsor", "ambassador"), not "terror" or "floor".
_AGENT_SUFFIXES = ("ist", "ists", "ian", "ians", "man", "men", "woman", "women", "person", "people", "ers", "ans",
                   "ant", "ants", "ent", "ents", "ee", "ees", "ate", "ates", "tor", "tors", "sor", "sors", "nor",
                   "nors", "dor", "dors", "vor", "vors")
_THING_SUFFIXES = ("ment", "ments", "ss", "us", "is")  # "government" is listed; "agreement", "process" are no one
# Heads that name a time, a place or an amount, never someone.
_NOT_SOURCE_HEADS = TIME_NOUNS | {"center", "centre", "percent", "number"}


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def is_source_head(head: str) -> bool:
    """Can a description with this head noun speak? People, groups and
    bodies can ("officials", "advocates", "a spokeswoman", "the ministry");
    records, things and times cannot ("the report", "talks", "weeks").
    A compound is judged by its last part ("Cuban-Americans", "co-founders")."""
    head = head.rsplit("-", 1)[-1]
    one = _singular(head)
    for word in (head, one):
        if word in SOURCE_NOUNS or word in ROLE_NOUNS or word in ORG_NOUNS or word in GROUP_NOUNS:
            return True
    if head in RECORD_NOUNS or one in RECORD_NOUNS or head in _NOT_SOURCE_HEADS or not head.isalpha():
        return False
    # An ending makes an agent noun only after a stem: "student", "resident", "donor", not "sent",
    # "event" (an ending that opens on its consonant, "-nor", needs less stem than "-ent").
    return (any(head.endswith(suffix) and len(head) - len(suffix) >= (2 if suffix[0] not in "aeiou" else 3)
                for suffix in _AGENT_SUFFIXES)
            and not head.endswith(_THING_SUFFIXES))


def _head_part(tokens: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """The words up to the head noun, and the post-modifier from the first preposition on."""
    for i, t in enumerate(tokens):
        if i and t.low in PREPOSITIONS:
            return tokens[:i], tokens[i:]
    return tokens, []


def _desc(tokens: list[Tok], start: int, definite: bool, after_determiner: bool = False) -> SourceNP | None:
    if not tokens or not (tokens[0].word or tokens[0].text == "%"):  # "'roving' forward …": a fragment
        return None
    if tokens[0].low in _NEGATIONS:  # "no terrorist organization has claimed": nobody spoke
        return None
    while tokens and tokens[0].low in _LEADING_TIME_WORDS:  # "(Last) week Grammy producers said"
        tokens = tokens[1:]
        start = tokens[0].start if tokens else start
    while len(tokens) > 1 and (tokens[-1].low in PREPOSITIONS or tokens[-1].low in DETERMINERS):
        tokens = tokens[:-1]  # "lawyers for the": the sentence cut the phrase short
    if not tokens:
        return None
    head_part, post = _head_part(tokens)
    while len(head_part) > 1 and head_part[-1].low in _AFTER_HEAD:  # "sources close (to)", "those involved"
        head_part = head_part[:-1]
    head = head_part[-1].low
    if head == "%":  # "47% say"
        head = "percent"
    if head.endswith("-year-old") and definite:  # "the 23-year-old told BBC Sport": someone named before
        return SourceNP("desc", head, start, definite=True, head="year-old")
    if head in _QUANTITY_HEADS or head[:1].isdigit() or head in NUMBER_WORDS or head.endswith(_SHARE_HEADS):
        # "46 percent of voters": voters are the head; a poll's share stands alone
        # ("47 percent said", "Six in 10 say", "three-quarters said").
        if len(post) < 2 or post[0].low != "of":
            if head.endswith(_SHARE_HEADS) or (len(post) == 2 and post[0].low in ("in", "out") and post[1].word):
                return SourceNP("desc", description_text(tokens, not after_determiner), start, definite=definite,
                                head=head)
            return None
        counted, _ = _head_part(post[1:])
        while counted and (counted[0].low in DETERMINERS or counted[0].low in _QUANTITY_HEADS):
            counted = counted[1:]
        if not counted or not is_source_head(counted[-1].low):
            return None
        head = counted[-1].low
    elif not is_source_head(head):
        return None
    text = description_text(tokens, may_open_sentence=not after_determiner)
    # role: the description as a role, should it turn out to describe a named person
    return SourceNP("desc", text, start, role=role_text(tokens), definite=definite, head=head)


_COMMON_LEADS = SOURCE_NOUNS | ROLE_NOUNS | ROLE_MODIFIERS | {
    "western", "eastern", "northern", "southern", "some", "several", "many", "most", "other", "veteran"}
_COMMON_PERSON_SUFFIXES = ("ist", "ists", "man", "men", "person", "people", "ers", "ors", "ents")


def _common_word(tok: Tok) -> bool:
    """A capitalised word that is only capitalised because it opens the sentence
    ("Officials", "Senior"), not a proper noun or adjective ("European", "Labour")."""
    if not title_case(tok) or tok.low.rstrip("s") in PARTY_WORDS or tok.low == "tories" or is_possessive(tok):
        return False
    if tok.low in _COMMON_LEADS or tok.low.endswith(_COMMON_PERSON_SUFFIXES):
        return True
    return not tok.low.rstrip("s").endswith(PROPER_ADJECTIVE_ENDINGS + ("ic",))  # "Nordic", "Baltic"


def description_text(tokens: list[Tok], may_open_sentence: bool = True) -> str:
    """An unnamed source as the text writes it ("senior European diplomat",
    "analysts at Fairhaven Research"), with a sentence-initial capital on a
    common word dropped so that "Officials said" and "officials said" agree.
    After "a" or "the" the first word does not open the sentence: "a Treasury
    spokesperson" keeps its capital."""
    words = [t.text for t in tokens]
    # "Paul King", "West Yorkshire police", "Real Madrid director": a capital before another is a proper name's
    runs_on = len(tokens) > 1 and tokens[1].cap and tokens[0].low not in _COMMON_LEADS
    if words and may_open_sentence and not runs_on and _common_word(tokens[0]):
        words[0] = tokens[0].low
    return join_punctuation(" ".join(words))


def _named_body(body: list[Tok]) -> SourceNP | None:
    """ "the IFPI industry body": an organisation named inside its description."""
    if 2 <= len(body) <= 4 and (body[-1].low in ORG_NOUNS or body[-1].low == "body") and body[0].cap:
        letters = [c for c in body[0].text if c.isalpha()]
        if len(letters) >= 2 and body[0].text.isupper() and not any(t.cap for t in body[1:]):
            return SourceNP("org", body[0].text, body[0].start)
    return None


def _person_after_title(body: list[Tok], start: int) -> SourceNP | None:
    """ "Shadow leader of the Commons Oliver Heald": a long title whose name
    runs straight on from its affiliation; the name starts at a first name."""
    k = len(body)
    while k > 0 and body[k - 1].cap and body[k - 1].low not in NOT_NAME:
        k -= 1
    for p in range(k, len(body) - 1):
        if body[p - 1].low in PREPOSITIONS:
            break  # "spokesman for Michael Howard": the name is the role's affiliation, not its holder
        if gender_of_first_name(body[p].text) and any(t.low in ROLE_NOUNS for t in body[:p]):
            name = body[p:]
            return SourceNP("person", " ".join(t.text for t in name), start, role=role_text(body[:p]),
                            gender=gender_of_first_name(body[p].text))
    return None


_DEMONYMS = {"kiwi", "swede", "scot", "brit", "briton", "aussie", "dane", "finn", "pole", "czech", "swiss", "frenchman",
             "frenchwoman", "dutchman", "irishman", "englishman", "welshman", "scotsman", "spaniard", "argentine",
             "american", "australian", "italian", "german", "russian", "brazilian", "canadian", "belgian", "serbian",
             "croatian", "norwegian", "austrian", "indian", "ukrainian", "nigerian", "kenyan", "ethiopian", "moroccan"}
_POST_MODIFIER_PREPOSITIONS = PREPOSITIONS - {"to", "on", "in"}
_LEADING_LINKS = {"but", "and", "yet", "so", "however", "meanwhile", "also", "now"}  # dropped before a phrase


def _after_first_name(body: list[Tok], i: int) -> bool:
    """Whether body[i] follows a first name, past any middle initials ("Peter T. King")."""
    k = i - 1
    while k >= 0 and len(body[k].text) <= 2 and body[k].text[:1].isupper() and body[k].text[1:] in ("", "."):
        k -= 1
    return k >= 0 and is_first_name(body[k].text)


def _is_role_word(low: str) -> bool:
    return (low in SOURCE_NOUNS or low in ROLE_NOUNS or low in RECORD_NOUNS
            or (low[-1:] == "s" and low[:-1] in ROLE_NOUNS))


def parse_np(tokens: list[Tok]) -> SourceNP | None:
    """Classify one conjunct noun phrase."""
    while tokens and tokens[0].low in _LEADING_LINKS:
        tokens = tokens[1:]
    if not tokens:
        return None
    start = tokens[0].start
    first = tokens[0].low
    if len(tokens) == 1 and first in PRONOUNS:
        return SourceNP("pronoun", first, start, gender=PRONOUNS[first])
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
            # "Secretary of State", not "Representative Peter (T.) King of New York": a title word after a
            # first name is a surname, and "of" starts the affiliation
            title_of = (t.low == "of" and body[i - 1].cap and body[i - 1].low in TITLE_WORDS
                        and not _after_first_name(body, i - 1))
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
    place = prefix[:-1] if prefix and prefix[-1].low in DETERMINERS else prefix  # "a lawmaker in (the) Philippines"
    if place and place[-1].low in PREPOSITIONS and run:  # "protest organizers in Cleveland": a place, no name
        return _desc(body, start, det == "the", det is not None)
    if det == "the" and len(body) == 1 and body[0].cap and body[0].low in _DEMONYMS:  # "the Kiwi said"
        return SourceNP("desc", body[0].text, start, definite=True, head="demonym")
    if len(body) == 1 and "." in body[0].text and body[0].text[0].isalpha():  # gamesindustry.biz
        return SourceNP("org", body[0].text, start)
    if post and (not run or (len(run) == 1 and not prefix)):
        named = _person_after_title(body, start)
        if named is not None:
            return named
    if not run:
        if det in ("a", "an") and len(body) >= 2 and not post and _plural(body[-1].low) and body[-2].word:
            # "In a move ministers say": "a" cannot head a plural; the plural is a subject of its own
            return _desc(body[-1:], body[-1].start, False, False)
        named = _named_body(body) if det == "the" else None
        return named or _desc(body, start, det == "the", det is not None)
    if len(run) == 1 and not prefix and _is_role_word(run[0].low):
        return _desc(body, start, det == "the", det is not None)  # sentence-initial "Analysts said"
    titles, name = _name_run_split(run)
    postnominal: list[Tok] = []
    while name and name[-1].low in POST_NOMINALS:
        postnominal.insert(0, name[-1])
        name = name[:-1]
    if not name and titles and not any(_is_role_word(t.low) or t.low in PARTY_WORDS or t.low in HONORIFICS
                                       or is_possessive(t) for t in titles):
        titles, name = [], titles  # "the Associated Press": title words without a role noun name no office
    if not name or (name[0].low == "of" and titles):  # "the Archbishop of Canterbury": an office, no name
        return _desc([t for t in body if t.low not in HONORIFICS], start, det == "the", det is not None)
    bare = not prefix and not titles  # "the Treasury": a name straight after "the" is an organisation
    if _is_org(name, det if bare else None) or (not titles and prefix and prefix[-1].low == "the"):
        org_toks = name if any(is_possessive(t) for t in titles) else titles + name
        org = " ".join(t.text for t in org_toks if t.low not in HONORIFICS)
        if post and post[0].low in ("for", "of", "on") and any(t.cap for t in post[1:]):
            org += " " + " ".join(t.text for t in post)
        return SourceNP("org", org, start)
    gender = None
    for t in titles:
        gender = HONORIFICS.get(t.low, gender)
    title_toks = [t for t in titles if t.low not in HONORIFICS]
    styles = [t.low for t in name if t.low in STYLES]  # "Sir", "Lady": part of the name
    if styles:
        gender = STYLES[styles[0]]
    role = title_role(prefix + title_toks) if (prefix or title_toks) else None
    if role is None and post and post[0].low in ("of", "from", "at", "with"):
        role = appositive_role(post)
    if role is None and postnominal:
        role = postnominal[0].text
    # "Ms von der Leyen" is a surname with its particles, not a full name ("Al Aynsley-Green" is one)
    full_words = sum(1 for t in name if t.low not in STYLES and (t.low not in NAME_PARTICLES or t.text == "Al"))
    surname_only = full_words <= 1 and not styles
    return SourceNP("person", " ".join(t.text for t in name), start, role, gender, surname_only)
