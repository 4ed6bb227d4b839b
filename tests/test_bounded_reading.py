"""Bounded reading (issue 11, item 7): a size cap, special and sparse files detected by
``fstat`` after a non-blocking open, at most cap + 1 bytes ever read, and a huge
one-line paragraph parsed in linear time."""

from __future__ import annotations

import os
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import brieftui
from brieftui.ingest import reader
from brieftui.ingest.reader import human_size, parse_size, read_bounded

ARTICLE = (
    "A Clear Headline About the Summit\n\n"
    "Leaders met in Brussels on Tuesday to discuss defence spending. "
    "They agreed to meet again in June.\n"
)


class _CountingRead:
    """Counts the bytes ``os.read`` returns (to prove what was never read)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.total = 0
        real = os.read

        def read(fd: int, n: int) -> bytes:
            data = real(fd, n)
            self.total += len(data)
            return data

        monkeypatch.setattr(os, "read", read)


def _message(brief: brieftui.Brief, name: str) -> str:
    found = [m for m in brief.messages if Path(m.path).name == name]
    assert len(found) == 1, brief.messages
    assert "\n" not in str(found[0])
    return found[0].message


def test_a_file_over_the_cap_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE)
    (tmp_path / "big.txt").write_text(ARTICLE + "x" * 5000)
    counter = _CountingRead(monkeypatch)
    brief = brieftui.load([tmp_path], cache=False, max_file_size=1000)
    assert [d.id for d in brief.documents] == ["ok"]
    message = _message(brief, "big.txt")
    assert message == "skipped: 5.1 kB is over the 1 kB limit for one file (--max-file-size)"
    assert counter.total == len(ARTICLE)  # only ok.txt was read
    # The same file under a bigger cap loads (a skip is not cached as the file's result).
    assert len(brieftui.load([tmp_path], max_file_size=1000).documents) == 1
    assert len(brieftui.load([tmp_path], max_file_size=10_000).documents) == 2
    assert len(brieftui.load([tmp_path], max_file_size=1000).documents) == 1


def test_the_default_cap_is_fifty_megabytes() -> None:
    assert reader.MAX_FILE_SIZE == 50_000_000
    assert brieftui.load.__kwdefaults__["max_file_size"] == 50_000_000


def test_a_file_that_grows_past_the_cap_is_read_only_to_cap_plus_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100_000)
    real_fstat = os.fstat

    def fstat(fd: int) -> Any:  # the size fstat saw before the file grew
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(os, "fstat", fstat)
    counter = _CountingRead(monkeypatch)
    data, why = read_bounded(path, 1000)
    assert data is None and why is not None and "over the 1 kB limit" in why
    assert counter.total == 1001


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_skipped_never_waited_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "pipe.txt")
    brief = brieftui.load([tmp_path], cache=False)
    assert [d.id for d in brief.documents] == ["ok"]
    assert "FIFO" in _message(brief, "pipe.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_swapped_in_during_loading_does_not_hang(tmp_path: Path) -> None:
    """Discovery saw a regular file; by the time it is read it is a FIFO with no writer.
    A blocking open would wait forever: the load runs in a thread so a hang fails."""
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE)

    def progress(done: int, total: int) -> None:
        if done == 1:
            (tmp_path / "b.txt").unlink()
            os.mkfifo(tmp_path / "b.txt")

    result: list[brieftui.Brief] = []
    worker = threading.Thread(
        target=lambda: result.append(brieftui.load([tmp_path], cache=False, progress=progress)),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "loading hung on a FIFO"
    (brief,) = result
    assert [d.id for d in brief.documents] == ["a", "c"]
    assert "FIFO" in _message(brief, "b.txt")


def test_a_device_behind_a_text_name_is_skipped(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "ok.txt").write_text(ARTICLE)
    brief = brieftui.load([tmp_path], cache=False)
    assert [d.id for d in brief.documents] == ["ok"]
    assert "character device" in _message(brief, "zero.txt")
    data, why = read_bounded(Path("/dev/zero"))  # and if it is opened after all
    assert data is None and why is not None and "character device" in why


def test_a_sparse_file_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(1_000_000_000)  # 1 GB of holes
    st = sparse.stat()
    if st.st_blocks * 512 >= st.st_size // 2:
        pytest.skip("this file system does not make sparse files")
    (tmp_path / "ok.txt").write_text(ARTICLE)
    counter = _CountingRead(monkeypatch)
    brief = brieftui.load([tmp_path], cache=False, max_file_size=2_000_000_000)
    assert [d.id for d in brief.documents] == ["ok"]
    assert "sparse" in _message(brief, "sparse.txt")
    assert counter.total == len(ARTICLE)


def test_a_sparse_file_over_the_cap_says_sparse(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(1_000_000_000)
    st = sparse.stat()
    if st.st_blocks * 512 >= st.st_size // 2:
        pytest.skip("this file system does not make sparse files")
    data, why = read_bounded(sparse)
    assert data is None and why is not None and "sparse" in why and "1 GB" in why


def test_a_dense_file_is_not_sparse(tmp_path: Path) -> None:
    dense = tmp_path / "dense.txt"
    dense.write_bytes(b"word " * 600_000)  # 3 MB on disk
    data, why = read_bounded(dense)
    assert why is None and data is not None and len(data) == 3_000_000


def test_sizes_are_parsed_and_shown() -> None:
    assert parse_size("50MB") == parse_size("50 mb") == parse_size("50M") == 50_000_000
    assert parse_size("1.5G") == 1_500_000_000
    assert parse_size("200kB") == 200_000
    assert parse_size("1MiB") == 1_048_576
    assert parse_size("1000") == 1000
    for bad in ("", "MB", "fifty", "-5MB", "0", "1XB", "nan", "inf"):
        with pytest.raises(ValueError):
            parse_size(bad)
    assert human_size(999) == "999 bytes"
    assert human_size(50_000_000) == "50 MB"
    assert human_size(52_428_800) == "52.4 MB"
    assert human_size(2_000_000_000) == "2 GB"


def test_a_huge_one_line_paragraph_parses_in_linear_time(tmp_path: Path) -> None:
    """2 MB in one line (one paragraph): a generous bound that only quadratic work breaks
    (measured: about 0.2 s; the bench figure for 21 MB is in the README), and memory
    within a few times the file size."""
    sentence = "The alliance met again on Tuesday and agreed on nothing at all, said officials. "
    line = (sentence * (2_000_000 // len(sentence) + 1))[:2_000_000]
    (tmp_path / "huge.txt").write_text("A Very Long Paragraph\n\n" + line + "\n")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        brief = brieftui.load([tmp_path], cache=False)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    (doc,) = brief.documents
    assert sum(len(p.text) for p in doc.passages()) >= 1_999_000
    assert elapsed < 10
    assert peak < 8 * 2_000_000
