"""A brief of a few short reports of one event: its passages are matched.

The event's own words are then in half the brief's passages; counted with the brief's
idf alone they were not informative, no passage had the four informative terms a
match needs, and every source of every passage was "not covered" (found writing a
test of the Events screen: twelve two-paragraph reports of one fire had no event)."""

from __future__ import annotations

from pathlib import Path

import brieftui

KINDS = ("grain", "timber", "textile")


def _reports(folder: Path, n: int = 12) -> None:
    for k in range(n):
        (folder / f"r{k:02d}.txt").write_text(
            f"Warehouse fire on the Valmora docks, report {k}\n\n"
            f"A fire destroyed a {KINDS[k % 3]} warehouse on the Valmora docks on Monday "
            f"night, and firefighters fought the blaze for {k + 4} hours before it was "
            "under control.\n\n"
            f"Officials said {k + 10} workers were evacuated and {k % 4} were treated for "
            "smoke.\n",
            encoding="utf-8",
        )


def test_every_short_report_covers_the_fire(tmp_path: Path) -> None:
    _reports(tmp_path)
    brief = brieftui.load([tmp_path], cache=False)
    result = brief.compare("r00:1")
    assert len(result.sources) == 11
    assert all(s.grade != "not covered" for s in result.sources)
    assert all(s.matches[0].passage_id.endswith(":1") for s in result.sources)
    events = brief.events()
    assert events and max(len(e.doc_ids) for e in events) >= 6
