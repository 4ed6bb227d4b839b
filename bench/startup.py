"""Start to first frame: brieftui on the bundled brief beside a bare Textual app.

Each measurement is a fresh Python process (imports included, as a user sees it) that
runs the app headless. When its first frame is on screen (``on_ready``) the child
prints the wall-clock time and its own CPU time, then exits; the figure is that time
less the moment the parent started it, so the exit (and whatever the app starts after
its first frame) is not counted, for either app. The CPU time at the first frame is
reported too: on a machine shared with other work it moves much less than wall time.
The bare app is Header + Static + Footer. Run: ``python bench/startup.py [--runs N]``.

Both apps run from compiled bytecode, as an installed package does (pip compiles it at
install): brieftui's ``.pyc`` files are written first (``compileall``), so a checkout
run with ``PYTHONDONTWRITEBYTECODE`` does not make brieftui compile its sources on
every start while Textual, from site-packages, loads its bytecode.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "brieftui"

BARE = """
import os, time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_ready(self):  # textual.events.Ready: the first frame has been displayed
        print(time.time(), time.process_time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(120, 36))
"""

BRIEFTUI = """
import os, time
from brieftui.app import make_app

app = make_app()


class FirstFrame(type(app)):
    def on_ready(self):  # textual.events.Ready: the first frame has been displayed
        print(time.time(), time.process_time(), flush=True)
        self.exit()


app.__class__ = FirstFrame
app.run(headless=True, size=(120, 36))
"""


def time_process(code: str) -> tuple[float, float]:
    """(seconds from starting the process to its first frame, CPU seconds it used by then)."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60
    )
    ready, cpu = (float(x) for x in out.stdout.split()[-2:])
    return ready - start, cpu


def measure(runs: int = 7) -> dict[str, float]:
    """Medians for both apps, interleaved so load noise hits both."""
    if SRC.is_dir():
        compileall.compile_dir(SRC, quiet=1)
    time_process(BARE)  # warm the OS file cache for both
    time_process(BRIEFTUI)
    bare: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    for _ in range(runs):
        bare.append(time_process(BARE))
        ours.append(time_process(BRIEFTUI))
    b = statistics.median(t for t, _ in bare)
    o = statistics.median(t for t, _ in ours)
    b_cpu = statistics.median(c for _, c in bare)
    o_cpu = statistics.median(c for _, c in ours)
    return {
        "bare_s": b,
        "brieftui_s": o,
        "ratio": o / b,
        "bare_cpu_s": b_cpu,
        "brieftui_cpu_s": o_cpu,
        "cpu_ratio": o_cpu / b_cpu,
        "runs": runs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    r = measure(args.runs)
    print(
        f"start to first frame (median of {r['runs']}): bare Textual {r['bare_s'] * 1000:.0f} ms, "
        f"brieftui {r['brieftui_s'] * 1000:.0f} ms, ratio {r['ratio']:.2f} (target <= 1.25); "
        f"CPU {r['bare_cpu_s'] * 1000:.0f} / {r['brieftui_cpu_s'] * 1000:.0f} ms, "
        f"ratio {r['cpu_ratio']:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
