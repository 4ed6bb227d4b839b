"""The Sources pane: every document of the brief, one two-line entry each.

An OptionList, so a 5,000-document brief is 5,000 cheap options rendered lazily.
When the brief tells more than one news story (:meth:`brieftui.brief.Brief.stories`,
computed in a worker after loading), the documents are grouped under one heading
per story, largest first; a one-story brief stays a plain list.
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
    from brieftui.compare import Story
    from brieftui.model import Document

TITLE_MAX = 64
STORY_MAX = 60


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
        self._stories: list[Story] = []
        self._read: set[str] = set()

    def set_documents(self, documents: Sequence[Document], read: set[str] | None = None) -> None:
        """List ``documents``; those in ``read`` are dimmed."""
        self._read = set(read or ())
        self._documents = {doc.id: doc for doc in documents}
        self._stories: list[Story] = []
        self._render_options()

    def set_stories(self, stories: Sequence[Story]) -> None:
        """Group the documents by story (a single story changes nothing)."""
        grouped = list(stories) if len(stories) > 1 else []
        if not grouped and not self._stories:
            return  # one story: the plain list stays as it is (highlight included)
        self._stories = grouped
        current = self.highlighted_id
        self._render_options()
        if current is not None:
            self.mark(current)

    @property
    def highlighted_id(self) -> str | None:
        index = self.highlighted
        if index is None:
            return None
        try:
            return self.get_option_at_index(index).id
        except Exception:
            return None

    def _render_options(self) -> None:
        read = getattr(self, "_read", set())
        options: list[Option] = []
        if self._stories:
            for story in self._stories:
                if options:
                    options.append(Option(Content(""), disabled=True))
                count = len(story.doc_ids)
                head = Content.assemble(
                    Content.styled(f"▍{story.id} · ", "bold $text-accent"),
                    plain(shorten(story.label, STORY_MAX), "bold $text-accent", newlines=False),
                    Content.styled(f" ({count})", "$text-muted"),
                )
                options.append(Option(head, disabled=True))
                for doc_id in story.doc_ids:
                    doc = self._documents.get(doc_id)
                    if doc is not None:
                        options.append(Option(source_prompt(doc, doc.id in read), id=doc.id))
            self.border_title = f"Sources ({len(self._documents)}, {len(self._stories)} stories)"
        else:
            for doc in self._documents.values():
                options.append(Option(source_prompt(doc, doc.id in read), id=doc.id))
                options.append(Option(Content(""), disabled=True))  # a gap between entries
            options = options[:-1]
            self.border_title = f"Sources ({len(self._documents)})"
        self.set_options(options)

    def set_read(self, doc_id: str, read: bool) -> None:
        """Dim (or undim) ``doc_id``'s entry."""
        doc = self._documents.get(doc_id)
        if read:
            self._read.add(doc_id)
        else:
            self._read.discard(doc_id)
        if doc is not None:
            self.replace_option_prompt(doc_id, source_prompt(doc, read))

    def mark(self, doc_id: str) -> None:
        """Show ``doc_id`` as the current document without posting a Chosen message."""
        try:
            index = self.get_option_index(doc_id)
        except Exception:
            return
        self.show_at(index)
