"""``brieftui add URL... [--to DIR]``: save web pages into a brief folder.

The only command that touches the network (opening a brief never does); the
fetching rules (http and https only, a timeout, a size cap, never overwriting)
live in :mod:`brieftui.fetch`. One line per URL: saved on stdout, refused on
stderr; exit 1 when any URL was refused, 2 (before fetching) when ``--to`` names a file
or a folder inside one that does not exist.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from brieftui.cli import output
from brieftui.cli.errors import EXIT_FAILURE, EXIT_OK, UsageError


def run(args: argparse.Namespace) -> int:
    """Save each URL of ``args.urls`` into ``args.to``."""
    from brieftui.fetch import add_pages, folder_problem

    if not args.to.strip():  # "--to $DIR" with DIR unset: not the current folder
        raise UsageError("brieftui add: --to is empty (give a folder, or leave --to out)")
    folder = Path(args.to).expanduser()
    problem = folder_problem(folder)
    if problem is not None:  # before any page is fetched
        raise UsageError(f"brieftui add: {problem}")
    results = add_pages(args.urls, folder)
    if args.json:
        output.print_json(
            {
                "results": [
                    {
                        "url": r.url,
                        "path": str(r.path) if r.path is not None else None,
                        "bytes": r.size,
                        "refused": r.reason,
                    }
                    for r in results
                ]
            }
        )
    else:
        for result in results:
            if result.ok:
                output.print_text(result.line())
            else:
                output.error(f"brieftui: {result.line()}")
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILURE
