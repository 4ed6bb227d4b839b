"""Shared fixtures: every test gets its own data dir, so none touches the user's real one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import brieftui
from brieftui.brief import Brief
from tests.hostile import HUGE_CHARS, write_hostile_brief

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point BRIEFTUI_DATA_DIR (and so the cache) at a fresh temp dir for every test."""
    data = tmp_path_factory.mktemp("brieftui-data")
    monkeypatch.setenv("BRIEFTUI_DATA_DIR", str(data))
    monkeypatch.delenv("BRIEFTUI_CACHE_DIR", raising=False)
    return data


@pytest.fixture(autouse=True)
def lexical_compare(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compare without its optional semantic stage, so that every test sees the same
    method whether or not wordllama is installed (CI installs only '.[test]');
    ``tests/compare/test_semantic.py`` turns the stage back on."""
    monkeypatch.setenv("BRIEFTUI_SEMANTIC", "0")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_brief() -> Brief:
    """The bundled brief, loaded once per test session (Brief is immutable)."""
    return brieftui.load([SEEDS_DIR], cache=False)


@pytest.fixture
def make_hostile_brief(tmp_path: Path) -> Callable[..., Path]:
    """``make_hostile_brief(huge_chars=…) -> Path``: the hostile brief of ``tests/hostile.py``
    (escape sequences, markup-looking text, a newline and a non-UTF-8 byte in file names,
    the exponential byline, UTF-16/32, a huge one-line paragraph, a FIFO, a sparse file)."""
    count = 0

    def make(*, huge_chars: int = HUGE_CHARS) -> Path:
        nonlocal count
        count += 1
        return write_hostile_brief(tmp_path / f"hostile{count}", huge_chars=huge_chars)

    return make


@pytest.fixture
def hostile_brief(make_hostile_brief: Callable[..., Path]) -> Path:
    """A folder holding the hostile brief of ``tests/hostile.py`` (see its docstring)."""
    return make_hostile_brief()
