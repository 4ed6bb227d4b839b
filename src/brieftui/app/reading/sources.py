"""The Sources pane: every document of the brief, one two-line entry each.

An OptionList, so a 5,000-document brief is 5,000 cheap options rendered lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from brieftui.app.content import plain
from brieftui.app.reading.choice_list import ChoiceList
from brieftui.spans import shorten

if TYPE_CHECKING:
    from brieftui.model import Document

TITLE_MAX = 64


def source_prompt(doc: Document, read: bool = False) -> Content:
    """Title, then byline · date · passages; a document already read is dimmed."""
    title = shorten(doc.title, TITLE_MAX)
    meta = [m for m in (doc.byline, doc.date) if m]
    count = doc.passage_count
    meta.append(f"{count} passage{'' if count == 1 else 's'}")
    style = "bold" if not doc.title_is_fallback else "italic"
    if read:
        style = "$text-muted"
    return Content.assemble(
        plain(title, style, newlines=False),
        "\n",
        plain(" · ".join(meta), "$text-muted", newlines=False),
    )


class SourcesList(ChoiceList):
    """Pick a document: Enter or a click opens it."""

    class Chosen(Message):
        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Sources"
        self._documents: dict[str, Document] = {}

    def set_documents(self, documents: Sequence[Document], read: set[str] | None = None) -> None:
        """List ``documents``; those in ``read`` are dimmed."""
        read = read or set()
        self._documents = {doc.id: doc for doc in documents}
        options: list[Option] = []
        for doc in documents:
            options.append(Option(source_prompt(doc, doc.id in read), id=doc.id))
            options.append(Option(Content(""), disabled=True))  # a gap between entries
        self.set_options(options[:-1])
        self.border_title = f"Sources ({len(documents)})"

    def set_read(self, doc_id: str, read: bool) -> None:
        """Dim (or undim) ``doc_id``'s entry."""
        doc = self._documents.get(doc_id)
        if doc is not None:
            self.replace_option_prompt(doc_id, source_prompt(doc, read))

    def mark(self, doc_id: str) -> None:
        """Show ``doc_id`` as the current document without posting a Chosen message."""
        try:
            index = self.get_option_index(doc_id)
        except Exception:
            return
        self.show_at(index)
