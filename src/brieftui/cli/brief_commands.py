"""The subcommands that read a brief: index, search, compare, events, stories.

Each calls the core and prints either a table or the documented JSON shape
(README "Command line"); the JSON shapes are a public contract, change them
only with care. Tables show every value through :mod:`brieftui.cli.output`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from brieftui.brief import Brief
from brieftui.cli import output
from brieftui.cli.common import load_brief
from brieftui.cli.errors import EXIT_OK, UsageError
from brieftui.model import Document
from brieftui.spans import snippet

if TYPE_CHECKING:
    from brieftui.compare.results import CompareResult
    from brieftui.divergence import Divergence


# -- index ---------------------------------------------------------------------------
def document_json(doc: Document) -> dict[str, Any]:
    """One document in the ``index --json`` shape."""
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
        "removed_why": list(doc.removed_why),
    }


INDEX_REST = 90
"""Cells the index table's other columns need beside the id."""
SEARCH_REST = 60
"""Cells the search table's score and passage columns need beside the source."""


def cmd_index(brief: Brief, args: argparse.Namespace) -> int:
    if args.json:
        output.print_json({"documents": [document_json(d) for d in brief.documents]})
        return EXIT_OK
    docs = output.plural(len(brief.documents), "document")
    passages = output.plural(brief.passage_count, "passage")
    table = Table(title=output.plain(f"{brief.name}: {docs}, {passages}"))
    # ids whole on one line (`brieftui index | grep ID`), unless the terminal is narrow
    longest = max((len(d.id) for d in brief.documents), default=2)
    console = output.console(piped_width=longest + INDEX_REST)
    if longest + INDEX_REST <= console.width:
        table.add_column("id", style="cyan", no_wrap=True)
    else:  # a terminal too narrow for them: folded (Rich sizes the columns)
        table.add_column("id", style="cyan", overflow="fold")
    table.add_column("title", ratio=3, overflow="fold")
    table.add_column("by", ratio=1, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("sect", justify="right", no_wrap=True)
    table.add_column("pass", justify="right", no_wrap=True)
    table.add_column("rem", justify="right", no_wrap=True)
    for doc in brief.documents:
        title = output.plain(doc.title)
        if doc.title_is_fallback:
            title.append(" (untitled)", style="dim")
        table.add_row(
            output.plain(doc.id),
            title,
            output.plain(doc.byline or "—"),
            output.plain(doc.date or "—"),
            str(len(doc.sections)),
            str(doc.passage_count),
            str(len(doc.removed)),
        )
    console.print(table)
    return EXIT_OK


# -- search --------------------------------------------------------------------------
def cmd_search(brief: Brief, args: argparse.Namespace) -> int:
    result = brief.search_result(args.query, limit=args.limit)
    hits = result.hits
    for note in result.notes:  # with --json a warning object (the JSON's "notes" too)
        output.warning(f"brieftui search: {note}", as_json=args.json)
    if args.json:
        output.print_json(
            {
                "query": args.query,
                "total": result.total,
                "notes": list(result.notes),
                "hits": [
                    {
                        "passage_id": h.passage_id,
                        "doc_id": h.doc_id,
                        # a hit found through its headline has no span in its text
                        "title": brief.document(h.doc_id).title,
                        "heading": h.heading,
                        "text": h.text,
                        "score": round(h.score, 4),
                        "spans": [[s, e] for s, e in h.spans],
                        "fuzzy": h.fuzzy,
                    }
                    for h in hits
                ],
            }
        )
        return EXIT_OK
    longest = max((len(h.passage_id) for h in hits), default=0)
    console = output.console(piped_width=longest + SEARCH_REST)
    if not hits:
        message = Text("No passage matches ")
        message.append_text(output.plain(args.query, style="bold"))
        message.append(".")
        console.print(message)
        return EXIT_OK
    shown = f"{len(hits):,} of {result.total:,}" if result.total > len(hits) else f"{len(hits):,}"
    title = Text(f"{shown} {'hit' if result.total == 1 else 'hits'} for “")
    title.append_text(output.plain(args.query))
    title.append("”")
    table = Table(title=title, show_lines=True)
    table.add_column("score", justify="right", no_wrap=True)
    if longest + SEARCH_REST <= console.width:  # passage ids whole on one line
        table.add_column("source", style="cyan", min_width=longest)
    else:  # a terminal too narrow for them: folded, never cut with "…"
        table.add_column("source", style="cyan", overflow="fold")
    table.add_column("passage")
    for hit in hits:
        doc = brief.document(hit.doc_id)
        text, spans = snippet(hit.text, hit.spans)
        source = output.plain(doc.title)
        source.append("\n")
        source.append_text(output.plain(hit.heading or "Lead", style="dim"))
        source.append(f"\n{hit.passage_id}", style="dim")
        if hit.fuzzy:
            source.append("\n~ fuzzy match", style="italic yellow")
        table.add_row(f"{hit.score:.2f}", source, output.highlighted(text, spans))
    console.print(table)
    return EXIT_OK


# -- compare -------------------------------------------------------------------------
def cmd_compare(brief: Brief, args: argparse.Namespace) -> int:
    if args.text:
        result = brief.compare_text(args.text)
    elif args.passage_id:
        if not brief.has_passage(args.passage_id):
            raise UsageError(
                f"brieftui compare: no passage '{args.passage_id}' in this brief "
                "(see 'brieftui index' for passage ids)"
            )
        result = brief.compare(args.passage_id, widen=args.widen)
    else:
        raise UsageError("brieftui compare: give a PASSAGE_ID or --text TEXT")
    from brieftui.cli.divergence_command import difference_lines, divergence_json

    differences = _differences(brief, result)
    if args.json:
        output.print_json(
            {
                "anchor": {
                    "passage_id": result.anchor_passage_id,
                    "doc_id": result.anchor_doc_id,
                    "text": result.anchor_text,
                },
                "story": result.story,
                "widened": result.widened,
                "sources": [
                    {
                        "doc_id": src.doc_id,
                        "title": src.title,
                        "grade": src.grade,
                        "probability": round(src.probability, 4),
                        "matches": [
                            {
                                "passage_id": m.passage_id,
                                "text": m.text,
                                "score": round(m.score, 4),
                                "probability": round(m.probability, 4),
                                "grade": m.grade,
                                "differences": [
                                    divergence_json(d) for d in differences.get(m.passage_id, [])
                                ],
                            }
                            for m in src.matches
                        ],
                    }
                    for src in result.sources
                ],
            }
        )
        return EXIT_OK
    console = output.console()
    anchor_title = (
        brief.document(result.anchor_doc_id).title if result.anchor_doc_id else "your text"
    )
    heading = Text("Anchor — ", style="bold")
    heading.append_text(output.plain(anchor_title, style="bold"))
    console.print(heading)
    console.print(output.highlighted(result.anchor_text, result.anchor_spans), "")
    if result.story is not None:
        scope = "every document of the brief" if result.widened else f"story {result.story}"
        console.print(Text(f"Sources compared: {scope}", style="dim"))
    table = Table(show_lines=True)
    table.add_column("source", style="cyan")
    table.add_column("coverage", no_wrap=True)
    table.add_column("best matching passage")
    for src in result.sources:
        if not src.matches:
            table.add_row(
                output.plain(src.title),
                Text(f"not covered\n{src.probability:.0%}", style="dim"),
                Text("Not covered by this source", style="italic dim"),
            )
            continue
        best = src.matches[0]
        evidence = ", ".join(
            [*best.evidence.names, *best.evidence.numbers, *best.evidence.dates][:6]
        )
        body = output.highlighted(best.text, best.spans)
        if evidence:
            body.append("\nshared: ", style="dim")
            body.append_text(output.plain(evidence, style="dim"))
        for line in difference_lines(differences.get(best.passage_id, [])):
            body.append("\n")
            body.append_text(line)
        source = output.plain(src.title)
        source.append(f"\n{best.passage_id}")
        if len(src.matches) > 1:
            source.append(f"\n+{len(src.matches) - 1} more")
        table.add_row(source, f"{src.grade}\n{src.probability:.0%}", body)
    console.print(table)
    return EXIT_OK


def _differences(brief: Brief, result: CompareResult) -> dict[str, list[Divergence]]:
    """Where each shown match gives a fact differently from the anchor (what the app's
    Compare columns say): the passages of the anchor's event only, as there; nothing
    for free text, which belongs to no event."""
    if result.anchor_passage_id is None:
        return {}
    shown = [m.passage_id for src in result.sources for m in src.matches]
    return brief.divergences_with(result.anchor_passage_id, shown) if shown else {}


# -- events --------------------------------------------------------------------------
def cmd_events(brief: Brief, args: argparse.Namespace) -> int:
    events = brief.events()
    if args.json:
        output.print_json(
            {
                "events": [
                    {
                        "id": ev.id,
                        "label": ev.label,
                        "label_sentence": ev.label_sentence,
                        "date": ev.date,
                        "story": ev.story,
                        "passages": [
                            {"passage_id": p.passage_id, "doc_id": p.doc_id} for p in ev.passages
                        ],
                    }
                    for ev in events
                ]
            }
        )
        return EXIT_OK
    console = output.console()
    stories = {st.id: st for st in brief.stories()}
    by_story: dict[str | None, list] = {}
    for ev in events:
        by_story.setdefault(ev.story, []).append(ev)
    labels = {d.id: f"S{n}" for n, d in enumerate(brief.documents, start=1)}
    for story_id, story_events in by_story.items():
        story = stories.get(story_id or "")
        docs = [brief.document(d) for d in story.doc_ids] if story else list(brief.documents)
        title = Text(f"{output.plural(len(story_events), 'event')} across ")
        title.append(output.plural(len(docs), "source"))
        if story is not None and len(stories) > 1:
            title.append(f" · story {story.id}: ")
            title.append_text(output.plain(story.label))
        table = Table(title=title)
        table.add_column("event")
        if len(docs) <= MATRIX_MAX:
            for doc in docs:
                table.add_column(labels[doc.id], justify="center")
        table.add_column("sources", justify="right")
        for ev in story_events:
            covered = set(ev.doc_ids)
            label = output.plain(ev.label)
            if ev.single_source:
                only = labels[ev.doc_ids[0]]  # as the app says it; the legend below names it
                label.append_text(output.plain(f"  (only {only} reports this)", style="dim"))
            marks = (
                ["●" if d.id in covered else "○" for d in docs] if len(docs) <= MATRIX_MAX else []
            )
            table.add_row(label, *marks, f"{len(covered)}/{len(docs)}")
        console.print(table)
    for doc in brief.documents:
        line = Text(f"{labels[doc.id]} ", style="dim")
        line.append_text(output.plain(doc.title))
        console.print(line)
    return EXIT_OK


MATRIX_MAX = 12
"""Beyond this many sources in a story, the events table gives counts, not one column each."""


# -- stories -------------------------------------------------------------------------
def cmd_stories(brief: Brief, args: argparse.Namespace) -> int:
    stories = brief.stories()
    if args.json:
        output.print_json(
            {
                "stories": [
                    {"id": st.id, "label": st.label, "documents": list(st.doc_ids)}
                    for st in stories
                ]
            }
        )
        return EXIT_OK
    console = output.console()
    title = f"{output.plural(len(stories), 'story', 'stories')} in {output.plural(len(brief.documents), 'document')}"
    table = Table(title=title, show_lines=True)
    table.add_column("story", style="cyan", no_wrap=True)
    table.add_column("documents", justify="right", no_wrap=True)
    table.add_column("label and titles")
    for st in stories:
        body = output.plain(st.label, style="bold")
        for doc_id in st.doc_ids:
            body.append("\n  ")
            body.append_text(output.plain(brief.document(doc_id).title))
        table.add_row(st.id, str(len(st.doc_ids)), body)
    console.print(table)
    return EXIT_OK


COMMANDS: dict[str, Callable[[Brief, argparse.Namespace], int]] = {
    "index": cmd_index,
    "search": cmd_search,
    "compare": cmd_compare,
    "events": cmd_events,
    "stories": cmd_stories,
}


def _check_arguments(command: str, args: argparse.Namespace) -> None:
    """Usage errors that need no brief: found before seconds are spent loading one."""
    if command == "search":
        if not args.query.strip():
            raise UsageError("brieftui search: the query is empty")
        if args.limit < 1:
            raise UsageError("brieftui search: --limit must be 1 or more")
    if command == "compare" and args.text is not None and not args.text.strip():
        raise UsageError("brieftui compare: --text is empty")


def run(command: str, args: argparse.Namespace) -> int:
    """Run ``index``, ``search``, ``compare``, ``events`` or ``stories``."""
    if command == "compare" and args.text and args.passage_id:
        # With --text there is no passage id: the optional positional was the first path.
        if ":" in args.passage_id and not Path(args.passage_id).exists():
            raise UsageError(
                "brieftui compare: give a PASSAGE_ID or --text TEXT, not both "
                f"('{args.passage_id}' is no file or folder)"
            )
        args.paths = [args.passage_id, *args.paths]
        args.passage_id = None
    _check_arguments(command, args)
    brief = load_brief(args)
    return COMMANDS[command](brief, args)
