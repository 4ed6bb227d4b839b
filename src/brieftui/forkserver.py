"""A forkserver context whose workers do not re-import the caller's ``__main__``.

Apart from :mod:`brieftui.workers` so that multiprocessing (30 ms to import) is
imported only when a worker is started, not by every load; at module level, because a
worker unpickles its process object by this class's name.
"""

from __future__ import annotations

import multiprocessing.context
import os
from typing import Any

__all__ = ["NoMainForkServerContext"]


def _no_main_popen() -> type:
    """A forkserver ``Popen`` that does not make the worker re-import the caller's ``__main__``.

    The worker runs a module-level function (the parser's, the index builder's) and
    needs nothing from the caller's script; re-importing it would re-run a script without
    a ``if __name__ == "__main__"`` guard (its whole load, in every worker).
    """
    import io
    from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
    from multiprocessing.context import set_spawning_popen

    class Popen(popen_forkserver.Popen):
        def _launch(self, process_obj: Any) -> None:  # as the stdlib's, minus the main module
            prep_data = spawn.get_preparation_data(process_obj._name)
            prep_data.pop("init_main_from_path", None)
            prep_data.pop("init_main_from_name", None)
            buf = io.BytesIO()
            set_spawning_popen(self)
            try:
                reduction.dump(prep_data, buf)
                reduction.dump(process_obj, buf)
            finally:
                set_spawning_popen(None)
            self.sentinel, w = forkserver.connect_to_new_process(self._fds)
            _parent_w = os.dup(w)
            self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
            with open(w, "wb", closefd=True) as f:
                f.write(buf.getbuffer())
            self.pid = forkserver.read_signed(self.sentinel)

    return Popen


class NoMainForkServerContext(multiprocessing.context.ForkServerContext):
    """The forkserver context whose processes start with :func:`_no_main_popen`."""

    class Process(multiprocessing.context.ForkServerProcess):
        @staticmethod
        def _Popen(process_obj: Any) -> Any:
            return _no_main_popen()(process_obj)
