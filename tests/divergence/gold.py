"""Gold sets for divergences: load them, locate each mention, score predictions.

A gold file lists *slots* (one fact reported by several sources: the death toll, the
date of the capsizing, a quote) with each source's mention (a substring of its
article), and which pairs of mentions differ or are a shortened quote; every other
pair in a slot is an agreement. ``not_paired`` lists facts that look alike but fill
different slots. Mentions are found by content, so the gold survives changes to
ingestion. Used by ``tests/divergence`` and ``bench/divergence_accuracy.py``.

Scoring: a predicted divergence *hits* a judged pair when its two values lie on the
two mentions (same passages, overlapping spans) and the kinds match. Precision is
over every predicted divergence: one that hits a divergence is right; one that hits an
agreement, a shortening or a ``not_paired`` pair, or hits no judged pair at all, is
wrong (unjudged predictions are listed, so a real divergence the gold missed shows).
Recall is over the judged divergences.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

import brieftui
from brieftui.brief import Brief
from brieftui.divergence import DIFFERS, Divergence, PassageText, pairings_between

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLD_BRIEFS = ("ferry", "takeover")
HELD_OUT = ("rail",)
"""Written after the method was done: figures on it were not tuned."""


@dataclass(frozen=True)
class Mention:
    doc_id: str
    passage_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class JudgedPair:
    kind: str
    slot: str
    label: str
    """``differ``, ``agree``, ``shortened`` or ``none`` (must not be paired)."""
    a: Mention
    b: Mention

    def hit_by(self, kind: str, values: tuple[tuple[str, tuple[int, int]], ...]) -> bool:
        if kind != self.kind or len(values) != 2:
            return False
        (pa, sa), (pb, sb) = values
        return (_on(self.a, pa, sa) and _on(self.b, pb, sb)) or (
            _on(self.a, pb, sb) and _on(self.b, pa, sa)
        )


def _on(m: Mention, passage_id: str, span: tuple[int, int]) -> bool:
    return m.passage_id == passage_id and span[0] < m.end and m.start < span[1]


@dataclass
class Score:
    predicted: int = 0
    right: int = 0
    gold_differ: int = 0
    found: int = 0
    wrong: list[str] = field(default_factory=list)
    unjudged: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold_differ if self.gold_differ else 1.0


def load_brief(name: str) -> Brief:
    return brieftui.load([FIXTURES / name], cache=False)


def load_gold(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}_gold.json").read_text(encoding="utf-8"))


def locate(brief: Brief, doc_id: str, text: str) -> Mention:
    """The passage of ``doc_id`` holding ``text`` (its first occurrence)."""
    doc = brief.document(doc_id)
    for passage in doc.passages():
        at = passage.text.find(text)
        if at >= 0:
            return Mention(doc_id, passage.id, at, at + len(text), text)
    raise LookupError(f"{doc_id}: no passage holds {text!r}")


def judged_pairs(brief: Brief, gold: dict) -> list[JudgedPair]:
    pairs: list[JudgedPair] = []
    for slot in gold["slots"]:
        mentions = {doc: locate(brief, doc, text) for doc, text in slot["mentions"].items()}
        differ = {frozenset(p) for p in slot.get("differ", [])}
        shortened = {frozenset(p) for p in slot.get("shortened", [])}
        for da, db in itertools.combinations(sorted(mentions), 2):
            key = frozenset((da, db))
            label = "differ" if key in differ else "shortened" if key in shortened else "agree"
            pairs.append(JudgedPair(slot["kind"], slot["slot"], label, mentions[da], mentions[db]))
    for item in gold.get("not_paired", []):
        a = locate(brief, *item["a"])
        b = locate(brief, *item["b"])
        pairs.append(JudgedPair(item["kind"], item.get("why", ""), "none", a, b))
    return pairs


def passage_text(brief: Brief, passage_id: str) -> PassageText:
    ref = brief.passage(passage_id)
    return PassageText(passage_id, ref.document.id, ref.passage.text, ref.document.date)


def predict_on_judged_passages(brief: Brief, pairs: list[JudgedPair]) -> list[Divergence]:
    """Divergences over every passage pair the gold judges something in (the "oracle" pairs:
    what compare should hand over), so extraction and pairing are measured alone."""
    passage_pairs = sorted(
        {(p.a.passage_id, p.b.passage_id) for p in pairs if p.a.doc_id != p.b.doc_id}
    )
    seen: set[frozenset[str]] = set()
    out: list[Divergence] = []
    from brieftui.divergence import divergences_between

    for pa, pb in passage_pairs:
        key = frozenset((pa, pb))
        if key in seen:
            continue
        seen.add(key)
        out += divergences_between(passage_text(brief, pa), passage_text(brief, pb))
    return out


def predict_through_brief(brief: Brief) -> list[Divergence]:
    """Pairwise divergences over the passage pairs the brief's events give (end to end)."""
    from brieftui.divergence import divergences_between, same_event_pairs

    out: list[Divergence] = []
    for pair in same_event_pairs(brief):
        out += divergences_between(
            passage_text(brief, pair.passage_a), passage_text(brief, pair.passage_b), pair.event
        )
    return out


def score(pairs: list[JudgedPair], predicted: list[Divergence]) -> Score:
    s = Score()
    differ = [p for p in pairs if p.label == "differ"]
    s.gold_differ = len(differ)
    found: set[int] = set()
    for d in predicted:
        values = tuple((v.passage_id, v.span) for v in d.values)
        hits = [p for p in pairs if p.hit_by(d.kind, values)]
        s.predicted += 1
        text = f"{d.kind}: {d.summary()}"
        if any(p.label == "differ" for p in hits):
            s.right += 1
            found.update(id(p) for p in hits if p.label == "differ")
        elif hits:
            s.wrong.append(f"{text}  [gold: {hits[0].label}, {hits[0].slot}]")
        else:
            s.unjudged.append(text)
    s.found = sum(1 for p in differ if id(p) in found)
    s.missed = [
        f"{p.kind} {p.slot}: {p.a.doc_id} {p.a.text!r} vs {p.b.doc_id} {p.b.text!r}"
        for p in differ
        if id(p) not in found
    ]
    return s


def pairings_of(brief: Brief, pair: JudgedPair):
    """What pairing says about the two passages of a judged pair (for tests)."""
    return [
        p
        for p in pairings_between(
            passage_text(brief, pair.a.passage_id), passage_text(brief, pair.b.passage_id)
        )
        if pair.hit_by(p.kind, ((pair.a.passage_id, p.a_span), (pair.b.passage_id, p.b_span)))
    ]


__all__ = ["DIFFERS", "GOLD_BRIEFS", "HELD_OUT", "JudgedPair", "Score", "judged_pairs", "score"]
