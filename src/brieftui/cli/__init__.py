"""The ``brieftui`` command line: a thin layer over the core.

``parser`` knows the arguments, ``main`` dispatches and owns exit codes,
``brief_commands``/``notes_commands`` call the core and hand results to
``output``, which is the only place that writes to the terminal (tables, JSON,
one-line errors; every value from a file or a user shown as plain text).
"""

from brieftui.cli.main import main

__all__ = ["main"]
