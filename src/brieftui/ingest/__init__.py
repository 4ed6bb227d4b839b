"""Ingestion: files on disk → clean, structured :class:`~brieftui.model.Document` objects.

Three steps, each its own module: :mod:`.reader` finds and decodes files,
:mod:`.clean` removes what a scraper dragged in with the article, and
:mod:`.structure` finds metadata, headings and passages. No step imports Textual.
"""

from __future__ import annotations

from brieftui.ingest.reader import BriefPathError, SourceFile, discover, read_source
from brieftui.ingest.structure import parse_document

__all__ = ["BriefPathError", "SourceFile", "discover", "parse_document", "read_source"]
