"""The keys of the reading screen, in one place (help and the footer read them).

Every binding has a ``brieftui.`` id, so a keymap in the config file (or
``App.set_keymap``) can move it; help lists them with the keymap applied.
"""

from __future__ import annotations

from textual.binding import Binding

READING_KEYS = [
    Binding(
        "j,down",
        "move(1)",
        "Next",
        key_display="j",
        id="brieftui.next_passage",
        tooltip="Next passage",
    ),
    Binding(
        "k,up",
        "move(-1)",
        "Prev",
        key_display="k",
        id="brieftui.previous_passage",
        tooltip="Previous passage",
        show=False,  # j is shown; the footer keeps room for ? Help at 80 columns
    ),
    Binding(
        "right_square_bracket",
        "document(1)",
        "Next doc",
        key_display="]",
        id="brieftui.next_document",
        tooltip="Open the next document",
        # not in the footer: at 80 columns it pushed out e Events, ? Help and q Quit
        # (a trial); ? lists it
        show=False,
    ),
    Binding(
        "left_square_bracket",
        "document(-1)",
        "Prev doc",
        key_display="[",
        id="brieftui.previous_document",
        tooltip="Open the previous document",
        show=False,  # ] is shown; both are in help
    ),
    Binding(
        "slash",
        "search",
        "Search",
        key_display="/",
        id="brieftui.search",
        tooltip="Search the whole brief as you type",
        # Priority: the app runs it before forwarding the next key, so letters typed
        # right after "/" (a fast typist, a paste, tmux send-keys) land in the input
        # instead of the reader's queue.
        priority=True,
    ),
    Binding(
        "n",
        "hit(1)",
        "Next hit",
        id="brieftui.next_hit",
        tooltip="Go to the next search hit (across documents)",
        show=False,  # the search bar says "n/N hits"; ? lists it
    ),
    Binding(
        "N",
        "hit(-1)",
        "Prev hit",
        key_display="N",
        id="brieftui.previous_hit",
        tooltip="Go to the previous search hit",
        show=False,  # both are in help
    ),
    Binding(
        "tab",
        "app.focus_next",
        "Pane",
        show=False,
        id="brieftui.next_pane",
        tooltip="Cycle the panes: Sources, Outline, Reader",
    ),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous pane",
        show=False,
        id="brieftui.previous_pane",
        tooltip="Cycle the panes backwards",
    ),
    Binding(
        "escape",
        "cancel_load",
        "Cancel",
        id="brieftui.cancel_load",
        tooltip="Stop loading the brief",
    ),
    Binding(
        "a",
        "add_note",
        "Note",
        id="brieftui.add_note",
        tooltip="Add a note to the current passage",
    ),
    Binding(
        "x",
        "export_notes",
        "Export notes",
        show=False,
        id="brieftui.export_notes",
        tooltip="Export the brief's notes to a markdown file (the path is shown)",
    ),
    Binding(
        "c",
        "compare",
        "Compare",
        id="brieftui.compare",
        tooltip="Compare the current passage (or the highlighted search hit) across sources",
    ),
    Binding(
        "e",
        "events",
        "Events",
        id="brieftui.events",
        tooltip="Every event of the brief by the sources that cover it",
    ),
    Binding(
        "g",
        "edge(-1)",
        "First ¶",
        show=False,
        id="brieftui.first_passage",
        tooltip="First passage of the document",
    ),
    Binding(
        "G",
        "edge(1)",
        "Last ¶",
        key_display="G",
        show=False,
        id="brieftui.last_passage",
        tooltip="Last passage of the document",
    ),
    Binding(
        "colon",
        "go_to",
        "Go to ¶",
        key_display=":",
        show=False,
        id="brieftui.go_to_passage",
        tooltip="Jump to passage number N of the document",
    ),
    Binding(
        "y",
        "copy",
        "Copy",
        show=False,
        id="brieftui.copy",
        tooltip="Copy the passage with a citation line (title, outlet, date, URL)",
    ),
    Binding(
        "o",
        "open_url",
        "Open URL",
        show=False,
        id="brieftui.open_url",
        tooltip="Open the document's source URL in the web browser",
    ),
    Binding(
        "m",
        "toggle_read",
        "Read/unread",
        show=False,
        id="brieftui.toggle_read",
        tooltip="Mark the document unread (or read again); read ones are dimmed in Sources",
    ),
    Binding(
        "r",
        "removed",
        "Removed",
        show=False,
        id="brieftui.removed",
        tooltip="What cleaning removed from this document, and why",
    ),
]
