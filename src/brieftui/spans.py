"""Shaping text for display around matched spans: merging, snippets, shortening.

Search hits, compare matches, the CLI's tables and the app's lists all show a
piece of a passage with matched words highlighted; they share these three
functions so a snippet looks the same everywhere and spans stay aligned.
A span is ``(start, end)`` in characters of the text it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[int, int]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with overlapping and touching spans joined: ``[(0,3),(2,5)]`` → ``[(0,5)]``."""
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with ``…`` when longer than ``limit``.

    Never cuts mid-word unless a single word is longer than half the limit.
    """
    text = one_line(text)
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def snippet(
    text: str, spans: Sequence[Span], width: int = 150, before: int = 50
) -> tuple[str, list[Span]]:
    """A window of about ``width`` characters of ``text`` around its first span.

    Returns the snippet (with ``…`` where it was cut) and the spans shifted into it.
    Cuts at word boundaries where it can, so a snippet never starts mid-word. A text
    holding newlines is first put on one line, which only changes whitespace runs;
    the spans are moved with it.
    """
    if "\n" in text:
        text, spans = _one_line_with_spans(text, spans)
    if len(text) <= width:
        return text, [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    first = min((s for s, _ in spans), default=0)
    start = max(0, first - before)
    if start > 0:
        space = text.find(" ", start)
        if space != -1 and space < first:
            start = space + 1
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start + width // 2:
            end = space
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    out = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end]
    return prefix + text[start:end] + suffix, out


def _one_line_with_spans(text: str, spans: Sequence[Span]) -> tuple[str, list[Span]]:
    """Collapse whitespace runs to one space (none at the ends) and map every span along.

    ``before[i]`` is how many output characters the first ``i`` input characters made,
    which is where input offset ``i`` lands, for a start and for an end alike.
    """
    out: list[str] = []
    before: list[int] = []
    pending_space = False
    for ch in text:
        before.append(len(out) + (1 if pending_space and out and not ch.isspace() else 0))
        if ch.isspace():
            pending_space = True
        else:
            if pending_space and out:
                out.append(" ")
            pending_space = False
            out.append(ch)
    before.append(len(out))
    joined = "".join(out)
    mapped = []
    for s, e in spans:
        if 0 <= s < e <= len(text):
            ns, ne = before[s], before[e]
            if ns < ne:
                mapped.append((ns, ne))
    return joined, mapped
