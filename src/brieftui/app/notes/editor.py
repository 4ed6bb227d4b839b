"""The note editor: a modal to write (or edit) a note on a passage or a comparison.

Saving never loses text. The write goes through the app's one
:class:`~brieftui.app.notes.runner.StoreRunner` (a thread worker, like every other
store call); the editor closes only when the store says the note is on disk. On any failure (a read-only data
dir, a full disk, a store from a newer brieftui, a bug) the editor stays open
with everything typed intact and the one-line reason shown inline and as an
error notification, so the user can retry, or copy the text out.

``escape`` closes at once when nothing was typed, and asks first otherwise.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from brieftui.app.confirm import ConfirmScreen
from brieftui.app.content import highlighted
from brieftui.notes import Note, normalize_tags
from brieftui.spans import shorten

if TYPE_CHECKING:
    from brieftui.app.notes.runner import StoreRunner
    from brieftui.brief import Brief
    from brieftui.notes import NoteStore

COMPARED_CHARS = 140
"""How much of each compared passage the editor shows."""


class NoteEditor(ModalScreen["Note | None"]):
    """Write a note on ``passage_id`` (or edit ``note``); dismisses with the saved note."""

    HELP_TITLE = "Note editor"

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="brieftui.note.save",
            tooltip="Save the note (the editor stays open if saving fails)",
        ),
        Binding(
            "escape",
            "close",
            "Close",
            id="brieftui.note.close",
            tooltip="Close the editor (asks first if you typed something)",
        ),
        Binding(
            "ctrl+g",
            "external_editor",
            "$EDITOR",
            id="brieftui.note.external_editor",
            tooltip="Write the note in $VISUAL or $EDITOR (the app waits, then takes the text back)",
        ),
        # Priority: the focus moves before the next key is forwarded, so text typed
        # (or pasted) right after tab lands in the next field, not the previous one.
        Binding("tab", "field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "field(-1)", "Previous field", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
        #note-box {
            width: 100;
            max-width: 100%;
            height: 90%;
            max-height: 100%;
            border: round $accent;
            border-title-color: $text-accent;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        #note-where {
            height: 1;
            color: $text-muted;
            text-style: bold;
        }
        /* The passage (and a comparison's passages) take what the note box leaves: the
           editor grows with the terminal, and tab reaches this area to scroll it. */
        #note-passage-scroll {
            height: 1fr;
            min-height: 3;
            border-left: outer $primary 50%;
            padding-left: 1;
            &:focus {
                border-left: outer $accent;
            }
        }
        #note-compared {
            margin-top: 1;
        }
        #note-text {
            height: 1fr;
            min-height: 4;
            max-height: 14;
            border: round $primary 40%;
            border-title-color: $text-muted;
            &:focus {
                border: round $accent;
                border-title-color: $text-accent;
            }
        }
        .note-field {
            height: 1;
            margin-top: 1;
        }
        .note-label {
            width: 7;
            color: $text-muted;
            text-style: bold;
        }
        #note-tags, #note-quote {
            width: 1fr;
        }
        #note-error {
            height: auto;
            margin-top: 1;
            color: $text-error;
            text-style: bold;
        }
        #note-hint {
            height: 1;
            margin-top: 1;
        }
    }
    """

    def __init__(
        self,
        brief: Brief,
        store: NoteStore,
        runner: StoreRunner,
        passage_id: str,
        *,
        note: Note | None = None,
        comparison: Sequence[str] | None = None,
        orphaned: bool = False,
    ) -> None:
        """``orphaned``: ``note``'s passage is gone; show its stored text, not ``passage_id``'s."""
        super().__init__(id="note-editor")
        self.orphaned = orphaned and note is not None
        self.brief = brief
        self.store = store
        self.runner = runner
        self.passage_id = passage_id
        self.note = note
        self.comparison = [p for p in comparison or () if p != passage_id]
        if note is not None and not self.comparison:
            self.comparison = [c.passage_id for c in note.comparison]
        self.saving = False
        self.error: str | None = None
        self._initial = (
            note.text if note is not None else "",
            ", ".join(note.tags) if note is not None else "",
            (note.quote or "") if note is not None else "",
        )

    # -- layout -----------------------------------------------------------------------
    def _passage_text(self) -> str:
        if not self.orphaned and self.brief.has_passage(self.passage_id):
            return self.brief.passage(self.passage_id).passage.text
        if self.note is not None:
            return self.note.anchor.exact
        return ""

    def _where(self) -> str:
        if not self.orphaned and self.brief.has_passage(self.passage_id):
            ref = self.brief.passage(self.passage_id)
            doc = ref.document
            parts = [shorten(doc.title, 48)]
            if ref.section.heading:
                parts.append(shorten(ref.section.heading, 32))
            parts.append(f"¶ {ref.index + 1}/{doc.passage_count}")
            return " · ".join(parts)
        if self.note is not None:
            anchor = self.note.anchor
            return " · ".join(x for x in (anchor.doc_title, anchor.section) if x) + " (orphaned)"
        return self.passage_id

    def _compared_lines(self) -> Content:
        parts: list[Content | str] = [Content.styled("Compared with", "bold $text-accent")]
        for pid in self.comparison:
            if not self.brief.has_passage(pid):
                parts.append(Content.assemble("\n• ", Content.styled(pid, "$text-muted")))
                continue
            ref = self.brief.passage(pid)
            parts.append(
                Content.assemble(
                    "\n• ",
                    Content.styled(shorten(ref.document.title, 40), "bold"),
                    ": ",
                    shorten(ref.passage.text, COMPARED_CHARS),
                )
            )
        return Content.assemble(*parts)

    def compose(self) -> ComposeResult:
        text, tags, quote = self._initial
        with Vertical(id="note-box"):
            yield Static(self._where(), id="note-where", markup=False)
            with VerticalScroll(id="note-passage-scroll", can_focus=True):
                yield Static(Content(self._passage_text()), id="note-passage")
                if self.comparison:
                    yield Static(self._compared_lines(), id="note-compared")
            yield TextArea(
                text,
                id="note-text",
                soft_wrap=True,
                show_line_numbers=False,
                highlight_cursor_line=False,
                placeholder="Your note… (ctrl+s saves)",
            )
            with Horizontal(classes="note-field"):
                yield Static("Tags", classes="note-label")
                yield Input(
                    tags,
                    placeholder="comma separated: dates, to check",
                    id="note-tags",
                    compact=True,
                )
            with Horizontal(classes="note-field"):
                yield Static("Quote", classes="note-label")
                yield Input(
                    quote,
                    placeholder="optional: exact words from the passage",
                    id="note-quote",
                    compact=True,
                    disabled=self.note is not None,
                )
            yield Static("", id="note-error", markup=False)
            yield Static(
                Content.styled("ctrl+s save · esc close · tab next field", "$text-muted"),
                id="note-hint",
            )

    def on_mount(self) -> None:
        box = self.query_one("#note-box")
        if self.note is not None:
            box.border_title = "Edit note"
        elif self.comparison:
            box.border_title = "Note on this comparison"
        else:
            box.border_title = "New note"
        self.query_one("#note-error").display = False
        self.text_area.border_title = "Note"
        self._show_quote()
        area = self.text_area
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#note-text", TextArea)

    # -- state ------------------------------------------------------------------------
    def values(self) -> tuple[str, str, str]:
        """What is typed now: (text, tags, quote)."""
        return (
            self.text_area.text,
            self.query_one("#note-tags", Input).value,
            self.query_one("#note-quote", Input).value,
        )

    @property
    def changed(self) -> bool:
        """Has the user typed anything (compared with what the editor opened with)?"""
        now = self.values()
        return any(a.strip() != b.strip() for a, b in zip(now, self._initial, strict=True))

    def _show_error(self, message: str | None) -> None:
        self.error = message
        label = self.query_one("#note-error", Static)
        label.display = message is not None
        label.update(message or "")

    def action_field(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    @on(Input.Changed, "#note-quote")
    def _show_quote(self) -> None:
        quote = self.query_one("#note-quote", Input).value
        text = self._passage_text()
        start = text.find(quote) if quote else -1
        spans = [(start, start + len(quote))] if start >= 0 else []
        self.query_one("#note-passage", Static).update(highlighted(text, spans))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    # -- saving -----------------------------------------------------------------------
    def action_save(self) -> None:
        if self.saving:
            return
        text, tags, quote = self.values()
        quote_or_none = quote if quote.strip() else None
        if self.note is None and quote_or_none is not None:
            from brieftui.notes.anchor import quote_in

            found = quote_in(self._passage_text(), quote_or_none)
            if found is None:
                self._show_error("The quote must appear exactly in the passage.")
                self.query_one("#note-quote", Input).focus()
                return
            quote_or_none = found  # the passage's own quote marks and spaces
        if not text.strip() and quote_or_none is None:
            self._show_error("Write a note (or a quote) first.")
            self.text_area.focus()
            return
        self.saving = True
        self._show_error(None)
        self.query_one("#note-hint", Static).update(Content.styled("Saving…", "$text-muted"))
        self._save(text.rstrip(), list(normalize_tags([tags])), quote_or_none)

    def _save(self, text: str, tags: list[str], quote: str | None) -> None:
        store, note, brief = self.store, self.note, self.brief
        passage_id, comparison = self.passage_id, self.comparison or None

        def save() -> Note:
            if note is None:
                return store.add(
                    brief, passage_id, text, quote=quote, tags=tags, comparison=comparison
                )
            from brieftui.notes import NoteNotFound

            try:
                return store.update(note.id, text=text, tags=tags)
            except NoteNotFound:
                # deleted meanwhile (by `brieftui notes delete`, another window): what was
                # typed is saved again as a new note on the same passage, never dropped
                others = [a.passage_id for a in note.comparison if brief.has_passage(a.passage_id)]
                return store.add(
                    brief,
                    note.passage_id,
                    text,
                    quote=note.quote,
                    tags=tags,
                    comparison=others or None,
                )

        self.runner.run("save the note", save, self._saved, self._save_failed)

    def _saved(self, note: Note) -> None:
        self.saving = False
        if self.note is not None and note.id != self.note.id:
            self.app.notify(
                "The note had been deleted elsewhere: saved again as a new note.",
                title="Note saved",
                markup=False,
            )
        self.dismiss(note)

    def _save_failed(self, message: str) -> None:
        """The store said no: keep every character typed and say why, inline."""
        self.saving = False
        self._show_error(f"Not saved: {message}. Your text is still here.")
        self.query_one("#note-hint", Static).update(
            Content.styled("ctrl+s try again · esc close", "$text-muted")
        )

    # -- the user's own editor ---------------------------------------------------------
    def action_external_editor(self) -> None:
        """Open the note's text in ``$VISUAL``/``$EDITOR``; take back what was saved there.

        The app is suspended while the editor runs. If the editor cannot start, exits
        with an error, or leaves no readable file, the text in the box is unchanged.
        """
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify("Set $VISUAL or $EDITOR to write notes in your editor.", timeout=5)
            return
        fd, name = tempfile.mkstemp(prefix="brieftui-note-", suffix=".md")
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(self.text_area.text)
            with self.app.suspend():
                finished = subprocess.run([*shlex.split(command), str(path)], check=False)
            if finished.returncode != 0:
                raise OSError(f"{command} exited with status {finished.returncode}")
            text = path.read_text(encoding="utf-8")
        except Exception as exc:  # no editor, no terminal to suspend, unreadable file
            self.notify(
                f"The editor did not run ({exc}); your text is unchanged.",
                severity="error",
                markup=False,
            )
            return
        finally:
            path.unlink(missing_ok=True)
        self.text_area.load_text(text.rstrip("\n"))
        self.text_area.move_cursor(self.text_area.document.end)
        self.text_area.focus()

    # -- closing ----------------------------------------------------------------------
    def action_close(self) -> None:
        if self.saving:
            self.notify("Saving the note…", timeout=2)
            return
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.text_area.focus()

        self.app.push_screen(
            ConfirmScreen(
                "Discard this note? What you typed will be lost.",
                yes="Discard",
                no="Keep editing",
            ),
            answered,
        )
