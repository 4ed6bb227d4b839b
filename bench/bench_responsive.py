"""Does the reader stay responsive while big work runs? Keys pressed during index builds.

    python bench/bench_responsive.py --articles 10000          # search index build
    python bench/bench_responsive.py --articles 10000 --in-process   # the same, in a thread

The brief is loaded first (no cache, so nothing comes from disk later), then the app
is started on it headless (Pilot, 120×36). Opening the brief starts the search index
build in a worker (the app's ``_warm_search_index``); while it runs, ``j`` and ``k``
are pressed alternately every ``--gap`` seconds, each a Key event posted to the app and
timed until the reading screen's move has run (the wait for the event loop, Textual's
key dispatch, the move). The same number of presses is then timed with nothing
running, as a baseline.

``--in-process`` builds the index in a thread of the app's process instead of a
worker process (what a small brief does), to show what the worker buys.

When the brief has stories (issue 14: ``brief.stories()``), ``--stories`` presses keys
while stories, the alignment index and events build instead; until then it says so.
Target: a keystroke handled within 50 ms (p95) while the index builds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import brieftui  # noqa: E402
from bench.synth import write_brief  # noqa: E402

TARGET_MS = 50.0


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


def _summary(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {"presses": 0}
    return {
        "presses": len(ms),
        "p50_ms": statistics.median(ms),
        "p95_ms": _pct(ms, 0.95),
        "max_ms": max(ms),
    }


async def _press_during(brief, busy, gap: float, limit: int, size=(120, 36)) -> dict:  # type: ignore[no-untyped-def]
    """Run the app on ``brief``; press j/k while ``busy()`` says the work runs, then as many
    again with nothing running. ``busy`` is polled between presses.

    A press is a Key event posted to the app; it counts as handled when the reading
    screen's ``action_move`` (what j and k do) has returned: the wait for the event
    loop, Textual's key dispatch and the move itself.
    """
    from textual import events

    from brieftui.app import make_app
    from brieftui.app.reading.screen import MainScreen

    handled: list[float] = []
    original = MainScreen.action_move

    def timed_move(self, direction: int) -> None:  # type: ignore[no-untyped-def]
        original(self, direction)
        handled.append(time.perf_counter())

    MainScreen.action_move = timed_move  # type: ignore[method-assign]
    app = make_app(brief=brief)
    during: list[float] = []
    after: list[float] = []

    async def press(key: str, into: list[float]) -> None:
        count = len(handled)
        t0 = time.perf_counter()
        app.post_message(events.Key(key, key))
        while len(handled) == count:
            await asyncio.sleep(0.001)
        into.append((handled[-1] - t0) * 1000)
        if os.environ.get("BENCH_TRACE"):
            print(f"  {t0 - started:7.3f} s {key} {into[-1]:8.1f} ms busy={busy()}", flush=True)

    started = time.perf_counter()
    try:
        async with app.run_test(size=size) as pilot:
            while app.screen.query("Reader").first().document is None:  # the brief is shown
                await asyncio.sleep(0.01)
            await pilot.pause()  # and the screen has caught up with showing it
            keys = ("j", "k")
            n = 0
            while busy() and n < limit:
                await press(keys[n % 2], during)
                n += 1
                await asyncio.sleep(gap)
            work_s = time.perf_counter() - started
            while busy():  # the press limit was reached: let the work finish
                await asyncio.sleep(0.05)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            for i in range(max(len(during), 20)):
                await press(keys[i % 2], after)
                await asyncio.sleep(gap)
    finally:
        MainScreen.action_move = original  # type: ignore[method-assign]
    return {"work_s": work_s, "during": _summary(during), "idle": _summary(after)}


def measure(
    folder: Path, *, in_process: bool = False, gap: float = 0.05, limit: int = 400
) -> dict[str, object]:
    """Keys timed while the search index builds for the brief in ``folder``."""
    from brieftui import brief_indexes

    brief = brieftui.load([folder], cache=False)
    if in_process:
        brief_indexes.SEARCH_IN_PROCESS_MIN = 10**12
    try:
        result = asyncio.run(_press_during(brief, lambda: brief._search is None, gap, limit))
    finally:
        brief_indexes.SEARCH_IN_PROCESS_MIN = 20_000
    return {
        "work": "search index build" + (" (thread)" if in_process else " (worker process)"),
        "passages": brief.passage_count,
        # a failed worker means the index was built in the app's process: say so
        "search_worker_error": brief.search_worker_error,
        **result,
    }


def measure_stories(folder: Path, gap: float = 0.05, limit: int = 2000) -> dict[str, object]:
    """The hook for issue 14: keys timed while stories, alignment and events build."""
    brief = brieftui.load([folder], cache=False)
    if not hasattr(brief, "stories"):
        return {"work": "stories, alignment, events", "skipped": "brief.stories() not there yet"}
    done = {"flag": False}

    async def run() -> dict:  # type: ignore[type-arg]
        loop = asyncio.get_running_loop()

        def build() -> None:
            brief.stories()
            brief.events()
            done["flag"] = True

        future = loop.run_in_executor(None, build)
        result = await _press_during(brief, lambda: not done["flag"], gap, limit)
        await future
        return result

    return {"work": "stories, alignment, events", **asyncio.run(run())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--data", type=Path, help="the brief's folder (default bench/.data)")
    parser.add_argument("--in-process", action="store_true", help="build in a thread")
    parser.add_argument("--stories", action="store_true", help="during stories/events (issue 14)")
    parser.add_argument("--gap", type=float, default=0.05, help="seconds between presses")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    folder = args.data or ROOT / "bench" / ".data" / f"brief-{args.articles}"
    if len(list(folder.glob("*.txt"))) != args.articles:
        write_brief(folder, args.articles)
    c0 = time.process_time()
    if args.stories:
        r = measure_stories(folder, args.gap)
    else:
        r = measure(folder, in_process=args.in_process, gap=args.gap)
    r["cpu_s"] = time.process_time() - c0
    r["load_average"] = os.getloadavg()
    print(json.dumps(r, indent=2))
    during = r.get("during")
    if isinstance(during, dict) and during.get("presses"):
        ok = during["p95_ms"] <= TARGET_MS
        print(
            f"{'met' if ok else 'MISSED'}: p95 {during['p95_ms']:.1f} ms during the build (target ≤ {TARGET_MS:g})"
        )
    if args.json:
        args.json.write_text(json.dumps(r, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
