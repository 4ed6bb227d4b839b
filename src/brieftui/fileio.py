"""Writing user files safely: a temp file beside the target, fsync, then ``os.replace``.

A reader of ``target`` sees the old file or the new one, never half of one, and a
failure leaves the old file as it was (the temp file is removed).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


def write_atomically(
    target: Path, content: str | bytes, *, durable: bool = True, replace: bool = True
) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to ``target``, creating its folder.

    ``replace=False`` never replaces an existing ``target``: the finished temp file is
    hard-linked into place, which fails (``FileExistsError``) if something appeared
    there meanwhile, so there is no window between a check and the write. Where the
    file system has no hard links, an existence check and a rename are used instead.

    Raises ``OSError``, or ``UnicodeEncodeError`` for text that is not valid Unicode
    (lone surrogates), before anything is created. Whatever fails after the temp
    file exists, the temp file is removed: a failed write leaves nothing behind.
    ``durable=False`` skips the fsync: for disposable files such as the cache, where
    a lost write only costs speed. Folder and file names may be any bytes (``str``
    with surrogate escapes, as ``os.listdir`` gives them).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o777  # a replaced file keeps its permissions
    except OSError:
        mode = 0o644  # a new one gets the usual mode, not mkstemp's 0600
    import tempfile  # only when writing (its import is 10 ms of every start)

    fd, tmp = tempfile.mkstemp(prefix=f".{_temp_stem(target)}.", dir=target.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, target)
        else:
            _link_new(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _link_new(tmp: str, target: Path) -> None:
    """Put ``tmp`` at ``target`` only if nothing is there (``FileExistsError`` otherwise)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares): check, then rename
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def _temp_stem(target: Path) -> str:
    """The target's name, shortened so the temp name stays under the usual 255-byte limit."""
    name = target.name
    while len(os.fsencode(name)) > 200:
        name = name[: len(name) // 2]
    return name
