"""``Brief.divergences_with``: what Compare shows on its columns, only within the anchor's event.

The warehouse brief has a planted divergence: the wire says a fire killed "12 people"
and injured 30, the daily "At least 15 people" and 40, the radio agrees on 12.
"""

from __future__ import annotations

from pathlib import Path

import brieftui

WAREHOUSE = Path(__file__).parent / "fixtures" / "warehouse"


def test_only_the_anchors_event_is_compared_with_the_anchors_value_first():
    brief = brieftui.load([WAREHOUSE], cache=False)
    found = brief.divergences_with("a_wire:1", ["b_daily:1", "c_radio:1", "b_daily:2", "a_wire:3"])
    # a passage of another event and one of the anchor's own document are not compared
    assert set(found) == {"b_daily:1", "c_radio:1"}
    assert found["c_radio:1"] == []
    assert [(d.slot, d.values[0].text, d.values[1].text) for d in found["b_daily:1"]] == [
        ("dead", "12 people", "At least 15 people"),
        ("injured", "30", "40"),
    ]
    assert all(d.values[0].passage_id == "a_wire:1" for d in found["b_daily:1"])
    # the same pairs the whole brief compares: Compare and Events agree
    whole = {(d.slot, v.passage_id) for d in brief.divergences() for v in d.values}
    assert ("dead", "b_daily:1") in whole and ("injured", "a_wire:1") in whole


def test_a_passage_in_no_event_compares_nothing():
    brief = brieftui.load([WAREHOUSE], cache=False)
    in_events = {p.passage_id for e in brief.events() for p in e.passages}
    lonely = next(r.passage.id for r in brief.passages() if r.passage.id not in in_events)
    assert brief.divergences_with(lonely, ["a_wire:1", "b_daily:1"]) == {}
