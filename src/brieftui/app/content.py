"""Turning data into Textual ``Content``: plain text, match highlighting.

Every string that came from a file, a file name, a query or a note reaches the
screen through these functions (or ``Content(...)`` directly), never as a markup
string: ``[@click=app.quit]`` in a title is text to read, not a link to click.
Control characters are shown as visible symbols (``␛``), never written raw.
Snippets and shortening are in :mod:`brieftui.spans`, shared with the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from brieftui.safe_text import visible

MATCH_STYLE = "bold $text-warning on $warning 20%"
"""How matched words look, in the reader and in the results list."""


def plain(text: str | None, style: str = "", *, newlines: bool = True) -> Content:
    """Untrusted ``text`` as Content: no markup parsed, control characters made visible.

    ``newlines=False`` shows line breaks as ``␊`` too (a value that must stay on one line).
    """
    content = Content(visible(text or "", newlines=newlines))
    return content.stylize(style) if style else content


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = MATCH_STYLE) -> Content:
    """``text`` with every ``(start, end)`` span styled as a match (bad spans are ignored).

    Controls are replaced one for one, so the spans stay on the same characters.
    """
    content = Content(visible(text, newlines=True))
    n = len(text)
    for start, end in spans:
        start, end = max(0, start), min(n, end)
        if start < end:
            content = content.stylize(style, start, end)
    return content
