"""The one boundary for untrusted text: what a file, a file name or a note may show.

Why: articles, file names and notes come from the web and from other people. A
terminal acts on control characters (ESC starts sequences that can write the
clipboard with OSC 52, set the title or clear the screen; U+009B is a one-character
CSI), and a newline in a file name can forge extra lines in a warning. So:

* :func:`strip_controls` is applied to article text as it is read: whole escape
  sequences are dropped (their payload is never prose), then every remaining C0
  control except newline and tab, DEL and every C1 control, and the bidirectional
  embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): a
  terminal that does bidi would let them reorder what is shown, so that
  "report\u202etxt.exe" reads "reportexe.txt". Right-to-left *marks* (U+200E, U+200F),
  zero-width joiners and emoji are ordinary characters and stay.
* :func:`visible` is for text shown on one line that the user must be able to see
  exactly (file names, note fields on output): controls become visible symbols
  (``␛``, ``␊``) instead of disappearing, so nothing is hidden and nothing acts.
* :func:`display_path` turns any path (bytes or str, even one that is not valid
  UTF-8) into such a visible string.
* :func:`dumps_json` writes JSON that is always valid UTF-8 and escapes every
  control character, C1 included (``json.dumps`` leaves U+0080-U+009F raw).

Every pattern here is linear: each alternative starts at an ESC and consumes a run
of one character class that cannot contain another ESC, so no two matches overlap
and nothing is scanned twice. A string (OSC) sequence ends at its terminator or at
the end of its line, so an unterminated one never swallows the paragraphs after it.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

# ESC-introduced sequences: CSI (ESC [ params intermediates final), OSC/DCS/APC/PM/SOS
# strings (ESC ] ... BEL or ESC \), and two-character escapes (ESC + one byte).
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -~]?"  # any other escape, and a lone ESC
)
# 8-bit (C1) introducers are removed one character at a time with the other controls:
# text decoded as latin-1 can hold a stray U+009D before real prose, which must stay.

# What may never stay in text: C0 except tab and newline, DEL, C1, bidi overrides.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_OR_NEWLINE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]")
# The bidi controls in UTF-8: E2 80 AA-AE and E2 81 A6-A9.
BIDI_BYTES = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")

_C1_SYMBOL = "\ufffd"


def _symbol(char: str) -> str:
    """A visible stand-in for one control character: the Control Pictures block for C0,
    U+FFFD for C1 and the bidi controls."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC, ␊ for newline, ␉ for tab)
    if code == 0x7F:
        return "\u2421"  # ␡
    return _C1_SYMBOL


def strip_controls(text: str) -> str:
    """``text`` with escape sequences and control characters removed (newline and tab kept).

    For article text at ingest: the escape's payload (an OSC 52 clipboard string, a
    title) is not prose and goes with it. A carriage return is removed too; line ends
    are normalised before this runs.
    """
    if not _needs_work(text):
        return text
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def visible(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as a visible symbol, never acted on.

    ``newlines=True`` keeps newline and tab as they are (multi-line note text); by
    default they are shown too (``␊``), so one value stays on one line. Lone
    surrogates (from a file name that is not UTF-8) become U+FFFD.
    """
    pattern = _CONTROL if newlines else _CONTROL_OR_NEWLINE
    text = pattern.sub(lambda m: _symbol(m.group()), text)
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text


def display_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A path as a one-line string a terminal can show safely, whatever bytes name it.

    Names that are not UTF-8 (legal on Linux) arrive as ``str`` with surrogate
    escapes; they are shown with U+FFFD, while the original path object is what the
    program keeps and opens.
    """
    raw = os.fspath(path)
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return visible(raw)


# C0 controls but tab and newline, and DEL, as UTF-8 bytes (each is one byte there).
_C0_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])


def _needs_work(text: str) -> bool:
    """Fast path: most text has no control character at all.

    Checked on the UTF-8 bytes, where deleting the C0 bytes with ``bytes.translate``
    runs about eight times faster than a regex over the text (this runs on every
    file read); a C1 control is ``\xc2\x80``-``\xc2\x9f`` there, so text with a
    ``\xc2`` byte (also a no-break space, "©", "£") is looked at with the regex.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return _CONTROL.search(text) is not None
    if len(data.translate(None, _C0_BYTES)) != len(data):
        return True
    if b"\xe2" in data and BIDI_BYTES.search(data) is not None:
        return True
    return b"\xc2" in data and _CONTROL.search(text) is not None


def json_safe(value: Any) -> Any:
    """``value`` with every string made valid Unicode (lone surrogates → U+FFFD), recursively."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


_JSON_RAW_CONTROL = re.compile(rf"[\x7f-\x9f{_BIDI}]")


def dumps_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON text that is valid UTF-8 and holds no raw control character.

    ``json.dumps(ensure_ascii=False)`` escapes C0 but writes DEL and C1 (U+0080 to
    U+009F) raw, and a terminal acts on U+009B; those, and the bidi controls (a file
    name may hold one), are escaped here as ``\\u009b``: the value decodes unchanged.
    """
    text = json.dumps(json_safe(value), ensure_ascii=False, indent=indent)
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
