"""Where sources disagree, on screen: Compare's "differs" line and highlights, Events' ≠ marks.

The fixture brief (``tests/divergence/fixtures/warehouse``) has a planted divergence: the wire says a
fire killed "12 people" (and injured 30, at about 10 p.m.), the daily "At least 15
people" (40 injured, shortly after 11 p.m.), the radio agrees with the wire on 12.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import DataTable, Static

from brieftui.app import make_app
from brieftui.app.compare.screen import CompareScreen
from brieftui.app.differ import DIFFER_STYLE, MARK, event_lines, pair_lines
from brieftui.app.events.divergences import DivergencePanel
from brieftui.app.events.screen import EventsScreen
from brieftui.app.help import HelpScreen, binding_rows
from brieftui.divergence import Divergence, DivergenceValue

from .conftest import settle

FIXTURE = Path(__file__).parents[1] / "divergence" / "fixtures" / "warehouse"
SIZE = (120, 36)


@pytest.fixture
def seeds() -> list[str]:
    """The ``pilot`` fixture opens this brief instead of the bundled one."""
    return [str(FIXTURE)]


def differ_texts(content: Content) -> list[str]:
    """The pieces of ``content`` styled as a divergence."""
    return [content.plain[s.start : s.end] for s in content.spans if s.style == DIFFER_STYLE]


def static_content(widget: Static) -> Content:
    content = widget.content
    assert isinstance(content, Content)
    return content


async def test_compare_says_where_a_match_differs_and_highlights_both_values(pilot):
    app = pilot.app
    app.open_passage("a_wire:1")
    await pilot.pause()
    await pilot.press("c")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    daily = next(c for c in screen.columns if c.data.doc_id == "b_daily")
    radio = next(c for c in screen.columns if c.data.doc_id == "c_radio")
    assert daily.passage_id == "b_daily:1"
    said = str(daily.query_one(".column-differs", Static).render())
    assert f"{MARK} differs from the anchor" in said
    assert "dead: 12 people vs At least 15 people" in said
    assert "injured: 30 vs 40" in said
    # the match's own values are highlighted in its passage
    text = static_content(daily.query_one(".column-text", Static))
    assert differ_texts(text) == ["At least 15 people", "40"]
    # the radio agrees (12 dead): no line, nothing highlighted
    assert not radio.current_divergences
    assert not radio.query_one(".column-differs").display
    assert differ_texts(static_content(radio.query_one(".column-text", Static))) == []
    # the anchor shows the focused column's values: the daily's first
    anchor = screen.query_one("#compare-anchor-text", Static)
    screen.set_focus(daily)
    await pilot.pause()
    assert differ_texts(static_content(anchor)) == ["12 people", "30"]
    assert "S2 differs" in str(screen.query_one("#compare-anchor").border_subtitle)
    await pilot.press("right")
    await pilot.pause()
    assert app.focused is radio
    assert differ_texts(static_content(anchor)) == []
    hint = str(screen.query_one("#compare-hint", Static).render())
    assert hint.startswith(f"{MARK} 1 source gives facts differently from the anchor")
    await pilot.press("question_mark")
    await settle(pilot)
    assert isinstance(app.screen, HelpScreen)
    signs = dict(binding_rows(app, screen))["Signs"]
    assert [(s, n) for s, n, _ in signs] == [(MARK, "Differs")]


async def test_events_flags_the_events_whose_sources_differ_and_lists_them(pilot):
    app = pilot.app
    await pilot.press("e")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, EventsScreen)
    assert screen.divergences is not None, "found in a worker once the events were shown"
    table = screen.query_one(DataTable)
    labels = {e.id: str(table.get_row_at(n)[0]) for n, e in enumerate(screen.events)}
    fire = next(e for e in screen.events if any(p.passage_id == "a_wire:1" for p in e.passages))
    blaze = next(e for e in screen.events if any(p.passage_id == "a_wire:2" for p in e.passages))
    assert labels[fire.id].startswith(f"{MARK}2 ")
    assert labels[blaze.id].startswith(f"{MARK}1 ")
    others = [label for key, label in labels.items() if key not in (fire.id, blaze.id)]
    assert others and not any(label.startswith(MARK) for label in others)
    assert f"{MARK}2 = sources give 2 facts differently" in str(table.border_title)
    assert "sources differ in 2 events" in str(screen.query_one("#title-line", Static).render())
    # the highlighted event's divergences, each value with its sources
    panel = screen.query_one(DivergencePanel)
    table.move_cursor(row=screen.events.index(fire))
    await pilot.pause()
    assert panel.display
    listed = str(panel.query_one(Static).render())
    assert "dead: 12 people (S1, S3) vs At least 15 people (S2)" in listed
    assert "injured: 30 (S1) vs 40 (S2)" in listed
    assert "Sources differ on 2 facts" in str(panel.border_title)
    calm = next(n for n, e in enumerate(screen.events) if e.id not in (fire.id, blaze.id))
    table.move_cursor(row=calm)
    await pilot.pause()
    assert not panel.display
    # o: coverage, date, then the events whose sources differ most first
    await pilot.press("o", "o")
    await pilot.pause()
    assert screen.sort == "differences"
    assert [e.id for e in screen.events[:2]] == [fire.id, blaze.id]
    # Enter on it: Compare says the same on its column
    table.move_cursor(row=0)
    await pilot.press("enter")
    await settle(pilot)
    compare = app.screen
    assert isinstance(compare, CompareScreen)
    assert any(c.current_divergences for c in compare.columns)


def hostile(text: str, doc: str, at: int = 0) -> DivergenceValue:
    return DivergenceValue(f"{doc}:1", doc, text, (at, at + len(text)), text)


def test_divergence_lines_are_text_never_markup():
    d = Divergence(
        "figure",
        "[b]dead[/b]",
        (hostile("[@click=app.quit]12[/]", "a"), hostile("15\x1b]52;c;evil\x07 dead", "b")),
    )
    for content in (pair_lines([d]), event_lines([d], lambda doc: f"[{doc}]")):
        shown = content.plain
        assert "[b]dead[/b]" in shown and "[@click=app.quit]12[/]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "␛" in shown
        assert all("click" not in str(s.style) for s in content.spans)
    assert "([a])" in event_lines([d], lambda doc: f"[{doc}]").plain
    many = pair_lines([d] * 5)
    assert many.plain.count(" vs ") == 3 and many.plain.endswith("+2 more")


async def test_escape_while_divergences_are_found_leaves_cleanly(seeds):
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, EventsScreen)


def test_quotes_are_shown_from_a_little_before_their_difference() -> None:
    """From a trial: two long quotes differing near their end were both cut before the
    difference and read the same."""
    from brieftui.app.differ import from_difference

    a = "When the harbour opens again we will all go back to work on the northern quay first"
    b = "When the harbour opens again we will all go back to work on the southern quay first"
    shown = from_difference([a, b])
    assert shown == ["…work on the northern quay first", "…work on the southern quay first"]
    assert from_difference(["We will go back", "They will go back"]) == [
        "We will go back",
        "They will go back",
    ]


def test_values_that_agree_are_one_group_with_all_their_sources() -> None:
    from brieftui.divergence.results import Divergence, DivergenceValue

    def v(doc: str, text: str, value: str) -> DivergenceValue:
        return DivergenceValue(f"{doc}:1", doc, text, (0, len(text)), value)

    d = Divergence(
        "figure",
        "injured",
        (
            v("a", "At least 40 people", "at least 40"),
            v("b", "at least three people", "at least 3"),
            v("c", "at least 40 people", "at least 40"),
        ),
    )
    assert d.summary() == "At least 40 people (a, c) vs at least three people (b)"


async def test_the_legend_explains_the_sign_only_when_a_row_shown_has_it(pilot):
    """From a regression trial: with a source filter that left no divergent event, the
    table's title still explained "≠2" beside a title line saying "no divergence"."""
    app = pilot.app
    await pilot.press("e")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, EventsScreen) and screen.divergences
    table = screen.query_one(DataTable)
    sign = f"{MARK}2 = sources give"
    assert sign in str(table.border_title)
    every = list(screen.events)
    calm = [e for e in every if e.id not in screen.divergences]
    assert calm and len(calm) < len(every)
    screen.events = calm  # what a filter to calm events shows
    screen._update_frame()
    assert sign not in str(table.border_title)
    screen.events = every
    screen._update_frame()
    assert sign in str(table.border_title)
