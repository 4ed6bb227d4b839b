"""The notes data model: what is stored (``Note``) and what is shown (``AnchoredNote``).

A :class:`Note` is the stored record: the user's text and tags plus a *selector*
that says where it was taken, in the style of the W3C Web Annotation model used
by Hypothesis: the exact quote (or the whole passage when the user chose no
quote), about 32 characters of text before and after it, its position in the
passage, the passage id, and the document's path, title and fingerprint.

An :class:`AnchoredNote` is a note resolved against the documents of a brief as
they are *now*: the current passage id (``None`` when it could not be found:
orphaned), the section, and the span of the quote in the current passage text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from brieftui.model import Document

CONTEXT_CHARS = 32
"""How many characters of prefix and suffix are kept around a quote."""


_TAG_SEPARATOR = re.compile(r",|\s(?=#)")


def normalize_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored, from what was typed in the editor or given with ``--tag``.

    One rule everywhere: tags are separated by commas (or by a new ``#``); spaces
    inside a tag become ``-`` ("defence spending" is one tag, ``defence-spending``);
    a leading ``#`` is dropped; empties and repeats go. The text is kept as typed
    otherwise (``[draft]`` stays ``[draft]``): views show it as plain text.
    """
    seen: list[str] = []
    for value in values:
        for piece in _TAG_SEPARATOR.split(str(value)):
            tag = "-".join(piece.strip().lstrip("#").split())
            if tag and tag not in seen:
                seen.append(tag)
    return tuple(seen)


class NotesError(Exception):
    """A failure the user must see; ``str(e)`` is one line saying what and where."""


class NoteNotFound(NotesError):
    """No note has the id (or id prefix) that was asked for: a mistake in what was typed."""


@dataclass(frozen=True, slots=True)
class PassageAnchor:
    """Where a piece of text was, when the note was taken (a selector, not a pointer)."""

    passage_id: str
    doc_id: str
    doc_path: str
    doc_title: str
    doc_fingerprint: str
    exact: str
    """The quote, or the whole passage text when the note has no quote."""
    prefix: str = ""
    """Up to :data:`CONTEXT_CHARS` characters before ``exact`` (across passage breaks)."""
    suffix: str = ""
    """Up to :data:`CONTEXT_CHARS` characters after ``exact`` (across passage breaks)."""
    start: int = 0
    """Where ``exact`` started in the passage text (a position hint for repeated quotes)."""
    section: str | None = None
    doc_author: str | None = None
    doc_date: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "passage_id": self.passage_id,
            "doc_id": self.doc_id,
            "doc_path": self.doc_path,
            "doc_title": self.doc_title,
            "doc_fingerprint": self.doc_fingerprint,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "section": self.section,
            "doc_author": self.doc_author,
            "doc_date": self.doc_date,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PassageAnchor:
        def s(key: str, default: str = "") -> str:
            value = data.get(key)
            return value if isinstance(value, str) else default

        def opt(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        start = data.get("start")
        return cls(
            passage_id=s("passage_id"),
            doc_id=s("doc_id"),
            doc_path=s("doc_path"),
            doc_title=s("doc_title"),
            doc_fingerprint=s("doc_fingerprint"),
            exact=s("exact"),
            prefix=s("prefix"),
            suffix=s("suffix"),
            start=start if isinstance(start, int) else 0,
            section=opt("section"),
            doc_author=opt("doc_author"),
            doc_date=opt("doc_date"),
        )


@dataclass(frozen=True, slots=True)
class Note:
    """One stored note. ``id`` is stable forever (export block ids use it)."""

    id: str
    brief_key: str
    brief_name: str
    anchor: PassageAnchor
    text: str
    quote: str | None = None
    """The exact substring the user chose, or ``None`` for a note on the whole passage."""
    tags: tuple[str, ...] = ()
    comparison: tuple[PassageAnchor, ...] = ()
    """For a note on a comparison: the matched passages of the other sources."""
    created_at: str = ""
    updated_at: str = ""

    @property
    def passage_id(self) -> str:
        """The passage id the note was taken on (see :class:`AnchoredNote` for the current one)."""
        return self.anchor.passage_id

    @property
    def is_comparison(self) -> bool:
        return bool(self.comparison)


@dataclass(frozen=True, slots=True)
class ResolvedPassage:
    """A stored anchor resolved against the current documents."""

    anchor: PassageAnchor
    passage_id: str | None
    """The current passage id, or ``None`` when the text could not be found (orphaned)."""
    document: Document | None = None
    section: str | None = None
    span: tuple[int, int] | None = None
    """Where the quote is in the current passage text (for a whole-passage anchor: ``None``)."""
    text: str = ""
    """The current passage text (or the stored text when orphaned)."""
    method: str = "orphaned"
    """How it was found: ``fingerprint``, ``id``, ``quote`` (fuzzy search) or ``orphaned``."""
    score: float = 0.0
    index: int = -1
    """0-based index of the passage in its document's reading order (-1 when orphaned)."""

    @property
    def orphaned(self) -> bool:
        return self.passage_id is None

    @property
    def doc_id(self) -> str:
        return self.document.id if self.document is not None else self.anchor.doc_id

    @property
    def title(self) -> str:
        return self.document.title if self.document is not None else self.anchor.doc_title

    @property
    def author(self) -> str | None:
        return self.document.byline if self.document is not None else self.anchor.doc_author

    @property
    def date(self) -> str | None:
        return self.document.date if self.document is not None else self.anchor.doc_date


@dataclass(frozen=True, slots=True)
class AnchoredNote:
    """A note as shown for one brief: re-anchored to the current text, or orphaned."""

    note: Note
    resolved: ResolvedPassage
    comparison: tuple[ResolvedPassage, ...] = field(default=())

    @property
    def passage_id(self) -> str | None:
        """The current passage id; ``None`` when orphaned."""
        return self.resolved.passage_id

    @property
    def orphaned(self) -> bool:
        return self.resolved.passage_id is None

    @property
    def doc_id(self) -> str:
        return self.resolved.doc_id

    @property
    def document(self) -> Document | None:
        return self.resolved.document

    @property
    def section(self) -> str | None:
        """The current section heading (the stored one when orphaned); ``None`` for the lead."""
        return self.resolved.section

    @property
    def span(self) -> tuple[int, int] | None:
        """The quote's ``(start, end)`` in the current passage text, or ``None``."""
        return self.resolved.span

    @property
    def quote_span(self) -> tuple[int, int] | None:
        """Alias of :attr:`span`."""
        return self.resolved.span

    @property
    def section_heading(self) -> str | None:
        """Alias of :attr:`section`."""
        return self.resolved.section

    @property
    def changed(self) -> bool:
        """The passage no longer holds what was noted: the stored quote (or, for a note on
        the whole passage, its text then) is not in the passage it was re-attached to
        (the file was edited: "at about 10 p.m." became "at about 9.45 p.m."). The
        note stays on the passage; the list, the Notes screen and the export say so."""
        if self.resolved.passage_id is None:
            return False
        noted = self.note.quote if self.note.quote is not None else self.note.anchor.exact
        return bool(noted.strip()) and " ".join(noted.split()) not in " ".join(
            self.resolved.text.split()
        )

    @property
    def quote(self) -> str:
        """What to show as the quote: the stored quote, else the (current) passage text."""
        if self.note.quote is not None:
            return self.note.quote
        return self.resolved.text or self.note.anchor.exact

    @property
    def id(self) -> str:
        return self.note.id
