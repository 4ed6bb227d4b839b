"""Metadata, headings and passages (first version: simple rules)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from brieftui.ingest.clean import clean
from brieftui.model import Document, Passage, Section

_SENTENCE_END = re.compile(r"[.!?…\"”’)\]]$")


def doc_id_for(path: Path) -> str:
    """A stable id from the file name: its stem, lower-cased, with unsafe characters dashed."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-").lower()
    return stem or "doc"


def _is_heading(line: str) -> bool:
    return len(line) < 120 and not _SENTENCE_END.search(line)


def parse_document(path: Path, text: str, *, doc_id: str | None = None, markdown: bool = False) -> Document:
    cleaned = clean(text.split("\n"))
    lines = [line for line in cleaned.lines if line]
    doc_id = doc_id or doc_id_for(path)
    title = lines[0] if lines else path.stem
    body = lines[1:]
    sections: list[Section] = []
    heading: str | None = None
    level = 0
    passages: list[Passage] = []
    n = 0
    for line in body:
        if _is_heading(line.lstrip("# ")) and (not markdown or line.startswith("#") or True):
            if passages or heading is not None:
                sections.append(Section(heading, level, tuple(passages)))
            heading, level, passages = line.lstrip("# "), 1, []
            continue
        n += 1
        passages.append(Passage(f"{doc_id}:{n}", line))
    if passages or heading is not None:
        sections.append(Section(heading, level, tuple(passages)))
    fingerprint = hashlib.sha1("\n".join(body).encode()).hexdigest()[:16]
    return Document(
        id=doc_id,
        path=str(path),
        title=title,
        sections=tuple(sections),
        removed=tuple(cleaned.removed),
        about=cleaned.about,
        fingerprint=fingerprint,
        size=len(text.encode("utf-8", "replace")),
    )
