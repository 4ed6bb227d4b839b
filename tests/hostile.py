"""A brief built to attack the reader (issue 11): every file and file name is hostile.

Written at test time (control characters and odd names do not survive in git) by
:func:`write_hostile_brief`; ``tests/conftest.py`` exposes it as the ``hostile_brief``
fixture (and ``make_hostile_brief`` to choose the size of the huge paragraph). What
is in it, so tests can check each thing:

* ``escapes.txt``: OSC 0 (title) in the headline, OSC 52 (clipboard) and CSI 2J
  (clear screen) in a paragraph, SGR colours in the byline and a heading, an 8-bit
  CSI (U+009B) and other C0/C1 controls in prose.
* ``c1-latin1.txt``: not UTF-8; raw C1 bytes that decode (as latin-1) to controls.
* ``markup.txt``: text that looks like Rich/Textual markup (``[@click=app.quit]Talks[/]``
  as the title, ``[/]``, ``[sic]``, ``[bold]``, an ``[@click=app.screenshot(…)]``).
* ``[bold]named[red].txt``: markup in a file name.
* a file whose name holds a newline, one whose name holds an escape sequence, and
  one whose name is not UTF-8 (``caf\\xe9.txt``; skipped where the file system refuses).
* ``byline.txt``: ``By A`` + ``andA`` × 26 + ``!`` (exponential in the old byline
  pattern) and ``heading.md``: a heading line with a run of 5,000 en spaces (cubic in
  the old markdown heading pattern).
* ``notepad-utf16.txt`` (UTF-16 LE with a BOM) and ``utf32.txt`` (UTF-32 BE with a BOM).
* ``huge.txt``: a headline and one paragraph of ``huge_chars`` characters on one line.
* ``prompts.txt``: prose sentences that start like reader prompts ("Leave a comment
  was all the minister wrote…") and must stay.
* ``pipe.txt``: a FIFO (where ``mkfifo`` exists): must be skipped, never waited on.
* ``sparse.txt``: 60 MB of holes (over the 50 MB cap too): skipped without being read.

Do not copy the folder with ``shutil.copytree``: copying ``pipe.txt`` opens the FIFO
and waits for a writer forever. Make a fresh one with ``make_hostile_brief`` instead.
* ``nul.txt``: binary; ``only-escapes.txt``: nothing but escape sequences (empty once
  they are removed).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

OSC52_PAYLOAD = "ZXZpbCBjbGlwYm9hcmQ="  # base64 of "evil clipboard"
OSC0_PAYLOAD = "pwned title"
MARKUP_TITLE = "[@click=app.quit]Talks[/]"
NEWLINE_NAME = "two\nlines.txt"
ESCAPE_NAME = "esc\x1b]0;x\x07name.txt"
NON_UTF8_NAME = b"caf\xe9.txt"
EXPONENTIAL_BYLINE = "By A" + "andA" * 26 + "!"
PROSE_PROMPTS = (
    "Leave a comment was all the minister wrote before he logged off for the night.",
    "Share your thoughts with the committee by Friday, the ministry urged citizens.",
    "Stay tuned, the president told reporters.",
    "Share on Monday rose 4 per cent after the results.",
)
HUGE_CHARS = 100_000
"""The default size of ``huge.txt``'s one paragraph: big enough to find quadratic work,
small enough for the app's Pilot tests. Tests of ingest speed make their own 2 MB one."""

_PROSE = (
    "Negotiators met in Geneva on Tuesday and agreed to meet again next week, officials "
    "said, after a day of talks that both delegations described as useful but difficult."
)


def _article(title: str, *paragraphs: str) -> str:
    return "\n\n".join([title, *paragraphs, _PROSE]) + "\n"


def write_hostile_brief(folder: Path, *, huge_chars: int = HUGE_CHARS) -> Path:
    """Write the hostile brief into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    write = lambda name, text: (folder / name).write_text(text, encoding="utf-8")  # noqa: E731

    write(
        "escapes.txt",
        _article(
            f"Talks \x1b]0;{OSC0_PAYLOAD}\x07Resume In Geneva",
            "By Jane \x1b[31mRoe\x1b[0m",
            f"Negotiators met on Tuesday.\x1b]52;c;{OSC52_PAYLOAD}\x1b\\ The clipboard stays "
            "untouched.\x1b[2J The screen is not cleared, and an 8-bit CSI \x9b31m stays inert.",
            "A Heading \x1b[1mWith Bold\x1b[0m Escapes",
            "Bell\x07 backspace\x08 delete\x7f and a next-line\x85 control end here, "
            "with an unterminated title sequence at the very end \x1b]2;never closed",
        ),
    )
    (folder / "c1-latin1.txt").write_bytes(
        _article(
            "Latin Talks",
            "The caf\xe9 owners met \x9d\x9b31m on Monday and talked for hours about rents.",
        ).encode("latin-1")
    )
    write(
        "markup.txt",
        _article(
            MARKUP_TITLE,
            "By [b]Mallory[/b]",
            "[/]",
            "He said [sic] it was [bold]fine[/bold], and [link=https://evil.example]this"
            "[/link] is only text, as is a lone [ bracket.",
            "The [bold]Real[/bold] Story",
            "[@click=app.screenshot('victim.txt','DIR')]Click me[/] is what the page said.",
        ),
    )
    write("[bold]named[red].txt", _article("Markup In The Name", "A paragraph of text."))
    for name in (NEWLINE_NAME, ESCAPE_NAME):
        write(name, _article("An Odd Name", "A paragraph under an odd file name."))
    try:
        with open(os.path.join(os.fsencode(folder), NON_UTF8_NAME), "wb") as handle:
            handle.write(_article("Not UTF-8 Name", "Named in latin-1.").encode())
    except OSError:  # a file system that only takes UTF-8 names
        pass
    write(
        "byline.txt",
        _article("A Headline About The Byline", EXPONENTIAL_BYLINE, "The body starts here."),
    )
    write("heading.md", "# a" + "\u2002" * 5000 + "x\n\n" + _PROSE + "\n")
    (folder / "notepad-utf16.txt").write_bytes(
        codecs.BOM_UTF16_LE
        + _article("Notepad Unicode Talks", "Saved by Notepad as “Unicode”.").encode("utf-16-le")
    )
    (folder / "utf32.txt").write_bytes(
        codecs.BOM_UTF32_BE
        + _article("Thirty Two Bit Talks", "Saved as UTF-32.").encode("utf-32-be")
    )
    sentence = "The alliance met again on Tuesday and agreed on nothing at all, said officials. "
    line = (sentence * (huge_chars // len(sentence) + 1))[:huge_chars]
    write("huge.txt", "A Very Long Paragraph\n\n" + line + "\n")
    write("prompts.txt", _article("Prompts In The Prose", *PROSE_PROMPTS))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    with open(folder / "sparse.txt", "wb") as handle:
        handle.truncate(60_000_000)
    (folder / "nul.txt").write_bytes(b"Binary\n\n\x00\x01\x02 data\n")
    write("only-escapes.txt", "\x1b[2J\x1b]0;x\x07\x1b[31m\n")
    return folder
