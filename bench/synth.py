"""Deterministic synthetic briefs for benchmarks and load tests.

``write_brief(out_dir, n_articles, seed)`` writes ``n_articles`` ``.txt`` files
that look like the scraped seeds: a view counter or byline, a title, a date line,
~20 paragraphs under a few headings, and the boilerplate a scraper drags in
(share prompts glued to a sentence, "READ ALSO:" links, comment forms, a tag
list). Sentences come from the seed articles with some words swapped for
generated variants, so the vocabulary is realistic and keeps growing with N
(search and compare benchmarks need that). The same ``(n_articles, seed)``
always gives byte-identical files. ~8 KB per article: 5,000 articles ≈ 40 MB.
"""

from __future__ import annotations

import random
import re
import sys
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_WORD = re.compile(r"[A-Za-z]{5,}")

_SYLLABLES = tuple(
    [
        "ka",
        "ro",
        "mi",
        "len",
        "tor",
        "vas",
        "pel",
        "dri",
        "sun",
        "ao",
        "bel",
        "quin",
        "mar",
        "tes",
        "lo",
        "vin",
        "gra",
        "hel",
        "dor",
        "fen",
        "sal",
        "rik",
        "ber",
        "mon",
        "tal",
        "gus",
        "ne",
        "ori",
        "pan",
        "zet",
    ]
)

_MONTHS = tuple(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)

_OUTLETS = ("Daily Ledger", "Atlantic Wire", "Global Monitor", "Prime Courier", "Northern Post")
_NAMES = ("Jane Doe", "Marcus Webb", "Aisha Bello", "Tomás Ruiz", "Lena Fischer", "Kofi Mensah")

_SHARE = (
    "Join our WhatsApp Channel",
    "Follow us on Twitter",
    "Subscribe to our newsletter",
    "Share this article",
)


@cache
def _seed_material() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Body sentences and heading-like lines from the seed articles."""
    sentences: list[str] = []
    headings: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line:
                continue
            if len(line) < 90 and line[-1] not in ".!?":
                if line[0].isupper() and len(line.split()) >= 3:
                    headings.append(line.rstrip(":?"))
                continue
            for sentence in _SENTENCE.split(line):
                if (
                    len(sentence) > 40
                    and sentence[0].isupper()
                    and sentence[-1] in '.!?”"'
                    and "Join our" not in sentence
                ):
                    sentences.append(sentence)
    return tuple(sentences), tuple(headings)


def _variant(rng: random.Random, n_words: int) -> str:
    """A pronounceable made-up word; the pool size grows with the brief."""
    k = rng.randrange(max(50, n_words))
    local = random.Random(k)
    return "".join(local.choice(_SYLLABLES) for _ in range(local.randint(2, 4)))


def _vary(sentence: str, rng: random.Random, pool: int) -> str:
    def swap(m: re.Match[str]) -> str:
        if rng.random() < 0.12:
            word = _variant(rng, pool)
            return word.capitalize() if m.group(0)[0].isupper() else word
        return m.group(0)

    return _WORD.sub(swap, sentence)


def _paragraph(rng: random.Random, sentences: tuple[str, ...], pool: int) -> str:
    return " ".join(_vary(rng.choice(sentences), rng, pool) for _ in range(rng.randint(2, 4)))


_TEMPLATES = (
    "{a} met {b} in {place} on {month} {day}, and {n} delegates followed the talks.",
    "According to {a}, the {thing} in {place} will cost {n} million over two years.",
    "{b} said on {month} {day} that the {thing} agreed with {a} would hold.",
    "Officials in {place} confirmed that {n} people were affected by the {thing}.",
    "{a} rejected the account given by {b}, calling the {thing} a mistake.",
)


def _story_sentence(story: int, rng: random.Random, seed: int) -> str:
    """A sentence of story ``story``: its own names, place, figure, date and subject."""
    srng = random.Random(f"story:{seed}:{story}")
    a, b, place, thing = (
        "".join(srng.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in range(4)
    )
    return rng.choice(_TEMPLATES).format(
        a=f"{a} {b}",
        b=f"{place}ski",
        place=f"{place}ville",
        thing=thing.lower() + " plan",
        n=srng.randint(12, 900),
        month=_MONTHS[srng.randrange(12)],
        day=srng.randint(1, 28),
    )


def article_text(index: int, n_articles: int, seed: int = 0, story_size: int = 0) -> str:
    """The text of synthetic article ``index`` (deterministic).

    ``story_size``: articles ``k · story_size`` to ``(k + 1) · story_size - 1`` tell one
    story (its names, place, figure and date recur in about a third of their
    paragraphs), so that a brief has stories as real folders do; 0 for none.
    """
    rng = random.Random(f"{seed}:{index}")
    sentences, headings = _seed_material()
    pool = 200 + 20 * n_articles
    lines: list[str] = []
    if rng.random() < 0.4:
        lines += [f"{rng.randint(1, 900)} views {rng.randint(2, 12)} mins 0 comments", ""]
    title = rng.choice(headings) + f" ({_variant(rng, pool).capitalize()})"
    lines.append(title)
    lines.append("")
    if rng.random() < 0.7:
        lines.append(f"By {rng.choice(_NAMES)}")
    day, month, year = rng.randint(1, 28), rng.choice(_MONTHS), rng.choice((2024, 2025))
    lines.append(rng.choice((f"{month} {day:02d}, {year}", f"{day} {month} {year}")))
    lines.append("")
    n_paragraphs = rng.randint(18, 22)
    heading_at = set(rng.sample(range(2, n_paragraphs), 4))
    for p in range(n_paragraphs):
        if p in heading_at:
            lines += [_vary(rng.choice(headings), rng, pool), ""]
        text = _paragraph(rng, sentences, pool)
        if story_size and rng.random() < 0.35:
            text = _story_sentence(index // story_size, rng, seed) + " " + text
        if p == 1 and rng.random() < 0.5:
            text = rng.choice(_SHARE) + text
        lines += [text, ""]
        if rng.random() < 0.06:
            lines += [f"READ ALSO: {_vary(rng.choice(headings), rng, pool)}", ""]
    if rng.random() < 0.5:
        lines += [f"{rng.choice(_NAMES)} is a correspondent for {rng.choice(_OUTLETS)}.", ""]
    if rng.random() < 0.5:
        lines += ["Leave a Reply", "", "Your email address will not be published."]
    else:
        lines += ["Donald Trump Nato Russia Ukraine"]
    return "\n".join(lines) + "\n"


def write_brief(out_dir: Path, n_articles: int, seed: int = 0, story_size: int = 0) -> Path:
    """Write a synthetic brief of ``n_articles`` files into ``out_dir``; return ``out_dir``.

    ``story_size``: group the articles into stories of this many (see :func:`article_text`).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    width = max(4, len(str(n_articles)))
    for i in range(n_articles):
        path = out_dir / f"synth_{i:0{width}d}.txt"
        path.write_text(article_text(i, n_articles, seed, story_size), encoding="utf-8")
    return out_dir


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench/.data/synth")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    write_brief(target, count)
    total = sum(p.stat().st_size for p in target.glob("*.txt"))
    print(f"{count} articles, {total / 1e6:.1f} MB in {target}")
