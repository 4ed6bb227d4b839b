"""The command palette (``ctrl+p``): jump to any document or section, or run a command.

One provider built from the loaded brief: ``Open: <title>`` for every document,
``Section: <heading>`` for every section, and the app's commands (compare,
events, notes, export) for people who look in the palette before the keys.
Themes and quit come from Textual's own system commands (``App.COMMANDS``).

Every prompt and help line is a ``Content`` built from the data as plain text:
Textual parses a *string* prompt or help as markup, and a title such as
``[@click=app.quit]Talks[/]`` must be read, not clicked. The fuzzy highlight is
applied here for the same reason (``Matcher.highlight`` parses its input).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from brieftui.app import messages
from brieftui.app.content import plain

if TYPE_CHECKING:
    from brieftui.app.app import BriefApp

MAX_DISCOVERY = 30


@dataclass(frozen=True)
class Target:
    """One palette entry: what is shown, what it does, and its help line."""

    text: str
    run: Callable[[], Any]
    help: str
    discoverable: bool = False
    also: str = ""
    """Matched too, though not shown as the prompt: a document's outlet and file name
    (from a trial, "accountingweb" found nothing though search's ``source:`` did)."""


class BriefCommands(Provider):
    """Documents, sections and the app's commands (see the module docstring)."""

    async def startup(self) -> None:
        self._cache = self._build_targets()

    def _targets(self) -> list[Target]:
        cache = getattr(self, "_cache", None)
        return cache if cache is not None else self._build_targets()

    @property
    def _app(self) -> BriefApp:
        return cast("BriefApp", self.app)

    def _post(self, message: Any) -> None:
        self._app.post_message(message)

    def _from_main(self, action: str) -> None:
        main = self._app.main_screen
        if main is not None:
            self._app.call_later(main.run_action, action)

    def _build_targets(self) -> list[Target]:
        app = self._app
        targets = [
            Target(
                "Compare current passage",
                partial(self._from_main, "compare"),
                "How every other source covers the current passage (c)",
                True,
            ),
            Target(
                "Events overview",
                partial(self._post, messages.EventsRequested()),
                "Every event of the brief by source (e)",
                True,
            ),
            Target(
                "Notes",
                partial(self._post, messages.NotesRequested()),
                "Every note of the brief: filter, open, edit, delete (ctrl+n)",
                True,
            ),
            Target(
                "Add a note",
                partial(self._from_main, "add_note"),
                "A note on the current passage (a)",
                True,
            ),
            Target(
                "Export notes",
                partial(self._post, messages.ExportRequested()),
                "Write the notes to a markdown file and say where (x)",
                True,
            ),
        ]
        brief = app.brief
        if brief is None:
            return targets
        for doc in brief.documents:
            file_name = os.path.basename(doc.path or "")
            outlet = doc.publisher if doc.publisher != doc.byline else None
            help_line = " · ".join(x for x in (doc.byline, doc.date, outlet, file_name) if x)
            targets.append(
                Target(
                    f"Open: {doc.title}",
                    partial(app.open_document, doc.id, None),
                    help_line or "Open this document",
                    True,
                    " ".join(x for x in (doc.publisher, file_name) if x),
                )
            )
        for doc in brief.documents:
            for heading, first_passage in doc.headed_sections():
                targets.append(
                    Target(
                        f"Section: {heading}",
                        partial(app.open_document, doc.id, first_passage),
                        doc.title,
                    )
                )
        return targets

    @staticmethod
    def _highlight(matcher: Matcher, text: str) -> Content:
        """``text`` as plain Content with the fuzzy match's letters styled."""
        content = plain(text, newlines=False)
        _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
        for offset in offsets:
            if offset < len(text) and not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
        return content

    async def discover(self) -> Hits:
        shown = [t for t in self._targets() if t.discoverable][:MAX_DISCOVERY]
        for target in shown:
            yield DiscoveryHit(
                plain(target.text, newlines=False),
                target.run,
                target.text,
                cast("str", plain(target.help, newlines=False)),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for target in self._targets():
            score = matcher.match(target.text)
            if target.also:  # a little below a match of the prompt itself
                score = max(score, 0.9 * matcher.match(target.also))
            if score > 0:
                yield Hit(
                    score,
                    self._highlight(matcher, target.text),
                    target.run,
                    target.text,
                    cast("str", plain(target.help, newlines=False)),
                )
