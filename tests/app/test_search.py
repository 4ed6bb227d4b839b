"""Pilot tests for search as you type: typos, Enter, n/N, escape, stale results, palette."""

from __future__ import annotations

import threading

import brieftui
from brieftui.app import make_app
from brieftui.app.reading.screen import MainScreen
from brieftui.app.search.search_bar import SearchBar
from brieftui.search import SearchResult

from .conftest import settle

SIZE = (120, 36)


def main(app) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def type_burst(pilot, text: str) -> None:
    """Post every key at once, as a paste or a fast typist sends them (Pilot.press
    waits between keys), then let the app settle."""
    from textual import events

    for char in text:
        pilot.app.post_message(events.Key("slash" if char == "/" else char, char))
    await settle(pilot)


async def type_query(pilot, text: str) -> None:
    await pilot.press("slash")
    await pilot.press(*text)
    await settle(pilot)


async def test_search_with_a_typo_finds_zelensky(pilot):
    app = pilot.app
    await type_query(pilot, "zelenksy")
    bar = main(app).search_bar
    assert bar.display
    assert bar.hits, "no hits for a typo"
    assert "Zelensky" in bar.hits[0].text
    assert bar.results.option_count == len(bar.hits)
    assert "zelenksy" in str(bar.query_one("#search-status").render())


async def test_enter_opens_the_hit_at_its_passage_with_matches_highlighted(pilot):
    app = pilot.app
    await type_query(pilot, "zelenksy")
    screen = main(app)
    hit = screen.search_bar.hits[0]
    await pilot.press("enter")
    await pilot.pause()
    assert not screen.search_bar.display
    assert app.focused is screen.reader
    assert screen.doc_id == hit.doc_id
    assert screen.reader.passage_id == hit.passage_id
    prompt = screen.reader.highlighted_option.prompt
    assert prompt.plain == hit.text
    assert any(span.start == hit.spans[0][0] for span in prompt.spans)


async def test_arrow_keys_move_in_results_while_typing(pilot):
    app = pilot.app
    await type_query(pilot, "nato")
    screen = main(app)
    hits = screen.search_bar.hits
    assert len(hits) >= 3
    await pilot.press("down", "down", "up")
    assert app.focused is screen.search_bar.input
    await pilot.press("enter")
    await pilot.pause()
    assert screen.reader.passage_id == hits[1].passage_id


async def test_n_and_shift_n_step_through_hits_across_documents(pilot):
    app = pilot.app
    await type_query(pilot, "nato")
    screen = main(app)
    hits = screen.search_bar.hits
    await pilot.press("enter")
    await pilot.pause()
    for expected in hits[1:4]:
        await pilot.press("n")
        assert screen.reader.passage_id == expected.passage_id
        assert screen.doc_id == expected.doc_id
    await pilot.press("N")
    assert screen.reader.passage_id == hits[2].passage_id
    assert len({h.doc_id for h in hits}) > 1
    await pilot.press("N", "N", "N")  # wraps around to the last hit
    assert screen.reader.passage_id == hits[-1].passage_id


async def test_n_pressed_fast_past_the_first_page_counts_every_press(pilot):
    """Presses of n while the next page of hits loads each move one hit on."""
    app = pilot.app
    await type_query(pilot, "the")
    screen = main(app)
    assert len(screen.search_bar.hits) == 50 < screen.search_bar.total
    await pilot.press("enter")
    await settle(pilot)
    await type_burst(pilot, "n" * 55)
    await settle(pilot)
    assert screen.hit_index == 55
    assert screen.reader.passage_id == screen.hits[55].passage_id


async def test_escape_closes_the_bar_and_keeps_reading(pilot):
    app = pilot.app
    before = main(app).reader.passage_id
    await type_query(pilot, "ceasfire")
    await pilot.press("escape")
    assert not main(app).search_bar.display
    assert app.focused is main(app).reader
    assert main(app).reader.passage_id == before
    await pilot.press("j")  # keys go to the reader again, not the input
    assert main(app).reader.passage_id != before


async def test_typing_keeps_only_the_latest_query(pilot):
    app = pilot.app
    await pilot.press("slash", *"russia", "backspace", "backspace", *"ia")
    await settle(pilot)
    bar = main(app).search_bar
    assert bar.query_text == "russia"
    # an answer to an older query is dropped
    shown = list(bar.hits)
    bar.post_message(SearchBar._Answer("rus", SearchResult("rus", [], 0), None))
    await settle(pilot)
    assert bar.query_text == "russia" and bar.hits == shown


async def test_clearing_the_query_clears_results(pilot):
    app = pilot.app
    await type_query(pilot, "nato")
    await pilot.press(*["backspace"] * 4)
    await settle(pilot)
    assert main(app).search_bar.results.option_count == 0


async def test_query_typed_while_loading_runs_when_loaded(seeds, monkeypatch):
    gate = threading.Event()
    real_load = brieftui.load

    def gated_load(paths, **kwargs):
        gate.wait(10)
        return real_load(paths, **kwargs)

    monkeypatch.setattr(brieftui, "load", gated_load)
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zelenksy")
        await pilot.pause()
        assert app.brief is None
        assert "loaded" in str(main(app).search_bar.query_one("#search-status").render())
        gate.set()
        await settle(pilot)
        await settle(pilot)
        assert main(app).search_bar.hits
        # the box keeps the keys: the load ending does not move them to the reader
        assert app.focused is main(app).search_bar.input
        await pilot.press(*" ceasfire")
        await settle(pilot)
        assert main(app).search_bar.current_query == "zelenksy ceasfire"


async def test_palette_jumps_to_a_document(pilot):
    app = pilot.app
    target = app.brief.documents[3]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*target.title[:16])
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    assert main(app).doc_id == target.id


async def test_palette_jumps_to_a_section(pilot):
    app = pilot.app
    doc = app.brief.documents[2]
    section = next(s for s in doc.sections if s.heading and s.passages and len(s.heading) > 12)
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*section.heading[:24])
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()
    assert main(app).doc_id == doc.id
    assert main(app).reader.passage_id == section.passages[0].id


async def test_keys_typed_in_one_burst_after_slash_land_in_the_search_box(seeds):
    """A fast typist, a paste or tmux send-keys: "/" and the letters arrive together.

    Pilot.press waits between keys, so post the key events in one go instead.
    """

    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_burst(pilot, "/zelenksy")
        bar = main(app).search_bar
        assert bar.input.value == "zelenksy"
        assert bar.hits and "Zelensky" in bar.hits[0].text
        await pilot.press("slash")  # inside the box, "/" is a character
        assert bar.input.value == "zelenksy/"
        await type_burst(pilot, "a/b")  # ...in its place, also in a burst
        assert bar.input.value == "zelenksy/a/b"


async def test_search_bar_is_mounted_after_the_first_frame_with_the_brief(pilot):
    """The bar is not part of the first frame (start-up), but is there, with the brief,
    by the time the reader is settled."""
    screen = main(pilot.app)
    bar = screen.query_one(SearchBar)
    assert bar is screen.search_bar
    assert not bar.display
    assert bar.brief is pilot.app.brief


async def test_slash_before_the_bar_is_mounted_mounts_it_and_keeps_the_burst(seeds, monkeypatch):
    """If "/" comes before the screen mounted the bar (a key at the very start), the
    bar is mounted then, and the keys typed with "/" still land in it."""

    async def not_yet(self) -> None:
        return None

    monkeypatch.setattr(MainScreen, "mount_search_bar_after_first_frame", not_yet)
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not main(app).query(SearchBar)
        await type_burst(pilot, "/zelenksy")
        bar = main(app).search_bar
        assert bar.input.value == "zelenksy"
        assert bar.hits and "Zelensky" in bar.hits[0].text


async def test_quitting_at_the_first_frame_leaves_no_error(seeds):
    """The bar's mount after the first frame meets an app already closing: no error."""
    app = make_app(seeds)

    async with app.run_test(size=SIZE) as pilot:
        app.exit()
        await pilot.pause()
    assert app.return_code == 0
