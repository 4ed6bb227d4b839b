"""Writing user files safely: a temp file beside the target, fsync, then ``os.replace``.

A reader of ``target`` sees the old file or the new one, never half of one, and a
failure leaves the old file as it was (the temp file is removed).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, content: str) -> None:
    """Write ``content`` (UTF-8) to ``target``, creating its folder; raises ``OSError``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
