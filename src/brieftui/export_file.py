"""Writing an export without ever destroying anything: the one check the CLI and the app use.

``brieftui notes export -o FILE`` and the app's ``x`` both call :func:`write_export`.
It refuses, with an :class:`ExportTargetError` saying why in one line:

* **an existing file**, unless ``force`` (the CLI's ``--force``; the app asks first).
  Without ``force`` the file is created with a hard link that fails if anything
  appeared there meanwhile, so there is no race between the check and the write;
* **the notes store and its ``-wal``, ``-shm`` and ``-journal`` files**, even with
  ``force``, however they are named: the resolved path (through any symlinks) and the
  file's identity (device and inode, so a hard link counts too) are compared;
* **a symbolic link**, unless ``force``: a link is never replaced by a regular file.
  With ``force`` the file it points to is replaced and the link kept (decided so
  that a vault linked into another folder can be refreshed on purpose);
* **a folder or a special file** (FIFO, device, socket), even with ``force``
  (standard output is ``-o -``, handled by the CLI before this is called);
* **a missing folder**: nothing is created but the file itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from brieftui.fileio import write_atomically
from brieftui.paths import notes_db_path
from brieftui.safe_text import display_path

__all__ = ["ExportTargetError", "check_export_target", "protected_paths", "write_export"]

STORE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


class ExportTargetError(Exception):
    """The export target was refused; ``str(e)`` is one line. ``reason`` is one of
    ``exists``, ``symlink``, ``protected``, ``not_a_file``, ``no_folder``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def protected_paths(store: Path | None = None) -> list[Path]:
    """The files an export may never replace: the notes store and its side files."""
    base = store if store is not None else notes_db_path()
    return [base.with_name(base.name + suffix) for suffix in STORE_SIDE_FILES]


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def check_export_target(
    target: Path, *, force: bool = False, protected: Iterable[Path] | None = None
) -> Path:
    """The path to write the export of ``target`` to, or :class:`ExportTargetError`.

    The returned path is ``target`` itself, or, for a symbolic link with ``force``,
    the file it points to.
    """
    target = Path(os.path.abspath(target))
    shown = display_path(target)
    real = os.path.realpath(target)
    guarded = list(protected) if protected is not None else protected_paths()
    guarded_real = {os.path.realpath(p) for p in guarded}
    guarded_ids = {i for i in map(_identity, map(str, guarded)) if i is not None}
    identity = _identity(str(target))
    if real in guarded_real or (identity is not None and identity in guarded_ids):
        raise ExportTargetError(
            "protected", f"cannot export to {shown}: it is the notes store itself"
        )
    try:
        link = os.lstat(target)
    except FileNotFoundError:
        link = None
    except OSError as exc:
        raise ExportTargetError("no_folder", f"cannot write {shown}: {exc.strerror}") from None
    where = Path(real) if link is not None and stat.S_ISLNK(link.st_mode) else target
    if not where.parent.is_dir():
        raise ExportTargetError(
            "no_folder", f"cannot write {shown}: no folder {display_path(where.parent)}"
        )
    if link is None:
        return target
    if stat.S_ISLNK(link.st_mode):
        if not force:
            raise ExportTargetError(
                "symlink",
                f"{shown} is a symbolic link to {display_path(real)}; not replaced "
                "(--force writes through it, keeping the link)",
            )
        try:
            pointed = os.stat(real).st_mode
        except FileNotFoundError:
            return where
        except OSError as exc:
            raise ExportTargetError("no_folder", f"cannot write {shown}: {exc.strerror}") from None
        if not stat.S_ISREG(pointed):
            raise ExportTargetError(
                "not_a_file", f"cannot export to {shown}: it links to something not a file"
            )
        return where
    if stat.S_ISDIR(link.st_mode):
        raise ExportTargetError("not_a_file", f"cannot export to {shown}: it is a folder")
    if not stat.S_ISREG(link.st_mode):
        raise ExportTargetError(
            "not_a_file",
            f"cannot export to {shown}: not a regular file (use -o - for standard output)",
        )
    if not force:
        raise ExportTargetError(
            "exists", f"{shown} already exists; not replaced (--force replaces it)"
        )
    return target


def write_export(
    target: Path,
    text: str,
    *,
    force: bool = False,
    make_folder: bool = False,
    protected: Iterable[Path] | None = None,
) -> Path:
    """Write ``text`` to ``target`` atomically after :func:`check_export_target`; returns
    the path written. ``make_folder`` creates the target's folder first (the app's
    ``exports/``; the CLI never creates folders). Raises :class:`ExportTargetError`, or
    ``OSError`` when the write itself fails (nothing is left behind)."""
    if make_folder:
        Path(os.path.abspath(target)).parent.mkdir(parents=True, exist_ok=True)
    path = check_export_target(target, force=force, protected=protected)
    try:
        write_atomically(path, text, replace=force)
    except FileExistsError:
        raise ExportTargetError(
            "exists",
            f"{display_path(target)} appeared while writing; not replaced (--force replaces it)",
        ) from None
    return path
