"""brieftui: a keyboard-driven terminal reader for news briefs.

The package root is the small Python API: ``brieftui.load(paths)`` returns a
:class:`~brieftui.brief.Brief`, the same object the CLI and the app use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from brieftui.brief import Brief, load
from brieftui.model import Document, Passage, Section

__all__ = ["Brief", "Document", "Passage", "Section", "__version__", "load"]
