"""Exit codes and the one exception for a mistake in what the user typed.

Both the parser and the commands raise :class:`UsageError`; ``main`` turns it
into exit code 2. Kept in its own module so neither imports the other.
"""

from __future__ import annotations

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in what the user typed (a bad option, an unknown id): exit code 2."""


class CommandFailed(Exception):
    """The command could not do its work (nothing to read, a write failed): exit code 1."""
