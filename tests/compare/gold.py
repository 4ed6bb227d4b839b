"""Gold sets for compare: load them, resolve passages by content, score a Comparer.

Passages are named by a distinctive substring of their text and sources by the
start of their document id, so the gold sets survive changes to ingestion
(passage numbering, headings, cleaning). Used by the tests and by
``bench/compare_accuracy.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import brieftui
from brieftui.brief import Brief

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GOLD_FILES = {
    "seeds": HERE / "gold_seeds.json",
    "second_brief": HERE / "fixtures" / "second_brief_gold.json",
    "third_brief": HERE / "fixtures" / "third_brief_gold.json",
    "fourth_brief": HERE / "fixtures" / "fourth_brief_gold.json",
    "fifth_brief": HERE / "fixtures" / "fifth_brief_gold.json",
}


def load_gold(name: str) -> tuple[dict, Brief]:
    gold = json.loads(GOLD_FILES[name].read_text(encoding="utf-8"))
    return gold, brieftui.load([REPO / gold["brief"]])


def _norm(text: str) -> str:
    return " ".join(
        text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split()
    )


def find_passage(brief: Brief, needle: str) -> str:
    """The id of the one passage containing ``needle`` (quotes and spaces normalised)."""
    want = _norm(needle)
    found = [ref.passage.id for ref in brief.passages() if want in _norm(ref.passage.text)]
    if not found:
        raise LookupError(f"no passage contains {needle!r}")
    return found[0]


def find_doc(brief: Brief, prefix: str) -> str:
    found = [d.id for d in brief.documents if d.id.startswith(prefix)]
    if len(found) != 1:
        raise LookupError(f"{prefix!r} names {len(found)} documents")
    return found[0]


@dataclass
class Scores:
    top1_right: int = 0
    top1_total: int = 0
    nc_tp: int = 0  # said "not covered", gold agrees
    nc_fp: int = 0  # said "not covered", but it is covered
    nc_fn: int = 0  # gold says not covered, a match was shown
    nc_tn: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def top1(self) -> float:
        return self.top1_right / self.top1_total if self.top1_total else 1.0

    @property
    def nc_precision(self) -> float:
        d = self.nc_tp + self.nc_fp
        return self.nc_tp / d if d else 1.0

    @property
    def nc_recall(self) -> float:
        d = self.nc_tp + self.nc_fn
        return self.nc_tp / d if d else 1.0

    @property
    def coverage_accuracy(self) -> float:
        total = self.nc_tp + self.nc_fp + self.nc_fn + self.nc_tn
        return (self.nc_tp + self.nc_tn) / total if total else 1.0


def score_pairs(gold: dict, brief: Brief, comparer=None) -> Scores:
    """Top-1 per source and "not covered" over every judged (anchor, source) pair.

    ``comparer``: a freshly built :class:`~brieftui.compare.Comparer` to score instead of
    the brief's own (which may come from the on-disk cache), for calibration sweeps.
    """
    scores = Scores()
    compare = comparer.compare if comparer is not None else brief.compare
    for item in gold["pairs"]:
        anchor = find_passage(brief, item["anchor"])
        result = compare(anchor)
        by_doc = {s.doc_id: s for s in result.sources}
        for prefix, expected in item["expect"].items():
            if expected is None:
                continue
            source = by_doc[find_doc(brief, prefix)]
            top = source.matches[0].passage_id if source.matches else None
            if expected:
                ok_ids = {find_passage(brief, e) for e in expected}
                scores.top1_total += 1
                if top in ok_ids:
                    scores.top1_right += 1
                else:
                    scores.failures.append(
                        f"{item['name']}: {prefix} top-1 {top}, expected one of {sorted(ok_ids)}"
                    )
                if top is None:
                    scores.nc_fp += 1
                else:
                    scores.nc_tn += 1
            elif top is None:
                scores.nc_tp += 1
            else:
                scores.nc_fn += 1
                scores.failures.append(
                    f"{item['name']}: {prefix} should be not covered, got {top} ({source.matches[0].score})"
                )
    return scores
