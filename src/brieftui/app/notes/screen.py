"""Notes (``ctrl+n``): every note of the brief, then every other brief's, filtered as you type.

The notes are read (and re-anchored) in a thread worker. Each is listed with its
source, section, date, tags, quote and text; notes whose passage can no longer
be found are listed apart under their own heading, with their quote, never
hidden; and the notes taken in other briefs follow, under the brief's name and
folder, so no stored note is ever out of sight (they can be edited and deleted
here, and opened from their own brief). The filter is fuzzy but cheap: over pre-lowercased text, each typed word
must appear exactly, else match with rapidfuzz's ``partial_ratio`` (words of
three letters or more), so hundreds of notes filter within a keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from brieftui.app import messages
from brieftui.app.content import plain
from brieftui.notes import AnchoredNote
from brieftui.safe_text import display_path
from brieftui.spans import shorten

if TYPE_CHECKING:
    from brieftui.app.notes.runner import StoreRunner
    from brieftui.brief import Brief
    from brieftui.notes import NoteStore
    from brieftui.notes.reattach import NotesOverview

FUZZY_CUTOFF = 80
"""rapidfuzz ``partial_ratio`` a typed word needs when it is not found exactly."""
QUOTE_CHARS = 160
TEXT_CHARS = 240
ORPHANED_HEADING = "Orphaned — the passage could not be found"


@dataclass(slots=True)
class Entry:
    """One listed note and what the filter searches in it (lowercased once).

    ``elsewhere`` names the brief a note of another brief was taken in (else ``None``).
    """

    item: AnchoredNote
    haystack: str
    elsewhere: str | None = None

    @classmethod
    def of(cls, item: AnchoredNote, elsewhere: str | None = None) -> Entry:
        note = item.note
        parts = [
            note.text,
            item.quote,
            " ".join(note.tags),
            " ".join("#" + t for t in note.tags),
            item.resolved.title,
            item.section or "",
            elsewhere or "",
        ]
        return cls(item, " ".join(parts).lower(), elsewhere)


def matches(query: str, haystack: str) -> bool:
    """Every word of ``query`` is in ``haystack``, exactly or (3+ letters) nearly."""
    for word in query.lower().split():
        if word in haystack:
            continue
        if len(word) < 3 or fuzz.partial_ratio(word, haystack, score_cutoff=FUZZY_CUTOFF) == 0:
            return False
    return True


def note_prompt(item: AnchoredNote, width: int = 76) -> Content:
    """Source and date; section, #tags; the quote; the note text (sized to ``width``)."""
    note = item.note
    width = max(30, width)
    date = note.created_at[:10]
    lines: list[Content] = [
        Content.assemble(
            plain(shorten(item.resolved.title, width - len(date) - 2), "bold"),
            "  ",
            Content.styled(date, "$text-muted"),
        )
    ]
    meta: list[Content | str] = []
    if item.section:
        meta.append(plain(shorten(item.section, max(20, width // 2)), "$text-muted"))
    if item.changed:
        meta.append(Content.styled("passage changed since noted", "bold $text-error"))
    if note.is_comparison:
        meta.append(Content.styled(f"comparison of {len(note.comparison) + 1} sources", "italic"))
    if note.tags:
        meta.append(plain(" ".join("#" + t for t in note.tags), "$text-warning"))
    if meta:
        joined: list[Content | str] = []
        for n, part in enumerate(meta):
            joined += ([" · "] if n else []) + [part]
        lines.append(Content.assemble(*joined))
    quote = shorten(item.quote, min(QUOTE_CHARS, 2 * width - 4))
    lines.append(plain(f"“{quote}”", "italic $text-muted"))
    text = shorten(note.text, min(TEXT_CHARS, 3 * width)) if note.text.strip() else ""
    lines.append(plain(text) if text else Content.styled("(a quote, no text)", "$text-muted"))
    return Content("\n").join(lines)


class NotesList(OptionList):
    """The notes; the keys that act on the highlighted note live here."""

    HELP_TITLE = "Notes list"

    BINDINGS = [
        Binding(
            "enter", "select", "Open", id="brieftui.notes.open", tooltip="Open the note's passage"
        ),
        Binding("e", "screen.edit", "Edit", id="brieftui.notes.edit", tooltip="Edit the note"),
        Binding(
            "d,delete",
            "screen.delete",
            "Delete",
            key_display="d",
            id="brieftui.notes.delete",
            tooltip="Delete the note (u undoes)",
        ),
        Binding(
            "u", "screen.undo", "Undo", id="brieftui.notes.undo", tooltip="Undo the last delete"
        ),
        Binding(
            "slash",
            "screen.focus_filter",
            "Filter",
            key_display="/",
            id="brieftui.notes.filter",
            tooltip="Back to the filter",
        ),
    ]


class NotesScreen(Screen[None]):
    """Every note of the brief: filter, open, edit, delete with undo, export."""

    HELP_TITLE = "Notes"

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Back",
            id="brieftui.notes.close",
            tooltip="Back to the reader",
        ),
        Binding(
            "down",
            "focus_list",
            "List",
            show=False,
            id="brieftui.notes.to_list",
            tooltip="From the filter down into the list",
        ),
        Binding(
            "x",
            "export",
            "Export",
            id="brieftui.notes.export",
            tooltip="Export the notes to a markdown file (the path is shown)",
        ),
    ]

    DEFAULT_CSS = """
    NotesScreen {
        #notes-filter-box {
            height: 3;
            overflow: hidden;
            border: round $border-blurred;
            border-title-color: $text-muted;
            padding: 0 1;
            &:focus-within {
                border: round $accent;
                border-title-color: $text-accent;
            }
        }
        #notes-filter {
            width: 1fr;
            height: 1;
        }
        #notes-list {
            height: 1fr;
            scrollbar-gutter: stable;  /* heights measured before a scrollbar: see Reader */
            border: round $border-blurred;
            border-title-color: $text-muted;
            border-subtitle-color: $text-muted;
            padding: 0;
            & > .option-list--option {
                padding: 0 1;
            }
            & > .option-list--option-disabled {
                color: $foreground;
            }
            & > .option-list--option-highlighted {
                background: $boost;
                color: $foreground;
                text-style: none;
            }
            &:focus {
                border: round $border;
                border-title-color: $text-accent;
                & > .option-list--option-highlighted {
                    background: $primary 22%;
                    color: $foreground;
                    text-style: none;
                }
            }
        }
    }
    """

    def __init__(self, brief: Brief, store: NoteStore, runner: StoreRunner) -> None:
        super().__init__(id="notes")
        self.brief = brief
        self.store = store
        self.runner = runner
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static("", id="title-line", markup=False)
        with Vertical(id="notes-filter-box"):
            yield Input(
                placeholder="Filter notes: text, quote, #tag, source…",
                id="notes-filter",
                compact=True,
            )
        yield NotesList(id="notes-list", markup=False)
        yield Footer()

    @property
    def notes_list(self) -> NotesList:
        return self.query_one(NotesList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#notes-filter", Input)

    def on_mount(self) -> None:
        self.notes_list.border_title = "Notes"
        self.notes_list.border_subtitle = "enter open · e edit · d delete · u undo · x export"
        self.query_one("#notes-filter-box").border_title = "Filter (↓ to the list)"
        self.notes_list.set_options([Option("Reading the notes…", disabled=True)])
        self._set_title("reading…")
        self.filter_input.focus()
        self.reload()

    def _set_title(self, text: str) -> None:
        self.query_one("#title-line", Static).update(
            f" brieftui · Notes · {self.brief.name} · {text}"
        )

    # -- loading and showing ----------------------------------------------------------
    def reload(self, keep: str | None = None) -> None:
        """Read the notes again (in a thread), keeping ``keep`` (a note id) highlighted."""
        brief, store = self.brief, self.store
        if keep is None:
            keep = self.highlighted_id

        def done(overview: NotesOverview) -> None:
            self.loaded = True
            self.entries = [Entry.of(item) for item in overview.current]
            for group in overview.others:
                where = group.brief_name
                if group.folders:
                    where += f" ({display_path(group.folders[0])})"
                self.entries += [Entry.of(item, where) for item in group.notes]
            self.show(keep)

        def failed(message: str) -> None:
            self.loaded = True
            self.notes_list.set_options(
                [Option(f"Could not read the notes: {message}", disabled=True)]
            )
            self._set_title("could not read the notes")

        self.runner.run("read the notes", lambda: store.overview(brief), done, failed)

    @property
    def highlighted_id(self) -> str | None:
        option = self.notes_list.highlighted_option
        return option.id if option is not None else None

    def show(self, keep: str | None = None) -> None:
        """Fill the list from ``self.entries`` with the current filter."""
        query = self.filter_input.value.strip()
        shown = [e for e in self.entries if not query or matches(query, e.haystack)]
        self.shown = shown
        anchored = [e for e in shown if e.elsewhere is None and not e.item.orphaned]
        orphans = [e for e in shown if e.elsewhere is None and e.item.orphaned]
        elsewhere = [e for e in shown if e.elsewhere is not None]
        options: list[Option | None] = []
        width = self.notes_list.scrollable_content_region.width - 6
        if width < 30:
            width = self.app.size.width - 8
        for entry in anchored:
            options += [Option(note_prompt(entry.item, width), id=entry.item.id), None]
        if orphans:
            options.append(
                Option(Content.styled(ORPHANED_HEADING, "bold $text-error"), disabled=True)
            )
            for entry in orphans:
                options += [Option(note_prompt(entry.item, width), id=entry.item.id), None]
        group: str | None = None
        for entry in elsewhere:
            if entry.elsewhere != group:
                group = entry.elsewhere
                heading = f"In another brief: {group}"
                options.append(Option(plain(heading, "bold $text-accent"), disabled=True))
            options += [Option(note_prompt(entry.item, width), id=entry.item.id), None]
        while options and options[-1] is None:
            options.pop()
        if not options:
            if self.entries:
                empty = "No note matches the filter."
            else:
                empty = "No notes yet. In the reader, a adds a note to the current passage."
            options.append(Option(Content.styled(empty, "$text-muted"), disabled=True))
        notes_list = self.notes_list
        index = notes_list.highlighted or 0
        notes_list.set_options(options)
        target: int | None = None
        if keep is not None:
            try:
                target = notes_list.get_option_index(keep)
            except Exception:
                target = None
        if target is None:
            target = min(index, max(0, notes_list.option_count - 1))
        # the nearest enabled option at or after target, else before
        order = list(range(target, notes_list.option_count)) + list(range(target - 1, -1, -1))
        enabled = [i for i in order if not notes_list.get_option_at_index(i).disabled]
        notes_list.highlighted = enabled[0] if enabled else None
        own = [e for e in self.entries if e.elsewhere is None]
        total = len(own)
        orphan_count = sum(1 for e in own if e.item.orphaned)
        text = f"{total} note{'s' if total != 1 else ''}"
        if orphan_count:
            text += f" ({orphan_count} orphaned)"
        others = len(self.entries) - total
        if others:
            text += f" · {others} in other briefs"
        if query:
            text += f" · {len(shown)} shown for “{query}”"
        self._set_title(text)

    def on_resize(self) -> None:
        if self.loaded:
            self.show()

    @on(Input.Changed, "#notes-filter")
    def _filter_changed(self) -> None:
        if self.loaded:
            self.show()

    @on(Input.Submitted, "#notes-filter")
    def _filter_submitted(self) -> None:
        self.open_highlighted()

    @on(OptionList.OptionSelected, "#notes-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_highlighted()

    # -- actions ----------------------------------------------------------------------
    def entry(self, note_id: str | None = None) -> Entry | None:
        note_id = note_id or self.highlighted_id
        return next((e for e in self.entries if e.item.id == note_id), None)

    def focus_filter(self) -> None:
        self.filter_input.focus()

    def action_focus_filter(self) -> None:
        self.focus_filter()

    def action_focus_list(self) -> None:
        self.notes_list.focus()

    def action_close(self) -> None:
        self.dismiss()

    def open_highlighted(self) -> None:
        entry = self.entry()
        if entry is None:
            self.app.bell()
            return
        item = entry.item
        if entry.elsewhere is not None:
            self.notify(
                f"This note was taken in another brief: {entry.elsewhere}. "
                "Open that brief to go to its passage.",
                timeout=6,
                markup=False,
            )
            return
        if item.orphaned or item.passage_id is None:
            self.notify(
                "This note is orphaned: its passage is no longer in the brief. "
                "Its quote is kept with it.",
                severity="warning",
                timeout=5,
            )
            return
        self.post_message(messages.OpenPassage(item.passage_id))

    def action_edit(self) -> None:
        entry = self.entry()
        if entry is None:
            self.app.bell()
            return
        item = entry.item
        passage_id = item.passage_id or item.note.passage_id
        orphaned = item.orphaned or entry.elsewhere is not None  # show its stored text
        self.post_message(messages.NoteRequested(passage_id, note=item.note, orphaned=orphaned))

    def action_delete(self) -> None:
        entry = self.entry()
        if entry is None:
            self.app.bell()
            return
        self.post_message(messages.DeleteNoteRequested(entry.item.note))

    def action_undo(self) -> None:
        self.post_message(messages.UndoDeleteRequested())

    def action_export(self) -> None:
        self.post_message(messages.ExportRequested())
