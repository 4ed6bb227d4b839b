"""Command-palette providers: jump to any document or section by fuzzy name.

Themes and quit come from Textual's own system commands (``App.COMMANDS``).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from brieftui.app.app import BriefApp

MAX_DISCOVERY = 30


class BriefCommands(Provider):
    """``Open: <title>`` for every document, ``Section: <heading> — <title>`` for every section."""

    async def startup(self) -> None:
        self._cache = self._build_targets()

    def _targets(self) -> list[tuple[str, str, str | None, str]]:
        cache = getattr(self, "_cache", None)
        return cache if cache is not None else self._build_targets()

    def _build_targets(self) -> list[tuple[str, str, str | None, str]]:
        """(text, doc_id, passage_id, help) for every document and section."""
        app: BriefApp = self.app  # type: ignore[assignment]
        brief = app.brief
        if brief is None:
            return []
        targets: list[tuple[str, str, str | None, str]] = []
        for doc in brief.documents:
            byline = " · ".join(x for x in (doc.byline, doc.date) if x)
            targets.append((f"Open: {doc.title}", doc.id, None, byline or "Open this document"))
        for doc in brief.documents:
            for section in doc.sections:
                if section.heading and section.passages:
                    targets.append(
                        (f"Section: {section.heading}", doc.id, section.passages[0].id, doc.title)
                    )
        return targets

    def _go(self, doc_id: str, passage_id: str | None) -> None:
        app: BriefApp = self.app  # type: ignore[assignment]
        app.open_document(doc_id, passage_id)

    async def discover(self) -> Hits:
        for text, doc_id, passage_id, help_text in self._targets()[:MAX_DISCOVERY]:
            if passage_id is None:
                yield DiscoveryHit(text, partial(self._go, doc_id, passage_id), text, help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, doc_id, passage_id, help_text in self._targets():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self._go, doc_id, passage_id),
                    text,
                    help_text,
                )
