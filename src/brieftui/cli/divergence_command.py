"""``brieftui divergences``: where the sources of a brief disagree.

Prints, per event, each slot on which sources give different values (a death toll, a
date, a role, a quotation), with every value as written and its source; ``--json``
gives the documented shape (README "Command line"). Every value from an article is
shown through :mod:`brieftui.cli.output`, never as markup.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.table import Table
from rich.text import Text

from brieftui.brief import Brief
from brieftui.cli import output
from brieftui.cli.common import load_brief
from brieftui.cli.errors import EXIT_OK
from brieftui.divergence import Divergence


def divergence_json(d: Divergence) -> dict[str, Any]:
    """One divergence in the ``divergences --json`` shape."""
    return {
        "event": d.event,
        "kind": d.kind,
        "slot": d.slot,
        "values": [
            {"passage_id": v.passage_id, "doc_id": v.doc_id, "text": v.text, "span": list(v.span)}
            for v in d.values
        ],
    }


def difference_lines(divergences: list[Divergence]) -> list[Text]:
    """For a compare match: ``≠ differs from the anchor``, then ``slot: anchor's value vs
    this source's`` per divergence (the app's Compare column says the same)."""
    if not divergences:
        return []
    lines = [Text("≠ differs from the anchor", style="bold red")]
    for d in divergences:
        first, last = d.values[0], d.values[-1]
        line = output.plain(f"{d.slot or d.kind}: ", style="bold")
        line.append_text(output.plain(" ".join(first.text.split()), style="bold yellow"))
        line.append(" vs ", style="dim")
        line.append_text(output.plain(" ".join(last.text.split()), style="bold yellow"))
        lines.append(line)
    return lines


def cmd_divergences(brief: Brief, args: argparse.Namespace) -> int:
    divergences = brief.divergences()
    if args.json:
        output.print_json({"divergences": [divergence_json(d) for d in divergences]})
        return EXIT_OK
    console = output.console()
    docs = brief.documents
    number = {doc.id: n for n, doc in enumerate(docs, start=1)}
    if not divergences:
        console.print(Text("No divergences found between sources reporting the same event."))
        return EXIT_OK
    labels = {ev.id: ev.label for ev in brief.events()}
    title = f"{output.plural(len(divergences), 'divergence')} between {output.plural(len(docs), 'source')}"
    table = Table(title=title, show_lines=True)
    table.add_column("event", ratio=1, overflow="fold")
    table.add_column("what", ratio=1, overflow="fold")
    table.add_column("sources say", ratio=3, overflow="fold")
    for d in divergences:
        what = output.plain(d.slot)
        what.append(f"\n{d.kind}", style="dim")
        said = Text()
        for i, v in enumerate(d.values):
            if i:
                said.append("\n")
            said.append(f"S{number.get(v.doc_id, 0)} ", style="cyan")
            text = " ".join(v.text.split())
            said.append_text(output.plain(text, style="bold yellow"))
            if d.kind in ("figure", "date", "time") and v.value != text:
                said.append("  ")
                said.append_text(output.plain(v.value, style="dim"))
        table.add_row(output.plain(labels.get(d.event or "", d.event or "")), what, said)
    console.print(table)
    for n, doc in enumerate(docs, start=1):
        line = Text(f"S{n} ", style="dim")
        line.append_text(output.plain(doc.title))
        console.print(line)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run ``brieftui divergences``."""
    return cmd_divergences(load_brief(args), args)
