"""Whole web pages saved as text: keep the article's lines, drop the page around it.

Why: a page copied or converted to text whole carries its menus, link lists,
teasers, comments and footer; line rules (:mod:`.boilerplate`) catch only what has
a known shape, and on such pages kept about 97% of the chrome (body F1 0.68 on the
benchmark's pages). Here every line gets shallow features (:mod:`.page_features`:
its shape, its neighbours, where it sits relative to the page's prose), a logistic
regression scores it, and a two-state Viterbi pass over the line sequence can
smooth the decisions. The weights, the threshold and the smoothing's switch cost
ship as ``page_lines.json`` (a few KB), trained by ``train/train_page_lines.py`` on
the development pages with site-held-out evaluation. No scikit-learn at run time: a
dot product per line and one pass of dynamic programming. Above the article, the
byline, the dateline and the headline are kept for the document's metadata.

The classifier runs only on text that :func:`looks_like_page` says is a whole
page (many short lines with no sentence end, in long runs); a clean article never
passes that test, so it loses nothing here (``tests/ingest/test_ingest_page.py``
checks the seeds and every fixture). It reads this one text only: a document's
passages never depend on the other files of the brief.

Everything is linear in the text (see :mod:`.page_features`; the smoothing is two
states wide).
"""

from __future__ import annotations

import json
import math
import operator
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from brieftui.ingest import metadata as meta
from brieftui.ingest.page_features import (
    BULLETS,
    FEATURES,
    STOP_WORDS,
    Line,
    line_features,
    shape,
)
from brieftui.ingest.text import ends_sentence

__all__ = [
    "FEATURES",
    "LineModel",
    "best_stretch",
    "decide",
    "keep_article_lines",
    "line_features",
    "load_model",
    "looks_like_page",
    "smooth",
]

MODEL_FILE = "page_lines.json"
_WORD = re.compile(r"\w+")


def looks_like_page(text: str) -> bool:
    """Whether ``text`` is a whole page (navigation, link runs, footer), not an article.

    A page has many lines that are short, end no sentence and are not mostly digits
    (table rows), most of them in runs of five or more (a menu, a list of links, a
    footer). The thresholds were chosen
    on the development set: every development page converted whole passes, and none
    of its 80 ground-truth articles, the seeds, the test fixtures or the 873 ECB+
    development articles do (see ``train/train_page_lines.py --page-test``).
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


@dataclass(frozen=True, slots=True)
class LineModel:
    """Logistic-regression weights over :data:`FEATURES` and the decision's two numbers.

    ``threshold`` is the probability above which a line alone counts as article;
    ``switch_cost`` is what the smoothing pass charges (in log-odds) for every change
    between article and page (0: no smoothing, each line on its own).
    """

    weights: tuple[float, ...]
    threshold: float
    switch_cost: float = 0.0

    def logits(self, features: list[list[float]]) -> list[float]:
        """Each line's log-odds of being article text (a dot product)."""
        w = self.weights
        if any(len(row) != len(w) for row in features):
            raise ValueError("a feature row does not match the model's weights")
        return [sum(map(operator.mul, w, row)) for row in features]

    def decide(self, features: list[list[float]]) -> list[bool]:
        """Which lines are article: the logits, shifted by the threshold, smoothed."""
        t = min(max(self.threshold, 1e-6), 1 - 1e-6)
        offset = math.log(t / (1 - t))
        return decide([z - offset for z in self.logits(features)], self.switch_cost)


def decide(log_odds: list[float], switch_cost: float) -> list[bool]:
    """The smoothed decisions; never an empty article.

    A page always holds an article (the page test said so, and someone saved it):
    when the smoothing keeps nothing, the most article-like stretch of lines stays.
    """
    keep = smooth(log_odds, switch_cost)
    if log_odds and not any(keep):
        first, last = best_stretch(log_odds)
        keep[first : last + 1] = [True] * (last - first + 1)
    return keep


def best_stretch(values: list[float]) -> tuple[int, int]:
    """``(first, last)`` of the non-empty stretch with the largest sum (Kadane, one pass)."""
    best, span = values[0], (0, 0)
    total, start = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, span = total, (start, i)
    return span


def smooth(log_odds: list[float], switch_cost: float) -> list[bool]:
    """The most likely article/page labelling of a line sequence (two-state Viterbi).

    Each line adds its log-odds when labelled article (0 when page); every change of
    label along the page costs ``switch_cost``. With a cost of 0 this is a plain
    threshold at 0. Linear: two running scores and one back-pointer pair per line.
    """
    n = len(log_odds)
    if n == 0:
        return []
    if switch_cost <= 0:
        return [z > 0 for z in log_odds]
    page, article = 0.0, log_odds[0]
    back: list[tuple[bool, bool]] = [(False, True)]
    for z in log_odds[1:]:
        from_article_to_page = article - switch_cost > page
        from_article_to_article = article >= page - switch_cost
        page, article = (
            max(page, article - switch_cost),
            max(page - switch_cost, article) + z,
        )
        back.append((from_article_to_page, from_article_to_article))
    state = article > page
    out = [False] * n
    for i in range(n - 1, -1, -1):
        out[i] = state
        state = back[i][1] if state else back[i][0]
    return out


@cache
def load_model() -> LineModel:
    """The shipped weights (``page_lines.json`` beside this module)."""
    data = json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("page_lines.json does not match this version's features")
    return LineModel(
        tuple(float(w) for w in data["weights"]),
        float(data["threshold"]),
        float(data.get("switch_cost", 0.0)),
    )


HEAD_WINDOW = 12
"""How many lines above the article's first line may hold its byline and date."""
TITLE_WINDOW = 30
"""How many lines above the article's first line may hold its headline (a lead image,
its caption and credit, a share bar and a byline often sit between the two)."""
TITLE_OVERLAP = 0.5
"""The share of a headline's content words that the article must exceed using."""


def _headline_shaped(line: Line) -> bool:
    return (
        4 <= line.n_words <= 25
        and line.n_chars < 150
        and not line.text.rstrip("\"'”’)").endswith((".", "…"))
        and line.text[:1].isupper()
        and not line.text.startswith(BULLETS)
        and meta.parse_date(line.text) is None
        and meta.byline(line.text) is None
    )


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2} - STOP_WORDS


def _keep_head(shapes: list[Line], keep: list[bool], first: int) -> str | None:
    """Keep the byline, dateline and headline above the article; return the headline.

    They are metadata, not chrome, and the document needs them for its title, author
    and date. Bylines and datelines in the lines just above the article are kept.
    The headline is the headline-shaped line (4-25 words, no full stop, no date, no
    bullet) above the article, or its first line, whose content words the article
    uses most (more than :data:`TITLE_OVERLAP` of them; the nearer line on a tie): a
    headline is about its article; a menu line, a share bar or a teaser for another
    story is not. (An earlier version took the line the model scored highest, and the
    model had to be taught that headlines are article, which no ground truth says.)
    """
    if first < 0:
        return None
    for j in range(max(0, first - HEAD_WINDOW), first):
        text = shapes[j].text
        if meta.byline(text) is not None or meta.dateline(text) is not None:
            keep[j] = True
    vocabulary: set[str] = set()
    for line, kept in zip(shapes, keep, strict=True):
        if kept:
            vocabulary |= _content_words(line.text)
    best, best_share = None, TITLE_OVERLAP
    for j in range(first, max(0, first - TITLE_WINDOW) - 1, -1):
        if not _headline_shaped(shapes[j]):
            continue
        words = _content_words(shapes[j].text)
        share = len(words & vocabulary) / len(words) if words else 0.0
        if share > best_share:
            best, best_share = j, share
    if best is None:
        return None
    keep[best] = True
    return shapes[best].text


def keep_article_lines(
    text: str, model: LineModel | None = None
) -> tuple[str, list[str], str | None]:
    """``(kept text, removed lines, headline)``: the article's lines and its head."""
    raw = [line for line in text.split("\n") if line.strip()]
    if not raw:
        return text, [], None
    model = model or load_model()
    features = line_features(raw)
    keep = model.decide(features)
    shapes = [shape(line) for line in raw]
    first = next((i for i, k in enumerate(keep) if k), -1)
    title = _keep_head(shapes, keep, first)
    kept = [line.strip() for line, k in zip(raw, keep, strict=True) if k]
    removed = [line.strip() for line, k in zip(raw, keep, strict=True) if not k]
    return "\n".join(kept) + "\n", removed, title
