"""The comparer's cache form: plain data only, and a round trip that answers the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import gold as gold_mod
import pytest

import brieftui
from brieftui.cache import documents_digest
from brieftui.compare import Comparer, events

PLAIN_LEAVES = (type(None), bool, int, float, str, bytes)


def plain_data_problems(value: object, path: str = "state") -> list[str]:
    """Where ``value`` holds anything but None/bool/int/float/str/bytes in tuples, lists and
    dicts with string keys (no class instances, no sets, no functions)."""
    if type(value) in PLAIN_LEAVES:
        return []
    if type(value) in (list, tuple):
        return [p for i, v in enumerate(value) for p in plain_data_problems(v, f"{path}[{i}]")]
    if type(value) is dict:
        problems = []
        for k, v in value.items():
            if type(k) is not str:
                problems.append(f"{path}: key {k!r} is a {type(k).__name__}")
            problems += plain_data_problems(v, f"{path}[{k!r}]")
        return problems
    return [f"{path} is a {type(value).__name__}"]


def test_the_checker_catches_what_is_not_plain() -> None:
    assert plain_data_problems({"a": [1, 2.5, None, True, b"x", ("s",)]}) == []
    bad = {"set": {1}, 2: "int key", "f": len, "obj": Comparer}
    assert len(plain_data_problems(bad)) == 4


def _everything(comparer: Comparer, brief) -> list:
    """Every answer the comparer gives on a brief, as comparable values."""
    pids = [ref.passage.id for ref in brief.passages()]
    answers: list = [comparer.compare(pid) for pid in pids]
    answers.append(comparer.compare_text("Oval Office meeting"))
    answers += [comparer.score(a, b) for a, b in zip(pids, reversed(pids), strict=True)]
    answers.append(comparer.events())
    return answers


@pytest.mark.parametrize("name", ["seeds", "second_brief", "fourth_brief"])
def test_a_round_trip_through_the_cache_state_answers_the_same(name: str) -> None:
    _gold, brief = gold_mod.load_gold(name)
    built = Comparer(brief.documents)
    fresh_state = built.cache_state()  # before events: they are computed after the trip
    expected = _everything(built, brief)
    assert plain_data_problems(fresh_state) == []
    again = Comparer.from_cache_state(fresh_state, brief.documents)
    assert _everything(again, brief) == expected


def test_computed_events_travel_in_the_state(seeds_gold, monkeypatch) -> None:
    _gold, brief = seeds_gold
    built = Comparer(brief.documents)
    expected = built.events()
    state = built.cache_state()
    assert plain_data_problems(state) == []
    assert state["events"]

    def must_not_run(*args, **kwargs):
        raise AssertionError("events were computed again")

    monkeypatch.setattr(events, "detect_events", must_not_run)
    monkeypatch.setattr("brieftui.compare.comparer.detect_events", must_not_run)
    assert Comparer.from_cache_state(state, brief.documents).events() == expected


def test_a_state_for_other_documents_is_refused(seeds_gold, second_gold) -> None:
    _gold, seeds = seeds_gold
    _gold, second = second_gold
    state = Comparer(seeds.documents).cache_state()
    with pytest.raises(ValueError):
        Comparer.from_cache_state(state, second.documents)
    with pytest.raises(ValueError):
        Comparer.from_cache_state(
            {**state, "index": {**state["index"], "version": 0}}, seeds.documents
        )


def test_the_brief_caches_the_comparer_as_plain_data(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "brief"
    shutil.copytree(seeds_dir, folder)
    first = brieftui.load([folder])
    anchor = next(first.passages()).passage.id
    expected = (first.compare(anchor), first.events())
    digest = documents_digest(first.documents)
    cached = first._cache.load_index("comparer", digest)
    assert cached is not None and plain_data_problems(cached) == []
    assert cached["events"]  # events() wrote the comparer back with its events
    again = brieftui.load([folder])
    assert (again.compare(anchor), again.events()) == expected
    assert again._comparer is not None and again._comparer._events is not None


def test_events_from_the_cache_are_not_written_back(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing the comparer again each session cost 1.5 s at 10,000 articles for nothing."""
    folder = tmp_path / "brief"
    shutil.copytree(seeds_dir, folder)
    brieftui.load([folder]).events()  # computed and written
    again = brieftui.load([folder])
    writes: list[str] = []
    monkeypatch.setattr(type(again), "save_comparer", lambda self: writes.append("comparer"))
    assert again.events()
    assert writes == []


def test_events_asked_twice_at_once_are_computed_one_at_a_time(
    seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compare's worker and the Events screen may both ask on a big uncached brief: the
    second waits for the first's answer instead of computing alongside it."""
    import threading

    brief = brieftui.load([seeds_dir], cache=False)
    comparer_type = type(brief.comparer)
    real = comparer_type.events
    active, peak = [0], [0]
    started = threading.Event()

    def slow_events(self, progress=None):
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        started.set()
        threading.Event().wait(0.3)  # the other thread asks meanwhile
        try:
            return real(self, progress=progress)
        finally:
            active[0] -= 1

    monkeypatch.setattr(comparer_type, "events", slow_events)
    answers: list[object] = []
    first = threading.Thread(target=lambda: answers.append(brief.events()))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: answers.append(brief.events()))
    second.start()
    first.join(30)
    second.join(30)
    assert len(answers) == 2 and answers[0] == answers[1]
    assert peak[0] == 1


def test_a_damaged_cached_state_is_rebuilt(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "brief"
    shutil.copytree(seeds_dir, folder)
    first = brieftui.load([folder])
    anchor = next(first.passages()).passage.id
    expected = first.compare(anchor)
    first._cache.save_index("comparer", documents_digest(first.documents), {"threshold": 0.16})
    assert brieftui.load([folder]).compare(anchor) == expected


def test_stories_and_events_come_back_without_the_index(tmp_path: Path, seeds_dir: Path) -> None:
    """The index is cached apart ("compare-index") and read back only for a compare."""
    folder = tmp_path / "brief"
    shutil.copytree(seeds_dir, folder)
    first = brieftui.load([folder])
    anchor = next(first.passages()).passage.id
    expected = (first.stories(), first.events(), first.compare(anchor))
    digest = documents_digest(first.documents)
    small = first._cache.load_index("comparer", digest)
    assert small is not None and small["index"] is None and small["stories"] is not None
    index_state = first._cache.load_index("compare-index", digest)
    assert index_state is not None and plain_data_problems(index_state) == []
    again = brieftui.load([folder])
    comparer = again.comparer
    assert not comparer.index_loaded
    assert (again.stories(), again.events()) == expected[:2]
    assert not comparer.index_loaded
    assert again.compare(anchor) == expected[2]
    assert comparer.index_loaded


def test_a_missing_cached_index_is_built_again(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "brief"
    shutil.copytree(seeds_dir, folder)
    first = brieftui.load([folder])
    anchor = next(first.passages()).passage.id
    expected = first.compare(anchor)
    first._cache.save_index("compare-index", documents_digest(first.documents), {"version": 0})
    assert brieftui.load([folder]).compare(anchor) == expected
