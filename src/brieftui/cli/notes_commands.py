"""``brieftui notes add|list|delete|export``: the notes store from the command line.

The store and the exporter are the core's; this module only reads arguments,
calls them and prints. Ids that do not exist (a passage, a note) are usage
errors (exit 2), like every other mistake in what was typed; a store or a file
that cannot be written is a failure (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from brieftui.cli import output
from brieftui.cli.common import load_brief
from brieftui.cli.errors import EXIT_OK, CommandFailed, UsageError
from brieftui.fileio import write_atomically

if TYPE_CHECKING:
    from brieftui.notes import AnchoredNote, NoteStore


def note_json(anchored: AnchoredNote) -> dict[str, Any]:
    """One note in the ``notes list --json`` shape."""
    note = anchored.note
    return {
        "id": note.id,
        "passage_id": anchored.passage_id,
        "orphaned": anchored.orphaned,
        "text": note.text,
        "quote": note.quote,
        "tags": list(note.tags),
        "section": anchored.section,
        "doc_id": anchored.doc_id,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
        "comparison": [
            {"passage_id": c.passage_id, "doc_id": c.doc_id, "orphaned": c.orphaned}
            for c in anchored.comparison
        ],
    }


def run(args: argparse.Namespace) -> int:
    """Run one ``notes`` action against the user's store."""
    from brieftui.notes import NotesError, NoteStore

    store = NoteStore()
    try:
        return ACTIONS[args.notes_command](store, args)
    except NotesError as exc:
        raise CommandFailed(f"brieftui: {exc}") from None
    finally:
        for warning in getattr(store, "warnings", []):
            output.error(f"brieftui: {warning}")
        store.close()


def _delete(store: NoteStore, args: argparse.Namespace) -> int:
    from brieftui.notes import NoteNotFound

    try:
        note = store.delete(args.note_id)
    except NoteNotFound:
        raise UsageError(
            f"brieftui notes delete: no note {args.note_id} (see 'brieftui notes list')"
        ) from None
    if args.json:
        output.print_json({"deleted": {"id": note.id, "text": note.text}})
    else:
        output.print_text(f"Deleted note {note.id}.")
    return EXIT_OK


def _add(store: NoteStore, args: argparse.Namespace) -> int:
    brief = load_brief(args)
    if not brief.has_passage(args.passage_id):
        raise UsageError(
            f"brieftui notes add: no passage {args.passage_id!r} in this brief "
            "(see 'brieftui index' for passage ids)"
        )
    note = store.add(brief, args.passage_id, args.text, quote=args.quote, tags=args.tag)
    if args.json:
        output.print_json(
            {
                "note": {
                    "id": note.id,
                    "passage_id": args.passage_id,
                    "text": note.text,
                    "tags": list(note.tags),
                }
            }
        )
    else:
        output.print_text(f"Added note {note.id} to {args.passage_id}.")
    return EXIT_OK


def _list(store: NoteStore, args: argparse.Namespace) -> int:
    brief = load_brief(args)
    notes = store.notes(brief)
    if args.json:
        output.print_json({"notes": [note_json(n) for n in notes]})
        return EXIT_OK
    if not notes:
        output.print_text("No notes for this brief yet.")
        return EXIT_OK
    table = Table(title=output.plural(len(notes), "note"))
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("passage", no_wrap=True)
    table.add_column("note")
    table.add_column("tags")
    for n in notes:
        where = output.plain(n.passage_id) if not n.orphaned else Text("orphaned", style="red")
        tags = output.plain(" ".join(f"#{t}" for t in n.note.tags))
        table.add_row(
            output.plain(n.note.id), where, output.plain(n.note.text, newlines=True), tags
        )
    output.console().print(table)
    return EXIT_OK


def _export(store: NoteStore, args: argparse.Namespace) -> int:
    from brieftui.export import export_markdown

    brief = load_brief(args)
    notes = store.notes(brief)
    markdown = export_markdown(brief, notes)
    if not args.output:
        if args.json:
            output.print_json({"markdown": markdown, "notes": len(notes)})
        else:
            sys.stdout.write(markdown)
        return EXIT_OK
    target = Path(args.output).expanduser()
    if not target.parent.is_dir():
        raise CommandFailed(f"brieftui: cannot write {target}: no folder {target.parent}")
    try:
        write_atomically(target, markdown)
    except OSError as exc:
        raise CommandFailed(f"brieftui: cannot write {target}: {exc.strerror or exc}") from None
    if args.json:
        output.print_json({"path": str(target.resolve()), "notes": len(notes)})
    else:
        output.error(f"Wrote {output.plural(len(notes), 'note')} to {target}")
    return EXIT_OK


ACTIONS = {"add": _add, "list": _list, "delete": _delete, "export": _export}
