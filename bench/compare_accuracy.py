"""Compare's accuracy: the gold briefs, and the development data when ``../shared/data`` is there.

For each configuration (``lexical``: no embeddings; ``hybrid``: with the semantic
stage, when wordllama is installed) it prints:

* **gold briefs** (``tests/compare``): top-1 per covering source and "not covered"
  precision/recall, with the shipped models (their "covered" model was trained on
  these briefs too), and beside them the leave-one-brief-out cross-validated figures
  that ``train/train_compare.py`` stored in ``model.json`` (the honest ones);
* **ECB+ top-1** on the held-out topics (``bench/devdata.py``): one brief per event; in
  the partner article the best match among the passages holding a sentence of the
  ECB+ gold sentence list must share an event instance with the anchor's sentence;
  "not covered" is a miss;
* **mixed brief**: every article of the held-out topics (both events of each) plus the
  held-out unrelated single articles; for each article's lead passage, precision,
  recall and F1 of the sources said to cover it (right: the articles of its event).
  Also on the ``heldout_style`` selection (at most six articles per topic, one event);
* **stories**: pairwise precision/recall/F1 of the mixed brief's stories against the
  ECB+ events; how many one-event briefs stay one story; pairwise F1 on each topic's
  brief (two similar events to tell apart).

    .venv/bin/python bench/compare_accuracy.py                 # both configurations
    .venv/bin/python bench/compare_accuracy.py --semantic off  # lexical only
    .venv/bin/python bench/compare_accuracy.py --json out.json --quiet
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

TARGETS = {
    "mixed_f1": 0.85,
    "ecb_top1": 0.85,
    "gold_top1": 0.75,
    "gold_nc_precision": 0.90,
    "gold_nc_recall": 0.90,
}


def _gold_module():
    spec = importlib.util.spec_from_file_location(
        "compare_gold", REPO / "tests" / "compare" / "gold.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_gold"] = module
    spec.loader.exec_module(module)
    return module


def gold_figures(hybrid: bool, quiet: bool) -> dict:
    from brieftui.compare import Comparer

    gold_mod = _gold_module()
    total = {"top1_right": 0, "top1_total": 0, "nc_tp": 0, "nc_fp": 0, "nc_fn": 0}
    per_brief = {}
    for name in gold_mod.GOLD_FILES:
        gold, brief = gold_mod.load_gold(name)
        comparer = Comparer(brief.documents, semantic_stage=None if hybrid else False)
        s = gold_mod.score_pairs(gold, brief, comparer)
        per_brief[name] = {
            "top1": f"{s.top1_right}/{s.top1_total}",
            "nc_precision": round(s.nc_precision, 3),
            "nc_recall": round(s.nc_recall, 3),
        }
        for k in total:
            total[k] += getattr(s, k)
        if not quiet:
            print(
                f"   {name:<13} top-1 {s.top1_right:>2}/{s.top1_total:<2} ({s.top1:.0%})"
                f"  not covered P {s.nc_precision:.0%} R {s.nc_recall:.0%}"
            )
            for f in s.failures[:6]:
                print("      -", f)
    nc_p = total["nc_tp"] / max(1, total["nc_tp"] + total["nc_fp"])
    nc_r = total["nc_tp"] / max(1, total["nc_tp"] + total["nc_fn"])
    return {
        "top1": round(total["top1_right"] / max(1, total["top1_total"]), 3),
        "top1_of": total["top1_total"],
        "nc_precision": round(nc_p, 3),
        "nc_recall": round(nc_r, 3),
        "briefs": per_brief,
    }


def stored_cv(variant: str) -> dict:
    from brieftui.compare import linear

    path = REPO / "src" / "brieftui" / "compare" / linear.MODEL_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("cross_validation", {}).get("covered", {}).get(variant, {})


def dev_figures(hybrid: bool, held_out: bool, quiet: bool) -> dict:
    import compare_dev as cd

    from brieftui.compare import Comparer

    def make(brief):
        return Comparer(brief.documents, semantic_stage=None if hybrid else False)

    def stories_of(brief):
        return [s.doc_ids for s in make(brief).stories()]

    out: dict = {}
    t0 = time.time()
    top = cd.ecb_top1(make, held_out)
    out["ecb_top1"] = round(top.rate, 3)
    out["ecb_top1_detail"] = {"right": top.right, "of": top.total, "not_covered": top.not_covered}
    out["ecb_sources"] = top.sources.as_dict()
    for name, style in (("mixed", False), ("mixed_heldout_style", True)):
        prf, *_ = cd.mixed(make, held_out, style)
        out[name] = {
            "precision": round(prf.precision, 3),
            "recall": round(prf.recall, 3),
            "f1": round(prf.f1, 3),
        }
    st = cd.story_scores(stories_of, held_out)
    whole, events, broken = st["one_story_whole"]
    out["stories"] = {
        "mixed": {k: round(v, 3) if isinstance(v, float) else v for k, v in st["mixed"].items()},
        "mixed_heldout_style": {
            k: round(v, 3) if isinstance(v, float) else v
            for k, v in st["mixed_heldout_style"].items()
        },
        "one_story_whole": f"{whole}/{events}",
        "one_story_broken": broken,
        "topic_briefs": {k: round(v, 3) for k, v in st["topics"].items()},
        "small_folders": {
            k: round(v, 3) if isinstance(v, float) else v for k, v in st["small"].items()
        },
        "unrelated_folders": {
            k: round(v, 3) if isinstance(v, float) else v for k, v in st["unrelated"].items()
        },
    }
    out["seconds"] = round(time.time() - t0, 1)
    out["held_out"] = held_out
    if not quiet:
        for failure in top.failures[:5]:
            print("      -", failure)
    return out


def show(variant: str, gold: dict, cv: dict, dev: dict | None) -> None:
    print(
        f"== {variant}"
        + (
            ""
            if dev is None
            else " (held-out topics)"
            if dev.get("held_out", True)
            else " (training topics)"
        )
    )
    print(
        f"  gold briefs (shipped model, trained on them too): top-1 {gold['top1']:.3f} "
        f"of {gold['top1_of']}, not covered P {gold['nc_precision']:.3f} R {gold['nc_recall']:.3f}"
    )
    if cv:
        g = cv.get("gold", {})
        print(
            f"  gold briefs, leave-one-brief-out CV: top-1 {g.get('top1')}, not covered "
            f"P {g.get('nc_precision')} R {g.get('nc_recall')} (touches cut {cv.get('touches')})"
        )
    if dev is None:
        print("  (no ../shared/data: development figures skipped)")
        return
    m, ms, s = dev["mixed"], dev["mixed_heldout_style"], dev["stories"]
    print(f"  ECB+ top-1: {dev['ecb_top1']:.3f} {dev['ecb_top1_detail']}")
    es = dev["ecb_sources"]
    print(
        f"  ECB+ sources inside one event's brief: covered P {es['precision']:.3f} "
        f"R {es['recall']:.3f}; not covered P {es['nc_precision']:.3f} R {es['nc_recall']:.3f}"
        f" ({es['sources']} judgements)"
    )
    print(
        f"  mixed brief: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}"
        f"   (heldout_style selection: F1 {ms['f1']:.3f})"
    )
    print(
        f"  stories: mixed pairwise P {s['mixed']['precision']:.3f} R {s['mixed']['recall']:.3f}"
        f" F1 {s['mixed']['f1']:.3f} ({s['mixed']['stories']} stories for "
        f"{s['mixed']['gold_stories']}); one-story briefs whole {s['one_story_whole']}"
        f"; topic briefs F1 {s['topic_briefs']['f1']:.3f}"
    )
    sf = s["small_folders"]
    print(
        f"  stories, small folders of 2-4 stories: pairwise F1 {sf['f1']:.3f}, "
        f"split exactly right {sf['exact']}"
    )
    uf = s["unrelated_folders"]
    print(
        f"  stories, folders of 2-30 unrelated articles: split one per article "
        f"{uf['unrelated_split']}, article pairs wrongly joined {uf['unrelated_joined_share']:.3f}; "
        f"two articles of one event kept together {uf['pairs_same_event_kept']}, "
        f"two unrelated kept apart {uf['pairs_unrelated_apart']}"
    )
    if s["one_story_broken"]:
        print(f"    split: {s['one_story_broken']}")


def verdicts(gold: dict, cv: dict, dev: dict | None) -> dict[str, str]:
    g = cv.get("gold", {})
    got = {
        "gold_top1": g.get("top1"),
        "gold_nc_precision": g.get("nc_precision"),
        "gold_nc_recall": g.get("nc_recall"),
    }
    if dev is not None:
        got["mixed_f1"] = dev["mixed"]["f1"]
        got["ecb_top1"] = dev["ecb_top1"]
    return {
        k: f"{v} {'ok' if v is not None and v >= TARGETS[k] else 'MISS'} (target {TARGETS[k]})"
        for k, v in got.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--semantic", choices=("both", "on", "off"), default="both")
    parser.add_argument("--train", action="store_true", help="the training topics instead")
    parser.add_argument("--quiet", action="store_true", help="no failure details")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    os.environ.setdefault("BRIEFTUI_CACHE_DIR", tempfile.mkdtemp(prefix="brieftui-bench-"))
    import devdata

    from brieftui.compare import semantic

    variants = {"both": ["lexical", "hybrid"], "on": ["hybrid"], "off": ["lexical"]}[args.semantic]
    if "hybrid" in variants and semantic.load() is None:
        print("wordllama is not installed: the hybrid configuration is skipped")
        variants = [v for v in variants if v != "hybrid"]
    report: dict = {"held_out": not args.train}
    for variant in variants:
        hybrid = variant == "hybrid"
        gold = gold_figures(hybrid, args.quiet)
        cv = stored_cv(variant)
        dev = dev_figures(hybrid, not args.train, args.quiet) if devdata.available() else None
        show(variant, gold, cv, dev)
        v = verdicts(gold, cv, dev)
        for k, text in v.items():
            print(f"    {k}: {text}")
        report[variant] = {"gold": gold, "gold_cv": cv, "dev": dev, "targets": v}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
