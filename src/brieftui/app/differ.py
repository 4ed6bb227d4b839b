"""How a divergence looks on screen: the ``≠`` mark, the lines that list one, its highlight.

Compare and Events both show divergences (:mod:`brieftui.divergence`): Compare as
"anchor's value vs this source's" on a column, with both values highlighted in both
passages; Events as every value of an event with its sources. The values are article
text, so every piece is built as :class:`~textual.content.Content` from plain strings
(:func:`~brieftui.app.content.plain`), never from markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from brieftui.app.content import plain
from brieftui.spans import shorten

if TYPE_CHECKING:
    from brieftui.divergence import Divergence

MARK = "≠"
DIFFER_STYLE = "bold underline $text-error on $error 20%"
"""A value that another source gives differently (underlined: visible without colour too)."""
MARK_STYLE = "bold $text-error"
SHOWN_ON_COLUMN = 3
"""A Compare column lists this many divergences, then "+N more"."""
VALUE_WIDTH = 48
SLOT_WIDTH = 28


def mark(count: int) -> Content:
    """``≠2``: an event (or a match) on which sources give 2 facts differently."""
    return Content.styled(f"{MARK}{count}", MARK_STYLE)


def differ_spans(content: Content, spans: Sequence[tuple[int, int]], length: int) -> Content:
    """``content`` (a passage of ``length`` characters) with ``spans`` in the differ style."""
    for start, end in spans:
        start, end = max(0, start), min(length, end)
        if start < end:
            content = content.stylize(DIFFER_STYLE, start, end)
    return content


def _value(text: str, quote: bool) -> Content:
    shown = shorten(text, VALUE_WIDTH)
    return plain(f"“{shown}”" if quote else shown, DIFFER_STYLE, newlines=False)


LEAD_WORDS = 3
"""Words kept before the first word two quotations give differently."""


def from_difference(texts: Sequence[str]) -> list[str]:
    """Quotations shown from a little before their first difference: two long quotes
    that differ in their last words ("… we go back to the northern quay" / "… we go back
    to the southern quay") were both cut before it, and read the same (from a trial)."""
    words = [t.split() for t in texts]
    if len(words) < 2:
        return list(texts)

    def key(w: str) -> str:
        return "".join(ch for ch in w.casefold() if ch.isalnum())

    first = 0
    while all(first < len(ws) for ws in words) and len({key(ws[first]) for ws in words}) == 1:
        first += 1
    start = max(0, first - LEAD_WORDS)
    if start == 0:
        return list(texts)
    return ["…" + " ".join(ws[start:]) for ws in words]


def _slot(d: Divergence) -> Content:
    slot = shorten(d.slot, SLOT_WIDTH) if d.slot else d.kind
    return plain(f"{slot}: ", "bold", newlines=False)


def pair_lines(divergences: Sequence[Divergence], limit: int = SHOWN_ON_COLUMN) -> Content:
    """For a Compare column: ``≠ differs from the anchor`` and one line per divergence,
    ``dead: 12 people vs At least 15 people`` (the anchor's value first), then "+N more"."""
    if not divergences:
        return Content("")
    parts: list[Content | str] = [Content.styled(f"{MARK} differs from the anchor", MARK_STYLE)]
    for d in divergences[:limit]:
        first, second = d.values[0].text, d.values[-1].text
        quote = d.kind == "quote"
        if quote:
            first, second = from_difference([first, second])
        parts += ["\n", _slot(d), _value(first, quote)]
        parts += [Content.styled(" vs ", "$text-muted"), _value(second, quote)]
    if len(divergences) > limit:
        parts.append(Content.styled(f"\n+{len(divergences) - limit} more", "$text-muted"))
    return Content.assemble(*parts)


def event_lines(divergences: Sequence[Divergence], source: Callable[[str], str]) -> Content:
    """For Events: one line per divergence, each value as written with its sources,
    ``≠ dead: 12 people (S1, S3) vs At least 15 people (S2)``. ``source(doc_id)`` names
    a source."""
    parts: list[Content | str] = []
    for n, d in enumerate(divergences):
        if n:
            parts.append("\n")
        parts += [Content.styled(f"{MARK} ", MARK_STYLE), _slot(d)]
        groups = d.groups(source)
        if d.kind == "quote":
            shown = from_difference([t for t, _ in groups])
            groups = [(t, names) for t, (_old, names) in zip(shown, groups, strict=True)]
        for k, (text, names) in enumerate(groups):
            if k:
                parts.append(Content.styled(" vs ", "$text-muted"))
            parts.append(_value(text, d.kind == "quote"))
            parts.append(plain(f" ({', '.join(names)})", "$text-muted", newlines=False))
    return Content.assemble(*parts)
