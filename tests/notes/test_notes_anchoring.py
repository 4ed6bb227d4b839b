"""Re-anchoring: notes follow their text when a document changes or moves, or are orphaned."""

from __future__ import annotations

import shutil
from pathlib import Path

from notes_helpers import long_passages

import brieftui
from brieftui.brief import Brief
from brieftui.notes import NoteStore
from tests.conftest import SEEDS_DIR


def _write_seed(folder: Path, name: str = "article.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(sorted(SEEDS_DIR.glob("*.txt"))[0], target)
    return target


def _pick(brief: Brief, path: Path, *, skip: int = 4):
    """A passage (not the first few) and a quote from its middle that is verbatim in the file."""
    raw = path.read_text(encoding="utf-8")
    for ref in long_passages(brief)[skip:]:
        text = ref.passage.text
        quote = text[len(text) // 3 : len(text) // 3 + 60]
        if quote.strip() and raw.count(quote) == 1 and text.count(quote) == 1:
            return ref, quote
    raise AssertionError("no quotable passage in the seed")


def _raw_line(path: Path, quote: str) -> tuple[list[str], int]:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if quote in line)
    return lines, index


def _check_span(anchored, expected: str | None = None) -> None:
    start, end = anchored.span
    found = anchored.resolved.text[start:end]
    if expected is not None:
        assert found == expected


def test_unchanged_document_keeps_the_id(tmp_path: Path, store: NoteStore) -> None:
    path = _write_seed(tmp_path / "b")
    brief = brieftui.load([path.parent])
    ref, quote = _pick(brief, path)
    note = store.add(brief, ref.passage.id, "n", quote=quote)
    (anchored,) = store.notes(brieftui.load([path.parent]))
    assert anchored.resolved.method == "fingerprint"
    assert anchored.passage_id == ref.passage.id == note.passage_id
    _check_span(anchored, quote)


def test_paragraph_inserted_before_note_follows_its_quote(tmp_path: Path, store: NoteStore) -> None:
    path = _write_seed(tmp_path / "b")
    brief = brieftui.load([path.parent])
    ref, quote = _pick(brief, path)
    whole = long_passages(brief)[2]
    store.add(brief, ref.passage.id, "on a quote", quote=quote)
    store.add(brief, whole.passage.id, "on a whole passage")

    lines, index = _raw_line(path, quote)
    lines.insert(index, "An inserted paragraph about a different matter entirely, ending here.")
    first_whole_line = next(i for i, line in enumerate(lines) if whole.passage.text[:40] in line)
    lines.insert(first_whole_line, "Another inserted paragraph, also unrelated to the story.")
    path.write_text("\n".join(lines), encoding="utf-8")

    changed = brieftui.load([path.parent])
    assert changed.documents[0].fingerprint != brief.documents[0].fingerprint
    notes = {n.note.text: n for n in store.notes(changed)}
    moved = notes["on a quote"]
    assert not moved.orphaned
    assert moved.passage_id != ref.passage.id
    assert moved.resolved.method == "quote"
    assert quote in changed.passage(moved.passage_id).passage.text
    _check_span(moved, quote)
    assert moved.resolved.passage_id.rpartition(":")[2] == str(ref.passage.number + 2)

    whole_moved = notes["on a whole passage"]
    assert not whole_moved.orphaned and whole_moved.span is None
    assert changed.passage(whole_moved.passage_id).passage.text == whole.passage.text
    assert whole_moved.passage_id != whole.passage.id


def test_quote_edited_slightly_reattaches_fuzzily(tmp_path: Path, store: NoteStore) -> None:
    path = _write_seed(tmp_path / "b")
    brief = brieftui.load([path.parent])
    ref, quote = _pick(brief, path)
    note = store.add(brief, ref.passage.id, "fuzzy", quote=quote)

    lines, index = _raw_line(path, quote)
    # a small edit inside the quote: two characters swapped for three others
    mid = len(quote) // 2
    edited = quote[:mid] + "xyz" + quote[mid + 2 :]
    lines[index] = lines[index].replace(quote, edited)
    path.write_text("\n".join(lines), encoding="utf-8")

    changed = brieftui.load([path.parent])
    (anchored,) = store.notes(changed)
    assert not anchored.orphaned
    assert anchored.passage_id == ref.passage.id
    assert anchored.resolved.method == "quote"
    assert anchored.resolved.score >= 80
    start, end = anchored.span
    found = anchored.resolved.text[start:end]
    assert "xyz" in found
    assert abs(len(found) - len(edited)) <= 3
    assert anchored.note == note  # the stored note is not rewritten by re-anchoring


def test_passage_deleted_note_is_orphaned_not_dropped(tmp_path: Path, store: NoteStore) -> None:
    path = _write_seed(tmp_path / "b")
    brief = brieftui.load([path.parent])
    ref, quote = _pick(brief, path)
    kept_ref = long_passages(brief)[0]
    store.add(brief, ref.passage.id, "will be orphaned", quote=quote)
    store.add(brief, kept_ref.passage.id, "stays")

    lines, index = _raw_line(path, quote)
    del lines[index]
    path.write_text("\n".join(lines), encoding="utf-8")

    changed = brieftui.load([path.parent])
    listed = store.notes(changed)
    assert [n.note.text for n in listed] == ["stays", "will be orphaned"]  # orphans last
    orphan = listed[-1]
    assert orphan.orphaned and orphan.passage_id is None and orphan.span is None
    assert orphan.quote == quote
    assert orphan.section == ref.section.heading
    assert orphan.resolved.title == brief.documents[0].title


def test_document_moved_to_another_folder_reattaches_by_fingerprint(
    tmp_path: Path, store: NoteStore
) -> None:
    path = _write_seed(tmp_path / "first" / "place")
    brief = brieftui.load([path.parent])
    ref, quote = _pick(brief, path)
    store.add(brief, ref.passage.id, "n", quote=quote)

    new_home = tmp_path / "elsewhere" / "renamed"
    new_home.parent.mkdir(parents=True)
    shutil.move(str(path.parent), str(new_home))
    moved = brieftui.load([new_home])
    assert moved.key != brief.key
    (anchored,) = store.notes(moved)
    assert anchored.resolved.method == "fingerprint"
    assert anchored.passage_id == ref.passage.id
    _check_span(anchored, quote)


def test_document_moved_and_edited_reattaches_by_name_and_title(
    tmp_path: Path, store: NoteStore
) -> None:
    path = _write_seed(tmp_path / "one")
    brief = brieftui.load([path.parent])
    ref, quote = _pick(brief, path)
    store.add(brief, ref.passage.id, "n", quote=quote)
    lines, index = _raw_line(path, quote)
    lines.insert(index, "A new paragraph was added when the article was updated by its outlet.")
    target = tmp_path / "two" / path.name
    target.parent.mkdir()
    target.write_text("\n".join(lines), encoding="utf-8")
    path.unlink()
    (anchored,) = store.notes(brieftui.load([target.parent]))
    assert not anchored.orphaned
    assert quote in anchored.resolved.text


def test_same_brief_document_gone_is_orphaned(tmp_path: Path, store: NoteStore) -> None:
    folder = tmp_path / "b"
    path = _write_seed(folder)
    (folder / "other.txt").write_text(
        "Other title\n\nA paragraph in another article that stays here.\n", encoding="utf-8"
    )
    brief = brieftui.load([folder])
    ref, quote = _pick(brief, path)
    store.add(brief, ref.passage.id, "n", quote=quote)
    path.unlink()
    reloaded = brieftui.load([folder])
    assert reloaded.key == brief.key
    (anchored,) = store.notes(reloaded)
    assert anchored.orphaned and anchored.quote == quote


def _two_sentence_passage(brief: Brief, path: Path):
    raw = path.read_text(encoding="utf-8").split("\n")
    for ref in long_passages(brief, 200)[2:]:
        text = ref.passage.text
        cut = text.find(". ", len(text) // 3)
        if 0 < cut < len(text) * 0.7 and text in raw:
            return ref, cut + 1
    raise AssertionError("no splittable passage in the seed")


def test_paragraph_split_in_two_note_follows_the_first_part(
    tmp_path: Path, store: NoteStore
) -> None:
    path = _write_seed(tmp_path / "b")
    brief = brieftui.load([path.parent])
    ref, cut = _two_sentence_passage(brief, path)
    store.add(brief, ref.passage.id, "whole paragraph")
    text = ref.passage.text
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(text)
    lines[index : index + 1] = [text[:cut], text[cut:].strip()]
    path.write_text("\n".join(lines), encoding="utf-8")
    changed = brieftui.load([path.parent])
    (anchored,) = store.notes(changed)
    assert not anchored.orphaned
    assert anchored.passage_id == ref.passage.id
    assert anchored.resolved.text == text[:cut]


def test_paragraph_merged_with_the_next_note_is_found_inside(
    tmp_path: Path, store: NoteStore
) -> None:
    path = _write_seed(tmp_path / "b")
    brief = brieftui.load([path.parent])
    ref, quote = _pick(brief, path)
    store.add(brief, ref.passage.id, "quote", quote=quote)
    lines, index = _raw_line(path, quote)
    following = next(i for i in range(index + 1, len(lines)) if lines[i].strip())
    lines[index] = lines[index] + " " + lines[following]
    del lines[following]
    path.write_text("\n".join(lines), encoding="utf-8")
    (anchored,) = store.notes(brieftui.load([path.parent]))
    assert not anchored.orphaned
    _check_span(anchored, quote)


def test_short_quote_does_not_jump_to_a_chance_match(tmp_path: Path, store: NoteStore) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    doc = folder / "a.txt"
    doc.write_text(
        "A title\n\nThe minister spoke about NATO at length today in the capital.\n\n"
        "Later, journalists asked about NATO again during the press conference.\n",
        encoding="utf-8",
    )
    brief = brieftui.load([folder])
    first = next(iter(brief.documents[0].passages()))
    store.add(brief, first.id, "short", quote="NATO")
    doc.write_text(
        "A title\n\nThe minister spoke about the economy at length today.\n\n"
        "Later, journalists asked about NATO again during the press conference.\n",
        encoding="utf-8",
    )
    (anchored,) = store.notes(brieftui.load([folder]))
    assert anchored.orphaned
