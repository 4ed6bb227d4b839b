"""Loading in a process pool gives exactly what a sequential load gives (issue 6: cold load speed)."""

from __future__ import annotations

import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

import brieftui
from brieftui import workers
from brieftui.brief import Brief, LoadCancelled
from brieftui.ingest import parallel
from brieftui.search import build as search_build

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synth import write_brief

N_ARTICLES = 240


@pytest.fixture(scope="module")
def brief_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_brief(tmp_path_factory.mktemp("synth"), N_ARTICLES, seed=7)
    (root / "0003-binary.txt").write_bytes(b"Headline\n\nsome\x00binary\x00bytes\n")
    (root / "0005-latin.txt").write_bytes(
        "Caf\xe9 Talks Resume\n\nThe caf\xe9 owners met on Monday.\n".encode("latin-1")
    )
    (root / "0007-undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d \xff\xfe broken\n")
    (root / "0009-empty.txt").write_bytes(b"")
    (root / "0011-crlf.txt").write_bytes(b"A Title Line\r\n\r\nBody text here.\r\nmore of it.\r\n")
    # Same name in two folders: ids differ by folder ("aaa-dup", "zsub/aaa-dup"); the first
    # is empty, so it produces no document.
    (root / "aaa-dup.txt").write_bytes(b"   \n")
    sub = root / "zsub"
    sub.mkdir()
    (sub / "aaa-dup.txt").write_text("Second Copy Headline\n\nA paragraph of the copy.\n")
    (root / "notes.pdf").write_bytes(b"%PDF")
    return root


def _force_parallel(monkeypatch: pytest.MonkeyPatch, chunk_files: int = 16) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "MIN_IDLE_CORES", -1e9)  # whatever else the machine runs
    monkeypatch.setattr(parallel, "CHUNK_FILES", chunk_files)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)


def _force_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 10**9)
    monkeypatch.setattr(parallel, "MIN_BYTES", 10**15)


@pytest.fixture(scope="module")
def sequential(brief_dir: Path) -> Brief:
    with pytest.MonkeyPatch.context() as mp:
        _force_sequential(mp)
        return brieftui.load([brief_dir], cache=False)


def _same(a: Brief, b: Brief) -> None:
    assert a.documents == b.documents
    assert a.messages == b.messages


def test_parallel_equals_sequential(
    brief_dir: Path, sequential: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    _force_parallel(monkeypatch)
    pools: list[Any] = []
    real = workers.make_executor

    def spy(count: int, preload: Any = ()) -> Any:
        pools.append(count)
        return real(count, preload)

    monkeypatch.setattr(workers, "make_executor", spy)
    calls: list[tuple[int, int]] = []
    brief = brieftui.load([brief_dir], cache=False, progress=lambda d, t: calls.append((d, t)))
    assert pools, "the pool was not used"
    _same(brief, sequential)
    total = calls[-1][1]
    assert calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    ids = [d.id for d in brief.documents]
    assert len(ids) == len(set(ids))
    assert "zsub/aaa-dup" in ids  # the empty root file keeps "aaa-dup" (no document)
    names = {Path(m.path).name for m in brief.messages}
    assert {"0003-binary.txt", "0005-latin.txt", "0007-undecodable.txt", "0009-empty.txt"} <= names


def test_parallel_with_cache_then_cached_load(
    brief_dir: Path, sequential: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    _force_parallel(monkeypatch, chunk_files=64)
    first = brieftui.load([brief_dir])
    second = brieftui.load([brief_dir])
    _same(first, sequential)
    _same(second, sequential)


def test_cancel_stops_promptly(brief_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _force_parallel(monkeypatch, chunk_files=8)
    seen: list[int] = []
    start = time.perf_counter()
    with pytest.raises(LoadCancelled):
        brieftui.load(
            [brief_dir],
            cache=False,
            progress=lambda d, t: seen.append(d),
            cancelled=lambda: bool(seen),
        )
    assert time.perf_counter() - start < 10
    assert seen and seen[-1] < N_ARTICLES


def test_pool_that_cannot_start_falls_back(
    brief_dir: Path, sequential: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    _force_parallel(monkeypatch)

    def broken(count: int, preload: Any = ()) -> Any:
        raise OSError("cannot start processes")

    monkeypatch.setattr(workers, "make_executor", broken)
    calls: list[tuple[int, int]] = []
    brief = brieftui.load([brief_dir], cache=False, progress=lambda d, t: calls.append((d, t)))
    _same(brief, sequential)
    assert calls[-1][0] == calls[-1][1]


class _DyingPool:
    """Answers the first two chunks, then behaves like a pool whose worker was killed."""

    def __init__(self) -> None:
        self.n = 0

    def submit(self, fn: Any, chunk: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.n += 1
        if self.n <= 2:
            future.set_result(fn(chunk))
        else:
            future.set_exception(BrokenProcessPool("a worker died"))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass


def test_worker_that_dies_falls_back(
    brief_dir: Path, sequential: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    _force_parallel(monkeypatch)
    monkeypatch.setattr(workers, "make_executor", lambda count, preload=(): _DyingPool())
    _same(brieftui.load([brief_dir], cache=False), sequential)
    assert parallel.last_stats["fallback_chunks"] > 0


def test_small_loads_stay_sequential(seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(count: int, preload: Any = ()) -> Any:
        raise AssertionError("a pool for five files")

    monkeypatch.setattr(workers, "make_executor", no_pool)
    assert len(brieftui.load([seeds_dir], cache=False).documents) == 5


def test_pool_only_for_big_loads_with_a_free_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert parallel.worth_it(5000, 40_000_000)
    assert not parallel.worth_it(50, 400_000)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (3.5, 3.0, 2.0))
    assert not parallel.worth_it(5000, 40_000_000)  # both cores busy: a pool only adds work
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 1)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not parallel.worth_it(5000, 40_000_000)


def test_chunks_keep_order_and_bounds() -> None:
    jobs = [(f"f{i}", 30_000, 0, f"d{i}", False, 50_000_000) for i in range(250)]
    chunks = parallel.chunk_jobs(jobs)
    assert [j for c in chunks for j in c] == jobs
    assert all(len(c) <= parallel.CHUNK_FILES for c in chunks)
    assert all(sum(j[1] for j in c) < parallel.CHUNK_BYTES + 30_000 for c in chunks)


def test_trailing_prompt_prefilter_never_misses_a_line() -> None:
    """The one-pass pre-filter of clean() finds every line split_trailing_prompt would split."""
    import random

    from brieftui.ingest import boilerplate as bp

    rng = random.Random(5)
    pieces = [
        "The talks ended.",
        "Follow us on Twitter",
        "JOIN OUR Telegram channel",
        "click HERE",
        "like us on Facebook",
        "Sign up for our newsletter!",
        "İ",
        "\u212a",
        "word",
        "“Quote.”",
        "subscribe to our feed",
        " ",
        "…",
        "fOlLoW uS on Bluesky.",
    ]
    for _ in range(300):
        lines = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
            for _ in range(rng.randint(1, 8))
        ]
        lines = [line.replace("\n", " ") for line in lines]
        candidates = bp.trailing_prompt_lines(lines)
        split = {i for i, line in enumerate(lines) if bp.split_trailing_prompt(line) is not None}
        if candidates is not None:
            assert split <= candidates, lines


def test_engagement_gate_equals_str_lower() -> None:
    import random

    from brieftui.ingest import boilerplate as bp
    from brieftui.ingest.prompts import _ENGAGEMENT_GATE  # the gate's home since the split

    rng = random.Random(9)
    pieces = [
        "SHARE",
        "Subscri",
        "İ",
        "SUBSCR",
        "\u212a",
        "li",
        "e",
        "Think",
        "ſhare",
        "talks",
        " ",
    ]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        assert bp.may_engage(text) == (_ENGAGEMENT_GATE.search(text.lower()) is not None), text


def test_search_index_built_in_a_worker_is_the_same(
    sequential: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brieftui import brief_indexes
    from brieftui.search import SearchIndex

    monkeypatch.setattr(brief_indexes, "SEARCH_IN_PROCESS_MIN", 1)
    chunks: list[Any] = []
    real = workers.stream_to_worker

    def spy(begin: Any, feed: Any, rows: Any, finish: Any, **kwargs: Any) -> Any:
        def seen() -> Any:
            for chunk in rows:
                chunks.append(chunk)
                yield chunk

        return real(begin, feed, seen(), finish, **kwargs, in_flight=1)

    monkeypatch.setattr(workers, "stream_to_worker", spy)
    monkeypatch.setattr(search_build, "ROWS_PER_CHUNK", 2)  # several chunks, fed in order
    fresh = Brief(sequential.documents, sequential.messages, sequential.sources)
    built = fresh.search_index
    assert len(chunks) > 1, "the worker was not fed in chunks"
    reference = SearchIndex(sequential.documents)
    assert built.__getstate__() == reference.__getstate__()
    assert built.search("summit talks") == reference.search("summit talks")


def test_search_index_falls_back_when_the_worker_fails(
    sequential: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brieftui import brief_indexes
    from brieftui.search import SearchIndex

    monkeypatch.setattr(brief_indexes, "SEARCH_IN_PROCESS_MIN", 1)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("no processes")

    monkeypatch.setattr(workers, "stream_to_worker", broken)
    fresh = Brief(sequential.documents, sequential.messages, sequential.sources)
    assert fresh.search_worker_error is None
    assert fresh.search_index.__getstate__() == SearchIndex(sequential.documents).__getstate__()
    assert fresh.search_worker_error == "OSError: no processes"  # said, not swallowed
