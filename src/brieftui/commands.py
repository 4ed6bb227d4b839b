"""What each CLI subcommand does: call the core, then print a table or JSON.

Kept apart from :mod:`brieftui.cli` (argument parsing and exit codes) so each
piece has one job. The JSON shapes here are a public contract documented in
the README; change them only with care.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from brieftui.brief import Brief
from brieftui.cli import EXIT_FAILURE, EXIT_OK, UsageError, error, load_brief, print_json
from brieftui.fileio import write_atomically
from brieftui.model import Document


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _highlight(text: str, spans: list[tuple[int, int]], style: str = "bold yellow") -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


def _snippet(
    text: str, spans: list[tuple[int, int]], width: int = 160
) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first span, with spans shifted into it."""
    if len(text) <= width:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    end = start + width
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = start - len(prefix)
    shown = [(s - shift, e - shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, shown


# -- index ---------------------------------------------------------------------------
def document_json(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "author": doc.author,
        "date": doc.date,
        "publisher": doc.publisher,
        "url": doc.url,
        "sections": [
            {
                "heading": s.heading,
                "level": s.level,
                "passages": [{"id": p.id, "text": p.text} for p in s.passages],
            }
            for s in doc.sections
        ],
        "removed": list(doc.removed),
    }


def cmd_index(brief: Brief, args: argparse.Namespace) -> int:
    if args.json:
        print_json({"documents": [document_json(d) for d in brief.documents]})
        return EXIT_OK
    table = Table(
        title=f"{brief.name}: {len(brief.documents)} documents, {brief.passage_count} passages"
    )
    table.add_column("id", style="cyan", overflow="fold")
    table.add_column("title", ratio=3, overflow="fold")
    table.add_column("by", ratio=1, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("sect", justify="right", no_wrap=True)
    table.add_column("pass", justify="right", no_wrap=True)
    table.add_column("rem", justify="right", no_wrap=True)
    for doc in brief.documents:
        title = Text(doc.title)
        if doc.title_is_fallback:
            title.append(" (untitled)", style="dim")
        table.add_row(
            doc.id,
            title,
            doc.byline or "—",
            doc.date or "—",
            str(len(doc.sections)),
            str(doc.passage_count),
            str(len(doc.removed)),
        )
    _console().print(table)
    return EXIT_OK


# -- search --------------------------------------------------------------------------
def cmd_search(brief: Brief, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("brieftui search: --limit must be 1 or more")
    hits = brief.search(args.query, limit=args.limit)
    if args.json:
        print_json(
            {
                "query": args.query,
                "hits": [
                    {
                        "passage_id": h.passage_id,
                        "doc_id": h.doc_id,
                        "heading": h.heading,
                        "text": h.text,
                        "score": round(h.score, 4),
                        "spans": [[s, e] for s, e in h.spans],
                    }
                    for h in hits
                ],
            }
        )
        return EXIT_OK
    console = _console()
    if not hits:
        console.print(f"No passage matches [bold]{args.query}[/].")
        return EXIT_OK
    table = Table(title=f"{len(hits)} hits for “{args.query}”", show_lines=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("source", style="cyan")
    table.add_column("passage")
    for hit in hits:
        doc = brief.document(hit.doc_id)
        snippet, spans = _snippet(hit.text, hit.spans)
        source = Text(doc.title)
        source.append(f"\n{hit.heading or 'Lead'}\n", style="dim")
        source.append(hit.passage_id, style="dim")
        table.add_row(f"{hit.score:.2f}", source, _highlight(snippet, spans))
    console.print(table)
    return EXIT_OK


# -- compare -------------------------------------------------------------------------
def cmd_compare(brief: Brief, args: argparse.Namespace) -> int:
    if args.text:
        result = brief.compare_text(args.text)
    elif args.passage_id:
        if not brief.has_passage(args.passage_id):
            # A positional that is a path, not an id, is the likelier mistake: say both.
            raise UsageError(
                f"brieftui compare: no passage {args.passage_id!r} in this brief "
                "(see 'brieftui index' for passage ids)"
            )
        result = brief.compare(args.passage_id)
    else:
        raise UsageError("brieftui compare: give a PASSAGE_ID or --text TEXT")
    if args.json:
        print_json(
            {
                "anchor": {
                    "passage_id": result.anchor_passage_id,
                    "doc_id": result.anchor_doc_id,
                    "text": result.anchor_text,
                },
                "sources": [
                    {
                        "doc_id": src.doc_id,
                        "title": src.title,
                        "matches": [
                            {"passage_id": m.passage_id, "text": m.text, "score": round(m.score, 4)}
                            for m in src.matches
                        ],
                    }
                    for src in result.sources
                ],
            }
        )
        return EXIT_OK
    console = _console()
    anchor_title = (
        brief.document(result.anchor_doc_id).title if result.anchor_doc_id else "your text"
    )
    console.print(Text(f"Anchor — {anchor_title}", style="bold"))
    console.print(_highlight(result.anchor_text, result.anchor_spans), "")
    table = Table(show_lines=True)
    table.add_column("source", style="cyan")
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("best matching passage")
    for src in result.sources:
        if not src.matches:
            table.add_row(src.title, "—", Text("Not covered by this source", style="italic dim"))
            continue
        best = src.matches[0]
        evidence = ", ".join(
            [*best.evidence.names, *best.evidence.numbers, *best.evidence.dates][:6]
        )
        body = _highlight(best.text, best.spans)
        if evidence:
            body.append(f"\nshared: {evidence}", style="dim")
        extra = f"\n+{len(src.matches) - 1} more" if len(src.matches) > 1 else ""
        table.add_row(f"{src.title}\n{best.passage_id}{extra}", f"{best.score:.2f}", body)
    console.print(table)
    return EXIT_OK


# -- events --------------------------------------------------------------------------
def cmd_events(brief: Brief, args: argparse.Namespace) -> int:
    events = brief.events()
    if args.json:
        print_json(
            {
                "events": [
                    {
                        "id": ev.id,
                        "label": ev.label,
                        "passages": [
                            {"passage_id": p.passage_id, "doc_id": p.doc_id} for p in ev.passages
                        ],
                    }
                    for ev in events
                ]
            }
        )
        return EXIT_OK
    docs = brief.documents
    table = Table(title=f"{len(events)} events across {len(docs)} sources")
    table.add_column("event")
    for n, _doc in enumerate(docs, start=1):
        table.add_column(str(n), justify="center")
    table.add_column("sources", justify="right")
    for ev in events:
        covered = set(ev.doc_ids)
        label = Text(ev.label)
        if ev.single_source:
            label.append(
                f"  (only {brief.document(ev.doc_ids[0]).title[:40]} reports this)", style="dim"
            )
        marks = ["●" if d.id in covered else "○" for d in docs]
        table.add_row(label, *marks, str(len(covered)))
    console = _console()
    console.print(table)
    for n, doc in enumerate(docs, start=1):
        console.print(f"[dim]{n}[/] {doc.title}")
    return EXIT_OK


COMMANDS = {"index": cmd_index, "search": cmd_search, "compare": cmd_compare, "events": cmd_events}


def run(command: str, args: argparse.Namespace) -> int:
    if command == "compare" and args.text and args.passage_id:
        # With --text there is no passage id: the optional positional was the first path.
        args.paths = [args.passage_id, *args.paths]
        args.passage_id = None
    brief = load_brief(args)
    return COMMANDS[command](brief, args)


# -- notes ---------------------------------------------------------------------------
def _note_json(anchored: Any) -> dict[str, Any]:
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


def run_notes(args: argparse.Namespace) -> int:
    from brieftui.notes import NotesError, NoteStore

    store = NoteStore()
    try:
        return _run_notes(store, args)
    except NotesError as exc:
        error(f"brieftui: {exc}")
        return EXIT_FAILURE
    finally:
        for warning in getattr(store, "warnings", []):
            error(f"brieftui: {warning}")
        store.close()


def _run_notes(store: Any, args: argparse.Namespace) -> int:
    action = args.notes_command
    if action == "delete":
        note = store.delete(args.note_id)
        if args.json:
            print_json({"deleted": {"id": note.id, "text": note.text}})
        else:
            print(f"Deleted note {note.id}.")
        return EXIT_OK
    brief = load_brief(args)
    if action == "add":
        if not brief.has_passage(args.passage_id):
            raise UsageError(f"brieftui notes add: no passage {args.passage_id!r} in this brief")
        note = store.add(brief, args.passage_id, args.text, quote=args.quote, tags=args.tag)
        if args.json:
            print_json(
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
            print(f"Added note {note.id} to {args.passage_id}.")
        return EXIT_OK
    notes = store.notes(brief)
    if action == "list":
        if args.json:
            print_json({"notes": [_note_json(n) for n in notes]})
            return EXIT_OK
        if not notes:
            print("No notes for this brief yet.")
            return EXIT_OK
        table = Table(title=f"{len(notes)} notes")
        table.add_column("id", style="cyan", no_wrap=True)
        table.add_column("passage", no_wrap=True)
        table.add_column("note")
        table.add_column("tags")
        for n in notes:
            where = Text(n.passage_id) if not n.orphaned else Text("orphaned", style="red")
            table.add_row(n.note.id, where, n.note.text, " ".join(f"#{t}" for t in n.note.tags))
        _console().print(table)
        return EXIT_OK
    # export
    from brieftui.export import export_markdown

    markdown = export_markdown(brief, notes)
    if args.output:
        target = Path(args.output).expanduser()
        try:
            write_atomically(target, markdown)
        except OSError as exc:
            error(f"brieftui: cannot write {target}: {exc.strerror or exc}")
            return EXIT_FAILURE
        if args.json:
            print_json({"path": str(target.resolve()), "notes": len(notes)})
        else:
            error(f"Wrote {len(notes)} notes to {target}")
        return EXIT_OK
    if args.json:
        print_json({"markdown": markdown, "notes": len(notes)})
    else:
        sys.stdout.write(markdown)
    return EXIT_OK


# -- add -------------------------------------------------------------------------------
def run_add(args: argparse.Namespace) -> int:
    """Save web pages into a brief folder: one line per URL (saved on stdout, refused on
    stderr), or JSON; exit 1 when any URL was refused."""
    from brieftui.fetch import add_pages

    results = add_pages(args.urls, Path(args.to).expanduser())
    if args.json:
        print_json(
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
                sys.stdout.write(result.line() + "\n")
            else:
                error(f"brieftui: {result.line()}")
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILURE
