"""The parsed-brief cache: reused when files are unchanged, re-read per changed file,
ignored when corrupt, foreign or planted (it can never run code or carry a control
character past ingest), bypassed on request."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import threading
from pathlib import Path

import pytest

import brieftui
from brieftui import cache as cache_module
from brieftui.brief import brief_key
from brieftui.cache import BriefCache
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
        lambda blob: blob[:60] + bytes(b ^ 0xFF for b in blob[60:70]) + blob[70:],  # checksum
        lambda blob: b"not a brieftui cache at all",  # foreign
        lambda blob: cache_module._header() + b"\0" * 4 + b"garbage",  # right header, bad check
        lambda blob: blob.replace(cache_module.MAGIC, b"brieftui-cache 9\n"),  # another format
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


# -- a cache that cannot run code ------------------------------------------------------------
class _Exploit:
    """A pickle that creates ``marker`` when unpickled (what an attacker would plant)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _planted(marker: Path, *, with_our_header: bool) -> bytes:
    payload = pickle.dumps({"files": _Exploit(marker), "format": 1})
    if with_our_header:  # a valid header and checksum around a pickle
        body = len(payload).to_bytes(8, "little") + payload
        return cache_module._header() + cache_module._check(body) + body
    # the old format: magic line, the payload's SHA-256 (anyone can recompute it), pickle
    return b"brieftui-cache\n" + hashlib.sha256(payload).digest() + payload


@pytest.mark.parametrize("with_our_header", [False, True])
def test_a_planted_pickle_is_ignored_without_being_unpickled(
    brief_dir: Path, tmp_path: Path, with_our_header: bool
) -> None:
    probe = tmp_path / "probe-marker"
    pickle.loads(_planted(probe, with_our_header=False)[len(b"brieftui-cache\n") + 32 :])
    assert probe.exists()  # the payload really runs code when unpickled
    marker = tmp_path / "pwned"
    fresh = brieftui.load([brief_dir])
    assert fresh.search_index is not None
    fresh.events()
    assert cache_module.wait_for_writes(timeout=30)  # the comparer is saved in the background
    folder = fresh._cache.folder
    for name in ("docs.bin", "search.bin", "comparer.bin"):
        assert (folder / name).exists()
        (folder / name).write_bytes(_planted(marker, with_our_header=with_our_header))
    again = brieftui.load([brief_dir])
    assert again._cache.hits == 0
    assert again.documents == fresh.documents
    assert again.search("zelenksy", limit=5) == fresh.search("zelenksy", limit=5)
    assert again.events() == fresh.events()
    assert not marker.exists()
    assert brieftui.load([brief_dir])._cache.hits == 5  # rewritten in the safe format


def _rewrite_text_part(path: Path, change) -> None:
    """Decode a cache file's text part, let ``change`` edit it, write it back validly."""
    from brieftui.datacodec import dumps, loads_parts

    meta, text, bulk = cache_module._read_checked(path)
    value = change(loads_parts(*text))
    cache_module._write_checked(path, dumps(meta), dumps(value), [bulk])


def test_a_planted_escape_sequence_never_reaches_the_documents(brief_dir: Path) -> None:
    fresh = brieftui.load([brief_dir])
    docs_file = _docs_file(brief_dir)

    def plant(value: dict) -> dict:
        value["documents"][0]["title"][1] = "Talks \x9b2J"
        return value

    _rewrite_text_part(docs_file, plant)
    again = brieftui.load([brief_dir])
    assert again._cache.hits == 0
    assert again.documents == fresh.documents


def _column(value: dict, name: str, change) -> dict:
    """``value`` (a docs file's text part: one row of columns) with one column of its
    documents changed (or added; ``change`` returning None removes it)."""
    columns = dict(value["documents"][0])
    column = change(columns.get(name, [None] * len(columns["id"])))
    if column is None:
        del columns[name]
    else:
        columns[name] = column
    return {**value, "documents": [columns]}


@pytest.mark.parametrize(
    "damage",
    [
        # a file without its document
        lambda v: _column(v, "id", lambda c: c[:-1]),
        lambda v: _column(v, "size", lambda c: ["big"] * len(c)),
        lambda v: _column(v, "counts", lambda c: [[10**6]] * len(c)),
        lambda v: _column(v, "levels", lambda c: [[7] * len(x) for x in c]),
        lambda v: _column(v, "text_bytes", lambda c: [-1, *c[1:-1], c[-1] + 1]),
        lambda v: _column(v, "text_crc", lambda c: [1 << 32] * len(c)),
        lambda v: _column(v, "extra", lambda c: [1] * len(c)),
        lambda v: _column(v, "title", lambda c: None),
        lambda v: _column(v, "counts", lambda c: [[n + 1 for n in x] for x in c]),
        lambda v: {**v, "chars": v["chars"][:-1]},  # passages without their lengths
        lambda v: {**v, "chars": list(v["chars"])},
        lambda v: {"documents": [1, 2, 3, 4, 5], "chars": v["chars"]},
        lambda v: [v],
    ],
)
def test_a_well_formed_file_of_the_wrong_shape_is_ignored(brief_dir: Path, damage) -> None:
    fresh = brieftui.load([brief_dir])
    _rewrite_text_part(_docs_file(brief_dir), damage)
    again = brieftui.load([brief_dir])
    assert again._cache.hits == 0
    assert again.documents == fresh.documents


def test_a_wrong_shaped_search_state_is_rebuilt(brief_dir: Path) -> None:
    fresh = brieftui.load([brief_dir])
    expected = fresh.search("ceasefire", limit=5)
    search_file = fresh._cache.folder / "search.bin"

    def shrink(state: dict) -> dict:
        state["doc_of"] = state["doc_of"][:-1]
        return state

    _rewrite_text_part(search_file, shrink)
    assert brieftui.load([brief_dir]).search("ceasefire", limit=5) == expected


def test_a_document_holding_a_control_character_is_left_out_not_the_whole_file(
    tmp_path: Path,
) -> None:
    from brieftui.model import Document, Passage, Section

    def doc(doc_id: str, text: str) -> Document:
        section = Section(None, 0, (Passage(f"{doc_id}:1", text),))
        return Document(id=doc_id, path=f"/x/{doc_id}.txt", title=doc_id, sections=(section,))

    cache = BriefCache("k", root=tmp_path)
    cache.store(("/x/a.txt", 1, 1), doc("a", "plain text"), [])
    cache.store(("/x/b.txt", 1, 1), doc("b", "an \x1b[2J escape"), [])
    assert cache.save([("/x/a.txt", 1, 1), ("/x/b.txt", 1, 1)])
    found = cache_module._read_checked(cache.folder / "docs.bin")
    files = cache_module._files_from(found[0], cache_module._loads_text(found[1]), found[2])
    assert set(files) == {("/x/a.txt", 1, 1)}


def test_paths_that_are_not_utf8_and_hold_controls_are_kept_exactly(tmp_path: Path) -> None:
    from brieftui.model import Document, LoadMessage

    odd = "/x/caf\udce9\n\x1b.txt"  # a non-UTF-8 byte (surrogate escape), a newline, an ESC
    cache = BriefCache("k", root=tmp_path)
    cache.store((odd, 3, 4), Document(id="caf", path=odd, title="T"), [LoadMessage(odd, "note")])
    assert cache.save([(odd, 3, 4)])
    found = cache_module._read_checked(cache.folder / "docs.bin")
    files = cache_module._files_from(found[0], cache_module._loads_text(found[1]), found[2])
    entry = files[(odd, 3, 4)]
    assert entry.document.path == odd and entry.messages == ((odd, "note", "warning"),)


def test_the_comparer_comes_back_from_the_cache_and_answers_the_same(brief_dir: Path) -> None:
    first = brieftui.load([brief_dir])
    events = first.events()
    pids = [ref.passage.id for ref in first.passages()][:12]
    expected = [first.compare(pid) for pid in pids]
    again = brieftui.load([brief_dir])
    comparer = again.comparer
    assert comparer._events is not None  # the events came back with it
    assert again.events() == events
    assert [again.compare(pid) for pid in pids] == expected


def test_cache_files_hold_no_pickle(brief_dir: Path) -> None:
    brief = brieftui.load([brief_dir])
    assert brief.search_index is not None
    brief.events()
    assert cache_module.wait_for_writes(timeout=30)  # no temp file half-written meanwhile
    for path in brief._cache.folder.iterdir():
        blob = path.read_bytes()
        assert blob.startswith(cache_module.MAGIC)
        assert b"\x80\x05\x95" not in blob and b"\x80\x04\x95" not in blob  # pickle protocols 4/5


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


def test_one_kind_of_index_building_does_not_hold_up_another(brief_dir: Path) -> None:
    """Each kind of index has its own lock: the app's search worker must not wait for
    the stories worker's compare build (seconds at 5,000 articles); a second caller of
    the same kind waits for the first build and gets its result, built once."""
    brief = brieftui.load([brief_dir])
    entered, release = threading.Event(), threading.Event()
    builds: list[str] = []

    def slow_build() -> dict[str, int]:
        builds.append("slow")
        entered.set()
        assert release.wait(10)
        return {"slow": 1}

    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(brief._index("slow", slow_build)))
    second = threading.Thread(target=lambda: results.append(brief._index("slow", slow_build)))
    first.start()
    try:
        assert entered.wait(10)
        second.start()
        fast = threading.Thread(target=lambda: results.append(brief._index("fast", dict)))
        fast.start()
        fast.join(5)
        assert not fast.is_alive() and results == [{}]  # done while "slow" still builds
        assert second.is_alive()  # the same kind waits for the build under way
    finally:
        release.set()
        first.join(10)
        second.join(10)
    assert results[1:] == [{"slow": 1}, {"slow": 1}] and builds == ["slow"]
