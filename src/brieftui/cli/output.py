"""Everything the CLI writes: tables, JSON and one-line messages.

Every value that came from a file, a file name, a query or a note is shown as
plain text: Rich tables get :class:`rich.text.Text` objects (never markup
strings), and control characters are made visible with
:func:`brieftui.safe_text.visible` before they reach the terminal, so an article
cannot clear the screen, set the title or write the clipboard through the CLI.
JSON goes through :func:`brieftui.safe_text.dumps_json` (valid UTF-8, C1 escaped).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from brieftui.safe_text import dumps_json, visible


class _PipedConsole(Console):
    """Rich's console, but a reader that stops reading (``brieftui events | head``) is
    the end of the output, not a failure: Rich exits with status 1 there, which broke
    scripts run with ``pipefail`` (a new-user trial). :func:`brieftui.cli.main.main`
    answers the ``BrokenPipeError`` with exit status 0."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        # nothing more reaches the closed pipe, not even Python's flush at exit (when
        # stdout is no file descriptor, as when captured, there is nothing to redirect)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise BrokenPipeError


PIPE_WIDTH = 120
"""Table width when the output is no terminal and ``COLUMNS`` is not set: Rich's 80
folded passage ids in two, so ``brieftui index | grep ID`` found nothing (a trial)."""


def console(piped_width: int = 0) -> Console:
    """A console for tables: no syntax highlighting of numbers or paths in data.

    Piped (no terminal, no ``COLUMNS``), the table is :data:`PIPE_WIDTH` wide, or
    ``piped_width`` when more is needed to keep every id on one line: a script greps
    and copies ids, and Rich folded or cut long ones (a trial: 28 of 59 ECB+ ids and all
    15 page ids of one brief were split across lines)."""
    width = None
    if not os.environ.get("COLUMNS"):
        try:
            piped = not sys.stdout.isatty()
        except (AttributeError, ValueError):
            piped = True
        width = max(PIPE_WIDTH, piped_width) if piped else None
    return _PipedConsole(highlight=False, soft_wrap=False, width=width)


def plain(value: str | None, *, newlines: bool = False, style: str = "") -> Text:
    """Untrusted ``value`` as a Rich Text: no markup parsed, controls made visible."""
    return Text(visible(value or "", newlines=newlines), style=style)


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = "bold yellow") -> Text:
    """``text`` with ``spans`` styled. Controls are shown one-for-one, so spans stay aligned."""
    rich_text = Text(visible(text, newlines=True))
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


def print_json(data: Any) -> None:
    """``data`` as JSON on stdout: valid UTF-8, every control character escaped."""
    sys.stdout.write(dumps_json(data) + "\n")


def print_text(message: str) -> None:
    """One plain line on stdout (``message`` may hold data: it is made visible)."""
    sys.stdout.write(visible(message, newlines=True).rstrip("\n") + "\n")


def error(message: str) -> None:
    """One line on stderr. A file name with a newline cannot forge a second line."""
    sys.stderr.write(visible(message.rstrip("\n")) + "\n")


def warning(message: str, as_json: bool = False) -> None:
    """A warning on stderr: one plain line, or with ``--json`` a JSON object
    (``{"warning": ...}``), so a script reading stderr as JSON lines is not broken by
    the files a brief skipped (from a trial)."""
    if as_json:
        sys.stderr.write(dumps_json({"warning": message}, indent=None) + "\n")
    else:
        error(message)


def json_error(message: str) -> None:
    """An error as a JSON object on stderr, for scripts that asked for ``--json``."""
    sys.stderr.write(dumps_json({"error": message}, indent=None) + "\n")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 note``, ``2 notes``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
