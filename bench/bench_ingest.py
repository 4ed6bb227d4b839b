"""Cold ingest speed: read + clean + section a synthetic 40 MB brief via ``brieftui.load``.

Run ``python bench/bench_ingest.py [MB]``. The brief is generated once into
``bench/.data/`` (git-ignored) by :func:`synth.write_brief`; each run then times
``brieftui.load`` (no cache involved) and prints MB/s. Target: ≥ 20 MB/s.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_brief

import brieftui

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
    best = best_cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        brief = brieftui.load([out], cache=False)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    mb = size / 1e6
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{len(brief.documents)} documents, {brief.passage_count} passages, {mb:.1f} MB: "
        f"best of 3 {best:.2f} s wall = {mb / best:.1f} MB/s cold parse (read+clean+section); "
        f"CPU {best_cpu:.2f} s = {mb / best_cpu:.1f} MB/s; load average {load1:.1f} "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
