"""The one place that knows where brieftui keeps its data and cache.

Everything that writes to disk asks here, so tests (and users) redirect it all
with one variable: ``BRIEFTUI_DATA_DIR`` (or ``--data-dir``, which sets it).
When it is set, the cache lives beneath it too, so a test never touches the
user's real directories.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "brieftui"
DATA_ENV = "BRIEFTUI_DATA_DIR"
CACHE_ENV = "BRIEFTUI_CACHE_DIR"
CONFIG_ENV = "BRIEFTUI_CONFIG"


def data_dir() -> Path:
    """Where notes and app state live (not created here)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # when no folder is set in the environment (20 ms)

    return Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """Where the parsed-brief cache lives: disposable, rebuilt when missing or bad."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    data_override = os.environ.get(DATA_ENV)
    if data_override:
        return Path(data_override).expanduser() / "cache"
    import platformdirs  # when no folder is set in the environment (20 ms)

    return Path(platformdirs.user_cache_dir(APP_NAME))


def config_path() -> Path:
    """The user's settings (TOML): ``BRIEFTUI_CONFIG``, else ``config.toml`` in the data
    dir when ``BRIEFTUI_DATA_DIR`` is set (tests), else the platform's config dir."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    data_override = os.environ.get(DATA_ENV)
    if data_override:
        return Path(data_override).expanduser() / "config.toml"
    import platformdirs  # when no folder is set in the environment (20 ms)

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def notes_db_path() -> Path:
    return data_dir() / "notes.sqlite3"


def exports_dir() -> Path:
    """Where the app writes markdown exports: ``exports/`` beside the notes."""
    return data_dir() / "exports"


def brief_export_path(brief_name: str, brief_key: str) -> Path:
    """The default export file of one brief: ``<data dir>/exports/<name>-<key8>-notes.md``.

    Unique per brief: two briefs whose folders have the same name (``~/a/ukraine`` and
    ``~/b/ukraine``) have different keys (see ``brief.brief_key``), so they never share
    a file; the same brief always gets the same file. The name is made safe for any
    file system (letters, digits, ``.``, ``_`` and ``-``; a name that is not UTF-8
    loses its undecodable bytes) and cut to 60 characters.
    """
    slug = re.sub(r"[^\w.-]+", "-", brief_name, flags=re.UNICODE)
    slug = re.sub(r"[\ud800-\udfff]+", "-", slug).strip("-.")[:60].strip("-.") or "brief"
    tag = re.sub(r"[^0-9a-z]", "", brief_key.lower())[:8] or "0"
    return exports_dir() / f"{slug}-{tag}-notes.md"


def state_path() -> Path:
    """The app's remembered position and theme (JSON)."""
    return data_dir() / "state.json"


def default_brief_dir() -> Path:
    """The bundled brief: ``seeds/`` inside the installed package, or beside it in a checkout."""
    packaged = Path(__file__).resolve().parent / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "seeds"
