"""The ``brieftui`` command: open the app, or script the same work with subcommands.

Every subcommand prints a readable rich table by default and exact JSON with
``--json``. Warnings go to stderr, one line each. Exit codes: 0 success,
1 failure, 2 usage or path error. The CLI is a thin layer: it parses
arguments, calls the core (``brieftui.load`` and the Brief's methods, the notes
store, the exporter) and formats what comes back. Textual is imported only when
the app is opened, so scripted use stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from brieftui import __version__
from brieftui.brief import Brief, BriefPathError, load
from brieftui.paths import DATA_ENV

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("open", "index", "search", "compare", "events", "notes", "add")


class UsageError(Exception):
    """A mistake in what the user typed: exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _add_common(
    parser: argparse.ArgumentParser, *, paths: bool = True, json_flag: bool = True
) -> None:
    if paths:
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="files and folders of the brief (default: bundled brief)",
        )
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    # Global options again, so they work after the subcommand too; SUPPRESS keeps the
    # value given before the subcommand when they are not repeated here.
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--no-cache", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="brieftui",
        description="A keyboard-driven terminal reader for news briefs. "
        "With no subcommand, opens PATHs (or the bundled brief) in the reader.",
        epilog="Run 'brieftui COMMAND --help' for a subcommand's options.",
    )
    parser.add_argument("--version", action="version", version=f"brieftui {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=f"where notes and state live (or ${DATA_ENV})"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="parse the brief afresh, ignoring the cache"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("open", help="open the reader (the default)")
    _add_common(p, json_flag=False)

    p = sub.add_parser("index", help="list the documents, sections and passages of a brief")
    _add_common(p)

    p = sub.add_parser("search", help="fuzzy-search the brief")
    p.add_argument("query", help="words (typos are fine), 'exact phrase, source:NAME")
    _add_common(p)
    p.add_argument("--limit", type=int, default=20, help="how many hits (default 20)")

    p = sub.add_parser("compare", help="how every other source covers a passage's event")
    p.add_argument("passage_id", nargs="?", help="a passage id such as 000_2cac2dce53e9fad5:12")
    _add_common(p)
    p.add_argument("--text", help="compare free text instead of a passage")

    p = sub.add_parser("events", help="the events of the brief and which sources cover them")
    _add_common(p)

    p = sub.add_parser(
        "add", help="save web pages into a brief folder (the only command that uses the network)"
    )
    p.add_argument("urls", nargs="+", metavar="URL", help="http or https URLs of web pages")
    p.add_argument("--to", metavar="DIR", default=".", help="the brief folder (default: here)")
    _add_common(p, paths=False)

    notes = sub.add_parser("notes", help="add, list, delete and export notes")
    notes_sub = notes.add_subparsers(dest="notes_command", metavar="ACTION", parser_class=_Parser)
    p = notes_sub.add_parser("add", help="add a note to a passage")
    p.add_argument("passage_id")
    p.add_argument("text")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--quote", help="an exact quote inside the passage to anchor to")
    _add_common(p)
    p = notes_sub.add_parser("list", help="list the notes of a brief")
    _add_common(p)
    p = notes_sub.add_parser("delete", help="delete a note")
    p.add_argument("note_id")
    _add_common(p, paths=False)
    p = notes_sub.add_parser("export", help="export the notes of a brief to markdown")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    _add_common(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # `brieftui PATH...` opens the app: insert the implicit `open` subcommand.
    first_positional = _first_positional(args_list)
    wants_app = first_positional is None or first_positional not in SUBCOMMANDS
    if wants_app and not any(a in ("-h", "--help", "--version") for a in args_list):
        args_list = _insert_open(args_list)
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
        return _dispatch(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except BriefPathError as exc:
        hint = ""
        if first_positional and first_positional not in SUBCOMMANDS and "/" not in first_positional:
            hint = f" (commands: {', '.join(SUBCOMMANDS)})"
        _error(f"brieftui: {exc}{hint}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def _first_positional(args_list: list[str]) -> str | None:
    """The first word that is not an option or an option's value (``--data-dir DIR``)."""
    skip_next = False
    for arg in args_list:
        if skip_next:
            skip_next = False
        elif arg == "--data-dir":
            skip_next = True
        elif not arg.startswith("-"):
            return arg
    return None


def _insert_open(args_list: list[str]) -> list[str]:
    """Put ``open`` after the global options so ``brieftui --data-dir D seeds/`` works."""
    out: list[str] = []
    i = 0
    while i < len(args_list) and args_list[i].startswith("-"):
        out.append(args_list[i])
        if args_list[i] == "--data-dir" and i + 1 < len(args_list):
            out.append(args_list[i + 1])
            i += 1
        i += 1
    return [*out, "open", *args_list[i:]]


def _dispatch(args: argparse.Namespace) -> int:
    from brieftui import commands

    command = args.command
    if command == "open":
        return _open_app(args)
    if command == "add":
        return commands.run_add(args)
    if command == "notes":
        if not args.notes_command:
            raise UsageError("brieftui notes: choose an action: add, list, delete or export")
        return commands.run_notes(args)
    return commands.run(command, args)


def _open_app(args: argparse.Namespace) -> int:
    paths = args.paths or None
    if paths:
        # Fail fast on a missing path, before the terminal switches to the app.
        from brieftui.ingest import discover

        discover(paths)
    from brieftui.app import make_app

    app = make_app(paths, use_cache=not args.no_cache)
    app.run()
    return app.return_code or EXIT_OK


def load_brief(args: argparse.Namespace) -> Brief:
    """Load the brief named by ``args.paths``, printing its warnings to stderr."""
    brief = load(args.paths or None, cache=not getattr(args, "no_cache", False))
    for message in brief.messages:
        _error(f"brieftui: {message}")
    return brief


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _error(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def error(message: str) -> None:
    """One line on stderr."""
    _error(message)
