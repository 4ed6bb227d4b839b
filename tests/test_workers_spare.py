"""A spare core's worker: asked for only when other work leaves a core idle now."""

from __future__ import annotations

from brieftui import workers


def test_others_idle_reads_the_cores_left_idle(monkeypatch) -> None:
    ticks = iter([(100, 1000), (150, 1100)])  # half the ticks busy over the window
    monkeypatch.setattr(workers, "_cpu_ticks", lambda: next(ticks))
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    assert workers.others_idle(window=0) == 1.0


def test_others_idle_falls_back_to_the_load_average(monkeypatch) -> None:
    monkeypatch.setattr(workers, "_cpu_ticks", lambda: None)
    monkeypatch.setattr(workers, "idle_cores", lambda: 0.25)
    assert workers.others_idle(window=0) == 1.25


def test_no_spare_worker_when_other_work_holds_the_cores(monkeypatch) -> None:
    started: list[int] = []
    monkeypatch.setattr(workers, "others_idle", lambda: 1.0)  # another process busy
    monkeypatch.setattr(workers, "make_executor", lambda *_a, **_k: started.append(1))
    assert workers.spare_worker() is None
    assert workers.offload(int) is None
    assert started == []


def test_cpu_ticks_read_proc_stat_or_nothing() -> None:
    got = workers._cpu_ticks()
    assert got is None or (0 <= got[0] <= got[1])
