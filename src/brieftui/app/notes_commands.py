"""Command-palette provider for notes: "Notes", "Add a note", "Export notes"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from brieftui.app.app import BriefApp

COMMANDS = [
    ("Notes", "notes", "Every note of the brief: filter, open, edit, delete (ctrl+n)"),
    ("Add a note", "add_note", "A note on the current passage (a)"),
    ("Export notes", "export_notes", "Write the notes to a markdown file and say where (x)"),
]


class NotesCommands(Provider):
    """The notes entry points, for people who look in the palette before the keys."""

    async def _run(self, action: str) -> None:
        app: BriefApp = self.app  # type: ignore[assignment]
        await app.run_action(action)

    async def discover(self) -> Hits:
        for text, action, help_text in COMMANDS:
            yield DiscoveryHit(text, lambda a=action: self._run(a), text, help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text in COMMANDS:
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), lambda a=action: self._run(a), text, help_text
                )
