"""brieftui: a keyboard-driven terminal reader for news briefs.

The package root is the small Python API: ``brieftui.load(paths)`` returns a
:class:`~brieftui.brief.Brief`, the same object the CLI and the app use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brieftui.brief import Brief, load
    from brieftui.model import Document, Passage, Section

__all__ = ["Brief", "Document", "Passage", "Section", "__version__", "load"]

_LAZY = {
    "Brief": "brieftui.brief",
    "load": "brieftui.brief",
    "Document": "brieftui.model",
    "Passage": "brieftui.model",
    "Section": "brieftui.model",
}


def __getattr__(name: str) -> Any:
    """Import the API on first use (PEP 562): the app's first frame needs none of it."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'brieftui' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
