"""The config file in the app: the keymap moves keys (help follows), the reading width
wraps the reader, the theme is used, and a bad setting is a one-line warning."""

from __future__ import annotations

from pathlib import Path

from brieftui.app import make_app
from brieftui.app.help import HelpScreen, binding_rows

from .conftest import SEEDS, settle


async def test_keymap_theme_and_width_from_the_config(isolated_data_dir: Path) -> None:
    (isolated_data_dir / "config.toml").write_text(
        'theme = "nord"\nreading_width = 60\n'
        '[keymap]\n"brieftui.search" = "s"\n"brieftui.nope" = "z"\n'
    )
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        reader = app.main_screen.reader
        # 60 columns of text and the options' padding, with or without a scrollbar
        assert reader.scrollable_content_region.width == 62
        warnings = [n.message for n in app._notifications]
        assert any("brieftui.nope" in w for w in warnings)
        await pilot.press("s")
        await settle(pilot)
        assert app.main_screen.search_bar.display
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = {d: k for _, section in binding_rows(app) for k, d, _ in section}
        assert rows["Search"] == "s"


async def test_a_broken_config_is_a_warning_not_a_crash(isolated_data_dir: Path) -> None:
    (isolated_data_dir / "config.toml").write_text("theme = [unclosed\n")
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.brief is not None
        assert any("not valid TOML" in n.message for n in app._notifications)
