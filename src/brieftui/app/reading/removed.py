"""``r``: what cleaning removed from the current document, so a reader can trust it.

Scraped text carries share bars, "Read also" links, counters and bylines; the
ingest removes them and keeps each removal in ``Document.removed``. This modal
lists them, with the kind of furniture each one is when the cleaner said so,
so a user can check that nothing of the article was dropped.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from brieftui.app.content import plain
from brieftui.model import Document


def removed_content(doc: Document) -> Content:
    """One entry per removed piece: its reason (when known) and its text, verbatim."""
    if not doc.removed:
        return Content.styled("Nothing was removed: the file is shown as it was.", "$text-muted")
    reasons = doc.removed_why
    parts: list[Content | str] = []
    for n, text in enumerate(doc.removed):
        if n:
            parts.append("\n\n")
        reason = reasons[n] if n < len(reasons) else ""
        if reason:
            parts.append(Content.styled(f"{reason}\n", "bold $text-accent"))
        parts.append(plain(text))
    return Content.assemble(*parts)


class RemovedScreen(ModalScreen[None]):
    """The list of what cleaning removed from ``doc``."""

    HELP_TITLE = "Removed by cleaning"

    BINDINGS = [
        Binding(
            "escape,r,q",
            "close",
            "Close",
            id="brieftui.removed.close",
            tooltip="Back to the reader",
        ),
    ]

    DEFAULT_CSS = """
    RemovedScreen {
        align: center middle;
        #removed-box {
            width: 100;
            max-width: 100%;
            height: auto;
            max-height: 90%;
            border: round $accent;
            border-title-color: $text-accent;
            border-subtitle-color: $text-muted;
            background: $surface;
            padding: 0 1;
        }
        #removed-scroll { height: auto; max-height: 1fr; }
    }
    """

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def compose(self) -> ComposeResult:
        with Vertical(id="removed-box"), VerticalScroll(id="removed-scroll"):
            yield Static(removed_content(self.doc), id="removed-text")

    def on_mount(self) -> None:
        box = self.query_one("#removed-box")
        count = len(self.doc.removed)
        box.border_title = f"Removed by cleaning: {count} piece{'s' if count != 1 else ''}"
        box.border_subtitle = "Esc closes · ↑↓ scroll"
        self.query_one("#removed-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
