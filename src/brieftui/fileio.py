"""Writing user files safely: a temp file beside the target, fsync, then ``os.replace``.

A reader of ``target`` sees the old file or the new one, never half of one, and a
failure leaves the old file as it was (the temp file is removed).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, content: str | bytes, *, durable: bool = True) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to ``target``, creating its folder.

    Raises ``OSError``. ``durable=False`` skips the fsync: for disposable files such
    as the cache, where a lost write only costs speed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o777  # a replaced file keeps its permissions
    except OSError:
        mode = 0o644  # a new one gets the usual mode, not mkstemp's 0600
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
