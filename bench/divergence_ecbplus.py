"""Divergences on ECB+ development events: what is flagged, and a hand-checked sample.

Each ECB+ event (a topic's ``ecb`` or ``ecbplus`` sub-topic: several outlets reporting one
happening) is loaded as a brief straight from ``../shared/data/ecbplus-dev`` (read only,
never copied), and ``Brief.divergences()`` runs on it. The script prints how many
divergences of each kind are flagged, then a seeded random sample of them with both
values in context, and the verdicts of ``bench/results/divergence_ecbplus_judged.json``
(hand judgements keyed by event, kind and spans; no article text is stored in the repo).

.venv/bin/python bench/divergence_ecbplus.py                 # counts, the judged sample
.venv/bin/python bench/divergence_ecbplus.py --sample 20     # draw and print a sample
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
DATA = REPO.parent / "shared" / "data" / "ecbplus-dev"
if not DATA.exists():
    DATA = Path("/work/shared/data/ecbplus-dev")
JUDGED = REPO / "bench" / "results" / "divergence_ecbplus_judged.json"

import brieftui  # noqa: E402


def events() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    with (DATA / "alignments" / "documents.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.setdefault(row["event_id"], []).append(DATA / f"topic_{row['topic']}" / row["file"])
    return out


def key(event: str, d) -> str:
    return "|".join([event, d.kind] + [f"{v.passage_id}@{v.span[0]}-{v.span[1]}" for v in d.values])


def context(brief, v, width: int = 60) -> str:
    text = brief.passage(v.passage_id).passage.text
    s, e = v.span
    return f"…{text[max(0, s - width) : s]}[[{text[s:e]}]]{text[e : e + width]}…".replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=0, help="print a fresh random sample")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no ECB+ data at {DATA}")
        return
    kinds: Counter[str] = Counter()
    found = []
    n_docs = 0
    started = time.perf_counter()
    for event, files in sorted(events().items()):
        brief = brieftui.load(files, cache=False)
        n_docs += len(brief.documents)
        for d in brief.divergences():
            kinds[d.kind] += 1
            found.append((event, brief, d))
    took = time.perf_counter() - started
    print(
        f"{len(events())} events, {n_docs} articles: {len(found)} divergences flagged in {took:.1f} s"
    )
    print("  by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    judged = json.loads(JUDGED.read_text(encoding="utf-8")) if JUDGED.exists() else {}
    if args.sample:
        rng = random.Random(args.seed)
        for event, brief, d in rng.sample(found, min(args.sample, len(found))):
            print(f"\n{key(event, d)}\n  {d.kind} / {d.slot}")
            for v in d.values:
                print(f"  {v.doc_id}: {context(brief, v)}  = {v.value}")
        return
    by_key = {key(event, d): (event, brief, d) for event, brief, d in found}
    right = wrong = 0
    for k, verdict in judged.items():
        if k not in by_key:
            print(f"  (judged but no longer flagged) {k}")
            continue
        ok = verdict["verdict"] == "right"
        right += ok
        wrong += not ok
        if not ok:
            print(f"  wrong: {k}: {verdict.get('why', '')}")
    if right + wrong:
        print(
            f"hand-checked sample: {right} of {right + wrong} right (precision {right / (right + wrong):.2f})"
        )


if __name__ == "__main__":
    main()
