"""Pilot tests for stories in the app: Sources grouped by story, Compare widened with w,
Events filtered by story and source, sorted by date, and scaled past what fits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from brieftui.app import make_app
from brieftui.app.compare.screen import CompareScreen
from brieftui.app.events.screen import EventsScreen
from brieftui.app.reading import sources as sources_module
from brieftui.app.reading.sources import SourcesList, source_prompt

from ..conftest import SEEDS_DIR
from .conftest import settle
from .test_events import open_events

FIXTURES = Path(__file__).resolve().parents[1] / "compare" / "fixtures"
SIZE = (120, 36)


@pytest.fixture
def mixed(tmp_path: Path) -> list[str]:
    """The seeds, the Bank of England brief and the hospital brief: three stories."""
    root = tmp_path / "mixed"
    shutil.copytree(SEEDS_DIR, root / "seeds")
    shutil.copytree(FIXTURES / "second_brief", root / "boe")
    shutil.copytree(FIXTURES / "fifth_brief", root / "hospital")
    return [str(root)]


@pytest.fixture
def many(tmp_path: Path) -> list[str]:
    """One story told by 30 sources: too many for one column each at 80 columns."""
    root = tmp_path / "many"
    root.mkdir()
    sources = sorted((FIXTURES / "second_brief").glob("*.txt"))
    for n in range(30):
        src = sources[n % len(sources)]
        (root / f"{n:02d}_{src.name}").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return [str(root)]


async def compare_oval_office(pilot):  # type: ignore[no-untyped-def]
    """Compare opened on the seeds' Oval Office passage, once the brief has loaded."""
    app = pilot.app
    await settle(pilot)
    anchor = next(r.passage.id for r in app.brief.passages() if "Oval Office" in r.passage.text)
    app.open_passage(anchor)
    await pilot.pause()
    await pilot.press("c")
    await settle(pilot)
    return app.screen


async def test_sources_are_grouped_by_story(mixed):
    app = make_app(mixed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourcesList)
        assert sources.border_title == "Sources (14, 3 stories)"
        heads = [
            str(sources.get_option_at_index(i).prompt)
            for i in range(sources.option_count)
            if sources.get_option_at_index(i).disabled
            and str(sources.get_option_at_index(i).prompt).strip()
        ]
        assert [h.split(" · ")[0] for h in heads] == ["▍s1", "▍s2", "▍s3"]
        ids = [o.id for o in (sources.get_option_at_index(i) for i in range(sources.option_count))]
        assert {i for i in ids if i} == {d.id for d in app.brief.documents}


async def test_compare_stays_in_the_story_and_w_widens(mixed):
    app = make_app(mixed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await compare_oval_office(pilot)
        assert isinstance(screen, CompareScreen) and screen.view is not None
        assert len(screen.columns) == 4 and not screen.view.widened
        assert "in story s" in str(screen.query_one("#title-line").render())
        await pilot.press("w")
        await settle(pilot)
        assert screen.view is not None and screen.view.widened
        assert len(screen.columns) == len(app.brief.documents) - 1
        assert "in the brief" in str(screen.query_one("#title-line").render())
        await pilot.press("w")
        await settle(pilot)
        assert screen.view is not None and not screen.view.widened
        assert len(screen.columns) == 4


async def test_w_in_a_one_story_brief_says_so(pilot):
    app = pilot.app
    await pilot.press("c")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen) and screen.view is not None
    await pilot.press("w")
    await pilot.pause()
    assert screen.view is not None and not screen.view.widened


async def test_events_by_story_by_source_and_by_date(mixed):
    app = make_app(mixed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_events(pilot)
        stories = {e.story for e in screen.events}
        assert len(stories) >= 2
        await pilot.press("s")
        await pilot.pause()
        assert screen.story == "s1" and {e.story for e in screen.events} == {"s1"}
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.events)
        await pilot.press("s", "s", "s")  # s2, s3, then every story again
        await pilot.pause()
        assert screen.story is None and {e.story for e in screen.events} == stories
        await pilot.press("o")
        await pilot.pause()
        dated = [e.when.lstrip("-") for e in screen.events if e.when]
        assert dated == sorted(dated)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"castlemere")
        await pilot.pause()
        wanted = {d.id for d in app.brief.documents if "castlemere" in d.title.casefold()}
        assert wanted and screen.events
        assert all(wanted & set(e.doc_ids) for e in screen.events)
        await pilot.press("escape")  # clears the filter, stays in Events
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen) and screen.source_filter == ""


async def test_events_past_what_fits_count_sources_and_pin_the_label(many):
    app = make_app(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_events(pilot)
        table = screen.query_one(DataTable)
        assert screen.mode == "count"
        assert table.fixed_columns == 1
        assert len(table.columns) == 3  # event, count, the covering sources' names
        event = screen.events[0]
        assert str(table.get_row_at(0)[1]) == f"{len(event.doc_ids)}/30"


async def test_story_entries_made_off_the_loop_keep_what_changed_meanwhile(mixed):
    """The stories worker makes the grouped entries in its thread (group) and the loop
    swaps them in (show_grouped): a document read in between stays dimmed, the
    highlighted one stays highlighted, and entries made for another brief's documents
    are dropped."""
    app = make_app(mixed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourcesList)
        stories = app.brief.stories()
        made = sources.group(stories)
        assert made is not None and made.title == "Sources (14, 3 stories)"
        doc = next(d for d in app.brief.documents if d.id not in made.read)
        other = next(d for d in app.brief.documents if d.id != doc.id)
        sources.mark(other.id)
        sources.set_read(doc.id, True)  # read after the entries were made
        sources.show_grouped(made)
        assert sources.highlighted_id == other.id
        dimmed, plain = source_prompt(doc, read=True), source_prompt(doc, read=False)
        assert dimmed.spans != plain.spans  # (Content's == compares the text alone)
        assert sources.get_option(doc.id).prompt.spans == dimmed.spans
        stale = sources.group(stories)
        assert stale is not None
        sources.set_documents(app.brief.documents[:3])  # another brief's list meanwhile
        sources.show_grouped(stale)
        assert sources.border_title == "Sources (3)"
        assert sources.option_count == 5  # three entries and the gaps between them
        assert sources.group(stories[:1]) is None  # one story and a plain list: no change


async def test_a_long_sources_list_fills_a_chunk_per_turn_and_ends_right(mixed, monkeypatch):
    """Past FILL_CHUNK entries the list fills over turns of the event loop (keys pressed
    meanwhile are not held up); what happens during the fill is kept: a document marked
    or read before its entry came, and a newer list replacing the one filling."""
    monkeypatch.setattr(sources_module, "FILL_CHUNK", 4)
    app = make_app(mixed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourcesList)
        documents = app.brief.documents
        last, read_late = documents[-1], documents[-2]
        sources.set_documents(documents)
        assert sources.option_count == 4  # the first chunk at once
        sources.mark(last.id)  # its entry is still to come
        sources.set_read(read_late.id, True)
        await _filled(pilot, sources)
        assert sources.option_count == 2 * len(documents) - 1  # entries and the gaps
        assert sources.highlighted_id == last.id
        dimmed = source_prompt(read_late, read=True).spans
        assert sources.get_option(read_late.id).prompt.spans == dimmed
        sources.set_documents(documents)
        sources.set_documents(documents[:3])  # replaces the list still filling
        await _filled(pilot, sources)
        assert sources.option_count == 5 and sources.border_title == "Sources (3)"


async def _filled(pilot, sources: SourcesList) -> None:
    for _ in range(500):
        await pilot.pause(0.01)
        if not sources._filling:
            return
    raise AssertionError("the Sources list never finished filling")


async def test_widening_counts_only_the_new_columns_and_late_divergences_are_safe(mixed):
    """From a trial at 1,000 articles: widening showed "3 of 1006 sources" (the old
    columns, not yet removed, counted with the new) and divergences arriving for a
    half-removed column crashed the app (NoMatches: ColumnNav)."""
    from brieftui.app.compare.column import SourceColumn

    app = make_app(mixed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await compare_oval_office(pilot)
        assert isinstance(screen, CompareScreen)
        await pilot.press("w")
        for _ in range(20):  # every frame of the change: never old and new together
            await pilot.pause()
            assert len(screen.columns) in (4, len(app.brief.documents) - 1)
        await settle(pilot)
        column = screen.columns[0]
        await column.remove_children()  # as while remove_children takes a column away
        column.set_divergences({})  # must not raise
        assert all(isinstance(c, SourceColumn) for c in screen.columns)


async def test_a_source_of_another_story_says_where_its_events_are(mixed):
    """Story s1 shown and a source of another story typed: the table says in which
    story that source's events are, not only "0 events" (a second new-user trial)."""
    app = make_app(mixed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_events(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert screen.story == "s1"
        in_s1 = {d for e in screen.all_events if e.story == "s1" for d in e.doc_ids}
        folder = next(
            f for f in ("boe", "seeds", "hospital") if not any(d.startswith(f + "/") for d in in_s1)
        )
        its_stories = {
            e.story for e in screen.all_events if any(d.startswith(folder + "/") for d in e.doc_ids)
        }
        assert its_stories and "s1" not in its_stories
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*folder)
        await pilot.pause()
        assert screen.events == []
        title = str(screen.query_one(DataTable).border_title)
        assert f"No events of “{folder}” in story s1" in title
        assert all(s in title for s in its_stories)


def write_unrelated(folder, count: int) -> None:
    """``count`` short parish notes on five unrelated subjects, none covering another."""
    topics = ["orchard frost", "river ferry", "chess final", "museum roof", "tram strike"]
    for k in range(count):
        topic = topics[k % len(topics)]
        (folder / f"other{k:02d}.txt").write_text(
            f"A note on the {topic} number {k}\n\n"
            f"Residents of Quillby{k} discussed the {topic} at a meeting of the parish on "
            f"Thursday, and the clerk recorded {k + 3} objections before the vote.\n",
            encoding="utf-8",
        )


async def test_widened_compare_names_many_uncovering_sources_in_one_column(tmp_path):
    """A widened Compare over many unrelated articles: a column each for the sources
    that cover the anchor, one column counting and naming the rest (a column each took
    seconds to mount at 1,000 articles; a second new-user trial)."""
    from brieftui.app.compare.absent import ABSENT_MAX, AbsentSources

    root = tmp_path / "wide"
    shutil.copytree(SEEDS_DIR, root / "seeds")
    write_unrelated(root, ABSENT_MAX + 8)
    app = make_app([str(root)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await compare_oval_office(pilot)
        assert isinstance(screen, CompareScreen)
        await pilot.press("w")
        await settle(pilot)
        assert screen.view is not None and screen.view.widened
        absent = [c for c in screen.view.columns if not c.items]
        assert len(absent) > ABSENT_MAX
        summary = screen.query_one(AbsentSources)
        assert summary.border_title == f"Not covered by {len(absent)} other sources"
        assert len(screen.columns) == len(screen.view.columns) - len(absent)
        assert all(c.covered for c in screen.columns)


def _fire_among_unrelated(tmp_path, names: str):
    """One warehouse fire told by each of ``names``, among more unrelated articles than
    Compare gives a column each: the app, opened on the first fire article."""
    from brieftui.app.compare.absent import ABSENT_MAX

    fire = (
        "A fire destroyed the grain warehouse on the Valmora docks on Monday night, and "
        "firefighters fought the blaze for six hours before it was under control, the "
        "harbour master said on Tuesday."
    )
    for name in names:
        (tmp_path / f"{name}-fire.txt").write_text(
            f"Warehouse fire in Valmora ({name})\n\n{fire}\n\nNo one was hurt.\n",
            encoding="utf-8",
        )
    write_unrelated(tmp_path, ABSENT_MAX + 4)
    return make_app([str(tmp_path / f"{names[0]}-fire.txt"), str(tmp_path)])


async def _widened_compare(pilot) -> CompareScreen:
    """Compare on the first passage, widened to every story (``w``)."""
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    await pilot.press("w")
    await settle(pilot)
    return screen


async def test_the_summary_of_uncovering_sources_is_on_screen_and_reachable(tmp_path):
    """A trial: with one covering source, its column took the whole width and the
    "Not covered by 23 other sources" column was off to the right, out of reach of →."""
    from brieftui.app.compare.absent import AbsentSources

    app = _fire_among_unrelated(tmp_path, "ab")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _widened_compare(pilot)
        summary = screen.query_one(AbsentSources)
        assert [c.covered for c in screen.columns] == [True]
        assert summary.region.width > 0 and summary.region.right <= SIZE[0], summary.region
        await pilot.press("right")
        await pilot.pause()
        assert screen.focused is summary


async def test_widened_compare_scrolls_a_whole_column_at_a_time(tmp_path):
    """From a trial: after a dozen → in a widened Compare the view began inside a column
    (its border cut off, a sliver of the next at the right edge). It moves a whole
    column at a time, and the summary of uncovering sources stays in view beside."""
    from textual.containers import HorizontalScroll

    from brieftui.app.compare.absent import AbsentSources

    app = _fire_among_unrelated(tmp_path, "abcdef")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _widened_compare(pilot)
        summary = screen.query_one(AbsentSources)
        scroll = screen.query_one("#compare-columns", HorizontalScroll)
        assert len(screen.columns) >= 4
        width = screen.columns[0].outer_size.width
        assert scroll.size.width < len(screen.columns) * width  # it has to scroll
        for _ in range(len(screen.columns)):
            await pilot.press("right")
            await pilot.pause()
            assert scroll.scroll_x % width == 0, (scroll.scroll_x, width)
            assert 0 < summary.region.right <= SIZE[0]
        assert scroll.scroll_x > 0 and screen.focused is summary
