"""The Outline pane: the sections of the current document; choosing one jumps there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets.option_list import Option

from brieftui.app.content import plain
from brieftui.app.reading.choice_list import ChoiceList

if TYPE_CHECKING:
    from brieftui.model import Document, Section


class OutlineList(ChoiceList):
    """Sections of the current document (the lead first); follows the reader."""

    class Chosen(Message):
        def __init__(self, passage_id: str) -> None:
            super().__init__()
            self.passage_id = passage_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Outline"
        self._first_passage: dict[str, int] = {}

    def set_document(self, doc: Document) -> None:
        options: list[Option] = []
        self._first_passage = {}
        for section in doc.sections:
            if not section.passages:
                continue  # a heading with no text under it is not a place to go
            first = section.passages[0].id
            label = section.heading or "(lead)"
            style = "" if section.heading else "italic $text-muted"
            indent = "  " if section.level >= 2 else ""
            self._first_passage[first] = len(options)
            options.append(Option(plain(indent + label, style, newlines=False), id=first))
        self.set_options(options)

    def mark(self, section: Section) -> None:
        """Highlight ``section`` (the one holding the current passage)."""
        if not section.passages:
            return
        index = self._first_passage.get(section.passages[0].id)
        if index is not None:
            self.show_at(index)
