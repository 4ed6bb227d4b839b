"""Page furniture left in mostly clean article scrapes: the second set of line rules.

:mod:`.boilerplate` holds the first set (share bars, "Related:" links, counters,
comment forms, credits). These are the classes found after it, each caught by the
shape every site gives it, not by strings copied from one article:

* wire credits: "(Reporting by …; Editing by …)", "X reported from Y.", a wire's
  "Our Standards:" line;
* picture furniture: "Image source, …", "Image caption, …", "Enlarge this image",
  "Hide caption";
* media-player placeholders: "Watch the video", "Now playing", a lone "2:45",
  "Your browser does not support the video tag";
* author contact lines: an e-mail address or an @handle with "contact", "reach",
  "write to", "follow", "tips";
* social follow prompts naming a person ("Follow Jane Doe on X");
* advertisement markers in decoration ("- ADVERTISEMENT -", "Sponsored by …");
* paywall and gift prompts ("Subscribe to keep reading", "Gift this article",
  "Reuse this content");
* read-more and also-read lines in capitals without a colon ("READ MORE Trump …").

Block rules (a header and what follows it) live in :func:`promo_block` and
:func:`highlight_block`, called by :func:`brieftui.ingest.clean.clean`.

Every pattern is matched against one line of at most 300 characters, and every
quantifier is bounded: linear on any input.
"""

from __future__ import annotations

import re

from brieftui.ingest import outlet

_I = re.IGNORECASE

_PICTURE = re.compile(
    r"(?:image|photo|picture|video|media|graphic)\s(?:source|caption|credit)s?\s?[,:].{0,250}"
    r"|(?:enlarge|expand|hide|show|toggle|view)\s(?:this\s)?(?:image|caption|photo|gallery)s?"
    r"(?:\s.{0,40})?"
    r"|caption\s?:.{0,250}"
    r"|(?:photo|image|picture)\s?\d{1,3}\s?(?:of|/)\s?\d{1,3}",
    _I,
)
_MEDIA = re.compile(
    r"(?:watch|play|replay)(?:\sthe)?(?:\sfull)?\s(?:video|clip)\b.{0,80}"
    r"|now playing\b.{0,80}|up next\s?:?.{0,80}"
    r"|loading(?:\s(?:video|player|audio))?(?:\.{3}|…)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
    r"|(?:duration|length|runtime)\s?:?\s?\d{1,2}:\d{2}(?::\d{2})?"
    r"|your browser does not support.{0,100}"
    r"|video ad feedback|ad feedback"
    r"|(?:this\s)?(?:video|media|audio)\s(?:is\s)?(?:not available|unavailable|cannot be played"
    r"|can ?not be played|could not be loaded).{0,80}"
    r"|(?:video|audio|podcast)\s?:\s.{1,150}",
    _I,
)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
_CONTACT_START = re.compile(
    r"(?:contact|email|e-mail|reach|write to|follow|tips?|send|got a tip|questions?|you can)\b",
    _I,
)
_CONTACT_VERB = re.compile(
    r"\b(?:can be reached|can be contacted|is on (?:twitter|x)|tweets at|is at|reach (?:him|her|them))\b",
    _I,
)
_FOLLOW_PERSON = re.compile(
    r"[Ff]ollow\s(?:[A-Z][\w.'’-]{0,30}\s){1,3}on\s(?i:twitter|x|facebook|instagram|linkedin|threads"
    r"|bluesky|mastodon|tiktok|youtube)\b.{0,60}"
)
_AD = re.compile(
    r"advertisements?|advertising|ad|ads|sponsored(?: content| post)?|paid (?:content|post)"
    r"|partner content|promoted(?: content)?|sponsored by .{1,60}|presented by .{1,60}",
    _I,
)
_DECORATION = " -–—|*•·[]()_=~"
_PAYWALL = re.compile(
    r"(?:subscribe|sign in|log in|register)\sto\s(?:keep|continue)\s(?:reading|watching).{0,150}"
    r"|already a (?:subscriber|member)\??.{0,80}"
    r"|gift (?:this )?(?:article|story)\b.{0,40}"
    r"|reuse this content"
    r"|our standards\s?:.{0,120}",
    _I,
)
_CAPS_RELATED = re.compile(
    r"(?:READ MORE|ALSO READ|READ ALSO|SEE ALSO|MORE ON THIS|RELATED(?: STORY| ARTICLE)?"
    r"|RECOMMENDED|MUST READ|DON'T MISS|TRENDING)\b\s?[:|»>–—-]?\s?\S.{0,200}"
)


def furniture_kind(line: str) -> str | None:
    """The kind of furniture ``line`` (stripped, at most 300 characters) is, or None.

    Returns a :class:`~brieftui.ingest.boilerplate.Kind` value.
    """
    if len(line) > 300 or not line or not _may_be_furniture(line):
        return None
    low_start = line[:40].lower()
    if (
        "by " in low_start
        or "reported" in line
        or "contributed" in line
        or "our standards" in low_start
    ) and outlet.wire_credit(line):
        return "wire credit"
    if _PAYWALL.fullmatch(line):
        return "share/follow prompt"
    if _PICTURE.fullmatch(line):
        return "image credit"
    if _MEDIA.fullmatch(line):
        return "media placeholder"
    if ("@" in line and len(line) <= 200) and _is_contact(line):
        return "author contact"
    if low_start.startswith("follow") and _FOLLOW_PERSON.fullmatch(line):
        return "share/follow prompt"
    bare = line.strip(_DECORATION)
    if bare != line and bare and _AD.fullmatch(bare):
        return "advertisement"
    if low_start.startswith(("sponsored by", "presented by")) and _AD.fullmatch(line):
        return "advertisement"
    if line[:1].isupper() and line[:4].isupper() and _CAPS_RELATED.fullmatch(line):
        return "related link"
    return None


_FIRST_WORDS = frozenset(
    """reporting writing editing compiled produced research graphics photo photos video
    additional further our subscribe sign log register already gift reuse image picture
    media graphic enlarge expand hide show toggle view caption watch play replay now up
    loading duration length runtime your ad audio this podcast follow sponsored
    presented""".split()
)


def _may_be_furniture(line: str) -> bool:
    """Cheap gate: every rule here starts with one of a few words, a digit, a bracket or
    decoration, or holds an "@", "reported" or "contributed" (a set lookup, not 8 regexes)."""
    first = line[0]
    if first.isdigit() or first in _DECORATION or line[:4].isupper():
        return True
    word = line.split(None, 1)[0].rstrip(",:;.").lower()
    return word in _FIRST_WORDS or "@" in line or "reported" in line or "contributed" in line


def _is_contact(line: str) -> bool:
    if not (_EMAIL.search(line) or _HANDLE.search(line)):
        return False
    return bool(_CONTACT_START.match(line) or _CONTACT_VERB.search(line))


# -- blocks -------------------------------------------------------------------------

_PROMO_HEADER = re.compile(
    r"(?:more (?:from|on|in|about|stories|news|to read|top stories|like this)\b.{0,40}"
    r"|(?:\w{1,20}\s){0,3}more (?:stories|news)"
    r"|related(?: topics| stories| articles| content| coverage| links)?"
    r"|(?:read|up|what to read) next|explore more(?: on these topics)?.{0,30}"
    r"|most (?:read|viewed|popular|shared|watched)(?: stories| articles)?(?: \w{1,20})?"
    r"|(?:latest|top|trending)(?: news| stories| articles| headlines)?"
    r"|recommended(?: for you| stories| reading)?|you (?:may|might) (?:also )?(?:like|enjoy)"
    r"|(?:also|must) read|editor'?s picks?|don'?t miss|in other news|elsewhere on \S{1,40}"
    r"|more (?:local|world|business|sports?|political)? ?news)\s?:?",
    _I,
)


def is_promo_header(line: str) -> bool:
    """A header over a run of story links ("More Local News", "Explore more on these topics")."""
    return (
        len(line) <= 60 and line.rstrip()[-1:] not in ".!?" and bool(_PROMO_HEADER.fullmatch(line))
    )


_HIGHLIGHTS = re.compile(
    r"(?:highlights|key (?:points|takeaways|facts|findings)|at a glance|in brief|quick read"
    r"|the big picture|summary|tl;?dr|in short|what you need to know|story highlights"
    r"|the essentials)\s?:?",
    _I,
)


def is_highlights_header(line: str) -> bool:
    """A header over a box of summary bullets at the top ("Key points", "Highlights")."""
    return len(line) <= 40 and bool(_HIGHLIGHTS.fullmatch(line))
