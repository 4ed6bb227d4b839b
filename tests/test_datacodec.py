"""The cache's data-only format: exact round trips, and strict refusal of anything else.

Whatever bytes it is given, ``loads`` returns plain data or raises ``CodecError``:
never another exception, never more objects than the input has bytes, never a
string holding a control character when asked for plain text.
"""

from __future__ import annotations

import ast
import contextlib
import pickle
import struct
import time
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brieftui.datacodec import MAX_DEPTH, CodecError, dumps, has_control_bytes, loads

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "brieftui"

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.binary(max_size=20)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.lists(inner, max_size=6).map(tuple)
        | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=5)
        | st.lists(st.fixed_dictionaries({"a": inner, "b": inner}), max_size=4)
        | st.lists(st.lists(st.text(max_size=4), max_size=3), max_size=4)
        | st.lists(st.none() | st.text(max_size=4), max_size=6)
    ),
    max_leaves=40,
)


def _raw(structure: bytes, heap: bytes = b"") -> bytes:
    """An encoding put together by hand: the structure's size, the structure, the heap."""
    return struct.pack("<Q", len(structure)) + structure + heap


def _parts(value: object) -> tuple[bytes, bytes]:
    """The structure and the heap of ``dumps(value)``."""
    blob = dumps(value)
    (size,) = struct.unpack("<Q", blob[:8])
    return blob[8 : 8 + size], blob[8 + size :]


def _same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (a tuple stays a tuple)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


@settings(max_examples=300, deadline=None)
@given(values)
def test_every_value_comes_back_equal_and_of_the_same_types(value: object) -> None:
    assert _same(loads(dumps(value)), value)


@pytest.mark.parametrize(
    "value",
    [
        ["a", "", "é\udcff", "\ud800"],  # lone surrogates (names that are not UTF-8)
        [None, None],
        ["a", None, ""],
        [[1, 2], [], [3]],
        [("x", "y"), ("z",)],
        [{"id": "a", "n": 1}, {"id": "b", "n": 2}],
        {"word": 1, "other": 2},
        array("I", [0, 1, 2**32 - 1]),
        array("d", [0.5, -1.0]),
        [2**63, -(2**63) - 1, 2**200],
        [True, False, True],
        [1.5, 2.5],
        ["the", "talks", "the", "caf\udce9"] * 50,  # many repeats: a vocabulary
        tuple(["x"] * 64),
        [["w", "w", "v"] * 30, ["v"] * 70],
        [("talks", 0, 5, "w", "geneva", 9, 15, "n")] * 3,  # scalars of several types
        [1, "a", None, 2.5, True, "b", None, -(2**40)],
        [{"a": 1.0}, {"b": 2.0, "c": 3.0}, {}],  # dicts, each with its own keys
        [{1: "a"}, {(1, 2): None}],
    ],
)
def test_bulk_forms_round_trip(value: object) -> None:
    assert _same(loads(dumps(value)), value)


def test_only_data_types_can_be_written() -> None:
    class Thing:
        pass

    for bad in (Thing(), {1, 2}, frozenset(), object(), print, bytearray(b"x"), array("u", "x")):
        with pytest.raises(TypeError):
            dumps(bad)
        with pytest.raises(TypeError):
            dumps([1, bad])


def test_a_pickle_is_not_data() -> None:
    with pytest.raises(CodecError):
        loads(pickle.dumps({"files": []}))


def test_every_truncation_is_refused_cleanly() -> None:
    blob = dumps({"files": [{"path": "a", "size": 1, "texts": ["x", "yz"]}], "n": [1.5, None]})
    for end in range(len(blob)):
        with pytest.raises(CodecError):
            loads(blob[:end])


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_give_data_or_codec_error_only(blob: bytes) -> None:
    with contextlib.suppress(CodecError):
        loads(blob)


@settings(max_examples=300, deadline=None)
@given(values, st.integers(min_value=0), st.integers(min_value=0, max_value=255))
def test_a_flipped_byte_gives_data_or_codec_error_only(value: object, at: int, byte: int) -> None:
    blob = bytearray(dumps(value))
    blob[at % len(blob)] = byte
    with contextlib.suppress(CodecError):
        loads(bytes(blob))


def test_trailing_bytes_unknown_tags_and_duplicate_keys_are_refused() -> None:
    with pytest.raises(CodecError, match="trailing"):
        loads(dumps(1) + b"N")
    with pytest.raises(CodecError, match="unknown tag"):
        loads(_raw(b"P"))  # no tag names a class, a function or a module
    keys, heap = _parts(["k", "k"])
    values, _ = _parts([1, 2])
    with pytest.raises(CodecError, match="duplicate"):
        loads(_raw(b"{" + struct.pack("<Q", 2) + keys + values, heap))
    structure, heap = _parts(["a", "b"])
    with pytest.raises(CodecError, match="beyond the heap"):
        loads(_raw(structure, heap[:1]))
    with pytest.raises(CodecError, match="trailing"):
        loads(_raw(structure, heap + b"c"))


def test_dicts_with_their_own_keys_refuse_duplicates() -> None:
    structure, _ = _parts([{"a": 1.0, "b": 2.0}, {"c": 3.0}])
    assert structure[:1] == b"K"
    keys, key_heap = _parts(["a", "a"])
    values, _ = _parts([1.0, 2.0])
    lengths = struct.pack("<I", 2)
    bad = b"K\x00" + struct.pack("<Q", 1) + lengths + keys + values
    with pytest.raises(CodecError, match="duplicate"):
        loads(_raw(bad, key_heap))


def test_a_vocabulary_index_out_of_range_is_refused() -> None:
    structure, heap = _parts(["a", "b"] * 40)
    assert structure[:1] == b"V"
    bad = bytearray(structure)
    bad[10:14] = struct.pack("<I", 7)  # the first item's index: only 0 and 1 exist
    with pytest.raises(CodecError):
        loads(_raw(bytes(bad), heap))


def test_huge_counts_fail_at_once_without_allocating() -> None:
    huge = struct.pack("<Q", 2**60)
    for blob in (
        b"l\x00" + huge,  # a list of 2**60 items
        b"S\x00" + huge,  # 2**60 strings
        b"Q\x00" + huge,
        b"s" + huge,  # a string larger than the heap
        b"R\x00\x00" + huge,
        b"M\x00" + huge + huge,
    ):
        started = time.perf_counter()
        with pytest.raises(CodecError):
            loads(_raw(blob))
        assert time.perf_counter() - started < 1


def test_nesting_is_limited_both_ways() -> None:
    deep: list[object] = []
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(ValueError):
        dumps(deep)
    bomb = b"l\x00" + struct.pack("<Q", 1)
    with pytest.raises(CodecError, match="deeper"):
        loads(_raw(bomb * 10_000 + b"N"))


@pytest.mark.parametrize("text", ["\x1b]52;c;aGk=\x07", "a\x9bb", "\x7f", "\x00", "x\r", "\x85"])
def test_plain_text_refuses_control_characters(text: str) -> None:
    for value in (text, [text, "ok"], ["ok", None, text], {"k": text}, {text: 1}):
        blob = dumps(value)
        assert loads(blob) == value  # data like any other...
        with pytest.raises(CodecError, match="control"):
            loads(blob, plain=True)  # ...but not plain text
        with pytest.raises(ValueError):
            dumps(value, plain=True)


def test_plain_text_keeps_newlines_tabs_and_every_other_character() -> None:
    text = "a\nb\tc « £ ° é — 😀 \u200f \u00a0 \u00bf \u0100"
    assert loads(dumps([text, text], plain=True), plain=True) == [text, text]


def test_the_byte_check_matches_safe_text() -> None:
    from brieftui.safe_text import strip_controls

    for code in [*range(0x3000), 0xFEFF, 0x10FFFF]:
        char = chr(code)
        raw = char.encode("utf-8", "surrogatepass")
        assert has_control_bytes(raw) == (strip_controls(char) != char), hex(code)


def test_the_read_path_cannot_run_code() -> None:
    """No pickle, marshal, eval, exec, compile or import machinery in the codec or the cache."""
    forbidden_modules = {"pickle", "marshal", "shelve", "importlib", "dill", "cloudpickle"}
    forbidden_calls = {"eval", "exec", "compile", "__import__", "getattr", "globals", "locals"}
    read_path = [*sorted((PACKAGE / "datacodec").glob("*.py")), PACKAGE / "cache.py"]
    assert len(read_path) >= 4
    for path in read_path:
        name = path.name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & forbidden_modules, name
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] not in forbidden_modules, name
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if name == "cache.py" and node.func.id == "getattr":
                    continue  # pack_document reads a Document's fields: the write path
                assert node.func.id not in forbidden_calls, (name, node.func.id)
