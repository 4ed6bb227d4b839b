"""The user's settings: a small TOML file that brieftui reads and never writes.

Why a file: people who live in a terminal reader remap keys that clash with
tmux or their habits, pick a theme once, and want their usual brief to open
with a bare ``brieftui``. ``brieftui config`` prints where the file is and the
settings in effect. Example::

    theme = "nord"
    reading_width = 80          # columns of text in the reader (40-200)
    default_brief = ["~/briefs/ukraine"]

    [keymap]                    # binding id = keys (see ? in the app for the ids)
    "brieftui.search" = "s"
    "brieftui.next_passage" = "j,down"

Reading never fails: a missing file is the defaults, and a bad value is a
one-line warning with the default used instead. ``tomllib`` parses data only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brieftui.paths import config_path

DEFAULT_READING_WIDTH = 88
"""A comfortable measure: about 12-15 words a line."""
MIN_WIDTH, MAX_WIDTH = 40, 200
KNOWN = frozenset({"theme", "reading_width", "default_brief", "keymap"})


@dataclass
class Config:
    """The settings in effect, and what was wrong with the file (one line each)."""

    path: Path
    exists: bool = False
    theme: str | None = None
    reading_width: int = DEFAULT_READING_WIDTH
    default_brief: list[str] = field(default_factory=list)
    keymap: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "exists": self.exists,
            "theme": self.theme,
            "reading_width": self.reading_width,
            "default_brief": self.default_brief,
            "keymap": self.keymap,
            "warnings": self.warnings,
        }


def load_config(path: Path | None = None) -> Config:
    """Read the settings at ``path`` (default :func:`brieftui.paths.config_path`)."""
    path = path or config_path()
    config = Config(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.warnings.append(f"cannot read {path}: {exc.strerror or exc}")
        return config
    config.exists = True
    import tomllib  # only when there is a file: the app reads this before its first frame

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        config.warnings.append(f"{path} is not valid TOML ({exc}); using the defaults")
        return config
    _apply(config, data)
    return config


def _apply(config: Config, data: dict[str, Any]) -> None:
    warn = config.warnings.append
    for key in sorted(set(data) - KNOWN):
        warn(f"unknown setting {key!r} in {config.path} (known: {', '.join(sorted(KNOWN))})")
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()
        else:
            warn('theme must be a theme name, e.g. theme = "nord"')
    width = data.get("reading_width")
    if width is not None:
        if (
            isinstance(width, int)
            and not isinstance(width, bool)
            and MIN_WIDTH <= width <= MAX_WIDTH
        ):
            config.reading_width = width
        else:
            warn(f"reading_width must be a whole number from {MIN_WIDTH} to {MAX_WIDTH}")
    brief = data.get("default_brief")
    if brief is not None:
        paths = [brief] if isinstance(brief, str) else brief
        if isinstance(paths, list) and paths and all(isinstance(p, str) and p for p in paths):
            config.default_brief = [str(Path(p).expanduser()) for p in paths]
        else:
            warn("default_brief must be a path or a list of paths")
    keymap = data.get("keymap")
    if keymap is not None:
        if not isinstance(keymap, dict):
            warn('[keymap] must be a table of binding id = "keys"')
        else:
            for binding_id, keys in keymap.items():
                if isinstance(keys, str) and keys.strip():
                    config.keymap[str(binding_id)] = keys.strip()
                else:
                    warn(f'keymap {binding_id!r}: keys must be a string such as "s" or "j,down"')
