"""From decoded text to a :class:`~brieftui.model.Document`: metadata, sections, passages.

``parse_document`` runs the steps in order: paragraphs (:mod:`.clean`), boilerplate
removal (:mod:`.clean`, :mod:`.boilerplate`), metadata from the head of the text
(:mod:`.metadata`), then headings (:mod:`.headings`) and numbered passages.
The title is the first heading-like line at the top; when there is none, the
first sentence stands in and ``title_is_fallback`` says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from brieftui.ingest import metadata as meta
from brieftui.ingest import outlet, page
from brieftui.ingest.clean import Cleaned, Removal, clean, split_paragraphs
from brieftui.ingest.files import HASH_MARK as HASH_MARK  # re-exported
from brieftui.ingest.files import doc_id_for as doc_id_for  # re-exported
from brieftui.ingest.frontmatter import stated_metadata
from brieftui.ingest.headings import heading_levels, heading_text, md_heading
from brieftui.ingest.known import Known
from brieftui.ingest.text import first_sentence_title, squeeze, starts_lower
from brieftui.model import Document, Passage, Section
from brieftui.safe_text import display_path, strip_controls
from brieftui.text import sentence_spans

if TYPE_CHECKING:
    from brieftui.ingest.html import HtmlPage

HEAD_SCAN = 8
"""How many paragraphs at the top may hold a title, byline or dateline."""


def _title_like(line: str) -> bool:
    if len(line) > 200 or len(line.split()) > 25 or starts_lower(line):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "“\"‘'"):
        return False
    return line.rstrip("\"'”’) ")[-1:] not in ".,;:"


def _fingerprint(body: str) -> str:
    """A stable hash of the cleaned body (notes use it to notice a changed article)."""
    try:
        data = body.encode("utf-8")  # the fast path; decoded files hold no lone surrogates
    except UnicodeEncodeError:
        data = body.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


def _headline_like(line: str) -> bool:
    """A headline that ends with a full stop ("Hospitals keep failing. Patients know.")."""
    return (
        len(line) < 150
        and 4 <= len(line.split()) <= 25
        and line[:1].isupper()
        and line.rstrip("\"'”’) ")[-1:] in ".!?"
    )


def _is_kicker(para: str, following: list[str]) -> bool:
    """One or two words over a longer headline-like line: a section label, not the title."""
    if len(para.split()) > 2 or not _title_like(para) or not following:
        return False
    nxt = following[0]
    # A headline ending in a full stop only under a label in capitals ("OPINION"):
    # under "A title" such a line is the first sentence.
    return (
        len(nxt) < 150
        and len(nxt.split()) >= 4
        and (_title_like(nxt) or (para.isupper() and _headline_like(nxt)))
        and not md_heading(nxt)
    )


def _unmark(para: str) -> str:
    md = md_heading(para) if para[:1] == "#" else None
    return md[1] if md else para


def _credited(removed: list[str]) -> str | None:
    """The reporters a removed wire credit names ("Reporting by A and B; Editing by C")."""
    return next(filter(None, map(outlet.credit_author, removed)), None)


def _norm(text: str) -> str:
    return squeeze(text).casefold().strip(" .:")


def _head(
    cleaned: Cleaned, title: str | None = None
) -> tuple[dict[str, str | None], list[str], list[Removal]]:
    """Take title, author and date from the top; return (fields, body, extra removed).

    ``title`` is a title known from elsewhere (a web page's metadata): then no line
    is taken as the title, and a copy of it at the top is dropped.
    """
    paras = cleaned.paragraphs
    fields: dict[str, str | None] = {
        "title": title,
        "author": None,
        "date": None,
        "publisher": None,
    }
    consumed: set[int] = set()
    removed: list[Removal] = []
    title_open = title is None
    after_kicker = False
    for i, para in enumerate(paras[:HEAD_SCAN]):
        if len(para) >= 150 and not (title_open and _title_like(para)):
            break  # the article has begun (a long headline may still come first)
        by = meta.byline(para)
        if by is not None and fields["author"] is None:
            fields["author"] = outlet.strip_role(by[0])
            fields["date"] = fields["date"] or by[1]
            fields["publisher"] = fields["publisher"] or meta.byline_outlet(para)
            consumed.add(i)
            continue
        date = meta.dateline(para)
        numeric = meta.numeric_dateline(para)[0]  # no title is only numbers and labels
        if date is not None and (fields["date"] is None or not title_open or numeric):
            fields["date"] = fields["date"] or date  # a second one: "Last modified on …"
            consumed.add(i)
            continue
        if date is None and numeric:
            # "Updated 04/05/2010 11:20": a dateline whose day and month cannot be told
            # apart; metadata all the same, never a heading or a passage, and no date
            consumed.add(i)
            removed.append((cleaned.origins[i], para, "dateline (day and month unclear)"))
            continue
        credit = meta.credit_dateline(para)
        if credit is not None and (not title_open or credit[1] is not None):
            # "*Associated Press, March 4, 2024*", "Kyiv, 12 May 2025": metadata, never a
            # passage; above the headline only with an outlet named (a title may hold a date)
            fields["date"] = fields["date"] or credit[0]
            fields["publisher"] = fields["publisher"] or credit[1]
            consumed.add(i)
            removed.append((cleaned.origins[i], para, "dateline and credit"))
            continue
        caps = meta.caps_dateline(para)
        if caps is not None and (fields["date"] is None or not title_open):
            fields["date"] = fields["date"] or caps
            consumed.add(i)
            removed.append((cleaned.origins[i], para, "dateline"))
            continue
        name = outlet.outlet_name(para)
        if (
            name is not None
            and fields["publisher"] is not None
            and _norm(name) == _norm(fields["publisher"])
        ):  # the outlet a byline or dateline named, again on a line of its own
            consumed.add(i)
            continue
        if (
            fields["publisher"] is None
            and name is not None
            and (not title_open or (i + 1 < len(paras) and len(paras[i + 1]) < 200))
        ):  # a masthead above the headline, or the outlet under the byline
            fields["publisher"] = name
            consumed.add(i)
            continue
        if not title_open and fields["author"] is not None and outlet.role_line(para):
            consumed.add(i)  # "Contributing columnist" under the byline
            continue
        if not title_open and fields["author"] is None and not meta.desk_credit(para):
            name = outlet.bare_byline(para)
            if name is None and i + 1 < len(paras) and meta.dateline(paras[i + 1]):
                name = outlet.bare_name(para)  # "Marcus Feld" over "Tuesday 11 November 2025"
            if name is not None:  # "Helen Ashcroft Health correspondent"
                fields["author"] = name
                consumed.add(i)
                continue
        if not title_open and fields["author"] is None and outlet.by_role(para):
            fields["author"] = para[3:].strip()  # "By our Southern Europe correspondent"
            consumed.add(i)
            continue
        if not title_open and fields["author"] is None and meta.desk_credit(para):
            fields["author"] = para.strip()  # "Your Money desk": the credit is the byline
            consumed.add(i)
            continue
        credit_line = meta.date_and_credit(para) if not title_open else None
        if credit_line is not None:  # "Posted 8 May 2025 | Markets Daily team"
            fields["date"] = fields["date"] or credit_line[0]
            fields["author"] = fields["author"] or credit_line[1]
            consumed.add(i)
            continue
        if not title_open and meta.wire_dateline(para):
            fields["publisher"] = fields["publisher"] or meta.wire_dateline_agency(para)
            consumed.add(i)  # "LONDON, May 8 (Wire) -": metadata, not a heading
            removed.append((cleaned.origins[i], para, "wire dateline"))
            continue
        if fields["title"] is not None and _norm(_unmark(para)) == _norm(fields["title"]):
            consumed.add(i)
            removed.append((cleaned.origins[i], _unmark(para), "the title again"))
            continue
        if title_open and _is_kicker(para, paras[i + 1 : i + 2]):
            consumed.add(i)  # a section label above the headline ("Opinion", "World News")
            removed.append((cleaned.origins[i], para, "section label"))
            after_kicker = True
            continue
        if title_open:
            title_open = False
            md = md_heading(para)
            if md is not None and md[0] == 1:
                fields["title"] = md[1]
                consumed.add(i)
            elif md is None and (_title_like(para) or (after_kicker and _headline_like(para))):
                fields["title"] = para
                consumed.add(i)
    _late_datelines(cleaned, fields, consumed, removed)
    body = [p for i, p in enumerate(paras) if i not in consumed]
    return fields, body, removed


def _late_datelines(
    cleaned: Cleaned, fields: dict[str, str | None], consumed: set[int], removed: list[Removal]
) -> None:
    """Datelines among the first paragraphs that the head scan did not reach: under a
    deck ("PUBLISHED: FRIDAY, APRIL 19, 2024, 3:15 PM" after two lines of summary),
    or a stamp with no date ("Updated 5:40 p. m. ET"). Such a line is never a heading
    or a passage; the first one dates the article when nothing else did."""
    for i, para in enumerate(cleaned.paragraphs[:HEAD_SCAN]):
        if i in consumed or len(para) > 90:
            continue
        found = meta.dateline(para) or meta.caps_dateline(para)
        if found is None and not meta.numeric_dateline(para)[0] and not meta.time_stamp(para):
            continue
        fields["date"] = fields["date"] or found
        consumed.add(i)
        removed.append((cleaned.origins[i], para, "dateline"))


def parse_document(
    path: Path,
    text: str,
    *,
    doc_id: str | None = None,
    markdown: bool = False,
    size: int | None = None,
) -> Document:
    """Clean and structure one article. Never raises on odd text; empty text gives no passages."""
    if not isinstance(path, Path):
        path = Path(path)
    # The reader already did this; here for every other producer of text (one C-level
    # scan when there is nothing to remove): a Document never holds a control character.
    text = strip_controls(text)
    if size is None:
        try:
            size = path.stat().st_size
        except OSError:
            size = len(text.encode("utf-8", "surrogatepass"))
    stated, text = stated_metadata(text)
    page_removed: list[str] = []
    if page.looks_like_page(text):  # a whole page: keep the article's lines only
        text, page_removed, headline = page.keep_article_lines(text)
        if stated.title is None and headline is not None:
            stated = replace(stated, title=headline)
    cleaned = clean(split_paragraphs(text, markdown=markdown), markdown=markdown)
    if page_removed:  # listed first: the page's chrome came before the cleaner's finds
        why = "page furniture (line classifier)"
        cleaned.removed_at[:0] = [(-1, line, why) for line in page_removed]
    return _assemble(path, doc_id or doc_id_for(path), cleaned, size, stated)


def parse_html(path: Path, page: HtmlPage, *, doc_id: str | None = None, size: int = 0) -> Document:
    """A web page's extracted blocks (see :mod:`.html`) → a document, like text.

    Headings are explicit there, so they are passed on as markdown headings (the
    shallowest depth used becomes level 1); paragraphs, list items and quotes go
    through the same cleaning as text; the page's metadata wins over what the
    head of the text says.
    """
    if not isinstance(path, Path):
        path = Path(path)
    paragraphs = ["#" * b.depth + " " + b.text if b.depth else b.text for b in page.blocks]
    cleaned = clean(paragraphs)
    return _assemble(path, doc_id or doc_id_for(path), cleaned, size, page.meta)


MAX_PASSAGE_CHARS = 4000
"""A paragraph longer than this (about 650 words) becomes several passages.

Why: a passage is what a reader steps through, compares and notes; a "paragraph"
of 20 MB (a file with no blank lines, a dump) can be neither read nor laid out
on a screen. Real article paragraphs are far shorter, so their ids never change.
"""


def split_long(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters, whole sentences where it
    can (then at a space, then anywhere), in order, losing nothing but the spaces cut at.

    Linear in the length of ``text``: one sentence split, one greedy pass.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current_start = current_end = None
    for start, end in sentence_spans(text):
        if current_start is not None and end - current_start > limit:
            pieces.append(text[current_start:current_end])
            current_start = None
        if end - start > limit:  # one sentence longer than the limit: cut it at spaces
            pieces.extend(_cut(text[start:end], limit))
            continue
        if current_start is None:
            current_start = start
        current_end = end
    if current_start is not None:
        pieces.append(text[current_start:current_end])
    return [p for p in pieces if p.strip()]


def _cut(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at the last space before it if any."""
    out: list[str] = []
    at = 0
    while len(text) - at > limit:
        end = text.rfind(" ", at + limit // 2, at + limit + 1)
        if end <= at:
            end = at + limit
        out.append(text[at:end].strip())
        at = end
    out.append(text[at:].strip())
    return [p for p in out if p]


def _assemble(path: Path, doc_id: str, cleaned: Cleaned, size: int, known: Known) -> Document:
    """Metadata from the head, then sections and numbered passages."""
    fields, body, repeated = _head(cleaned, known.title)

    levels = heading_levels(body)
    sections: list[Section] = []
    heading: str | None = None
    level = 0
    passages: list[Passage] = []
    n = 0
    for para, lvl in zip(body, levels, strict=True):
        if lvl:
            if passages or heading is not None:
                sections.append(Section(heading, level, tuple(passages)))
            heading, level, passages = heading_text(para), lvl, []
            continue
        for piece in split_long(para):
            n += 1
            passages.append(Passage(f"{doc_id}:{n}", piece))
    if passages or heading is not None:
        sections.append(Section(heading, level, tuple(passages)))

    body_text = "\n\n".join(p.text for s in sections for p in s.passages)
    title = fields["title"]
    is_fallback = title is None
    if title is None:
        first = next((p.text for s in sections for p in s.passages), "")
        title = first_sentence_title(first) if first else display_path(path.stem)
    publisher = known.publisher or fields["publisher"]
    if publisher is None and cleaned.about:
        publisher = meta.publisher_in(cleaned.about)
    if publisher is None and body:
        publisher = meta.agency_dateline(body[0])
    if publisher is None:
        publisher = next(filter(None, map(meta.copyright_owner, cleaned.removed)), None)
    removals = sorted(cleaned.removed_at + repeated, key=lambda r: r[0])
    return Document(
        id=doc_id,
        path=str(path),
        title=title,
        author=known.author or fields["author"] or _credited(cleaned.removed),
        date=known.date or fields["date"],
        publisher=publisher,
        about=cleaned.about,
        sections=tuple(sections),
        removed=tuple(text for _, text, _why in removals),
        removed_why=tuple(why for _, _text, why in removals),
        title_is_fallback=is_fallback,
        fingerprint=_fingerprint(body_text),
        size=size,
        url=known.url,
        description=known.description,
    )
