"""Start to first frame: brieftui on the bundled brief beside a bare Textual app.

Each measurement is a fresh Python process (imports included, as a user sees it)
that runs the app headless and exits right after its first refresh. The bare app
is Header + Static + Footer. Run: ``python bench/startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_ready(self):  # textual.events.Ready: the first frame has been displayed
        self.exit()

Bare().run(headless=True, size=(120, 36))
"""

BRIEFTUI = """
from brieftui.app import make_app

app = make_app()


class FirstFrame(type(app)):
    def on_ready(self):  # textual.events.Ready: the first frame has been displayed
        self.exit()


app.__class__ = FirstFrame
app.run(headless=True, size=(120, 36))
"""


def time_process(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)
    return time.perf_counter() - start


def measure(runs: int = 7) -> dict[str, float]:
    """Median seconds to first frame for both apps, interleaved so load noise hits both."""
    time_process(BARE)  # warm the OS file cache for both
    time_process(BRIEFTUI)
    bare: list[float] = []
    ours: list[float] = []
    for _ in range(runs):
        bare.append(time_process(BARE))
        ours.append(time_process(BRIEFTUI))
    b, o = statistics.median(bare), statistics.median(ours)
    return {"bare_s": b, "brieftui_s": o, "ratio": o / b, "runs": runs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    result = measure(args.runs)
    print(
        f"start to first frame (median of {result['runs']}): bare Textual {result['bare_s'] * 1000:.0f} ms, "
        f"brieftui {result['brieftui_s'] * 1000:.0f} ms, ratio {result['ratio']:.2f} (target <= 1.5)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
