"""Quotations and who said them.

Quotation marks are found with one single-character class (“ ” " « » ‘ ’) and paired
by a left-to-right scan: curly and guillemet marks open and close by shape, straight
double quotes alternate, and a curly single quote counts only when it opens with ‘
(’ between two letters is an apostrophe). A quotation of fewer than three words
("devastated") is a scare quote and left out; one longer than
:data:`MAX_QUOTE` characters is taken for a stray mark.

The speaker is read next to the quote, in its sentence: after it (“…,” said Priya
Raman / “…,” coastguard spokesman Nikos Andreou told / “…,” she said) or before it
(Dimitris Kostas, 36, told us: “…” / Aktis Lines insisted the vessel “…”). A name is
a run of capitalised words (:func:`.people.name_runs`); "he"/"she"/"they" are resolved
to the one person named before the quote in the passage, and left unresolved when
there are two or more; "the minister said" keeps the role.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from brieftui.divergence.facts import QUOTE, Fact, QuoteValue, Speaker
from brieftui.divergence.lexicon import PRONOUNS, ROLE_HEADS, SPEECH_VERBS, TENS, UNITS
from brieftui.divergence.people import NameRun, person_key
from brieftui.divergence.tokens import WORD, Tok
from brieftui.text import fold, spelling_key

QUOTE_MARK = re.compile(r"[“”\"«»‘’]")
MAX_QUOTE = 1500
MAX_QUOTES = 200
"""At most this many quotations per passage are read (a real paragraph holds a few)."""
MIN_WORDS = 3
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ELLIPSIS = re.compile(r"…|\.\.\.")
_ON_THE_HOUR = re.compile(r"(?<=\d):00(?!\d)")
""""6:00 p.m." and "6 p.m." are one time."""
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
"""An editor's insertion inside a quotation: "(Tara Reid)", "[the police]"."""
_CONTRACTIONS = (
    (
        re.compile(r"\b(can|won)['’]t\b", re.IGNORECASE),
        lambda m: "can not" if m.group(1).lower() == "can" else "will not",
    ),
    (re.compile(r"n['’]t\b", re.IGNORECASE), lambda m: " not"),
    (
        re.compile(r"['’](re|m|ve|ll|d)\b", re.IGNORECASE),
        lambda m: (
            " "
            + {"re": "are", "m": "am", "ve": "have", "ll": "will", "d": "would"}[m.group(1).lower()]
        ),
    ),
    (re.compile(r"\bcannot\b", re.IGNORECASE), lambda m: "can not"),
)
""""aren't"/"are not", "I'm"/"I am": one wording."""
_BRITISH_OUR = re.compile(r"(?<=[bvlr])our(?=[a-z])")
""""neighbourhood"/"neighborhood", "behaviours"/"behaviors" (beyond :func:`spelling_key`)."""


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the text inside each pair of quotation marks (linear time)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    opener = ""
    for m in QUOTE_MARK.finditer(text):
        mark = m.group()
        pos = m.start()
        if open_at is not None and pos - open_at > MAX_QUOTE:
            open_at = None  # a stray opening mark: forget it
        if mark in "“«":
            open_at, opener = pos + 1, mark
        elif mark == "‘":
            if open_at is None:
                open_at, opener = pos + 1, mark
        elif mark == "’":
            before = text[pos - 1] if pos else " "
            after = text[pos + 1] if pos + 1 < len(text) else " "
            if opener == "‘" and open_at is not None and not (before.isalpha() and after.isalpha()):
                spans.append((open_at, pos))
                open_at = None
        elif mark in "”»":
            if open_at is not None and opener in '“«"':
                spans.append((open_at, pos))
                open_at = None
        elif mark == '"':
            if open_at is not None and opener == '"':
                spans.append((open_at, pos))
                open_at = None
            elif open_at is None:
                open_at, opener = pos + 1, '"'
    return spans


_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_NUMERALS = {
    **{
        w: f"{n}{'st' if n % 10 == 1 and n != 11 else 'nd' if n % 10 == 2 and n != 12 else 'rd' if n % 10 == 3 and n != 13 else 'th'}"
        for n, w in enumerate(_ORDINALS, 1)
    },
    **{w: str(n) for w, n in UNITS.items()},
    **{w: str(n) for w, n in TENS.items()},
    "one": "1",
}
""""eleventh-hour" / "11th hour", "three people" / "3 people": one wording."""


def normalise_words(text: str) -> tuple[tuple[str, ...], ...]:
    """A quote's words, folded, in segments split at an ellipsis (marks and spaces ignored)."""
    segments = []
    text = _BRACKETED.sub(" ", _ON_THE_HOUR.sub("", text))
    for pattern, expand in _CONTRACTIONS:
        text = pattern.sub(expand, text)
    for piece in _ELLIPSIS.split(text):
        words = tuple(
            _NUMERALS.get(w, w)
            for w in (
                _BRITISH_OUR.sub("or", spelling_key(fold(w)))
                for w in _WORD.findall(piece.replace("’", "'").replace("'", ""))
            )
        )
        if words:
            segments.append(words)
    return tuple(segments)


def extract_quotes(
    text: str, toks: Sequence[Tok], runs: Sequence[NameRun], roles: Sequence[Fact]
) -> list[Fact]:
    """Every quotation of three words or more, with its speaker when one is named."""
    facts: list[Fact] = []
    spans = quote_spans(text)
    if not spans:
        return facts
    inside = _inside_marks(toks, spans)
    starts = [t.start for t in toks]
    run_of = {i: run for run in runs for i in range(run.start, run.end)}
    for start, end in spans[:MAX_QUOTES]:
        inner = text[start:end]
        segments = normalise_words(inner)
        if sum(len(s) for s in segments) < MIN_WORDS:
            continue
        # trim spaces and a final comma inside the marks from the span
        lead = len(inner) - len(inner.lstrip())
        s, e = start + lead, start + len(inner.rstrip())
        first_in = bisect_left(starts, start)
        last_in = bisect_right(starts, end)
        speaker = _after_quote(toks, runs, run_of, roles, last_in, inside) or _before_quote(
            toks, runs, run_of, roles, first_in, inside
        )
        words = [w for seg in segments for w in seg]
        facts.append(
            Fact(
                kind=QUOTE,
                slot="",
                label="“" + " ".join(words[:6]) + ("…”" if len(words) > 6 else "”"),
                start=s,
                end=e,
                text="",
                value=QuoteValue(
                    segments,
                    speaker,
                    opens_mid=inner.lstrip()[:1].islower(),
                    closes_mid=inner.rstrip()[-1:] not in (".", ",", "!", "?", "…", ";", ":"),
                ),
                display=inner.strip(),
            )
        )
    return facts


def _inside_marks(toks: Sequence[Tok], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token, whether it lies inside a quotation (marks included)."""
    flags = [False] * len(toks)
    k = 0
    for i, t in enumerate(toks):
        while k < len(spans) and spans[k][1] < t.start - 1:
            k += 1
        if k < len(spans) and spans[k][0] - 1 <= t.start <= spans[k][1]:
            flags[i] = True
    return flags


def _named(toks: Sequence[Tok], run: NameRun) -> Speaker:
    key = " ".join(fold(w) for w in run.words) if run.org else person_key(run.words[-1])
    first = "" if run.org else run.first_name
    return Speaker(
        key, first, " ".join(run.words), toks[run.start].start, toks[run.end - 1].end, True,
        run.org,
    )  # fmt: skip


def _after_quote(
    toks: Sequence[Tok],
    runs: Sequence[NameRun],
    run_of: dict[int, NameRun],
    roles: Sequence[Fact],
    j: int,
    inside: list[bool],
) -> Speaker | None:
    """“…,” said NAME / “…,” NAME said / “…,” she said / “…,” the minister said."""
    n = len(toks)
    if j >= n or inside[j]:
        return None
    sent = toks[j - 1].sent if j else 0
    limit = min(n, j + 10)
    k = j
    while k < limit and toks[k].text in ",.;:!?":
        k += 1
    verb_seen = False
    while k < limit and not inside[k]:
        t = toks[k]
        if t.sent != sent and not (k == j or toks[k - 1].text in ',”"'):
            break
        if t.kind == WORD and t.low in SPEECH_VERBS:
            verb_seen = True
            k += 1
            continue
        run = run_of.get(k)
        if run is not None:
            later = _person_after_title(toks, run_of, run)
            if later is not None:
                run = later  # "said Trend Micro advanced threat researcher Paul Ferguson"
            if verb_seen or _verb_follows(toks, run.end):
                return _named(toks, run)
            return None
        if t.kind == WORD and t.low in PRONOUNS and _verb_follows(toks, k + 1):
            return _resolve_pronoun(toks, runs, toks[k].start, inside)
        if t.kind == WORD and t.low in ROLE_HEADS and (verb_seen or _verb_follows(toks, k + 1)):
            return _role_speaker(toks, k, roles)
        if t.text in ".;":
            break
        k += 1
    return None


def _person_after_title(
    toks: Sequence[Tok], run_of: dict[int, NameRun], run: NameRun
) -> NameRun | None:
    """The person named after an organisation and a job title: "Microsoft security response
    communications head Christopher Budd" → Christopher Budd."""
    j = run.end
    limit = min(len(toks), j + 6)
    while j < limit and toks[j].kind == WORD and not toks[j].cap:
        j += 1
    if j > run.end or (j < len(toks) and toks[j].text == "."):
        nxt = run_of.get(j if toks[j].text != "." else j + 1) if j < len(toks) else None
        if nxt is not None and nxt is not run and not nxt.org and len(nxt.words) >= 2:
            return nxt
    return None


def _verb_follows(toks: Sequence[Tok], k: int) -> bool:
    return k < len(toks) and toks[k].kind == WORD and toks[k].low in SPEECH_VERBS


def _before_quote(
    toks: Sequence[Tok],
    runs: Sequence[NameRun],
    run_of: dict[int, NameRun],
    roles: Sequence[Fact],
    first_in: int,
    inside: list[bool],
) -> Speaker | None:
    """NAME[, apposition,] told us: “…” / NAME insisted the vessel “…”: the speech verb
    nearest before the quote, and the person nearest before that verb ("Palin's spokesman
    said that Palin told a pastor “…”" is Palin's quote)."""
    k = first_in - 1
    while k >= 0 and toks[k].text in '“«"‘':  # the opening mark itself
        k -= 1
    if k < 0:
        return None
    sent = toks[k].sent
    verb_at = -1
    while k >= 0 and first_in - k <= 40 and toks[k].sent == sent and not inside[k]:
        if toks[k].kind == WORD and toks[k].low in SPEECH_VERBS:
            verb_at = k
            break
        k -= 1
    if verb_at < 0:
        return None
    fallback: Speaker | None = None
    k = verb_at - 1
    while k >= 0 and verb_at - k <= 30 and toks[k].sent == sent and not inside[k]:
        t = toks[k]
        run = run_of.get(k)
        if run is not None:
            owner = run.end + 1 < len(toks) and toks[run.end].text in ("'", "’")
            if not run.org and not owner:
                return _named(toks, run)
            if fallback is None and not owner:
                fallback = _named(toks, run)
            k = run.start - 1
            continue
        if t.kind == WORD and t.low in PRONOUNS and fallback is None:
            return _resolve_pronoun(toks, runs, t.start, inside)
        if t.kind == WORD and t.low in ROLE_HEADS and fallback is None and verb_at - k <= 3:
            fallback = _role_speaker(toks, k, roles)
        k -= 1
    return fallback


def _resolve_pronoun(
    toks: Sequence[Tok], runs: Sequence[NameRun], before: int, inside: list[bool]
) -> Speaker | None:
    """ "she said": the one person named earlier in the passage (outside quotations),
    else unresolved."""
    people: dict[tuple[str, str], NameRun] = {}
    for run in runs:
        if toks[run.start].start >= before:
            break
        if not inside[run.start] and not run.org and len(run.words) >= 2:
            people.setdefault((run.surname, run.first_name), run)
    if len(people) != 1:
        return None
    run = next(iter(people.values()))
    named = _named(toks, run)
    return Speaker(named.key, named.first, named.text, named.start, named.end, False)


def _roles(fact: Fact) -> frozenset[str]:
    value = fact.value
    return value if isinstance(value, frozenset) else frozenset()


def _role_speaker(toks: Sequence[Tok], k: int, roles: Sequence[Fact]) -> Speaker:
    """ "the minister said": a person of the passage with that role, else the role itself."""
    role = ROLE_HEADS[toks[k].low]
    holders = {f.slot.removeprefix("person:") for f in roles if role in _roles(f)}
    key = next(iter(holders)) if len(holders) == 1 else "role:" + role
    return Speaker(key, "", toks[k].text, toks[k].start, toks[k].end, True)
