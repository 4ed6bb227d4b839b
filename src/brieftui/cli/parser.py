"""The ``brieftui`` arguments: subcommands, their options, and the implicit ``open``.

``brieftui PATH...`` opens the app, so the parser inserts the ``open``
subcommand when the first word is not one. argparse's own exits are turned
into :class:`UsageError` so ``main`` owns every exit code.
"""

from __future__ import annotations

import argparse
import difflib
from typing import NoReturn

from brieftui import __version__
from brieftui.cli.errors import UsageError
from brieftui.paths import DATA_ENV

SUBCOMMANDS = (
    "open",
    "index",
    "search",
    "compare",
    "events",
    "stories",
    "divergences",
    "notes",
    "add",
    "config",
)
OPTIONS_WITH_VALUE = ("--data-dir", "--max-file-size")
NOTES_ACTIONS = ("list", "delete", "export")
"""``notes`` actions typed without ``notes`` (``add`` is a command of its own)."""


def suggest_command(word: str) -> str | None:
    """The command a mistyped first word most likely meant (``brieftui export`` →
    ``notes export``, ``serach`` → ``search``), or ``None`` when nothing is close.

    Only a hint for the error message: ``brieftui WORD`` still means "open the path WORD".
    """
    word = word.lower()
    actions = {f"notes {a}": a for a in NOTES_ACTIONS}
    names = {c: c for c in SUBCOMMANDS} | actions
    close = difflib.get_close_matches(word, list(names.values()), n=1, cutoff=0.6)
    if not close:
        return None
    return next(command for command, typed in names.items() if typed == close[0])


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}{_choice_hint(message)}")


_INVALID_CHOICE = "invalid choice: '"


def _choice_hint(message: str) -> str:
    """ " (did you mean 'export'?)" after argparse's "invalid choice: 'exprot' (choose
    from …)", when one of the choices is close; else nothing."""
    at = message.find(_INVALID_CHOICE)
    if at == -1:
        return ""
    typed = message[at + len(_INVALID_CHOICE) :].split("'", 1)[0]
    listed = message[message.find("(choose from", at) :]
    choices = [c for c in listed.split("'")[1::2] if c]
    close = difflib.get_close_matches(typed.lower(), choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _add_common(
    parser: argparse.ArgumentParser, *, paths: bool = True, json_flag: bool = True
) -> None:
    if paths:
        parser.add_argument(
            "paths",
            nargs="*",
            default=[],  # else argparse names it among the missing ("required: query, PATH")
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
    parser.add_argument(
        "--max-file-size", metavar="SIZE", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, subcommands included."""
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
    parser.add_argument(
        "--max-file-size",
        metavar="SIZE",
        default="50MB",
        help="skip files larger than this, with a message (default 50MB; e.g. 200MB, 1.5G)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("open", help="open the reader (the default)")
    _add_common(p, json_flag=False)

    p = sub.add_parser("index", help="list the documents, sections and passages of a brief")
    _add_common(p)

    p = sub.add_parser("search", help="fuzzy-search the brief")
    p.add_argument("query", help='words (typos are fine), "exact phrase", -exclude, source:NAME')
    _add_common(p)
    p.add_argument("--limit", type=int, default=20, help="how many hits (default 20)")

    p = sub.add_parser("compare", help="how every other source covers a passage's event")
    p.add_argument("passage_id", nargs="?", help="a passage id such as 000_2cac2dce53e9fad5:12")
    _add_common(p)
    p.add_argument("--text", help="compare free text instead of a passage")
    p.add_argument(
        "--widen",
        action="store_true",
        help="compare with every document of the brief, not only the passage's story",
    )

    p = sub.add_parser("events", help="the events of the brief and which sources cover them")
    _add_common(p)

    p = sub.add_parser("stories", help="the news stories of the brief and their documents")
    _add_common(p)

    p = sub.add_parser(
        "divergences", help="where sources disagree: figures, dates, roles, quotes that differ"
    )
    _add_common(p)

    p = sub.add_parser(
        "add", help="save web pages into a brief folder (the only command that uses the network)"
    )
    p.add_argument("urls", nargs="+", metavar="URL", help="http or https URLs of web pages")
    p.add_argument("--to", metavar="DIR", default=".", help="the brief folder (default: here)")
    _add_common(p, paths=False)

    p = sub.add_parser("config", help="where the settings file is, and the settings in effect")
    _add_common(p, paths=False)

    notes = sub.add_parser("notes", help="add, list, edit, delete and export notes")
    notes_sub = notes.add_subparsers(dest="notes_command", metavar="ACTION", parser_class=_Parser)
    p = notes_sub.add_parser("add", help="add a note to a passage")
    p.add_argument("passage_id")
    p.add_argument("text")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--quote", help="an exact quote inside the passage to anchor to")
    _add_common(p)
    p = notes_sub.add_parser("list", help="list the notes of a brief (or of every brief)")
    p.add_argument(
        "--all",
        action="store_true",
        help="every stored note, grouped by the brief it was taken in (takes no PATH)",
    )
    _add_common(p)
    p = notes_sub.add_parser("edit", help="change a note's text or tags (its id and anchor stay)")
    p.add_argument("note_id")
    p.add_argument("--text", help="the new text")
    p.add_argument(
        "--tag", action="append", default=None, help="a tag (repeatable): replaces the tags"
    )
    p.add_argument("--no-tags", action="store_true", help="remove every tag")
    _add_common(p, paths=False)
    p = notes_sub.add_parser("delete", help="delete a note")
    p.add_argument("note_id")
    _add_common(p, paths=False)
    p = notes_sub.add_parser("export", help="export the notes of a brief to markdown")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here instead of stdout ('-' is stdout); an existing file is refused",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing FILE (a symlink: the file it points to); never the notes store",
    )
    _add_common(p)
    return parser


def first_positional(args_list: list[str]) -> str | None:
    """The first word that is not an option or an option's value (``--data-dir DIR``)."""
    skip_next = False
    for arg in args_list:
        if skip_next:
            skip_next = False
        elif arg in OPTIONS_WITH_VALUE:
            skip_next = True
        elif not arg.startswith("-"):
            return arg
    return None


SEARCH_FLAGS = ("--json", "--no-cache", "-h", "--help")
SEARCH_WITH_VALUE = ("--limit", *OPTIONS_WITH_VALUE)


def dash_query_last(args_list: list[str]) -> list[str]:
    """``brieftui search -nato``: a query that starts with a dash is the query.

    The query syntax excludes a word with a leading dash, and argparse would take such
    a query for an unknown option ("the following arguments are required: query").
    When the first positional word of ``search`` starts with a dash and is none of its
    options, the options are put first and the positional words after ``--``, in the
    order typed, so ``search -nato seeds/ --json`` means what it says.
    """
    if first_positional(args_list) != "search":
        return args_list
    at = args_list.index("search")
    head, rest = args_list[: at + 1], args_list[at + 1 :]
    options: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(rest):
        arg = rest[i]
        name = arg.split("=", 1)[0]
        if arg == "--":
            words += rest[i + 1 :]
            break
        if name in SEARCH_WITH_VALUE:
            options.append(arg)
            if "=" not in arg and i + 1 < len(rest):
                options.append(rest[i + 1])
                i += 1
        elif arg in SEARCH_FLAGS or arg.startswith("--"):
            options.append(arg)  # an unknown long option is still refused by argparse
        else:
            words.append(arg)
        i += 1
    if not words or not words[0].startswith("-") or len(words[0]) < 2:
        return args_list
    return [*head, *options, "--", *words]


def insert_open(args_list: list[str]) -> list[str]:
    """Put ``open`` after the global options so ``brieftui --data-dir D seeds/`` works."""
    out: list[str] = []
    i = 0
    while i < len(args_list) and args_list[i].startswith("-"):
        out.append(args_list[i])
        if args_list[i] in OPTIONS_WITH_VALUE and i + 1 < len(args_list):
            out.append(args_list[i + 1])
            i += 1
        i += 1
    return [*out, "open", *args_list[i:]]
