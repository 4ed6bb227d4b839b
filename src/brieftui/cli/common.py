"""What every brief-reading subcommand does first: load the brief, report its warnings."""

from __future__ import annotations

import argparse

from brieftui.brief import MAX_FILE_SIZE, Brief, load
from brieftui.cli import output
from brieftui.cli.errors import CommandFailed


def default_paths() -> list[str]:
    """The config's ``default_brief`` (empty: the bundled brief)."""
    from brieftui.config import load_config

    return load_config().default_brief


def load_brief(args: argparse.Namespace, *, require_documents: bool = True) -> Brief:
    """Load the brief named by ``args.paths``, printing its warnings to stderr, one line each.

    A brief with no readable document is a failure (exit 1) with one line saying so,
    rather than an empty table that looks like success.
    """
    paths = args.paths or default_paths()
    brief = load(
        paths or None,
        cache=not getattr(args, "no_cache", False),
        max_file_size=getattr(args, "max_bytes", MAX_FILE_SIZE),
    )
    for message in brief.messages:
        output.warning(f"brieftui: {message}", as_json=bool(getattr(args, "json", False)))
    if require_documents and not brief.documents:
        why = (
            "the lines above say why each file was skipped"
            if brief.messages
            else "no .txt, .md, .html or saved web page in it"
        )
        raise CommandFailed(f"brieftui: no readable document in {brief.name} ({why})")
    return brief
