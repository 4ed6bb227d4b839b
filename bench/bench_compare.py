"""Compare speed at scale: index build, compare p50/p95 over random passages, events total.

    .venv/bin/python bench/bench_compare.py [--articles 1000] [--samples 50] [--json out.json]

Targets (issue 6): at 1,000 articles, compare p95 <= 50 ms, events <= 5 s.
CPU-time figures and the load average are printed beside the wall-clock ones: on a
shared 2-core machine wall-clock time measures the neighbours as much as the code.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import brieftui  # noqa: E402
from bench.synth import write_brief  # noqa: E402
from brieftui.compare import Comparer  # noqa: E402


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_brief(Path(tmp), args.articles, seed=args.seed)
        t0 = time.perf_counter()
        brief = brieftui.load([tmp])
        load_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    comparer = Comparer(brief.documents)
    build_s = time.perf_counter() - t0
    build_cpu = time.process_time() - c0
    ids = [ref.passage.id for ref in brief.passages()]
    rng = random.Random(args.seed)
    sample = rng.sample(ids, min(args.samples, len(ids)))
    times = []
    cpu = []
    covered = 0
    for pid in sample:
        t0, c0 = time.perf_counter(), time.process_time()
        result = comparer.compare(pid)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        covered += sum(1 for s in result.sources if s.covered)
        if result.sources:  # what the UI shows first: the best match of one column
            best = next((s.matches[0] for s in result.sources if s.matches), None)
            if best is not None:
                _ = best.evidence, best.spans
    t0 = time.perf_counter()
    comparer.compare_text("Oval Office meeting")
    text_ms = (time.perf_counter() - t0) * 1000
    t0, c0 = time.perf_counter(), time.process_time()
    events = comparer.events()
    events_s = time.perf_counter() - t0
    events_cpu = time.process_time() - c0
    try:
        load_avg = round(os.getloadavg()[0], 2)
    except OSError:
        load_avg = None
    figures = {
        "articles": len(brief.documents),
        "passages": len(ids),
        "load_s": round(load_s, 3),
        "build_s": round(build_s, 3),
        "build_cpu_s": round(build_cpu, 3),
        "compare_p50_ms": round(_pct(times, 0.5), 2),
        "compare_p95_ms": round(_pct(times, 0.95), 2),
        "compare_max_ms": round(max(times), 2),
        "compare_cpu_p50_ms": round(_pct(cpu, 0.5), 2),
        "compare_cpu_p95_ms": round(_pct(cpu, 0.95), 2),
        "compare_text_ms": round(text_ms, 2),
        "mean_sources_covered": round(covered / len(sample), 1),
        "events_s": round(events_s, 3),
        "events_cpu_s": round(events_cpu, 3),
        "events": len(events),
        "multi_source_events": sum(1 for e in events if not e.single_source),
        "load_avg_1min": load_avg,
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    print(
        f"targets: compare p95 <= 50 ms: {'ok' if figures['compare_p95_ms'] <= 50 else 'MISS'}; "
        f"events <= 5 s: {'ok' if events_s <= 5 else 'MISS'}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
