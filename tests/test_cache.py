"""The parsed-brief cache: reused when files are unchanged, re-read per changed file,
ignored when corrupt or foreign, bypassed on request."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import brieftui
from brieftui.brief import brief_key
from brieftui.cache import MAGIC, BriefCache
from brieftui.cli import main


@pytest.fixture
def brief_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    target = tmp_path / "brief"
    shutil.copytree(seeds_dir, target)
    return target


def _docs_file(brief_dir: Path) -> Path:
    return BriefCache(brief_key([str(brief_dir.resolve())])).folder / "docs.bin"


def test_second_load_comes_from_the_cache_and_equals_a_fresh_parse(brief_dir: Path) -> None:
    first = brieftui.load([brief_dir])
    assert first._cache is not None and first._cache.misses == 5
    second = brieftui.load([brief_dir])
    assert second._cache is not None and (second._cache.hits, second._cache.misses) == (5, 0)
    assert second.documents == brieftui.load([brief_dir], cache=False).documents


def test_a_changed_file_is_reread_alone(brief_dir: Path) -> None:
    brieftui.load([brief_dir])
    changed = brief_dir / "002_3ce4c012b06725a2.txt"
    changed.write_text(changed.read_text() + "\nA brand new closing paragraph about tariffs.\n")
    os.utime(changed, ns=(1, 10**18))  # a different mtime even on coarse clocks
    again = brieftui.load([brief_dir])
    assert again._cache is not None and (again._cache.hits, again._cache.misses) == (4, 1)
    doc = again.document("002_3ce4c012b06725a2")
    assert any("tariffs" in p.text for p in doc.passages())


def test_a_removed_file_leaves_the_brief_and_the_cache(brief_dir: Path) -> None:
    brieftui.load([brief_dir])
    (brief_dir / "004_91230f3d7eb21f17.txt").unlink()
    again = brieftui.load([brief_dir])
    assert len(again.documents) == 4
    assert len(BriefCache.open(again.key).files) == 4


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: blob[:-10] + b"0123456789",  # flipped bytes: checksum fails
        lambda blob: b"not a brieftui cache at all",  # foreign
        lambda blob: MAGIC + b"\0" * 32 + b"garbage",  # right magic, wrong digest
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(brief_dir: Path, damage) -> None:
    fresh = brieftui.load([brief_dir])
    docs_file = _docs_file(brief_dir)
    docs_file.write_bytes(damage(docs_file.read_bytes()))
    again = brieftui.load([brief_dir])
    assert again.documents == fresh.documents
    assert again._cache is not None and again._cache.hits == 0
    assert brieftui.load([brief_dir])._cache.hits == 5  # rewritten


def test_no_cache_neither_reads_nor_writes(brief_dir: Path) -> None:
    brief = brieftui.load([brief_dir], cache=False)
    assert brief._cache is None
    assert not _docs_file(brief_dir).exists()


def test_an_unwritable_cache_only_costs_speed(brief_dir: Path, monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFTUI_CACHE_DIR", str(blocker))
    assert len(brieftui.load([brief_dir]).documents) == 5
    assert len(brieftui.load([brief_dir]).documents) == 5


def test_indexes_are_cached_for_exactly_the_same_documents(brief_dir: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"built": len(builds)}

    brieftui.load([brief_dir])._index("probe", build)
    assert brieftui.load([brief_dir])._index("probe", build) == {"built": 1}
    changed = brief_dir / "001_6ce65277bf5e7ff2.txt"
    changed.write_text(changed.read_text() + "\nAnother paragraph entirely.\n")
    os.utime(changed, ns=(1, 10**18))
    assert brieftui.load([brief_dir])._index("probe", build) == {"built": 2}


def test_cli_no_cache_flag_works_before_and_after_the_subcommand(brief_dir: Path, capsys) -> None:
    assert main(["--no-cache", "index", str(brief_dir), "--json"]) == 0
    assert main(["index", str(brief_dir), "--json", "--no-cache"]) == 0
    capsys.readouterr()
    assert not _docs_file(brief_dir).exists()


def test_the_search_index_comes_back_from_the_cache_and_answers_the_same(brief_dir: Path) -> None:
    first = brieftui.load([brief_dir])
    expected = first.search("zelenksy ceasfire", limit=10)
    cached_file = first._cache.folder / "search.bin"
    assert cached_file.exists()
    again = brieftui.load([brief_dir])
    assert again.search("zelenksy ceasfire", limit=10) == expected
    # The cached index leaves out the passage texts (the document cache has them).
    blob = cached_file.read_bytes()
    assert not any(r.passage.text.encode() in blob for r in again.passages())


def test_the_code_fingerprint_covers_every_core_module_at_any_depth(tmp_path: Path) -> None:
    """An edited ``compare/<stage>.py`` must invalidate cached indexes like a top-level module."""
    from brieftui import cache

    package = Path(cache.__file__).resolve().parent
    covered = {p.relative_to(package).as_posix() for p in cache.fingerprint_sources(package)}
    for path in package.rglob("*.py"):
        name = path.relative_to(package).as_posix()
        assert (name in covered) == (not name.startswith("app/")), name
    fake = tmp_path / "pkg"
    (fake / "stage" / "deep").mkdir(parents=True)
    (fake / "app").mkdir()
    module = fake / "stage" / "deep" / "rules.py"
    module.write_text("A = 1\n")
    (fake / "app" / "screen.py").write_text("B = 1\n")
    before = cache._code_fingerprint(fake)
    (fake / "app" / "screen.py").write_text("B = 2\n")
    assert cache._code_fingerprint(fake) == before  # UI edits keep the cache
    module.write_text("A = 2\n")
    assert cache._code_fingerprint(fake) != before
