"""Cached load alone: a fresh process loading a brief whose cache is warm, and the cache's size.

    python bench/bench_cache.py --articles 1000 5000 [--runs 7] [--comparer]

Uses the synthetic briefs of ``bench/run.py`` (``bench/.data/brief-N``). For each size it
fills a temporary cache (load + search index, and the comparer with ``--comparer``), then
runs ``--runs`` fresh processes that load the brief from the cache and take the search
index, and prints the median times, the cache files' sizes and the load average. The
``brieftui`` imported is whatever ``PYTHONPATH`` points at, so two versions can be compared
in the same conditions. A benchmark, not a test.
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
print(brieftui.__file__, t1 - t0, t2 - t1)
"""

_CACHED = """
import sys, time
t0 = time.perf_counter()
import brieftui
brief = brieftui.load([sys.argv[1]])
t1 = time.perf_counter()
brief.search_index
t2 = time.perf_counter()
t3 = t2
if sys.argv[2] == "1":
    brief.comparer
    t3 = time.perf_counter()
print(t1 - t0, t2 - t0, t3 - t2, brief._cache.hits, brief._cache.misses)
"""


def _run(code: str, *args: str, env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
    )
    return out.stdout.split()


def measure(n: int, runs: int, comparer: bool) -> None:
    folder = brief_folder(n)
    flag = "1" if comparer else "0"
    with tempfile.TemporaryDirectory(prefix="brieftui-bench-cache-") as cache:
        env = {**os.environ, "BRIEFTUI_CACHE_DIR": cache}
        where, fill_s, comparer_s = _run(_FILL, str(folder), flag, env=env)
        results = [_run(_CACHED, str(folder), flag, env=env) for _ in range(runs)]
        assert all(int(r[4]) == 0 for r in results), "a cached load re-read files"
        sizes = {p.name: p.stat().st_size for p in Path(cache).rglob("*.bin")}
        load = statistics.median(float(r[0]) for r in results)
        with_index = statistics.median(float(r[1]) for r in results)
        print(f"{n} articles ({where})")
        print(f"  fill: load + index {float(fill_s):.2f} s, comparer {float(comparer_s):.2f} s")
        print(
            f"  cached load {load:.3f} s, with search index {with_index:.3f} s (median of {runs})"
        )
        if comparer:
            cmp_s = statistics.median(float(r[2]) for r in results)
            print(f"  comparer from the cache {cmp_s:.3f} s")
        for name, size in sorted(sizes.items()):
            print(f"  {name}: {size / 1e6:.1f} MB")
        print(f"  load average {os.getloadavg()[0]:.2f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--comparer", action="store_true", help="cache and time the comparer too")
    args = parser.parse_args(argv)
    for n in args.articles:
        measure(n, args.runs, args.comparer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
