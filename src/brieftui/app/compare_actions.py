"""The app's compare actions: ``c`` (Compare the current passage or search hit) and ``e`` (Events).

``CompareMixin`` is mixed into :class:`~brieftui.app.app.BriefApp`; the screens
live in ``screens/compare.py`` and ``screens/events.py`` and do their work in
thread workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brieftui.compare import Event


class CompareMixin:
    """Compare and Events actions for the app (see the module docstring)."""

    def compare_target(self: Any) -> str | None:
        """The passage ``c`` compares: the highlighted search hit when the results list
        has focus, else the reader's current passage."""
        from brieftui.app.screens.main import MainScreen

        screen = self.screen
        if isinstance(screen, MainScreen):
            bar = screen.search_bar
            results = bar.results
            index = results.highlighted
            if (
                bar.display
                and bar.hits
                and self.focused is results
                and index is not None
                and 0 <= index < len(bar.hits)
            ):
                return bar.hits[index].passage_id
        try:
            return self.current_passage_id
        except RuntimeError:
            return None

    def open_compare(self: Any, passage_id: str | None, *, event: Event | None = None) -> None:
        """Push Compare anchored on ``passage_id`` (on ``event``'s passages when given)."""
        from brieftui.app.screens.compare import CompareScreen

        self.push_screen(CompareScreen(passage_id, event=event))

    def action_compare(self: Any) -> None:
        """``c``: compare the current passage (or the highlighted search hit) across sources."""
        brief = self.brief
        if brief is None:
            self.notify("The brief is still opening.", severity="warning", timeout=3)
            return
        passage_id = self.compare_target()
        if passage_id is None or not brief.has_passage(passage_id):
            self.notify("There is no passage here to compare.", severity="warning", timeout=3)
            return
        if len(brief.documents) < 2:
            self.notify("Compare needs at least two sources.", severity="warning", timeout=3)
            return
        self.open_compare(passage_id)

    def action_events(self: Any) -> None:
        """``e``: the events of the brief, by the sources that cover them."""
        from brieftui.app.screens.events import EventsScreen

        if self.brief is None:
            self.notify("The brief is still opening.", severity="warning", timeout=3)
            return
        if isinstance(self.screen, EventsScreen):
            return
        if any(isinstance(s, EventsScreen) for s in self.screen_stack):
            # back to the one already open (e.g. Events → Compare → palette "Events overview")
            while not isinstance(self.screen, EventsScreen):
                self.pop_screen()
            return
        self.push_screen(EventsScreen())
