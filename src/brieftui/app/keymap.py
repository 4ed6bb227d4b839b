"""The user's keymap (from the config file), checked against the app's binding ids.

Textual's ``App.set_keymap`` maps a binding id to keys; an id that no binding has
is silently ignored, so a typo in the config would do nothing without a word.
:func:`check_keymap` splits the keymap into what applies and one warning per
unknown id. The ids are collected from every screen and widget with bindings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType


def _ids(bindings: Iterable[BindingType]) -> set[str]:
    return {b.id for b in bindings if isinstance(b, Binding) and b.id}


def known_binding_ids(app_bindings: Iterable[BindingType] = ()) -> set[str]:
    """Every ``brieftui.…`` binding id, on every screen and widget (and the app's own,
    passed in by the app so this module never imports it)."""
    from brieftui.app.compare.column import SourceColumn
    from brieftui.app.compare.screen import CompareScreen
    from brieftui.app.events.screen import EventsScreen, EventTable
    from brieftui.app.help import HelpScreen
    from brieftui.app.notes.editor import NoteEditor
    from brieftui.app.notes.screen import NotesList, NotesScreen
    from brieftui.app.reading.goto import GoToScreen
    from brieftui.app.reading.keys import READING_KEYS
    from brieftui.app.reading.removed import RemovedScreen
    from brieftui.app.search.search_bar import SearchBar

    ids = _ids(READING_KEYS) | _ids(app_bindings)
    for owner in (
        SourceColumn,
        CompareScreen,
        EventsScreen,
        EventTable,
        HelpScreen,
        NoteEditor,
        NotesList,
        NotesScreen,
        GoToScreen,
        RemovedScreen,
        SearchBar,
    ):
        ids |= _ids(owner.BINDINGS)
    return ids


def check_keymap(
    keymap: Mapping[str, str], app_bindings: Iterable[BindingType] = ()
) -> tuple[dict[str, str], list[str]]:
    """(the entries whose id exists, one warning per id that does not)."""
    known = known_binding_ids(app_bindings)
    good = {k: v for k, v in keymap.items() if k in known}
    warnings = [
        f"keymap: no key has the id {k!r} (press ? in the app for the ids)"
        for k in keymap
        if k not in known
    ]
    return good, warnings
