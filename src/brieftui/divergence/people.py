"""Named people with their role, and places where something happened.

People: a run of capitalised words of at least two ("Elena Vasilaki", "Nikos
Andreou") is a person when it holds no organisation word ("Lines", "Securities",
"Court"). Their role is read from the words right before the name ("Shipping
Minister Elena Vasilaki", "coastguard spokesman Nikos Andreou", "Veltra chief
executive Sandra Okafor"), from an apposition after it ("Nikos Andreou, a coastguard
spokesman,", "Sandra Okafor, Veltra's CEO,") or before it ("the ship's captain,
Yannis Doukas,"). Roles are normalised through :data:`.lexicon.ROLE_HEADS` and
:data:`.lexicon.COMPOUND_ROLES` ("CEO" and "chief executive" are one role); a rank
("deputy", "acting") is kept, "former"/"retired" are not. A person is keyed by the
folded surname (Köhler, Koehler and Kohler meet) and told apart by first name.

Places: a capitalised name after "in", "near", "off", "at", "outside" (optionally
"the island of", "the port of"), that is neither a person nor an organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from brieftui.divergence.facts import MAX_FACTS, PLACE, ROLE, Fact, context_of
from brieftui.divergence.lexicon import (
    COMPOUND_MAX,
    COMPOUND_ROLES,
    MONTHS,
    ORG_WORDS,
    PLACE_LEADS,
    PLACE_PREPS,
    ROLE_HEADS,
    ROLE_RANKS,
    SPEECH_VERBS,
    WEEKDAYS,
)
from brieftui.divergence.tokens import PUNCT, WORD, Tok, is_content
from brieftui.text import STOPWORDS, fold

_NAMING_VERBS = frozenset(
    "named appointed hired fired replaced succeeded promoted nominated picked chose".split()
)
_PAST = frozenset({"former", "ex", "retired", "onetime", "erstwhile", "outgoing"})
PARTICLES = frozenset({"de", "la", "le", "du", "van", "von", "der", "den", "di", "da", "al", "bin"})
_TITLES = frozenset(
    """mr mrs ms dr sir dame lord lady prof lt sgt capt col gen det insp supt rep sen gov
    cmdr adm maj cpl pte rev fr""".split()
)
"""Titles (and their abbreviations) before a name are not part of it: "Lt. Gregg Hastings"."""


@dataclass(frozen=True, slots=True)
class NameRun:
    """A run of capitalised words: ``toks[start:end]``."""

    start: int
    end: int
    words: tuple[str, ...]
    org: bool

    @property
    def surname(self) -> str:
        return person_key(self.words[-1])

    @property
    def first_name(self) -> str:
        return fold(self.words[0]) if len(self.words) > 1 else ""


def person_key(word: str) -> str:
    """A surname as a key: folded, with German/Nordic transliterations joined (oe → o)."""
    key = fold(word)
    for a, b in (("oe", "o"), ("ue", "u"), ("ae", "a")):
        key = key.replace(a, b)
    return key


def name_runs(toks: Sequence[Tok]) -> list[NameRun]:
    """Runs of capitalised words (particles inside allowed), role words left out in front."""
    runs: list[NameRun] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not _cap_word(t) or (not t.space and i > 0 and toks[i - 1].text == "-"):
            i += 1  # not a name, or the tail of "D-Mass." / "Franco-German"
            continue
        j = i
        initials: set[int] = set()
        while j < n:
            tj = toks[j]
            if j > i and tj.sent != toks[i].sent:
                break
            if _cap_word(tj) or (
                tj.low in PARTICLES and j > i and j + 1 < n and _cap_word(toks[j + 1])
            ):
                j += 1
            elif _initial(toks, j) and j > i:
                initials.update((j, j + 1))  # "Edward J. Markey"
                j += 2
            else:
                break
        start = i
        # role words and titles at the front are not the name: "Shipping Minister Elena Vasilaki"
        last_role = -1
        for k in range(i, j):
            if _role_word(toks[k].low) or toks[k].low in ROLE_RANKS or toks[k].low in _TITLES:
                last_role = k
        if last_role >= 0:
            start = last_role + 1
        if start < j:
            words = tuple(toks[k].text for k in range(start, j) if k not in initials)
            org = any(w.lower() in ORG_WORDS for w in words)
            if not (len(words) == 1 and (toks[start].first or toks[start].low in _TITLES)):
                runs.append(NameRun(start, j, words, org))
        i = max(j, i + 1)
    return runs


def _initial(toks: Sequence[Tok], j: int) -> bool:
    """A middle initial: one capital letter, a dot, then a capitalised word."""
    t = toks[j]
    return (
        t.kind == WORD
        and len(t.text) == 1
        and t.cap
        and j + 2 < len(toks)
        and toks[j + 1].text == "."
        and _cap_word(toks[j + 2])
    )


def _cap_word(t: Tok) -> bool:
    return (
        t.kind == WORD
        and t.cap
        and len(t.text) > 1
        and t.low not in MONTHS
        and t.low not in WEEKDAYS
        and not (t.first and t.low in STOPWORDS)
    )


_ROLE_WORDS = frozenset(ROLE_HEADS) | {w for key in COMPOUND_ROLES for w in key}
"""Every word that can be part of a role ("chief" and "constable" of "Chief Constable")."""


def _role_word(low: str) -> bool:
    return low in _ROLE_WORDS


def roles_in(words: Sequence[str]) -> frozenset[str]:
    """The normalised roles in a phrase: "Corvane founder and chief executive" →
    {founder, chief executive}; "Deputy Shipping Minister" → {deputy minister}."""
    lows = [fold(w) for w in words if w != "-"]  # "Attorney-General" is "attorney general"
    found: list[str] = []
    rank = ""
    past = False
    i = 0
    while i < len(lows):
        w = lows[i]
        if w in _PAST:
            past = True  # "a former director": not a role now, never compared
            i += 1
            continue
        if w in ("and", ",", "a", "an", "the"):
            past = False
        if w in ROLE_RANKS:
            rank = w
            i += 1
            continue
        matched = False
        for length in range(COMPOUND_MAX, 1, -1):
            key = tuple(lows[i : i + length])
            if key in COMPOUND_ROLES:
                if not past:
                    found.append(_ranked(rank, COMPOUND_ROLES[key]))
                rank, i, matched, past = "", i + length, True, False
                break
        if matched:
            continue
        if w in ROLE_HEADS:
            if not past:
                found.append(_ranked(rank, ROLE_HEADS[w]))
            rank, past = "", False
        i += 1
    return frozenset(found)


def _ranked(rank: str, role: str) -> str:
    if rank == "vice" and role == "president":
        return "vice president"
    return f"{rank} {role}" if rank else role


def extract_roles(toks: Sequence[Tok], runs: Sequence[NameRun]) -> list[Fact]:
    """Every person named with a role, in order."""
    facts: list[Fact] = []
    n = len(toks)
    for run in runs:
        if len(facts) >= MAX_FACTS:
            break
        if run.org or len(run.words) < 2:
            continue
        phrase, first = _role_before(toks, run)
        last = run.end
        if not roles_in(phrase):
            phrase, last = _apposition_after(toks, run)
            first = run.start
        if not roles_in(phrase):
            phrase, first = _apposition_before(toks, run)
            last = run.end
        roles = roles_in(phrase)
        if not roles:
            continue
        last = min(last, n)
        facts.append(
            Fact(
                kind=ROLE,
                slot="person:" + run.surname,
                label=" ".join(run.words),
                start=toks[first].start,
                end=toks[last - 1].end,
                text="",
                value=roles,
                display=", ".join(sorted(roles)),
                subject=run.first_name,
            )
        )
    return facts


def _role_before(toks: Sequence[Tok], run: NameRun) -> tuple[list[str], int]:
    """Words right before the name (and role words inside the run): "coastguard spokesman"."""
    words: list[str] = []
    j = run.start - 1
    first = run.start
    while j >= 0 and run.start - j <= 7:
        t = toks[j]
        if t.text == "-" and not t.space and j > 0:  # "Attorney-General"
            words.insert(0, t.text)
            j -= 1
            continue
        if t.kind != WORD or t.sent != toks[run.start].sent:
            break
        if t.low in STOPWORDS and t.low != "and":
            break
        if t.low in SPEECH_VERBS or t.low in _NAMING_VERBS:
            break  # "Ed Stefanski announced Tony DiLeo": Stefanski's role is not DiLeo's

        words.insert(0, t.text)
        first = j
        j -= 1
    if words and words[0].lower() == "and":
        words.pop(0)
        first += 1
    return words, first


def _apposition_after(toks: Sequence[Tok], run: NameRun) -> tuple[list[str], int]:
    """ "Nikos Andreou, a coastguard spokesman," → the words between the commas."""
    n = len(toks)
    j = run.end
    if j >= n or toks[j].text != ",":
        return [], run.end
    j += 1
    words: list[str] = []
    while j < n and len(words) < 10:
        t = toks[j]
        if t.kind == PUNCT and t.text not in ("'", "’", "-"):
            break
        if t.low in ("who", "which", "that", "said", "says", "told"):
            return [], run.end
        words.append(t.text)
        j += 1
    opens = bool(words) and (
        words[0].lower() in ("a", "an", "the")
        or _possessive_start(toks, run.end + 1)
        or _role_word(words[0].lower())
    )
    if not opens:
        return [], run.end  # "Maria Kostas, who was on board,": no role
    return _cut_at_preposition(words), j


def _possessive_start(toks: Sequence[Tok], j: int) -> bool:
    """ "Veltra's CEO", "Westline Rail's managing director": a name with 's after the comma."""
    k = j
    while k < len(toks) and k - j < 4 and toks[k].kind == WORD and toks[k].cap:
        k += 1
    return k > j and k + 1 < len(toks) and toks[k].text in ("'", "’") and toks[k + 1].low == "s"


def _cut_at_preposition(words: list[str]) -> list[str]:
    """The role, not the organisation after it: "an analyst at Morland Securities" → "an analyst"."""
    out = []
    for w in words:
        if w.lower() in ("at", "for", "of", "from", "since", "in", "with", "who", "whose"):
            break
        out.append(w)
    return out


def _apposition_before(toks: Sequence[Tok], run: NameRun) -> tuple[list[str], int]:
    """ "The ship's captain, Yannis Doukas," → "The ship's captain"."""
    j = run.start - 1
    if j < 1 or toks[j].text != ",":
        return [], run.start
    words: list[str] = []
    k = j - 1
    first = run.start
    while k >= 0 and len(words) < 6 and toks[k].sent == toks[run.start].sent:
        t = toks[k]
        if t.kind == PUNCT and t.text not in ("'", "’", "-"):
            break
        words.insert(0, t.text)
        first = k
        if t.low in ("the", "a", "an") or t.first:
            break
        k -= 1
    return words, first


_AFTER_PLACE = frozenset(
    """yesterday today tonight last earlier later overnight early late""".split()
)


def extract_places(toks: Sequence[Tok], runs: Sequence[NameRun], people: set[str]) -> list[Fact]:
    """Places after a locative preposition; ``people`` are surname keys to leave out."""
    facts: list[Fact] = []
    by_start = {run.start: run for run in runs}
    n = len(toks)
    for i, t in enumerate(toks):
        if len(facts) >= MAX_FACTS:
            break
        if t.low not in PLACE_PREPS or t.kind != WORD:
            continue
        j = i + 1
        if j < n and toks[j].low == "the":
            j += 1
            if j + 1 < n and toks[j].low in PLACE_LEADS and toks[j + 1].low == "of":
                j += 2
        run = by_start.get(j)
        if run is None or run.org or run.surname in people:
            continue
        nxt = toks[run.end] if run.end < n else None
        if nxt is not None and (
            (is_content(nxt) and not nxt.cap and nxt.low not in _AFTER_PLACE)
            or nxt.text in ("'", "’")
        ):
            continue  # "in the Seaport district", "in Democratic headquarters", "Apple's"
        context, names = context_of(toks, i, run.end, left=8, right=4)
        place = " ".join(fold(w) for w in run.words)
        lead = toks[j - 2].low if j - i == 4 else ""
        facts.append(
            Fact(
                kind=PLACE,
                slot=f"{t.low}|{lead}",
                label="place",
                start=toks[i].start,
                end=toks[run.end - 1].end,
                text="",
                value=place,
                display=" ".join(run.words),
                context=context,
                names=names,
            )
        )
    return facts
