"""Whole web pages saved as text: keep the article's lines, drop the page around it.

Why: a page copied or converted to text whole carries its menus, link lists,
teasers and footer; line rules (:mod:`.boilerplate`) catch only what has a known
shape, and on such pages kept about 97% of the chrome (body F1 0.68 on the
benchmark's pages). Here every line gets shallow features (length, punctuation,
sentence-final mark, stop words, case, digits, bullets, position, its neighbours,
whether it sits inside the page's main run of prose, whether it repeats in the
page) and a logistic regression, whose weights ship as ``page_lines.json`` (about
2 KB) and were trained by ``train/train_page_lines.py`` on the development pages
with site-held-out evaluation. No scikit-learn at run time: it is a dot product.

The classifier runs only on text that :func:`looks_like_page` says is a whole
page (many short lines with no sentence end, in long runs); a clean article never
passes that test, so it loses nothing here (``tests/ingest/test_ingest_page.py``
checks the seeds and every fixture).

Everything is linear in the text: features are counted with string methods, and
the main run of prose is found in one pass.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from brieftui.ingest import metadata as meta
from brieftui.ingest.text import ends_sentence

MODEL_FILE = "page_lines.json"

_STOP = frozenset(
    """a about after all also an and any are as at be because been but by can could did do
    does for from had has have he her his how i if in into is it its just more most my new
    no not of on one only or other our out over said says she so some such than that the
    their them then there these they this those to up was we were what when where which
    while who will with would you your""".split()
)
_BULLETS = tuple("*•·-–—o>+▪●■►»|")
_PUNCT = frozenset(".,;:!?\"'“”‘’()[]{}«»—–-/|·•")

PROSE_LINE = 80
"""A line this long that ends a sentence counts as prose when finding the main run."""
RUN_GAP = 8
"""Lines of chrome allowed between two prose lines of the same run."""


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    n_chars: int
    n_words: int
    ends: bool


def _shape(raw: str) -> _Line:
    text = raw.strip()
    words = text.split()
    return _Line(text, len(text), len(words), bool(text) and ends_sentence(text))


def _short(line: _Line) -> bool:
    return line.n_chars < 60 and not line.ends


def looks_like_page(text: str) -> bool:
    """Whether ``text`` is a whole page (navigation, link runs, footer), not an article.

    A page has many lines that are short, end no sentence and are not mostly digits
    (table rows), most of them in runs of five or more (a menu, a list of links, a
    footer). The thresholds were chosen
    on the development set: every development page converted whole passes, and none
    of its 80 ground-truth articles, the seeds or the test fixtures do (see
    ``train/train_page_lines.py --page-test``).
    """
    if text.count("\n") < 29:  # fewer than 30 lines: never a page (and no work)
        return False
    lines = [s for raw in text.split("\n", 20_000) if (s := raw.strip())]
    if len(lines) < 30:
        return False
    in_runs = run = 0
    for line in lines:
        # Table rows ("3 Kevin Harvick 5033 4 6 15 26") are short too, but mostly digits.
        if len(line) < 60 and not ends_sentence(line) and _few_digits(line):
            run += 1
            continue
        if run >= 5:
            in_runs += run
        run = 0
    if run >= 5:
        in_runs += run
    return in_runs >= 25 and in_runs >= 0.3 * len(lines)


def _few_digits(line: str) -> bool:
    return sum(map(str.isdigit, line)) < 0.2 * len(line)


def _main_run(lines: list[_Line]) -> tuple[int, int]:
    """The span (first, last line index) of the page's densest run of prose lines.

    Prose lines closer than :data:`RUN_GAP` lines join one run; the run with the most
    prose characters wins. ``(-1, -1)`` when the page has no prose line.
    """
    best = (-1, -1)
    best_chars = 0
    start = last = -1
    chars = 0
    for i, line in enumerate(lines):
        if line.n_chars < PROSE_LINE or not line.ends:
            continue
        if start == -1 or i - last > RUN_GAP:
            start, chars = i, 0
        last = i
        chars += line.n_chars
        if chars > best_chars:
            best, best_chars = (start, last), chars
    return best


FEATURES = (
    "bias",
    "log_chars",
    "log_words",
    "ends_sentence",
    "ends_colon",
    "punct_ratio",
    "has_comma",
    "stop_ratio",
    "starts_upper",
    "upper_ratio",
    "title_ratio",
    "digit_ratio",
    "bullet",
    "separator",
    "position",
    "head",
    "tail",
    "prev_log_chars",
    "next_log_chars",
    "prev_ends",
    "next_ends",
    "window_log_chars",
    "short_run",
    "in_main_run",
    "main_run_distance",
    "repeated",
    "prose",
    "short_inside",
    "ends_x_chars",
    "has_link",
    "neighbours_inside",
    "short_run_outside",
)


def line_features(raw_lines: list[str]) -> list[list[float]]:
    """The feature vector (in :data:`FEATURES` order) of every non-empty line."""
    lines = [_shape(raw) for raw in raw_lines if raw.strip()]
    n = len(lines)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    first, last = _main_run(lines)
    log_chars = [math.log1p(line.n_chars) for line in lines]
    # length of the run of short lines each line belongs to
    run_len = [0] * n
    i = 0
    while i < n:
        if not _short(lines[i]):
            i += 1
            continue
        j = i
        while j < n and _short(lines[j]):
            j += 1
        for k in range(i, j):
            run_len[k] = j - i
        i = j
    prefix = [0.0]
    for value in log_chars:
        prefix.append(prefix[-1] + value)
    out: list[list[float]] = []
    for i, line in enumerate(lines):
        text = line.text
        words = text.split()
        letters = [ch for ch in text if ch.isalpha()]
        n_letters = len(letters) or 1
        lo, hi = max(0, i - 3), min(n, i + 4)
        if first == -1:
            inside, distance = 0.0, 1.0
        else:
            inside = 1.0 if first <= i <= last else 0.0
            gap = 0 if inside else (first - i if i < first else i - last)
            distance = math.log1p(gap) / 5
        out.append(
            [
                1.0,
                log_chars[i] / 6,
                math.log1p(line.n_words) / 4,
                1.0 if line.ends else 0.0,
                1.0 if text.endswith(":") else 0.0,
                sum(ch in _PUNCT for ch in text) / max(1, line.n_chars),
                1.0 if "," in text else 0.0,
                sum(w.lower().strip(".,;:!?\"'“”‘’()") in _STOP for w in words)
                / max(1, len(words)),
                1.0 if text[:1].isupper() else 0.0,
                sum(ch.isupper() for ch in letters) / n_letters,
                sum(w[:1].isupper() for w in words) / max(1, len(words)),
                sum(ch.isdigit() for ch in text) / max(1, line.n_chars),
                1.0 if text.startswith(_BULLETS) else 0.0,
                1.0 if ("|" in text or "»" in text or "›" in text) else 0.0,
                i / max(1, n - 1),
                1.0 if i < 0.1 * n else 0.0,
                1.0 if i > 0.9 * n else 0.0,
                log_chars[i - 1] / 6 if i else 0.0,
                log_chars[i + 1] / 6 if i + 1 < n else 0.0,
                1.0 if i and lines[i - 1].ends else 0.0,
                1.0 if i + 1 < n and lines[i + 1].ends else 0.0,
                (prefix[hi] - prefix[lo]) / (hi - lo) / 6,
                math.log1p(run_len[i]) / 4,
                inside,
                distance,
                1.0 if counts[text] > 1 else 0.0,
                1.0 if line.n_chars >= PROSE_LINE and line.ends else 0.0,
                inside if _short(line) else 0.0,
                log_chars[i] / 6 if line.ends else 0.0,
                1.0 if ("http" in text or "www." in text or "@" in text) else 0.0,
                1.0 if first != -1 and first <= i - 1 and i + 1 <= last else 0.0,
                math.log1p(run_len[i]) / 4 * (1.0 - inside),
            ]
        )
    return out


@dataclass(frozen=True, slots=True)
class LineModel:
    """Logistic-regression weights over :data:`FEATURES` and the decision threshold."""

    weights: tuple[float, ...]
    threshold: float

    def scores(self, features: list[list[float]]) -> list[float]:
        w = self.weights
        out = []
        for row in features:
            z = sum(a * b for a, b in zip(w, row, strict=True))
            out.append(1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z)))))
        return out


@cache
def load_model() -> LineModel:
    """The shipped weights (``page_lines.json`` beside this module)."""
    data = json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("page_lines.json does not match this version's features")
    return LineModel(tuple(float(w) for w in data["weights"]), float(data["threshold"]))


HEAD_WINDOW = 12
"""How many lines above the article's first line may hold its headline, byline and date."""


def _headline_shaped(line: _Line) -> bool:
    return (
        4 <= line.n_words <= 25
        and line.n_chars < 150
        and not line.ends
        and line.text[:1].isupper()
        and not line.text.startswith(_BULLETS)
        and meta.parse_date(line.text) is None
        and meta.byline(line.text) is None
    )


def _keep_head(
    shapes: list[_Line], scores: list[float], keep: list[bool], first: int
) -> str | None:
    """Keep the byline, dateline and headline above the article; return the headline.

    They are metadata, not chrome, and the document needs them for its title, author
    and date. Bylines and datelines in the lines just above the main run are kept;
    the headline is the headline-shaped line there (4-25 words, no sentence end, no
    date, no bullet) that the model scores highest (it learnt headlines as article).
    """
    if first <= 0:
        return None
    best: int | None = None
    for j in range(max(0, first - HEAD_WINDOW), first):
        line = shapes[j]
        if meta.byline(line.text) is not None or meta.dateline(line.text) is not None:
            keep[j] = True
        elif _headline_shaped(line) and (best is None or scores[j] > scores[best]):
            best = j
    if best is None:
        return None
    keep[best] = True
    return shapes[best].text


def keep_article_lines(
    text: str, model: LineModel | None = None
) -> tuple[str, list[str], str | None]:
    """``(kept text, removed lines, headline)``: the lines the model scores as article."""
    raw = [line for line in text.split("\n") if line.strip()]
    if not raw:
        return text, [], None
    model = model or load_model()
    scores = model.scores(line_features(raw))
    keep = [score >= model.threshold for score in scores]
    # A short line between two kept lines inside the article (a sub-heading) stays.
    shapes = [_shape(line) for line in raw]
    first, last = _main_run(shapes)
    for i in range(max(1, first), min(len(raw) - 1, last + 1)):
        if not keep[i] and keep[i - 1] and keep[i + 1] and shapes[i].n_words <= 12:
            keep[i] = True
    title = _keep_head(shapes, scores, keep, first)
    kept = [line.strip() for line, k in zip(raw, keep, strict=True) if k]
    removed = [line.strip() for line, k in zip(raw, keep, strict=True) if not k]
    return "\n".join(kept) + "\n", removed, title
