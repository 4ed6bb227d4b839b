"""Study the "covered" decision's misses on the gold briefs (development tool).

Builds the judgements ``train/train_compare.py`` trains on (ECB+ training topics and
the five gold briefs; cached in a temporary file between runs, never in the project),
fits the covered model leaving each gold brief out as the training script does, and
prints, per brief, every gold judgement the cross-validated model gets wrong: the
anchor, the source, the rank of the right passage, the probability shown and the
features that weighed most. ``--sweep`` prints the cross-validated figures over the
"touches" cuts (and, with ``--c``/``--gold-weight``, other fitting choices).

    .venv/bin/python train/covered_study.py --variant lexical
    .venv/bin/python train/covered_study.py --variant lexical --sweep --quiet
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "train"))

import train_compare as tc  # noqa: E402

from brieftui.compare import covered  # noqa: E402


def judgements(variant: str, rebuild: bool) -> tuple[list, list]:
    """(ECB+ judgements, gold judgements), cached per variant in the temp folder."""
    hybrid = variant == "hybrid"
    cache = Path(tempfile.gettempdir()) / f"brieftui-covered-study-{variant}.pickle"
    if cache.exists() and not rebuild:
        with cache.open("rb") as f:
            return pickle.load(f)
    ecb = tc.ecb_judgements(tc.train_topics(), hybrid)
    gold = tc.gold_judgements(hybrid)
    with cache.open("wb") as f:
        pickle.dump((ecb, gold), f)
    return ecb, gold


def names_of(variant: str) -> list[str]:
    return list(covered.LEXICAL) + (list(covered.SEMANTIC) if variant == "hybrid" else [])


def lobo(ecb, gold, names, c, touches_cuts):
    """Leave-one-brief-out: each gold brief scored by a model trained without it."""
    out = {cut: tc.Tally() for cut in touches_cuts}
    models = {}
    for name in sorted({j.group for j in gold}):
        train = ecb + [j for j in gold if j.group != name]
        model = tc.as_model(tc.fit(*tc.matrix(train), names, c), {})
        models[name] = model
        test = [j for j in gold if j.group == name]
        for cut in touches_cuts:
            got = tc.evaluate(test, model, cut)["gold"]
            for f in ("right", "total", "nc_tp", "nc_fp", "nc_fn"):
                setattr(out[cut], f, getattr(out[cut], f) + getattr(got, f))
    return out, models


def misses(gold, models, names, cut: float) -> None:
    for name in sorted(models):
        model = models[name]
        print(f"== {name}")
        for j in (j for j in gold if j.group == name):
            if not j.rows:
                if j.targets:
                    print(f"  NO CANDIDATES, wanted {sorted(j.targets)}")
                continue
            probs = model.probabilities(np.asarray([r[1] for r in j.rows], dtype=np.float64))
            ranked = sorted(range(len(j.rows)), key=lambda k: (-probs[k], k))  # covered.order
            rows = [j.rows[k] for k in ranked]
            p = float(probs[ranked[0]])
            shown = p >= cut
            rank = next((k for k, r in enumerate(rows) if r[0] in j.targets), None)
            if j.targets and shown and rank == 0:
                continue
            if not j.targets and not shown:
                continue
            kind = (
                "FALSE COVER"
                if not j.targets
                else "WRONG NC"
                if not shown
                else f"WRONG TOP (right at rank {rank})"
            )
            x = (np.asarray(rows[0][1]) - np.asarray(model.mean)) / np.asarray(model.scale)
            w = x * np.asarray(model.coef)
            contrib = sorted(zip(names, w, strict=True), key=lambda t: -abs(t[1]))
            top = ", ".join(f"{n} {v:+.2f}" for n, v in contrib[:5])
            ps = [round(float(probs[k]), 2) for k in ranked[:4]]
            print(f"  {kind}: top {rows[0][0]} p {p:.2f} (ranked p {ps}) want {sorted(j.targets)}")
            print(f"      {top}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=("lexical", "hybrid"), default="lexical")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--c", type=float, default=tc.C_COVERED)
    parser.add_argument("--gold-weight", type=float, default=tc.GOLD_WEIGHT)
    parser.add_argument("--cut", type=float, default=None)
    args = parser.parse_args()
    os.environ.setdefault("BRIEFTUI_CACHE_DIR", tempfile.mkdtemp(prefix="brieftui-study-"))
    tc.GOLD_WEIGHT = args.gold_weight
    ecb, gold = judgements(args.variant, args.rebuild)
    names = names_of(args.variant)
    tallies, models = lobo(ecb, gold, names, args.c, tc.TOUCHES)
    reports = {cut: {"gold": t.as_dict()} for cut, t in tallies.items()}
    for cut, r in reports.items():
        if args.sweep:
            print(f"  {cut}: {r['gold']}  closeness {tc.closeness(r):.3f}")
    best = args.cut or max(tc.TOUCHES, key=lambda cut: (tc.closeness(reports[cut]), -cut))
    print(f"cut {best}: {reports[best]['gold']}")
    if not args.quiet:
        misses(gold, models, names, best)


if __name__ == "__main__":
    main()
