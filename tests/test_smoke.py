"""The package imports and the bundled brief loads."""

import brieftui


def test_bundled_brief_loads(seed_brief: brieftui.Brief) -> None:
    assert len(seed_brief.documents) == 5
    assert seed_brief.passage_count > 50


def test_version_is_a_string() -> None:
    assert brieftui.__version__.count(".") == 2
