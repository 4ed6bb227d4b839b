"""What the app remembers between runs: where the user was in each brief, and the theme.

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


@dataclass(frozen=True, slots=True)
class Position:
    """Where the user was in one brief."""

    doc_id: str
    passage_id: str | None = None


@dataclass(slots=True)
class AppState:
    """Everything remembered: the theme (global) and a position per brief key."""

    theme: str | None = None
    positions: dict[str, Position] = field(default_factory=dict)

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
                key: {"doc_id": pos.doc_id, "passage_id": pos.passage_id}
                for key, pos in self.positions.items()
            },
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
                if isinstance(doc_id, str) and doc_id:
                    state.positions[key] = Position(
                        doc_id, passage_id if isinstance(passage_id, str) else None
                    )
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
