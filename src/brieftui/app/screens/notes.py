"""Placeholder: replaced below."""

from textual.screen import Screen


class NotesScreen(Screen[None]):
    def focus_filter(self) -> None:
        pass
