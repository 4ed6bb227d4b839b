"""A row of a table is no passage to compare or to label an event with.

From a TUI trial on saved sports pages: events were labelled "25 | A Driver | 530 | 0 |
1" and "Rockledge 14 11 6 15 — 44", rows two pages shared. The texts here are made up.
"""

from __future__ import annotations

import pytest

from brieftui.compare.terms import table_row


@pytest.mark.parametrize(
    "text",
    [
        "25 | Ann Lee | 530 | 0 | 1 | 1 | 2",
        "Code | Name | Price | Move | Move %",
        "Valmora 14 11 6 15 — 44",
        "02-751-1500",
    ],
)
def test_a_row_of_cells_is_a_table_row(text: str) -> None:
    assert table_row(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council voted 7-2 on Monday to close the harbour for 14 days.",
        "In 2019, 2020 and 2021 the port handled 7.9, 8.1 and 8.4 million containers.",
        "Valmora beat Harwick 70-44 on Friday night.",
    ],
)
def test_a_sentence_with_figures_is_not(text: str) -> None:
    assert not table_row(text)


def test_shared_table_rows_make_no_event(tmp_path, monkeypatch) -> None:
    import brieftui

    monkeypatch.setenv("BRIEFTUI_SEMANTIC", "0")
    rows = "\n".join(
        f"{k} | Driver {chr(64 + k)} | {900 - 40 * k} | {k % 3} | 0 | 1" for k in range(1, 9)
    )
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f"Standings after the Valmora race ({name})\n\n"
            "Driver A won the Valmora race on Sunday and leads the standings by 40 points, "
            f"the series said.\n\n{rows}\n",
            encoding="utf-8",
        )
    events = brieftui.load([tmp_path], cache=False).events()
    assert events and not any(table_row(e.label_sentence) for e in events)
