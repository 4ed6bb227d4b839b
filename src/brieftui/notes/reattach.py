"""Which stored notes a brief shows, and where: no note may become invisible.

:func:`anchor_notes` resolves the store's notes against one brief. First the rules
of :func:`brieftui.notes.anchor.candidate_documents` (fingerprint, path, file name
and title, brief key). A note that matches none of them belongs to another brief,
unless it is *lost*: the file it was taken on no longer exists (the folder was
moved or renamed, the file deleted). A lost note is then looked for by its quote:

1. **Quote anywhere in the brief.** The exact quote (for a note on a whole passage,
   its first and last 60 characters) is searched in every passage of the brief (one
   ``str.find`` over the joined text, about 20 ms at 5,000 articles); the documents
   holding it are searched as usual (:func:`~brieftui.notes.anchor.resolve`: a short
   quote needs its context to agree too). Found: the note is shown there.
2. **Its document moved here.** Once one note of a lost file is found in a document,
   that document *is* the lost file: every other note taken on it is shown there,
   re-attached or orphaned.
3. **Its brief moved here.** Once one note of a brief (brief key) is found, the other
   lost notes of that brief are searched in every document, and shown orphaned when
   their text is nowhere, as the notes of an unmoved brief are.

So moving a brief's folder and editing its articles (even the first line, which
changes the title and the fingerprint) keeps its notes in view. A lost note whose
quote is nowhere and which no found note vouches for is not shown in this brief;
:func:`group_by_brief` (``brieftui notes list --all``, the app's other-briefs list)
shows every stored note, whichever brief it belongs to.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from brieftui.model import Document
from brieftui.notes.anchor import candidate_documents, norm_path, resolve
from brieftui.notes.model import AnchoredNote, Note, PassageAnchor, ResolvedPassage

if TYPE_CHECKING:
    from brieftui.brief import Brief

__all__ = ["BriefNotes", "NotesOverview", "anchor_notes", "as_stored", "group_by_brief"]

PROBE_CHARS = 60
"""A note on a whole passage is looked for by this many characters at each end."""
MAX_PROBE_DOCUMENTS = 50
"""At most this many documents holding a probe are searched for one lost note."""


def as_stored(anchor: PassageAnchor) -> ResolvedPassage:
    """An anchor shown where it was taken, without resolving it against any brief."""
    return ResolvedPassage(
        anchor=anchor,
        passage_id=anchor.passage_id,
        section=anchor.section,
        text=anchor.exact,
        method="stored",
    )


def _orphan(anchor: PassageAnchor) -> ResolvedPassage:
    return ResolvedPassage(
        anchor=anchor, passage_id=None, section=anchor.section, text=anchor.exact
    )


def _stored_note(note: Note) -> AnchoredNote:
    return AnchoredNote(note, as_stored(note.anchor), tuple(as_stored(c) for c in note.comparison))


class QuoteFinder:
    """Exact search for text across every passage of a brief (joined once, on first use)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._documents = documents
        self._text: str | None = None
        self._starts: list[int] = []
        self._owners: list[Document] = []

    def _joined(self) -> str:
        if self._text is None:
            parts: list[str] = []
            at = 0
            for doc in self._documents:
                for passage in doc.passages():
                    self._starts.append(at)
                    self._owners.append(doc)
                    parts.append(passage.text)
                    at += len(passage.text) + 1
            self._text = "\n".join(parts)  # a passage never holds a newline
        return self._text

    def documents_holding(self, anchor: PassageAnchor) -> list[Document]:
        """The documents where the anchor's quote (or both ends of its passage) occurs."""
        exact = anchor.exact
        if not exact.strip():
            return []
        if len(exact) <= 2 * PROBE_CHARS:
            probes = [exact]
        else:
            probes = [exact[:PROBE_CHARS], exact[-PROBE_CHARS:]]
        text = self._joined()
        found: dict[int, Document] = {}
        for probe in probes:
            at = text.find(probe)
            while at >= 0 and len(found) < MAX_PROBE_DOCUMENTS:
                owner = self._owners[bisect_right(self._starts, at) - 1]
                found.setdefault(id(owner), owner)
                at = text.find(probe, at + 1)
        return list(found.values())


def _exists(path: str, memo: dict[str, bool]) -> bool:
    known = memo.get(path)
    if known is None:
        try:
            known = memo[path] = os.path.lexists(os.fsencode(path))
        except (OSError, ValueError):
            known = memo[path] = False
    return known


@dataclass
class _Claims:
    """What the lost notes found so far say: which current document is which lost file,
    and which briefs (keys) have moved into this one."""

    finder: QuoteFinder
    documents: Sequence[Document]
    doc_for_path: dict[str, Document]
    adopted_keys: set[str]

    def resolve_lost(self, anchor: PassageAnchor, *, quoted: bool) -> ResolvedPassage | None:
        """Rule 1 (and 2 when the file's document is known): found, else None."""
        known = self.doc_for_path.get(anchor.doc_path)
        docs = [known] if known is not None else self.finder.documents_holding(anchor)
        if not docs:
            return None
        resolved = resolve(anchor, "quote", docs, quoted=quoted)
        return None if resolved.orphaned else resolved


def anchor_notes(brief: Brief, notes: Sequence[Note]) -> list[AnchoredNote]:
    """Resolve ``notes`` against ``brief``: those that belong to it, re-anchored and sorted
    (reading order, orphans last). See the module doc for which notes belong."""
    documents = brief.documents
    doc_paths = {d.id: norm_path(d.path) for d in documents}
    key = brief.key
    result: list[AnchoredNote] = []
    unmatched: list[Note] = []
    for note in notes:
        found = candidate_documents(note.anchor, note.brief_key, documents, key, doc_paths)
        if found is None:
            unmatched.append(note)
            continue
        method, docs = found
        resolved = resolve(note.anchor, method, docs, quoted=note.quote is not None)
        result.append(AnchoredNote(note, resolved, _comparison(note, brief, doc_paths, None)))
    if unmatched:
        result += _reclaim_lost(brief, unmatched, doc_paths)
    doc_order = {d.id: i for i, d in enumerate(documents)}
    result.sort(key=lambda item: _reading_order(item, doc_order))
    return result


def _comparison(
    note: Note, brief: Brief, doc_paths: dict[str, str], claims: _Claims | None
) -> tuple[ResolvedPassage, ...]:
    compared: list[ResolvedPassage] = []
    for other in note.comparison:
        found = candidate_documents(other, note.brief_key, brief.documents, brief.key, doc_paths)
        if found is not None:
            compared.append(resolve(other, found[0], found[1], quoted=False))
            continue
        resolved = claims.resolve_lost(other, quoted=False) if claims is not None else None
        compared.append(resolved if resolved is not None else _orphan(other))
    return tuple(compared)


def _reclaim_lost(
    brief: Brief, unmatched: Sequence[Note], doc_paths: dict[str, str]
) -> list[AnchoredNote]:
    """Rules 1-3 of the module doc for the notes no ordinary rule matched."""
    memo: dict[str, bool] = {}
    lost = [n for n in unmatched if not _exists(n.anchor.doc_path, memo)]
    if not lost:
        return []
    documents = brief.documents
    claims = _Claims(QuoteFinder(documents), documents, {}, set())
    found: list[tuple[Note, ResolvedPassage]] = []
    pending: list[Note] = []
    for note in lost:
        resolved = claims.resolve_lost(note.anchor, quoted=note.quote is not None)
        if resolved is None or resolved.document is None:
            pending.append(note)
            continue
        claims.doc_for_path.setdefault(note.anchor.doc_path, resolved.document)
        claims.adopted_keys.add(note.brief_key)
        found.append((note, resolved))
    for note in pending:
        quoted = note.quote is not None
        known = claims.doc_for_path.get(note.anchor.doc_path)
        if known is not None:
            found.append((note, resolve(note.anchor, "quote", [known], quoted=quoted)))
        elif note.brief_key in claims.adopted_keys:
            found.append((note, resolve(note.anchor, "brief", documents, quoted=quoted)))
    return [
        AnchoredNote(note, resolved, _comparison(note, brief, doc_paths, claims))
        for note, resolved in found
    ]


def _reading_order(item: AnchoredNote, doc_order: dict[str, int]) -> tuple[Any, ...]:
    r = item.resolved
    if r.passage_id is None or r.document is None:
        return (1, 0, 0, 0, item.note.created_at, item.note.id)
    start = r.span[0] if r.span else -1
    return (0, doc_order.get(r.document.id, 0), r.index, start, item.note.created_at, item.note.id)


# -- every note, by brief --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BriefNotes:
    """The stored notes of one brief (one brief key), shown where they were taken."""

    brief_key: str
    brief_name: str
    """The folder or file name the brief was opened as, when its first note was taken."""
    notes: tuple[AnchoredNote, ...]
    """Oldest first, each anchored as stored (``resolved.method == "stored"``)."""

    @property
    def folders(self) -> tuple[str, ...]:
        """The folders the notes' documents were in (for telling same-named briefs apart)."""
        seen: dict[str, None] = {}
        for item in self.notes:
            seen.setdefault(os.path.dirname(item.note.anchor.doc_path), None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class NotesOverview:
    """What a notes list shows: this brief's notes (re-anchored) and every other note."""

    current: tuple[AnchoredNote, ...]
    """The notes of the open brief, as :meth:`NoteStore.notes` gives them."""
    others: tuple[BriefNotes, ...]
    """Every other stored note, grouped by the brief it was taken in."""


def group_by_brief(
    notes: Sequence[Note], *, skip: Callable[[Note], bool] = lambda note: False
) -> tuple[BriefNotes, ...]:
    """``notes`` grouped by brief key, groups in order of their oldest note."""
    groups: dict[str, list[Note]] = {}
    for note in sorted(notes, key=lambda n: (n.created_at, n.id)):
        if not skip(note):
            groups.setdefault(note.brief_key, []).append(note)
    return tuple(
        BriefNotes(key, members[-1].brief_name, tuple(_stored_note(n) for n in members))
        for key, members in groups.items()
    )
