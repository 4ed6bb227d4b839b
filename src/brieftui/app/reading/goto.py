"""``:``: jump to passage number N of the document (a small modal with one input)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class GoToScreen(ModalScreen["int | None"]):
    """Ask for a passage number (1 to ``count``); dismisses with it, or ``None``."""

    HELP_TITLE = "Go to passage"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="brieftui.goto.cancel", tooltip="Close"),
    ]

    DEFAULT_CSS = """
    GoToScreen {
        align: center middle;
        #goto-box {
            width: 40;
            height: auto;
            border: round $accent;
            border-title-color: $text-accent;
            background: $surface;
            padding: 0 1;
        }
        #goto-input { border: none; height: 1; padding: 0; }
        #goto-hint { color: $text-muted; height: 1; }
    }
    """

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-box"):
            yield Input(placeholder=f"1–{self.count}", id="goto-input", type="integer")
            yield Static(f"Enter jumps · Esc cancels · {self.count} passages", id="goto-hint")

    def on_mount(self) -> None:
        self.query_one("#goto-box").border_title = "Go to ¶"
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            number = int(event.value)
        except ValueError:
            self.app.bell()
            return
        self.dismiss(max(1, min(number, self.count)))

    def action_cancel(self) -> None:
        self.dismiss(None)
