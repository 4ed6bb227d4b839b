"""Command-palette provider for Compare and Events: "Compare current passage", "Events overview"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from brieftui.app.app import BriefApp


class CompareCommands(Provider):
    """The two compare entry points, for people who look in the palette before the keys."""

    def _commands(self) -> list[tuple[str, str, str]]:
        return [
            (
                "Compare current passage",
                "compare",
                "How every other source covers the current passage (c)",
            ),
            ("Events overview", "events", "Every event of the brief by source (e)"),
        ]

    async def _run(self, action: str) -> None:
        app: BriefApp = self.app  # type: ignore[assignment]
        await app.run_action(action)

    async def discover(self) -> Hits:
        for text, action, help_text in self._commands():
            yield DiscoveryHit(text, lambda a=action: self._run(a), text, help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), lambda a=action: self._run(a), text, help_text
                )
