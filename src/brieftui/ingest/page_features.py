"""The features of each line of a whole page saved as text (see :mod:`.page`).

Why apart: :mod:`.page` decides (the page test, the model, the smoothing, the head);
this module only describes lines, so the training script and the run time share
one definition of every feature.

Each line is described by its own shape (length, punctuation, sentence end, stop
words, case, digits, bullets, separators, furniture words, whether a cleaning rule
of :mod:`.boilerplate` names it, whether it or its digit-free shape repeats in the
page), by its neighbours (windows of length, sentence ends, stop words, bullets,
table rows, timestamps), and by where it sits relative to the page's prose: inside
or around the main run and the two densest prose spans, the share of the page's
prose above and below it, the distance to the nearest prose line, whether it
follows a comments header below the article, whether it is in a list between two
prose lines or after a line ending with a colon.

Features look at this one text only, never at other files of the brief: a
document's passages (and their ids, which notes depend on) must not change when
another file is added beside it.

Everything is linear in the text: string methods per line, prefix sums over fixed
windows, and one pass for each run, span and gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from brieftui.ingest.boilerplate import classify_line
from brieftui.ingest.text import ends_sentence

STOP_WORDS = frozenset(
    """a about after all also an and any are as at be because been but by can could did do
    does for from had has have he her his how i if in into is it its just more most my new
    no not of on one only or other our out over said says she so some such than that the
    their them then there these they this those to up was we were what when where which
    while who will with would you your""".split()
)
_FURNITURE = frozenset(
    """share shares comment comments reply replies subscribe subscription newsletter
    newsletters sign login log cookie cookies privacy copyright advertisement advertise
    advertising sponsored related follow click rights reserved terms contact menu search
    email facebook twitter instagram linkedin pinterest whatsapp youtube rss home read more
    trending popular recommended next previous prev download app apps tags tag categories
    category posted permalink""".split()
)
"""Words of page furniture (a link-density signal that survives conversion to text)."""
_DATE_WORDS = frozenset(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april
    june july august september october november december ago am pm a.m. p.m. gmt utc
    est edt pst pdt bst""".split()
)
_NO_DIGITS = str.maketrans("", "", "0123456789")
STRIP = ".,;:!?\"'“”‘’()[]|»«*"
BULLETS = tuple("*•·-–—o>+▪●■►»|")
_PUNCT = frozenset(".,;:!?\"'“”‘’()[]{}«»—–-/|·•")
_COMMENT_WORDS = frozenset("comment comments reply replies discussion responses".split())

PROSE_LINE = 80
"""A line this long that ends a sentence counts as prose when finding the main run."""
RUN_GAP = 8
"""Lines of chrome allowed between two prose lines of the same run."""
SPAN_COSTS = (40, 160)
"""What a line that is not prose costs (in characters of prose) in the two prose spans."""


@dataclass(frozen=True, slots=True)
class Line:
    """A stripped line and the counts every rule needs."""

    text: str
    n_chars: int
    n_words: int
    ends: bool


def shape(raw: str) -> Line:
    text = raw.strip()
    words = text.split()
    return Line(text, len(text), len(words), bool(text) and ends_sentence(text))


def short(line: Line) -> bool:
    """Short and ending no sentence: a menu item, a link, a label."""
    return line.n_chars < 60 and not line.ends


def prose_line(line: Line) -> bool:
    return line.n_chars >= PROSE_LINE and line.ends


def main_run(lines: list[Line]) -> tuple[int, int]:
    """The span (first, last line index) of the page's densest run of prose lines.

    Prose lines closer than :data:`RUN_GAP` lines join one run; the run with the most
    prose characters wins. ``(-1, -1)`` when the page has no prose line.
    """
    best = (-1, -1)
    best_chars = 0
    start = last = -1
    chars = 0
    for i, line in enumerate(lines):
        if not prose_line(line):
            continue
        if start == -1 or i - last > RUN_GAP:
            start, chars = i, 0
        last = i
        chars += line.n_chars
        if chars > best_chars:
            best, best_chars = (start, last), chars
    return best


def _prose_span(lines: list[Line], cost: int) -> tuple[int, int]:
    """The span with the most prose characters net of ``cost`` per other line.

    Unlike the main run, a long list inside the article (a table, a list of steps)
    does not cut the span as long as enough prose surrounds it. Maximum-sum
    subarray (Kadane), one pass; ``(-1, -1)`` when no stretch holds more prose than
    it costs.
    """
    best, span = 0, (-1, -1)
    total, start = 0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0, i
        total += line.n_chars if (line.ends and line.n_chars >= 40) else -cost
        if total > best:
            best, span = total, (start, i)
    return span


def _runs(flags: list[bool]) -> list[int]:
    """For each line, the length of the run of consecutive True flags it is in (0 if False)."""
    out = [0] * len(flags)
    i, n = 0, len(flags)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < n and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    for value in values:
        out.append(out[-1] + value)
    return out


def _dated(text: str, words: list[str]) -> bool:
    """A short line with a digit and a month or time word: a timestamp (comments, teasers)."""
    if len(text) > 60 or not any(ch.isdigit() for ch in text):
        return False
    return any(w.lower().strip(STRIP) in _DATE_WORDS for w in words)


def _comment_header(line: Line, low_words: list[str]) -> bool:
    """A comments header: "Comments", "[ 167 comments ]", "Leave a Reply", or a post's
    "… on May 2, 2018 at 4:47 pm said:" (a date in it: "The minister said:" is prose)."""
    if line.n_words <= 5 and not line.ends and any(w in _COMMENT_WORDS for w in low_words):
        return True
    return (
        line.n_words <= 15
        and line.text.endswith(("said:", "says:"))
        and any(ch.isdigit() for ch in line.text)
    )


FEATURES = (
    # the line itself
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
    "has_link",
    "ellipsis",
    "furniture_words",
    "rule_anywhere",
    "rule_head_tail",
    "repeated",
    "repeated_shape",
    "window3_repeated_shape",
    "prose",
    "dated",
    "table_row",
    "length_vs_page",
    # where it sits
    "position",
    "in_main_run",
    "before_main_run",
    "after_main_run",
    "prose_above",
    "prose_below",
    "prose_around",
    "in_span",
    "before_span",
    "after_span",
    "in_wide_span",
    "before_wide_span",
    "after_wide_span",
    "after_comment_header",
    # its neighbours
    "prev_log_chars",
    "next_log_chars",
    "prev_ends",
    "next_ends",
    "window1_log_chars",
    "window3_log_chars",
    "window8_log_chars",
    "window2_ends",
    "window6_ends",
    "window3_prose",
    "window3_bullets",
    "window3_stop_ratio",
    "window3_table",
    "window3_dated",
    "window4_alternation",
    "short_run",
    "ends_run",
    "gap_from_prose_above",
    "gap_to_prose_below",
    "gap_to_prose_min",
    "gap_to_prose_max",
    "short_in_main_run",
    "short_run_outside",
    "after_colon_line",
    "run_after_prose",
    "run_before_prose",
    "run_between_prose",
    "run_between_prose_len",
    "next3_ends",
    "prev3_ends",
    "next3_prose",
    "prev3_prose",
    "starts_main_run",
    "starts_span",
)


def _span_features(span: tuple[int, int], i: int) -> tuple[float, float, float]:
    first, last = span
    if first == -1:
        return 0.0, 1.0, 1.0
    return (
        1.0 if first <= i <= last else 0.0,
        math.log1p(max(0, first - i)) / 5,
        math.log1p(max(0, i - last)) / 5,
    )


def line_features(raw_lines: list[str]) -> list[list[float]]:
    """The feature vector (in :data:`FEATURES` order) of every non-empty line."""
    lines = [shape(raw) for raw in raw_lines if raw.strip()]
    n = len(lines)
    if n == 0:
        return []
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    # The line with its digits dropped: "Rating: 25 Votes", "2 days ago at 07:47 am"
    # repeat in shape down a comment thread or a teaser list.
    digit_free = [line.text.translate(_NO_DIGITS) for line in lines]
    digit_free_counts: dict[str, int] = {}
    for key in digit_free:
        digit_free_counts[key] = digit_free_counts.get(key, 0) + 1
    same_shape = [1.0 if digit_free_counts[key] > 1 else 0.0 for key in digit_free]
    words = [line.text.split() for line in lines]
    low_words = [[w.lower().strip(STRIP) for w in ws] for ws in words]
    log_chars = [math.log1p(line.n_chars) for line in lines]
    ends = [1.0 if line.ends else 0.0 for line in lines]
    prose = [1.0 if prose_line(line) else 0.0 for line in lines]
    stops = [float(sum(w in STOP_WORDS for w in lw)) for lw in low_words]
    bullets = [1.0 if line.text.startswith(BULLETS) else 0.0 for line in lines]
    table = [1.0 if line.text.count("  ") >= 2 else 0.0 for line in lines]
    dated = [1.0 if _dated(line.text, ws) else 0.0 for line, ws in zip(lines, words, strict=True)]
    p_shape = _prefix(same_shape)
    turns = [0.0] + [1.0 if ends[i] != ends[i - 1] else 0.0 for i in range(1, n)]
    p_chars, p_ends, p_prose, p_stops, p_words, p_bullets, p_table, p_dated, p_turns = map(
        _prefix,
        (
            log_chars,
            ends,
            prose,
            stops,
            [float(line.n_words) for line in lines],
            bullets,
            table,
            dated,
            turns,
        ),
    )
    p_prose_chars = _prefix([line.n_chars * p for line, p in zip(lines, prose, strict=True)])
    total_prose = p_prose_chars[-1] or 1.0

    def window(prefix: list[float], k: int) -> list[float]:
        """The mean over lines i-k..i+k of every line i (clipped at the page's ends)."""
        return [
            (prefix[min(n, i + k + 1)] - prefix[max(0, i - k)])
            / (min(n, i + k + 1) - max(0, i - k))
            for i in range(n)
        ]

    w_shape3, w_chars1, w_chars3, w_chars8 = (
        window(p_shape, 3),
        window(p_chars, 1),
        window(p_chars, 3),
        window(p_chars, 8),
    )
    w_ends2, w_ends6, w_prose3, w_bullets3 = (
        window(p_ends, 2),
        window(p_ends, 6),
        window(p_prose, 3),
        window(p_bullets, 3),
    )
    w_table3, w_dated3, w_turns4 = window(p_table, 3), window(p_dated, 3), window(p_turns, 4)

    def ahead(prefix: list[float], k: int) -> list[float]:
        """The mean over the k lines after each line (0 at the end of the page)."""
        return [(prefix[min(n, i + k + 1)] - prefix[i + 1]) / k for i in range(n)]

    def behind(prefix: list[float], k: int) -> list[float]:
        """The mean over the k lines before each line (0 at the start of the page)."""
        return [(prefix[i] - prefix[max(0, i - k)]) / k for i in range(n)]

    # The lead paragraph has no prose above it (like a teaser) but prose below it.
    next_ends3, prev_ends3 = ahead(p_ends, 3), behind(p_ends, 3)
    next_prose3, prev_prose3 = ahead(p_prose, 3), behind(p_prose, 3)

    is_short = [short(line) for line in lines]
    short_run = _runs(is_short)
    ends_run = _runs([line.ends for line in lines])
    # Lines since the previous prose line and until the next one.
    gap_above, gap_below = [0] * n, [0] * n
    seen = -1000
    for i in range(n):
        gap_above[i] = min(i - seen, 1000)
        if prose[i]:
            seen = i
    seen = n + 1000
    for i in range(n - 1, -1, -1):
        gap_below[i] = min(seen - i, 1000)
        if prose[i]:
            seen = i
    first, last = main_run(lines)
    # After a comments header below the main run of prose (a header above it is a
    # comment count or a share bar by the headline: the article still follows).
    in_comments = [0.0] * n
    zone = False
    for i in range(last + 1 if last >= 0 else n, n):
        in_comments[i] = 1.0 if zone else 0.0
        zone = zone or _comment_header(lines[i], low_words[i])
    # The last line of 25+ characters that ends a sentence or with a colon, if a colon.
    after_colon = [0.0] * n
    lead, lead_colon = -1000, False
    for i, line in enumerate(lines):
        after_colon[i] = 1.0 if lead_colon and i - lead <= 30 else 0.0
        if line.n_chars >= 25 and (line.ends or line.text.endswith(":")):
            lead, lead_colon = i, line.text.endswith(":")
    # Runs of lines that end no sentence: what comes just before and after them.
    run_start, run_end = list(range(n)), list(range(n))
    i = 0
    while i < n:
        j = i
        while j < n and not lines[j].ends:
            j += 1
        for k in range(i, j):
            run_start[k], run_end[k] = i, j - 1
        i = max(j, i + 1)
    spans = [_prose_span(lines, cost) for cost in SPAN_COSTS]
    median_chars = sorted(log_chars)[n // 2]
    out: list[list[float]] = []
    for i, line in enumerate(lines):
        text = line.text
        nw = max(1, line.n_words)
        nc = max(1, line.n_chars)
        letters = sum(map(str.isalpha, text)) or 1
        rule_anywhere = 1.0 if classify_line(text, zone=False) is not None else 0.0
        if first == -1:
            inside, before, after = 0.0, 1.0, 1.0
        else:
            inside = 1.0 if first <= i <= last else 0.0
            before = math.log1p(max(0, first - i)) / 5
            after = math.log1p(max(0, i - last)) / 5
        above = p_prose_chars[i] / total_prose
        below = (p_prose_chars[-1] - p_prose_chars[i + 1]) / total_prose
        if line.ends:
            after_prose = before_prose = 0.0
            run_len = 0
        else:
            a, b = run_start[i], run_end[i]
            after_prose = 1.0 if a > 0 and lines[a - 1].ends and lines[a - 1].n_chars >= 40 else 0.0
            before_prose = (
                1.0 if b + 1 < n and lines[b + 1].ends and lines[b + 1].n_chars >= 40 else 0.0
            )
            run_len = b - a + 1
        lo3, hi3 = max(0, i - 3), min(n, i + 4)
        out.append(
            [
                1.0,
                log_chars[i] / 6,
                math.log1p(line.n_words) / 4,
                ends[i],
                1.0 if text.endswith(":") else 0.0,
                sum(map(_PUNCT.__contains__, text)) / nc,
                1.0 if "," in text else 0.0,
                stops[i] / nw,
                1.0 if text[:1].isupper() else 0.0,
                sum(map(str.isupper, text)) / letters,
                sum(w[:1].isupper() for w in words[i]) / nw,
                sum(map(str.isdigit, text)) / nc,
                bullets[i],
                1.0 if ("|" in text or "»" in text or "›" in text) else 0.0,
                1.0 if ("http" in text or "www." in text or "@" in text) else 0.0,
                1.0 if text.endswith(("…", "...")) else 0.0,
                min(3, sum(w in _FURNITURE for w in low_words[i])) / 3,
                rule_anywhere,
                # the head-and-tail rules are the strong ones and a few weak ones
                rule_anywhere or (1.0 if classify_line(text, zone=True) is not None else 0.0),
                1.0 if counts[text] > 1 else 0.0,
                same_shape[i],
                w_shape3[i],
                prose[i],
                dated[i],
                table[i],
                (log_chars[i] - median_chars) / 6,
                i / max(1, n - 1),
                inside,
                before,
                after,
                above,
                below,
                4 * above * below,
                *_span_features(spans[0], i),
                *_span_features(spans[1], i),
                in_comments[i],
                log_chars[i - 1] / 6 if i else 0.0,
                log_chars[i + 1] / 6 if i + 1 < n else 0.0,
                ends[i - 1] if i else 0.0,
                ends[i + 1] if i + 1 < n else 0.0,
                w_chars1[i] / 6,
                w_chars3[i] / 6,
                w_chars8[i] / 6,
                w_ends2[i],
                w_ends6[i],
                w_prose3[i],
                w_bullets3[i],
                (p_stops[hi3] - p_stops[lo3]) / max(1.0, p_words[hi3] - p_words[lo3]),
                w_table3[i],
                w_dated3[i],
                w_turns4[i],
                math.log1p(short_run[i]) / 4,
                math.log1p(ends_run[i]) / 4,
                math.log1p(gap_above[i]) / 7,
                math.log1p(gap_below[i]) / 7,
                math.log1p(min(gap_above[i], gap_below[i])) / 7,
                math.log1p(max(gap_above[i], gap_below[i])) / 7,
                inside if is_short[i] else 0.0,
                math.log1p(short_run[i]) / 4 * (1.0 - inside),
                after_colon[i],
                after_prose,
                before_prose,
                after_prose * before_prose,
                after_prose * before_prose * math.log1p(run_len) / 4,
                next_ends3[i],
                prev_ends3[i],
                next_prose3[i],
                prev_prose3[i],
                1.0 if i == first else 0.0,
                1.0 if i == spans[0][0] else 0.0,
            ]
        )
    return out
