"""Unrelated articles are not one story, and free text the brief does not hold is not
covered (from a new-user trial: two unrelated saved pages made one story whose passages
"reported" each other at 99%, and "Two women and a man died in the fire" was reported
at 100% by a passage on the Kremlin that shares only "two")."""

from __future__ import annotations

from pathlib import Path

import brieftui
from brieftui.compare.align import known_share

# Two made-up articles on unrelated things: a company's software strategy, a stabbing
# on a commuter train (the shape of the trial's pair, none of its words).
SOFTWARE = """Orvant's chief executive says the firm drifted into selling to businesses

Lena Marsh said on Tuesday that Orvant never planned to sell its tablets to companies,
but that staff carried them into their offices and the companies followed.

Marsh told an audience of developers in Carrow that partnerships with two large
consultancies had made the devices easier for corporate technology teams to manage.

She recalled that the company's founder would drop by her desk each evening to swap
notes on the day before leaving, a habit she said shapes how she runs the firm.

Analysts say sales to businesses now make up a growing share of Orvant's revenue from
laptops and tablets.
"""

TRAIN = """Man stabbed to death on a Brennick commuter train

A man was stabbed to death on a Lakeline train near Harwell Square station on Sunday
night, transit police said.

Police boarded the train at the following stop and found a man with several stab
wounds; he died later in hospital.

A suspect ran from the station and was arrested two hours later in the Dockside
district, police said. The motive was not known.

Trains on the line were halted for about an hour while investigators searched the
carriage, and passengers were moved to buses.
"""


def _brief(tmp_path: Path, **files: str):
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return brieftui.load([tmp_path], cache=False)


def test_two_unrelated_articles_are_two_stories(tmp_path: Path) -> None:
    brief = _brief(tmp_path, software=SOFTWARE, train=TRAIN)
    assert sorted(len(s.doc_ids) for s in brief.stories()) == [1, 1]
    anchor = next(r.passage.id for r in brief.passages() if "founder" in r.passage.text)
    (source,) = brief.compare(anchor, widen=False).sources or [None]  # type: ignore[misc]
    assert source is None or source.grade == "not covered"


def test_two_reports_of_one_event_are_one_story(tmp_path: Path) -> None:
    other = TRAIN.replace("Man stabbed to death", "Fatal stabbing").replace(
        "transit police said", "Lakeline police said in a statement"
    )
    brief = _brief(tmp_path, a=TRAIN, b=other)
    assert [len(s.doc_ids) for s in brief.stories()] == [2]


def test_free_text_the_brief_does_not_hold_is_not_covered(tmp_path: Path) -> None:
    brief = _brief(tmp_path, software=SOFTWARE, train=TRAIN)
    for text in (
        "Lindsay Lohan checked into a rehab clinic in California",
        "Two women and a man died in the fire",
    ):
        result = brief.compare_text(text)
        assert all(s.grade == "not covered" for s in result.sources), text
    result = brief.compare_text("man stabbed on Lakeline train")
    by_doc = {s.doc_id: s.grade for s in result.sources}
    assert by_doc["train"] == "reports this" and by_doc["software"] == "not covered"


def test_known_share_weighs_unknown_words_as_the_rarest(tmp_path: Path) -> None:
    index = _brief(tmp_path, software=SOFTWARE, train=TRAIN).comparer._index

    def share(text: str) -> float:
        return known_share(index, [o[0] for o in index.occurrences(text)])

    assert share("stabbed on the train") == 1.0
    assert share("Lohan rehab") == 0.0
    assert 0.2 < share("Lakeline Lohan") < 0.8  # one known name, one unknown
