"""Quitting never waits for a build still running.

A thread worker's call runs in a daemon thread the app's shutdown does not join
(:mod:`brieftui.app.daemonthreads`), and worker processes still running are stopped
(:func:`brieftui.workers.abandon_all`); before, ``q`` during a big brief's builds
left the terminal blank for up to 35 s.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref

import pytest

from brieftui import workers
from brieftui.app import make_app
from brieftui.app.daemonthreads import DaemonThreadExecutor

from ..conftest import SEEDS_DIR


def test_a_call_runs_in_a_daemon_thread_and_gives_its_result() -> None:
    executor = DaemonThreadExecutor()
    seen: list[bool] = []

    def work(x: int) -> int:
        seen.append(threading.current_thread().daemon)
        return x * 2

    assert executor.submit(work, 21).result(timeout=5) == 42
    assert seen == [True]


def test_an_error_reaches_whoever_awaits_it() -> None:
    def fail() -> None:
        raise ValueError("bad input")

    future = DaemonThreadExecutor().submit(fail)
    with pytest.raises(ValueError, match="bad input"):
        future.result(timeout=5)


def test_shutdown_does_not_wait_for_a_running_call() -> None:
    executor = DaemonThreadExecutor()
    release = threading.Event()
    future = executor.submit(release.wait, 10)
    started = time.monotonic()
    executor.shutdown(wait=True)
    assert time.monotonic() - started < 1
    assert not future.done()
    release.set()
    assert future.result(timeout=5) is True


async def test_the_command_line_app_detaches_its_thread_workers() -> None:
    """The flag the command line sets makes the loop's executor the daemon one."""
    app = make_app([str(SEEDS_DIR)])
    app.detach_on_exit = True
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(asyncio.get_running_loop()._default_executor, DaemonThreadExecutor)
        worker = app.run_worker(lambda: threading.current_thread().daemon, thread=True)
        assert await worker.wait() is True  # a thread worker runs in a daemon thread


async def test_by_default_the_app_keeps_textuals_executor() -> None:
    plain = make_app([str(SEEDS_DIR)])
    async with plain.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not isinstance(asyncio.get_running_loop()._default_executor, DaemonThreadExecutor)


def test_abandon_all_stops_running_worker_processes(monkeypatch) -> None:
    monkeypatch.setattr(workers, "_closing", False)
    monkeypatch.setattr(workers, "_live_pools", weakref.WeakSet())
    pool = workers.make_executor(1)
    future = pool.submit(time.sleep, 60)
    deadline = time.monotonic() + 20
    while not future.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    processes = list(pool._processes.values())
    assert processes and all(p.is_alive() for p in processes)
    started = time.monotonic()
    assert workers.abandon_all() == 1
    for process in processes:
        process.join(timeout=10)
        assert not process.is_alive()
    assert time.monotonic() - started < 10
    with pytest.raises(RuntimeError, match="quitting"):
        workers.make_executor(1)  # no new ones: the work falls back to its thread
    assert workers.spare_worker() is None


async def test_a_note_store_call_finishes_even_when_the_app_quits() -> None:
    """Store calls (saving a note) run in a thread Python waits for at exit, even in the
    detached app whose other thread workers are daemons."""
    from brieftui.app.notes.runner import _finished_even_at_exit

    app = make_app([str(SEEDS_DIR)])
    app.detach_on_exit = True
    seen: list[bool] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        done = asyncio.Event()
        app.store_runner.run(
            "save the note",
            lambda: seen.append(threading.current_thread().daemon) or "saved",
            lambda _result: done.set(),
        )
        await asyncio.wait_for(done.wait(), 10)
    assert seen == [False]
    with pytest.raises(ValueError, match="disk"):
        _finished_even_at_exit(lambda: (_ for _ in ()).throw(ValueError("disk full")))


async def test_q_quits_while_events_are_still_found() -> None:
    """From a new-user trial: ``e`` on a big brief, then ``q`` within two seconds did
    nothing (the hidden source filter had focus and took the letter)."""
    from textual.widgets import Input

    from brieftui.app.events.screen import EventsScreen

    release = threading.Event()
    app = make_app([str(SEEDS_DIR)])
    app.detach_on_exit = True
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(100):
            await pilot.pause()
            if app.brief is not None:
                break
        brief = app.brief
        original = brief.events
        brief.events = lambda progress=None: (release.wait(10), original(progress=progress))[1]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        assert not isinstance(app.focused, Input)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    release.set()
