"""The help screen: the keys that work where it was opened, from the live bindings,
each with the id that remaps it in the config file's ``[keymap]``.

It reads the ``BINDINGS`` of the screen it was opened from, of that screen's
brieftui widgets, and of the app, with the user's keymap applied, and leaves out
what does nothing there (an action the screen's ``check_action`` refuses, such
as "cancel loading" once the brief is open). So it stays true when keys are
added, remapped or only work sometimes. Each row is three columns (keys, name,
what it does) sized to the widest key, so wrapped text stays aligned at any
width. A screen that marks things with signs (Events' ``≠2``) explains them in
a "Signs" section, from its ``HELP_SIGNS``: (sign, name, what it means) rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

Row = tuple[str, str, str]
"""(keys, name, what it does: the tooltip, then the binding id to remap it with)"""


def _listed(binding: Binding) -> bool:
    """brieftui's own keys: the ones with a ``brieftui.`` id, which users can remap."""
    return bool(binding.description and binding.id and binding.id.startswith("brieftui."))


def _sections(app: App[object], screen: Screen[object]) -> Iterable[tuple[str, DOMNode]]:
    """(title, node) for the screen help was opened from, its widgets, and the app."""
    yield (getattr(screen, "HELP_TITLE", None) or "Reading"), screen
    seen: set[type] = set()  # one section per widget class (Compare has a column per source)
    for widget in screen.walk_children():
        if type(widget) in seen or not widget.display:
            continue
        if type(widget).__module__.startswith("brieftui") and any(
            _listed(b) for bs in widget._bindings.key_to_bindings.values() for b in bs
        ):
            seen.add(type(widget))
            yield (getattr(widget, "HELP_TITLE", None) or type(widget).__name__), widget
    if not screen.is_modal:
        yield "Everywhere", app


def _works(node: DOMNode, binding: Binding) -> bool:
    """Does ``binding`` work on ``node``? ``check_action`` returning ``False`` means never
    here (hidden); ``None`` means not right now (n before a search): still listed."""
    action = binding.action.split("(", 1)[0]
    if "." in action:  # "app.quit", "screen.edit": checked where they run
        return True
    try:
        allowed = node.check_action(action, ())
    except Exception:  # a check that needs parameters: assume it works
        return True
    return allowed is not False


def binding_rows(
    app: App[object], screen: Screen[object] | None = None
) -> list[tuple[str, list[Row]]]:
    """Sections of (keys, name, what it does) rows, keymap applied, in definition order."""
    if screen is None:
        screen = next(s for s in reversed(app.screen_stack) if not isinstance(s, HelpScreen))
    out: list[tuple[str, list[Row]]] = []
    for title, node in _sections(app, screen):
        bindings_map = node._bindings.copy()
        if app._keymap:
            bindings_map.apply_keymap(app._keymap)
        grouped: dict[tuple[str, str], list[Binding]] = {}
        for bindings in bindings_map.key_to_bindings.values():
            for binding in bindings:
                if _listed(binding) and _works(node, binding):
                    grouped.setdefault((binding.action, binding.description), []).append(binding)
        rows: list[Row] = []
        for (_action, description), bindings in grouped.items():
            keys: list[str] = []
            for binding in bindings:
                shown = app.get_key_display(dataclasses.replace(binding, key_display=None))
                if shown not in keys:
                    keys.append(shown)
            what = bindings[0].tooltip or ""
            rows.append((" ".join(keys), description, f"{what} [{bindings[0].id}]".strip()))
        if node is app and app.ENABLE_COMMAND_PALETTE:
            rows.append(("^p", "Palette", "Jump to a document or section; run a command; theme"))
        if rows:
            out.append((title, rows))
        signs = getattr(node, "HELP_SIGNS", ()) if node is screen else ()
        if signs:
            out.append(("Signs", [(sign, name, what) for sign, name, what in signs]))
    return out


def _what(text: str) -> Content:
    """The description, with its ``[binding id]`` below it (for the config's keymap)."""
    head, sep, binding_id = text.rpartition(" [")
    if not sep:
        return Content(text)
    return Content.assemble(head, "\n", Content.styled(f"[{binding_id}", "italic"))


class HelpScreen(ModalScreen[None]):
    """``?``: the keys that work where it was opened."""

    BINDINGS = [
        Binding(
            "escape,q,question_mark",
            "dismiss",
            "Close",
            id="brieftui.help.close",
            tooltip="Close the help screen",
        ),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help-box {
            width: 96;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $accent;
            border-title-color: $text-accent;
            background: $surface;
            padding: 0 1;
        }
        #help-scroll {
            height: auto;
            max-height: 1fr;
        }
        #help-hint {
            height: 1;
            dock: bottom;
        }
        .help-title { margin-top: 1; color: $text-accent; text-style: bold; }
        .help-row { height: auto; }
        .help-keys { color: $text-warning; text-style: bold; }
        .help-name { text-style: bold; }
        .help-what { width: 1fr; color: $text-muted; }
    }
    """

    def compose(self) -> ComposeResult:
        sections = binding_rows(self.app)
        key_width = 2 + max((len(k) for _, rows in sections for k, _, _ in rows), default=4)
        name_width = 2 + max((len(n) for _, rows in sections for _, n, _ in rows), default=8)
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                for title, rows in sections:
                    yield Static(Content(title), classes="help-title")
                    for keys, name, what in rows:
                        with Horizontal(classes="help-row"):
                            keys_cell = Static(Content(keys), classes="help-keys")
                            keys_cell.styles.width = key_width
                            name_cell = Static(Content(name), classes="help-name")
                            name_cell.styles.width = name_width
                            yield keys_cell
                            yield name_cell
                            yield Static(_what(what), classes="help-what")
            yield Static(Content.styled("Esc, q or ? closes", "$text-muted"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys"

    def text(self) -> str:
        """Everything listed, as plain text (one row a line): for tests and screen readers."""
        lines: list[str] = []
        for widget in self.query_one("#help-scroll").children:
            if isinstance(widget, Horizontal):
                lines.append("  ".join(str(cell.render()) for cell in widget.query(Static)))
            elif isinstance(widget, Static):
                lines.append(str(widget.render()))
        return "\n".join(lines)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
