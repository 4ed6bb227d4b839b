"""Cold ingest speed: read + clean + section a synthetic 40 MB brief via ``brieftui.load``.

Run ``python bench/bench_ingest.py [MB]``. The brief is generated once into
``bench/.data/`` (git-ignored) by :func:`synth.write_brief`; each run then times
``brieftui.load`` (no cache involved), sequentially and with the process pool, and
prints MB/s of wall time and of CPU time summed over all processes (the machine may be
shared: the CPU figure is the steadier one). Target: ≥ 20 MB/s wall.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_brief

import brieftui
from brieftui.ingest import parallel

DATA = Path(__file__).resolve().parent / ".data"
BYTES_PER_ARTICLE = 8_000


def main() -> None:
    target_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 40.0
    n = int(target_mb * 1e6 / BYTES_PER_ARTICLE)
    out = DATA / f"synth-{n}"
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / ".gitignore").write_text("*\n")  # generated data never goes into git
    if not (out / ".done").exists():
        write_brief(out, n)
        (out / ".done").write_text("ok")
    size = sum(p.stat().st_size for p in out.glob("*.txt"))
    mb = size / 1e6
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{mb:.1f} MB in {n} files; load average {load1:.1f} on {os.cpu_count()} cores")
    # "auto" is what brieftui.load does: the pool only when a core is idle.
    for mode in ("sequential", "pool", "auto"):
        best = best_cpu = float("inf")
        for _ in range(3):
            saved = parallel.MIN_FILES, parallel.MIN_BYTES, parallel.MIN_IDLE_CORES
            if mode == "sequential":
                parallel.MIN_FILES = parallel.MIN_BYTES = 10**15
            elif mode == "pool":
                parallel.MIN_IDLE_CORES = -float("inf")
            parallel.last_stats.clear()
            try:
                start, start_cpu = time.perf_counter(), time.process_time()
                brief = brieftui.load([out], cache=False)
                wall = time.perf_counter() - start
                cpu = time.process_time() - start_cpu
            finally:
                parallel.MIN_FILES, parallel.MIN_BYTES, parallel.MIN_IDLE_CORES = saved
            # The parent's process_time leaves out its workers: add what they report.
            cpu += parallel.last_stats.get("worker_cpu", 0.0)
            best = min(best, wall)
            best_cpu = min(best_cpu, cpu)
        load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"{mode:>10}: {len(brief.documents)} documents, {brief.passage_count} passages: "
            f"best of 3 {best:.2f} s wall = {mb / best:.1f} MB/s cold parse "
            f"(read+clean+section); CPU (all processes) {best_cpu:.2f} s = "
            f"{mb / best_cpu:.1f} MB/s; load average {load1:.1f}"
        )


if __name__ == "__main__":
    main()
