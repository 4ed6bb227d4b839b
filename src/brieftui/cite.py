"""Citation lines for what a reader copies or exports: title, outlet, date, URL.

One format everywhere (the ``y`` key, the CLI, exports), built only from what the
document says about itself: an unknown author or date is left out, never
invented. Plain text: the caller decides how to show it.
"""

from __future__ import annotations

from brieftui.model import Document


def citation(doc: Document) -> str:
    """``“Title” — Author, Publisher, 2025-03-04. https://…`` with what is known."""
    who = [p for p in (doc.author, doc.publisher if doc.publisher != doc.author else None) if p]
    parts = [f"“{' '.join(doc.title.split())}”"]
    tail = ", ".join([*who, *([doc.date] if doc.date else [])])
    if tail:
        parts.append(f"— {tail}")
    line = " ".join(parts)
    url = getattr(doc, "url", None)
    if url:
        line += f". {url}"
    return line


def quoted(text: str, doc: Document) -> str:
    """``text`` as a quotation followed by its citation line (what ``y`` copies)."""
    return f"{' '.join(text.split())}\n\n{citation(doc)}"
