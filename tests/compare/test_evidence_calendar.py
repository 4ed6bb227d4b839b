"""Day and month names are not shown as shared names (from a new-user trial: "Names:
Saturday" under a match). They are capitalised wherever they stand, so the brief counts
them as names; the reader sees them with the dates. A name that holds one ("Theresa May")
stays a name."""

from __future__ import annotations

import pytest

from brieftui.compare import Comparer
from brieftui.compare.evidence import calendar_word_run

CALENDAR = set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("Saturday", True),
        ("May", True),
        ("March", True),
        ("Monday-Tuesday", True),
        ("Theresa May", False),
        ("Bank of England", False),
        ("Saturday Night Live", False),
        ("Lisbon", False),
    ],
)
def test_calendar_word_runs(shown: str, expected: bool) -> None:
    assert calendar_word_run(shown) is expected


@pytest.mark.parametrize("which", ["second_gold", "third_gold"])
def test_no_lone_day_or_month_name_is_listed_as_a_name(which, request) -> None:
    _gold, brief = request.getfixturevalue(which)
    comparer = Comparer(brief.documents)
    shown_days = 0
    for ref in brief.passages():
        for source in comparer.compare(ref.passage.id).sources:
            for match in source.matches:
                evidence = match.evidence
                assert not [n for n in evidence.names if n.lower() in CALENDAR], evidence
                shown_days += sum(1 for d in evidence.dates if d.lower() in CALENDAR)
    assert shown_days > 0  # still shown, with the dates
