"""Pairing: which fact of one passage fills the same slot as which fact of the other, and
whether the two agree.

Candidates are pairs of one kind whose slots match:

* figures: the same measure (currency, %, unit or a count), the same counted concept
  or noun and the same rate, about the same time (a figure whose clause names another
  year, "in 2009, which killed 23", pairs only with one naming that year), and, for a
  share move, the same company. A figure whose slot is only a noun ("38 ships") also
  needs clauses that share two points of context (:func:`.facts.overlap`);
* dates, times and places: clauses that share two points of context;
* roles: the same person (surname, and first names that do not differ);
* quotations: a run of at least four words in common (or all of a shorter quote),
  covering half the shorter one.

Then agreements are taken first, best context first, one partner per fact: when a
figure has a partner it agrees with, the passage is read charitably and nothing is
reported. Among what is left, a pair is a divergence only when each is the other's
best candidate and no other candidate of a different value ties with it: what
cannot be paired unambiguously is not guessed.

Verdicts: figures and times differ when their intervals do not meet; dates when the
resolved days differ (or, unresolved, the weekdays or month-days); places when the
names differ and neither passage names the other's place anywhere (it may be the
town the other place is in); roles when both name an office (not "founder",
"teacher", "husband") and none is shared; quotations when, after folding case,
quotation marks, punctuation and spaces, the words differ *inside* the stretch both
give: one quote being a part of the other (or of its parts around an ellipsis) is
a shortening. A quotation pair also compares its speakers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from brieftui.divergence.facts import (
    DATE,
    FIGURE,
    PLACE,
    QUOTE,
    ROLE,
    SPEAKER,
    TIME,
    DayValue,
    Fact,
    QuoteValue,
    Speaker,
    intervals_meet,
    overlap,
    shared_enough,
    shared_words,
)
from brieftui.divergence.lexicon import DESCRIPTIVE_ROLES
from brieftui.text import fold

DIFFERS, AGREES, SHORTENED = "differs", "agrees", "shortened"
MIN_OVERLAP = 2.0
"""Context two dates, times, places or noun-only figures must share to be paired."""
STRONG_BONUS = 3.0
SAME_QUOTE = 2 / 3
"""Two quotations whose words differ inside are one statement quoted two ways only when
two thirds of the shorter one is in the other; less is two statements."""
MAX_QUOTE_WORDS = 400
"""Quotations are compared on at most this many words each (difflib is quadratic)."""


@dataclass(frozen=True, slots=True)
class Pairing:
    """Two facts, one from each passage, that fill the same slot, and how they compare."""

    kind: str
    label: str
    verdict: str
    a: Fact
    b: Fact
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    a_text: str
    b_text: str
    a_value: str
    b_value: str


def _pairing(kind: str, label: str, verdict: str, a: Fact, b: Fact) -> Pairing:
    return Pairing(
        kind, label, verdict, a, b, (a.start, a.end), (b.start, b.end), a.text, b.text,
        a.display, b.display,
    )  # fmt: skip


def pair_facts(
    facts_a: Sequence[Fact], facts_b: Sequence[Fact], text_a: str, text_b: str
) -> list[Pairing]:
    """Every pairing between the facts of passage A and of passage B, in A's text order."""
    by_kind_a: dict[str, list[Fact]] = defaultdict(list)
    by_kind_b: dict[str, list[Fact]] = defaultdict(list)
    for f in facts_a:
        by_kind_a[f.kind].append(f)
    for f in facts_b:
        by_kind_b[f.kind].append(f)
    out: list[Pairing] = []
    out += _match(FIGURE, _figure_candidates(by_kind_a[FIGURE], by_kind_b[FIGURE]))
    dates_a, dates_b = by_kind_a[DATE], by_kind_b[DATE]

    def same_day(a: Fact, b: Fact) -> bool | None:
        verdict = _same_day(a, b)
        if verdict is False and (
            any(_same_full_date(x, b) for x in dates_a if x is not a)
            or any(_same_full_date(a, y) for y in dates_b if y is not b)
        ):
            # a passage that also gives the other's day dates two happenings, as the
            # other does: "sentenced Saturday … for the fire of June 4, 2011" against
            # "… for the June 4, 2011, fire" (a false divergence of this kind in a trial)
            return None
        return verdict

    out += _match(DATE, _context_candidates(dates_a, dates_b, same_day, True))
    times_a, times_b = by_kind_a[TIME], by_kind_b[TIME]
    lone = len(times_a) == 1 and len(times_b) == 1 and times_a[0].slot == times_b[0].slot
    out += _match(TIME, _context_candidates(times_a, times_b, _same_time, True, lone=lone))
    words_a, words_b = _word_set(text_a), _word_set(text_b)

    def same_place(a: Fact, b: Fact) -> bool | None:
        pa, pb = str(a.value), str(b.value)
        if pa == pb or pa in pb.split() or pb in pa.split():
            return True
        if set(pa.split()) <= words_b or set(pb.split()) <= words_a:
            return None  # each passage names the other's place too: not a contradiction
        prep_a, _, lead_a = a.slot.partition("|")
        prep_b, _, lead_b = b.slot.partition("|")
        if not (lead_a and lead_a == lead_b) and (prep_a != prep_b or prep_a == "in"):
            return None  # "in Nashville" / "in Tennessee", "off Somalia" / "in the Gulf of Aden"
        return False

    out += _match(PLACE, _context_candidates(by_kind_a[PLACE], by_kind_b[PLACE], same_place))
    out += _roles(by_kind_a[ROLE], by_kind_b[ROLE])
    out += _quotes(by_kind_a[QUOTE], by_kind_b[QUOTE], by_kind_a[ROLE], by_kind_b[ROLE])
    out.sort(key=lambda p: (p.a_span, p.b_span))
    return out


# -- candidates ----------------------------------------------------------------------------
Candidate = tuple[float, Fact, Fact, bool]
"""(score, fact of A, fact of B, agree)"""


def _figure_candidates(fa: Sequence[Fact], fb: Sequence[Fact]) -> list[Candidate]:
    by_slot: dict[str, list[Fact]] = defaultdict(list)
    for f in fb:
        by_slot[f.slot].append(f)
    out: list[Candidate] = []
    for a in fa:
        for b in by_slot.get(a.slot, ()):
            if a.era != b.era or (a.subject and b.subject and a.subject != b.subject):
                continue
            score = overlap(a, b)
            if not (a.strong and b.strong) and shared_words(a, b) < MIN_OVERLAP:
                continue  # a noun alone ("38 ships") is a slot only with the same clause
            if a.strong and b.strong:
                score += STRONG_BONUS
            out.append((score, a, b, intervals_meet(a.value, b.value)))  # type: ignore[arg-type]
    return out


def _context_candidates(
    fa: Sequence[Fact],
    fb: Sequence[Fact],
    same: Callable[[Fact, Fact], bool | None],
    same_slot: bool = False,
    *,
    lone: bool = False,
) -> list[Candidate]:
    """``same_slot``: dates and times pair only within one kind of clause (a date something
    is due, a date something was said, a date something happened). ``lone``: the one clock
    time of each passage needs only one shared word (a passage rarely times two things)."""
    out: list[Candidate] = []
    for a in fa:
        for b in fb:
            if same_slot and a.slot != b.slot:
                continue
            score = overlap(a, b)
            if lone:
                if shared_words(a, b) < 1:
                    continue
            elif score < MIN_OVERLAP or not shared_enough(a, b):
                continue
            verdict = same(a, b)
            if verdict is not None:
                out.append((score, a, b, verdict))
    return out


def _same_day(a: Fact, b: Fact) -> bool | None:
    """Compared at the precision both texts give (see the module doc of :mod:`.dates`)."""
    da, db = a.value, b.value
    assert isinstance(da, DayValue) and isinstance(db, DayValue)
    if _around_midnight(da, db) or _around_midnight(db, da):
        return None  # "Friday night" and "early Saturday" may be one moment
    if da.named_weekday and db.named_weekday:
        return (
            da.weekday == db.weekday
        )  # two "on Friday"s are one day, whatever the articles' dates
    if da.named_weekday or db.named_weekday:
        w, other = (da, db) if da.named_weekday else (db, da)
        if w.iso and other.month_day:
            return w.iso[5:] == f"{other.month_day[0]:02d}-{other.month_day[1]:02d}"
        if other.weekday is not None and (other.year_given or other.iso):
            return w.weekday == other.weekday  # a Friday is never a Monday
        return None
    if da.month_day and db.month_day:
        if da.month_day != db.month_day:
            return False
        if da.year_given and db.year_given and da.iso and db.iso:
            return da.iso == db.iso
        return True
    return None


def _same_full_date(a: Fact, b: Fact) -> bool:
    """Both give one day with its year ("June 4, 2011"): weekdays and days without a
    year recur in a story and say less."""
    da, db = a.value, b.value
    return (
        isinstance(da, DayValue)
        and isinstance(db, DayValue)
        and da.year_given
        and db.year_given
        and da.iso is not None
        and da.iso == db.iso
    )


def _around_midnight(night: DayValue, early: DayValue) -> bool:
    if night.part != "night" or early.part != "early":
        return False
    if night.weekday is not None and early.weekday is not None:
        return (early.weekday - night.weekday) % 7 == 1
    return False


def _same_time(a: Fact, b: Fact) -> bool | None:
    va, vb = a.value, b.value
    assert isinstance(va, tuple) and isinstance(vb, tuple)
    if a.unit == "12h" or b.unit == "12h":  # "at 6:41" may be morning or evening
        return any(
            intervals_meet((va[0] % 720 + s, va[1] % 720 + s), (vb[0] % 720, vb[1] % 720))
            for s in (-720, 0, 720)
        )
    return intervals_meet(va, vb)


def _match(kind: str, candidates: list[Candidate]) -> list[Pairing]:
    """Agreements first, then divergences that are unambiguous (see the module doc)."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[Pairing] = []
    for _score, a, b, _agree in sorted(
        (c for c in candidates if c[3]), key=lambda c: (-c[0], c[1].start, c[2].start)
    ):
        if id(a) in used_a or id(b) in used_b:
            continue
        used_a.add(id(a))
        used_b.add(id(b))
        out.append(_pairing(kind, a.label or b.label, AGREES, a, b))
    rest = [c for c in candidates if not c[3] and id(c[1]) not in used_a and id(c[2]) not in used_b]
    best_a: dict[int, list[Candidate]] = defaultdict(list)
    best_b: dict[int, list[Candidate]] = defaultdict(list)
    for c in rest:
        best_a[id(c[1])].append(c)
        best_b[id(c[2])].append(c)
    for c in sorted(rest, key=lambda c: (-c[0], c[1].start, c[2].start)):
        _score, a, b, _ = c
        if id(a) in used_a or id(b) in used_b:
            continue
        if not (_clear_best(c, best_a[id(a)], other=2) and _clear_best(c, best_b[id(b)], other=1)):
            continue
        used_a.add(id(a))
        used_b.add(id(b))
        out.append(_pairing(kind, a.label or b.label, DIFFERS, a, b))
    return out


def _clear_best(c: Candidate, options: list[Candidate], *, other: int) -> bool:
    """``c`` is the best of ``options``, and any tie holds the same value as ``c``."""
    top = max(o[0] for o in options)
    if c[0] < top:
        return False
    for o in options:
        if o is not c and o[0] >= c[0] and o[other].display != c[other].display:
            return False
    return True


# -- roles ---------------------------------------------------------------------------------
def _offices(roles: frozenset[str]) -> frozenset[str]:
    return frozenset(r for r in roles if r.split()[-1] not in DESCRIPTIVE_ROLES)


def role_verdict(ra: frozenset[str], rb: frozenset[str]) -> bool | None:
    """True (agree), False (differ) or None (nothing to compare)."""
    oa, ob = _offices(ra), _offices(rb)
    if oa and ob:
        return bool(oa & ob)
    if ra & rb:
        return True
    return None


def _first_names_differ(a: str, b: str) -> bool:
    """ "Maria" and "Dimitris" are two people; "M." and "Maria" may be one; a missing one may be."""
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[0] != b[0]
    return a != b


def _roles(fa: Sequence[Fact], fb: Sequence[Fact]) -> list[Pairing]:
    out: list[Pairing] = []
    by_person: dict[str, list[Fact]] = defaultdict(list)
    for f in fb:
        by_person[f.slot].append(f)
    done: set[str] = set()
    for a in fa:
        if a.slot in done:
            continue
        agree: Pairing | None = None
        differ: Pairing | None = None
        for b in by_person.get(a.slot, ()):
            if _first_names_differ(a.subject, b.subject):
                continue
            verdict = role_verdict(a.value, b.value)  # type: ignore[arg-type]
            if verdict is True and agree is None:
                agree = _pairing(ROLE, a.label, AGREES, a, b)
            elif verdict is False and differ is None:
                differ = _pairing(ROLE, a.label, DIFFERS, a, b)
        if agree is not None or differ is not None:
            done.add(a.slot)
            out.append(agree or differ)  # type: ignore[arg-type]
    return out


# -- quotations ------------------------------------------------------------------------------
def quote_verdict(qa: QuoteValue, qb: QuoteValue) -> str | None:
    """AGREES, SHORTENED or DIFFERS for two quotations of one statement; None when they
    are not the same statement."""
    wa, wb = qa.words[:MAX_QUOTE_WORDS], qb.words[:MAX_QUOTE_WORDS]
    if not wa or not wb:
        return None
    if wa == wb:
        return AGREES
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    blocks = matcher.get_matching_blocks()
    longest = max(b.size for b in blocks)
    matched = sum(b.size for b in blocks)
    shorter = min(len(wa), len(wb))
    if longest < min(4, shorter) or matched < 0.5 * shorter:
        return None
    real = [b for b in blocks if b.size]
    in_a = real[-1].a + real[-1].size - real[0].a
    in_b = real[-1].b + real[-1].size - real[0].b
    if max(in_a, in_b) > 1.5 * shorter + 2:
        return None  # the shared words are scattered: two statements on one subject
    if _excerpt(qa, wb) or _excerpt(qb, wa):
        return SHORTENED
    ops = matcher.get_opcodes()
    whole = len(ops)
    while ops and _edge(ops[0], qa.opens_mid or qb.opens_mid, leading=True):
        ops = ops[1:]
    while ops and _edge(ops[-1], qa.closes_mid or qb.closes_mid, leading=False):
        ops = ops[:-1]
    inner = [
        op
        for op in ops
        if op[0] != "equal"
        and not _same_words(wa[op[1] : op[2]], wb[op[3] : op[4]])
        and not _function_words_only(wa[op[1] : op[2]], wb[op[3] : op[4]])
    ]
    if not inner:
        return SHORTENED if len(ops) < whole else AGREES
    if matched < SAME_QUOTE * shorter:
        return None  # two statements that share a phrase, not one quoted two ways
    return DIFFERS


def _edge(op: tuple[str, int, int, int, int], fragment: bool, *, leading: bool) -> bool:
    """Whether a difference at the start or end of two quotations is only where they were cut.

    One quote running on where the other stops is a cut. So is a different opening before
    the shared words, when one side is much longer ("It's a dream come true" / "…to be a
    small part of this historic moment is a dream come true"), or for a quotation cut out
    of a sentence (starting in lower case, ending with no mark) a frame of a different
    length ("reached the edge of the abyss" / "Our country is on the edge of the abyss");
    but the same number of words replaced, give or take one, is a misquote ("certified and
    seaworthy" / "certified and safe").
    """
    tag, i1, i2, j1, j2 = op
    if tag in ("insert", "delete"):
        return True
    if tag != "replace":
        return False
    longer, shorter = max(i2 - i1, j2 - j1), min(i2 - i1, j2 - j1)
    return longer - shorter > 1 and (fragment or (leading and longer >= 3 * shorter))


TRANSCRIPTION_WORDS = frozenset("a an the have has had that just".split())
"""Words one transcription of a statement adds or drops where another does not, the
claim unchanged: "We reviewed the contract" / "we have reviewed the contract" (from a
new-user trial, where it was shown as a misquote). Not "not", "will" or "would", which
change what was said."""


def _function_words_only(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A difference made only of :data:`TRANSCRIPTION_WORDS` added, dropped or swapped."""
    return bool(a or b) and all(w in TRANSCRIPTION_WORDS for w in (*a, *b))


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """ "IE" / "Internet Explorer" (initials) and "datacenters" / "data centers" (compounding):
    one wording written two ways."""
    if "".join(a) == "".join(b):
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long)


def _excerpt(q: QuoteValue, other: tuple[str, ...]) -> bool:
    """Every segment of ``q`` (split at an ellipsis) is a run of words of ``other``."""
    if len(q.segments) < 2:
        return False
    joined = " " + " ".join(other) + " "
    return all(" " + " ".join(seg) + " " in joined for seg in q.segments)


def _speakers_verdict(
    sa: Speaker, sb: Speaker, roles_a: Sequence[Fact], roles_b: Sequence[Fact]
) -> bool | None:
    ka, kb = sa.key, sb.key
    if ka.startswith("role:") or kb.startswith("role:"):
        if ka.startswith("role:") and kb.startswith("role:"):
            return ka == kb
        role, person, person_roles = (
            (ka[5:], kb, roles_b) if ka.startswith("role:") else (kb[5:], ka, roles_a)
        )
        held: frozenset[str] = frozenset()
        for f in person_roles:
            if f.slot == "person:" + person:
                held |= f.value  # type: ignore[operator]
        return role_verdict(frozenset({role}), held) if held else None
    if sa.org != sb.org:
        return None  # "AMD said" and "said Hector Ruiz": a company and its chairman
    if ka != kb:
        return False
    return not _first_names_differ(sa.first, sb.first)


def _quotes(
    fa: Sequence[Fact], fb: Sequence[Fact], roles_a: Sequence[Fact], roles_b: Sequence[Fact]
) -> list[Pairing]:
    scored: list[tuple[float, Fact, Fact, str]] = []
    for a in fa:
        for b in fb:
            qa, qb = a.value, b.value
            assert isinstance(qa, QuoteValue) and isinstance(qb, QuoteValue)
            verdict = quote_verdict(qa, qb)
            if verdict is None:
                continue
            wa, wb = qa.words, qb.words
            common = len(set(wa) & set(wb)) / max(1, min(len(wa), len(wb)))
            scored.append((common, a, b, verdict))
    scored.sort(key=lambda s: (-s[0], s[1].start, s[2].start))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[Pairing] = []
    for _common, a, b, verdict in scored:
        if id(a) in used_a or id(b) in used_b:
            continue
        used_a.add(id(a))
        used_b.add(id(b))
        sa, sb = a.value.speaker, b.value.speaker  # type: ignore[attr-defined]
        same = _speakers_verdict(sa, sb, roles_a, roles_b) if sa and sb else None
        if verdict == DIFFERS and same is False:
            continue  # other words from another speaker: two statements, not one
        out.append(_pairing(QUOTE, a.label, verdict, a, b))
        if sa is not None and sb is not None and same is not None:
            verdict = AGREES if same else DIFFERS
            spans = ((sa.start, sa.end), (sb.start, sb.end))
            out.append(Pairing(SPEAKER, a.label, verdict, a, b, *spans, *(sa.text, sb.text) * 2))
    return out


def _word_set(text: str) -> set[str]:
    return {fold(w) for w in text.split()} | {
        fold(w.strip(".,;:!?()\"'“”‘’")) for w in text.split()
    }
