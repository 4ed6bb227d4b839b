"""Stable document ids (issue 11, item 8): an unchanged file keeps its id however the
brief is named and whatever files appear beside it (notes and exports cite
``<doc-id>:<n>``)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brieftui
from brieftui.brief import assign_ids
from brieftui.ingest.reader import SourceFile, discover
from brieftui.ingest.structure import doc_id_for

ARTICLE = (
    "A Clear Headline About the Summit\n\n"
    "Leaders met in Brussels on Tuesday to discuss defence spending.\n"
)


def _ids(*paths: str | Path, root: Path) -> dict[str, str]:
    """Path relative to ``root`` → document id."""
    brief = brieftui.load(list(paths), cache=False)
    return {
        Path(d.path).resolve().relative_to(root.resolve()).as_posix(): d.id for d in brief.documents
    }


def test_plain_names_are_their_own_ids() -> None:
    assert doc_id_for("000_2cac2dce53e9fad5.txt") == "000_2cac2dce53e9fad5"
    assert doc_id_for("nato-spending.md") == "nato-spending.md"
    assert doc_id_for("usa/nato-spending.txt") == "usa/nato-spending"
    assert doc_id_for("page.html.gz") == "page.html.gz"
    assert doc_id_for(Path("/anywhere/at/all/x.txt")) == "x"  # a bare path: its name


def test_other_names_get_a_slug_and_a_hash_of_themselves() -> None:
    spaced = doc_id_for("a b.txt")
    assert spaced.startswith("a-b~") and len(spaced) == len("a-b~") + 6
    assert spaced != doc_id_for("a-b.txt") == "a-b"
    assert doc_id_for("A B.txt") != spaced  # case is kept, so is the difference
    assert doc_id_for("x:y.txt").startswith("x-y~")  # never ":", the passage-id separator
    assert doc_id_for("-rf.txt").startswith("rf~")  # never a leading "-" (a CLI option)
    assert doc_id_for("a.TXT") != doc_id_for("a.txt")


def test_the_seeds_keep_their_ids(seed_brief: brieftui.Brief) -> None:
    assert [d.id for d in seed_brief.documents] == [Path(d.path).stem for d in seed_brief.documents]


def test_relative_and_absolute_spellings_give_the_same_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = tmp_path / "my brief"
    (brief / "sub").mkdir(parents=True)
    for name in ("a b.txt", "a-b.txt", "Report (final).md", "sub/a b.txt"):
        (brief / name).write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    absolute = brieftui.load([brief], cache=False)
    relative = brieftui.load(["my brief"], cache=False)
    dotted = brieftui.load(["./my brief/../my brief/"], cache=False)
    monkeypatch.chdir(brief)
    here = brieftui.load(["."], cache=False)
    ids = [d.id for d in absolute.documents]
    assert ids == [d.id for d in relative.documents]
    assert ids == [d.id for d in dotted.documents] == [d.id for d in here.documents]
    assert "a-b" in ids and any(i.startswith("sub/a-b~") for i in ids)
    # A file named on its own is at the root of its folder: the same id as in the folder.
    monkeypatch.chdir(tmp_path)
    alone = _ids("my brief/a b.txt", root=brief)
    assert alone["a b.txt"] == _ids(brief, root=brief)["a b.txt"]


def test_a_clashing_sibling_never_renames_an_unchanged_file(tmp_path: Path) -> None:
    (tmp_path / "a b.txt").write_text(ARTICLE)
    (tmp_path / "story.txt").write_text(ARTICLE)
    before = _ids(tmp_path, root=tmp_path)
    for clash in ("a-b.txt", "A B.txt", "a  b.txt", "a_b.txt", "a b.md", "story.md"):
        (tmp_path / clash).write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(ARTICLE)
    after = _ids(tmp_path, root=tmp_path)
    assert after["a b.txt"] == before["a b.txt"]
    assert after["story.txt"] == before["story.txt"] == "story"
    brief = brieftui.load([tmp_path], cache=False)
    ids = [d.id for d in brief.documents]
    assert len(ids) == len(set(ids)) == 9
    # …and removing the siblings again gives the same ids too.
    for clash in ("a-b.txt", "A B.txt", "a  b.txt", "a_b.txt", "a b.md", "story.md"):
        (tmp_path / clash).unlink()
    assert _ids(tmp_path, root=tmp_path)["a b.txt"] == before["a b.txt"]


def test_ids_are_the_same_on_a_second_load(tmp_path: Path) -> None:
    for name in ("one.txt", "two words.txt", "Ünïcode (x).md"):
        (tmp_path / name).write_text(ARTICLE)
    first = brieftui.load([tmp_path])
    second = brieftui.load([tmp_path])  # from the cache
    assert [d.id for d in first.documents] == [d.id for d in second.documents]
    assert [p.id for d in first.documents for p in d.passages()] == [
        p.id for d in second.documents for p in d.passages()
    ]


def test_several_named_folders_share_their_common_root(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(ARTICLE)
    both = brieftui.load([tmp_path / "x", tmp_path / "y"], cache=False)
    assert [d.id for d in both.documents] == ["x/a", "y/a"]
    (tmp_path / "x" / "b.txt").write_text(ARTICLE)
    files = brieftui.load([tmp_path / "x" / "a.txt", tmp_path / "x" / "b.txt"], cache=False)
    assert [d.id for d in files.documents] == ["a", "b"]  # as when "x" itself is opened


def test_a_name_written_in_nfd_gets_the_nfc_id_and_twins_stay_apart(tmp_path: Path) -> None:
    nfc = unicodedata.normalize("NFC", "café.txt")
    nfd = unicodedata.normalize("NFD", "café.txt")
    assert doc_id_for(nfd) == doc_id_for(nfc) == "café"  # a brief copied from a Mac
    twins = [SourceFile(tmp_path / n, 1, 0, relative=n) for n in (nfd, nfc)]
    assert assign_ids(twins) == ["café~2", "café"]  # both in one folder: the NFC one keeps it
    assert assign_ids(twins[::-1]) == ["café", "café~2"]


def test_discover_reports_paths_relative_to_the_root(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b" / "c" / "d.md").write_text(ARTICLE)
    files, _ = discover([tmp_path])
    assert [f.relative for f in files] == ["a.txt", "b/c/d.md"]


_PART = st.text(
    alphabet=st.sampled_from("aZé_- .:~é\u0301\n\x1b[]12"), min_size=1, max_size=8
).filter(lambda p: p not in (".", "..") and not p.startswith("."))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PART, min_size=1, max_size=3), min_size=1, max_size=12))
def test_ids_are_safe_and_differ_for_different_paths(paths: list[list[str]]) -> None:
    relatives = sorted({"/".join(p) + ".txt" for p in paths})
    ids = [doc_id_for(r) for r in relatives]
    for relative, doc_id in zip(relatives, ids, strict=True):
        assert doc_id and ":" not in doc_id and not doc_id.startswith("-")
        assert doc_id.isprintable()
        assert doc_id == doc_id_for(PurePosixPath(relative))
    # Only names equal in NFC share an id (two hashed ids also need the same slug and a
    # 24-bit hash collision); the loader separates those.
    nfc = {unicodedata.normalize("NFC", r) for r in relatives}
    assert len(set(ids)) == len(nfc)
    files = [SourceFile(Path(os.sep, r), 1, 0, relative=r) for r in relatives]
    assigned = assign_ids(files)
    assert len(set(assigned)) == len(assigned)
