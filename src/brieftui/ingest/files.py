"""What a file of a brief is, from its name alone: its kind and its document id.

Kept apart from the parsers so that opening a cached brief (which needs the files'
names and ids, never their parse) does not import them: the parsers compile hundreds
of patterns at import, about half of the import time of a cached load.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")

_UNSAFE_ID = re.compile(r"[^\w.-]+")


def is_html_name(name: str) -> bool:
    """Whether a file name is a web page :mod:`brieftui.ingest.html` reads (by its suffix,
    any case)."""
    return name.lower().endswith(HTML_SUFFIXES)


def doc_id_for(path: Path) -> str:
    """A stable id from the file name: its stem (NFC), lower-cased, other characters dashed.

    Letters of any script stay (``Ünïcode report`` → ``ünïcode-report``); spaces,
    ``:`` (the passage-id separator) and punctuation become ``-``.
    """
    stem = path.stem
    if path.suffix.lower() == ".gz":  # "page.html.gz": the id of "page"
        stem = Path(stem).stem or stem
    stem = _UNSAFE_ID.sub("-", unicodedata.normalize("NFC", stem)).strip("-.").lower()
    return stem or "doc"
