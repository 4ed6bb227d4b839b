"""Gold-set fixtures for the compare tests (the gold sets live beside this file)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gold as gold_mod


@pytest.fixture(scope="session")
def seeds_gold():
    return gold_mod.load_gold("seeds")


@pytest.fixture(scope="session")
def second_gold():
    return gold_mod.load_gold("second_brief")


@pytest.fixture(scope="session")
def third_gold():
    return gold_mod.load_gold("third_brief")


@pytest.fixture(scope="session")
def fourth_gold():
    return gold_mod.load_gold("fourth_brief")


@pytest.fixture(scope="session")
def fifth_gold():
    return gold_mod.load_gold("fifth_brief")
