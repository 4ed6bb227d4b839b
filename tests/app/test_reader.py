"""Pilot tests for the reader's key paths: moving, documents, panes, help, quit, mouse."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ProgressBar

import brieftui
from brieftui.app import make_app
from brieftui.app.help import HelpScreen
from brieftui.app.reading.loading import LoadingPanel
from brieftui.app.reading.outline import OutlineList
from brieftui.app.reading.reader import Reader
from brieftui.app.reading.screen import MainScreen
from brieftui.app.reading.sources import SourcesList

from .conftest import settle

SIZE = (120, 36)


def main(app) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def index_of(app, passage_id: str | None) -> int:
    assert passage_id is not None
    return app.brief.passage(passage_id).index


async def test_opens_first_document_at_first_passage(pilot):
    app = pilot.app
    screen = main(app)
    assert app.brief is not None and len(app.brief.documents) == 5
    assert not screen.query_one(LoadingPanel).display
    assert screen.doc_id == app.brief.documents[0].id
    assert index_of(app, screen.reader.passage_id) == 0
    assert app.focused is screen.reader


async def test_j_k_and_arrows_move_passage_by_passage(pilot):
    app = pilot.app
    reader = main(app).reader
    await pilot.press("j")
    assert index_of(app, reader.passage_id) == 1
    await pilot.press("j", "j")
    assert index_of(app, reader.passage_id) == 3
    await pilot.press("k")
    assert index_of(app, reader.passage_id) == 2
    await pilot.press("down")
    assert index_of(app, reader.passage_id) == 3
    await pilot.press("up", "up", "up", "up")  # stops at the first passage, no wrap
    assert index_of(app, reader.passage_id) == 0


async def test_j_at_the_last_passage_stays_there(pilot):
    app = pilot.app
    reader = main(app).reader
    doc = app.brief.documents[0]
    await pilot.press("end")
    assert index_of(app, reader.passage_id) == doc.passage_count - 1
    await pilot.press("j")
    assert index_of(app, reader.passage_id) == doc.passage_count - 1


async def test_brackets_change_document(pilot):
    app = pilot.app
    screen = main(app)
    docs = app.brief.documents
    await pilot.press("]")
    assert screen.doc_id == docs[1].id
    assert screen.reader.passage_id == next(docs[1].passages()).id
    await pilot.press("]", "]")
    assert screen.doc_id == docs[3].id
    await pilot.press("[")
    assert screen.doc_id == docs[2].id
    # the outline follows the document
    outline = screen.query_one(OutlineList)
    assert outline.option_count == sum(1 for s in docs[2].sections if s.passages)


async def test_tab_cycles_panes(pilot):
    app = pilot.app
    main(app)
    seen = [type(app.focused)]
    for _ in range(3):
        await pilot.press("tab")
        seen.append(type(app.focused))
    assert seen == [Reader, SourcesList, OutlineList, Reader]


async def test_help_lists_every_key_and_closes(pilot):
    app = pilot.app
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    text = app.screen.text()
    for description in ("Next doc", "Prev doc", "Search", "Next hit", "Quit", "Palette"):
        assert description in text
    await pilot.press("escape")
    assert isinstance(app.screen, MainScreen)


async def test_help_follows_the_keymap(pilot):
    app = pilot.app
    app.set_keymap({"brieftui.next_document": "ctrl+right"})
    await pilot.press("ctrl+right")
    assert main(app).doc_id == app.brief.documents[1].id
    await pilot.press("question_mark")
    text = app.screen.text()
    assert "^→" in text or "ctrl+right" in text.lower() or "→" in text


async def test_q_quits(pilot):
    app = pilot.app
    await pilot.press("q")
    await pilot.pause()
    assert app._exit


async def test_click_a_source_opens_it(pilot):
    app = pilot.app
    screen = main(app)
    sources = screen.query_one(SourcesList)
    target = app.brief.documents[2]
    line = sources._index_to_line[sources.get_option_index(target.id)]
    await pilot.click(SourcesList, offset=(4, line + 1))
    await pilot.pause()
    assert screen.doc_id == target.id


async def test_click_an_outline_entry_and_a_passage(pilot):
    app = pilot.app
    screen = main(app)
    outline = screen.query_one(OutlineList)
    await pilot.click(OutlineList, offset=(4, outline._index_to_line[1] + 1))
    await pilot.pause()
    doc = app.brief.documents[0]
    second = [s for s in doc.sections if s.passages][1]
    assert screen.reader.passage_id == second.passages[0].id
    # click the second passage on screen: first line of the option after the highlighted one
    reader = screen.reader
    reader.focus()
    await pilot.press("home")
    await pilot.pause(0.3)
    first_passage = reader.highlighted
    assert first_passage is not None
    nxt = first_passage + 1
    while reader.get_option_at_index(nxt).disabled:
        nxt += 1
    y = reader._index_to_line[nxt] - int(reader.scroll_y) + 1
    assert 0 < y < reader.size.height, (y, reader.scroll_y, reader._index_to_line[nxt])
    await pilot.click(Reader, offset=(10, y))
    await pilot.pause()
    assert reader.highlighted == nxt


async def test_position_is_remembered_across_runs(seeds):
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("]", "]", "j", "j", "j")
        where = (main(app).doc_id, main(app).reader.passage_id)
        await pilot.press("q")
    second = make_app(seeds)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert (main(second).doc_id, main(second).reader.passage_id) == where


async def test_position_follows_the_passage_when_the_file_moves_it(tmp_path):
    """From a trial: after a paragraph was added above, the reader reopened on the
    passage before the one the user had left (it went by number)."""
    import shutil

    from .conftest import SEEDS

    brief_dir = tmp_path / "brief"
    shutil.copytree(SEEDS, brief_dir)
    app = make_app([str(brief_dir)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j")
        doc_id, passage_id = main(app).doc_id, main(app).reader.passage_id
        text = app.brief.passage(passage_id).passage.text
        path = app.brief.document(doc_id).path
        await pilot.press("q")
    original = Path(path).read_text(encoding="utf-8")
    first_break = original.index("\n") + 1  # after the first line
    added = "A paragraph added above everything else, long enough to be a passage of its own.\n"
    Path(path).write_text(original[:first_break] + added + original[first_break:], "utf-8")
    second = make_app([str(brief_dir)])
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        now = main(second).reader.passage_id
        assert now != passage_id and second.brief.passage(now).passage.text == text


async def test_theme_is_remembered(seeds):
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("q")
    second = make_app(seeds)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.theme == "nord"


async def test_app_with_a_loaded_brief_skips_loading(seed_brief):
    app = make_app(brief=seed_brief)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert main(app).doc_id == seed_brief.documents[0].id


async def test_load_warnings_are_notified(tmp_path):
    (tmp_path / "a.txt").write_text("A title\n\nA first paragraph of text that is long enough.\n")
    (tmp_path / "b.bin").write_bytes(bytes(range(256)) * 8)
    app = make_app([str(tmp_path)])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if app.brief.messages:
            assert any("while loading" in (n.title or "") for n in app._notifications)


async def test_loading_shows_progress_and_can_be_cancelled(seeds, monkeypatch):
    import threading

    from brieftui.brief import LoadCancelled

    started = threading.Event()

    def slow_load(paths, *, progress=None, cancelled=None, **kw):
        for n in range(1, 10_000):
            if cancelled is not None and cancelled():
                raise LoadCancelled
            if progress is not None:
                progress(n, 10_000)
            started.set()
            threading.Event().wait(0.005)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(brieftui, "load", slow_load)
    app = make_app(seeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started.wait(5)
        await pilot.pause(0.2)
        panel = main(app).query_one(LoadingPanel)
        assert panel.display
        assert "Reading" in str(panel.query_one("#loading-label").render())
        # the bar is mounted after the first frame, in the place a blank line kept for it
        bar = panel.query_one("#loading-bar", ProgressBar)
        assert bar.total == 10_000 and bar.progress > 0
        assert not panel.query("#loading-bar-slot")
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert "cancelled" in str(panel.query_one("#loading-label").render())
        assert app.brief is None


async def test_load_warnings_on_a_small_terminal_are_a_short_toast(tmp_path):
    """At 80x24 the toast names two files (by name, not path) and says the rest are
    listed on quitting (from a new-user trial: five full paths covered the reader)."""
    (tmp_path / "a.txt").write_text("A title\n\nA first paragraph of text that is long enough.\n")
    for k in range(4):
        (tmp_path / f"empty{k}.txt").write_text("")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        (toast,) = [n for n in app._notifications if "while loading" in (n.title or "")]
        lines = toast.message.splitlines()
        assert len(lines) == 3 and str(tmp_path) not in toast.message
        assert lines[0].startswith("warning: empty0.txt:")
        assert lines[-1] == "… and 2 more (all are listed when you quit)"


async def test_the_palette_finds_a_document_by_its_outlet_or_file_name(seeds):
    """From a trial: ctrl+p found nothing for an outlet's name or a file's, which only
    search's source: found. The outlet and file name are matched too, and shown."""
    app = make_app(seeds)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first = app.brief.documents[0]
        last = app.brief.documents[-1]
        assert first.publisher and "Business" not in first.title
        app.open_document(last.id, None)
        await settle(pilot)
        for typed, wanted in ((first.publisher, first.id), ("003_1f07", "003_1f0703ce1b2c2da7")):
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*typed)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert app.main_screen.doc_id == wanted, typed
