"""Fixtures for the notes tests: small briefs written into tmp dirs from the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import brieftui
from brieftui.brief import Brief
from brieftui.notes import NoteStore
from tests.conftest import SEEDS_DIR

SEEDS = SEEDS_DIR


def seed_file() -> Path:
    """The first seed article (sections and many passages)."""
    return sorted(SEEDS.glob("*.txt"))[0]


@pytest.fixture
def brief_dir(tmp_path: Path) -> Path:
    """A folder holding copies of two seed articles."""
    folder = tmp_path / "brief"
    folder.mkdir()
    for src in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(src, folder / src.name)
    return folder


@pytest.fixture
def brief(brief_dir: Path) -> Brief:
    return brieftui.load([brief_dir])


@pytest.fixture
def store() -> NoteStore:
    s = NoteStore()
    yield s
    s.close()
