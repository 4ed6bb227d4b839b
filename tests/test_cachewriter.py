"""The background cache writer: saves land in order, readers wait for them, and an
idle writer holds no thread."""

from __future__ import annotations

import threading
from pathlib import Path

from brieftui import cache
from brieftui.cache import BriefCache
from brieftui.cachewriter import BackgroundWriter


def test_jobs_run_in_order_in_one_thread_that_ends_when_idle() -> None:
    writer = BackgroundWriter()
    gate = threading.Event()
    seen: list[tuple[int, str]] = []

    def job(k: int):
        def run() -> None:
            if k == 0:
                gate.wait(5)
            seen.append((k, threading.current_thread().name))

        return run

    for k in range(5):
        writer.submit("a" if k % 2 else "b", job(k))
    assert writer.busy
    gate.set()
    assert writer.wait_for(None, timeout=5)
    assert [k for k, _ in seen] == [0, 1, 2, 3, 4]
    assert {name for _, name in seen} == {"brieftui-cache-writer"}
    assert not writer.busy
    assert writer._thread is None  # no thread left waiting for work


def test_wait_for_one_key_does_not_wait_for_another() -> None:
    writer = BackgroundWriter()
    gate = threading.Event()
    writer.submit("slow", lambda: gate.wait(5))
    assert writer.wait_for("other", timeout=0.01)
    assert not writer.wait_for("slow", timeout=0.05)
    gate.set()
    assert writer.wait_for("slow", timeout=5)


def test_a_failing_job_is_counted_and_the_next_still_runs() -> None:
    writer = BackgroundWriter()
    done: list[str] = []

    def fail() -> None:
        raise OSError("disk full")

    writer.submit("k", fail)
    writer.submit("k", lambda: done.append("next"))
    assert writer.wait_for("k", timeout=5)
    assert writer.failures == 1
    assert done == ["next"]


def test_a_job_may_wait_for_its_own_key_without_deadlock() -> None:
    writer = BackgroundWriter()
    answers: list[bool] = []
    writer.submit("k", lambda: answers.append(writer.wait_for("k", timeout=1)))
    assert writer.wait_for("k", timeout=5)
    assert answers == [True]


def test_a_reader_sees_the_save_asked_for_last(tmp_path: Path, monkeypatch) -> None:
    """``load_index`` right after ``save_index_soon`` reads the new state, even from
    another cache object of the same brief, and two saves of one file land in order."""
    monkeypatch.setenv("BRIEFTUI_DATA_DIR", str(tmp_path))
    gate = threading.Event()
    cache._WRITER.submit("hold", lambda: gate.wait(5))  # the saves queue behind this
    first = BriefCache("k1", root=tmp_path)
    first.save_index_soon("comparer", "d", {"n": 1})
    first.save_index_soon("comparer", "d", {"n": 2})
    assert not (first.folder / "comparer.bin").exists()  # still queued
    gate.set()
    again = BriefCache("k1", root=tmp_path)
    assert again.load_index("comparer", "d") == {"n": 2}
    assert cache.wait_for_writes(timeout=5)


def test_a_direct_save_lands_after_a_pending_one(tmp_path: Path) -> None:
    gate = threading.Event()
    cache._WRITER.submit("hold", lambda: gate.wait(5))
    brief_cache = BriefCache("k2", root=tmp_path)
    brief_cache.save_index_soon("search", "d", {"n": 1})
    threading.Timer(0.05, gate.set).start()
    assert brief_cache.save_index("search", "d", {"n": 2})
    assert cache.wait_for_writes(timeout=5)
    assert brief_cache.load_index("search", "d") == {"n": 2}


def test_stale_temp_files_of_unfinished_writes_are_removed_on_open(
    tmp_path: Path, monkeypatch
) -> None:
    """A build quit half-way leaves a cache write's temp file: the next open removes it
    when it is old, and leaves a fresh one (a write still running elsewhere) alone."""
    import os
    import time

    monkeypatch.setenv("BRIEFTUI_CACHE_DIR", str(tmp_path))
    folder = BriefCache("k3").folder
    assert folder.is_relative_to(tmp_path)
    folder.mkdir(parents=True)
    old = folder / ".docs.bin.abc123"
    fresh = folder / ".compare-index.bin.def456"
    kept = folder / "notes.txt"
    for path in (old, fresh, kept):
        path.write_bytes(b"x" * 10)
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(kept, (hour_ago, hour_ago))
    assert BriefCache.open("k3").folder == folder
    assert not old.exists() and fresh.exists() and kept.exists()
