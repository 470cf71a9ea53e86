"""Photo captions and credits: recognise them, and cut credits glued to body text.

One rule set shared by the pasted-text path and the HTML path:

    is_caption_or_credit(line) -> bool   the whole line is a caption, a credit or gallery UI text
    strip_glued_credit(text) -> str      "Stephen Chernin/Getty ImagesShouldn't ..." -> "Shouldn't ..."
    ends_with_credit(text) -> bool       "... states" © Michael Gruber/Getty Images" (a caption line)
    gallery_slides(blocks) -> set[int]   the blocks a photo gallery numbers: "17/50 Argentina hit by strikes"

A caption is not a paragraph even when it quotes someone, so callers drop the
whole line when `is_caption_or_credit` is true.
"""
from __future__ import annotations

import re
from functools import lru_cache

from search.ingest.rules import CREDIT_SOURCES, alternation

__all__ = ["is_caption_or_credit", "is_credit", "strip_glued_credit", "ends_with_credit", "gallery_slides",
           "CREDIT_AGENCIES"]

# Who closes a credit ("X/Getty Images", "REUTERS/X", "X/Instagram"): the one list in rules.py.
CREDIT_AGENCIES = alternation(CREDIT_SOURCES)
_AGENCY = CREDIT_AGENCIES
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|da|van|von|der|del|la|le|al|bin))*"

# A credit on its own: "Name/Agency", "Name / AFP / Getty Images", "Agency/Name", "REUTERS/Name".
_CREDIT_BODY = (
    rf"(?:{_NAME}\s*/\s*)?(?:{_NAME}\s*/\s*)?{_AGENCY}(?:\s*(?:/|via)\s*{_NAME})*"
    rf"|{_AGENCY}\s*/\s*{_NAME}(?:\s*/\s*{_NAME})*"
)
_LABELLED_CREDIT = (
    r"(?:Photograph|Photo|Photos|Picture|Pictures|Pic|Image|Images|Illustration|Credit|Credits|Video|Composite"
    r"|Photo\s+illustration|Photo\s+credit|Image\s+credit|Image\s+source)\s*:\s*[^\n]{1,120}"
)

_CREDIT_LINE = re.compile(
    rf"""^\s*(?:
        (?:©|\(c\)|Copyright)\s*[^\n]{{0,120}}           # © Michael Gruber/Getty Images
      | \(?(?:AP|AFP|Reuters|EPA)\s+Photo\s*/[^\n]{{1,120}}   # (AP Photo/Rebecca Blackwell)
      | \(?{_LABELLED_CREDIT}\)?                           # Photograph: X/Getty Images; (Image: NA)
      | (?:{_CREDIT_BODY})\.?                              # Win McNamee / Getty Images
      | (?:Image|Picture|Photo)\s+(?:copyright|caption)\b[^\n]*   # BBC labels
      | FILE\s+PHOTO\s*:[^\n]*                             # Reuters file photo captions
      | Main\s+image\s*:[^\n]*
    )\s*$""",
    re.X,
)

# Gallery and caption UI text that copies along with a photo.
_CAPTION_UI = re.compile(
    r"""^\s*(?:
        Enlarge\s+this\s+image|toggle\s+caption|(?:hide|show)\s+caption|Caption|Expand|Close
      | (?:Image|Photo|Picture|Slide|Video)\s+\d{1,3}\s+(?:of|/)\s+\d{1,3}    # Image 1 of 33
      | \d{1,3}\s*/\s*\d{1,3}\s+(?:photos|images)
      | View\s+(?:\d+\s+)?(?:images?|photos?|gallery)|Open\s+gallery|Launch\s+(?:slideshow|gallery)
      | Play\s+video|Watch\s*:?\s*video|Video\s+player\s+is\s+loading\.?|Replay|Now\s+playing
      | less|more
    )\s*$""",
    re.X | re.I,
)

# Credit that closes a caption line: '... states" © Michael Gruber/Getty Images', '... Photograph: X/Getty'.
_TRAILING_CREDIT = re.compile(
    rf"""(?:
        \s(?:©|\(c\))\s*[^\n©]{{2,80}}
      | [\s.]\(?(?:AP|AFP|Reuters|EPA)\s+Photo\s*/[^\n()]{{1,80}}\)?
      | [\s.]\((?:Photo|Image|Picture|Credit)s?\s*:\s*[^\n()]{{1,80}}\)
      | [.\s](?:Photograph|Photo|Picture|Image|Illustration|Composite)\s*:\s*[^\n:]{{2,80}}
      | [.\s]REUTERS/[^\n/]{{2,60}}
      | \s{_NAME}\s*/\s*(?:{_NAME}\s*/\s*)?{_AGENCY}
    )\s*$""",
    re.X,
)

# Credit glued to the next sentence: "Stephen Chernin/Getty ImagesShouldn't suitcases...".
_GLUED_CREDIT = re.compile(
    rf"^\s*(?:(?:©\s*)?{_NAME}\s*/\s*(?:{_NAME}\s*/\s*)?{_AGENCY}"
    r"|\(?(?:AP|AFP)\s+Photo\s*/[^)\n]{1,60}\)"
    r"|REUTERS/" + _NAME + r")"
    r"(?=[A-Z“\"‘'])"
)


# Every credit names an agency or carries a label; lines without one skip the slower patterns.
_CREDIT_HINT = re.compile(
    rf"©|\(c\)|Copyright|Photo|Image|Picture|Pic\b|Illustration|Credit|Video|Composite|FILE|Main\s+image|{CREDIT_AGENCIES}"
)


def _may_hold_credit(text: str) -> bool:
    # A credit in a longer line is marked by ©, a slash, a colon or a bracket ("X/Getty Images", "Photograph: X",
    # "(AP Photo/X)") or says copyright/caption; substring tests rule out most prose ~10x faster than a regex.
    if len(text) >= 40 and "/" not in text and ":" not in text and "(" not in text and "©" not in text \
            and "opyright" not in text and "aption" not in text:
        return False
    return bool(_CREDIT_HINT.search(text))


def ends_with_credit(text: str) -> bool:
    """True when a line closes with a photo credit, which makes the whole line a caption."""
    tail = text[-160:]
    return _may_hold_credit(tail) and bool(_TRAILING_CREDIT.search(tail))


@lru_cache(maxsize=4096)
def is_caption_or_credit(line: str) -> bool:
    """True when the whole line is a photo caption, a photo credit or caption/gallery UI text.

    Caption text that quotes someone is still a caption: it never becomes a paragraph.
    """
    text = line.strip()
    if not text or len(text) > 600:
        return False
    if len(text) < 40 and _CAPTION_UI.match(text):
        return True
    if not _may_hold_credit(text):
        return False
    return bool(_CREDIT_LINE.match(text)) or ends_with_credit(text)


def is_credit(line: str) -> bool:
    """True when the line is only a photo credit ("Belal Khaled/Anadolu via Getty Images"), no caption text.

    The text block just before a bare credit is usually that photo's caption.
    """
    text = line.strip()
    return 0 < len(text) < 160 and _may_hold_credit(text) and bool(_CREDIT_LINE.match(text))


def strip_glued_credit(text: str) -> str:
    """Remove a photo credit glued to the front of a sentence, keeping the sentence.

    "Stephen Chernin/Getty ImagesShouldn't suitcases of cash ..." -> "Shouldn't suitcases of cash ...".
    Text with no glued credit comes back unchanged.
    """
    if "/" not in text:  # every glued credit has a slash ("X/Getty Images", "AP Photo/X", "REUTERS/X")
        return text
    m = _GLUED_CREDIT.match(text)
    if not m:
        return text
    return text[m.end():].lstrip()


_SLIDE = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})\s+\S")
_MIN_SLIDES = 3


def gallery_slides(blocks: list[str]) -> set[int]:
    """Indexes of the blocks that open with a slide counter ("17/50 Argentina hit by strikes"), where the same
    count of slides comes back at least three times on the page: a photo gallery's captions. A lone "3/4 of the
    vote" is a fraction."""
    slides: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        if "/" in block[:8]:  # every counter has its slash within the first few characters
            m = _SLIDE.match(block)
            if m and int(m[1]) <= int(m[2]):
                slides.setdefault(m[2], []).append(i)
    return {i for found in slides.values() if len(found) >= _MIN_SLIDES for i in found}
