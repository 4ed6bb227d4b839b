"""The help screen: every key of the app, generated from the live bindings.

It reads the ``BINDINGS`` of the app, of each open screen and of brieftui's own
widgets, with the user's keymap applied, so it stays true when keys are added
or remapped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_WIDTH = 12
DESCRIPTION_WIDTH = 16


def _listed(binding: Binding) -> bool:
    """brieftui's own keys: the ones with a ``brieftui.`` id, which users can remap."""
    return bool(binding.description and binding.id and binding.id.startswith("brieftui."))


def _sections(app) -> Iterable[tuple[str, DOMNode]]:
    """(title, node) for every node whose bindings the user can reach."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, HelpScreen):
            continue
        yield (getattr(screen, "HELP_TITLE", None) or "Reading"), screen
        seen: set[type] = set()  # one section per widget class (Compare has a column per source)
        for widget in screen.walk_children():
            if type(widget) in seen:
                continue
            if type(widget).__module__.startswith("brieftui") and any(
                _listed(b) for bs in widget._bindings.key_to_bindings.values() for b in bs
            ):
                seen.add(type(widget))
                yield (getattr(widget, "HELP_TITLE", None) or type(widget).__name__), widget
    yield "Everywhere", app


def binding_rows(app) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Sections of (keys, description, tooltip) rows, keymap applied, in definition order."""
    out: list[tuple[str, list[tuple[str, str, str]]]] = []
    for title, node in _sections(app):
        bindings_map = node._bindings.copy()
        if app._keymap:
            bindings_map.apply_keymap(app._keymap)
        grouped: dict[tuple[str, str], list[Binding]] = {}
        for bindings in bindings_map.key_to_bindings.values():
            for binding in bindings:
                if not _listed(binding):
                    continue
                grouped.setdefault((binding.action, binding.description), []).append(binding)
        rows = []
        for (_action, description), bindings in grouped.items():
            keys: list[str] = []
            for binding in bindings:
                shown = app.get_key_display(dataclasses.replace(binding, key_display=None))
                if shown not in keys:
                    keys.append(shown)
            rows.append((" ".join(keys), description, bindings[0].tooltip))
        if node is app and app.ENABLE_COMMAND_PALETTE:
            rows.append(("^p", "Palette", "Jump to a document or section; change the theme"))
        if rows:
            out.append((title, rows))
    return out


class HelpScreen(ModalScreen[None]):
    """``?``: the keys, from the bindings."""

    BINDINGS = [
        Binding(
            "escape,q,question_mark",
            "dismiss",
            "Close",
            id="brieftui.help.close",
            tooltip="Close the help screen",
        ),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield Static(self._render_help(), id="help-text")
            yield Static(Content.styled("Esc, q or ? closes", "$text-muted"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys"

    def _render_help(self) -> Content:
        parts: list[Content | str] = []
        for n, (title, rows) in enumerate(binding_rows(self.app)):
            if n:
                parts.append("\n")
            parts.append(Content.styled(title, "bold $text-accent"))
            for keys, description, tooltip in rows:
                line = Content.assemble(
                    "\n  ",
                    Content.styled(keys.ljust(KEY_WIDTH), "bold $text-warning"),
                    Content.styled(description.ljust(DESCRIPTION_WIDTH), "bold"),
                )
                if tooltip:
                    line = Content.assemble(line, Content.styled(tooltip, "$text-muted"))
                parts.append(line)
        return Content.assemble(*parts)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
