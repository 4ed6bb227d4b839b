"""Which passage pairs should divergence finding compare? Events, compare's grades, or both.

``same_event_pairs`` (src/brieftui/divergence/finder.py) takes every two passages of
different sources in one of compare's events. Issue 16 says "two passages that report the
same event (grade 'reports this')". This script measures the choices on the gold briefs
(precision and recall end to end, as ``bench/divergence_accuracy.py``) and, with
``--ecbplus``, how many divergences each adds on the ECB+ development events (no gold
there: the added ones are printed with context to be judged by hand):

* ``events``: today's pairs;
* ``events & reports``: those of them compare grades "reports this" (either direction);
* ``events + reports``: plus, for every passage of a multi-source event, its best match
  in each other source when graded "reports this";
* ``events + matches``: plus every match graded "reports this" or "touches on it".

.venv/bin/python bench/divergence_pairs.py             # gold briefs
.venv/bin/python bench/divergence_pairs.py --ecbplus   # and what each adds on ECB+ (slow)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "src"))

import brieftui  # noqa: E402
from brieftui.brief import Brief  # noqa: E402
from brieftui.divergence import Divergence, divergences_between, same_event_pairs  # noqa: E402
from brieftui.divergence.finder import passage_text  # noqa: E402

Pair = tuple[str, str, str]
"""(event, passage a, passage b)"""


def events(brief: Brief) -> list[Pair]:
    return [(p.event, p.passage_a, p.passage_b) for p in same_event_pairs(brief)]


def _graded(brief: Brief, passage_id: str, grades: set[str], best_only: bool) -> list[str]:
    out = []
    for source in brief.compare(passage_id).sources:
        matches = source.matches[:1] if best_only else source.matches
        out += [m.passage_id for m in matches if m.grade in grades]
    return out


def events_and_reports(brief: Brief) -> list[Pair]:
    keep = []
    for event, a, b in events(brief):
        if b in _graded(brief, a, {"reports this"}, False) or a in _graded(
            brief, b, {"reports this"}, False
        ):
            keep.append((event, a, b))
    return keep


def _plus(grades: set[str], best_only: bool) -> Callable[[Brief], list[Pair]]:
    def pairs(brief: Brief) -> list[Pair]:
        out = events(brief)
        seen = {frozenset((a, b)) for _e, a, b in out}
        for event in brief.events():
            if len(event.doc_ids) < 2:
                continue
            for p in event.passages:
                for m in _graded(brief, p.passage_id, grades, best_only):
                    key = frozenset((p.passage_id, m))
                    if key not in seen:
                        seen.add(key)
                        out.append((event.id, p.passage_id, m))
        return out

    return pairs


VARIANTS: dict[str, Callable[[Brief], list[Pair]]] = {
    "events": events,
    "events & reports": events_and_reports,
    "events + reports": _plus({"reports this"}, True),
    "events + matches": _plus({"reports this", "touches on it"}, False),
}


def divergences(brief: Brief, pairs: list[Pair]) -> list[Divergence]:
    out: list[Divergence] = []
    for event, a, b in pairs:
        out += divergences_between(passage_text(brief, a), passage_text(brief, b), event)
    return out


def gold_figures() -> None:
    from divergence_accuracy import _gold_module

    gold = _gold_module()
    print(f"{'brief':<10} {'pairs from':<17} {'pairs':>5} {'flagged':>7} {'P':>6} {'R':>6}")
    for name in [*gold.GOLD_BRIEFS, *gold.HELD_OUT]:
        brief = gold.load_brief(name)
        judged = gold.judged_pairs(brief, gold.load_gold(name))
        tag = " (held out)" if name in gold.HELD_OUT else ""
        for label, variant in VARIANTS.items():
            pairs = variant(brief)
            s = gold.score(judged, divergences(brief, pairs))
            print(
                f"{name:<10} {label:<17} {len(pairs):>5} {s.predicted:>7}"
                f" {s.precision:>6.2f} {s.recall:>6.2f}{tag}"
            )


def ecbplus_counts() -> None:
    import divergence_ecbplus as ecb

    if not ecb.DATA.exists():
        print(f"no ECB+ data at {ecb.DATA}")
        return
    totals = dict.fromkeys(VARIANTS, 0)
    added: list[str] = []
    for event, files in sorted(ecb.events().items()):
        brief = brieftui.load(files, cache=False)
        base = {ecb.key(event, d) for d in divergences(brief, events(brief))}
        for label, variant in VARIANTS.items():
            found = divergences(brief, variant(brief))
            totals[label] += len(found)
            if label != "events + reports":
                continue
            for d in found:
                if ecb.key(event, d) not in base:
                    lines = [f"{event} {d.kind} / {d.slot}"]
                    lines += [f"    {v.doc_id}: {ecb.context(brief, v)}" for v in d.values]
                    added.append("\n".join(lines))
    print("pairwise divergences flagged on ECB+ development events:")
    for label, n in totals.items():
        print(f"  {label:<17} {n:>5}")
    print(f"\nadded by 'events + reports' ({len(added)}):")
    for text in added:
        print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ecbplus", action="store_true", help="also count on ECB+ (slow)")
    args = parser.parse_args()
    gold_figures()
    if args.ecbplus:
        print()
        ecbplus_counts()


if __name__ == "__main__":
    main()
