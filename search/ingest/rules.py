"""The ingest rule set as data: the word lists both paths (saved pages and pasted text) read.

The code that applies them lives elsewhere (furniture.py, bylines.py, captions.py, sites.py); a list is
written once, here, so that the two paths cannot disagree about what an agency, a publication or a line
of page furniture is.

    NEWS_AGENCIES, PICTURE_AGENCIES, CREDIT_SOURCES     who is named in datelines and photo credits
    PICTURE_ONLY_SOURCES                                 who is named in photo credits only
    PUBLICATION_WORDS, ORGANISATION_WORDS, DESK_WORDS    words of a publication's, a body's or a desk's name
    TITLE_SEPARATOR                                      " | ", " - ", " :: " between a headline and a site name
    alternation(names) -> str                            a pattern matching any of the names, longest first
"""
from __future__ import annotations

import re

__all__ = ["NEWS_AGENCIES", "PICTURE_AGENCIES", "CREDIT_SOURCES", "PICTURE_ONLY_SOURCES", "PUBLICATION_WORDS",
           "ORGANISATION_WORDS", "DESK_WORDS", "TITLE_SEPARATOR", "alternation"]

# Wire services, and the broadcaster that signs its datelines like one ("WASHINGTON (CNN) -").
NEWS_AGENCIES = (
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "UPI", "PA", "PA Media",
    "Press Association", "dpa", "Xinhua", "TASS", "EFE", "ANSA", "IANS", "PTI", "Kyodo", "Yonhap", "ANP", "CNN",
)

# Picture agencies and the other names that close a photo credit ("Jane Doe/Getty Images", "Handout/NASA").
PICTURE_AGENCIES = (
    "Getty", "Getty Images", "EPA", "EPA-EFE", "PA Wire", "PA Images", "Shutterstock", "Alamy", "Alamy Stock Photo",
    "NurPhoto", "SOPA Images", "LightRocket", "Anadolu", "Anadolu Agency", "Sipa", "Sipa USA", "Corbis", "Rex",
    "Rex Features", "Polaris", "Redux", "ZUMA", "ZUMA Wire", "ZUMA Press", "Newscom", "WireImage", "FilmMagic",
    "Pool", "Keystone", "Sputnik", "Abaca", "MEGA", "Splash", "Splash News", "Xinhua News Agency", "Handout",
    "NASA", "BBC",
)

# Publishers and platforms a credit names as the picture's source ("Jane Doe/The New York Times", "X/Instagram").
_CREDITED_PUBLISHERS = (
    "The New York Times", "The Washington Post", "The Guardian", "The Observer", "The Times", "The Telegraph",
    "Instagram", "Twitter", "Facebook",
)
CREDIT_SOURCES = NEWS_AGENCIES + PICTURE_AGENCIES + _CREDITED_PUBLISHERS
# Those that only ever credit a picture: "UrduPoint News / Sputnik" in a dateline is no credit, "X/Getty Images" is.
PICTURE_ONLY_SOURCES = tuple(s for s in PICTURE_AGENCIES + _CREDITED_PUBLISHERS if s not in ("Sputnik", "BBC", "NASA"))

# Words that make a name a publication's: "The Kessington Courier", "WebMD Health News", "Daily Mail".
PUBLICATION_WORDS = frozenset(
    "News Times Post Press Herald Journal Telegraph Guardian Tribune Courier Gazette Chronicle Observer Mail Express"
    " Mirror Star Standard Independent Magazine Daily Weekly Media Radio TV Online Network Agency Wire Review Today"
    " Record Register Bulletin Dispatch Inquirer Examiner Sentinel Monitor Globe Echo Advertiser Insider".split()
)
# Words of a company's or an institution's name, where a byline runs a name into its employer.
ORGANISATION_WORDS = frozenset(
    "Group Foundation Institute Association Society University Council Team Company Inc Inc. Ltd Ltd. LLC Health"
    .split()
)
# Desks and jobs that sign a byline instead of a person ("Staff Reporter", "Business Desk").
DESK_WORDS = frozenset(
    "Bureau Desk Staff Correspondent Editor Reporter Writer Service Politics Business Sport Sports".split()
)

# Between a headline and the site's name in a page title: "Talks collapse | World news | The Guardian".
# ":" only with a space on both sides: headlines use "Gaza: talks fail".
TITLE_SEPARATOR = re.compile(r" (?:[|·•»:]|[-–—]{1,2}|::) ")


def alternation(names) -> str:
    """A non-capturing group matching any of `names` (longest first, so "Getty Images" wins over "Getty"),
    spaces as runs of whitespace, and each name in capitals too ("REUTERS", "POOL")."""
    forms = set(names) | {name.upper() for name in names}
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(forms, key=len, reverse=True)) + ")"
