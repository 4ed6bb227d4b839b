"""Finding the files of a brief and decoding them to text.

A brief is any mix of files and folders. Folders are walked recursively in a
stable (sorted) order, symlink loops are caught by remembering resolved
directories, and every problem with one file becomes a one-line
:class:`~brieftui.model.LoadMessage` so that the rest of the brief still loads.
Only a path the user named that does not exist is fatal (:class:`BriefPathError`).

Everything here treats the files and their names as untrusted (see
:mod:`brieftui.safe_text`): a message names a file through ``display_path`` (so a
newline in a name cannot forge a second warning line), decoded text has its escape
sequences and control characters removed before anything else sees it, and a file
is read with a bound: at most ``max_bytes + 1`` bytes, only when ``fstat`` on the
open descriptor says it is a regular, non-sparse file (a FIFO swapped in after
discovery is opened non-blocking and skipped, never waited on).
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from brieftui.ingest.files import MARKDOWN_SUFFIXES, TEXT_SUFFIXES, is_html_name
from brieftui.model import LoadMessage
from brieftui.safe_text import display_path, strip_controls, visible

MAX_FILE_SIZE = 50_000_000
"""The default per-file cap (50 MB): a bigger file is skipped with a message, never read.

A news article is tens of kilobytes; 50 MB is a whole scraped book. The cap bounds the
memory one file can take (about five times its size once parsed)."""

SPARSE_MIN = 1 << 20
"""Files smaller than this are never checked for holes (tiny files may have no blocks)."""


class BriefPathError(Exception):
    """A path the user named does not exist (or cannot be listed at all)."""


def load_message(
    path: str | os.PathLike[str] | bytes, text: str, level: str = "warning"
) -> LoadMessage:
    """A one-line :class:`LoadMessage` about ``path``, safe to print to a terminal.

    The path is shown with :func:`~brieftui.safe_text.display_path` (controls visible,
    bytes that are not UTF-8 as U+FFFD) and the text with ``visible`` (an exception's
    text may quote the raw name), so neither can add a line or act on the terminal.
    """
    return LoadMessage(display_path(path), visible(text), level)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file chosen for the brief, before reading: its path and its stat for cache keys.

    ``relative`` is the file's path relative to the brief's root, with ``/`` between
    parts, whatever spelling named the brief (see :func:`discover`): document ids are
    made from it, so they do not change when the brief is given another way.
    """

    path: Path
    size: int
    mtime_ns: int
    relative: str = ""
    on_disk: int | None = None
    """Bytes the file takes on disk (``st_blocks``), where the system says."""

    @property
    def work_size(self) -> int:
        """The bytes reading it may cost: a sparse file's holes are never read (see
        :func:`read_bounded`), so they must not make a load look big enough for a pool."""
        return self.size if self.on_disk is None else min(self.size, self.on_disk)

    @property
    def is_markdown(self) -> bool:
        return self.path.suffix.lower() in MARKDOWN_SUFFIXES


def discover(
    paths: Iterable[str | bytes | os.PathLike[str]],
) -> tuple[list[SourceFile], list[LoadMessage]]:
    """Expand ``paths`` into the text files of the brief, in a stable order.

    Raises :class:`BriefPathError` for a named path that does not exist; every
    other problem (unreadable folder, symlink loop, non-text file) is a message.

    The brief's root is the folder the user named (for a named file, its folder);
    with several, the deepest folder that holds them all. Each file's ``relative``
    path is taken from that root after resolving it, so ``brieftui brief`` and
    ``brieftui /home/me/brief`` give the same relative paths, hence the same ids.
    """
    found: list[tuple[int, SourceFile]] = []
    anchors: list[Path] = []
    messages: list[LoadMessage] = []
    seen_files: set[str] = set()  # resolved paths, as strings (hashing a Path costs more)
    for raw in paths:
        text = os.fsdecode(raw) if isinstance(raw, bytes) else os.fspath(raw)
        if not text.strip():
            # `brieftui index "$DIR"` with DIR unset read the whole working folder
            raise BriefPathError("an empty path was given (is a variable unset?)")
        path = Path(text).expanduser()
        if not path.exists() and not path.is_symlink():
            raise BriefPathError(f"no such file or folder: {display_path(path)}")
        if path.is_dir():
            anchors.append(_anchor(path))
            found.extend((len(anchors) - 1, f) for f in _walk(path, messages, seen_files))
        elif path.is_file():
            chosen = _choose_file(path, messages, seen_files, named=True, relative=path.name)
            if chosen is not None:
                anchors.append(_anchor(path.parent))
                found.append((len(anchors) - 1, chosen))
        else:
            messages.append(load_message(path, "not a regular file or folder; skipped"))
    return _relative_to_root(found, anchors), messages


def _anchor(folder: Path) -> Path:
    """The folder's absolute, resolved path (as far as it resolves)."""
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(folder))


def _relative_to_root(found: list[tuple[int, SourceFile]], anchors: list[Path]) -> list[SourceFile]:
    """Prefix each file's path within its named folder with that folder's place under the root."""
    if len(set(anchors)) <= 1:
        return [f for _, f in found]
    try:
        root = Path(os.path.commonpath(anchors))
    except ValueError:  # different drives: no common root, the folders' own names then
        prefixes = [a.name for a in anchors]
    else:
        prefixes = [a.relative_to(root).as_posix() for a in anchors]
    out: list[SourceFile] = []
    for index, source in found:
        prefix = prefixes[index]
        if prefix and prefix != ".":
            source = replace(source, relative=f"{prefix}/{source.relative}")
        out.append(source)
    return out


def _choose_file(
    path: Path,
    messages: list[LoadMessage],
    seen: set[str],
    *,
    named: bool = False,
    resolved_dir: str | None = None,
    entry: os.DirEntry[str] | None = None,
    relative: str = "",
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
            load_message(
                path, f"skipped: not a .txt, .md or .html file ({suffix or 'no suffix'})", "note"
            )
        )
        return None
    if resolved_dir is not None and entry is not None and not entry.is_symlink():
        resolved = os.path.join(resolved_dir, entry.name)
    else:
        try:
            resolved = str(path.resolve(strict=True))
        except (OSError, RuntimeError) as exc:
            messages.append(load_message(path, f"cannot resolve path: {_reason(exc)}"))
            return None
    if resolved in seen:
        return None
    seen.add(resolved)
    try:
        st = entry.stat() if entry is not None else path.stat()
    except OSError as exc:
        messages.append(load_message(path, f"cannot read: {_reason(exc)}"))
        return None
    blocks = getattr(st, "st_blocks", None)
    return SourceFile(
        path=path,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
        relative=relative,
        on_disk=None if blocks is None else blocks * 512,
    )


def _walk(root: Path, messages: list[LoadMessage], seen_files: set[str]) -> Iterator[SourceFile]:
    visited_dirs: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            messages.append(load_message(folder, f"cannot open folder: {_reason(exc)}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited_dirs:
            messages.append(load_message(folder, "symlink loop; folder already read, skipped"))
            continue
        visited_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            messages.append(load_message(folder, f"cannot list folder: {_reason(exc)}"))
            continue
        try:
            resolved_dir: str | None = str(folder.resolve(strict=True))
        except (OSError, RuntimeError):
            resolved_dir = None  # resolve each file instead (and report it there)
        subdirs: list[tuple[Path, str]] = []
        child = _child_maker(folder)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_path = child(entry.name)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                messages.append(load_message(entry_path, f"cannot stat: {_reason(exc)}"))
                continue
            if is_dir:
                subdirs.append((entry_path, f"{prefix}{entry.name}/"))
            elif is_file:
                chosen = _choose_file(
                    entry_path,
                    messages,
                    seen_files,
                    resolved_dir=resolved_dir,
                    entry=entry,
                    relative=prefix + entry.name,
                )
                if chosen is not None:
                    yield chosen
            elif entry.is_symlink() and not _exists(entry_path):
                messages.append(load_message(entry_path, "broken or looping symlink; skipped"))
            else:
                kind = _special_kind(entry_path)
                messages.append(load_message(entry_path, f"skipped: {kind}, not a file", "note"))
        # Reverse so the stack pops sub-folders in sorted order (depth first, stable).
        stack.extend(reversed(subdirs))


def _child_maker(folder: Path) -> Callable[[str], Path]:
    """``folder / name`` for names listed in ``folder``, made the cheap way when this
    Python has it (a walk of 10,000 files spent a third of its time parsing each
    file's full path again in ``Path(entry.path)``)."""
    make = getattr(folder, "_make_child_relpath", None)
    if make is not None:
        return make  # type: ignore[no-any-return]
    return folder.joinpath


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, RuntimeError):
        return False


def _special_kind(path: Path) -> str:
    """What a file that is neither a regular file nor a folder is ("a FIFO", "a socket")."""
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError):
        return "not a regular file"
    return _kind_of(mode)


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def human_size(n: int) -> str:
    """``52_400_000`` → ``"52.4 MB"`` (decimal units, as file managers show them)."""
    if n < 1000:
        return f"{n} bytes"
    for unit in ("kB", "MB", "GB", "TB"):
        n_units = n / 1000
        if n_units < 1000 or unit == "TB":
            return f"{n_units:.1f} {unit}".replace(".0 ", " ")
        n = int(n_units)
    return f"{n} bytes"  # pragma: no cover


def parse_size(text: str) -> int:
    """``"50MB"``, ``"200 kB"``, ``"1.5G"``, ``"1000"`` → bytes (for ``--max-file-size``).

    Raises ``ValueError`` for anything else, so a typo is an error, not a silent default.
    """
    units = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9,
             "kib": 1024, "mib": 1024**2, "gib": 1024**3}  # fmt: skip
    cleaned = text.strip().lower().replace(" ", "")
    number = cleaned.rstrip("kmgbi")
    unit = cleaned[len(number) :]
    if unit not in units or not number:
        raise ValueError(f"not a size: {text!r} (try 50MB)")
    try:
        value = float(number) * units[unit]
    except ValueError:
        raise ValueError(f"not a size: {text!r} (try 50MB)") from None
    if not 1 <= value < 2**63:
        raise ValueError(f"size must be at least 1 byte: {text!r}")
    return int(value)


def too_big_message(size: int, max_bytes: int) -> str:
    return (
        f"skipped: {human_size(size)} is over the {human_size(max_bytes)} limit "
        "for one file (--max-file-size)"
    )


def read_bounded(
    path: str | os.PathLike[str], max_bytes: int = MAX_FILE_SIZE
) -> tuple[bytes | None, str | None]:
    """The bytes of the regular file ``path`` (at most ``max_bytes``), or ``(None, why)``.

    Opened non-blocking (a FIFO or device swapped in after discovery must not hang the
    load), then checked with ``fstat`` on the open descriptor, so what is checked is
    what is read: anything but a regular file is skipped, a file over ``max_bytes`` is
    skipped without reading it, and so is a sparse file (a 1 GB file of holes takes no
    disk but would take 1 GB of memory). At most ``max_bytes + 1`` bytes are ever
    read, so a file that grows while it is read is caught too.
    """
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, f"cannot read: {_reason(exc)}"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, f"skipped: {_kind_of(st.st_mode)}, not a regular file"
        if _is_sparse(fd, st):
            return None, (
                f"skipped: sparse file ({human_size(st.st_size)} with almost nothing on disk), "
                "not text"
            )
        if st.st_size > max_bytes:
            return None, too_big_message(st.st_size, max_bytes)
        data = _read_at_most(fd, max_bytes + 1, st.st_size)
    except OSError as exc:
        return None, f"cannot read: {_reason(exc)}"
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew after fstat
        return None, too_big_message(len(data), max_bytes)
    return data, None


def _is_sparse(fd: int, st: os.stat_result) -> bool:
    """Whether the file has holes: far fewer blocks than its size, and a hole before its end.

    Few blocks alone is not enough (a compressing file system stores text in fewer
    blocks than its size); where ``SEEK_HOLE`` exists it says whether there really is
    a hole. Without it, only a file with under an eighth of its size on disk counts.
    """
    blocks = getattr(st, "st_blocks", None)
    if blocks is None or st.st_size < SPARSE_MIN or blocks * 512 >= st.st_size // 2:
        return False
    seek_hole = getattr(os, "SEEK_HOLE", None)
    if seek_hole is not None:
        try:
            hole = os.lseek(fd, 0, seek_hole)
            os.lseek(fd, 0, os.SEEK_SET)
            return hole < st.st_size
        except OSError:
            pass
    return blocks * 512 < st.st_size // 8


def _read_at_most(fd: int, limit: int, size_hint: int) -> bytes:
    """Up to ``limit`` bytes from ``fd``: the size ``fstat`` gave (plus one) in one read,
    then small reads until end of file, in case it grew."""
    parts: list[bytes] = []
    total = 0
    while total < limit:
        want = size_hint + 1 - total if total <= size_hint else 1 << 16
        chunk = os.read(fd, min(limit - total, max(want, 1)))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


FALLBACK_ENCODINGS = ("cp1252", "latin-1")

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes → (text, problem). ``text`` is None when the file must be skipped.

    A byte-order mark says the encoding (UTF-8, UTF-16 or UTF-32: Notepad's
    "Unicode" is UTF-16 with a BOM, full of NUL bytes, so the mark is read before
    the NUL test). Without one, UTF-8 is tried first; anything else falls back to
    cp1252, then latin-1 (which never fails), with a warning. NUL bytes mean a
    binary file. Line ends are normalised to ``\n``, then escape sequences and
    control characters are removed (:func:`~brieftui.safe_text.strip_controls`):
    from here on the text is plain text.
    """
    problem = None
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if encoding == "utf-8":
                data = body
                break
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError:
                text = body.decode(encoding, "replace")
                problem = f"not valid {encoding.upper()[:6]}; some characters replaced"
            if "\x00" in text:
                return None, "binary file (NUL characters after a byte-order mark); skipped"
            break
    if text is None:
        if b"\x00" in data:
            return None, "binary file (contains NUL bytes); skipped"
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
    assert text is not None  # latin-1 decodes anything
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text)
    if not text.strip():
        return None, "empty file; skipped"
    return text, problem


def read_source(
    source: SourceFile, max_bytes: int = MAX_FILE_SIZE
) -> tuple[str | None, list[LoadMessage]]:
    """Read and decode one file. Never raises for a bad file: problems become messages."""
    data, why = read_bounded(source.path, max_bytes)
    if data is None:
        return None, [load_message(source.path, why or "cannot read")]
    text, problem = decode(data)
    messages = [load_message(source.path, problem)] if problem else []
    return text, messages
