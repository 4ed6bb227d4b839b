"""The Sources pane: every document of the brief, one two-line entry each.

An OptionList, so a 5,000-document brief is 5,000 cheap options rendered lazily.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from brieftui.app.content import plain
from brieftui.app.reading.choice_list import ChoiceList
from brieftui.model import Document

TITLE_MAX = 64


def source_prompt(doc: Document) -> Content:
    title = doc.title if len(doc.title) <= TITLE_MAX else doc.title[: TITLE_MAX - 1] + "…"
    meta = [m for m in (doc.byline, doc.date) if m]
    count = doc.passage_count
    meta.append(f"{count} passage{'' if count == 1 else 's'}")
    return Content.assemble(
        plain(title, "bold" if not doc.title_is_fallback else "italic", newlines=False),
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

    def set_documents(self, documents: Sequence[Document]) -> None:
        options: list[Option] = []
        for doc in documents:
            options.append(Option(source_prompt(doc), id=doc.id))
            options.append(Option(Content(""), disabled=True))  # a gap between entries
        self.set_options(options[:-1])
        self.border_title = f"Sources ({len(documents)})"

    def mark(self, doc_id: str) -> None:
        """Show ``doc_id`` as the current document without posting a Chosen message."""
        try:
            index = self.get_option_index(doc_id)
        except Exception:
            return
        self.show_at(index)
