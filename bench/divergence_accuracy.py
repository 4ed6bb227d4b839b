"""Divergence precision and recall on the gold briefs (tests/divergence/fixtures).

Two figures per brief:

* **given pairs**: divergences over the passage pairs the gold judges (what compare
  should hand over): extraction and pairing measured alone;
* **end to end**: over the pairs ``same_event_pairs`` takes from the brief's events.

.venv/bin/python bench/divergence_accuracy.py            # figures, wrong and missed ones
.venv/bin/python bench/divergence_accuracy.py --quiet    # figures only
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _gold_module():
    spec = importlib.util.spec_from_file_location(
        "divergence_gold", REPO / "tests" / "divergence" / "gold.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["divergence_gold"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quiet", action="store_true", help="no details")
    parser.add_argument("--briefs", nargs="*", help="which gold briefs (default: all)")
    args = parser.parse_args()
    gold = _gold_module()
    names = args.briefs or [*gold.GOLD_BRIEFS, *gold.HELD_OUT]
    print(
        f"{'brief':<10} {'mode':<11} {'judged':>6} {'differ':>6} {'flagged':>7} {'P':>6} {'R':>6}"
    )
    for name in names:
        if not (gold.FIXTURES / f"{name}_gold.json").exists():
            continue
        brief = gold.load_brief(name)
        pairs = gold.judged_pairs(brief, gold.load_gold(name))
        tag = " (held out)" if name in gold.HELD_OUT else ""
        for mode, predicted in (
            ("given", gold.predict_on_judged_passages(brief, pairs)),
            ("end-to-end", gold.predict_through_brief(brief)),
        ):
            s = gold.score(pairs, predicted)
            print(
                f"{name:<10} {mode:<11} {len(pairs):>6} {s.gold_differ:>6} {s.predicted:>7}"
                f" {s.precision:>6.2f} {s.recall:>6.2f}{tag}"
            )
            if not args.quiet:
                for line in s.wrong:
                    print(f"    WRONG    {line}")
                for line in s.unjudged:
                    print(f"    UNJUDGED {line}")
                if mode == "given":
                    for line in s.missed:
                        print(f"    MISSED   {line}")


if __name__ == "__main__":
    main()
