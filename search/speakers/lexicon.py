"""Word lists the rules use. Lower case throughout."""
from __future__ import annotations

# Courtesy titles: stripped from the canonical name; they tell the gender.
HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "dr": None, "prof": None, "professor": None}
# Peerage and knighthood styles: part of the name, as "Sir John Bourn" is.
STYLES = {"sir": "m", "lord": "m", "lady": "f", "dame": "f", "baroness": "f", "baron": "m"}
POST_NOMINALS = {"qc", "kc", "mp", "mep", "obe", "mbe", "cbe", "msp", "jr", "phd"}
NAME_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du", "bin", "ibn", "al",
                  "el", "dos", "das", "ter", "ten"}

# Nouns that head a role ("deputy foreign minister", "Fiat chief executive").
ROLE_NOUNS = set(
    """president minister secretary chancellor executive director manager boss coach captain chairman
    chairwoman chair spokesman spokeswoman spokesperson leader ambassador envoy solicitor lawyer barrister
    attorney judge analyst economist producer actor actress singer star striker midfielder defender
    goalkeeper keeper player peer mp mep mayor governor senator campaigner founder head editor
    correspondent commissioner officer official partner professor psychologist researcher scientist
    expert host hosts presenter designer developer owner winger forward champion runner athlete trainer
    agent chief superintendent inspector detective constable sergeant general admiral colonel king queen
    prince princess pope bishop archbishop priest rabbi imam adviser advisor aide diplomat negotiator
    broadcaster journalist writer author novelist director composer musician guitarist drummer rapper
    comedian model dancer farmer teacher doctor surgeon nurse chancellor treasurer auditor colleague
    friend member contestant supt insp det vp ceo cfo coo md chef vicar
    commentator columnist critic consultant strategist candidate councillor deputy mep whip speaker
    governor premier monarch spokesperson lecturer pundit fullback skipper counsel referee umpire
    representative lieutenant commander reverend prosecutor""".split()
)
# Words that modify a role noun before it.
ROLE_MODIFIERS = set(
    """prime foreign home deputy vice chief general acting former new shadow senior assistant junior
    managing executive interim first second defence defense finance trade justice health education
    culture sports sport transport environment interior economy industry culture technical musical
    creative commercial financial legal political press research marketing sales national regional
    international global local city state federal cabinet party opposition associate principal lead
    head joint co chief-executive sevens team club world ranking""".split()
)
# Party words: they split "Labour MP John Smith" but keep their capital in a role.
PARTY_WORDS = {"labour", "tory", "lib", "dem", "conservative", "liberal", "democrat", "republican", "democratic"}
# Days and months: dates, never sources ("Monday's gain", "It said on Friday").
DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
CALENDAR_WORDS = DAYS | MONTHS
# Units and parts of time: a phrase they head is a time, never a source ("weeks", "last year's prize").
TIME_NOUNS = {"day", "days", "week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "decade",
              "decades", "season", "seasons", "era", "time", "times", "hour", "hours", "minute", "minutes", "moment",
              "morning", "afternoon", "evening", "night", "today", "yesterday", "tomorrow", "tonight"}
# Words that place a time relative to now ("last week", "earlier", "two days ago").
TIME_DEICTICS = {"last", "this", "next", "earlier", "later", "now", "then", "ago", "recently"}
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
# Capitalised words that start a sentence or clause but are never part of a name.
NOT_NAME = set(
    """the a an but and yet however meanwhile in on at after before last this that these those next
    speaking when while as if although though it he she they we i you his her their our its my your
    earlier later today yesterday now then there so also still both other some many most all one two
    three four five six seven eight nine ten monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december with for
    from by to of what why how where who which whose not no nor or asked despite during under over
    instead even only just since until unless whether because according among between about around
    here such each every any either neither mr mrs ms dr following including regarding concerning
    speaking asked nobody""".split()
)
# Capitalised words that make a run an organisation or place, not a person.
ORG_WORDS = set(
    """office group party council ministry department committee commission agency bank club union
    association university college institute foundation company corporation corp inc ltd plc network
    endowment organization organisation federation league court house street exchange fund trust board
    authority service services news times post records capital analytics research project media labs
    systems technologies airlines airways motors government parliament congress senate assembly cup games
    championship championships united city rovers athletic lake river mount republic kingdom states nations
    conference centre center hospital prison school museum gallery theatre festival awards review
    programme show forces army navy police unit society alliance coalition institution consortium
    international industries holdings partners associates brothers bros channel radio television tv
    magazine journal herald telegraph guardian independent mail express mirror standard observer
    tribune gazette review chronicle week weekly daily online digital direct energy oil petroleum
    telecom telecoms communications airport station road avenue square palace castle island islands
    sea ocean bay valley county province region district ministry cabinet tribunal lords commons
    stade gear east west north south
    reserve treasury whitehall church cathedral stadium park arena hall club fc afc rfc
    europe america africa asia""".split()
)
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": None}
# Nouns that refer back to an organisation ("the company said").
ORG_NOUNS = set(
    """company firm group giant maker manufacturer retailer carrier airline bank operator network chain
    business corporation conglomerate broadcaster publisher supplier insurer lender club team
    organisation organization agency body consortium firms companies groups makers""".split()
)
# Heads of descriptions that can be a source ("a senior diplomat", "officials").
SOURCE_NOUNS = set(
    """official officials diplomat diplomats analyst analysts spokesman spokeswoman spokesperson source
    sources critic critics expert experts economist economists minister ministers government police
    ministry department researcher researchers lawyer lawyers campaigner campaigners activist activists
    residents resident witness witnesses observer observers commentator commentators executive executives
    boss bosses chief chiefs fan fans player players union unions officer officers investigator
    investigators authorities prosecutor prosecutors judge judges doctor doctors scientist scientists
    supporter supporters opponent opponents mps peers leader leaders agency commission committee council
    court board regulator watchdog manager coach teacher teachers parents students staff workers
    employees members member insiders aide aides adviser advisers advisors negotiators delegates
    organisers organizers producers designers developers manufacturers makers dealers traders brokers
    bankers investors shareholders unionists nations countries states governments nationalists
    consumers users customers viewers voters groups group industry diplomat envoy family
    detainee prisoner victim victims pilot pilots lawmakers legislators senators governors mayor
    party tories spokesmen spokeswomen company firm firms companies authority administration charity""".split()
)
# Words for kinds of people and groups that can speak, beyond the agent
# nouns their endings show ("campaigner", "donor", "resident", "advocate").
GROUP_NOUNS = set(
    """someone somebody people person folks public crowd audience community family families friend friends ally allies
    colleague
    colleagues conservative conservatives liberal liberals progressive progressives moderate moderates
    evangelical evangelicals republican republicans democrat democrats independents loyalist loyalists
    veteran veterans parent parents child children kid kids woman women man men staff staffer staffers
    team camp campaign side sides opposition establishment delegation panel jury minority majority
    neighbour neighbours neighbor neighbors relative relatives spokespeople representatives
    organisers protesters demonstrators rebels militants insurgents troops soldiers police operative operatives
    native natives office offices reporter worker voter organizer organiser lawmaker policymaker insider
    outsider employer customer consumer viewer reader listener caller banker broker dealer trader miner driver
    prisoner villager homeowner shopkeeper manufacturer publisher volunteer engineer pioneer fighter soldier
    observer blogger commenter commentator pollster strategist""".split()
)
# Documents and data never speak: a report's words belong to the people who wrote it.
RECORD_NOUNS = set(
    """report reports research study studies figures data survey poll polls statistics results register
    entry document documents analysis evidence sales numbers index paper papers leak specifications
    estimates forecast forecasts review reviews findings accounts records record chart charts statement
    statements letter comments remarks interview""".split()
)
DETERMINERS = {"the", "a", "an"}
PREPOSITIONS = {"of", "for", "at", "from", "with", "in", "on", "to"}
# Lower-case words that end a noun phrase when walking back from a verb.
NP_STOP = set(
    """that which who whom whose when while as after before because but if although though since so where
    than is are was were be been being has have had will would can could may might should must not to it
    its this these those there and or nor then also did does do said says told added by into about
    over under during without within against between through across until unless whether yet however
    even only just also already still being having him them us me her his their our your my what how
    why amid amidst despite among like unlike towards toward via""".split()
)
# Tokens skipped between a source and its verb ("X has also said").
SKIP_BEFORE_VERB = set(
    """has have had also later previously then now again recently earlier yesterday today separately
    repeatedly publicly privately further already subsequently once consistently initially originally
    simply always often quickly openly angrily bluntly himself herself itself themselves reportedly
    immediately formally officially last night week month year long ever both all each just since even
    however too instead meanwhile though indeed therefore thus nonetheless nevertheless""".split()
)
MODALS = {"will", "would", "could", "might", "may", "should", "must", "shall", "cannot", "can", "to", "not", "never",
          "n't", "did", "does", "do"}
PASSIVE = {"was", "were", "been", "being", "be", "is", "are"}
# Words that may stand before a name as its title ("deputy foreign minister Sergei Ryabkov"); all but
# the party words are lowered when a title is written in Title Case ("Agriculture Minister").
LOWER_TITLE_WORDS = ROLE_NOUNS | ROLE_MODIFIERS
TITLE_WORDS = LOWER_TITLE_WORDS | PARTY_WORDS
# Words that label what follows a colon without naming a speaker ("Note: ...").
LABEL_WORDS = set(
    """note notes update updated correction clarification related watch read listen see photo photos video videos
    source sources background context editor disclosure warning summary advertisement more also tags topics q a
    question answer transcript excerpt breaking exclusive opinion analysis live latest pictured caption credit
    why what how when where who which here there today yesterday tomorrow now then result results score
    verdict bottom first second third finally step""".split()
)
# Words in -ly that are not adverbs of manner or time.
_LY_NOT_ADVERBS = {"family", "assembly", "rally", "supply", "reply", "ally", "italy", "july", "monopoly", "anomaly",
                   "bully", "belly", "tally", "rely", "apply", "comply", "imply", "fly", "ugly", "holy", "lily",
                   "emily",
                   "kelly", "billy", "sally", "molly", "holly", "polly", "dolly", "wally", "beverly", "shelly"}


def is_adverb(low: str) -> bool:
    """ "consistently", "long", "also": words that stand between a subject and its verb."""
    return len(low) > 4 and low.endswith("ly") and low not in _LY_NOT_ADVERBS
# Common nouns for people, groups and bodies: never a name on their own.
COMMON_NOUNS = (SOURCE_NOUNS | ROLE_NOUNS | GROUP_NOUNS | ORG_NOUNS
                | {w + "s" for w in ROLE_NOUNS | GROUP_NOUNS | ORG_NOUNS if not w.endswith("s")})
