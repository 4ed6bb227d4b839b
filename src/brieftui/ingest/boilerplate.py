"""Recognising what a scraper drags in with an article: the line-level rules.

Each rule is a pattern of scraped web pages in general (share bars, "Related:"
links, comment forms, counters, credits, disclaimers), never a string copied
from one article. Rules come in two strengths:

* *strong* rules are specific enough to remove a line anywhere in the text;
* *weak* rules ("Comments", "In politics, world") only apply in the head (before
  the first real paragraph) or the tail (after the last one), where page chrome
  lives, because the same shape could be body text in the middle.

Every pattern is matched only against short lines (``MAX_CHROME``) or a short
slice, so a 5 MB single-line file costs nothing here.

Prompts glued to article text and calls to comment or share, which are cut out of
a line rather than matched as one, are in :mod:`brieftui.ingest.prompts` (re-exported
here).
"""

from __future__ import annotations

import re
from enum import StrEnum

from brieftui.ingest.furniture import furniture_kind
from brieftui.ingest.prompts import CHANNELS as _CHANNELS
from brieftui.ingest.prompts import (  # re-exported: clean.py and the tests use them as bp.…
    ascii_lower_bytes,
    is_engagement,
    may_engage,
    may_have_trailing_prompt,
    reads_as_prose,
    split_glued_prompt,
    split_trailing_prompt,
    trailing_prompt_lines,
)

__all__ = [
    "MAX_CHROME",
    "Kind",
    "ascii_lower_bytes",
    "classify_line",
    "is_engagement",
    "is_tag_list",
    "may_engage",
    "may_have_trailing_prompt",
    "reads_as_prose",
    "split_glued_prompt",
    "split_trailing_prompt",
    "trailing_prompt_lines",
]

MAX_CHROME = 300
"""Lines longer than this are prose, never a whole boilerplate line."""


class Kind(StrEnum):
    RELATED = "related link"
    COUNTER = "counter"
    COMMENTS = "comment form"
    DISCLAIMER = "disclaimer"
    CREDIT = "image credit"
    AD = "advertisement"
    SHARE = "share/follow prompt"
    CATEGORY = "category line"
    TAGS = "tag list"
    NAVIGATION = "breadcrumb/navigation"
    ENGAGEMENT = "call to comment/share"
    WIRE_CREDIT = "wire credit"
    MEDIA = "media placeholder"
    CONTACT = "author contact"
    PROMO = "related-story promo"
    HIGHLIGHTS = "highlight box"


_I = re.IGNORECASE

_SOCIAL = (
    r"(?:facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|reddit|pinterest|messenger"
    r"|tumblr|threads|bluesky|mastodon|sms|flipboard|print|copy link)\b"
)

_CRUMB = r"[\w&'’-](?:[\w&'’ -]{0,38}[\w&'’-])?"
"""One breadcrumb item ("World", "Middle East"): at most 40 characters, no space at either end."""

_STRONG: list[tuple[Kind, re.Pattern[str]]] = [
    (
        Kind.RELATED,
        re.compile(
            r"(?:read also|also read|read more|more to read|related(?: stories| articles| news"
            r"| posts| content| reading| coverage)?|see also|more on this(?: story)?|recommended"
            r"(?: reading| for you)?|suggested reading|you may also like|you might also like"
            r"|don'?t miss|trending(?: now)?|editor'?s picks?|further reading|more from \w+)"
            r"\s*[:：|»>–—-]\s*\S.*",
            _I,
        ),
    ),
    (Kind.RELATED, re.compile(r"(?:MORE|WATCH|LISTEN|ALSO|SEE)\s*:\s*\S.*")),
    (
        Kind.RELATED,
        re.compile(
            r"(?:related(?: stories| articles| posts| news)?|you may also like|you might also like"
            r"|recommended for you|more stories|most read|most popular|popular posts|latest news"
            r"|read next|up next|more from this author)",
            _I,
        ),
    ),
    (
        Kind.COUNTER,
        re.compile(
            # A number starts with a digit, so it cannot take the "," of the separator
            # before it (with "[\d.,]+" a line of "1 views,." was exponential).
            r"(?:\d[\d.,]*\s*(?:[km]\s*)?(?:views?|reads?|comments?|shares?|likes?|reactions?"
            r"|min(?:ute)?s?(?:\s+read)?)\b[\s·•|,/-]*)+",
            _I,
        ),
    ),
    (
        Kind.COUNTER,
        re.compile(
            r"(?:(?:updated|published|posted)\s+)?\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?"
            r"|days?|weeks?|months?)\s+ago",
            _I,
        ),
    ),
    (
        Kind.NAVIGATION,
        re.compile(
            # An item starts and ends with a non-space, so the spaces around a separator
            # belong to the separator alone (items that could begin or end with spaces made
            # "Home |" and a run of spaces take seconds).
            r"(?:home|news)(?:\s*[»›>/|]\s*" + _CRUMB + r"){1,6}"
            r"|" + _CRUMB + r"(?:\s*[»›]\s*" + _CRUMB + r"){2,6}"
            r"|(?:listen to (?:this )?(?:article|story)|text size|print this (?:page|article)"
            r"|skip to (?:main )?content|back to top|jump to)\b.{0,40}",
            _I,
        ),
    ),
    (
        Kind.COUNTER,
        re.compile(
            r"(?:estimated\s+)?(?:reading|read)\s+time(?:\s*:)?\s*(?:about\s+)?[\d.]+\s*"
            r"(?:min(?:ute)?s?|seconds?)\.?",
            _I,
        ),
    ),
    (
        Kind.COMMENTS,
        re.compile(
            r"(?:leave a (?:reply|comment)(?:\s+cancel reply)?|cancel reply|post a comment"
            r"|add a comment|write a comment|post comment|submit comment|\d+\s+comments?"
            r"|comments?\s*\(\d+\)|(?:view|show|load|see) (?:all )?(?:\d+ )?comments"
            r"|be the first to comment.*|join the (?:conversation|discussion)"
            r"|your email address will not be published.*|required fields are marked.*"
            r"|save my name,? email,? and website.*|you must be logged in to post a comment.*"
            r"|notify me of (?:follow-up comments|new posts).*|comments are closed\.?"
            r"|(?:name|email|website|comment)\s*\*)",
            _I,
        ),
    ),
    (
        Kind.DISCLAIMER,
        re.compile(
            # Atomic groups take the first "disclaimer" and the first keyword after it and
            # never retry later ones: ".*x.*y" was quadratic on a line of many "disclaimer"s.
            r"(?:(?>.*?\bdisclaimer\b)(?>.*?\b(?:liabilit|click here|website|content|views"
            r"|opinions|responsib|advice)).*|disclaimer\s*:.*"
            r"|(?:the )?(?:views|opinions) (?:and opinions |and views )?expressed (?:in this|here"
            r"|herein|by)\b(?>.*?\b(?:authors?|writers?|contributors?)\b).*"
            r"|this (?:article|content|post|material) (?:is|was) (?:provided )?(?:for "
            r"(?:general )?informational purposes|not (?:intended as|financial|investment|legal)).*)",
            _I,
        ),
    ),
    (
        Kind.CREDIT,
        re.compile(
            r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}\b|by\b))\s*.{1,200}"
            r"|(?:photo|image|picture|photograph|video|file photo|illustration|graphic)s?"
            r"(?:\s+(?:credit|source|courtesy))?\s*(?:[:/|]|courtesy\b).{1,200}"
            # "Photo by Jane Doe/AP": a name, not a sentence ("Photographs by X showed tanks.")
            r"|(?:photo|image|picture|photograph|illustration)s?\s+by\s+[^!?;]{1,60}(?<![a-z]\.)"
            r"|(?:credits?|courtesy|source)\s*:\s*(?:getty|afp|reuters|ap\b|epa|shutterstock"
            r"|bloomberg|anadolu|xinhua|tass).{0,150}"
            r"|\(?(?:getty images|afp|reuters|ap photo|ap|shutterstock|epa(?:-efe)?|bloomberg"
            r"|anadolu agency)\)?(?:\s*(?:/|via)\s*.{0,100})?",
            _I,
        ),
    ),
    (
        Kind.AD,
        re.compile(
            r"(?:advertisements?|sponsored(?: content)?|ad|paid content|promoted"
            r"|story continues below(?: advertisement)?|continue reading(?: below)?"
            r"|scroll (?:down )?to continue(?: with content| reading)?"
            r"|article continues (?:below|after (?:this )?advertisement)|skip advertisement)",
            _I,
        ),
    ),
    (
        Kind.SHARE,
        re.compile(
            # "Follow us on X", "Join our Telegram channel" — a channel must be named, so that
            # "Like our allies, we…" or "Join our troops…" stay body text.
            r"(?:follow|like|find|join|connect with|subscribe to|add)\s+(?:us|me|our)\b.{0,60}?\b"
            + _CHANNELS
            + r"\b.{0,60}"
            r"|(?:follow|like) us[.!:]?"
            # "Sign up for our daily newsletter", "Get the latest news in your inbox": a
            # channel and a word that addresses the reader, so "Download speeds fell after
            # strikes hit the app servers." stays.
            r"|(?:subscribe|sign up|register|download|get|stay)\b"
            r"(?=[^“”\"]{0,80}\b(?:our|your|us|free|latest|daily|weekly|breaking)\b)"
            r"[^“”\"]{0,60}?\b" + _CHANNELS + r"\b[^“”\"]{0,60}"
            r"|stay (?:updated|informed|tuned|connected)\b[^“”\"]{0,60}"
            r"|subscribe(?: now| today| here)?[.!]?"
            r"|(?:click|tap) here\b.{0,150}"
            # "Share on Facebook, X and email", never "Share on Monday rose 4 per cent."
            r"|share(?: this)?(?: article| story| post| page)?(?: (?:on|via) "
            + _SOCIAL
            + r"(?:(?:,? (?:and |or |& )?| ?[|/·•] ?)"
            + _SOCIAL
            + r"){0,8})?"
            r"|(?:tweet|email|print|copy link|save|whatsapp|pin it)(?: this(?: article| story)?)?",
            _I,
        ),
    ),
    (
        Kind.TAGS,
        re.compile(
            r"(?:tags?|tagged(?: with| in)?|topics?|keywords?|filed under|categor(?:y|ies)"
            r"|posted in)\s*[:|]\s*.{1,250}",
            _I,
        ),
    ),
]


def _combine(rules: list[tuple[Kind, re.Pattern[str]]]) -> tuple[re.Pattern[str], dict[str, Kind]]:
    """One alternation for all strong rules: a single C-level match per line, not fifteen."""
    parts: list[str] = []
    kinds: dict[str, Kind] = {}
    for n, (kind, pattern) in enumerate(rules):
        flag = "i" if pattern.flags & re.IGNORECASE else "-i"
        parts.append(f"(?P<r{n}>(?{flag}:{pattern.pattern}))")
        kinds[f"r{n}"] = kind
    return re.compile("|".join(parts)), kinds


_STRONG_ALL, _STRONG_KINDS = _combine(_STRONG)

# Every strong rule starts with one of these words (or a digit, "©", "(", "!"), or
# contains one of the words in _may_be_chrome: a set lookup spares the big regex for
# ordinary sentences.
# tests/ingest/test_ingest_rules.py checks an example of every rule through this gate.
_FIRST_WORDS = frozenset(
    """read also more related see recommended suggested you don't dont trending editor's
    editors editor further watch listen leave cancel post add write submit comments comment
    view show load be join your required save notify name email website views
    opinions disclaimer photo photos image images picture pictures photograph photographs
    video videos file illustration illustrations graphic graphics credit credits courtesy
    source getty afp reuters ap shutterstock epa epa-efe bloomberg anadolu advertisement
    advertisements sponsored ad paid promoted story continue scroll article skip follow like
    find connect subscribe sign register download get stay click tap share tweet print copy
    whatsapp pin tags tag tagged topics topic keywords keyword filed categories category
    posted most popular latest up estimated reading copyright updated published home news
    text back jump""".split()
)
_FIRST_STRIP = "([\"'“‘*_"


def _may_be_chrome(line: str) -> bool:
    first = line[0]
    if first.isdigit() or first in "©(!":
        return True
    word = line.split(None, 1)[0].lstrip(_FIRST_STRIP).rstrip(":：|»>–—-.,").lower()
    if word in _FIRST_WORDS:
        return True
    # Rules that may start with "The"/"This" (the commonest first words of prose) are
    # reached through a word they must contain instead.
    return (
        "isclaimer" in line
        or "expressed" in line
        or "purposes" in line
        or "intended as" in line
        or "advice" in line
        or "»" in line
        or "›" in line
    )


_SOCIAL_WORDS = frozenset(
    "share facebook twitter x whatsapp email e-mail linkedin telegram reddit pinterest print "
    "copy link messenger tumblr threads bluesky sms tweet".split()
)

_SHARE_FILLER = frozenset("this article story post page on via the link - / ·".split())

# Weak (head/tail only): a category line such as "In geopolitics, international, politics".
_CATEGORY = re.compile(
    r"(?:(?:posted|filed|published)\s+)?in\s+\w[\w&'’-]*(?:\s+[\w&'’-]+){0,2}"
    r"(?:,\s*\w[\w&'’-]*(?:\s+[\w&'’-]+){0,2}){2,12}",
    _I,
)
_WEAK_WORDS = re.compile(r"(?:comments?|responses?|replies|discussion|share|tags?|categories)", _I)


_CLASSIFIED: dict[tuple[str, bool], Kind | None] = {}
"""Answers of :func:`classify_line` (a pure function of its arguments) for lines seen before.

A site's chrome repeats in every article scraped from it, so across a brief most
short lines have been classified already. Bounded: emptied when it gets big."""
_CLASSIFIED_MAX = 50_000


def classify_line(line: str, *, zone: bool) -> Kind | None:
    """The kind of boilerplate ``line`` is, or None for article text.

    ``zone`` is True in the head or tail of the document, where weak rules apply too.
    """
    if len(line) > MAX_CHROME:
        return None
    key = (line, zone)
    try:
        return _CLASSIFIED[key]
    except KeyError:
        pass
    kind = _classify(line, zone)
    if len(_CLASSIFIED) >= _CLASSIFIED_MAX:
        _CLASSIFIED.clear()
    _CLASSIFIED[key] = kind
    return kind


# A prompt rule removes page chrome, never prose: a line of these kinds that quotes
# someone or reports speech is article text (see :func:`.prompts.reads_as_prose`).
_PROMPT_KINDS = frozenset({Kind.SHARE, Kind.COMMENTS, Kind.NAVIGATION})


def _classify(line: str, zone: bool) -> Kind | None:
    m = _STRONG_ALL.fullmatch(line) if _may_be_chrome(line) else None
    if m is not None:
        kind = _STRONG_KINDS[m.lastgroup or ""]
        if kind in _PROMPT_KINDS and len(line) > 20 and reads_as_prose(line):
            return None
        return kind
    found = furniture_kind(line)
    if found is not None:
        return Kind(found)
    if len(line) <= 120:
        tokens = line.lower().replace("|", " ").replace("•", " ").split()
        # A share bar: channel words, maybe with filler ("Share this article  Tweet  Email").
        if (
            2 <= len(tokens) <= 12
            and all(t in _SOCIAL_WORDS or t in _SHARE_FILLER for t in tokens)
            and sum(t in _SOCIAL_WORDS for t in tokens) >= 2
        ):
            return Kind.SHARE
    if zone:
        if _WEAK_WORDS.fullmatch(line):
            return Kind.COMMENTS
        if len(line) <= 160 and line.rstrip()[-1:] not in ".!?" and _CATEGORY.fullmatch(line):
            return Kind.CATEGORY
    return None


def is_tag_list(line: str) -> bool:
    """A trailing tag list: short, no punctuation at all, every word capitalised."""
    if len(line) > 120 or any(ch in line for ch in '.,;:!?"“”()'):
        return False
    tokens = line.split()
    if len(tokens) < 2:
        return False
    return all(t[0].isupper() or t[0].isdigit() or t in ("&", "-") for t in tokens)
