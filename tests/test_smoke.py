"""The package imports and the bundled brief loads."""

import brieftui


def test_bundled_brief_loads(seed_brief: brieftui.Brief) -> None:
    assert len(seed_brief.documents) == 5
    assert seed_brief.passage_count > 50


def test_version_is_a_string() -> None:
    assert brieftui.__version__.count(".") == 2


def test_an_empty_list_of_paths_is_an_error_not_the_bundled_brief() -> None:
    """From a trial: `brieftui.load(glob(...))` with nothing matched gave the bundled
    NATO brief back without a word."""
    import pytest

    import brieftui
    from brieftui.brief import BriefPathError

    with pytest.raises(BriefPathError, match="no files or folders"):
        brieftui.load([])
    assert brieftui.load(None).documents  # None still means the bundled brief
