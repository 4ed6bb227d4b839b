"""The Reader: one clean article as an OptionList of title, byline, headings and passages.

Passages are the enabled options (ids are passage ids); the title, byline and
headings are disabled options, so the cursor moves passage by passage and skips
them. An OptionList renders only the visible lines and caches the rest, so moving
the highlight on a 3,000-passage document repaints two options, not the article.

An OptionList still measures every option once when it is filled (about 3.5 s per
MB of text here), so a very large document (a dump, a file without blank lines)
is shown a window of about ``WINDOW_CHARS`` of text at a time, around the current
passage; moving past either end of the window moves the window. A line at each
end says how many passages lie beyond it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from brieftui.app.content import highlighted, plain

if TYPE_CHECKING:
    from brieftui.model import Document, Passage, Section

Spans = Sequence[tuple[int, int]]

NOTE_MARK = "✎ "
"""Shown before a passage that has notes."""
WINDOW_CHARS = 120_000
"""Documents with more text than this are shown a window of about this much at a time."""


def byline_text(doc: Document) -> str:
    """``author · publisher · date``: what is known, never invented."""
    parts = [p for p in (doc.author, doc.publisher if doc.publisher != doc.author else None) if p]
    if doc.date:
        parts.append(doc.date)
    return " · ".join(parts)


def _beyond(count: int, which: str, hint: str) -> Content:
    noun = "passage" if count == 1 else "passages"
    return Content.styled(f"⋯ {count:,} {which} {noun} ({hint})", "italic $text-muted")


class Reader(OptionList):
    """The article being read; the highlighted option is the current passage."""

    BINDINGS = [
        Binding("home", "first_passage", "First passage", show=False),
        Binding("end", "last_passage", "Last passage", show=False),
    ]

    class PassageChanged(Message):
        """The current passage changed (keys, mouse or a jump)."""

        def __init__(self, passage_id: str) -> None:
            super().__init__()
            self.passage_id = passage_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.document: Document | None = None
        self._highlights: Mapping[str, Spans] = {}
        self.noted: frozenset[str] = frozenset()
        """Passage ids that have notes: marked with ``NOTE_MARK`` (see :meth:`set_noted`)."""
        self._order: list[tuple[Section, Passage]] = []
        """Every passage of the document in reading order, with its section."""
        self._position: dict[str, int] = {}
        self._windowed = False
        self._window = (-1, -1)
        """The passage indexes ``[lo, hi)`` in the list now."""

    def show_document(
        self,
        doc: Document,
        passage_id: str | None = None,
        highlights: Mapping[str, Spans] | None = None,
    ) -> None:
        """Show ``doc`` (rebuilt only if the document or its highlights changed)."""
        highlights = dict(highlights or {})
        if doc is not self.document or highlights != self._highlights:
            self.document = doc
            self._highlights = highlights
            self._order = [
                (section, passage) for section in doc.sections for passage in section.passages
            ]
            self._position = {passage.id: n for n, (_s, passage) in enumerate(self._order)}
            self._windowed = sum(len(p.text) for _s, p in self._order) > WINDOW_CHARS
            self._window = (-1, -1)
            if not self._windowed:
                self._fill(0, len(self._order))
        self.go_to(passage_id)

    def _window_around(self, index: int) -> tuple[int, int]:
        """Passage indexes ``[lo, hi)`` holding about ``WINDOW_CHARS`` around ``index``."""
        order = self._order
        lo = hi = index
        budget = WINDOW_CHARS
        while budget > 0 and (lo > 0 or hi < len(order)):
            if hi < len(order):
                budget -= len(order[hi][1].text)
                hi += 1
            if lo > 0 and budget > 0:
                lo -= 1
                budget -= len(order[lo][1].text)
        return lo, max(hi, index + 1)

    def _fill(self, lo: int, hi: int) -> None:
        """Fill the list with passages ``[lo, hi)`` of the document (all of a small one)."""
        doc = self.document
        assert doc is not None
        self._window = (lo, hi)
        options: list[Option] = []
        if lo == 0:
            options.append(Option(plain(doc.title, "bold $text-primary"), disabled=True))
            byline = byline_text(doc)
            if byline:
                options.append(Option(plain(byline, "italic $text-muted"), disabled=True))
            if doc.url:
                url = plain(doc.url, "underline $text-muted", newlines=False)
                options.append(Option(url, disabled=True))
            options.append(Option(Content(""), disabled=True))
        else:
            options.append(Option(_beyond(lo, "earlier", "g goes to the first"), disabled=True))
        if not self._order:
            options.append(
                Option(Content.styled("(no article text)", "$text-muted"), disabled=True)
            )
        previous_section = self._order[lo - 1][0] if lo > 0 else None
        for section, passage in self._order[lo:hi]:
            if section is not previous_section and section.heading:
                style = "bold $text-accent" if section.level <= 1 else "bold"
                options.append(Option(plain(section.heading, style), disabled=True))
            previous_section = section
            options.append(Option(self._prompt(passage, self._highlights), id=passage.id))
            options.append(Option(Content(""), disabled=True))  # the gap between paragraphs
        if hi < len(self._order):
            rest = len(self._order) - hi
            options.append(Option(_beyond(rest, "more", "G goes to the last"), disabled=True))
        self.set_options(options)

    def _prompt(self, passage: Passage, highlights: Mapping[str, Spans]) -> Content:
        spans = highlights.get(passage.id)
        prompt = highlighted(passage.text, spans) if spans else plain(passage.text)
        if passage.id in self.noted:
            prompt = Content.assemble(Content.styled(NOTE_MARK, "bold $text-warning"), prompt)
        return prompt

    def set_noted(self, passage_ids: frozenset[str]) -> None:
        """Mark the passages that have notes (only changed, shown passages are redrawn)."""
        changed = self.noted ^ passage_ids
        self.noted = frozenset(passage_ids)
        if self.document is None or not changed:
            return
        lo, hi = self._window
        for _section, passage in self._order[lo:hi]:
            if passage.id in changed:
                self.replace_option_prompt(passage.id, self._prompt(passage, self._highlights))

    def show_empty(self, text: str) -> None:
        """No document to show: say why in the reader instead of leaving it blank."""
        self.document = None
        self._highlights = {}
        self._order, self._position, self._window = [], {}, (-1, -1)
        self.set_options([Option(plain(text, "$text-muted"), disabled=True)])

    def go_to_number(self, number: int) -> None:
        """Highlight passage ``number`` (1-based) of the document, clamped to its range."""
        if self._order:
            self.go_to(self._order[max(1, min(number, len(self._order))) - 1][1].id)

    def action_first_passage(self) -> None:
        """The first passage (not the title line)."""
        if self._order:
            self.go_to(self._order[0][1].id)

    def action_last_passage(self) -> None:
        if self._order:
            self.go_to(self._order[-1][1].id)

    def go_to(self, passage_id: str | None) -> None:
        """Highlight ``passage_id`` (the first passage when ``None`` or unknown)."""
        if self._windowed:
            at = self._position.get(passage_id or "", 0)
            lo, hi = self._window
            if not lo <= at < hi:
                self._fill(*self._window_around(at))
        index: int | None = None
        if passage_id is not None:
            try:
                index = self.get_option_index(passage_id)
            except Exception:
                index = None
        if index is None:
            self.action_first()
        else:
            self.highlighted = index
        self._center_highlight()

    def _center_highlight(self) -> None:
        if self.highlighted is not None:
            self.call_after_refresh(self.scroll_to_highlight, top=False)

    @property
    def passage_id(self) -> str | None:
        """The id of the current passage, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def move(self, direction: int) -> None:
        """Next (``1``) or previous (``-1``) passage, stopping at the ends (no wrap)."""
        if self.highlighted is None:
            self.action_first()
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction
        current = self.passage_id
        if self._windowed and current is not None:  # past the window's end: move the window
            target = self._position.get(current, 0) + direction
            if 0 <= target < len(self._order):
                self.go_to(self._order[target][1].id)

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def on_resize(self) -> None:
        """Rewrapping moves every line: keep the current passage in view across a resize."""
        self._center_highlight()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Keep the current passage in view with a few lines of context above it."""
        super().scroll_to_highlight(top=top)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.PassageChanged(event.option.id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
