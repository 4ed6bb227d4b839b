"""Cached load alone: fresh processes loading a brief whose cache is warm, and the cache's size.

    python bench/bench_cache.py --articles 1000 5000 [--runs 7] [--comparer]
    python bench/bench_cache.py --baseline /tmp/old/src      # before/after, interleaved

Uses the synthetic briefs of ``bench/run.py`` (``bench/.data/brief-N``). For each size it
fills a temporary cache (load + search index, and the comparer with ``--comparer``), then
runs ``--runs`` fresh processes that load the brief from the cache and take the search
index, then search once (``ceasefire negotiations``, 50 hits) and look up the first hit's
passage (what the search bar and the reader do first: it pays whatever the load left for
later), and prints the minimum and median times (wall, and CPU: the machine is shared),
the first search's latency, the cache files' sizes and the load average. ``--baseline SRC`` runs a second source tree (e.g. ``git archive`` of an older
commit) the same way, alternating one run of each, so both see the same machine load:
on a shared machine only such a side-by-side comparison means anything. A benchmark,
not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import brief_folder  # noqa: E402

_FILL = """
import sys, time
import brieftui
t0 = time.perf_counter()
brief = brieftui.load([sys.argv[1]])
brief.search_index
t1 = time.perf_counter()
if sys.argv[2] == "1":
    brief.comparer
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""

_CACHED = """
import sys, time
t0, c0 = time.perf_counter(), time.process_time()
import brieftui
brief = brieftui.load([sys.argv[1]])
t1, c1 = time.perf_counter(), time.process_time()
brief.search_index
t2, c2 = time.perf_counter(), time.process_time()
hits = brief.search_result("ceasefire negotiations", limit=50).hits
ref = brief.passage(hits[0].passage_id) if hits else None
t3 = time.perf_counter()
t4 = t3
if sys.argv[2] == "1":
    brief.comparer
    t4 = time.perf_counter()
print(t1 - t0, t2 - t0, t4 - t3, brief._cache.hits, brief._cache.misses, c1 - c0, c2 - c0,
      t3 - t2)
"""


def _run(code: str, *args: str, env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
    )
    return out.stdout.split()


def measure(n: int, runs: int, comparer: bool, trees: dict[str, str | None]) -> None:
    folder = str(brief_folder(n).resolve())
    flag = "1" if comparer else "0"
    with tempfile.TemporaryDirectory(prefix="brieftui-bench-cache-") as scratch:
        envs: dict[str, dict[str, str]] = {}
        for label, tree in trees.items():
            env = {**os.environ, "BRIEFTUI_CACHE_DIR": str(Path(scratch) / label)}
            if tree:
                env["PYTHONPATH"] = tree
            envs[label] = env
            fill_s, comparer_s = _run(_FILL, folder, flag, env=env)
            built = f", comparer {float(comparer_s):.2f} s" if comparer else ""
            print(f"{n} articles, {label}: fill {float(fill_s):.2f} s{built}", flush=True)
        start_load = os.getloadavg()[0]
        results: dict[str, list[list[str]]] = {label: [] for label in trees}
        for _ in range(runs):
            for label in trees:
                results[label].append(_run(_CACHED, folder, flag, env=envs[label]))
        for label, rows in results.items():
            assert all(int(r[4]) == 0 for r in rows), "a cached load re-read files"
            load = [float(r[0]) for r in rows]
            with_index = [float(r[1]) for r in rows]
            cpu, cpu_index = ([float(r[i]) for r in rows] for i in (5, 6))
            first = [float(r[7]) * 1000 for r in rows]
            print(
                f"  {label:9s} cached load min {min(load):.3f} s, median "
                f"{statistics.median(load):.3f} s (CPU {statistics.median(cpu):.3f} s); with "
                f"search index min {min(with_index):.3f} s, median "
                f"{statistics.median(with_index):.3f} s (CPU {statistics.median(cpu_index):.3f} s)"
                f"; first search and its passage {statistics.median(first):.1f} ms ({runs} runs)"
            )
            if comparer:
                cmp_s = statistics.median(float(r[2]) for r in rows)
                print(f"  {label:9s} comparer from the cache, median {cmp_s:.3f} s")
            folder_of = Path(scratch) / label
            sizes = {p.name: p.stat().st_size for p in folder_of.rglob("*.bin")}
            print("  " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sorted(sizes.items())))
        print(f"  load average {start_load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--comparer", action="store_true", help="cache and time the comparer too")
    parser.add_argument("--baseline", metavar="SRC", help="another source tree to run alongside")
    args = parser.parse_args(argv)
    trees: dict[str, str | None] = {"this tree": str(ROOT / "src")}
    if args.baseline:
        trees = {"baseline": args.baseline, **trees}
    for n in args.articles:
        measure(n, args.runs, args.comparer, trees)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
