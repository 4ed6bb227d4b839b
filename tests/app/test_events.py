"""Pilot tests for Events: e opens the coverage matrix; marks, order, single sources, Enter → Compare."""

from __future__ import annotations

from textual.widgets import DataTable

from brieftui.app.compare.screen import CompareScreen
from brieftui.app.events.screen import COVERED, NOT_COVERED, EventsScreen
from brieftui.app.messages import EventsRequested
from brieftui.app.reading.screen import MainScreen

from .conftest import settle

SIZE = (120, 36)


async def open_events(pilot) -> EventsScreen:
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EventsScreen)
    assert screen.events
    return screen


async def test_e_opens_the_matrix_with_right_marks(pilot):
    app = pilot.app
    screen = await open_events(pilot)
    table = screen.query_one(DataTable)
    docs = app.brief.documents
    assert table.row_count == len(screen.events)
    assert len(table.columns) == len(docs) + 2
    # the event of the Oval Office passage of 000
    oval = next(
        ref.passage.id
        for ref in app.brief.passages()
        if ref.document.id.startswith("000") and "Oval Office" in ref.passage.text
    )
    row = next(n for n, e in enumerate(screen.events) if oval in [p.passage_id for p in e.passages])
    event = screen.events[row]
    cells = table.get_row_at(row)
    for doc, cell in zip(docs, cells[1:-1], strict=True):
        mark = COVERED if doc.id in event.doc_ids else NOT_COVERED
        assert str(cell) == mark, doc.id
    assert str(cells[-1]) == f"{len(event.doc_ids)}/{len(docs)}"
    assert any(d.startswith("001") for d in event.doc_ids)


async def test_rows_are_sorted_by_coverage_and_single_sources_are_marked(pilot):
    screen = await open_events(pilot)
    counts = [len(e.doc_ids) for e in screen.events]
    assert counts == sorted(counts, reverse=True)
    table = screen.query_one(DataTable)
    for n, event in enumerate(screen.events):
        label = str(table.get_row_at(n)[0])
        assert label.startswith("only ") == event.single_source
        shown = label.split(" · ", 1)[1] if event.single_source else label
        # the label, or its start cut at a word with an ellipsis to fit the column
        assert event.label == shown or (
            shown.endswith("…") and event.label.startswith(shown[:-1].rstrip(" ,;:-–—"))
        )


async def test_enter_opens_the_event_in_compare(pilot):
    app = pilot.app
    screen = await open_events(pilot)
    await pilot.press("down")
    event = screen.highlighted_event
    assert event is not None and event is screen.events[1]
    await pilot.press("enter")
    await settle(pilot)
    compare = app.screen
    assert isinstance(compare, CompareScreen)
    view = compare.view
    assert view is not None
    assert view.anchor_passage_id in [p.passage_id for p in event.passages]
    result = app.brief.compare(view.anchor_passage_id)
    by_doc = {s.doc_id: s for s in result.sources}
    for col in compare.columns:
        wanted = {p.passage_id for p in event.passages if p.doc_id == col.data.doc_id}
        source = by_doc[col.data.doc_id]
        if wanted:  # the event's passages of this source
            assert {s.passage_id for s in col.data.items} == wanted
            assert col.covered
        else:  # no passage in the event: compare's own answer, as the CLI gives it
            assert [s.passage_id for s in col.data.items] == [m.passage_id for m in source.matches]
            assert col.data.grade == source.grade
            assert col.covered == bool(source.matches)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, EventsScreen)


async def test_compare_from_events_never_says_not_covered_where_compare_finds_it(pilot):
    """From a trial: a source outside the event read "Not covered … (at best 52% likely)"
    while `brieftui compare` said "touches on it 52%" for the same passage."""
    from brieftui.app.compare.view import central_passage

    app = pilot.app
    screen = await open_events(pilot)
    row = doc_id = None
    for k, event in enumerate(screen.events):
        result = app.brief.compare(central_passage(app.brief, event))
        outside = [s for s in result.sources if s.doc_id not in event.doc_ids and s.matches]
        if outside:
            row, doc_id, grade = k, outside[0].doc_id, outside[0].grade
            break
    assert row is not None, "the seeds have such an event"
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    compare = app.screen
    assert isinstance(compare, CompareScreen)
    [col] = [c for c in compare.columns if c.data.doc_id == doc_id]
    assert col.covered and col.data.items and col.data.grade == grade


async def test_click_on_a_row_opens_compare(pilot):
    app = pilot.app
    screen = await open_events(pilot)
    table = screen.query_one(DataTable)
    # first click highlights the row, a second click on it opens it
    await pilot.click(table, offset=(4, 3))
    await pilot.pause()
    row = table.cursor_row
    await pilot.click(table, offset=(4, 3))
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    assert app.screen.event is screen.events[row]


async def test_escape_leaves_events(pilot):
    app = pilot.app
    await open_events(pilot)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)


async def test_events_again_from_compare_goes_back_to_the_open_events(pilot):
    app = pilot.app
    events = await open_events(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    app.post_message(EventsRequested())  # as the palette's "Events overview" does
    await pilot.pause()
    assert app.screen is events
    assert sum(isinstance(s, EventsScreen) for s in app.screen_stack) == 1


async def test_the_source_filter_forgives_typos_and_says_when_nothing_matches(pilot):
    """From a new-user trial: `f` then "bundresen" (for Bundersen) gave an empty table."""
    from textual.widgets import Static

    screen = await open_events(pilot)
    bundersen = {d.id for d in pilot.app.brief.documents if d.author == "Gerard Bundersen"}
    await pilot.press("f", *"bundresen")
    await pilot.pause()
    assert screen.events and all(bundersen & set(e.doc_ids) for e in screen.events)
    await pilot.press("escape")
    await pilot.press("f", *"zzqqxx")
    await pilot.pause()
    title = str(screen.query_one("#title-line", Static).render())
    table = screen.query_one(DataTable)
    assert not screen.events
    assert "No source matches “zzqqxx”" in title
    assert "No source matches “zzqqxx”" in str(table.border_title)
    # From a later trial: after Enter closed the box, Esc left Events instead of
    # clearing, though the title says "Esc clears". It clears, then a second Esc leaves.
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is screen and screen.events and not screen.source_filter
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is not screen


async def test_outlet_columns_show_the_outlets_names(tmp_path):
    """Too many sources for a column each: a column per outlet, headed by its name, not
    its first letter (from a new-user trial: "S T C V N")."""
    from brieftui.app import make_app

    outlets = ["Harbour Gazette", "Evening Courier", "Valmora Times", "North Wire"]
    for k in range(12):
        (tmp_path / f"a{k:02d}.md").write_text(
            "---\n"
            f"title: Warehouse fire in Valmora, report {k}\n"
            f"publisher: {outlets[k % 4]}\n"
            "---\n\n"
            f"A fire destroyed a {['grain', 'timber', 'textile'][k % 3]} warehouse on the "
            f"Valmora docks on Monday night, report {k} says, and firefighters fought the "
            f"blaze for {k + 4} hours before it was under control.\n\n"
            f"Officials said {k + 10} workers were evacuated and {k % 4} were treated for "
            "smoke.\n",
            encoding="utf-8",
        )
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_events(pilot)
        assert screen.mode == "outlets"
        table = screen.query_one(DataTable)
        labels = [
            str(c.label.plain if hasattr(c.label, "plain") else c.label)
            for c in table.columns.values()
        ]
        shown = [
            label
            for label in labels
            if label.rstrip("…") and any(o.startswith(label.rstrip("…")) for o in outlets)
        ]
        assert len(shown) >= 2 and all(len(label) >= 6 for label in shown), labels
        for column in table.columns.values():
            if str(column.key.value).startswith("o:"):
                assert column.width >= 6
        # an outlet without a column of its own is counted under "other": no row is all "·"
        assert "other" in labels, labels
        by_key = {str(c.key.value): i for i, c in enumerate(table.columns.values())}
        for row in range(table.row_count):
            cells = table.get_row_at(row)
            counts = [cells[i] for k, i in by_key.items() if k.startswith("o:") or k == "other"]
            assert any(str(getattr(c, "plain", c)) != "·" for c in counts), cells


async def test_events_reopens_in_the_order_last_chosen(pilot):
    """From a trial: Events forgot the chosen sort when opened again."""
    screen = await open_events(pilot)
    await pilot.press("o")
    await settle(pilot)
    assert screen.sort == "date"
    await pilot.press("escape")
    await settle(pilot)
    again = await open_events(pilot)
    assert again is not screen and again.sort == "date"


async def test_home_and_end_go_to_the_first_and_last_event(pilot):
    screen = await open_events(pilot)
    table = screen.query_one("#events-table")
    await pilot.press("end")
    await pilot.pause()
    assert table.cursor_row == table.row_count - 1 > 0
    await pilot.press("g")
    await pilot.pause()
    assert table.cursor_row == 0
    await pilot.press("G")
    await pilot.pause()
    assert table.cursor_row == table.row_count - 1


async def test_a_resize_keeps_the_highlighted_event(pilot):
    """From a trial: resizing the terminal put the highlight back on the first row."""
    screen = await open_events(pilot)
    await pilot.press("down", "down")
    await pilot.pause()
    chosen = screen.highlighted_event
    assert chosen is not None and chosen is not screen.events[0]
    await pilot.resize_terminal(100, 30)
    await settle(pilot)
    assert screen.highlighted_event is not None and screen.highlighted_event.id == chosen.id
