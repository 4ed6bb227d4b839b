"""Train the whole-page line classifier (``src/brieftui/ingest/page_lines.json``).

Development tool, not part of the package: needs numpy, scikit-learn and inscriptis
(``pip install numpy scikit-learn inscriptis``) and the development set in
``../shared/data/article-extraction-dev`` (read, never copied).

Data: every development page converted to text whole with inscriptis (menus,
footers and all), one example per non-empty line, with the features of
:func:`brieftui.ingest.page.line_features`. A line is *article* when most of the
4-token shingles that touch it (with three tokens of context either side) are in
the page's ground-truth body; the headline (the page's title, when a line says
exactly that) is article too, so that it can become the document's title.

Evaluation is split by site (a site's pages are all in one fold): a model trained
on one half of the sites is scored on the other half and the other way round,
both as line precision/recall/F1 and as the benchmark's body F1 of what
``parse_document`` then keeps. The shipped model is trained on every page.

    .venv/bin/python train/train_page_lines.py            # evaluate, then write the model
    .venv/bin/python train/train_page_lines.py --page-test  # the page-likeness test only
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_extraction import (  # noqa: E402
    DEV,
    body_scores,
    shingles,
)

from brieftui.ingest import page  # noqa: E402
from brieftui.ingest.structure import parse_document  # noqa: E402

MODEL_PATH = ROOT / "src" / "brieftui" / "ingest" / page.MODEL_FILE
_TOKEN = re.compile(r"\w+")


def page_text(html: bytes) -> str:
    from inscriptis import get_text

    return get_text(html.decode("utf-8", "replace"))


def pages() -> list[dict]:
    truth = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for key in sorted(truth):
        html = gzip.decompress((DEV / "html" / f"{key}.html.gz").read_bytes())
        host = urlsplit(truth[key]["url"]).netloc.lower().removeprefix("www.")
        out.append(
            {
                "key": key,
                "host": host,
                "fold": hashlib.sha1(host.encode()).digest()[0] % 2,
                "html": html,
                "text": page_text(html),
                "gold": truth[key]["articleBody"],
            }
        )
    return out


def _title(html: bytes) -> str | None:
    try:
        import trafilatura

        meta = trafilatura.extract_metadata(html.decode("utf-8", "replace"))
    except Exception:
        return None
    return meta.title if meta is not None else None


def labels(lines: list[str], gold: str, title: str | None) -> list[int]:
    gold_set = set(shingles(gold))
    toks = [_TOKEN.findall(line) for line in lines]
    out = []
    for i, tokens in enumerate(toks):
        before = [t for line in toks[max(0, i - 3) : i] for t in line][-3:]
        after = [t for line in toks[i + 1 : i + 4] for t in line][:3]
        seq = before + tokens + after
        lo, hi = len(before), len(before) + len(tokens)
        touching = [tuple(seq[j : j + 4]) for j in range(len(seq) - 3) if j < hi and j + 4 > lo]
        hit = sum(s in gold_set for s in touching)
        out.append(1 if tokens and touching and hit >= 0.5 * len(touching) else 0)
    if title:
        want = " ".join(_TOKEN.findall(title)).lower()
        first = next((i for i, y in enumerate(out) if y), len(out))
        for i in range(first - 1, -1, -1):
            if " ".join(toks[i]).lower() == want:
                out[i] = 1
                break
    return out


def examples(items: list[dict]):
    import numpy as np

    rows, ys = [], []
    for item in items:
        lines = [line for line in item["text"].split("\n") if line.strip()]
        rows.extend(page.line_features(lines))
        ys.extend(item["labels"])
    return np.array(rows), np.array(ys)


def fit(items: list[dict]) -> page.LineModel:
    """Weights by logistic regression; the threshold that gives the training pages the
    best body F1 (the benchmark's metric over the kept lines)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x, y = examples(items)
    clf = LogisticRegression(C=1.0, max_iter=3000, fit_intercept=False)
    clf.fit(x, y)
    weights = tuple(float(w) for w in clf.coef_[0])
    probs = clf.predict_proba(x)[:, 1]
    spans, start = [], 0
    for item in items:
        lines = [line for line in item["text"].split("\n") if line.strip()]
        spans.append((lines, start))
        start += len(lines)

    def body_f1(t: float) -> float:
        pairs = []
        for (lines, at), item in zip(spans, items, strict=True):
            keep = probs[at : at + len(lines)] >= t
            pairs.append(("\n".join(np.array(lines, dtype=object)[keep]), item["gold"]))
        return body_scores(pairs)[2]

    best = max((body_f1(t), t) for t in [i / 100 for i in range(10, 81, 4)])
    return page.LineModel(weights, best[1])


def line_prf(pred, y) -> tuple[float, float, float]:
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def doc_body(doc) -> str:
    parts = []
    for section in doc.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(p.text for p in section.passages)
    return "\n".join(parts)


def evaluate(model: page.LineModel, items: list[dict]) -> dict:
    import numpy as np

    runs = [i for i in items if page.looks_like_page(i["text"])]  # where it runs
    x, y = examples(runs)
    probs = np.array(model.scores(x.tolist()))
    lp, lr, lf = line_prf((probs >= model.threshold).astype(int), y)
    page.load_model.cache_clear()
    original = page.load_model
    page.load_model = lambda: model  # parse_document uses this fold's model
    try:
        docs = [parse_document(Path("p.txt"), item["text"], doc_id="p") for item in items]
    finally:
        page.load_model = original
    ours = [(doc_body(doc), item["gold"]) for doc, item in zip(docs, items, strict=True)]

    def norm(text: str | None) -> str:
        return " ".join(_TOKEN.findall(text or "")).lower()

    titles = [norm(item.get("title")) for item in items]
    title_ok = sum(
        1
        for doc, t in zip(docs, titles, strict=True)
        if t
        and not doc.title_is_fallback
        and (norm(doc.title) == t or norm(doc.title) in t or t in norm(doc.title))
    )
    raw = [(item["text"], item["gold"]) for item in items]
    return {
        "pages": len(items),
        "sites": len({i["host"] for i in items}),
        "pages_classified": len(runs),
        "line_precision": round(lp, 3),
        "line_recall": round(lr, 3),
        "line_f1": round(lf, 3),
        "body_f1_brieftui": round(body_scores(ours)[2], 3),
        "body_f1_whole_text": round(body_scores(raw)[2], 3),
        "title_right": f"{title_ok}/{sum(1 for t in titles if t)}",
        "author_found": sum(d.author is not None for d in docs),
        "date_found": sum(d.date is not None for d in docs),
    }


def page_test(items: list[dict]) -> dict:
    """How the page-likeness test sorts whole pages, clean articles, seeds and fixtures."""
    clean = [item["gold"] for item in items]
    fixtures = [
        p.read_text(encoding="utf-8")
        for p in sorted([*ROOT.glob("tests/**/*.txt"), *ROOT.glob("tests/**/*.md")])
    ]
    seeds = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))]
    return {
        "pages_detected": f"{sum(map(page.looks_like_page, (i['text'] for i in items)))}/{len(items)}",
        "clean_articles_detected": f"{sum(map(page.looks_like_page, clean))}/{len(clean)}",
        "seeds_detected": f"{sum(map(page.looks_like_page, seeds))}/{len(seeds)}",
        "fixtures_detected": f"{sum(map(page.looks_like_page, fixtures))}/{len(fixtures)}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--page-test", action="store_true", help="only the page-likeness test")
    parser.add_argument("--no-write", action="store_true", help="evaluate, do not write the model")
    args = parser.parse_args()
    if not DEV.exists():
        print(f"development set not found at {DEV}; nothing to do")
        return 0
    items = pages()
    print(json.dumps(page_test(items), indent=2))
    if args.page_test:
        return 0
    for item in items:
        lines = [line for line in item["text"].split("\n") if line.strip()]
        item["title"] = _title(item["html"])
        item["labels"] = labels(lines, item["gold"], item["title"])
    results = {}
    for held_out in (0, 1):
        train = [i for i in items if i["fold"] != held_out]
        test = [i for i in items if i["fold"] == held_out]
        model = fit(train)
        results[f"held_out_fold_{held_out}"] = evaluate(model, test)
    print(json.dumps(results, indent=2))
    final = fit(items)
    data = {
        "about": "Whole-page line classifier for brieftui.ingest.page; "
        "written by train/train_page_lines.py",
        "features": list(page.FEATURES),
        "weights": [round(w, 5) for w in final.weights],
        "threshold": final.threshold,
        "trained_on": f"{len(items)} development pages, {len({i['host'] for i in items})} sites",
        "site_held_out": results,
    }
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
