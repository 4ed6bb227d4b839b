"""Every regular expression that runs on file content takes linear time (issue 11, item 4).

A backtracking engine can take exponential time on one crafted line (``By A`` followed
by ``andA`` 26 times hung the byline pattern; a heading line with a run of spaces made
the markdown heading pattern cubic). This test finds the compiled patterns of
``brieftui.ingest`` (every module, so patterns added later are covered), ``text``,
``safe_text`` and ``search`` (every module of each package), and feeds each one strings of 10,000 characters
or more built from its own parts (see ``regex_adversary.py``): every repetition pumped,
with a character at the end that makes the match fail. Each call must finish in well
under a second; a linear pattern takes milliseconds.

``match`` and ``fullmatch`` (the anchored uses) are checked for every pattern.
``search`` (what ``finditer``, ``sub`` and ``split`` do at every position) is checked
too, except for the patterns listed in :data:`ANCHORED_ONLY`: those are only ever
applied anchored, to a line whose length the caller caps; a test below checks that
no code calls them unanchored by name.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import brieftui.safe_text
import brieftui.text
from tests import regex_adversary as ra

LIMIT = 1.0
"""Seconds one call may take: generous (a linear pattern needs about 10 ms here), so
only a super-linear pattern fails, even on a busy machine."""

ANCHORED_ONLY: dict[str, str] = {
    "brieftui.ingest.boilerplate._STRONG": "line rules: only through _STRONG_ALL.fullmatch",
    "brieftui.ingest.boilerplate._STRONG_ALL": "fullmatch on a line of at most MAX_CHROME",
    "brieftui.ingest.boilerplate._CATEGORY": "fullmatch on a line of at most 160 characters",
    "brieftui.ingest.boilerplate._WEAK_WORDS": "fullmatch on a line of at most MAX_CHROME",
    "brieftui.ingest.prompts._SUBJECT_VERB": "match at a position, sentence of at most 300",
    "brieftui.ingest.clean._BIO_START": "match on a paragraph of at most 1,500 characters",
    "brieftui.ingest.metadata._BYLINE": "fullmatch on a line of at most 160 characters",
    "brieftui.ingest.metadata._COPYRIGHT_OWNER": "fullmatch on a line of at most 200",
    "brieftui.ingest.metadata._DESK_CREDIT": "fullmatch on a line of at most 60",
    "brieftui.ingest.metadata._WIRE_DATELINE": "fullmatch on a line of at most 80",
    "brieftui.ingest.metadata._AGENCY_DATELINE": "match on the first 80 characters",
}
"""Patterns applied only anchored (``match``/``fullmatch``) to capped text, and why."""

SRC = Path(brieftui.text.__file__).resolve().parent


def _modules() -> list[Any]:
    return [
        *ra.package_modules("brieftui.ingest"),
        brieftui.text,
        brieftui.safe_text,
        *ra.package_modules("brieftui.search"),
    ]


PATTERNS = list(ra.module_patterns(_modules()))


def _anchored_only(name: str) -> bool:
    base = name.split("[", 1)[0]
    return base in ANCHORED_ONLY


class _TooSlow(Exception):
    pass


def _timed(call: Callable[[], Any]) -> float:
    """Seconds ``call`` took; a call still running after 5 s is stopped (a hung pattern
    fails the test instead of hanging the suite; ``re`` checks for signals)."""
    use_alarm = hasattr(signal, "setitimer")
    if use_alarm:

        def stop(*_: Any) -> None:
            raise _TooSlow

        previous = signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, 5 * LIMIT)
    start = time.perf_counter()
    try:
        call()
    except _TooSlow:
        pass
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - start


def test_the_patterns_are_found() -> None:
    """The enumeration works: the known patterns of every module are among those checked."""
    names = {name.split("[", 1)[0] for name, _ in PATTERNS}
    for expected in (
        "brieftui.ingest.metadata._BYLINE",
        "brieftui.ingest.boilerplate._STRONG_ALL",
        "brieftui.ingest.headings.MD_HEADING",
        "brieftui.text._SPLIT_POINT",
        "brieftui.text.TOKEN_RE",
        "brieftui.safe_text._ESCAPE_SEQUENCE",
        "brieftui.search.query._SOURCE_RE",
    ):
        assert expected in names
    assert len(PATTERNS) >= 60
    assert set(ANCHORED_ONLY) <= names, "a pattern listed as anchored-only no longer exists"


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_is_linear(name: str, pattern: re.Pattern[Any]) -> None:
    methods = ("match", "fullmatch") if _anchored_only(name) else ("match", "fullmatch", "search")
    count = 0
    for text in ra.adversarial_strings(pattern):
        count += 1
        for method in methods:
            call = getattr(pattern, method)
            elapsed = _timed(lambda call=call, text=text: call(text))
            if elapsed >= LIMIT:  # once more: a busy machine can stall one run, never two
                elapsed = min(elapsed, _timed(lambda call=call, text=text: call(text)))
            assert elapsed < LIMIT, (
                f"{name}.{method} took {elapsed:.2f} s on {len(text)} characters "
                f"starting {text[:60]!r}: a super-linear pattern"
            )
    assert count > 0


def test_anchored_only_patterns_are_never_searched() -> None:
    """The exemption above holds only while no code calls those patterns unanchored."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    for full_name in ANCHORED_ONLY:
        attr = full_name.rsplit(".", 1)[1]
        call = re.search(
            rf"\b{re.escape(attr)}\.(search|finditer|findall|sub|subn|split)\(", source
        )
        assert call is None, f"{full_name} is called with {call.group(1)}: check it unanchored too"


def test_the_exponential_byline_is_fast() -> None:
    """The line from the issue: it hung the app on "Opening…"."""
    from brieftui.ingest import metadata

    line = "By A" + "andA" * 26 + "!"
    assert _timed(lambda: metadata.byline(line)) < LIMIT
    assert metadata.byline("By Jane Doe and John Roe") == ("Jane Doe and John Roe", None)
