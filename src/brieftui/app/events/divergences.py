"""Events' divergences: the panel that finds and lists where an event's sources differ.

Once the events are shown, the screen asks the panel to :meth:`~DivergencePanel.find`
the divergences of the whole brief: a thread worker (group ``events-divergences``,
owned by the panel, so it goes with the screen) runs ``Brief.divergences`` and posts
:class:`~DivergencePanel.Progress`, then :class:`~DivergencePanel.Found` up to the
screen, which marks the rows (``≠2``: two facts given differently). Until then the
panel stays hidden and the rows carry no mark. For the highlighted event the panel
lists each divergence: ``≠ dead: 12 people (S1, S3) vs At least 15 people (S2)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from brieftui.app.differ import MARK, event_lines
from brieftui.app.progress import throttled

if TYPE_CHECKING:
    from brieftui.brief import Brief
    from brieftui.divergence import Divergence

SIGN_EXPLAINED = f"{MARK}2 = sources give 2 facts differently"


def by_event(divergences: Sequence[Divergence]) -> dict[str, list[Divergence]]:
    """The divergences of each event id, in the order found."""
    out: dict[str, list[Divergence]] = {}
    for d in divergences:
        if d.event is not None:
            out.setdefault(d.event, []).append(d)
    return out


class DivergencePanel(VerticalScroll, can_focus=False):
    """Below the Events table: the highlighted event's divergences (hidden when none)."""

    DEFAULT_CSS = """
    DivergencePanel {
        height: auto;
        max-height: 8;
        padding: 0 1;
        border: round $error 50%;
        border-title-color: $text-error;
        border-title-style: bold;
        scrollbar-size-vertical: 1;
        #events-divergences-text {
            height: auto;
        }
    }
    """

    class Progress(Message):
        """Passage pairs compared so far."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Found(Message):
        """The brief's divergences, by event id (events without any left out)."""

        def __init__(self, by_event: dict[str, list[Divergence]]) -> None:
            super().__init__()
            self.by_event = by_event

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def find(self, brief: Brief) -> None:
        """Find the divergences of ``brief`` in a worker (after its events are known)."""
        self._find(brief)

    @work(
        thread=True,
        exclusive=True,
        group="events-divergences",
        exit_on_error=False,
        description="find where sources differ",
    )
    def _find(self, brief: Brief) -> dict[str, list[Divergence]]:
        report = throttled(lambda done, total: self.post_message(self.Progress(done, total)))
        return by_event(brief.divergences(progress=report))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "events-divergences":
            return
        event.stop()
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            self.post_message(self.Found(event.worker.result))
        elif event.state == WorkerState.ERROR:
            self.post_message(self.Failed(str(event.worker.error)))

    def compose(self) -> ComposeResult:
        yield Static("", id="events-divergences-text", markup=False)

    def on_mount(self) -> None:
        self.display = False

    def show(self, divergences: Sequence[Divergence], source: Callable[[str], str]) -> None:
        """List ``divergences`` (``source(doc_id)`` names a source); hide when there are none."""
        self.display = bool(divergences)
        if not divergences:
            return
        n = len(divergences)
        self.border_title = f"Sources differ on {n} fact{'s' if n != 1 else ''}"
        self.query_one("#events-divergences-text", Static).update(event_lines(divergences, source))
        self.scroll_home(animate=False)
