"""The Sources pane: every document of the brief, one two-line entry each.

An OptionList, so a 5,000-document brief is 5,000 cheap options rendered lazily.
When the brief tells more than one news story (:meth:`brieftui.brief.Brief.stories`,
computed in a worker after loading), the documents are grouped under one heading
per story, largest first; a one-story brief stays a plain list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

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
        self.show_grouped(self.group(stories))

    def group(self, stories: Sequence[Story]) -> Grouped | None:
        """The options for ``stories``, made in the caller's thread: ``None`` when there
        is nothing to change.

        Why apart from :meth:`show_grouped`: at 10,000 documents making the entries
        takes a third of a second of Python, several seconds when a build shares the
        interpreter with it; the screen's stories worker calls this, so the event loop
        only swaps the finished list in. It reads the documents and the read set, which
        change only on the event loop; a document read meanwhile is fixed when shown.
        """
        grouped = list(stories) if len(stories) > 1 else []
        if not grouped and not self._stories:
            return None  # one story: the plain list stays as it is (highlight included)
        read = set(self._read)  # one C call: a consistent copy whatever the loop does
        options, title = _options(self._documents, grouped, read)
        return Grouped(self._documents, grouped, read, options, title)

    def show_grouped(self, grouped: Grouped | None) -> None:
        """Swap in what :meth:`group` made, keeping the highlighted document."""
        if grouped is None or grouped.documents is not self._documents:
            return  # nothing to change, or made for the documents of another brief
        self._stories = grouped.stories
        current = self.highlighted_id
        self.border_title = grouped.title
        self.set_options(grouped.options)
        for doc_id in grouped.read ^ self._read:  # read or unread since it was made
            doc = self._documents.get(doc_id)
            if doc is not None:
                self.replace_option_prompt(doc_id, source_prompt(doc, doc_id in self._read))
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
        options, title = _options(self._documents, self._stories, self._read)
        self.border_title = title
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


class Grouped(NamedTuple):
    """The Sources entries for some stories, made off the event loop (:meth:`SourcesList.group`)."""

    documents: dict[str, Document]
    """The entries' documents: what the list showed when they were made."""
    stories: list[Story]
    read: set[str]
    """The documents dimmed in ``options``."""
    options: list[Option]
    title: str


def _options(
    documents: dict[str, Document], stories: Sequence[Story], read: set[str]
) -> tuple[list[Option], str]:
    """The entries of ``documents`` (grouped under ``stories`` when given) and the border
    title: plain data, made in any thread."""
    options: list[Option] = []
    if stories:
        for story in stories:
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
                doc = documents.get(doc_id)
                if doc is not None:
                    options.append(Option(source_prompt(doc, doc.id in read), id=doc.id))
        return options, f"Sources ({len(documents)}, {len(stories)} stories)"
    for doc in documents.values():
        options.append(Option(source_prompt(doc, doc.id in read), id=doc.id))
        options.append(Option(Content(""), disabled=True))  # a gap between entries
    return options[:-1], f"Sources ({len(documents)})"
