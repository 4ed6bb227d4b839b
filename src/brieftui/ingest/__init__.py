"""Ingestion: files on disk → clean, structured :class:`~brieftui.model.Document` objects.

Three steps, each its own module: :mod:`.reader` finds and decodes files,
:mod:`.clean` removes what a scraper dragged in with the article, and
:mod:`.structure` finds metadata, headings and passages. No step imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brieftui.ingest.reader import BriefPathError, SourceFile, discover, read_source

if TYPE_CHECKING:
    from brieftui.ingest.structure import parse_document

__all__ = ["BriefPathError", "SourceFile", "discover", "parse_document", "read_source"]


def __getattr__(name: str) -> Any:
    """``parse_document`` on first use (PEP 562): a cached load never parses, and the
    parsers are half of its import time."""
    if name == "parse_document":
        from brieftui.ingest.structure import parse_document

        return parse_document
    raise AttributeError(f"module 'brieftui.ingest' has no attribute {name!r}")
