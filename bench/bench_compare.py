"""Compare speed at scale: stories, the alignment index, compare p50/p95, events, the cache.

    .venv/bin/python bench/bench_compare.py [--articles 1000] [--story-size 8]
        [--semantic off|on] [--samples 50] [--json out.json]

The brief is synthetic (``bench/synth.py``: seed sentences with words varied) with
articles grouped into stories of ``--story-size`` (their own names, place, figure and
date recur through them), as real folders are; ``--story-size 0`` gives the old
brief with no stories (every article its own story, so compares have no sources).

Measured, each as wall-clock and CPU time (the machine is shared: CPU time measures
the code, wall time the neighbours too; the load average is printed):

* **cold**: the alignment index (``Comparer(...)``), stories, events: what the app's
  worker does the first time (it reports progress meanwhile);
* **compare**: p50/p95 over random passages, within their story (and widened to the
  whole brief); with the semantic stage the first compare in a story also embeds it;
* **from the cache**: a fresh process loads the brief and its comparer from the cache
  (written by the cold run) and asks for stories and events; then reads the alignment
  index back (what the first compare after a cached opening needs) and makes one compare;
* with the semantic stage: embedding throughput (passages a second, sentences
  included) and the memory the vectors take; the process's peak RSS.

Targets (issue 14): at 1,000 articles compare p95 <= 50 ms and events <= 5 s; at 5,000
stories + alignment index + events <= 20 s cold and <= 1 s from the cache.
``BRIEFTUI_CACHE_DIR`` is pointed at a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


class Clock:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> Clock:
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.w0
        self.cpu = time.process_time() - self.c0


def _cached_run(folder: str, semantic: bool) -> dict:
    """In a fresh process: load the brief and its comparer from the cache; stories, events."""
    code = f"""
import json, os, time, sys
sys.path.insert(0, {str(REPO / "src")!r})
os.environ["BRIEFTUI_SEMANTIC"] = {"1" if semantic else "0"!r}
import brieftui
w0, c0 = time.perf_counter(), time.process_time()
brief = brieftui.load([{folder!r}])
load = time.perf_counter() - w0
w1, c1 = time.perf_counter(), time.process_time()
brief.comparer
stories = brief.stories()
events = brief.events()
w2, c2 = time.perf_counter(), time.process_time()
cs_wall, cs_cpu = w2 - w1, c2 - c1
brief.comparer._index  # the alignment index read back, as the first compare needs it
w3, c3 = time.perf_counter(), time.process_time()
pids = [ref.passage.id for ref in brief.passages()]
brief.compare(pids[len(pids) // 2])
w4, c4 = time.perf_counter(), time.process_time()
print(json.dumps({{"load_s": load, "comparer_stories_events_s": cs_wall,
    "comparer_stories_events_cpu_s": cs_cpu,
    "index_read_back_s": w3 - w2, "index_read_back_cpu_s": c3 - c2,
    "first_compare_s": w4 - w3, "first_compare_cpu_s": c4 - c3,
    "stories": len(stories), "events": len(events)}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--story-size", type=int, default=8)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--semantic", choices=("off", "on"), default="off")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    semantic = args.semantic == "on"
    os.environ["BRIEFTUI_SEMANTIC"] = "1" if semantic else "0"
    cache = tempfile.mkdtemp(prefix="brieftui-bench-cache-")
    os.environ["BRIEFTUI_CACHE_DIR"] = cache

    import brieftui
    from bench.synth import write_brief
    from brieftui.compare import semantic as semantic_stage
    from brieftui.ingest import parallel

    if semantic and semantic_stage.load() is None:
        sys.exit("--semantic on needs wordllama: pip install -e '.[semantic]'")
    figures: dict = {"articles": args.articles, "story_size": args.story_size, "semantic": semantic}
    with tempfile.TemporaryDirectory() as tmp:
        write_brief(Path(tmp), args.articles, seed=args.seed, story_size=args.story_size)
        with Clock() as c:
            brief = brieftui.load([tmp])
        figures["load_s"] = round(c.wall, 3)
        figures["passages"] = brief.passage_count
        calls: list[tuple[int, int]] = []
        with parallel.gc_paused(), Clock() as cold:
            with Clock() as c:
                comparer = brief.comparer
            figures["index_s"], figures["index_cpu_s"] = round(c.wall, 2), round(c.cpu, 2)
            with Clock() as c:
                stories = brief.stories()
            figures["stories_s"], figures["stories_cpu_s"] = round(c.wall, 2), round(c.cpu, 2)
            with Clock() as c:
                events = brief.events(progress=lambda done, total: calls.append((done, total)))
            figures["events_s"], figures["events_cpu_s"] = round(c.wall, 2), round(c.cpu, 2)
        figures["cold_s"], figures["cold_cpu_s"] = round(cold.wall, 2), round(cold.cpu, 2)
        figures["progress_reports"] = len(calls)
        figures["stories"] = len(stories)
        figures["events"] = len(events)
        figures["multi_source_events"] = sum(1 for e in events if not e.single_source)
        ids = [ref.passage.id for ref in brief.passages()]
        rng = random.Random(args.seed)
        sample = rng.sample(ids, min(args.samples, len(ids)))
        for widen in (False, True):
            wall, cpu = [], []
            covered = 0
            for pid in sample:
                with Clock() as c:
                    result = comparer.compare(pid, widen=widen)
                    best = next((s.matches[0] for s in result.sources if s.matches), None)
                    if best is not None:  # what the UI shows first: one column's best match
                        _ = best.evidence, best.spans
                wall.append(c.wall * 1000)
                cpu.append(c.cpu * 1000)
                covered += sum(1 for s in result.sources if s.covered)
            key = "compare_widened" if widen else "compare"
            figures[f"{key}_p50_ms"] = round(_pct(wall, 0.5), 1)
            figures[f"{key}_p95_ms"] = round(_pct(wall, 0.95), 1)
            figures[f"{key}_cpu_p95_ms"] = round(_pct(cpu, 0.95), 1)
            figures[f"{key}_mean_sources_covered"] = round(covered / len(sample), 1)
        if semantic and comparer._vectors is not None:
            vectors = comparer._vectors
            done = int(vectors.done.sum())
            with Clock() as c:
                vectors.ensure()
            left = len(ids) - done
            figures["embedding_passages_per_s"] = round(left / c.wall) if c.wall and left else None
            figures["embedding_cpu_s_per_1000"] = round(1000 * c.cpu / left, 2) if left else None
            figures["embedding_mb"] = round(vectors.nbytes() / 1e6, 1)
        brief.save_comparer()
        figures["from_cache"] = _cached_run(tmp, semantic)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    try:
        figures["load_avg_1min"] = round(os.getloadavg()[0], 2)
    except OSError:
        figures["load_avg_1min"] = None
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.articles >= 1000:
        ok = figures["compare_p95_ms"] <= 50 and figures["events_s"] <= 5
        print(f"targets at 1,000 (compare p95 <= 50 ms, events <= 5 s): {'ok' if ok else 'MISS'}")
    if args.articles >= 5000:
        cached = figures["from_cache"].get("comparer_stories_events_s", 99)
        ok = figures["cold_s"] <= 20 and cached <= 1
        print(f"targets at 5,000 (cold <= 20 s, from the cache <= 1 s): {'ok' if ok else 'MISS'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
