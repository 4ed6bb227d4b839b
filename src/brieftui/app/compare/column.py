"""One source's column in Compare: its best matching passage, the score as a bar, the evidence.

A :class:`SourceColumn` shows one :class:`ColumnData` (a source and the passages
it has about the anchor's event, best first). Its head says the grade a journalist
reads ("Reports this", "Touches on it") with the probability as a bar; ``↑``/``↓``
step through the passages; a column with none says plainly "Not covered by this
source". A passage that gives a fact differently from the anchor says so under the
bar ("≠ differs from the anchor", then "dead: 12 people vs At least 15 people"), with
its value highlighted in the passage. The column owns no data work: the screen
computes everything in workers and hands the results over (the divergences arrive
after the columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from brieftui.app.content import highlighted, plain
from brieftui.app.differ import differ_spans, pair_lines
from brieftui.compare import Evidence

if TYPE_CHECKING:
    from brieftui.divergence import Divergence

NOT_COVERED = "Not covered by this source"
MATCH_GROUP = Binding.Group("Match", compact=True)
BAR_WIDTH = 6


@dataclass(frozen=True)
class Shown:
    """One passage a column can show."""

    passage_id: str
    text: str
    score: float | None
    """0..1: the probability that this passage reports the anchor's event (for an
    event's other passages, their similarity to the anchor); ``None`` when not scored."""
    evidence: Evidence | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    section: str | None = None
    number: int = 0
    """1-based position of the passage in its document (0 when unknown)."""
    grade: str = ""
    """"reports this" or "touches on it" (empty for an event passage compare did not find)."""


@dataclass(frozen=True)
class ColumnData:
    """A source and its passages about the anchor's event, best first (empty: not covered)."""

    doc_id: str
    title: str
    items: list[Shown]
    label: str = ""
    """A short name for the source ("S2"), used where the title does not fit."""
    passage_count: int = 0
    grade: str = ""
    """The source's grade for the anchor's event (``""`` for a column of an event's passages)."""
    probability: float = 0.0


GRADE_TEXT = {
    "reports this": "Reports this",
    "touches on it": "Touches on it",
    "in this event": "In this event",
}


def score_bar(score: float, width: int = BAR_WIDTH, grade: str = "") -> Content:
    """``Reports this ████████░░ 80%``: the grade and the probability as a bar."""
    score = min(1.0, max(0.0, score))
    filled = round(score * width)
    style = (
        "$text-success"
        if grade == "reports this"
        else "$text-warning"
        if grade == "touches on it"
        else "$text-muted"
    )
    head = GRADE_TEXT.get(grade, "")
    return Content.assemble(
        Content.styled(f"{head} " if head else "", f"bold {style}"),
        Content.styled("█" * filled, style),
        Content.styled("░" * (width - filled), "$text-muted"),
        Content.styled(f" {score:.0%}", "bold"),
    )


def evidence_lines(evidence: Evidence | None) -> Content:
    """Shared names, numbers, dates and terms, one labelled line each (empty parts left out)."""
    if evidence is None:
        return Content("")
    parts: list[Content | str] = []
    for label, values in (
        ("Names", evidence.names),
        ("Numbers", evidence.numbers),
        ("Dates", evidence.dates),
        ("Terms", evidence.terms),
    ):
        if not values:
            continue
        if parts:
            parts.append("\n")
        parts.append(Content.styled(f"{label}: ", "bold $text-muted"))
        parts.append(plain(", ".join(values[:8]), newlines=False))
    return Content.assemble(*parts)


class ColumnNav(Static):
    """``‹ 1/3 ›`` with clickable arrows."""

    def action_previous(self) -> None:
        self._step(-1)

    def action_next(self) -> None:
        self._step(1)

    def _step(self, step: int) -> None:
        parent = self.parent
        while parent is not None and not isinstance(parent, SourceColumn):
            parent = parent.parent
        if isinstance(parent, SourceColumn):
            parent.focus()
            parent.step(step)


class SourceColumn(VerticalScroll, can_focus=True):
    """One source in Compare; ``↑``/``↓`` step through its matches."""

    HELP_TITLE = "Compare column"

    BINDINGS = [
        Binding(
            "up,k",
            "step(-1)",
            "Previous match",
            key_display="↑",
            id="brieftui.compare.previous_match",
            tooltip="Show this source's previous (better) matching passage",
            group=MATCH_GROUP,
        ),
        Binding(
            "down,j",
            "step(1)",
            "Next match",
            key_display="↓",
            id="brieftui.compare.next_match",
            tooltip="Show this source's next best matching passage",
            group=MATCH_GROUP,
        ),
        # left/right belong to the screen (move between columns), not to scrolling
        Binding("left", "screen.column(-1)", show=False),
        Binding("right", "screen.column(1)", show=False),
    ]

    DEFAULT_CSS = """
    SourceColumn {
        height: 1fr;
        width: 40;
        border: round $border-blurred;
        border-title-color: $text-muted;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &:focus {
            border: round $border;
            border-title-color: $text-accent;
            background-tint: initial;
            background: $primary 8%;
        }
        &.-not-covered {
            color: $text-muted;
        }
        .column-title {
            text-style: bold;
            color: $text-secondary;
            max-height: 3;
        }
        .column-meta {
            margin: 0 0 1 0;
        }
        .column-differs {
            margin: 0 0 1 0;
        }
        .column-text {
            margin: 0 0 1 0;
        }
    }
    """

    class Moved(Message):
        """The column now shows another of its passages."""

        def __init__(self, column: SourceColumn) -> None:
            super().__init__()
            self.column = column

    def __init__(self, data: ColumnData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.index = 0
        self.divergences: dict[str, list[Divergence]] = {}
        """Passage id → its divergences from the anchor (anchor's value first)."""

    def compose(self) -> ComposeResult:
        yield Static(plain(self.data.title), classes="column-title", markup=False)
        yield ColumnNav("", classes="column-meta")
        yield Static("", classes="column-differs", markup=False)
        yield Static("", classes="column-text", markup=False)
        yield Static("", classes="column-evidence", markup=False)

    def on_mount(self) -> None:
        self.border_title = self.data.label or None
        self.set_class(not self.data.items, "-not-covered")
        self._show()

    @property
    def covered(self) -> bool:
        return bool(self.data.items)

    @property
    def current(self) -> Shown | None:
        """The passage shown now (``None`` when this source does not cover the event)."""
        return self.data.items[self.index] if self.data.items else None

    @property
    def passage_id(self) -> str | None:
        shown = self.current
        return shown.passage_id if shown is not None else None

    @property
    def current_divergences(self) -> list[Divergence]:
        """Where the passage shown now disagrees with the anchor (empty: nothing found)."""
        pid = self.passage_id
        return self.divergences.get(pid, []) if pid is not None else []

    def set_divergences(self, found: dict[str, list[Divergence]]) -> None:
        """Show the divergences of this column's passages (``{passage_id: [...]}``)."""
        self.divergences = {
            pid: found[pid] for s in self.data.items if (pid := s.passage_id) in found
        }
        if self.is_mounted and self.query(ColumnNav):  # else on_mount shows them
            self._show()

    def step(self, step: int) -> bool:
        """Show the next (``1``) or previous (``-1``) match; ``False`` at either end."""
        target = self.index + step
        if not self.data.items or not 0 <= target < len(self.data.items):
            self.app.bell()
            return False
        self.index = target
        self._show()
        self.scroll_home(animate=False)
        self.post_message(self.Moved(self))
        return True

    def action_step(self, step: int) -> None:
        self.step(step)

    def _show(self) -> None:
        nav = self.query_one(ColumnNav)
        text = self.query_one(".column-text", Static)
        evidence = self.query_one(".column-evidence", Static)
        differs = self.query_one(".column-differs", Static)
        differs.display = False
        shown = self.current
        if shown is None:
            nav.update(Content.styled(NOT_COVERED, "bold $text-warning"))
            why = "No passage of this source reports this event"
            if self.data.grade:
                why += f" (at best {self.data.probability:.0%} likely)"
            text.update(Content.styled(why + ".", "$text-muted"))
            evidence.update("")
            self.border_subtitle = ""
            return
        n, total = self.index + 1, len(self.data.items)
        if shown.grade == "in this event":
            # grouped into the event through its other passages; its similarity to this
            # one is no probability (a trial read "In this event 0%" as a contradiction)
            bar = Content.styled("In this event", "bold $text-muted")
        elif shown.score is not None:
            bar = score_bar(shown.score, grade=shown.grade)
        else:
            bar = Content("")
        prev = "‹" if n > 1 else " "
        nxt = "›" if n < total else " "
        position = Content.from_markup(
            f"[@click=previous]{prev}[/] $n/$total [@click=next]{nxt}[/]", n=n, total=total
        )
        nav.update(Content.assemble(bar, "   ", position))
        where: list[str] = []
        if shown.number:
            count = f"/{self.data.passage_count}" if self.data.passage_count else ""
            where.append(f"¶ {shown.number}{count}")
        if shown.section:
            where.append(shown.section)
        head = plain(" · ".join(where) + "\n", "italic $text-muted") if where else ""
        found = self.current_divergences
        body = highlighted(shown.text, shown.spans)
        body = differ_spans(body, [d.values[-1].span for d in found], len(shown.text))
        text.update(Content.assemble(head, body))
        differs.display = bool(found)
        differs.update(pair_lines(found))
        evidence.update(evidence_lines(shown.evidence))
        self.border_subtitle = f"{n}/{total}"

    def on_click(self) -> None:
        self.focus()
