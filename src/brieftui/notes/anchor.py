"""Anchoring: building selectors for a note, and finding them again in changed text.

A note is stored with a *selector* (see :class:`~brieftui.notes.model.PassageAnchor`):
the exact quote (or the whole passage), ~32 characters of prefix and suffix taken
from the document's passages joined with ``"\\n"``, the position in the passage,
the passage id and the document's path, title and fingerprint.

Which notes belong to a brief (:func:`candidate_documents`)
-----------------------------------------------------------
A note belongs to a brief when one of these holds, tried in this order:

1. **Fingerprint**: a document of the brief has the fingerprint the note's
   document had. The article text is unchanged, wherever it lives now, so the
   note follows it: the same folder opened from another path, a copied or moved
   folder, or the same article file in another brief all show the note. This is
   what a user expects: the note is about the *article*, not about a path.
2. **Path**: a document lives at the (resolved) path the note's document had.
   The file was edited in place (or re-cleaned by a newer brieftui): re-anchor
   inside it.
3. **File name and title**: a document has the same file name and the same
   title. The file was moved *and* edited: still the same article.
4. **Brief key**: the note was taken in this brief (same input paths) but its
   document is gone or unrecognisable: search every document of the brief; the
   note is shown orphaned if the quote is nowhere.

Notes matching none of these belong to other briefs, unless the file they were
taken on is gone (the folder moved): then they are looked for by their quote in
every document (see :mod:`brieftui.notes.reattach`), so no note becomes invisible.

Re-attaching inside the matched document(s) (:func:`resolve`)
-------------------------------------------------------------
1. **fingerprint**: the document is unchanged and the passage id still holds
   the quote: keep the id.
2. **id**: the passage with the stored id still contains the quote exactly.
3. **quote**: fuzzy search for the quote over the passages, scored by
   ``fuzz.ratio`` between the quote and the best-aligned window
   (``fuzz.partial_ratio_alignment``) and then by how well the 32 characters
   around it match the stored prefix and suffix; ties go to the passage nearest
   the old position. Accepted when the quote similarity is at least
   :data:`QUOTE_THRESHOLD` (80) and, when the match is not near-exact (below
   :data:`NEAR_EXACT`, 95) or the quote is short (fewer than :data:`SHORT_QUOTE`
   characters, which occur by chance), the mean prefix/suffix similarity is at
   least :data:`CONTEXT_THRESHOLD` (60; two unrelated 32-character windows of
   news prose score about 35, rarely 50). So a slightly edited quote in its
   old surroundings re-attaches, but a deleted sentence does not latch onto a
   similar-looking sentence elsewhere. A note on a whole passage whose
   paragraph was split in two follows the first part (when it holds at least
   :data:`SPLIT_SHARE` of the text and its context agrees); one whose paragraph
   was merged with the next is found exactly inside the merged passage.
4. Otherwise **orphaned**: shown with its stored quote, never dropped.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

from brieftui.model import Document, Passage
from brieftui.notes.model import CONTEXT_CHARS, NotesError, PassageAnchor, ResolvedPassage

QUOTE_THRESHOLD = 80.0
"""Minimum ``fuzz.ratio`` (0-100) between the stored quote and the text found."""
CONTEXT_THRESHOLD = 60.0
"""Minimum prefix/suffix similarity for a short quote to be re-attached by search."""
SHORT_QUOTE = 20
"""Quotes shorter than this need their context to match too."""
NEAR_EXACT = 95.0
"""A fuzzy match below this quote similarity needs its context to match too."""
SPLIT_SHARE = 0.3
"""A note on a whole paragraph that was split follows the first part if it is this big."""

__all__ = [
    "CONTEXT_THRESHOLD",
    "NEAR_EXACT",
    "QUOTE_THRESHOLD",
    "SHORT_QUOTE",
    "candidate_documents",
    "make_anchor",
    "norm_path",
    "resolve",
]


def norm_path(path: str) -> str:
    """A path in the form notes store and compare: absolute, resolved when possible."""
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(path)


def _context(passages: Sequence[Passage], index: int, start: int, end: int) -> tuple[str, str]:
    """The ~32 characters before and after ``[start, end)`` of passage ``index``."""
    text = passages[index].text
    before = text[:start]
    if index > 0:
        before = passages[index - 1].text + "\n" + before
    after = text[end:]
    if index + 1 < len(passages):
        after = after + "\n" + passages[index + 1].text
    return before[-CONTEXT_CHARS:], after[:CONTEXT_CHARS]


_SAME_MARKS = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def quote_in(text: str, quote: str | None) -> str | None:
    """The passage's own words for ``quote``: ``quote`` itself when it is in ``text``;
    else the span of ``text`` it matches once curly and straight quotes, dashes and runs
    of spaces are taken as the same (a quote typed with "Alex" where the passage has
    “Alex”, from a trial); ``None`` when it is not there at all."""
    if not quote:
        return None
    if quote in text:
        return quote
    wanted = " ".join(quote.translate(_SAME_MARKS).split())
    if not wanted:
        return None
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text.translate(_SAME_MARKS)):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        where.append(i)
    at = "".join(chars).find(wanted)
    if at < 0:
        return None
    return text[where[at] : where[at + len(wanted) - 1] + 1]


def make_anchor(document: Document, passage_id: str, quote: str | None = None) -> PassageAnchor:
    """The selector for ``quote`` (or the whole passage) in ``passage_id`` of ``document``.

    Raises :class:`NotesError` when the passage is not in the document or the
    quote is not an exact substring of the passage text.
    """
    passages = list(document.passages())
    index = next((i for i, p in enumerate(passages) if p.id == passage_id), None)
    if index is None:
        raise NotesError(f"no passage {passage_id} in {document.path}")
    text = passages[index].text
    if quote is None or quote == "":
        start, end, exact = 0, len(text), text
    else:
        found = quote_in(text, quote)
        if found is None:
            raise NotesError(f"the quote is not in passage {passage_id} of {document.path}")
        start = text.find(found)
        end, exact = start + len(found), found
    prefix, suffix = _context(passages, index, start, end)
    section = document.section_of(passage_id)
    return PassageAnchor(
        passage_id=passage_id,
        doc_id=document.id,
        doc_path=norm_path(document.path),
        doc_title=document.title,
        doc_fingerprint=document.fingerprint,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        section=section.heading if section is not None else None,
        doc_author=document.byline,
        doc_date=document.date,
    )


def _basename(path: str) -> str:
    return Path(path).name


def candidate_documents(
    anchor: PassageAnchor,
    note_brief_key: str,
    documents: Sequence[Document],
    brief_key: str,
    doc_paths: dict[str, str] | None = None,
) -> tuple[str, list[Document]] | None:
    """Which documents of a brief the anchor may be in, and why; ``None``: not this brief.

    ``doc_paths`` maps document id to its normalised path (computed once per brief).
    """
    if doc_paths is None:
        doc_paths = {d.id: norm_path(d.path) for d in documents}
    if anchor.doc_fingerprint:
        same_fp = [d for d in documents if d.fingerprint == anchor.doc_fingerprint]
        if same_fp:
            same_fp.sort(key=lambda d: (doc_paths[d.id] != anchor.doc_path, d.id != anchor.doc_id))
            return "fingerprint", same_fp[:1]
    same_path = [d for d in documents if doc_paths[d.id] == anchor.doc_path]
    if same_path:
        return "path", same_path[:1]
    name = _basename(anchor.doc_path)
    same_name = [
        d for d in documents if _basename(doc_paths[d.id]) == name and d.title == anchor.doc_title
    ]
    if same_name:
        return "name", same_name[:1]
    if note_brief_key == brief_key:
        ordered = sorted(documents, key=lambda d: d.id != anchor.doc_id)
        return "brief", ordered
    return None


def _sim(a: str, b: str) -> float:
    if not a and not b:
        return 100.0
    return float(fuzz.ratio(a, b))


def _section_heading(document: Document, passage_id: str) -> str | None:
    section = document.section_of(passage_id)
    return section.heading if section is not None else None


def _nearest(text: str, exact: str, hint: int) -> int:
    """The occurrence of ``exact`` in ``text`` closest to ``hint`` (-1 when none)."""
    best, pos = -1, text.find(exact)
    while pos >= 0:
        if best < 0 or abs(pos - hint) < abs(best - hint):
            best = pos
        pos = text.find(exact, pos + 1)
    return best


def resolve(
    anchor: PassageAnchor,
    method: str,
    documents: Sequence[Document],
    *,
    quoted: bool,
) -> ResolvedPassage:
    """Find ``anchor`` in ``documents`` (from :func:`candidate_documents`).

    ``quoted`` says whether the anchor's ``exact`` is a user quote (a span is
    reported) or the whole passage text (no span).
    """
    exact = anchor.exact
    # 1-2: the stored id still holds the quote.
    for document in documents:
        passages = list(document.passages())
        for index, passage in enumerate(passages):
            if passage.id != anchor.passage_id:
                continue
            pos = _nearest(passage.text, exact, anchor.start) if exact else -1
            if pos >= 0:
                unchanged = method == "fingerprint"
                return ResolvedPassage(
                    anchor=anchor,
                    passage_id=passage.id,
                    document=document,
                    section=_section_heading(document, passage.id),
                    span=(pos, pos + len(exact)) if quoted else None,
                    text=passage.text,
                    method="fingerprint" if unchanged else "id",
                    score=100.0,
                    index=index,
                )
    # 3: search by quote and context.
    if exact:
        found = _search(anchor, documents, quoted=quoted)
        if found is not None:
            return found
    return ResolvedPassage(
        anchor=anchor,
        passage_id=None,
        document=None,
        section=anchor.section,
        span=None,
        text=exact,
        method="orphaned",
    )


def _old_number(anchor: PassageAnchor) -> int:
    tail = anchor.passage_id.rpartition(":")[2]
    return int(tail) - 1 if tail.isdigit() else 0


def _search(
    anchor: PassageAnchor, documents: Sequence[Document], *, quoted: bool
) -> ResolvedPassage | None:
    exact = anchor.exact
    old_index = _old_number(anchor)
    best: tuple[float, ResolvedPassage] | None = None
    for document in documents:
        passages = list(document.passages())
        for index, passage in enumerate(passages):
            text = passage.text
            if not text:
                continue
            spans: list[tuple[int, int, float]] = []
            pos = text.find(exact)
            while pos >= 0:
                spans.append((pos, pos + len(exact), 100.0))
                pos = text.find(exact, pos + 1)
            if not spans:
                if quoted:
                    cutoff = QUOTE_THRESHOLD - 10
                    al = fuzz.partial_ratio_alignment(exact, text, score_cutoff=cutoff)
                    if al is None:
                        continue
                    if len(exact) <= len(text):
                        s, e = al.dest_start, al.dest_end
                    else:
                        s, e = 0, len(text)
                    s, e = _widen(text, exact, s, e)
                    spans.append((s, e, _sim(exact, text[s:e])))
                else:
                    sim = _sim(exact, text)
                    if sim < QUOTE_THRESHOLD and len(exact) * SPLIT_SHARE <= len(text) < len(exact):
                        # The paragraph was split: this passage may be its first part.
                        # Never near-exact, so its context must agree too.
                        head = _sim(exact[: len(text)], text)
                        if head >= NEAR_EXACT:
                            sim = min(head, NEAR_EXACT - 1)
                    spans.append((0, len(text), sim))
            for s, e, quote_sim in spans:
                if quote_sim < QUOTE_THRESHOLD:
                    continue
                prefix, suffix = _context(passages, index, s, e)
                ctx = (_sim(anchor.prefix, prefix) + _sim(anchor.suffix, suffix)) / 2
                needs_context = len(exact) < SHORT_QUOTE or quote_sim < NEAR_EXACT
                if needs_context and ctx < CONTEXT_THRESHOLD:
                    continue
                distance = min(abs(index - old_index), 100) if document.id == anchor.doc_id else 100
                score = quote_sim + 0.2 * ctx - 0.05 * distance
                if best is None or score > best[0]:
                    best = (
                        score,
                        ResolvedPassage(
                            anchor=anchor,
                            passage_id=passage.id,
                            document=document,
                            section=_section_heading(document, passage.id),
                            span=(s, e) if quoted else None,
                            text=text,
                            method="quote",
                            score=round(quote_sim, 1),
                            index=index,
                        ),
                    )
    return best[1] if best is not None else None


def _widen(text: str, exact: str, s: int, e: int) -> tuple[int, int]:
    """Adjust an aligned window to the length-matching best span (edits change lengths)."""
    best = (_sim(exact, text[s:e]), s, e)
    slack = max(3, len(exact) // 5)
    for ds in range(-slack, slack + 1, max(1, slack // 3)):
        for de in range(-slack, slack + 1, max(1, slack // 3)):
            ns, ne = max(0, s + ds), min(len(text), e + de)
            if ne <= ns:
                continue
            score = _sim(exact, text[ns:ne])
            if score > best[0]:
                best = (score, ns, ne)
    return best[1], best[2]
