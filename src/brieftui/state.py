"""What the app remembers between runs: where the user was in each brief, which of its
documents were read, the theme, and the search history.

Plain JSON in :func:`brieftui.paths.state_path` (so ``BRIEFTUI_DATA_DIR`` redirects it),
written atomically (a temp file in the same folder, then ``os.replace``) so a crash
mid-write leaves the previous file intact. A missing, unreadable or foreign file is
treated as empty state: remembering is a convenience and must never stop the app.
No Textual import here: the state is core data, the app only reads and writes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brieftui.fileio import write_atomically
from brieftui.paths import state_path

__all__ = ["AppState", "Position", "load_state", "save_state"]

STATE_VERSION = 1
MAX_BRIEFS = 200
"""How many briefs' positions are kept (the most recently used ones)."""
MAX_HISTORY = 50
"""How many past search queries are kept."""


POSITION_TEXT = 80
"""Characters of the passage's text kept with a position."""


@dataclass(frozen=True, slots=True)
class Position:
    """Where the user was in one brief."""

    doc_id: str
    passage_id: str | None = None
    text: str | None = None
    """The start of that passage's text: when the file was edited and passages moved,
    the position is found again by it, not by number (from a trial)."""


@dataclass(slots=True)
class AppState:
    """Everything remembered: the theme and search history (global), and per brief key
    the position and the documents read."""

    theme: str | None = None
    positions: dict[str, Position] = field(default_factory=dict)
    read: dict[str, list[str]] = field(default_factory=dict)
    search_history: list[str] = field(default_factory=list)

    def read_documents(self, brief_key: str) -> set[str]:
        return set(self.read.get(brief_key, ()))

    def mark_read(self, brief_key: str, doc_id: str, read: bool = True) -> bool:
        """Mark ``doc_id`` of ``brief_key`` read (or unread); ``True`` if that changed."""
        current = self.read.setdefault(brief_key, [])
        if read and doc_id not in current:
            current.append(doc_id)
            while len(self.read) > MAX_BRIEFS:
                self.read.pop(next(iter(self.read)))
            return True
        if not read and doc_id in current:
            current.remove(doc_id)
            return True
        return False

    def remember_query(self, query: str) -> bool:
        """Put ``query`` last in the search history (once); ``True`` if that changed."""
        query = query.strip()
        if not query or (self.search_history and self.search_history[-1] == query):
            return False
        if query in self.search_history:
            self.search_history.remove(query)
        self.search_history.append(query)
        del self.search_history[:-MAX_HISTORY]
        return True

    def position(self, brief_key: str) -> Position | None:
        return self.positions.get(brief_key)

    def remember(self, brief_key: str, position: Position) -> None:
        """Record ``position`` for ``brief_key``, most recent last (oldest dropped past the cap)."""
        self.positions.pop(brief_key, None)
        self.positions[brief_key] = position
        while len(self.positions) > MAX_BRIEFS:
            self.positions.pop(next(iter(self.positions)))

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "theme": self.theme,
            "briefs": {
                key: {"doc_id": pos.doc_id, "passage_id": pos.passage_id, "text": pos.text}
                for key, pos in self.positions.items()
            },
            "read": self.read,
            "search_history": self.search_history,
        }

    @classmethod
    def from_json(cls, data: Any) -> AppState:
        """Build from parsed JSON, skipping anything malformed rather than failing."""
        state = cls()
        if not isinstance(data, dict):
            return state
        theme = data.get("theme")
        if isinstance(theme, str) and theme:
            state.theme = theme
        briefs = data.get("briefs")
        if isinstance(briefs, dict):
            for key, value in briefs.items():
                if not isinstance(key, str) or not isinstance(value, dict):
                    continue
                doc_id = value.get("doc_id")
                passage_id = value.get("passage_id")
                text = value.get("text")
                if isinstance(doc_id, str) and doc_id:
                    state.positions[key] = Position(
                        doc_id,
                        passage_id if isinstance(passage_id, str) else None,
                        text[:POSITION_TEXT] if isinstance(text, str) and text else None,
                    )
        read = data.get("read")
        if isinstance(read, dict):
            for key, doc_ids in read.items():
                if isinstance(key, str) and isinstance(doc_ids, list):
                    state.read[key] = [d for d in doc_ids if isinstance(d, str)]
        history = data.get("search_history")
        if isinstance(history, list):
            state.search_history = [q for q in history if isinstance(q, str) and q][-MAX_HISTORY:]
        return state


def load_state(path: Path | None = None) -> AppState:
    """Read the remembered state; empty state when there is none or it cannot be read."""
    path = path or state_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppState()
    return AppState.from_json(data)


def save_state(state: AppState, path: Path | None = None) -> None:
    """Write ``state`` atomically. Raises ``OSError`` when the data dir is not writable."""
    payload = json.dumps(state.to_json(), indent=2, ensure_ascii=False)
    write_atomically(path or state_path(), payload)
