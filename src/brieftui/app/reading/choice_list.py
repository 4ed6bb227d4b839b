"""An OptionList for panes that follow the reader: moving is not choosing.

The Sources and Outline panes are moved by the app (to show where the reader is)
and by the user (arrows, mouse). Only a real choice (Enter or a click) should open
something, so highlight changes stay inside the widget and a choice is posted as
the subclass's own ``Chosen(value)`` message, which keeps handler names distinct
(``on_sources_list_chosen``, ``on_outline_list_chosen``).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.widgets import OptionList


class ChoiceList(OptionList):
    """Subclasses define ``class Chosen(Message)`` taking the chosen option's id."""

    Chosen: Any

    def on_resize(self) -> None:
        """Keep the highlighted entry in view when the pane is resized."""
        if self.highlighted is not None:
            self.call_after_refresh(self.scroll_to_highlight)

    def show_at(self, index: int) -> None:
        """Highlight ``index`` to follow the reader, without it counting as a choice."""
        if self.highlighted != index:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
