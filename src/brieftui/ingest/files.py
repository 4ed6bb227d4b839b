"""What a file of a brief is, from its name alone: its kind and its document id.

Kept apart from the parsers so that opening a cached brief (which needs the files'
names and ids, never their parse) does not import them: the parsers compile hundreds
of patterns at import, about half of the import time of a cached load.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import PurePath, PurePosixPath

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz", ".mhtml", ".mht")
MHTML_SUFFIXES = (".mhtml", ".mht")
"""Single-file saved pages (a MIME message holding the page): :mod:`brieftui.ingest.mhtml`."""

_UNSAFE_ID = re.compile(r"[^\w.-]+")
# A "plain" part of a relative path is its own id: word characters and inner dashes only
# (no space, dot, colon or tilde), so the id can be read back as the path.
_PLAIN_PART = re.compile(r"\w[\w-]*")
_KEPT_SUFFIXES = (
    *(".xhtml.gz", ".html.gz", ".htm.gz", ".markdown", ".mhtml", ".xhtml", ".html", ".mht"),
    ".htm",
)
_PLAIN_SUFFIXES = {s: s for s in (*_KEPT_SUFFIXES, ".text", ".md")} | {".txt": ""}
"""The suffix a plain name keeps in its id, longest first (``.txt``, the common case, is
left out): ``a.txt`` → ``a``, ``a.md`` → ``a.md``, ``page.html.gz`` → ``page.html.gz``."""
HASH_MARK = "~"
"""Separates a slug from the hash of its path; no plain id contains it."""


def is_html_name(name: str) -> bool:
    """Whether a file name is a web page :mod:`brieftui.ingest.html` reads (by its suffix,
    any case)."""
    return name.lower().endswith(HTML_SUFFIXES)


def doc_id_for(relative: str | PurePath) -> str:
    """A document's id, from its path relative to the brief's root (``/`` between parts).

    A pure function of that one path, so an unchanged file keeps its id whatever is
    added beside it and however the brief was named (``brief`` or ``/home/me/brief``):
    notes and exports cite ``<doc-id>:<n>``.

    * A plain path (folders and a stem of letters, digits, ``_`` and inner ``-``;
      suffix ``.txt``, ``.md``, ``.markdown``, ``.text`` or a web page's) is its own
      id in NFC (a name a Mac wrote in NFD gets the same id), without ``.txt``:
      ``000_2cac2dce53e9fad5.txt`` → ``000_2cac2dce53e9fad5``,
      ``usa/nato-spending.md`` → ``usa/nato-spending.md``.
    * Any other path gets a readable slug (other characters dashed) and ``~`` plus
      six hex digits of a hash of the path itself: ``Ünïcode report (final).txt`` →
      ``Ünïcode-report-final~1f0c2e``. ``a b.txt`` and ``a-b.txt`` therefore never
      compete for one id: the second is plain (``a-b``), the first is hashed.

    Two different paths get the same id only by a hash collision (handled by the
    loader). An absolute path counts as its name alone (the file at the root of a
    brief of its own folder), so ``parse_document`` on a bare path gives the id the
    file would have if its folder were opened.
    """
    if (
        type(relative) is str
        and relative.endswith(".txt")
        and relative.isascii()
        and _PLAIN_PART.fullmatch(relative, 0, len(relative) - 4)
    ):
        return relative[:-4]  # the common case, exactly as below: a plain name in the root
    if isinstance(relative, PurePath):
        parts = [relative.name] if relative.is_absolute() else list(relative.parts)
    else:
        parts = [p for p in relative.replace(os.sep, "/").split("/") if p and p != "."]
    parts = [unicodedata.normalize("NFC", p) for p in parts] or ["doc"]
    name = parts[-1]
    suffix = next((s for s in _PLAIN_SUFFIXES if name.endswith(s)), "")
    stem = name[: len(name) - len(suffix)] if suffix else PurePosixPath(name).stem
    folders = parts[:-1]
    if suffix and all(_PLAIN_PART.fullmatch(p) for p in [*folders, stem]):
        return "/".join([*folders, stem]) + _PLAIN_SUFFIXES[suffix]
    slug = "/".join(_slug(p) for p in [*folders, stem])
    whole = "/".join(parts).encode("utf-8", "surrogatepass")
    return f"{slug}{HASH_MARK}{hashlib.sha1(whole).hexdigest()[:6]}"


def _slug(part: str) -> str:
    """One part of a path as id text: unsafe characters (space, ``:``, ``~``…) dashed."""
    return _UNSAFE_ID.sub("-", part).strip("-.") or "doc"
