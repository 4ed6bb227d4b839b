"""The untrusted-text boundary: escape sequences and controls never survive, prose always does."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brieftui.safe_text import display_path, dumps_json, strip_controls, visible

OSC52 = "\x1b]52;c;aGVsbG8=\x1b\\"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (f"Talks resumed.{OSC52} Both sides agreed.", "Talks resumed. Both sides agreed."),
        ("Title\x1b]0;pwned\x07 here", "Title here"),
        ("\x1b[2JCleared\x1b[0m", "Cleared"),
        ("a\x9b31mb", "a31mb"),  # 8-bit CSI: the introducer goes, the text stays
        ("caf\x9d\u00e9 au lait", "caf\u00e9 au lait"),  # a stray C1 in latin-1 text
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("line one\nline\ttwo", "line one\nline\ttwo"),
        ("\x1b]52;c;unterminated\nnext line survives", "\nnext line survives"),
    ],
)
def test_strip_controls(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_strip_controls_keeps_rtl_emoji_and_zero_width() -> None:
    text = "שלום עולם 👩‍👩‍👧 zero\u200bwidth \u200fmark"
    assert strip_controls(text) is text


def test_visible_shows_every_control() -> None:
    assert visible("a\x1b[2Jb\nc") == "a␛[2Jb␊c"
    assert visible("x\x9by") == "x\ufffdy"
    assert visible("keep\nlines\tand tabs", newlines=True) == "keep\nlines\tand tabs"


def test_bidi_overrides_are_shown_in_names_and_dropped_from_text() -> None:
    """From a trial: "report\u202etxt.exe" reached the terminal raw, where a terminal
    that does bidi shows it as "reportexe.txt". Marks (U+200F) stay: they reorder
    nothing."""
    assert display_path("report\u202etxt.exe") == "report\ufffdtxt.exe"
    assert visible("a\u2066b\u2069c") == "a\ufffdb\ufffdc"
    assert strip_controls("evil\u202dname\u202c and \u200fmark") == "evilname and \u200fmark"
    out = dumps_json({"path": "report\u202etxt.exe"})
    assert "\u202e" not in out and json.loads(out) == {"path": "report\u202etxt.exe"}


def test_display_path_of_names_that_are_not_utf8() -> None:
    name = b"caf\xe9\nforged: warning.txt"
    shown = display_path(name)
    assert "\n" not in shown and "\ufffd" in shown
    surrogate = name.decode("utf-8", "surrogateescape")
    assert display_path(surrogate) == shown


def test_dumps_json_escapes_c1_and_is_valid_utf8() -> None:
    value = {"text": "csi\x9b2J del\x7f", "path": "bad\udce9name"}
    out = dumps_json(value)
    out.encode("utf-8")  # no lone surrogate left
    assert "\x9b" not in out and "\\u009b" in out and "\\u007f" in out
    assert json.loads(out) == {"text": "csi\x9b2J del\x7f", "path": "bad\ufffdname"}


@pytest.mark.parametrize(
    "evil",
    ["\x1b]" * 50_000, "\x1b[" + "0" * 100_000, "\x1b" * 100_000, "\x9b" * 100_000],
)
def test_patterns_are_linear(evil: str) -> None:
    start = time.perf_counter()
    strip_controls(evil + "end")
    visible(evil)
    assert time.perf_counter() - start < 2.0


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(
                "a é\u00a0©£\n\t\x1b\x9b\x85\x7f\x00\x1f\ud800\udce9\u202e\u2066\u2069\u201c\u200f"
            ),
            st.characters(),
        ),
        max_size=40,
    )
)
def test_the_fast_path_agrees_with_the_pattern(text: str) -> None:
    """The byte-level pre-check of strip_controls never misses a control character."""
    from brieftui.safe_text import _CONTROL, _needs_work

    assert _needs_work(text) == (_CONTROL.search(text) is not None)
