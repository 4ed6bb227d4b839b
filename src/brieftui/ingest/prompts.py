"""Prompts that address the reader: glued to article text, or a whole sentence.

A scraper glues page chrome to the prose it borders: a share prompt before the first
sentence ("Join our WhatsApp ChannelThe intricate…"), an ad marker ("AdvertisementThe
president said…"), a follow prompt after the last ("…the war.Follow us on Twitter"),
and calls to comment or share between sentences. These rules cut them off, and leave
text that quotes or reports such words (:func:`reads_as_prose`) alone. The line-level
rules are in :mod:`brieftui.ingest.boilerplate`, which shares :data:`CHANNELS`.

Every pattern is anchored or runs on a short slice (the first 100 or the last 160
characters of a line, a sentence of at most 300), except the cheap gates in front of
them (plain substrings, one alternation of words): the cost stays linear in the text.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

CHANNELS = (
    r"(?:twitter|x|facebook|instagram|telegram|whatsapp|linkedin|youtube|tiktok|threads|bluesky"
    r"|mastodon|google news|flipboard|newsletters?|channels?|updates|alerts|notifications|podcast"
    r"|rss|feed|mailing list|inbox|app)"
)
"""The channels a reader is asked to follow or join (a prompt must name one)."""


# A share/follow prompt glued to the first sentence: "Join our WhatsApp ChannelThe intricate…".
_PROMPT_START = re.compile(
    r"(?:join|follow|subscribe|sign up|like|get|download|click|tap|stay)\b", _I
)
_PROMPT_WORD = re.compile(CHANNELS, _I)
# "AdvertisementThe president said…": an ad marker glued to the first words.
_GLUED_AD = re.compile(r"(?:ADVERTISEMENT|Advertisement|SPONSORED|Sponsored)(?=[“\"‘]?[A-Z][a-z])")
_GLUE = re.compile(r"[a-z0-9)!.](?=[“\"‘]?[A-Z][A-Za-z])")
_CAMEL_BRANDS = frozenset(
    "whatsapp linkedin youtube tiktok facebook iphone ipad macbook playstation github "
    "wordpress soundcloud paypal".split()
)
# …and one glued to the end of a paragraph: "…the war.Follow us on Twitter".
_TRAILING_PROMPT = re.compile(
    r"(?<=[.!?”\"])\s*((?:follow us|join our|subscribe to|sign up for|click here|like us)"
    r"[^.!?]{0,100}[.!]?)$",
    _I,
)

# Calls to comment or share: removed sentence by sentence, so a question before them stays.
_ENGAGEMENT = re.compile(
    r"(?:share your (?:thoughts|views|opinions?|comments|take)|let us know\b.*\b(?:comment|think|below)"
    r"|tell us what you think|what do you think\?|(?:please )?(?:leave|drop|post) (?:a|your) comments?"
    r"|if you (?:found|enjoyed|liked|like)\b.*\b(?:shar|subscri|follow|like)|(?:please )?consider "
    r"sharing|don'?t forget to (?:like|share|subscribe|comment|follow)|(?:please )?(?:like|share),? "
    r"(?:and|&) (?:subscribe|share|comment)|(?:please )?share this (?:article|post|story)"
    r"|join the (?:conversation|discussion)|comment below)",
    _I,
)


def _names_a_prompt(low: str) -> bool:
    """The cheap gate before the prompt regexes: a lower-cased text names a reader prompt."""
    return (
        "follow us" in low
        or "join our" in low
        or "subscribe to" in low
        or "sign up for" in low
        or "click here" in low
        or "like us" in low
    )


# A prompt rule removes page chrome, never prose. A line that quotes someone or reports
# speech ("Stay tuned, the president told reporters.") is article text, and so is a
# sentence whose prompt is the subject of a verb ("Leave a comment was all the minister
# wrote"): the reader is not being addressed.
_REPORTED = re.compile(
    r"[“”\"]|\b(?:said|says|told|tells|wrote|writes|asked|asks|urged|urges|added|adds"
    r"|warned|warns|insisted|insists|replied|replies|tweeted|announced|claimed|claims"
    r"|according to)\b",
    _I,
)
_SUBJECT_VERB = re.compile(
    r"\w*[\s,]+(?:was|were|is|are|has|had|have|will|would|could|can|may|might|must|should"
    r"|did|does|seems?|seemed|became|becomes|remains?|remained|appears?|appeared|means?"
    r"|meant|made|makes|took|takes|got|gets|came|comes|went|goes)\b",
    _I,
)


def reads_as_prose(text: str) -> bool:
    """Whether ``text`` quotes or reports someone: then a prompt-like start is prose."""
    return _REPORTED.search(text) is not None


def split_glued_prompt(line: str) -> tuple[str, str] | None:
    """``(prompt, rest)`` when ``line`` starts with a share prompt glued to the text.

    The glue point is the first lower→Upper junction ("ChannelThe") that is not
    inside a camel-cased brand ("WhatsApp"), within the first 100 characters,
    and the prompt must name a channel (WhatsApp, newsletter, updates…).
    """
    ad = _GLUED_AD.match(line)
    if ad is not None:
        return ad.group(0), line[ad.end() :].strip()
    if not _PROMPT_START.match(line):
        return None
    head = line[:100]
    for m in _GLUE.finditer(head):
        cut = m.end()
        word_start = head.rfind(" ", 0, cut) + 1
        word_end = head.find(" ", cut)
        word = head[word_start : word_end if word_end != -1 else len(head)].lower()
        offset = cut - word_start
        if any(word.startswith(brand) and offset < len(brand) for brand in _CAMEL_BRANDS):
            continue  # the junction is inside "WhatsApp", not the glue point
        prompt = line[:cut]
        if not _PROMPT_WORD.search(prompt):
            return None
        return prompt.strip(), line[cut:].strip()
    return None


_TRAILING_WORDS = (
    b"follow us",
    b"join our",
    b"subscribe to",
    b"sign up for",
    b"click here",
    b"like us",
)
# The only characters whose str.lower() holds an ASCII letter besides A-Z are "İ" (U+0130)
# and the Kelvin sign (U+212A). The pre-checks below lower only ASCII (on bytes: several
# times faster than str.lower on non-ASCII text), so they defer to str.lower for those two.


def ascii_lower_bytes(text: str) -> bytes:
    """``text`` as UTF-8 with ASCII letters lowered: for substring tests of ASCII words."""
    return text.encode("utf-8", "surrogatepass").lower()


def may_have_trailing_prompt(text: str) -> bool:
    """Cheap whole-text pre-check for :func:`split_trailing_prompt` (never a false "no")."""
    if "\u0130" in text or "\u212a" in text:
        low = text.lower()
        return _names_a_prompt(low)
    low_bytes = ascii_lower_bytes(text)
    return any(word in low_bytes for word in _TRAILING_WORDS)


def trailing_prompt_lines(lines: list[str], whole: str | None = None) -> set[int] | None:
    """Indices of the ``lines`` (which hold no newline) that may end with a glued prompt.

    An empty set when none can; None when this cheap test cannot tell (then every
    line must go through :func:`split_trailing_prompt`). Never leaves out a line
    that :func:`split_trailing_prompt` would split. ``whole`` is ``"\n".join(lines)``
    when the caller has it already (one copy less of a huge text).
    """
    if whole is None:
        whole = "\n".join(lines)
    if "\u0130" in whole or "\u212a" in whole or whole.count("\n") != len(lines) - 1:
        return None
    low = ascii_lower_bytes(whole)
    found: set[int] = set()
    for word in _TRAILING_WORDS:  # linear: after a hit, go on from the next line
        line = last = 0
        start = low.find(word)
        while start != -1:
            line += low.count(b"\n", last, start)
            found.add(line)
            end = low.find(b"\n", start)
            if end == -1:
                break
            line += 1
            last = end + 1
            start = low.find(word, last)
    return found


def split_trailing_prompt(line: str) -> tuple[str, str] | None:
    """``(text, prompt)`` when a paragraph ends with a glued share/follow prompt."""
    tail = line[-160:]
    low = tail.lower()
    if not _names_a_prompt(low):
        return None
    m = _TRAILING_PROMPT.search(tail)
    if m is None or (
        not _PROMPT_WORD.search(m.group(1)) and "click here" not in m.group(1).lower()
    ):
        return None
    if reads_as_prose(m.group(1)):  # "Subscribe to the channel, the video urged."
        return None
    cut = len(line) - len(tail) + m.start(1)
    return line[:cut].rstrip(), m.group(1).strip()


_ENGAGEMENT_GATE = re.compile(
    r"comment|shar|subscri|think|follow|like|conversation|discussion"
)  # matched against lower-cased text: one C-level scan


_ENGAGEMENT_GATE_BYTES = re.compile(_ENGAGEMENT_GATE.pattern.encode("ascii"))


def may_engage(text: str) -> bool:
    """Cheap pre-check (plain substring tests): could ``text`` hold a call to engage?"""
    if "\u0130" in text or "\u212a" in text:  # see _TRAILING_WORDS: lowers to ASCII letters
        return _ENGAGEMENT_GATE.search(text.lower()) is not None
    return _ENGAGEMENT_GATE_BYTES.search(ascii_lower_bytes(text)) is not None


def is_engagement(sentence: str) -> bool:
    """A call to comment or share ("Share your thoughts in the comments…").

    Anchored at the start of the sentence: the reader is addressed directly, so a
    quoted “What do you think?” inside a sentence is not matched. And the call must
    be the sentence, not its subject or a reported quote: "Leave a comment was all
    the minister wrote" and "Share your thoughts by Friday, the ministry urged" are prose.
    """
    if len(sentence) > 300 or not may_engage(sentence):
        return False
    m = _ENGAGEMENT.match(sentence)
    if m is None or reads_as_prose(sentence):
        return False
    return _SUBJECT_VERB.match(sentence, m.end()) is None
