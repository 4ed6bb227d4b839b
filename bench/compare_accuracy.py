"""Print compare accuracy on the gold sets: top-1 per source and "not covered" precision/recall.

"right" counts the judgements the reader would agree with: the right top-1 for a
covering source, plus "not covered" said where the gold says so.

.venv/bin/python bench/compare_accuracy.py            # the figures, with failures
.venv/bin/python bench/compare_accuracy.py --sweep    # the same at other thresholds (calibration)
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _gold_module():
    spec = importlib.util.spec_from_file_location(
        "compare_gold", REPO / "tests" / "compare" / "gold.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_gold"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sweep", action="store_true", help="also evaluate other thresholds")
    parser.add_argument("--quiet", action="store_true", help="no failure details")
    args = parser.parse_args()
    gold_mod = _gold_module()
    from brieftui import compare

    thresholds = [compare.THRESHOLD]
    if args.sweep:
        thresholds = [round(0.08 + 0.02 * i, 2) for i in range(12)]
    default = compare.THRESHOLD
    for name in gold_mod.GOLD_FILES:
        print(f"== {name}")
        print(
            f"{'threshold':>9} {'top-1':>12} {'not-cov P':>10} {'not-cov R':>10} {'cov acc':>8}"
            f" {'right':>8}"
        )
        gold, brief = gold_mod.load_gold(name)
        comparer = compare.Comparer(brief.documents)  # fresh: never a cached build
        for thr in thresholds:
            comparer.threshold = thr
            s = gold_mod.score_pairs(gold, brief, comparer)
            mark = " *" if thr == default else ""
            right = s.top1_right + s.nc_tp
            judged = s.top1_total + s.nc_tp + s.nc_fn
            print(
                f"{thr:>9.2f} {s.top1_right:>3}/{s.top1_total:<3} {s.top1:>5.0%} "
                f"{s.nc_precision:>10.0%} {s.nc_recall:>10.0%} {s.coverage_accuracy:>8.0%}"
                f" {right:>3}/{judged:<3}{mark}"
            )
            if not args.quiet and thr == default:
                for f in s.failures:
                    print("   -", f)


if __name__ == "__main__":
    main()
