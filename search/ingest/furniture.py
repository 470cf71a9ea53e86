"""Page furniture, by what it says: the one list both paths (saved pages and pasted text) drop.

    is_furniture_line(line) -> bool       the whole line is furniture: ads, skip links, share bars, newsletter and
                                          paywall prompts, cookie and legal lines, comment counts, "Read more:"
                                          teasers, list headings ("Most Read", "Related"), tip lines, gallery UI,
                                          "Load more", "Copy link"
    is_furniture_paragraph(text) -> bool  a line or a short paragraph that is furniture: the above, or it opens
                                          as a promo ("Click here", "Follow us on", "Sign up for our newsletter")
                                          or says what only the site says to its reader ("scan the QR code",
                                          "join our ... on WhatsApp", "download our app", "already a subscriber")
    strip_glued_furniture(line) -> str    "Share this article via whatsappShare this article via twitter" -> ""
    is_wire_tagline(line) -> bool         "(Reporting by X; Editing by Y)"
    ends_article(line) -> bool            a label a page sets after its article: its tags ("Filed under: X",
                                          "Tags:"), its author's box ("About the author"), its comments ("13 Comments",
                                          "Leave a Reply")
    leads_to_other_stories(line) -> bool  a label over links to other stories: "Related articles", "More from X",
                                          "Most read", "Recommended for you"

A wrapped line of pasted text is judged by is_furniture_line alone: the promo rules read a whole paragraph
("Click here to see the list of schools that" may wrap). Menus (runs of short lines) are found by the body
selector, not here: a single short line may be a heading.
"""
from __future__ import annotations

import re
from functools import lru_cache

from search.ingest.first_char import dispatch_by_first_char, first_char_key

_WHOLE_LINE = re.compile(
    r"""^(?:
        advertisement|advertising|ad|ads|sponsored(?:\s+(?:content|ads|links?|stories))?|paid\s+(?:content|post
           |partner\s+content)(?:\s+(?:by|from)\b.{0,80})?
      | (?:story|article)\s+continues\s+(?:below|after)[\w\s]*|continue\s+reading(?:\s+the\s+main\s+story)?[\w\s]*
      | skip\s+(?:to|navigation|advertisement)[\w\s]*|accessibility\s+links|keyboard\s+shortcuts\s+for\s+audio\s+player
      | (?:jump|go)\s+to\s+(?:main\s+)?(?:content|navigation|the\s+(?:previous|next)\s+story|home\s+page)[\w\s»]*
      | back\s+to\s+(?:top|home)|view\s+mobile\s+version|site\s+(?:index|map|navigation|search
         |information\s+navigation|mobile\s+navigation)[\w\s]*
      | share(?:\s+this)?(?:\s+(?:article|story|page|on\s+\w+|via\s+\w+))*:?|share\s+this\s+page|tweet|email|e-mail
         |print|save|more|copy\s+link|link\s+copied!?
      | (?:share|post)\s+(?:on|to)\s+(?:facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|email)
      | facebook|twitter|whatsapp|linkedin|pinterest|reddit|messenger|flipboard|instagram|youtube|tiktok|telegram
      | reuse\s+this\s+content.*|the\s+trust\s+project|order\s+reprints.*|today'?s\s+paper.*
      | (?:\d[\d,.]*k?\s+)?comments?|view\s+comments|show\s+comments|join\s+the\s+(?:conversation|discussion)
         |comment\s+now|add\s+a\s+comment|leave\s+a\s+comment
      | (?:most\s+(?:read|popular|viewed|shared|recent|commented)|trending(?:\s+now)?|related(?:\s+(?:articles?
         |stories|coverage|topics|content|links|video))?|more\s+(?:from|on|in|stories|news)\b.*
         |recommended(?:\s+for\s+you)?|around\s+the\s+web:?|from\s+around\s+the\s+web|you\s+may\s+(?:also\s+)?like
         |topics|tags|latest(?:\s+news|\s+stories)?|top\s+stories|editor'?s\s+picks?|what'?s\s+next|in\s+other\s+news
         |popular\s+on\s+\w+)\s*:?
      | (?:sign\s+up|subscribe|register|log\s*in|sign\s+in|log\s*out|my\s+account|manage\s+account|create\s+account
         |get\s+the\s+app|download\s+the\s+app)(?:\s+(?:now|today|here|for\s+free))?[!.]?
      | subscribe\s+to\s+.{0,80}|sign\s+up\s+(?:to|for)\s+.{0,140}|(?:get|receive)\s+(?:our
         |the)\s+.{0,60}newsletter.{0,80}|newsletters?(?:\s*&\s*alerts)?
      | this\s+(?:story|article)\s+(?:has\s+been|was)\s+updated.{0,200}|editor'?s\s+note:\s+this\s+(?:story
         |article)\s+(?:has\s+been|was)\s+updated.{0,200}
      | updated\s+[\d.,:\s]+(?:[ap]m\s+)?\w{0,4}:\s+this\s+article\s+has\s+been\s+updated.{0,200}
      | read\s+the\s+full\s+(?:transcript|story|article|interview|report).{0,80}
      | when\s+you\s+subscribe\b.{0,400}|thank\s+you\s+for\s+subscribing.{0,200}
         |the\s+video\s+will\s+start\s+in.{0,80}|invalid\s+email|\[\s.{3,150}\s\]|\[(?:read|see|watch|related
         |more)\b.{3,150}\]
      | (?:don'?t|never)\s+miss\s+.{0,150}newsletter.{0,40}|enter\s+your\s+email.{0,80}
         |we\s+will\s+use\s+your\s+email.{0,200}
      | \d{1,2}\s+of\s+\d{1,2}\s+(?:free\s+)?articles?\s+read|you\s+have\s+\d+\s+free\s+articles?.{0,80}
         |already\s+a\s+subscriber\??.{0,40}
      | (?:cookie|privacy)\s+(?:policy|notice|settings|preferences).{0,40}|do\s+not\s+sell\s+my.{0,40}|(?:terms
         |conditions)\s+(?:of\s+(?:use|service|sale)|and\s+conditions)|your\s+ad\s+choices|ad\s+choices|contact\s+us
         |about\s+us|work\s+with\s+us|advertise(?:\s+with\s+us)?|help|feedback|site\s+feedback
      | we\s+use\s+cookies.{0,300}|this\s+(?:site|website)\s+uses\s+cookies.{0,300}|accept(?:\s+all)?(?:\s+cookies)?
         |manage\s+(?:cookies|preferences)
      | follow\s+(?:us|@?\w+)(?:\s+on\s+.{0,60})?|like\s+us\s+on\s+facebook.*
      | (?:got\s+a\s+(?:news\s+)?tip|send\s+us\s+a\s+tip|have\s+a\s+(?:news\s+)?tip|contact\s+the\s+(?:author
         |reporter)|email\s+the\s+author).{0,120}
      | ©.{0,200}|(?:copyright|\(c\))\s+(?:©\s*)?(?:19|20)\d\d.{0,200}|all\s+rights\s+reserved.{0,200}
         |this\s+material\s+may\s+not\s+be\s+published.{0,200}
      | loading\.*|load\s+more|show\s+more|see\s+more|view\s+more.{0,40}|see\s+(?:next|previous)\s+articles
         |read\s+more|read\s+full\s+article|close|menu|search|go|clear\s+this\s+text\s+input|settings|home|sections
      | (?:listen|watch|play)(?:\s+(?:now|live|video|to\s+(?:this\s+)?(?:article|story)))?(?:\s*\d{1,2}:\d{2})?
         |audio(?:live\s+tv)?|live\s+tv|video\s+ad\s+feedback|ad\s+feedback
      | (?:a\s+)?version\s+of\s+this\s+article\s+appears\s+in\s+print.*|we'?re\s+interested\s+in\s+your\s+feedback.*
         |what\s+term\s+do\s+you\s+want\s+to\s+search\?.*
      | (?:image|photo|picture)\s+(?:source|copyright|caption),?.{0,120}|media\s+caption.{0,160}
      | (?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+                  # bare links and e-mail addresses
      | expand/collapse\s+submenu.*|.{1,40}\s+expand/collapse\s+submenu\s+for\s+.{1,40}|toggle\s+(?:navigation|menu
         |caption)|open\s+(?:navigation|menu)|close\s+(?:navigation|menu|search)
    )\s*$""",
    re.X,  # matched against the lower-cased line: ~3x faster than re.I on thousands of menu lines
)


# An e-mail address and "News expand/collapse submenu for News" may start with any character; lines without
# their marker skip them.
_ANYWHERE_MARKERS = ("@", "expand/collapse")
_WHOLE_LINE_BY_CHAR, _WHOLE_LINE_OTHER, _WHOLE_LINE_MARKED = dispatch_by_first_char(
    _WHOLE_LINE.pattern, _WHOLE_LINE.flags, r"\s*$", _ANYWHERE_MARKERS)
# Teasers that start a line: "Read more: ...", "READ MORE: ...", "RELATED: ..." — another story's headline.
_TEASER = re.compile(
    r"^(?:read\s+more|more|related|see\s+also|also\s+read|read\s+also|watch|listen|recommended)\s*[:|»>-]\s*\S")
_TEASER_START = frozenset("rmswal")  # the first letters _TEASER can match
_GLUED_SHARE = re.compile(
    r"(?:Share\s+(?:this\s+)?(?:article|story)?\s*(?:via|on)\s+(?:whatsapp|twitter|facebook|email|e-mail|linkedin|reddit"
    r"|pinterest|messenger|flipboard|telegram|sms|x\b)|Copy\s+link|Tweet\s+this)",
    re.I,
)
_WIRE_TAGLINE = re.compile(
    r"^\(?(?:(?:additional\s+)?reporting\s+by|writing\s+by|editing\s+by|compiled\s+by)\b.{0,300}\)?\.?$|^.{0,120}\bcontributed\s+to\s+this\s+report\.?$",
    re.I,
)


@lru_cache(maxsize=4096)  # menus repeat the same lines page after page
def is_furniture_line(line: str) -> bool:
    """True when a line is page furniture on its own, whatever surrounds it."""
    if len(line) > 600:  # furniture is short; a long block is prose (checked before any work on it)
        return False
    # Squeeze runs of spaces; a line with no double space and no other whitespace (the common case) has none once
    # its ends are stripped (a -layout line is indented: stripping first keeps it on the fast path).
    text = line.strip()
    text = (text if "  " not in text and text.isprintable() else " ".join(text.split())).strip(" \t|•·›»>")
    if not text:
        return True
    if len(text) > 400:
        return False
    low = text.lower()
    first = low[0]
    by_first = _WHOLE_LINE_BY_CHAR.get(first) or _WHOLE_LINE_BY_CHAR.get(first_char_key(first), _WHOLE_LINE_OTHER)
    if by_first.match(low) or (first in _TEASER_START and _TEASER.match(low)):
        return True
    if ("@" in low or "expand/collapse" in low) and _WHOLE_LINE_MARKED.match(low):  # the _ANYWHERE_MARKERS
        return True
    if "share" not in low and "copy link" not in low and "tweet" not in low:  # strip_glued_furniture's own test
        return False
    return not strip_glued_furniture(text)




_TAGLINE_START = frozenset("(aArRwWeEcC")  # _WIRE_TAGLINE's first alternative opens with "(" or one of its words


def is_wire_tagline(line: str) -> bool:
    """(Reporting by X; Editing by Y) and "CNN's X contributed to this report": credits, not article text."""
    text = line.strip()
    if text[:1] not in _TAGLINE_START and not text[-7:].lower().endswith(("report", "report.")):
        return False  # neither alternative of the pattern can match: spares lower-casing a whole paragraph
    low = line.lower()
    return ("reporting by" in low or "writing by" in low or "editing by" in low or "compiled by" in low
            or "contributed to this report" in low) and bool(_WIRE_TAGLINE.match(text))


def strip_glued_furniture(line: str) -> str:
    """Remove share-bar text glued into a line; a line that was only share buttons comes back empty."""
    low = line.lower()
    if "share" not in low and "copy link" not in low and "tweet" not in low:  # cheap test before the regex
        return line
    if not _GLUED_SHARE.search(line):
        return line
    return " ".join(_GLUED_SHARE.sub(" ", line).split())


# A short paragraph that opens as a promo or a label: "Read more about ...", "Click here", "Follow us on X".
# Anchored at the start (and at the end where a sentence could open the same way: "Advertising revenue fell" and
# "Related charges were filed" are body text).
_PROMO = re.compile(
    r"""^\W*(?:
        (?:read|see|watch|listen)\s+(?:more|also|next)\b
            (?:\s*[:.…]|\s*$|\s+(?:about|on|from|at|here|stories|news|photos|videos|pictures)\b)
      | (?:read|see|watch|listen)\s+the\s+full\s+(?:story|article|interview)\b
      | also\s+read\b | more\s+on\s+this\s+story | you\s+(?:may|might)\s+also\s+(?:like|enjoy)
      | more\s+(?:[\w-]+\s+){0,2}from\s+[^.]{0,40}$ | from\s+the\s+section\b
      | learn\s+more(?:\s+about\b[^.]{0,60})?\s*$ | (?:pros|cons)\s*:?\s*$ | \d{1,3}\s+of\s+\d{1,3}$ | full\s*screen$
      | [^.]{0,120}\?\s*(?:sign\s+up|subscribe)\b | [-—–\s]*by\s+(?:[A-Z][\w.'’-]*\s+){1,4}follow\s+@\w+$
      | (?:related(?:\s+\w+){0,2}|recommended|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|top\s+stories
         |advertisement|advertising|sponsored(?:\s+content)?)\s*(?::|$)
      | (?:share|tweet|email|e-mail|print|save)(?:\s+(?:this|the|on|via|article|story|page|to))*(?:\s+\w+)?\s*[:!.]?$
      | (?:sign\s+up|subscribe|register)\b.{0,120}(?:newsletter|email|inbox|updates|free|today|now)
      | (?:get|receive)\s+(?:our|the)\b.{0,80}(?:newsletter|email|alerts|inbox)
      | follow\s+(?:us|@?\w+)\s+on\b | (?:like|follow)\s+us\b | join\s+the\s+conversation\b
      | follow\s+(?:[\w@.'’-]+\s+){1,4}on\s+(?:twitter|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky)\b
      | for\s+(?:the\s+)?latest\b.{0,80}\b(?:download|follow|sign\s+up|subscribe)\b
      | click\s+(?:here|this\s+link)\b | tap\s+here\b | download\s+(?:our|the)\s+\w*\s*app\b
      | skip\s+advert | story\s+continues\s+below | continue\s+reading | scroll\s+to\s+continue
      | comments?(?:\s+\(\d+\))?$ | \d+\s+comments?$
      | this\s+(?:article|story)\s+(?:was|has\s+been)\s+(?:originally\s+)?(?:first\s+)?(?:published|updated|amended)
      | we\s+use\s+cookies | by\s+using\s+this\s+site
      | (?:have\s+a\s+(?:news\s+)?tip|got\s+a\s+news\s+tip)\b
      | (?:topics|tags|filed\s+under|categories|category|keywords)\s*:
      | (?:please\s+wait|loading)(?:\s+\w+){0,3}\s*(?:\.{3}|…)\s*$
      | this\s+(?:feature|content|video)\s+is\s+(?:temporarily\s+)?(?:unavailable|not\s+available)
      | unfortunately,\s+this\s+video\s+is\s+not\s+available | now\s+watching$ | up\s+next$
      | this\s+is\s+a\s+modal\s+window | beginning\s+of\s+dialog\s+window | .{0,40},\s+selected$ | chapters$
      | (?:add\s+to\s+(?:cart|basket|bag)|view\s+price|buy\s+now|shop\s+now)\b | \S+@\S+\.\w+(?:\s*\(END\))?$
      | (?:write\s+to|contact|e-?mail|reach)\s+.{1,60}?\s+at\s+<?\S+@\S+\.\w+>?\s*\.?$
      | photo\s*credit | (?-i:Credit(?:[A-Z]|\s*:)) | pic\.twitter\.com/\S+$
    )""",
    re.X | re.I,
)
_SHORT_PROMO = 220  # promos are short; a long paragraph that mentions "subscribe" is body text

# What only the site says to its reader, anywhere in a short paragraph: its newsletters, apps and messaging
# channels, paywall, affiliate links and letters page. Never a sentence of a story.
_NOTICE = re.compile(
    r"""(?:sign(?:ing)?\s+up|subscrib(?:e|ing))\s+(?:to|for)\s+our\s+(?:[\w'’-]+\s+){0,3}newsletters?\b
      | \bwe\s+may\s+(?:receive|earn|get)\s+(?:compensation|a\s+(?:small\s+)?commission|affiliate)
      | \bsubmit\s+a\s+letter\s+to\s+the\s+editor\b
      | \bto\s+(?:view|read|continue\s+reading)\s+(?:the\s+)?(?:full|whole|rest\s+of\s+(?:the|this))
        \s+(?:story|article)\b
      | \balready\s+a\s+subscriber\b | \bthis\s+article\s+is\s+the\s+copyrighted\s+property\b
      | \blast\s+modified\s*:
      | \bscan\s+(?:the|this|our)\s+qr\s+code\b
      | \bjoin\s+(?:us|our|the)\b[^.]{0,80}?\b(?:on|via)\s+(?:whatsapp|telegram|signal|viber|discord)\b
      | \b(?:our|the)\s+(?:[\w'’-]+\s+){0,4}(?:whatsapp|telegram)\s+(?:community|channel|group|service)\b
      | \bdownload\s+(?:our|the)\s+(?:[\w'’-]+\s+){0,3}app\b | \bfollow\s+us\s+on\b
      | \bcheck\s+your\s+inbox\b | \bconfirm\s+your\s+subscription\b | \bunsubscribe\s+at\s+any\s+time\b""",
    re.X | re.I,
)
# Every _NOTICE match holds one of these (lower-cased): substring tests spare the pattern on most prose.
_NOTICE_WORDS = ("newsletter", "compensation", "commission", "affiliate", "letter to the editor", "full", "whole",
                 "rest of", "subscri", "copyrighted", "modified", "qr code", "whatsapp", "telegram", "app",
                 "follow us", "inbox")  # "subscri": subscriber, subscription, unsubscribe
_SHORT_NOTICE = 320
_LEGAL = re.compile(
    r"""(?:
        all\s+rights\s+reserved | ©\s*(?:\d{4}|copyright) | copyright\s+(?:©\s*)?\d{4}
      | may\s+not\s+be\s+(?:published|reproduced|copied),?\s+(?:broadcast|distributed|rewritten)
      | (?:terms\s+(?:of\s+(?:use|service)|and\s+conditions)|privacy\s+(?:policy|notice)|cookie\s+(?:policy|settings))
      | licensed\s+under\s+(?:a|the)\s+creative\s+commons
    )""",
    re.X | re.I,
)
_SHORT_LEGAL = 160
# "Lesen Sie auch", "À lire aussi", "Noticias relacionadas" + the linked headline: related-story links in
# the languages of the pages people save (the English ones are in _PROMO).
_RELATED_ABROAD = re.compile(
    r"^\W*(?:(?:lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|lees\s+ook|(?:à\s+)?lire\s+aussi|leggi\s+anche"
    r"|leia\s+(?:também|mais)|veja\s+também|lea\s+también|noticias\s+relacionadas|notícias\s+relacionadas"
    r"|articles?\s+liés|artículos\s+relacionados)\b|เรื่องที่เกี่ยวข้อง|相关(?:新闻|阅读|文章|报道)|関連記事|관련\s?기사)",
    re.I,
)


# The site's own small print, however long its legal text runs: a cookie banner ("We use cookies and similar
# technologies to ..."), the site's disclaimer ("Editorial Disclaimer: Opinions expressed here are ...",
# "Advertising disclosure: We may receive compensation ..."). A bare "Disclaimer:" may be the author's own note.
_SMALL_PRINT = re.compile(
    r"^(?:(?:we|this\s+(?:site|website)|our\s+(?:site|website)s?)\s+uses?\s+cookies\b"
    r"|(?:editorial|advertising|affiliate|legal)\s+(?:disclaimer|disclosure)\s*:)",
    re.I,
)
_SMALL_PRINT_START = frozenset("WTOEALwtoeal")  # the first letters _SMALL_PRINT can match
_LONG_SMALL_PRINT = 1500


def is_furniture_paragraph(text: str) -> bool:
    """True for a line or a short paragraph that is furniture: a whole furniture line, a promo opening it, a
    notice of the site's anywhere in it, a short legal line, a cookie banner or a disclaimer."""
    if is_furniture_line(text):
        return True
    if text[:1] in _SMALL_PRINT_START and len(text) < _LONG_SMALL_PRINT and _SMALL_PRINT.match(text):
        return True
    if len(text) < _SHORT_NOTICE:
        low = text.lower()
        if any(word in low for word in _NOTICE_WORDS) and _NOTICE.search(text):
            return True
    if len(text) > _SHORT_PROMO:
        return False
    if _PROMO.match(text) or _RELATED_ABROAD.match(text):
        return True
    return len(text) < _SHORT_LEGAL and bool(_LEGAL.search(text))




# Labels a page sets after its article, never inside it: its tags, its author's box, its comments. Matched against the
# whole lower-cased line. A page may print some of them above the article as well (a comment count by the byline):
# the body selector heeds one only once the article has begun.
_ARTICLE_END = re.compile(
    r"""^(?:
        (?:tags|tagged(?:\s+with)?|filed\s+under|labels|categories|topics|keywords)\s*:.{0,200}
      | (?:tags|filed\s+under|labels|categories|topics|keywords)
      | (?:tagged|filed\s+under|posted\s+in)\s+[\w ,&/-]{1,120}\.? | read\s+more\s+(?:stories\s+)?about\s*:?
      | about\s+the\s+authors?
      | (?:reader\s+)?(?:comments|responses|replies)(?:\s*\(\d[\d,]*\))?
      | \(?\d[\d,.]*k?\)?\s+(?:comments?|responses?|replies) | comment\s*\(\d[\d,]*\)
      | there\s+(?:are|is)\s+\d+\s+(?:comments?|responses?|replies) | no\s+(?:comments|responses)(?:\s+yet)?
      | (?:view|show|read|see|load|expand|hide|display)\s+(?:all\s+)?(?:\d+\s+)?comments?(?:\s*\(?\d[\d,]*\)?)?\s*\+?
      | (?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:reply|comment|response)(?:\s+to\s+.{1,80})?
      | join\s+the\s+(?:discussion|conversation|debate) | comments?\s+(?:are\s+closed|policy|powered\s+by\s+\w+)
      | your\s+email\s+address\s+will\s+not\s+be\s+published.{0,60}
      | no\s+html\s+tags\s+allowed\.? | allowed\s+html\s+tags\s*:.{0,200} | required\s+fields\s+are\s+marked.{0,10}
      | web\s+page\s+addresses\s+and\s+e-?mail\s+addresses\s+turn\s+into\s+links\s+automatically\.?
      | lines\s+and\s+paragraphs\s+break\s+automatically\.? | notify\s+me\s+of\s+(?:new|follow-up)\s+.{1,60}
      | save\s+my\s+name,?\s+e-?mail,?\s+and\s+website\s+in\s+this\s+browser.{0,60}
      | like\s+this\s*: | like\s+this\s*:\s*like\s+loading\.*
      | retrieved\s+from\s+["“]https?://.{1,200}                     # a wiki's page footer
      | (?:you\s+must\s+(?:be\s+)?)?(?:log(?:ged)?|sign(?:ed)?)\s*in\s+(?:or\s+\w+(?:\s+an\s+account)?\s+)?to
         \s+(?:post\s+a\s+|add\s+a\s+|leave\s+a\s+)?(?:comment|reply).{0,40}
    )\s*:?$""",
    re.X,
)
# Labels over links to other stories. Mostly after the article, but a news page may set a box of them inside it:
# the body selector reads on when the article's prose resumes right under the box. "Related" and "See also" alone
# head such boxes more often than not, and are left out.
_OTHER_STORIES = re.compile(
    r"""^(?:
        related\s+(?:articles?|stories|posts|content|coverage|topics|links|reading|items|news|videos?)
      | more\s+(?:stories|articles|news|posts|videos|like\s+this|to\s+(?:read|explore)|must-reads)(?:\s+(?:from|on|in)
         \s+.{1,40})?\s*»? | more\s+(?:from|on|in|by)\s+.{1,40} | more\s+about
      | (?:read|watch)\s+next | up\s+next | next\s+up(?:\s+in\s+.{1,30})? | what\s+to\s+read\s+next | keep\s+reading
      | you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)
      | we\s+recommend | recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?
      | most\s+(?:read|popular|viewed|shared|commented|emailed|recent)(?:\s+(?:stories|articles|news|in\s+.{1,30}))?
      | trending(?:\s+(?:now|stories|articles|topics|on\s+.{1,30}))? | popular\s+(?:on|in)\s+.{1,30}
      | similar\s+(?:articles|posts|stories) | also\s+on\s+.{1,30} | (?:from\s+)?around\s+the\s+web
      | (?:sponsored|promoted|partner)\s+(?:links|content|stories|ads)(?:\s+by\s+\w+)?
      | other\s+.{1,30}\s+(?:columns|stories|articles|posts) | latest\s+(?:news|stories|articles|posts|videos)
      | 【?関連(?:記事|ニュース)】? | (?:雑誌)?(?:アクセス)?ランキング.{0,20}
      | 相关(?:新闻|阅读|文章|报道) | 관련\s?기사
    )\s*:?$""",
    re.X,
)


def _label_key(line: str) -> str:
    return " ".join(line.split()).strip(" |•·›»>").lower() if len(line) <= 240 else ""


@lru_cache(maxsize=4096)
def ends_article(line: str) -> bool:
    """True for a label a page sets after its article (see _ARTICLE_END)."""
    key = _label_key(line)
    return bool(key) and _ARTICLE_END.match(key) is not None


@lru_cache(maxsize=4096)
def leads_to_other_stories(line: str) -> bool:
    """True for a label over links to other stories (see _OTHER_STORIES)."""
    key = _label_key(line)
    return bool(key) and _OTHER_STORIES.match(key) is not None
