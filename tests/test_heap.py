"""heap.held: glibc keeps freed memory and NumPy stops asking for huge pages while a
build runs, and both come back as they were when the last (nested) use ends."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import numpy as np
import pytest

from brieftui import heap


class FakeLibc:
    """Records the allocator calls instead of making them."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int | None]] = []

    def mallopt(self, param: int, value: int) -> int:
        self.calls.append(("mallopt", param, value))
        return 1

    def malloc_trim(self, pad: int) -> int:
        self.calls.append(("malloc_trim", pad, None))
        return 1


@pytest.fixture
def fake_libc(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLibc]:
    libc = FakeLibc()
    monkeypatch.setattr(heap, "_libc", libc)
    monkeypatch.setattr(heap, "_libc_looked", True)
    monkeypatch.setattr(heap, "_depth", 0)
    monkeypatch.setattr(heap, "_hugepage_was", None)
    monkeypatch.setattr(heap, "_linger", None)
    monkeypatch.setattr(heap, "LINGER_SECONDS", 0)  # released at once, unless a test lingers
    hugepage = np._core.multiarray._get_madvise_hugepage()
    yield libc
    np._core.multiarray._set_madvise_hugepage(hugepage)


def _hugepage() -> bool:
    return bool(np._core.multiarray._get_madvise_hugepage())


def test_held_turns_mmap_and_trimming_off_then_restores_and_trims(fake_libc: FakeLibc) -> None:
    with heap.held():
        assert fake_libc.calls == [
            ("mallopt", heap.M_MMAP_MAX, 0),
            ("mallopt", heap.M_TRIM_THRESHOLD, heap.HELD_TRIM_THRESHOLD),
        ]
    assert fake_libc.calls[2:] == [
        ("mallopt", heap.M_MMAP_MAX, heap.DEFAULT_MMAP_MAX),
        ("mallopt", heap.M_TRIM_THRESHOLD, heap.DEFAULT_TRIM_THRESHOLD),
        ("malloc_trim", 0, None),
    ]


def test_nested_uses_release_once_at_the_last_end(fake_libc: FakeLibc) -> None:
    with heap.held():
        with heap.held():
            pass
        assert [c[0] for c in fake_libc.calls] == ["mallopt", "mallopt"]  # still held
    assert [c[0] for c in fake_libc.calls].count("malloc_trim") == 1


def test_a_build_in_another_thread_holds_too(fake_libc: FakeLibc) -> None:
    """The app builds in a thread beside its reader: the settings are the process's,
    held while that build runs and given back after it, as in the main thread."""
    seen: list[object] = []

    def app_build() -> None:
        with heap.held():
            seen.append(_hugepage())
            seen.append([c[0] for c in fake_libc.calls])

    thread = threading.Thread(target=app_build)
    thread.start()
    thread.join()
    assert seen == [False, ["mallopt", "mallopt"]]
    assert fake_libc.calls[-1] == ("malloc_trim", 0, None) and heap._depth == 0


def test_numpy_huge_pages_off_while_held_and_as_before_after(fake_libc: FakeLibc) -> None:
    for before in (True, False):
        np._core.multiarray._set_madvise_hugepage(before)
        with heap.held():
            assert _hugepage() is False
        assert _hugepage() is before


def test_released_even_when_the_build_fails(fake_libc: FakeLibc) -> None:
    with pytest.raises(RuntimeError), heap.held():
        raise RuntimeError("the build failed")
    assert fake_libc.calls[-1] == ("malloc_trim", 0, None)
    assert heap._depth == 0


def test_no_glibc_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_libc", None)
    monkeypatch.setattr(heap, "_libc_looked", True)
    with heap.held():
        big = np.ones(1_000_000)
    assert big.sum() == 1_000_000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_the_real_allocator_survives_a_held_build() -> None:
    """On this machine's C library (glibc or not): arrays made and freed while held,
    then after, are whole (the settings were accepted or ignored, never broke malloc)."""
    with heap.held():
        arrays = [np.arange(2_000_000) for _ in range(4)]
        del arrays[::2]
        more = np.arange(5_000_000)
    after = np.arange(3_000_000)
    assert int(more[-1]) == 4_999_999 and int(after.sum()) == 3_000_000 * 2_999_999 // 2


def test_hold_for_good_never_releases(fake_libc: FakeLibc) -> None:
    heap.hold_for_good()
    with heap.held():
        pass
    assert [c[0] for c in fake_libc.calls] == ["mallopt", "mallopt"]


def test_a_stage_that_follows_within_the_linger_keeps_the_heap_held(
    fake_libc: FakeLibc, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(heap, "LINGER_SECONDS", 0.2)
    with heap.held():  # the index
        pass
    first_timer = heap._linger
    assert first_timer is not None
    with heap.held():  # stories, at once: no second hold, the pending release cancelled
        pass
    assert [c[0] for c in fake_libc.calls] == ["mallopt", "mallopt"]
    first_timer.join()
    assert [c[0] for c in fake_libc.calls] == ["mallopt", "mallopt"]  # cancelled: still held
    last_timer = heap._linger
    assert last_timer is not None and last_timer is not first_timer
    last_timer.join()
    assert [c[0] for c in fake_libc.calls][-1] == "malloc_trim"  # then given back, once
    assert [c[0] for c in fake_libc.calls].count("malloc_trim") == 1
    assert heap._linger is None
