"""Adversarial inputs for regular expressions, built from each pattern's own parts.

Why: a backtracking engine (Python's ``re``) can take exponential or quadratic time
on a short hostile line when a pattern has nested quantifiers or two quantifiers
that can match the same text (``(?:\\w+\\s*)*``, ``\\s*,?\\s*``, ``.*x.*``). Such a
pattern looks fine on every real article and hangs the reader on one crafted line.
This module finds the compiled patterns of a set of modules automatically (so a
pattern added later is covered without touching the test) and, for each, builds
strings that pump every repetition in it: the pattern's own text with one
quantified part repeated thousands of times, followed by a character that makes
the match fail at the very end, which is what forces backtracking. Plus long runs
of every character the pattern repeats, and a few fixed nasty strings.

Nothing here knows a particular pattern: the strings come from ``re._parser``'s
parse tree (an internal but stable module of CPython 3.11+).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

try:  # CPython 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

MIN_LENGTH = 10_000
"""Every pumped string is at least this long."""
MAX_VARIATIONS = 24
"""How many variations of one repetition's body are pumped (branches, characters)."""

_POOL = "aA1_ .,!?'\"-:;()[]*#\n\t\u00e9\u201c\u201d\u2019\u00bb|/&@\u00a9\x00\x1b\x9b\u00a0"
"""Candidate characters for a character class: letters, digits, spaces, punctuation,
curly quotes, controls; each class gets those of them it matches."""
_SUFFIXES = ("!", "\n", "\x00")
"""What follows a pumped repetition: something that fails most patterns at the end (a
failure at the very end is what makes a backtracking engine try every other way)."""

FIXED = (
    "By A" + "andA" * 3000 + "!",
    "By A" + " andA" * 3000 + "!",
    "By " + "A " * 6000 + "!",
    "By " + "A, " * 4000 + "!",
    "a" * 20_000 + "!",
    " " * 20_000 + "!",
    "\t \u00a0" * 7000 + "!",
    "A. " * 7000,
    "Mr. " * 5000,
    "**a " * 5000,
    "__a " * 5000,
    "*" * 20_000,
    "_" * 20_000,
    "[" * 20_000,
    "[a](" * 5000,
    "`a " * 7000,
    "#" * 20_000,
    "-" * 20_000,
    "." * 20_000,
    "\n" * 20_000,
    "1," * 10_000,
    "Aa " * 7000,
    "Share " * 4000,
    "disclaimer " * 2000,
    "photo " * 4000,
    "in a, " * 4000,
    "\x1b]" * 10_000,
    "\x1b[" * 10_000,
    "\x1b" * 20_000,
    "\u201c" * 20_000,
    "source:" * 3000,
    "'\"" * 10_000,
)


def module_patterns(modules: list[ModuleType]) -> Iterator[tuple[str, re.Pattern[Any]]]:
    """``(qualified name, pattern)`` for every compiled pattern a module holds at top level,
    including those inside tuples, lists and dicts (rule tables)."""
    seen: set[int] = set()

    def walk(name: str, value: Any, depth: int) -> Iterator[tuple[str, re.Pattern[Any]]]:
        if isinstance(value, re.Pattern):
            if id(value) not in seen:
                seen.add(id(value))
                yield name, value
        elif depth < 3 and isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                yield from walk(f"{name}[{i}]", item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                yield from walk(f"{name}[{key!r}]", item, depth + 1)

    for module in modules:
        for attr, value in sorted(vars(module).items()):
            if isinstance(value, ModuleType) or attr.startswith("__"):
                continue
            yield from walk(f"{module.__name__}.{attr}", value, 0)


def package_modules(package: str) -> list[ModuleType]:
    """The package itself and every module in it (not sub-packages' tests)."""
    root = importlib.import_module(package)
    modules = [root]
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        modules.append(importlib.import_module(info.name))
    return modules


class _Builder:
    """Builds strings from one pattern's parse tree."""

    def __init__(self, pattern: re.Pattern[Any]) -> None:
        source = pattern.pattern
        self.is_bytes = isinstance(source, bytes)
        text = source.decode("latin-1") if self.is_bytes else source
        self.flags = pattern.flags & ~re.UNICODE if self.is_bytes else pattern.flags
        self.tree = P.parse(text, self.flags)
        self.literals = self._literals(self.tree)
        self._reps: dict[int, list[str]] = {}

    # -- the tree -------------------------------------------------------------------
    @staticmethod
    def _children(op: Any, av: Any) -> list[Any]:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            return [av[2]]
        if op is C.SUBPATTERN:
            return [av[3]]
        if op is C.BRANCH:
            return list(av[1])
        if op in (C.ASSERT, C.ASSERT_NOT):
            return [av[1]]
        if op is C.ATOMIC_GROUP:
            return [av]
        if op is C.GROUPREF_EXISTS:
            return [p for p in av[1:] if p is not None]
        return []

    def _nodes(self, sub: Any) -> Iterator[tuple[Any, Any]]:
        for op, av in sub:
            yield op, av
            for child in self._children(op, av):
                yield from self._nodes(child)

    def _literals(self, sub: Any) -> str:
        chars = []
        for op, av in self._nodes(sub):
            if op is C.LITERAL:
                chars.append(chr(av))
            elif op is C.IN:
                chars.extend(chr(a) for o, a in av if o is C.LITERAL)
        return "".join(dict.fromkeys(chars))

    def reps(self, op: Any, av: Any) -> list[str]:
        """A few characters one single-character node matches (its literals first)."""
        key = id(av) if op is not C.LITERAL else av
        found = self._reps.get(key)
        if found is not None:
            return found
        if op is C.LITERAL:
            found = [chr(av)]
        else:
            node = P.SubPattern(self.tree.state, [(op, av)])
            try:
                from re import _compiler  # type: ignore[attr-defined]

                matcher = _compiler.compile(node, self.flags)
            except Exception:
                matcher = None
            found = []
            for ch in dict.fromkeys(self.literals + _POOL):
                if matcher is None or matcher.fullmatch(self._enc(ch)) is not None:
                    found.append(ch)
                if len(found) >= 6:
                    break
            if not found:
                found = ["a"]
        self._reps[key] = found
        return found

    def _enc(self, text: str) -> Any:
        return text.encode("latin-1", "replace") if self.is_bytes else text

    # -- generation -----------------------------------------------------------------
    def gen(self, sub: Any, target: Any, count: int, choice: dict[int, int]) -> str:
        """A string the sequence ``sub`` could match: repetitions at their minimum (at
        least once), except ``target`` (repeated ``count`` times); ``choice`` picks a
        branch or a character per node id."""
        out: list[str] = []
        for op, av in sub:
            if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
                options = self.reps(op, av)
                out.append(options[choice.get(id(av), 0) % len(options)])
            elif op is C.BRANCH:
                alternatives = av[1]
                pick = next(
                    (i for i, alt in enumerate(alternatives) if self._holds(alt, target)), None
                )
                if pick is None:
                    pick = choice.get(id(av), 0) % len(alternatives)
                out.append(self.gen(alternatives[pick], target, count, choice))
            elif op is C.SUBPATTERN:
                out.append(self.gen(av[3], target, count, choice))
            elif op is C.ATOMIC_GROUP:
                out.append(self.gen(av, target, count, choice))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                low, _high, body = av
                if av is target:
                    times = count
                elif self._holds(body, target):
                    times = max(low, 1)
                else:
                    times = max(low, 1) if low else 1
                once = self.gen(body, target, count, choice)
                out.append(once * times if av is not target else once * count)
            elif op is C.GROUPREF_EXISTS:
                out.append(self.gen(av[1], target, count, choice))
            # AT, ASSERT, ASSERT_NOT, GROUPREF, CATEGORY outside a class: nothing
        return "".join(out)

    def _holds(self, sub: Any, target: Any) -> bool:
        if target is None:
            return False
        return any(av is target for _op, av in self._nodes(sub))

    def repeats(self) -> list[Any]:
        return [
            av
            for op, av in self._nodes(self.tree)
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[1] > 1
        ]

    def variations(self, body: Any) -> list[dict[int, int]]:
        """Default choices, then each branch alternative and each character, one at a time."""
        out: list[dict[int, int]] = [{}]
        for op, av in self._nodes(body):
            if op is C.BRANCH:
                out.extend({id(av): i} for i in range(1, min(len(av[1]), 12)))
            elif op in (C.NOT_LITERAL, C.ANY, C.IN):
                out.extend({id(av): i} for i in range(1, len(self.reps(op, av))))
        return out[:MAX_VARIATIONS]


def adversarial_strings(pattern: re.Pattern[Any]) -> Iterator[Any]:
    """Hostile inputs (``MIN_LENGTH`` characters or more) for ``pattern``: each repetition
    pumped with every variation of its body and a failing end, long runs of every
    character it repeats, and :data:`FIXED`. Bytes for a bytes pattern."""
    builder = _Builder(pattern)
    enc = builder._enc
    seen: set[str] = set()

    def emit(text: str) -> Iterator[Any]:
        if text not in seen:
            seen.add(text)
            yield enc(text)

    for repeat in builder.repeats():
        body = repeat[2]
        for choice in builder.variations(body):
            once = builder.gen(body, None, 1, choice)
            if not once:
                continue
            count = MIN_LENGTH // len(once) + 1
            if repeat[1] < count:  # a bounded repetition ({1,500}): pump what it allows
                count = repeat[1]
            pumped = builder.gen(builder.tree, repeat, count, choice)
            if len(pumped) < MIN_LENGTH:  # many copies, as in a long line of them
                pumped = (pumped + " ") * (MIN_LENGTH // (len(pumped) + 1) + 1) + pumped
            for suffix in _SUFFIXES:
                yield from emit(pumped + suffix)
            # the repeated part alone, without what the pattern wants before it
            run = once * (MIN_LENGTH // len(once) + 1)
            yield from emit(run + "!")
    for op, av in builder._nodes(builder.tree):
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            for ch in builder.reps(op, av):
                yield from emit(ch * MIN_LENGTH + "!")
    for text in FIXED:
        yield from emit(text)
