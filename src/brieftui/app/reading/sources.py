"""The Sources pane: every document of the brief, one two-line entry each.

An OptionList, so a 5,000-document brief is 5,000 cheap options rendered lazily.
When the brief tells more than one news story (:meth:`brieftui.brief.Brief.stories`,
computed in a worker after loading), the documents are grouped under one heading
per story, largest first; a one-story brief stays a plain list.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, NamedTuple

from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option, OptionDoesNotExist

from brieftui.app.content import plain
from brieftui.app.reading.choice_list import ChoiceList
from brieftui.spans import shorten

if TYPE_CHECKING:
    from brieftui.compare import Story
    from brieftui.model import Document

TITLE_MAX = 64
STORY_MAX = 60
FILL_CHUNK = 250
"""Entries added to the list per turn of the event loop (about 8 ms of measuring)."""
FILL_PAUSE = 0.002
"""Seconds between chunks: long enough for a key to go through all its hops."""


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
        self._generation = 0  # bumped by every new list: a fill of an older one stops
        self._filling = False
        self._wanted: str | None = None  # marked while its entry was still to come

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
        options = list(_entries(self._documents, grouped, read))
        return Grouped(self._documents, grouped, read, options, _title(self._documents, grouped))

    def show_grouped(self, grouped: Grouped | None) -> None:
        """Swap in what :meth:`group` made, keeping the highlighted document."""
        if grouped is None or grouped.documents is not self._documents:
            return  # nothing to change, or made for the documents of another brief
        self._stories = grouped.stories
        self._show(grouped.options, grouped.title, grouped.read)

    def _show(self, entries: Iterable[Option], title: str, made_read: set[str]) -> None:
        """Show ``entries`` (dimmed as ``made_read`` said), keeping the highlighted
        document: up to :data:`FILL_CHUNK` at once, the rest a chunk per turn of the
        event loop (taken from ``entries`` then: a generator makes them as they go).

        Why in chunks: the list measures each entry as it is added; for 20,000 entries
        that was 0.7 s on the event loop (and making them 0.3 s more), seconds while a
        build shared the interpreter, and a key pressed meanwhile waited for all of it.
        """
        self._generation += 1
        current = self.highlighted_id if self._wanted is None else self._wanted
        self._wanted = None
        self.border_title = title
        rest = iter(entries)
        self.set_options(islice(rest, FILL_CHUNK))
        more = list(islice(rest, 1))
        if not more or not self.is_mounted:
            self._filling = False  # (a fill of an older list stops at its next turn)
            self.add_options(chain(more, rest))
            self._settle(made_read, current)
            return
        self._filling = True
        if current is not None:
            self.mark(current)  # now if its entry came first, else once it comes
        self.run_worker(
            # the function, not a coroutine: a fill replaced before it starts makes none
            partial(self._fill, self._generation, chain(more, rest), made_read),
            group="sources-fill",
            exclusive=True,
            exit_on_error=False,
        )

    async def _fill(self, generation: int, rest: Iterator[Option], made_read: set[str]) -> None:
        while True:
            await asyncio.sleep(FILL_PAUSE)
            if generation != self._generation:
                return  # a newer list replaced this one
            chunk = list(islice(rest, FILL_CHUNK))
            if not chunk:
                break
            self.add_options(chunk)
        self._filling = False
        wanted, self._wanted = self._wanted, None
        self._settle(made_read, wanted)

    def _settle(self, made_read: set[str], current: str | None) -> None:
        """Entries read or unread since they were made are redrawn; ``current`` marked."""
        for doc_id in made_read ^ self._read:
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
        read = set(self._read)
        entries = _entries(self._documents, self._stories, read)
        self._show(entries, _title(self._documents, self._stories), read)

    def set_read(self, doc_id: str, read: bool) -> None:
        """Dim (or undim) ``doc_id``'s entry."""
        doc = self._documents.get(doc_id)
        if read:
            self._read.add(doc_id)
        else:
            self._read.discard(doc_id)
        if doc is not None:
            # an entry still to come is redrawn when the fill ends (_settle)
            with contextlib.suppress(OptionDoesNotExist):
                self.replace_option_prompt(doc_id, source_prompt(doc, read))

    def mark(self, doc_id: str) -> None:
        """Show ``doc_id`` as the current document without posting a Chosen message."""
        try:
            index = self.get_option_index(doc_id)
        except Exception:
            if self._filling:
                self._wanted = doc_id  # marked when its entry comes
            return
        self._wanted = None
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


def _entries(
    documents: dict[str, Document], stories: Sequence[Story], read: set[str]
) -> Iterator[Option]:
    """The entries of ``documents`` (grouped under ``stories`` when given), made as they
    are taken: in any thread, or a chunk at a time on the event loop (:meth:`SourcesList._show`)."""
    if stories:
        for n, story in enumerate(stories):
            if n:
                yield Option(Content(""), disabled=True)
            count = len(story.doc_ids)
            yield Option(
                Content.assemble(
                    Content.styled(f"▍{story.id} · ", "bold $text-accent"),
                    plain(shorten(story.label, STORY_MAX), "bold $text-accent", newlines=False),
                    Content.styled(f" ({count})", "$text-muted"),
                ),
                disabled=True,
            )
            for doc_id in story.doc_ids:
                doc = documents.get(doc_id)
                if doc is not None:
                    yield Option(source_prompt(doc, doc.id in read), id=doc.id)
        return
    for n, doc in enumerate(documents.values()):
        if n:
            yield Option(Content(""), disabled=True)  # a gap between entries
        yield Option(source_prompt(doc, doc.id in read), id=doc.id)


def _title(documents: dict[str, Document], stories: Sequence[Story]) -> str:
    if stories:
        return f"Sources ({len(documents)}, {len(stories)} stories)"
    return f"Sources ({len(documents)})"
