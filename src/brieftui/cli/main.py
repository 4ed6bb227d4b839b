"""The ``brieftui`` entry point: parse, dispatch, and own every exit code.

Exit codes: 0 success, 1 failure (nothing to read, a write that failed),
2 usage or path error (a bad option, an unknown id, a path that does not
exist). With ``--json`` an error is a JSON object (``{"error": ...}``) on
stderr; without it, one plain line. Textual is imported only when the app is
opened, so scripted use stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from brieftui.brief import BriefPathError
from brieftui.cli import output
from brieftui.cli.errors import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, CommandFailed, UsageError
from brieftui.cli.parser import (
    SUBCOMMANDS,
    build_parser,
    dash_query_last,
    first_positional,
    insert_open,
    suggest_command,
)
from brieftui.paths import DATA_ENV


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    wants_json = "--json" in args_list
    report = output.json_error if wants_json else output.error
    parser = build_parser()
    # `brieftui PATH...` opens the app: insert the implicit `open` subcommand.
    first = first_positional(args_list)
    wants_app = first is None or first not in SUBCOMMANDS
    if wants_app and not any(a in ("-h", "--help", "--version") for a in args_list):
        args_list = insert_open(args_list)
    args_list = dash_query_last(args_list)
    try:
        args, leftover = parser.parse_known_args(args_list)
        # argparse cannot intermix positionals with subcommand options: paths typed after
        # an option (`notes add ID TEXT --tag x seeds/`) come back as leftovers.
        stray = [a for a in leftover if a.startswith("-")]
        if stray or (leftover and not hasattr(args, "paths")):
            raise UsageError(f"brieftui: unrecognized arguments: {' '.join(stray or leftover)}")
        if leftover:
            args.paths = [*args.paths, *leftover]
        if args.data_dir:
            os.environ[DATA_ENV] = str(Path(args.data_dir).expanduser().resolve())
        args.max_bytes = _max_bytes(args.max_file_size)
        return _dispatch(args)
    except UsageError as exc:
        # `brieftui serach x --json`: the implicit `open` refused an option, but the
        # mistake is the command's name
        missing = wants_app and first is not None and not Path(first).exists()
        report(str(exc) + (_command_hint(first) if missing else ""))
        return EXIT_USAGE
    except CommandFailed as exc:
        report(str(exc))
        return EXIT_FAILURE
    except BriefPathError as exc:
        report(f"brieftui: {exc}{_command_hint(first)}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def _command_hint(first: str | None) -> str:
    """For a first word that is neither a command nor a path: the closest command, and all."""
    if not first or first in SUBCOMMANDS or "/" in first:
        return ""
    close = suggest_command(first)
    guess = f"did you mean 'brieftui {close}'? " if close else ""
    return f" ({guess}commands: {', '.join(SUBCOMMANDS)})"


def _max_bytes(text: str) -> int:
    """``--max-file-size``: "50MB" → bytes; a typo is a usage error, not a silent default."""
    from brieftui.ingest.reader import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise UsageError(f"brieftui: --max-file-size: {exc}") from None


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "open":
        return _open_app(args)
    if command == "config":
        return _show_config(args)
    if command == "add":
        from brieftui.cli import add_command

        return add_command.run(args)
    if command == "divergences":
        from brieftui.cli import divergence_command

        return divergence_command.run(args)
    if command == "notes":
        from brieftui.cli import notes_commands

        if not args.notes_command:
            raise UsageError("brieftui notes: choose an action: add, list, delete or export")
        return notes_commands.run(args)
    from brieftui.cli import brief_commands

    return brief_commands.run(command, args)


def _show_config(args: argparse.Namespace) -> int:
    """``brieftui config``: the settings file's path and the settings in effect."""
    from brieftui.config import load_config

    config = load_config()
    if args.json:
        output.print_json(config.to_json())
        return EXIT_OK
    state = "" if config.exists else " (not there: these are the defaults)"
    output.print_text(f"Settings file: {config.path}{state}")
    output.print_text(f"theme = {config.theme or '(the last one chosen in the app)'}")
    output.print_text(f"reading_width = {config.reading_width}")
    brief = ", ".join(config.default_brief) or "(the bundled brief)"
    output.print_text(f"default_brief = {brief}")
    if config.keymap:
        output.print_text("[keymap]")
        for binding_id, keys in sorted(config.keymap.items()):
            output.print_text(f"{binding_id} = {keys}")
    for warning in config.warnings:
        output.error(f"brieftui: {warning}")
    return EXIT_OK


def _open_app(args: argparse.Namespace) -> int:
    from brieftui.cli.common import default_paths

    paths = args.paths or default_paths() or None
    if paths:
        # Fail fast on a missing path (a mistyped command: "did you mean…"), before the
        # terminal switches to the app, and before asking for a terminal
        from brieftui.ingest import discover

        discover(paths)
    if not _is_terminal(sys.stdout) or not _is_terminal(sys.stdin):
        # piped or redirected (`brieftui seeds | head`, cron, CI): the reader would draw
        # escape codes into a file and wait for keys that never come
        raise UsageError(
            "brieftui: the reader needs a terminal (input and output); for scripts use "
            "'brieftui index', 'search', 'compare', 'events' or 'stories', with --json"
        )
    from brieftui.app import make_app

    app = make_app(paths, use_cache=not args.no_cache, max_file_size=args.max_bytes)
    app.detach_on_exit = True  # q never waits for a build still running
    try:
        app.run()
    finally:
        # worker processes still building (a search index) would hold the exit too
        from brieftui import workers

        workers.abandon_all()
    _print_load_messages(app)
    return app.return_code or EXIT_OK


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _print_load_messages(app: object) -> None:
    """Every file the app skipped or read with a warning, one line each on stderr once
    the terminal is back: the app's toast shows the first few for seconds only."""
    from brieftui.cli import output

    brief = getattr(app, "brief", None)
    for message in getattr(brief, "messages", None) or ():
        output.error(f"brieftui: {message}")
