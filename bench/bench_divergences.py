"""Divergence speed: one event, and a whole brief of 1,000 synthetic articles.

    .venv/bin/python bench/bench_divergences.py                 # 1,000 articles
    .venv/bin/python bench/bench_divergences.py --articles 200  # smaller

Targets (issue 16): the divergences of one event in ≤ 20 ms; a 1,000-article brief in
≤ 5 s. Wall-clock and CPU time are both printed (the machine is shared: CPU time says
what the work costs, wall time what a user waits). The brief's events are compare's
work, computed first and timed apart; divergence finding is what comes after them.
The cache goes to a temporary BRIEFTUI_CACHE_DIR, so nothing is read from an earlier run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    os.environ["BRIEFTUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="brieftui-bench-cache-")
    os.environ.setdefault("BRIEFTUI_DATA_DIR", tempfile.mkdtemp(prefix="brieftui-bench-data-"))
    import brieftui
    from bench.synth import write_brief
    from brieftui.divergence import divergences_between, passage_facts, same_event_pairs
    from brieftui.divergence.finder import passage_text

    # one event of the ferry gold brief (five outlets), cold and warm
    ferry = brieftui.load([ROOT / "tests" / "divergence" / "fixtures" / "ferry"], cache=False)
    events = ferry.events()
    by_event: dict[str, list] = {}
    for pair in same_event_pairs(ferry):
        by_event.setdefault(pair.event, []).append(pair)
    biggest = max(by_event.values(), key=len)
    for label in ("cold", "warm"):
        if label == "cold":
            passage_facts.cache_clear()
        start = _clock()
        for pair in biggest:
            divergences_between(
                passage_text(ferry, pair.passage_a), passage_text(ferry, pair.passage_b)
            )
        wall, cpu = _since(start)
        print(
            f"ferry, largest event ({len(biggest)} passage pairs), {label}: "
            f"{wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU   (target ≤ 20 ms)"
        )
    print(f"  ({len(events)} events in the ferry brief)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = write_brief(Path(tmp) / "brief", args.articles, seed=0)
        brief = brieftui.load([folder], cache=False)
        n_passages = brief.passage_count
        start = _clock()
        events = brief.events()
        wall, cpu = _since(start)
        print(
            f"\n{args.articles:,} articles, {n_passages:,} passages: compare's events "
            f"{wall:.2f} s wall, {cpu:.2f} s CPU ({len(events):,} events)"
        )
        passage_facts.cache_clear()
        start = _clock()
        pairs = same_event_pairs(brief)
        per_event: dict[str, float] = {}
        for pair in pairs:
            t0 = time.perf_counter()
            divergences_between(
                passage_text(brief, pair.passage_a), passage_text(brief, pair.passage_b), pair.event
            )
            per_event[pair.event] = per_event.get(pair.event, 0.0) + time.perf_counter() - t0
        wall, cpu = _since(start)
        print(
            f"divergences over {len(pairs):,} passage pairs in {len(per_event):,} events: "
            f"{wall:.2f} s wall, {cpu:.2f} s CPU   (target ≤ 5 s)"
        )
        if per_event:
            times = [t * 1000 for t in per_event.values()]
            print(
                f"  per event: median {statistics.median(times):.1f} ms, "
                f"p95 {_pct(times, 0.95):.1f} ms, max {max(times):.1f} ms (cold facts)"
            )
            worst = max(per_event, key=per_event.__getitem__)
            worst_pairs = [p for p in pairs if p.event == worst]
            ids = {pid for p in worst_pairs for pid in (p.passage_a, p.passage_b)}
            start = _clock()
            for pair in worst_pairs:
                divergences_between(
                    passage_text(brief, pair.passage_a), passage_text(brief, pair.passage_b)
                )
            wall, cpu = _since(start)
            print(
                f"  the slowest event: {len(ids)} passages, {len(worst_pairs)} pairs; "
                f"warm {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU"
            )
        start = _clock()
        found = brief.divergences()
        wall, cpu = _since(start)
        print(
            f"Brief.divergences() (pairs, divergences, merging; facts warm): {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU, {len(found):,} divergences"
        )


if __name__ == "__main__":
    main()
