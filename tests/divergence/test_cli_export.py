"""``brieftui divergences``, ``Brief.divergences`` and the markdown export of a comparison note."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import brieftui
from brieftui.cli import main
from brieftui.divergence import Divergence, divergences_of
from brieftui.export import export_markdown
from brieftui.notes import NoteStore

FERRY = Path(__file__).resolve().parent / "fixtures" / "ferry"


OTHER_A = (
    "Fishermen in the harbour said the storm had been forecast for days.",
    "The regional council will meet next month to discuss the budget for new roads.",
)
OTHER_B = (
    "Schools across the district reopened after the winter holiday.",
    "A local football club unveiled plans for a new stadium near the motorway.",
)


def _brief(tmp_path: Path, a: str, b: str) -> Path:
    """Two articles of three paragraphs: the compared one and two about other things (compare
    needs some contrast to weigh words)."""
    folder = tmp_path / "brief"
    folder.mkdir()
    for name, title, text, other in (
        ("a.txt", "First report", a, OTHER_A),
        ("b.txt", "Second report", b, OTHER_B),
    ):
        body = "\n\n".join([text, *other])
        (folder / name).write_text(f"{title}\n\nMarch 4, 2025\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture
def toll_brief(tmp_path: Path) -> Path:
    return _brief(
        tmp_path,
        "The ferry capsized off Pelagos in a storm, and 12 people were killed, the coastguard said.",
        "The ferry capsized off Pelagos in a storm, and 15 people were killed, the coastguard said.",
    )


def test_divergences_json_has_exactly_the_documented_shape(capsys, toll_brief: Path) -> None:
    assert main(["divergences", str(toll_brief), "--json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"divergences"}
    (d,) = data["divergences"]
    assert set(d) == {"event", "kind", "slot", "values"}
    assert (d["kind"], d["slot"]) == ("figure", "dead")
    assert d["event"]
    texts = []
    for value in d["values"]:
        assert set(value) == {"passage_id", "doc_id", "text", "span"}
        start, end = value["span"]
        passage = brieftui.load([toll_brief], cache=False).passage(value["passage_id"]).passage
        assert passage.text[start:end] == value["text"]
        texts.append(value["text"])
    assert texts == ["12 people", "15 people"]


def test_divergences_table(capsys, toll_brief: Path) -> None:
    assert main(["divergences", str(toll_brief), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "12 people" in out and "15 people" in out and "S1" in out and "S2" in out


def test_no_divergence_says_so(capsys, tmp_path: Path) -> None:
    folder = _brief(tmp_path, "The talks ended without a deal.", "The talks ended without a deal.")
    assert main(["divergences", str(folder), "--no-cache"]) == 0
    assert "No divergences" in capsys.readouterr().out
    assert main(["divergences", str(folder), "--json", "--no-cache"]) == 0
    assert json.loads(capsys.readouterr().out) == {"divergences": []}


def test_article_text_reaches_the_terminal_as_text(capsys, tmp_path: Path) -> None:
    folder = _brief(
        tmp_path,
        '"We will find [bold]no\x1b[2J cards on the table," said Maria Kostas of the union.',
        '"We will find [bold]no\x1b[2J good cards on the table," said Maria Kostas of the union.',
    )
    assert main(["divergences", str(folder), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[2J" not in out and "[bold]" in out


def test_brief_divergences_and_one_pair(toll_brief: Path) -> None:
    brief = brieftui.load([toll_brief], cache=False)
    (d,) = brief.divergences()
    assert isinstance(d, Divergence) and d.event == brief.events()[0].id
    a, b = (v.passage_id for v in d.values)
    (pair,) = divergences_of(brief, a, b)
    assert [v.text for v in pair.values] == ["12 people", "15 people"]
    (reverse,) = divergences_of(brief, b, a)
    assert [v.text for v in reverse.values] == ["15 people", "12 people"]
    with pytest.raises(KeyError):
        divergences_of(brief, "nope:1", a)


def test_the_ferry_brief_end_to_end() -> None:
    brief = brieftui.load([FERRY], cache=False)
    found = {(d.kind, d.slot) for d in brief.divergences()}
    assert ("figure", "dead") in found and ("speaker", "“the water came in so fast…”") in found
    for d in brief.divergences():
        assert len({v.doc_id for v in d.values}) >= 2
        for v in d.values:
            assert brief.passage(v.passage_id).passage.text[v.span[0] : v.span[1]] == v.text


def test_a_comparison_note_carries_its_divergences_into_the_export(toll_brief: Path) -> None:
    brief = brieftui.load([toll_brief], cache=False)
    a, b = (doc.id + ":1" for doc in brief.documents)
    store = NoteStore()
    store.add(brief, a, "Check the toll", comparison=[b])
    when = datetime(2025, 3, 5, tzinfo=UTC)
    text = export_markdown(brief, store.notes(brief), exported_at=when)
    assert "Sources differ:" in text
    assert "- dead: 12 people (First report) vs 15 people (Second report)" in text
    assert text == export_markdown(brief, store.notes(brief), exported_at=when)  # stable


def test_a_note_without_comparison_has_no_divergence_lines(toll_brief: Path) -> None:
    brief = brieftui.load([toll_brief], cache=False)
    store = NoteStore()
    store.add(brief, brief.documents[0].id + ":1", "plain note")
    assert "Sources differ" not in export_markdown(brief, store.notes(brief))
