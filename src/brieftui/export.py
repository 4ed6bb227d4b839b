"""Markdown export of notes, in the conventions Readwise, Zotero and Obsidian users know.

``export_markdown(brief, notes)`` returns one CommonMark document:

* YAML front matter: the brief's name, when it was exported, and the sources the
  notes cite (title, author, publisher, date, url, path; none for no notes). Every string is double-quoted and escaped, so
  titles with colons, quotes or newlines stay valid YAML.
* A heading per source (in brief order) and per section, notes in reading order.
  Each note is a ``>`` blockquote of its quote (or its passage), the note text
  beneath (its line breaks kept), its tags as ``#tags`` (shown as typed, escaped), a citation line (title, author, date, section,
  passage id, the source's URL when it has one) ending in a stable block id ``^<note-id>``. The same notes and the
  same ``exported_at`` give the same bytes, so a re-export does not duplicate
  anything in a vault.
* A note on a comparison also shows each other source's passage, quoted, with
  its source, and, computed at export time, where the two passages disagree
  ("Sources differ:" and one item per divergence, "14 people (Source A) vs 17 dead
  (Source B)"; see :mod:`brieftui.divergence`).
* Orphaned notes (their text is no longer in the brief) in their own section at
  the end, with their stored quote.

Quotes are source text and note text is the user's; both are data, never markup:
every markdown-significant character is escaped, so they render verbatim (a note
saying ``<img src=x onerror=…>``, ``&lt;b&gt;`` or ``a*b*c`` shows exactly that, and
nothing a note holds can start a block, become HTML or a link, or break the structure
around it). A note's line breaks and indentation are kept as they look in the editor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from brieftui.divergence import PassageText, divergences_between
from brieftui.notes.anchor import norm_path
from brieftui.notes.model import AnchoredNote, ResolvedPassage
from brieftui.safe_text import visible

if TYPE_CHECKING:
    from brieftui.brief import Brief

__all__ = ["autolink", "escape_block", "escape_inline", "export_markdown", "yaml_string"]

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~^$&])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(\s|$)")
_BLOCK_START = re.compile(
    r"""^(
        \#{1,6}(?:\s|$)         # ATX heading
      | >                       # block quote
      | [-+*](?:\s|$)           # bullet list
      | \d{1,9}[.)](?:\s|$)     # ordered list
      | (?:[-*_]\s*){3,}$       # thematic break
      | =+\s*$                  # setext underline
      | -+\s*$                  # setext underline
      | `{3,} | ~{3,}           # code fence
      | <                       # HTML block
      | \|                      # table
      | \[[^\]]*\]:             # link reference definition
      | \^                      # block id look-alike
    )""",
    re.VERBOSE,
)


def yaml_string(value: str | None) -> str:
    """``value`` as a YAML double-quoted scalar (``null`` for ``None``)."""
    if value is None:
        return "null"
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif 0xD800 <= code <= 0xDFFF:  # a lone surrogate (undecodable path byte)
            out.append("\\uFFFD")
        elif (
            code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
        ):
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def autolink(url: str) -> str:
    """A document URL (always http or https, see ``metadata.clean_url``) as a CommonMark
    autolink: ``<`` and ``>`` cannot appear inside one, so they are percent-encoded."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape_start(line: str) -> str:
    """Escape a block marker at the start of ``line`` (a backslash before a digit is literal,
    so an ordered-list marker is escaped at its ``.`` or ``)``)."""
    ordered = _ORDERED.match(line)
    if ordered:
        return ordered.group(1) + "\\" + line[len(ordered.group(1)) :]
    if _BLOCK_START.match(line) and not line.startswith("\\"):
        return "\\" + line
    return line


def escape_inline(text: str) -> str:
    """Source text that renders verbatim: inline markup escaped, and no block marker first."""
    return _escape_start(_INLINE_SPECIAL.sub(r"\\\1", text))


def escape_block(text: str) -> str:
    """The user's text as it reads, line by line: every line escaped as
    :func:`escape_inline` (no emphasis, link, HTML or block marker), its indentation kept.

    The user's line breaks are kept as they look in the editor: a line followed by
    another ends in a hard break (a trailing backslash, which CommonMark renders as
    ``<br>`` and, unlike two spaces, no editor strips), and blank lines make
    paragraphs. Leading spaces would make code or be dropped; they become no-break
    spaces (a tab four), which keep the indent and mean nothing to markdown (written
    ``&#160;`` where a paragraph starts, where a renderer would strip the character).
    """
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        body = raw.strip()
        indent = raw[: len(raw) - len(raw.lstrip())].replace("\t", "    ") if body else ""
        line = escape_inline(body)  # its own backslashes doubled: never a break of its own
        lines.append((indent, line) if line else ("", ""))
    # no more than one blank line in a row, none at the ends
    kept: list[tuple[str, str]] = []
    for indent, line in lines:
        if line or (kept and kept[-1][1]):
            kept.append((indent, line))
    while kept and not kept[-1][1]:
        kept.pop()
    # the indent: no-break spaces, but as "&#160;" where a paragraph starts, since a
    # renderer strips a paragraph's leading whitespace, no-break spaces included
    out = [
        ("&#160;" if k == 0 or not kept[k - 1][1] else "\u00a0") * len(indent) + line
        for k, (indent, line) in enumerate(kept)
    ]
    # a line followed by another in the same paragraph keeps its break
    return "\n".join(
        line + "\\" if line and i + 1 < len(out) and out[i + 1] else line
        for i, line in enumerate(out)
    )


def _blockquote(text: str) -> list[str]:
    """A blockquote of source text, verbatim: one paragraph per line of the text."""
    paragraphs = [escape_inline(_one_line(p)) for p in text.split("\n") if p.strip()]
    if not paragraphs:
        paragraphs = ["(empty)"]
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append(">")
        lines.append("> " + paragraph)
    return lines


def _heading(level: int, text: str) -> str:
    return "#" * level + " " + (escape_inline(_one_line(text)) or "Untitled")


_TAG_PLAIN = re.compile(r"[\w/-]+")
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # an "_" not inside a word
_TAG_SPECIAL = re.compile(r"[!-,.:-@\[-`{-~]")  # ASCII punctuation but "-" and "/"


def _tag(tag: str) -> str:
    """``#tag`` that renders as the tag was typed and is never markup.

    A tag of word characters, ``-`` and ``/`` is written as is, so Obsidian and
    similar tools still see a tag (an ``_`` inside a word is no emphasis in
    CommonMark; an ``_`` elsewhere makes the tag escaped); in any other tag every
    ASCII punctuation character but ``-`` and ``/`` is backslash-escaped, so ``[sic]`` renders as ``#[sic]`` and nothing in a
    tag can become emphasis, code, a link, an autolink or HTML (``:``, ``@`` and ``.``
    are escaped too, which keeps a URL or an address in a tag from being linked by
    GFM-style autolinking).
    """
    tag = "-".join(tag.split())  # one token, as normalize_tags stores it
    if _TAG_PLAIN.fullmatch(tag) and not _LOOSE_UNDERSCORE.search(tag):
        return "#" + tag
    return "#" + _TAG_SPECIAL.sub(lambda m: "\\" + m.group(0), tag)


def _tags(tags: Sequence[str]) -> str | None:
    clean = [_tag(t) for t in tags if t and t.strip()]
    return " ".join(clean) if clean else None


def _citation(resolved: ResolvedPassage, note_id: str, *, orphaned: bool = False) -> str:
    parts = [f"*{escape_inline(_one_line(resolved.title))}*"]
    if resolved.author:
        parts.append(escape_inline(_one_line(resolved.author)))
    if resolved.date:
        parts.append(escape_inline(_one_line(resolved.date)))
    section = resolved.section if not orphaned else resolved.anchor.section
    if section:
        parts.append(escape_inline(_one_line(section)))
    pid = resolved.passage_id if resolved.passage_id is not None else resolved.anchor.passage_id
    cite = "— " + ", ".join(parts) + f" · `{pid}`"
    url = resolved.document.url if resolved.document is not None else None
    if url:
        cite += f" · {autolink(url)}"
    if orphaned:
        cite += " · no longer found in the brief"
    return cite + f" ^{note_id}"


def _as_passage(resolved: ResolvedPassage) -> PassageText | None:
    if resolved.passage_id is None or resolved.document is None:
        return None
    doc = resolved.document
    return PassageText(resolved.passage_id, doc.id, resolved.text, doc.date)


def _divergence_lines(item: AnchoredNote) -> list[str]:
    """ "Sources differ:" and one item per divergence between the anchor and each compared
    passage (orphaned passages are left out: their text is not in the brief any more)."""
    anchor = _as_passage(item.resolved)
    if anchor is None or not item.comparison:
        return []
    items: list[str] = []
    for other in item.comparison:
        compared = _as_passage(other)
        if compared is None or compared.doc_id == anchor.doc_id:
            continue
        titles = {anchor.doc_id: item.resolved.title, compared.doc_id: other.title}
        for d in divergences_between(anchor, compared):
            summary = d.summary(lambda doc_id, titles=titles: _one_line(titles.get(doc_id, doc_id)))
            items.append(f"- {escape_inline(d.slot)}: {escape_inline(_one_line(summary))}")
    if not items:
        return []
    return ["Sources differ:", "", *items, ""]


def _note_block(item: AnchoredNote) -> list[str]:
    note = item.note
    orphaned = item.orphaned
    lines: list[str] = []
    lines += _blockquote(item.quote)
    if item.changed:  # the file was edited since: say so, and what it reads now
        lines += ["", "*The passage has changed since this note; it now reads:*", ""]
        lines += _blockquote(item.resolved.text)
    if item.comparison:
        r = item.resolved
        pid = r.passage_id if r.passage_id is not None else r.anchor.passage_id
        lines.append(">")
        lines.append(f"> — *{escape_inline(_one_line(r.title))}* · `{pid}`")
    lines.append("")
    for other in item.comparison:
        source = escape_inline(_one_line(other.title))
        pid = other.passage_id if other.passage_id is not None else other.anchor.passage_id
        lines += _blockquote(other.text or other.anchor.exact)
        lines.append(">")
        suffix = " · no longer found in the brief" if other.orphaned else ""
        lines.append(f"> — *{source}* · `{pid}`{suffix}")
        lines.append("")
    lines += _divergence_lines(item)
    body = escape_block(note.text)
    if body:
        lines.append(body)
        lines.append("")
    tags = _tags(note.tags)
    if tags:
        lines.append(tags)
        lines.append("")
    lines.append(_citation(item.resolved, note.id, orphaned=orphaned))
    lines.append("")
    return lines


_Source = tuple[str, str | None, str | None, str | None, str | None, str]


def _cited_sources(brief: Brief, notes: Sequence[AnchoredNote]) -> list[_Source]:
    """The sources the notes cite (their own passage's, and each compared passage's), in
    brief order, then those no longer in the brief (an orphan's, from what its note stored).

    Only these: the front matter is the export's bibliography, and a brief of 300 pages
    with notes on three should not list 300.
    """
    present: set[str] = set()
    gone: dict[str, _Source] = {}
    for item in notes:
        for r in (item.resolved, *item.comparison):
            if r.document is not None:
                present.add(r.document.id)
            elif r.anchor.doc_path not in gone:
                a = r.anchor
                gone[a.doc_path] = (a.doc_title, a.doc_author, None, a.doc_date, None, a.doc_path)
    cited: list[_Source] = [
        (d.title, d.author, d.publisher, d.date, d.url, norm_path(d.path))
        for d in brief.documents
        if d.id in present
    ]
    listed = {source[5] for source in cited}
    return cited + [source for path, source in gone.items() if path not in listed]


def export_markdown(
    brief: Brief, notes: list[AnchoredNote], *, exported_at: datetime | None = None
) -> str:
    """The notes of ``brief`` (from ``NoteStore.notes(brief)``) as a markdown document."""
    when = exported_at if exported_at is not None else datetime.now(UTC).replace(microsecond=0)
    out: list[str] = ["---"]
    out.append(f"brief: {yaml_string(brief.name)}")
    out.append(f"exported_at: {yaml_string(when.isoformat())}")
    out.append(f"notes: {len(notes)}")
    cited = _cited_sources(brief, notes)
    if cited:
        out.append("sources:")
        for title, author, publisher, date, url, path in cited:
            out.append(f"  - title: {yaml_string(title)}")
            out.append(f"    author: {yaml_string(author)}")
            out.append(f"    publisher: {yaml_string(publisher)}")
            out.append(f"    date: {yaml_string(date)}")
            out.append(f"    url: {yaml_string(url)}")
            out.append(f"    path: {yaml_string(path)}")
    else:
        out.append("sources: []")
    out.append("---")
    out.append("")
    out.append(_heading(1, f"Notes on {brief.name}"))
    out.append("")

    anchored = [n for n in notes if not n.orphaned and n.document is not None]
    orphans = [n for n in notes if n.orphaned or n.document is None]
    if not notes:
        out.append("No notes yet.")
        out.append("")
    order = {doc.id: i for i, doc in enumerate(brief.documents)}

    def key(item: AnchoredNote) -> tuple[int, int, int, str, str]:
        r = item.resolved
        start = r.span[0] if r.span else -1
        doc_id = r.document.id if r.document is not None else ""
        return (order.get(doc_id, len(order)), r.index, start, item.note.created_at, item.note.id)

    anchored.sort(key=key)
    current_doc: str | None = None
    current_section: tuple[str, object] | None = None
    for item in anchored:
        doc = item.document
        assert doc is not None
        if doc.id != current_doc:
            current_doc, current_section = doc.id, None
            out.append(_heading(2, doc.title))
            out.append("")
        section = doc.section_of(item.passage_id or "")
        marker = (doc.id, id(section))
        if marker != current_section:
            current_section = marker
            heading = section.heading if section is not None else None
            out.append(_heading(3, heading if heading else "Lead"))
            out.append("")
        out += _note_block(item)

    if orphans:
        orphans.sort(key=lambda n: (n.note.created_at, n.note.id))
        out.append(_heading(2, "Orphaned notes"))
        out.append("")
        out.append(
            "These notes were taken on text that is no longer in the brief. "
            "They are kept with their quote."
        )
        out.append("")
        for item in orphans:
            out += _note_block(item)
    while out and out[-1] == "":
        out.pop()
    # Notes are stored as typed; a control character typed or pasted into one must not
    # act when the export is printed (`cat notes.md`), so it is shown, not kept raw.
    return visible("\n".join(out), newlines=True) + "\n"
