"""The framing of a cache file: header, checksum and sized parts, read and written whole.

Why apart from :mod:`brieftui.cache`: that module says what is cached; this one how a
file holds it, so that both stay small. A file is::

    brieftui-cache 3\n  <code version>\n  CRC-32  <meta size> <meta>
    <structure size> <structure>  <heap size> <heap>  <bulk>

``meta`` is a :mod:`brieftui.datacodec` value (decoded here, not plain: it holds file
paths and load messages); ``structure`` and ``heap`` are the text part, a datacodec
value decoded by the caller with ``plain=True`` once ``meta`` says the file is the one
it wants; ``bulk`` is the rest of the file, raw: the documents' passages, one block per
document, each with its own CRC-32 (checked when the block is first used, see
:mod:`brieftui.lazydocs`). The file's CRC covers every part but the bulk, so opening a
cached brief never checksums 96 MB of text it may not show.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from brieftui import __version__
from brieftui.datacodec import CodecError, loads, loads_parts
from brieftui.fileio import write_atomically

MAGIC = b"brieftui-cache 3\n"
_CHECK_SIZE = 4
_SIZE_BYTES = 8
MAX_FILE_BYTES = 1 << 31
"""A cache file larger than this is ignored unread (10,000 articles make about 100 MB)."""


FINGERPRINT_SKIPS = frozenset({"app"})
"""Top-level folders of the package left out of the code fingerprint: the UI never
changes what is cached, and hashing it would throw the cache away on every UI edit."""


def fingerprint_sources(package: Path) -> list[Path]:
    """Every ``.py`` and ``.json`` (rule weights) under ``package`` (any depth) outside
    :data:`FINGERPRINT_SKIPS`, sorted.

    Any depth, because a stage of a sub-package (``compare/names.py``) changes what
    a cached index holds as much as a top-level module does: a glob of the top level
    and ``ingest/`` once missed ``compare/*.py`` and would have served stale indexes.
    """
    return sorted(
        path
        for pattern in ("*.py", "*.json")
        for path in package.rglob(pattern)
        if path.relative_to(package).parts[0] not in FINGERPRINT_SKIPS
    )


def _code_fingerprint(package: Path | None = None) -> str:
    """The version plus a hash of the core's source, so a changed parser never reads stale parses.

    A release bump alone is not enough: a development install changes its rules
    without changing its version. Reading ~40 small files costs a few milliseconds.
    """
    if package is None:
        package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for source in fingerprint_sources(package):
        try:
            name = source.relative_to(package).as_posix()
            h.update(name.encode() + b"\0" + source.read_bytes())
        except OSError:
            continue
    return f"{__version__}+{h.hexdigest()[:12]}"


CODE_VERSION = _code_fingerprint()


def _header() -> bytes:
    return MAGIC + CODE_VERSION.encode("utf-8") + b"\n"


def _check(*parts: bytes) -> bytes:
    """A CRC-32 of ``parts`` joined: it catches damage (a torn or flipped file), not
    tampering, which no checksum kept beside the data can; the strict decoder is the
    defence."""
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return crc.to_bytes(_CHECK_SIZE, "little")


_TextPart = tuple[bytes, bytes]  # the text part's structure and its string heap


def _read_sized(handle: Any, limit: int) -> bytes | None:
    """A 64-bit size, then that many bytes (None when the file is shorter or the size absurd)."""
    head = handle.read(_SIZE_BYTES)
    if len(head) != _SIZE_BYTES:
        return None
    size = int.from_bytes(head, "little")
    if size > limit:
        return None
    data = handle.read(size)
    return data if len(data) == size else None


class FileBulk:
    """The bulk part of an open cache file, read a block at a time (``bulk[a:b]``) with
    ``os.pread``: a cached brief's 96 MB of passages are neither read nor held in memory
    at opening, only the blocks used. The file stays open (and the same file, even if
    it is replaced or removed meanwhile) until every document has been decoded.

    A block that cannot be read whole (the file was truncated in place) comes back
    short, and fails its checksum like any damage."""

    def __init__(self, fd: int, offset: int, size: int) -> None:
        self._fd = fd
        self._offset = offset
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, part: slice) -> bytes:
        start, stop, _ = part.indices(self._size)
        if stop <= start:
            return b""
        return os.pread(self._fd, stop - start, self._offset + start)

    def __del__(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


Bulk = bytes | FileBulk


def _read_checked(path: Path, *, open_bulk: bool = False) -> tuple[Any, _TextPart, Bulk] | None:
    """The decoded ``meta`` part of a cache file, its raw ``text`` part and its ``bulk``
    part, or None.

    None when the file is missing, too large, damaged, foreign, or from another
    version of brieftui. The text part is decoded by the caller (with ``plain=True``)
    only once the meta part says the file is the one it wants. Each part is read as
    its own buffer, so the string heap is never copied. The file's checksum covers
    every part but the bulk, whose blocks carry their own (checked when a block is
    first used: see :mod:`brieftui.lazydocs`). With ``open_bulk`` (and ``os.pread``)
    the bulk is a :class:`FileBulk` over the open file, else it is read as bytes.
    """
    header = _header()
    open_bulk = open_bulk and hasattr(os, "pread")
    try:
        with path.open("rb") as handle:
            if handle.read(len(header)) != header:
                return None
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                return None
            digest = handle.read(_CHECK_SIZE)
            meta = _read_sized(handle, size)
            structure = _read_sized(handle, size) if meta is not None else None
            heap = _read_sized(handle, size) if structure is not None else None
            if heap is None:
                return None
            at = handle.tell()
            bulk: Bulk
            if open_bulk:
                bulk = FileBulk(os.dup(handle.fileno()), at, max(0, size - at))
            else:
                # read(n), not read(): reading to the end grows a buffer step by step
                # (twice the time for a bulk of 90 MB)
                bulk = handle.read(max(0, size - at))
                if handle.read(1):  # the file grew while being read: not the file we sized
                    return None
    except OSError:
        return None
    if meta is None or structure is None:
        return None
    sizes = [len(part).to_bytes(_SIZE_BYTES, "little") for part in (meta, structure, heap)]
    if _check(sizes[0], meta, sizes[1], structure, sizes[2], heap) != digest:
        return None
    try:
        decoded = loads(meta)
    except CodecError:
        return None
    return decoded, (structure, heap), bulk


def _write_checked(path: Path, meta: bytes, text: bytes, bulk: Iterable[bytes] = ()) -> bool:
    """Write atomically (temp file, then rename). False when the cache cannot be written.

    ``text`` is :func:`~brieftui.datacodec.dumps` output: its structure's size, the
    structure and the string heap, which :func:`_read_checked` reads as two buffers;
    ``bulk`` is written after them as it is (blocks that carry their own checksums)."""
    structure_size = int.from_bytes(text[:_SIZE_BYTES], "little")
    structure = text[: _SIZE_BYTES + structure_size]
    heap = text[_SIZE_BYTES + structure_size :]
    sized = (
        len(meta).to_bytes(_SIZE_BYTES, "little"),
        meta,
        structure,
        len(heap).to_bytes(_SIZE_BYTES, "little"),
        heap,
    )
    blob = b"".join((_header(), _check(*sized), *sized, *bulk))
    try:
        write_atomically(path, blob, durable=False)
    except OSError:
        return False
    return True


def _loads_text(text: _TextPart) -> Any | None:
    try:
        return loads_parts(*text, plain=True)
    except CodecError:
        return None
