"""Pilot tests for Compare: c on a passage or a search hit, columns, ↑/↓, ←/→, Enter, escape."""

from __future__ import annotations

from brieftui.app import make_app
from brieftui.app.compare.column import NOT_COVERED, SourceColumn
from brieftui.app.compare.screen import CompareScreen
from brieftui.app.reading.screen import MainScreen

from .conftest import settle

SIZE = (120, 36)


def oval_office(app) -> str:
    """The passage of 000 about the Oval Office meeting (found by content, not by number)."""
    return next(
        ref.passage.id
        for ref in app.brief.passages()
        if ref.document.id.startswith("000") and "Oval Office" in ref.passage.text
    )


def column(screen: CompareScreen, prefix: str) -> SourceColumn:
    return next(c for c in screen.columns if c.data.doc_id.startswith(prefix))


def text_of(widget) -> str:
    return "\n".join(str(w.render()) for w in widget.query("Static"))


async def open_compare_on(pilot, passage_id: str) -> CompareScreen:
    app = pilot.app
    app.open_passage(passage_id)
    await pilot.pause()
    assert app.current_passage_id == passage_id
    await pilot.press("c")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    assert screen.view is not None
    return screen


async def test_c_opens_compare_with_one_column_per_other_source(pilot):
    app = pilot.app
    pid = oval_office(app)
    screen = await open_compare_on(pilot, pid)
    anchor_doc = app.brief.passage(pid).document.id
    others = [d.id for d in app.brief.documents if d.id != anchor_doc]
    assert [c.data.doc_id for c in screen.columns] == others
    assert screen.view.anchor_passage_id == pid
    assert "Oval Office" in str(screen.query_one("#compare-anchor-text").render())


async def test_oval_office_is_covered_by_001_and_not_by_004(pilot):
    app = pilot.app
    screen = await open_compare_on(pilot, oval_office(app))
    covered = column(screen, "001")
    assert covered.covered and covered.passage_id is not None
    assert "Zelensky" in covered.current.text
    assert covered.current.spans, "shared terms are highlighted"
    assert NOT_COVERED not in text_of(covered)
    assert "1/" in text_of(covered)
    missing = column(screen, "004")
    assert not missing.covered and missing.passage_id is None
    assert NOT_COVERED in text_of(missing)
    # the first covered column has focus; the hook for notes lists what is shown
    assert app.focused is covered
    anchor, shown = screen.current_comparison()
    assert anchor == oval_office(app)
    assert shown == [c.passage_id for c in screen.columns if c.covered]


async def test_up_down_step_through_a_columns_matches(pilot):
    app = pilot.app
    # an event covered widely, so some column has several matches
    screen = None
    for ref in app.brief.passages():
        screen = await open_compare_on(pilot, ref.passage.id)
        if any(len(c.data.items) > 1 for c in screen.columns):
            break
        await pilot.press("escape")
        await pilot.pause()
    assert screen is not None
    col = next(c for c in screen.columns if len(c.data.items) > 1)
    col.focus()
    await pilot.pause()
    first, second = col.data.items[0].passage_id, col.data.items[1].passage_id
    assert col.passage_id == first
    await pilot.press("down")
    assert col.passage_id == second
    assert f"2/{len(col.data.items)}" in text_of(col)
    await pilot.press("up")
    assert col.passage_id == first
    await pilot.press("up")  # stays at the best match
    assert col.passage_id == first


async def test_left_right_and_tab_move_between_columns(pilot):
    app = pilot.app
    screen = await open_compare_on(pilot, oval_office(app))
    columns = screen.columns
    columns[0].focus()
    await pilot.pause()
    await pilot.press("right")
    assert app.focused is columns[1]
    await pilot.press("right", "right")
    assert app.focused is columns[3]
    await pilot.press("right")  # the last column stays
    assert app.focused is columns[3]
    await pilot.press("left")
    assert app.focused is columns[2]
    await pilot.press("tab")
    assert app.focused is columns[3]
    await pilot.press("shift+tab", "shift+tab")
    assert app.focused is columns[1]


async def test_enter_opens_the_focused_match_in_the_reader(pilot):
    app = pilot.app
    screen = await open_compare_on(pilot, oval_office(app))
    target = column(screen, "001")
    target.focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    assert app.current_passage_id == target.data.items[0].passage_id
    assert app.current_document_id == target.data.doc_id


async def test_click_focuses_a_column(pilot):
    app = pilot.app
    screen = await open_compare_on(pilot, oval_office(app))
    second = screen.columns[1]
    await pilot.click(second)
    await pilot.pause()
    assert app.focused is second


async def test_escape_returns_to_the_reader_where_it_was(pilot):
    app = pilot.app
    pid = oval_office(app)
    await open_compare_on(pilot, pid)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    assert app.current_passage_id == pid


async def test_c_on_a_highlighted_search_hit_compares_that_hit(pilot):
    app = pilot.app
    start = app.current_passage_id
    await pilot.press("slash", *"oval office")
    await settle(pilot)
    bar = app.screen.search_bar
    assert bar.hits
    await pilot.press("tab")  # from the input to the results list
    await pilot.pause()
    assert app.focused is bar.results
    hit = bar.hits[bar.results.highlighted]
    assert hit.passage_id != start
    await pilot.press("c")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    assert screen.view.anchor_passage_id == hit.passage_id


async def test_palette_command_compares_the_current_passage(pilot):
    app = pilot.app
    pid = app.current_passage_id
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"compare current")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    assert app.screen.view.anchor_passage_id == pid


async def test_help_lists_the_compare_keys_once(seeds):
    from brieftui.app.help import binding_rows

    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_compare_on(pilot, oval_office(app))
        sections = [title for title, _rows in binding_rows(app)]
        assert sections.count("Compare") == 1
        assert sections.count("Compare column") == 1
        rows = dict(binding_rows(app))
        descriptions = {d for _k, d, _t in rows["Compare"] + rows["Compare column"]}
        assert {"Next source", "Previous source", "Open", "Back", "Next match"} <= descriptions


def test_the_title_counts_sources_by_grade() -> None:
    """From a trial: "14 of 15 … cover this passage" was read as fourteen reports, though
    nine sources only touched on it."""
    from brieftui.app.compare.column import ColumnData
    from brieftui.app.compare.screen import _coverage_title

    def col(grade: str, shown: bool = True) -> ColumnData:
        return ColumnData("d", "t", [object()] if shown else [], grade=grade)  # type: ignore[list-item]

    columns = [col("reports this"), col("touches on it"), col("touches on it"), col("", False)]
    assert _coverage_title(columns, "", "this passage") == (
        "4 other sources: 1 reports this passage, 2 touch on it, 1 does not cover it"
    )
    assert _coverage_title(columns[1:], " in story s2", "this passage") == (
        "3 other sources in story s2: 2 touch on this passage, 1 does not cover it"
    )
    assert _coverage_title(columns[:1], "", "this passage") == (
        "1 other source: 1 reports this passage"
    )
    event = [col("in this event"), col("", False)]
    assert _coverage_title(event, "", "event “x”") == "1 of 2 other sources cover event “x”"
