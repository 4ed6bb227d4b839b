"""Article extraction on the development set: web pages and whole pages saved as text.

Reads ``../shared/data/article-extraction-dev`` (80 pages from about 60 sites with
ground-truth bodies; never copied into the project) and prints, as JSON:

* ``html``: the benchmark's body F1 of what brieftui keeps from each page (section
  headings and passages, as ``brieftui index --json`` shows them) beside
  trafilatura's own ``extract(html, include_comments=False)`` (how the benchmark
  runs it) in the same run; how often title, author, date, publisher, URL and
  description are found; milliseconds per page; how many lines the furniture rules
  removed from trafilatura's text, and which of them (three words or more) are in
  the ground-truth body (rules must never drop prose: these pages were not used to
  write them).
* ``whole_page_text``: each page converted to text whole with inscriptis (menus and
  footers included; a development tool, ``pip install inscriptis``), read by
  brieftui as a ``.txt``: body F1 of the raw text and of what brieftui keeps, how
  often the page-likeness test fires on these pages and on texts that are articles
  (the ground-truth bodies, the seeds, the test fixtures and, when present, the
  ECB+ development articles: false positives, which must stay 0), milliseconds per
  page for the whole parse and for the line classifier alone. The shipped line model
  was trained on these pages, so its figure here is a training figure; the
  site-held-out figures (line precision/recall/F1 and body F1 per fold) are the ones
  ``train/train_page_lines.py`` reports (also stored in ``page_lines.json``), printed
  here as ``held_out``.

The metric (the benchmark's): tokens are ``\\w+`` runs, multisets of 4-token
shingles; per page precision and recall; precision averaged over pages where
something was extracted, recall over pages with a ground truth; F1 of the means.

    .venv/bin/python bench/bench_extraction.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_RELATIVE = Path("shared") / "data" / "article-extraction-dev"
# ../shared from a clone; from a git worktree two levels down (wt/NAME), ../../shared.
DEV = next(
    (p / _RELATIVE for p in (ROOT.parent, ROOT.parent.parent) if (p / _RELATIVE).exists()),
    ROOT.parent / _RELATIVE,
)
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def body_scores(pairs: list[tuple[str | None, str]]) -> tuple[float, float, float]:
    """(precision, recall, F1) over ``(extracted, ground truth)`` pairs, as the benchmark does."""
    precisions, recalls = [], []
    for pred, gold in pairs:
        p, g = shingles(pred or ""), shingles(gold)
        tp = sum((p & g).values())
        if sum(p.values()):
            precisions.append(tp / sum(p.values()))
        if sum(g.values()):
            recalls.append(tp / sum(g.values()))
    prec = sum(precisions) / len(precisions) if precisions else 0.0
    rec = sum(recalls) / len(recalls) if recalls else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def kept_text(doc: Any) -> str:
    """What a reader sees of a document: its section headings and passages, in order."""
    if doc is None:
        return ""
    parts: list[str] = []
    for section in doc.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(p.text for p in section.passages)
    return "\n".join(parts)


def _round(values: tuple[float, ...]) -> list[float]:
    return [round(v, 3) for v in values]


def bench_html(pages: list[tuple[str, bytes, str]]) -> dict[str, Any]:
    import trafilatura

    from brieftui.ingest.parallel import parse_html_file

    ours, theirs = [], []
    removed: list[str] = []
    removed_in_gold: list[str] = []
    ours_s = theirs_s = 0.0
    found = dict.fromkeys(("title", "author", "date", "publisher", "url", "description"), 0)
    parse_html_file(Path("warm.html"), pages[0][1], "warm")  # imports, outside the timing
    for key, html, gold in pages:
        start = time.perf_counter()
        doc, _ = parse_html_file(Path(f"{key}.html"), html, key)
        ours_s += time.perf_counter() - start
        ours.append((kept_text(doc), gold))
        for name in found:
            found[name] += doc is not None and getattr(doc, name) is not None
        if doc is not None:
            gold_tokens = " " + " ".join(_TOKEN.findall(gold)) + " "
            for line in doc.removed:
                tokens = " ".join(_TOKEN.findall(line))
                if not tokens or line == doc.title:
                    continue
                removed.append(line)
                if len(tokens.split()) >= 3 and f" {tokens} " in gold_tokens:
                    removed_in_gold.append(line)
        start = time.perf_counter()
        text = trafilatura.extract(html.decode("utf-8", "replace"), include_comments=False)
        theirs_s += time.perf_counter() - start
        theirs.append((text or "", gold))
    n = len(pages)
    return {
        "pages": n,
        "brieftui_p_r_f1": _round(body_scores(ours)),
        "trafilatura_p_r_f1": _round(body_scores(theirs)),
        "metadata_found": {k: f"{v}/{n}" for k, v in found.items()},
        "lines_removed_by_rules": len(removed),
        "of_which_in_ground_truth": removed_in_gold,
        "ms_per_page_brieftui": round(1000 * ours_s / n, 1),
        "ms_per_page_trafilatura": round(1000 * theirs_s / n, 1),
    }


def _clean_texts() -> dict[str, list[str]]:
    """Articles, not pages: the page test must pass none of them (its false positives)."""
    whole = ROOT / "tests" / "ingest" / "fixtures" / "whole_page"
    fixtures = [
        p
        for p in sorted([*ROOT.glob("tests/**/*.txt"), *ROOT.glob("tests/**/*.md")])
        if whole not in p.parents
    ]
    groups = {
        "seeds": sorted(ROOT.glob("seeds/*.txt")),
        "test_fixtures": fixtures,
        "ecbplus_dev_articles": sorted((DEV.parent / "ecbplus-dev").glob("topic_*/*.txt")),
    }
    return {k: [p.read_text(encoding="utf-8") for p in v] for k, v in groups.items() if v}


def bench_text(pages: list[tuple[str, bytes, str]]) -> dict[str, Any]:
    try:
        from inscriptis import get_text
    except ImportError:
        return {"skipped": "inscriptis is not installed (pip install inscriptis)"}
    from brieftui.ingest import page
    from brieftui.ingest.structure import parse_document

    texts = [(key, get_text(html.decode("utf-8", "replace")), gold) for key, html, gold in pages]
    ours = []
    seconds = classifier_seconds = 0.0
    detected = lines = 0
    parse_document(Path("warm.txt"), texts[0][1])  # imports and the model, outside the timing
    for key, text, gold in texts:
        start = time.perf_counter()
        doc = parse_document(Path(f"{key}.txt"), text, doc_id=key)
        seconds += time.perf_counter() - start
        start = time.perf_counter()
        if page.looks_like_page(text):
            page.keep_article_lines(text)
            classifier_seconds += time.perf_counter() - start
            detected += 1
            lines += sum(1 for line in text.split("\n") if line.strip())
        ours.append((kept_text(doc), gold))
    clean = {"ground_truth_bodies": [gold for _, _, gold in texts], **_clean_texts()}
    model = json.loads((ROOT / "src/brieftui/ingest/page_lines.json").read_text(encoding="utf-8"))
    keys = ("line_precision", "line_recall", "line_f1", "body_f1_brieftui", "title_right")
    return {
        "pages": len(texts),
        "detected_as_whole_page": f"{detected}/{len(texts)}",
        "page_test_false_positives": {
            name: f"{sum(map(page.looks_like_page, group))}/{len(group)}"
            for name, group in clean.items()
        },
        "whole_text_p_r_f1": _round(body_scores([(t, g) for _, t, g in texts])),
        "brieftui_p_r_f1_training_figure": _round(body_scores(ours)),
        "held_out": {
            fold: {k: figures[k] for k in keys if k in figures}
            for fold, figures in model.get("site_held_out", {}).items()
        },
        "ms_per_page_brieftui": round(1000 * seconds / len(texts), 1),
        "ms_per_page_classifier": round(1000 * classifier_seconds / max(1, detected), 1),
        "lines_per_classified_page": round(lines / max(1, detected)),
    }


def main() -> int:
    if not DEV.exists():
        print(f"skipped: the development set is not at {DEV}")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    truth = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (key, gzip.decompress((DEV / "html" / f"{key}.html.gz").read_bytes()), value["articleBody"])
        for key, value in sorted(truth.items())
    ]
    print(json.dumps({"html": bench_html(pages), "whole_page_text": bench_text(pages)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
