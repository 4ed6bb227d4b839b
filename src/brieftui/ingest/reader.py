"""Finding the files of a brief and decoding them to text.

A brief is any mix of files and folders. Folders are walked recursively in a
stable (sorted) order, symlink loops are caught by remembering resolved
directories, and every problem with one file becomes a one-line
:class:`~brieftui.model.LoadMessage` so that the rest of the brief still loads.
Only a path the user named that does not exist is fatal (:class:`BriefPathError`).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from brieftui.ingest.files import MARKDOWN_SUFFIXES, TEXT_SUFFIXES, is_html_name
from brieftui.model import LoadMessage


class BriefPathError(Exception):
    """A path the user named does not exist (or cannot be listed at all)."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file chosen for the brief, before reading: its path and its stat for cache keys."""

    path: Path
    size: int
    mtime_ns: int

    @property
    def is_markdown(self) -> bool:
        return self.path.suffix.lower() in MARKDOWN_SUFFIXES


def _stat_source(path: Path) -> SourceFile:
    st = path.stat()
    return SourceFile(path=path, size=st.st_size, mtime_ns=st.st_mtime_ns)


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[SourceFile], list[LoadMessage]]:
    """Expand ``paths`` into the text files of the brief, in a stable order.

    Raises :class:`BriefPathError` for a named path that does not exist; every
    other problem (unreadable folder, symlink loop, non-text file) is a message.
    """
    files: list[SourceFile] = []
    messages: list[LoadMessage] = []
    seen_files: set[str] = set()  # resolved paths, as strings (hashing a Path costs more)
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists() and not path.is_symlink():
            raise BriefPathError(f"no such file or folder: {raw}")
        if path.is_dir():
            files.extend(_walk(path, messages, seen_files))
        elif path.is_file():
            chosen = _choose_file(path, messages, seen_files, named=True)
            if chosen is not None:
                files.append(chosen)
        else:
            messages.append(LoadMessage(str(path), "not a regular file or folder; skipped"))
    return files, messages


def _choose_file(
    path: Path,
    messages: list[LoadMessage],
    seen: set[str],
    *,
    named: bool = False,
    resolved_dir: str | None = None,
    entry: os.DirEntry[str] | None = None,
) -> SourceFile | None:
    """``path`` as a source file, or None (with a message when it is skipped).

    ``resolved_dir`` is the resolved folder of a walked, non-symlink ``entry``: its
    resolved path is then that folder plus its name, without a ``resolve`` per file.
    """
    suffix = path.suffix
    if (
        suffix.lower() not in TEXT_SUFFIXES
        and not is_html_name(path.name)
        and not (named and suffix == "")
    ):
        messages.append(
            LoadMessage(
                str(path),
                f"skipped: not a .txt, .md or .html file ({suffix or 'no suffix'})",
                "note",
            )
        )
        return None
    if resolved_dir is not None and entry is not None and not entry.is_symlink():
        resolved = os.path.join(resolved_dir, entry.name)
    else:
        try:
            resolved = str(path.resolve(strict=True))
        except (OSError, RuntimeError) as exc:
            messages.append(LoadMessage(str(path), f"cannot resolve path: {_reason(exc)}"))
            return None
    if resolved in seen:
        return None
    seen.add(resolved)
    try:
        st = entry.stat() if entry is not None else path.stat()
    except OSError as exc:
        messages.append(LoadMessage(str(path), f"cannot read: {_reason(exc)}"))
        return None
    return SourceFile(path=path, size=st.st_size, mtime_ns=st.st_mtime_ns)


def _walk(root: Path, messages: list[LoadMessage], seen_files: set[str]) -> Iterator[SourceFile]:
    visited_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            messages.append(LoadMessage(str(folder), f"cannot open folder: {_reason(exc)}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited_dirs:
            messages.append(LoadMessage(str(folder), "symlink loop; folder already read, skipped"))
            continue
        visited_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            messages.append(LoadMessage(str(folder), f"cannot list folder: {_reason(exc)}"))
            continue
        try:
            resolved_dir: str | None = str(folder.resolve(strict=True))
        except (OSError, RuntimeError):
            resolved_dir = None  # resolve each file instead (and report it there)
        subdirs: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                messages.append(LoadMessage(str(entry_path), f"cannot stat: {_reason(exc)}"))
                continue
            if is_dir:
                subdirs.append(entry_path)
            elif is_file:
                chosen = _choose_file(
                    entry_path, messages, seen_files, resolved_dir=resolved_dir, entry=entry
                )
                if chosen is not None:
                    yield chosen
            elif entry.is_symlink():
                messages.append(LoadMessage(str(entry_path), "broken or looping symlink; skipped"))
        # Reverse so the stack pops sub-folders in sorted order (depth first, stable).
        stack.extend(reversed(subdirs))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes → (text, problem). ``text`` is None when the file must be skipped.

    UTF-8 (with or without BOM) is tried first; anything else falls back to
    cp1252, then latin-1 (which never fails), with a warning. NUL bytes mean a
    binary file. Line ends are normalised to ``\\n``.
    """
    if b"\x00" in data:
        return None, "binary file (contains NUL bytes); skipped"
    problem = None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        for encoding in FALLBACK_ENCODINGS:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            problem = f"not valid UTF-8; read as {encoding}"
            break
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, "empty file; skipped"
    return text, problem


def read_source(source: SourceFile) -> tuple[str | None, list[LoadMessage]]:
    """Read and decode one file. Never raises for a bad file: problems become messages."""
    path = str(source.path)
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        return None, [LoadMessage(path, f"cannot read: {_reason(exc)}")]
    text, problem = decode(data)
    messages = [LoadMessage(path, problem)] if problem else []
    return text, messages
