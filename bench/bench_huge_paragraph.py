"""One huge paragraph: a file that is one line of N MB (issue 11, item 7).

Run ``python bench/bench_huge_paragraph.py [MB ...]`` (default 2 and 21). For each size
a fresh process writes ``bench/.data/huge-<MB>/huge.txt`` (a headline and one line of
prose sentences), imports brieftui, then times ``brieftui.load`` (no cache) and reports
the wall time, the peak of Python allocations during the load (``tracemalloc``, in a
second load so imports are not counted) and the process's peak RSS. ``--src DIR``
loads brieftui from another source tree (to measure a before/after).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / ".data"

CHILD = r"""
import json, resource, sys, time, tracemalloc
if len(sys.argv) > 2:
    sys.path.insert(0, sys.argv[2])
import brieftui
folder = sys.argv[1]
start = time.perf_counter()
brief = brieftui.load([folder], cache=False)
elapsed = time.perf_counter() - start
passages = sum(d.passage_count for d in brief.documents)
del brief
tracemalloc.start()
brieftui.load([folder], cache=False)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "peak": peak, "rss": rss, "passages": passages}))
"""


def write(mb: float) -> Path:
    folder = DATA / f"huge-{mb:g}"
    path = folder / "huge.txt"
    size = int(mb * 1_000_000)
    if not path.exists() or path.stat().st_size < size:
        folder.mkdir(parents=True, exist_ok=True)
        (DATA / ".gitignore").write_text("*\n")
        sentence = (
            "The alliance met again on Tuesday and agreed on nothing at all, said officials. "
        )
        line = (sentence * (size // len(sentence) + 1))[:size]
        path.write_text("A Very Long Paragraph\n\n" + line + "\n")
    return folder


def main() -> None:
    args = sys.argv[1:]
    src: list[str] = []
    if "--src" in args:
        at = args.index("--src")
        src = [args[at + 1]]
        del args[at : at + 2]
    sizes = [float(a) for a in args] or [2.0, 21.0]
    for mb in sizes:
        folder = write(mb)
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder), *src],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout)
        size = (folder / "huge.txt").stat().st_size
        print(
            f"{size / 1e6:.1f} MB one-line paragraph: load {r['seconds']:.2f} s, "
            f"peak allocations {r['peak'] / 1e6:.0f} MB ({r['peak'] / size:.1f}x the file), "
            f"peak RSS {r['rss'] / 1e6:.0f} MB, {r['passages']} passage(s)"
        )


if __name__ == "__main__":
    main()
