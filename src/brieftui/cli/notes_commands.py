"""``brieftui notes add|list|delete|export``: the notes store from the command line.

``notes list`` shows the brief's notes (re-attached even when its folder moved; see
:mod:`brieftui.notes.reattach`) and says how many notes other briefs hold;
``notes list --all`` shows every stored note, grouped by brief, with where it was taken.

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
from brieftui.safe_text import display_path

if TYPE_CHECKING:
    from brieftui.notes import AnchoredNote, NoteStore


def note_json(anchored: AnchoredNote) -> dict[str, Any]:
    """One note in the ``notes list --json`` shape."""
    note = anchored.note
    return {
        "id": note.id,
        "passage_id": anchored.passage_id,
        "orphaned": anchored.orphaned,
        "changed": anchored.changed,
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
            output.warning(f"brieftui: {warning}", as_json=bool(getattr(args, "json", False)))
        store.close()


def _delete(store: NoteStore, args: argparse.Namespace) -> int:
    from brieftui.notes import NoteNotFound

    try:
        note = store.delete(args.note_id)
    except NoteNotFound:
        raise _not_found("delete", args.note_id) from None
    if args.json:
        output.print_json({"deleted": {"id": note.id, "text": note.text}})
    else:
        output.print_text(f"Deleted note {note.id}.")
    return EXIT_OK


def _not_found(action: str, note_id: str) -> UsageError:
    """The message for an id that names no note: what ids are accepted, and where to
    find them (from a trial, "no note abc" left the 4-character prefix rule unsaid)."""
    short = " (a prefix needs 4 or more characters)" if len(note_id) < 4 else ""
    return UsageError(
        f"brieftui notes {action}: no note {note_id}{short} (see 'brieftui notes list')"
    )


def _edit(store: NoteStore, args: argparse.Namespace) -> int:
    """Change a note's text and/or tags in place: its id, anchor and creation time stay
    (from a trial: a script had to delete and re-add, losing both)."""
    from brieftui.notes import NoteNotFound

    if args.text is None and args.tag is None and not args.no_tags:
        raise UsageError("brieftui notes edit: nothing to change (give --text, --tag or --no-tags)")
    if args.tag is not None and args.no_tags:
        raise UsageError("brieftui notes edit: --tag and --no-tags contradict each other")
    tags = [] if args.no_tags else args.tag
    try:
        if args.text is not None and not args.text.strip() and not store.get(args.note_id).quote:
            raise UsageError("brieftui notes edit: the note would be empty (delete it instead)")
        note = store.update(args.note_id, text=args.text, tags=tags)
    except NoteNotFound:
        raise _not_found("edit", args.note_id) from None
    if args.json:
        output.print_json(
            {
                "note": {
                    "id": note.id,
                    "passage_id": note.anchor.passage_id,
                    "doc_id": note.anchor.doc_id,
                    "text": note.text,
                    "quote": note.quote,
                    "tags": list(note.tags),
                    "created_at": note.created_at,
                    "updated_at": note.updated_at,
                }
            }
        )
    else:
        output.print_text(f"Edited note {note.id}.")
    return EXIT_OK


def _add(store: NoteStore, args: argparse.Namespace) -> int:
    from brieftui.notes.anchor import quote_in

    if not (args.text or "").strip() and not (args.quote or "").strip():
        # as the app's editor: "Write a note (or a quote) first."
        raise UsageError("brieftui notes add: the note is empty (write a note or give --quote)")
    brief = load_brief(args)
    if not brief.has_passage(args.passage_id):
        raise UsageError(
            f"brieftui notes add: no passage '{args.passage_id}' in this brief "
            "(see 'brieftui index' for passage ids)"
        )
    if args.quote and quote_in(brief.passage(args.passage_id).passage.text, args.quote) is None:
        # a mistyped argument, as an unknown passage id is (exit 2, not 1)
        raise UsageError(
            f"brieftui notes add: the quote is not in passage {args.passage_id} "
            "(it must be copied exactly, see 'brieftui index --json' for the text)"
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


def stored_note_json(anchored: AnchoredNote) -> dict[str, Any]:
    """One note in the ``notes list --all`` shape: where it was taken, as stored."""
    note = anchored.note
    anchor = note.anchor
    return {
        "id": note.id,
        "passage_id": anchor.passage_id,
        "doc_id": anchor.doc_id,
        "doc_title": anchor.doc_title,
        "doc_path": anchor.doc_path,
        "section": anchor.section,
        "text": note.text,
        "quote": note.quote,
        "tags": list(note.tags),
        "created_at": note.created_at,
        "updated_at": note.updated_at,
        "comparison": [c.passage_id for c in note.comparison],
    }


def _tags(tags: tuple[str, ...]) -> Text:
    return output.plain(" ".join(f"#{t}" for t in tags))


def _list(store: NoteStore, args: argparse.Namespace) -> int:
    if args.all:
        if args.paths:
            raise UsageError(
                "brieftui notes list: --all lists the notes of every brief; it takes no PATH"
            )
        return _list_all(store, args)
    brief = load_brief(args)
    overview = store.overview(brief)
    notes = overview.current
    if args.json:
        output.print_json({"notes": [note_json(n) for n in notes]})
        return EXIT_OK
    elsewhere = sum(len(group.notes) for group in overview.others)
    more = (
        f"{output.plural(elsewhere, 'note')} in other briefs: see 'brieftui notes list --all'."
        if elsewhere
        else ""
    )
    if not notes:
        output.print_text("No notes for this brief yet." + (f" {more}" if more else ""))
        return EXIT_OK
    table = Table(title=output.plural(len(notes), "note"))
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("passage", no_wrap=True)
    table.add_column("note")
    table.add_column("tags")
    for n in notes:
        where = output.plain(n.passage_id) if not n.orphaned else Text("orphaned", style="red")
        if n.changed:
            where.append("\nchanged since noted", style="red")
        table.add_row(
            output.plain(n.note.id),
            where,
            output.plain(n.note.text, newlines=True),
            _tags(n.note.tags),
        )
    output.console().print(table)
    if more:
        output.print_text(more)
    return EXIT_OK


def _list_all(store: NoteStore, args: argparse.Namespace) -> int:
    """Every stored note, one table per brief, each note with where it was taken."""
    groups = store.overview().others
    if args.json:
        output.print_json(
            {
                "briefs": [
                    {
                        "brief_key": group.brief_key,
                        "brief_name": group.brief_name,
                        "folders": list(group.folders),
                        "notes": [stored_note_json(n) for n in group.notes],
                    }
                    for group in groups
                ]
            }
        )
        return EXIT_OK
    if not groups:
        output.print_text("No notes yet.")
        return EXIT_OK
    console = output.console()
    for group in groups:
        title = output.plain(group.brief_name, style="bold")
        title.append(f" ({output.plural(len(group.notes), 'note')}, brief {group.brief_key[:8]})")
        table = Table(title=title, title_justify="left", show_lines=True)
        table.add_column("id", style="cyan", no_wrap=True)
        table.add_column("taken on", ratio=2, overflow="fold")
        table.add_column("note", ratio=3)
        table.add_column("tags", ratio=1)
        for item in group.notes:
            anchor = item.note.anchor
            where = output.plain(anchor.passage_id)
            where.append("\n")
            where.append_text(output.plain(anchor.doc_title, style="italic"))
            where.append("\n")
            where.append_text(Text(display_path(anchor.doc_path), style="dim"))
            table.add_row(
                output.plain(item.note.id),
                where,
                output.plain(item.note.text, newlines=True),
                _tags(item.note.tags),
            )
        console.print(table)
    return EXIT_OK


def _export(store: NoteStore, args: argparse.Namespace) -> int:
    from brieftui.export import export_markdown
    from brieftui.export_file import ExportTargetError, write_export

    brief = load_brief(args)
    notes = store.notes(brief)
    markdown = export_markdown(brief, notes)
    if not args.output or args.output == "-":
        if args.json:
            output.print_json({"markdown": markdown, "notes": len(notes)})
        else:
            sys.stdout.write(markdown)
        return EXIT_OK
    target = Path(args.output).expanduser()
    try:
        written = write_export(target, markdown, force=args.force, protected=_protected(store))
    except ExportTargetError as exc:
        raise CommandFailed(f"brieftui: {exc}") from None
    except OSError as exc:
        raise CommandFailed(
            f"brieftui: cannot write {display_path(target)}: {exc.strerror or exc}"
        ) from None
    if args.json:
        output.print_json({"path": str(written.resolve()), "notes": len(notes)})
    else:
        output.error(f"Wrote {output.plural(len(notes), 'note')} to {display_path(target)}")
    return EXIT_OK


def _protected(store: NoteStore) -> list[Path]:
    """The store in use and the default one (``--data-dir`` moves both the same way)."""
    from brieftui.export_file import protected_paths

    return [*protected_paths(store.path), *protected_paths()]


ACTIONS = {"add": _add, "list": _list, "edit": _edit, "delete": _delete, "export": _export}
