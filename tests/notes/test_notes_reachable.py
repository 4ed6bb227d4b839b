"""No note becomes invisible: a brief whose folder moved and whose articles changed (even
their first line, so their title and fingerprint) still shows its notes, re-attached or
orphaned; and every note of every brief can be listed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS
from notes_helpers import long_passages

import brieftui
from brieftui.brief import Brief
from brieftui.cli import main
from brieftui.notes import NoteStore


def _make_brief(folder: Path, count: int = 2) -> Path:
    folder.mkdir(parents=True)
    for src in sorted(SEEDS.glob("*.txt"))[:count]:
        shutil.copy(src, folder / src.name)
    return folder


def _quote_in(brief: Brief, doc_index: int, skip: int) -> tuple[str, str]:
    """A passage id of document ``doc_index`` and a 60-character quote from its middle."""
    doc = brief.documents[doc_index]
    refs = [r for r in long_passages(brief) if r.document.id == doc.id]
    text = refs[skip].passage.text
    return refs[skip].passage.id, text[len(text) // 3 : len(text) // 3 + 60]


def _edit_first_line(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = "A different headline, written after the note was taken"
    path.write_text("\n".join(lines), encoding="utf-8")


def _delete_line_holding(path: Path, quote: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(line for line in lines if quote not in line), encoding="utf-8")


@pytest.fixture
def moved(tmp_path: Path, store: NoteStore) -> dict:
    """Notes taken in brief A; then A's folder is moved to B and its articles edited."""
    a = _make_brief(tmp_path / "A")
    brief = brieftui.load([a])
    kept_pid, kept_quote = _quote_in(brief, 0, 3)
    gone_pid, gone_quote = _quote_in(brief, 0, 5)
    other_pid, other_quote = _quote_in(brief, 1, 2)
    kept = store.add(brief, kept_pid, "still here", quote=kept_quote)
    gone = store.add(brief, gone_pid, "its sentence is deleted", quote=gone_quote)
    other_doc = store.add(brief, other_pid, "in the second article", quote=other_quote)
    whole = store.add(brief, kept_pid, "on the whole passage")
    b = tmp_path / "B"
    shutil.move(a, b)
    names = sorted(p.name for p in b.glob("*.txt"))
    _edit_first_line(b / names[0])
    _edit_first_line(b / names[1])
    _delete_line_holding(b / names[0], gone_quote)
    return {
        "b": b,
        "kept": (kept, kept_quote),
        "gone": gone,
        "other": (other_doc, other_quote),
        "whole": whole,
    }


def test_a_moved_and_edited_brief_still_shows_every_note(moved: dict, store: NoteStore) -> None:
    brief = brieftui.load([moved["b"]])
    shown = {item.note.id: item for item in store.notes(brief)}
    kept, kept_quote = moved["kept"]
    other, other_quote = moved["other"]
    assert set(shown) == {kept.id, moved["gone"].id, other.id, moved["whole"].id}
    for note, quote in ((kept, kept_quote), (other, other_quote)):
        item = shown[note.id]
        assert not item.orphaned
        start, end = item.span
        assert item.resolved.text[start:end] == quote
        assert brief.has_passage(item.passage_id)
    assert not shown[moved["whole"].id].orphaned  # the whole passage, found by its ends
    assert shown[moved["gone"].id].orphaned  # its text is gone: listed, never dropped
    assert list(shown.values())[-1].orphaned  # orphans last


def test_the_export_of_the_moved_brief_holds_them(moved: dict, store: NoteStore) -> None:
    from brieftui.export import export_markdown

    brief = brieftui.load([moved["b"]])
    markdown = export_markdown(brief, store.notes(brief))
    for key in ("gone", "whole"):
        assert f"^{moved[key].id}" in markdown
    assert f"^{moved['kept'][0].id}" in markdown and "Orphaned notes" in markdown


def test_notes_of_a_brief_that_still_exists_are_not_claimed_by_another(
    tmp_path: Path, store: NoteStore
) -> None:
    a = _make_brief(tmp_path / "A", count=1)
    brief_a = brieftui.load([a])
    pid, quote = _quote_in(brief_a, 0, 3)
    note = store.add(brief_a, pid, "taken in A", quote=quote)
    copy = _make_brief(tmp_path / "C", count=1)
    _edit_first_line(next(copy.glob("*.txt")))  # another brief holding the same text, edited
    assert [n.note.id for n in store.notes(brieftui.load([copy]))] == []
    assert [n.note.id for n in store.notes(brieftui.load([a]))] == [note.id]
    overview = store.overview(brieftui.load([copy]))
    assert overview.current == ()
    ((group),) = overview.others
    assert group.brief_name == "A" and [n.note.id for n in group.notes] == [note.id]


def test_an_unrelated_brief_claims_nothing(moved: dict, store: NoteStore, tmp_path: Path) -> None:
    unrelated = tmp_path / "U"
    unrelated.mkdir()
    (unrelated / "x.txt").write_text(
        "Other news\n\nA paragraph about something else entirely, with no quote in it.\n",
        encoding="utf-8",
    )
    assert store.notes(brieftui.load([unrelated])) == []


def test_overview_lists_every_note_once(moved: dict, store: NoteStore, tmp_path: Path) -> None:
    other = _make_brief(tmp_path / "Z", count=1)
    brief_z = brieftui.load([other])
    pid, _ = _quote_in(brief_z, 0, 1)
    z_note = store.add(brief_z, pid, "a note in Z")
    brief = brieftui.load([moved["b"]])
    overview = store.overview(brief)
    current = [n.note.id for n in overview.current]
    others = [n.note.id for group in overview.others for n in group.notes]
    assert len(current) == 4 and others == [z_note.id]
    assert sorted(current + others) == sorted(n.id for n in store.all_notes())
    everything = store.overview()
    assert everything.current == () and [g.brief_name for g in everything.others] == ["A", "Z"]
    assert everything.others[0].folders == (str((tmp_path / "A").resolve()),)


def test_cli_notes_list_all_groups_by_brief(
    moved: dict, store: NoteStore, tmp_path: Path, capsys
) -> None:
    other = _make_brief(tmp_path / "Z", count=1)
    brief_z = brieftui.load([other])
    hostile = "[/] [sic] in Z \x1b]52;c;aGk=\x07 \x1b[2J \x9b2J"
    store.add(brief_z, _quote_in(brief_z, 0, 1)[0], hostile, tags=["[draft]", "[/]"])
    assert main(["notes", "list", "--all"]) == 0
    out = capsys.readouterr().out
    assert "A" in out and "Z" in out and "[/] [sic] in Z" in out and "#[draft] #[/]" in out
    assert not {"\x1b", "\x07", "\x9b"} & set(out) and "its sentence is deleted" in out
    assert main(["notes", "list", "--all", "--json"]) == 0
    raw = capsys.readouterr().out
    assert not {"\x1b", "\x07", "\x9b"} & set(raw)
    data = json.loads(raw)
    assert data["briefs"][1]["notes"][0]["text"] == hostile  # stored as typed
    assert [g["brief_name"] for g in data["briefs"]] == ["A", "Z"]
    first = data["briefs"][0]["notes"][0]
    assert first["doc_path"].endswith(".txt") and first["passage_id"]
    assert sum(len(g["notes"]) for g in data["briefs"]) == 5
    assert main(["notes", "list", "--all", str(moved["b"])]) == 2  # --all takes no PATH
    capsys.readouterr()
    assert main(["notes", "list", str(moved["b"]), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["notes"]) == 4
