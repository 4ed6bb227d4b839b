"""The data model every layer shares: documents, sections, passages.

Frozen dataclasses, because a loaded brief is read by several threads (the UI,
search and compare workers) and must never change under them. Ids are plain
strings so that they survive JSON, SQLite and the command line unchanged:
a passage id is ``<doc-id>:<n>`` with ``n`` counting passages from 1 in reading
order, so the same unchanged file gives the same ids on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph of article body: the unit that search, compare and notes point at."""

    id: str
    text: str

    @property
    def doc_id(self) -> str:
        """The id of the document this passage belongs to (everything before the last ``:``)."""
        return self.id.rpartition(":")[0]

    @property
    def number(self) -> int:
        """The 1-based position of the passage in its document."""
        return int(self.id.rpartition(":")[2])


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the passages under it.

    ``heading`` is ``None`` for the lead (the text before the first heading);
    ``level`` is 0 for the lead, 1 for a heading and 2 for a sub-heading.
    """

    heading: str | None
    level: int
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One article, cleaned and structured.

    Missing metadata is ``None``, never invented. When the article has no title
    line, ``title`` is made from its first sentence and ``title_is_fallback`` says so.
    ``removed`` lists what cleaning took out (boilerplate), so the user can see it
    and tests can check it, and ``removed_why`` says why, item for item ("share/follow
    prompt", "related-story promo"; empty where no reason was recorded); ``about`` is an author-bio block moved out of the body.
    ``fingerprint`` is a hash of the cleaned body, used to re-attach notes.
    ``url`` is where the article was published (from a web page's canonical URL, a
    markdown front matter or a "Source:" line), always an absolute http(s) URL or
    ``None``; ``description`` is a web page's own summary of itself, when it has one.
    """

    id: str
    path: str
    title: str
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    about: str | None = None
    sections: tuple[Section, ...] = ()
    removed: tuple[str, ...] = ()
    title_is_fallback: bool = False
    fingerprint: str = ""
    size: int = 0
    url: str | None = None
    description: str | None = None
    removed_why: tuple[str, ...] = ()

    def passages(self) -> Iterator[Passage]:
        """Every passage in reading order."""
        for section in self.sections:
            yield from section.passages

    @property
    def passage_count(self) -> int:
        return sum(len(s.passages) for s in self.sections)

    @property
    def byline(self) -> str | None:
        """Who the reader should credit: the author, else the publisher."""
        return self.author or self.publisher

    def passage_ids(self) -> list[str]:
        """Every passage's id in reading order, which a cached document gives without
        decoding its text (the events cache numbers 100,000 passages by them)."""
        return [p.id for p in self.passages()]

    def passage_lengths(self) -> list[int]:
        """Every passage's length in characters, which a cached document gives without
        decoding its text (a cached compare index checks its spans against them)."""
        return [len(p.text) for p in self.passages()]

    def passage_texts(self) -> list[str]:
        """Every passage's text in reading order (a cached document decodes only them)."""
        return [p.text for p in self.passages()]

    def headed_sections(self) -> list[tuple[str, str]]:
        """``(heading, first passage id)`` of each headed section that has passages: what
        a list of sections shows (the palette), which a cached document gives without
        decoding its text."""
        return [(s.heading, s.passages[0].id) for s in self.sections if s.heading and s.passages]

    def section_of(self, passage_id: str) -> Section | None:
        """The section that holds ``passage_id``, or ``None``."""
        for section in self.sections:
            for passage in section.passages:
                if passage.id == passage_id:
                    return section
        return None


@dataclass(frozen=True, slots=True)
class LoadMessage:
    """A one-line warning or note about one input path, shown to the user, never fatal."""

    path: str
    message: str
    level: str = "warning"  # "warning" or "note" (a skipped non-text file is a note)

    def __str__(self) -> str:
        return f"{self.level}: {self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class PassageRef:
    """Where a passage lives: the document, the section and the passage itself."""

    document: Document
    section: Section
    passage: Passage
    index: int = field(default=0)  # 0-based index in the document's reading order
