"""What a passage states, as comparable facts: the :class:`Fact` record and the context
window every extractor describes a fact's clause with.

A fact has a *kind* (figure, date, time, place, role, quote), a *slot* (what it is
about: the counted concept of a figure, the person of a role; empty where the
clause decides, as for dates), a normalised *value*, and the span of its words in
the passage. The *context* is the set of light word stems of the clause around it
(names apart, because a shared name says more than a shared word); two facts of one
kind fill the same slot when their slots agree and, where the slot alone is weak,
their contexts overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from brieftui.divergence.lexicon import MONTHS, WEEKDAYS
from brieftui.divergence.tokens import NUM, WORD, Tok, is_content, is_name_word, stem

FIGURE, DATE, TIME, PLACE, ROLE, QUOTE, SPEAKER = (
    "figure",
    "date",
    "time",
    "place",
    "role",
    "quote",
    "speaker",
)
KINDS = (FIGURE, DATE, TIME, PLACE, ROLE, QUOTE, SPEAKER)

SUBORDINATORS = frozenset(
    "after before when while because until since although though whereas as".split()
)
"""Words that open a new clause: a date before one belongs to another happening."""
RELATIVES = frozenset({"which", "who", "whom", "whose"})
"""Words that open a relative clause (see :func:`context_of`'s ``relative``)."""

Interval = tuple[float, float]
MAX_FACTS = 300
"""At most this many facts of one kind are read from one passage: a real paragraph holds a
handful, and a hostile one (a run of thousands of numbers) costs no more than this."""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to, as written in the passage."""

    key: str
    """Folded surname (or the organisation's folded name, or ``role:<role>``)."""
    first: str
    """Folded first name, when given."""
    text: str
    start: int
    end: int
    explicit: bool
    """Named next to the quote (not "she said" resolved to the only person named before)."""
    org: bool = False
    """An organisation ("Aktis Lines said"), not a person."""


@dataclass(frozen=True, slots=True)
class QuoteValue:
    """A quotation: its words, normalised, in segments split at an ellipsis."""

    segments: tuple[tuple[str, ...], ...]
    speaker: Speaker | None
    opens_mid: bool = False
    """Starts in lower case: a fragment cut from a sentence ("reached the edge of the abyss")."""
    closes_mid: bool = False
    """Ends without a sentence mark or comma: cut before the sentence ended."""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for seg in self.segments for w in seg)


@dataclass(frozen=True, slots=True)
class DayValue:
    """A calendar day as far as the text and the article's date pin it down."""

    iso: str | None
    """``YYYY-MM-DD`` when resolved."""
    month_day: tuple[int, int] | None
    weekday: int | None
    """0 = Monday."""
    named_weekday: bool = False
    """Written as a weekday alone ("on Friday"), resolved against the article's date."""
    year_given: bool = True
    """The text names the year (else it was taken from the article's date)."""
    part: str = ""
    """ "night" ("Friday night", "late Friday") or "early" ("early Saturday"): around
    midnight two days can name one moment."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One comparable statement of a passage, with where it is written."""

    kind: str
    slot: str
    label: str
    """The slot as shown to a reader ("dead", "price per share", "date")."""
    start: int
    end: int
    text: str
    value: object
    """An :data:`Interval` (figures, times in minutes), a :class:`DayValue`, a place name,
    a frozenset of roles, or a :class:`QuoteValue`."""
    display: str
    """The normalised value as shown ("14", "$3.4bn", "2025-03-13", "minister")."""
    unit: str = ""
    rate: str = ""
    strong: bool = False
    """The slot alone is enough to pair (a strong concept such as "dead" or "jobs")."""
    context: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    subject: str = ""
    """The nearest name before a figure in its clause ("Corvane" in "Corvane shares jumped")."""
    era: str = ""
    """A year named in the clause other than the article's: the figure is about another time."""


def _skip_word(tok: Tok) -> bool:
    return tok.low in MONTHS or tok.low in WEEKDAYS


def context_of(
    toks: Sequence[Tok],
    first: int,
    last: int,
    *,
    left: int = 6,
    right: int = 6,
    right_if_short: bool = False,
    relative: bool = False,
) -> tuple[frozenset[str], frozenset[str]]:
    """Stems and names of the clause around ``toks[first:last]``.

    Looks back up to ``left`` words and on up to ``right`` words, within the
    sentence, never past a ``;``, a bracket or a word that opens another clause
    ("after", "when"); forwards it also stops at a comma. With ``right_if_short``
    the words after are used only when fewer than two content words came before
    ("On Wednesday the court threw out..."). Numbers enter as ``#<digits>``.

    ``relative``: a relative clause is a clause of its own ("Brask Holdings, a maker of
    garden furniture, which stayed shut on Tuesday"): looking back stops at "which" or
    "who", keeping only the word it refers to ("Odell, who was hurt on Friday").
    """
    stems: set[str] = set()
    names: set[str] = set()
    sent = toks[first].sent if first < len(toks) else -1

    def take(tok: Tok) -> None:
        if tok.kind == NUM:
            nxt = tok.i + 1
            if nxt < len(toks) and toks[nxt].kind == WORD and not toks[nxt].space:
                return  # "76ers", "3D": a name, not a figure
            stems.add("#" + tok.text.replace(",", ""))
        elif is_content(tok) and not _skip_word(tok):
            (names if is_name_word(tok) else stems).add(stem(tok.low))

    words = 0
    j = first - 1
    while j >= 0 and words < left:
        tok = toks[j]
        if tok.sent != sent or tok.text in ";()[]" or tok.low in SUBORDINATORS:
            break
        if relative and tok.low in RELATIVES:
            k = j - 1
            if k >= 0 and toks[k].text == ",":
                k -= 1
            if k >= 0 and toks[k].sent == sent:
                take(toks[k])  # the one the clause is about ("Odell, who…")
            break
        if tok.kind != 2:
            words += 1
            take(tok)
        j -= 1
    if right_if_short and len(stems) + len(names) >= 2:
        return frozenset(stems), frozenset(names)
    words = 0
    j = last
    while j < len(toks) and words < right:
        tok = toks[j]
        if (
            tok.sent != sent
            or tok.text in ";,()[]"
            or tok.low in SUBORDINATORS
            or tok.low in ("and", "but")
        ):
            break
        if tok.kind != 2:
            words += 1
            take(tok)
        j += 1
    return frozenset(stems), frozenset(names)


def overlap(a: Fact, b: Fact) -> float:
    """How much two facts' clauses share: a name counts 2, another word 1 (a name that
    starts a sentence in one passage is an ordinary word there, so the two sets meet)."""
    return (
        2.0 * len(a.names & b.names)
        + len(a.context & b.context)
        + len(a.names & b.context)
        + len(a.context & b.names)
    )


def shared_enough(a: Fact, b: Fact) -> bool:
    """Two clauses are about one happening when they share a word that is not a name, plus
    one more point: shared names alone are what the whole story is about ("Corvane",
    "Philadelphia 76ers"), not what happened when."""
    names = len(a.names & b.names) + len(a.names & b.context) + len(a.context & b.names)
    words = len(a.context & b.context)
    return words >= 1 and words + 2 * names >= 2


def shared_words(a: Fact, b: Fact) -> int:
    """Context words (not names) two facts' clauses share."""
    return len(a.context & b.context)


def intervals_meet(a: Interval, b: Interval) -> bool:
    """True when two value intervals share a point (both closed)."""
    return a[0] <= b[1] and b[0] <= a[1]


def is_word(tok: Tok) -> bool:
    return tok.kind == WORD
