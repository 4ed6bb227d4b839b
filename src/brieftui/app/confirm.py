"""A small yes/no modal: ``ConfirmScreen(question, yes=..., no=...)`` dismisses with a bool.

The safe answer (``no``: keep what you have) has the focus, so a stray Enter
never throws anything away.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; ``True`` for the ``yes`` button, ``False`` otherwise."""

    HELP_TITLE = "Confirm"

    BINDINGS = [
        Binding(
            "escape",
            "answer(False)",
            "Keep",
            id="brieftui.confirm.no",
            tooltip="Close this question and keep what you have",
        ),
        Binding("left,right", "app.focus_next", "Switch", show=False),
    ]

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        #confirm-box {
            width: 56;
            max-width: 100%;
            height: auto;
            border: thick $error 60%;
            background: $surface;
            padding: 1 2;
        }
        #confirm-question {
            margin-bottom: 1;
        }
        #confirm-buttons {
            height: auto;
            align-horizontal: right;
            Button {
                margin-left: 2;
            }
        }
    }
    """

    def __init__(
        self,
        question: str,
        *,
        yes: str = "Discard",
        no: str = "Keep editing",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no_label, id="confirm-no", variant="primary")
                yield Button(self.yes_label, id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
