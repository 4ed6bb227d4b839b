"""The benchmark harness: every speed figure brieftui promises, measured in one run.

    python bench/run.py                       # 1,000, 5,000 and 10,000 articles
    python bench/run.py --articles 1000 5000  # a subset
    python bench/run.py --json bench/results/latest.json

For each size it writes a deterministic synthetic brief (``bench/synth.py``: ~20
paragraphs an article, headings and scraped boilerplate, seed sentences with words
varied) into ``bench/.data/`` (reused on later runs), then measures:

* cold load (read, clean, section; no cache) in MB/s;
* first open with an empty cache (load + search index build, both written to the cache);
* cached load: a fresh process loading the same brief, and the same with the search
  index ready (what the app needs before the first search);
* search per keystroke, p50/p95, typing eight queries character by character, beside
  ``rapidfuzz.process.extract`` over every passage on the same queries;
* compare p95 over 50 passages and events total (at sizes up to ``--compare-max``);
* peak RSS of a fresh process that loads the brief and builds the search index,
  against the brief's size on disk;

and, once, the app's start to first frame on the bundled brief beside a bare Textual
app (``bench/startup.py``). It prints a table and writes JSON. It is a benchmark,
not a test: nothing in ``tests/`` asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import brieftui  # noqa: E402
from bench import startup  # noqa: E402
from bench.bench_search import P95_TARGET_MS, SPEEDUP_TARGET, _pct, rapidfuzz_baseline, type_queries  # noqa: E402
from bench.synth import write_brief  # noqa: E402

DATA = ROOT / "bench" / ".data"

TARGETS = {
    "cold_mb_s": ("≥", 20.0),
    "cached_load_s": ("≤", 1.0),
    "search_p95_ms": ("≤", P95_TARGET_MS),
    "search_speedup": ("≥", SPEEDUP_TARGET),
    "rss_ratio": ("≤", 8.0),
    "compare_p95_ms": ("≤", 50.0),
    "events_s": ("≤", 5.0),
    "startup_ratio": ("≤", 1.5),
}
TARGET_SIZES = {
    "compare_p95_ms": 1000,
    "events_s": 1000,
    "search_p95_ms": 5000,
    "search_speedup": 5000,
    "cached_load_s": 5000,
    "cold_mb_s": 5000,
    "rss_ratio": 5000,
}

_CHILD_CACHED = """
import sys, time
t0 = time.perf_counter()
import brieftui
brief = brieftui.load([sys.argv[1]])
t1 = time.perf_counter()
brief.search_index
t2 = time.perf_counter()
print(t1 - t0, t2 - t0, brief._cache.hits, brief._cache.misses)
"""

# Peak RSS of the child alone: VmHWM belongs to the child's own address space. Not
# ru_maxrss: Linux keeps it across execve, so a child forked from this (large)
# benchmark process would report this process's peak (539 MB instead of 325 MB).
_CHILD_RSS = """
import resource, sys
import brieftui
brief = brieftui.load([sys.argv[1]], cache=False)
brief.search_index
try:
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    print(int(hwm.split()[1]) * 1024)
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def brief_folder(n: int) -> Path:
    folder = DATA / f"brief-{n}"
    if len(list(folder.glob("*.txt"))) != n:
        t0 = time.perf_counter()
        write_brief(folder, n)
        print(f"  wrote {n} articles in {time.perf_counter() - t0:.1f} s", flush=True)
    return folder


def _child(code: str, *args: str, env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
    )
    return out.stdout.split()


def measure_size(n: int, compare_max: int) -> dict[str, float | int]:
    folder = brief_folder(n)
    size = sum(p.stat().st_size for p in folder.glob("*.txt"))
    result: dict[str, float | int] = {"articles": n, "size_mb": size / 1e6}

    t0 = time.perf_counter()
    brief = brieftui.load([folder], cache=False)
    cold = time.perf_counter() - t0
    result.update(passages=brief.passage_count, cold_load_s=cold, cold_mb_s=size / 1e6 / cold)
    print(f"  cold load {cold:.2f} s ({size / 1e6 / cold:.1f} MB/s)", flush=True)

    with tempfile.TemporaryDirectory(prefix="brieftui-bench-data-") as data_dir:
        env = {**os.environ, "BRIEFTUI_DATA_DIR": data_dir}
        env.pop("BRIEFTUI_CACHE_DIR", None)
        os.environ["BRIEFTUI_DATA_DIR"] = data_dir
        t0 = time.perf_counter()
        first = brieftui.load([folder])
        index = first.search_index
        result["first_open_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        _ = brieftui.search.SearchIndex(first.documents)
        result["index_build_s"] = time.perf_counter() - t0
        print(
            f"  first open (load + index + cache write) {result['first_open_s']:.2f} s, "
            f"index build {result['index_build_s']:.2f} s",
            flush=True,
        )
        runs = [_child(_CHILD_CACHED, str(folder), env=env) for _ in range(3)]
        result["cached_load_s"] = statistics.median(float(r[0]) for r in runs)
        result["cached_load_with_index_s"] = statistics.median(float(r[1]) for r in runs)
        assert int(runs[0][3]) == 0, "cached load re-read files"
        print(
            f"  cached load {result['cached_load_s']:.2f} s, with search index "
            f"{result['cached_load_with_index_s']:.2f} s",
            flush=True,
        )

    typing = type_queries(index, repeat=3)
    baseline = rapidfuzz_baseline([ref.passage.text for ref in brief.passages()])
    p95 = _pct(typing["all_ms"], 0.95)
    result.update(
        search_p50_ms=statistics.median(typing["all_ms"]),
        search_p95_ms=p95,
        search_cpu_p95_ms=_pct(typing["cpu_ms"], 0.95),
        baseline_median_ms=statistics.median(baseline),
        search_speedup=statistics.median(baseline) / p95,
    )
    print(
        f"  search p50 {result['search_p50_ms']:.1f} ms, p95 {p95:.1f} ms, baseline "
        f"{result['baseline_median_ms']:.0f} ms ({result['search_speedup']:.0f}x)",
        flush=True,
    )

    if n <= compare_max:
        t0 = time.perf_counter()
        comparer = brief.comparer
        result["compare_build_s"] = time.perf_counter() - t0
        ids = [ref.passage.id for ref in brief.passages()]
        sample = random.Random(7).sample(ids, min(50, len(ids)))
        times = []
        for pid in sample:
            t0 = time.perf_counter()
            comparer.compare(pid)
            times.append((time.perf_counter() - t0) * 1000)
        result["compare_p50_ms"] = statistics.median(times)
        result["compare_p95_ms"] = _pct(times, 0.95)
        t0 = time.perf_counter()
        events = comparer.events()
        result["events_s"] = time.perf_counter() - t0
        result["events"] = len(events)
        print(
            f"  compare build {result['compare_build_s']:.1f} s, p95 {result['compare_p95_ms']:.0f} ms; "
            f"events {result['events_s']:.1f} s ({len(events)} events)",
            flush=True,
        )

    rss = int(_child(_CHILD_RSS, str(folder), env=dict(os.environ))[0])
    result.update(peak_rss_mb=rss / 1e6, rss_ratio=rss / size)
    print(f"  peak RSS {rss / 1e6:.0f} MB = {rss / size:.1f}x the brief", flush=True)
    return result


def verdicts(sizes: list[dict], start: dict) -> list[tuple[str, str, float, str, bool]]:
    rows = []
    for key, (op, target) in TARGETS.items():
        if key == "startup_ratio":
            value, where = start["ratio"], "bundled brief"
        else:
            wanted = TARGET_SIZES.get(key)
            chosen = [s for s in sizes if key in s and (wanted is None or s["articles"] == wanted)]
            if not chosen:
                continue
            value, where = chosen[0][key], f"{chosen[0]['articles']} articles"
        ok = value >= target if op == "≥" else value <= target
        rows.append((key, where, value, f"{op} {target:g}", ok))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument(
        "--compare-max", type=int, default=1000, help="largest size to run compare on"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--startup-runs", type=int, default=7)
    args = parser.parse_args(argv)

    sizes = []
    for n in args.articles:
        print(f"{n} articles", flush=True)
        sizes.append(measure_size(n, args.compare_max))
    print("start to first frame", flush=True)
    start = startup.measure(args.startup_runs)
    print(
        f"  bare Textual {start['bare_s'] * 1000:.0f} ms, brieftui {start['brieftui_s'] * 1000:.0f} ms",
        flush=True,
    )

    columns = [
        ("articles", "{:.0f}"),
        ("size_mb", "{:.1f}"),
        ("passages", "{:.0f}"),
        ("cold_mb_s", "{:.1f}"),
        ("first_open_s", "{:.2f}"),
        ("cached_load_s", "{:.2f}"),
        ("cached_load_with_index_s", "{:.2f}"),
        ("search_p50_ms", "{:.1f}"),
        ("search_p95_ms", "{:.1f}"),
        ("search_speedup", "{:.0f}x"),
        ("compare_p95_ms", "{:.0f}"),
        ("events_s", "{:.1f}"),
        ("peak_rss_mb", "{:.0f}"),
        ("rss_ratio", "{:.1f}x"),
    ]
    print()
    for key, fmt in columns:
        cells = [fmt.format(s[key]) if key in s else "—" for s in sizes]
        print(f"{key:<26}" + "".join(f"{c:>12}" for c in cells))
    print(
        f"{'startup (bare / ours)':<26}{start['bare_s'] * 1000:>11.0f}ms{start['brieftui_s'] * 1000:>10.0f}ms"
        f"  ratio {start['ratio']:.2f}"
    )
    print("\ntargets:")
    rows = verdicts(sizes, start)
    for key, where, value, target, ok in rows:
        print(f"  {'met ' if ok else 'MISS'} {key:<16} {value:10.2f}  {target:<8} ({where})")

    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
        "load_average": os.getloadavg(),
    }
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "brieftui": brieftui.__version__,
        "machine": machine,
        "sizes": sizes,
        "startup": start,
        "targets": [
            {"figure": k, "where": w, "value": v, "target": t, "met": ok} for k, w, v, t, ok in rows
        ],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
