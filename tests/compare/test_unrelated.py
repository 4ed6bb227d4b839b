"""Unrelated articles are not one story, and free text the brief does not hold is not
covered (from a new-user trial: two unrelated saved pages made one story whose passages
"reported" each other at 99%, and "Two women and a man died in the fire" was reported
at 100% by a passage on the Kremlin that shares only "two")."""

from __future__ import annotations

from pathlib import Path

import brieftui
from brieftui.compare.align import known_share

CEO = """Apple chief executive Tim Cook says the company was pulled into the enterprise market

Tim Cook said on Tuesday that Apple never set out to sell to businesses, but that
employees brought iPhones and iPads to work and their companies followed.

Cook told an audience of developers in Cupertino that the company's partnership with
IBM and Cisco had made its devices easier for corporate technology departments to
manage.

He recalled that Steve Jobs would stop by his office in the evening to compare notes
on the day before going home, a habit he said shaped how he runs the company.

Analysts say enterprise sales now account for a growing share of Apple's revenue from
Mac computers and tablets.
"""

TRAIN = """Man stabbed to death on San Francisco Bay Area commuter train

A man was stabbed to death on a BART train near the Civic Center station on Sunday
night, transit police said.

Officers boarded the train at the next stop and found a man bleeding from several
wounds; he was pronounced dead at a hospital.

A suspect fled on foot and was arrested two hours later in the Tenderloin district,
police said. The motive was not known.

Service on the line was suspended for about an hour while investigators searched the
car, and riders were moved to buses.
"""


def _brief(tmp_path: Path, **files: str):
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return brieftui.load([tmp_path], cache=False)


def test_two_unrelated_articles_are_two_stories(tmp_path: Path) -> None:
    brief = _brief(tmp_path, ceo=CEO, train=TRAIN)
    assert sorted(len(s.doc_ids) for s in brief.stories()) == [1, 1]
    anchor = next(r.passage.id for r in brief.passages() if "Steve Jobs" in r.passage.text)
    (source,) = brief.compare(anchor, widen=False).sources or [None]  # type: ignore[misc]
    assert source is None or source.grade == "not covered"


def test_two_reports_of_one_event_are_one_story(tmp_path: Path) -> None:
    other = TRAIN.replace("Man stabbed to death", "Fatal stabbing").replace(
        "transit police said", "BART police said in a statement"
    )
    brief = _brief(tmp_path, a=TRAIN, b=other)
    assert [len(s.doc_ids) for s in brief.stories()] == [2]


def test_free_text_the_brief_does_not_hold_is_not_covered(tmp_path: Path) -> None:
    brief = _brief(tmp_path, ceo=CEO, train=TRAIN)
    for text in (
        "Lindsay Lohan checked into a rehab clinic in California",
        "Two women and a man died in the fire",
    ):
        result = brief.compare_text(text)
        assert all(s.grade == "not covered" for s in result.sources), text
    result = brief.compare_text("man stabbed on BART train")
    by_doc = {s.doc_id: s.grade for s in result.sources}
    assert by_doc["train"] == "reports this" and by_doc["ceo"] == "not covered"


def test_known_share_weighs_unknown_words_as_the_rarest(tmp_path: Path) -> None:
    index = _brief(tmp_path, ceo=CEO, train=TRAIN).comparer._index

    def share(text: str) -> float:
        return known_share(index, [o[0] for o in index.occurrences(text)])

    assert share("stabbed on the train") == 1.0
    assert share("Lohan rehab") == 0.0
    assert 0.2 < share("BART Lohan") < 0.8  # one known name, one unknown
