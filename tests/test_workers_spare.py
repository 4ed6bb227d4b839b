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


class _Recorder:
    """An executor that records what it was sent, in order."""

    def __init__(self, log: list) -> None:
        self.log = log
        self.shut = False

    def submit(self, fn, *args):
        self.log.append(("sent", args[0]))
        return None

    def shutdown(self, **_k) -> None:
        self.shut = True


def test_map_sends_each_chunk_as_soon_as_it_is_made() -> None:
    """A generator's chunks are sent one by one as made: the worker starts on the first
    while the caller makes the next (not after all of them are made)."""
    log: list = []

    def chunks():
        for i in range(3):
            log.append(("made", i))
            yield i

    assert workers.SpareWorker(_Recorder(log)).map(str, chunks()) is not None
    assert log == [("made", 0), ("sent", 0), ("made", 1), ("sent", 1), ("made", 2), ("sent", 2)]


def test_map_gives_up_when_a_chunk_cannot_be_made() -> None:
    log: list = []
    executor = _Recorder(log)

    def chunks():
        yield 1
        raise ValueError("a job could not be made")

    assert workers.SpareWorker(executor).map(str, chunks()) is None
    assert executor.shut
