"""Train the whole-page line classifier (``src/brieftui/ingest/page_lines.json``).

Development tool, not part of the package: needs numpy, scikit-learn and inscriptis
(``pip install numpy scikit-learn inscriptis``) and the development set in
``../shared/data/article-extraction-dev`` (read, never copied).

Data: every development page converted to text whole with inscriptis (menus,
footers and all), one example per non-empty line, with the features of
:func:`brieftui.ingest.page_features.line_features`. A line is *article* when most of the
4-token shingles that touch it (with three tokens of context either side) are in
the page's ground-truth body. Nothing else is labelled article: the headline is not
in any ground-truth body here (0 of 80), so it is not labelled (an earlier version
labelled it article, which the model could not learn and which counted as a miss on
~1 line a page); :func:`brieftui.ingest.page._keep_head` picks the headline above the
article by its shape and the words it shares with the article, for the document's
title, scored separately (``title_right``).

The split, fixed before any tuning: two outer folds by site (``sha1(host)[0] % 2``;
every page of a site is in one fold). A model trained on one half of the sites is
scored on the other half, and the other way round: line precision/recall/F1 of the
classifier's decision on the pages where the page test fires (what the classifier
sees), and the benchmark's body F1 of what ``parse_document`` keeps on every page.
The model is trained on the pages the page test passes (the only pages it ever
sees) and decides at probability 0.5. The other choices (the regularisation ``C``
and the smoothing's switch cost) are made by inner cross-validation inside the
training half: three inner folds by site (``sha1("inner:" + host)[0] % 3``), on the
mean of the pooled line F1 (the issue's figure) and the body F1 of the kept lines
(the benchmark's, which weighs every page alike); the plain model (``C`` 1, no
smoothing) stays unless another setting beats it there by more than ``MARGIN``
(see :func:`choose`). Tuning the threshold the same way was tried and was unstable
(0.4 in one half, 0.6 in the other, by less than the noise between halves). The
held-out half is never used to choose a number; the feature ideas, though, came
from reading the classifier's errors on the pages of both halves, so the held-out
figures are somewhat optimistic. The shipped model is trained on every page, with
choices made by the same three-fold site cross-validation over all of them.

    .venv/bin/python train/train_page_lines.py              # evaluate, then write the model
    .venv/bin/python train/train_page_lines.py --no-write   # evaluate only
    .venv/bin/python train/train_page_lines.py --page-test  # the page-likeness test only
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
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
    kept_text,
    shingles,
)

from brieftui.ingest import page  # noqa: E402
from brieftui.ingest.structure import parse_document  # noqa: E402

MODEL_PATH = ROOT / "src" / "brieftui" / "ingest" / page.MODEL_FILE
ECB = DEV.parent / "ecbplus-dev"
_TOKEN = re.compile(r"\w+")

OUTER_FOLDS = 2
INNER_FOLDS = 3
C_GRID = (0.3, 1.0, 3.0)
THRESHOLDS = (0.5,)
SWITCH_COSTS = (0.0, 1.0, 2.0, 4.0)
DEFAULT = {"C": 1.0, "threshold": 0.5, "switch_cost": 0.0}
MARGIN = 0.01


def _fold(host: str, salt: str, k: int) -> int:
    return hashlib.sha1((salt + host).encode()).digest()[0] % k


def page_text(html: bytes) -> str:
    from inscriptis import get_text

    return get_text(html.decode("utf-8", "replace"))


def _title(html: bytes) -> str | None:
    try:
        import trafilatura

        meta = trafilatura.extract_metadata(html.decode("utf-8", "replace"))
    except Exception:
        return None
    return meta.title if meta is not None else None


def labels(lines: list[str], gold: str) -> list[int]:
    """1 for a line whose touching 4-token shingles are mostly in the ground truth."""
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
    return out


def headline_labels(lines: list[str], ys: list[int], title: str | None) -> list[int]:
    """The labels of the earlier version: the headline line above the article is article too.

    Only to compare with the figures reported before (see the module docstring).
    """
    out = list(ys)
    if title:
        want = " ".join(_TOKEN.findall(title)).lower()
        first = next((i for i, y in enumerate(out) if y), len(out))
        for i in range(first - 1, -1, -1):
            if " ".join(_TOKEN.findall(lines[i])).lower() == want:
                out[i] = 1
                break
    return out


def pages() -> list[dict]:
    import numpy as np

    truth = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for key in sorted(truth):
        html = gzip.decompress((DEV / "html" / f"{key}.html.gz").read_bytes())
        host = urlsplit(truth[key]["url"]).netloc.lower().removeprefix("www.")
        text = page_text(html)
        lines = [line for line in text.split("\n") if line.strip()]
        title = _title(html)
        ys = labels(lines, truth[key]["articleBody"])
        out.append(
            {
                "key": key,
                "host": host,
                "fold": _fold(host, "", OUTER_FOLDS),
                "inner": _fold(host, "inner:", INNER_FOLDS),
                "text": text,
                "lines": lines,
                "gold": truth[key]["articleBody"],
                "title": title,
                "runs": page.looks_like_page(text),
                "x": np.array(page.line_features(lines)),
                "y": np.array(ys),
                "y_headline": np.array(headline_labels(lines, ys, title)),
            }
        )
    return out


def fit(items: list[dict], c: float) -> tuple[float, ...]:
    """Logistic-regression weights (no separate intercept: ``bias`` is a feature).

    Trained on the pages the page test passes: the only pages the classifier sees.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    items = [i for i in items if i["runs"]]
    clf = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    clf.fit(np.vstack([i["x"] for i in items]), np.concatenate([i["y"] for i in items]))
    return tuple(float(w) for w in clf.coef_[0])


def _counts(pred, y) -> tuple[int, int, int]:
    import numpy as np

    pred = np.asarray(pred, dtype=bool)
    y = np.asarray(y, dtype=bool)
    return int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose(items: list[dict]) -> dict:
    """``C`` and the switch cost (and the threshold, if offered) by inner site cross-validation.

    The criterion is the mean of the pooled line F1 and the body F1 of the kept
    lines over the inner held-out pages. With ~30 sites in a training half that
    surface is flat and noisy (differences of 0.01 flip between halves), so the
    plain logistic regression (:data:`DEFAULT`) stays unless another setting beats
    it by more than :data:`MARGIN`: a guard against choosing noise.
    """
    import numpy as np

    scored = []
    for c in C_GRID:
        logits = {}  # out-of-fold log-odds of every page the test passes
        for k in range(INNER_FOLDS):
            w = np.array(fit([i for i in items if i["inner"] != k], c))
            for i in items:
                if i["inner"] == k and i["runs"]:
                    logits[i["key"]] = (i["x"] @ w).tolist()
        for t, cost in itertools.product(THRESHOLDS, SWITCH_COSTS):
            offset = float(np.log(t / (1 - t)))
            tp = fp = fn = 0
            bodies = []
            for i in items:
                if i["key"] in logits:
                    pred = page.decide([z - offset for z in logits[i["key"]]], cost)
                    a, b, d = _counts(pred, i["y"])
                    tp, fp, fn = tp + a, fp + b, fn + d
                    kept = [line for line, k in zip(i["lines"], pred, strict=True) if k]
                    bodies.append(("\n".join(kept), i["gold"]))
            line_f1, body_f1 = _prf(tp, fp, fn)[2], body_scores(bodies)[2]
            setting = {"C": c, "threshold": t, "switch_cost": cost}
            scored.append(
                (
                    (line_f1 + body_f1) / 2,
                    {
                        **setting,
                        "inner_cv_line_f1": round(line_f1, 3),
                        "inner_cv_body_f1": round(body_f1, 3),
                    },
                )
            )
    default = next(s for s in scored if all(s[1][k] == v for k, v in DEFAULT.items()))
    best = max(scored, key=lambda s: s[0])
    return best[1] if best[0] > default[0] + MARGIN else default[1]


def train(items: list[dict]) -> tuple[page.LineModel, dict]:
    choice = choose(items)
    weights = fit(items, choice["C"])
    return page.LineModel(weights, choice["threshold"], choice["switch_cost"]), choice


def evaluate(model: page.LineModel, items: list[dict]) -> dict:
    runs = [i for i in items if i["runs"]]  # where the classifier runs
    totals = {"y": [0, 0, 0], "y_headline": [0, 0, 0]}
    for item in runs:
        pred = model.decide(item["x"].tolist())
        for name, acc in totals.items():
            for j, v in enumerate(_counts(pred, item[name])):
                acc[j] += v
    lp, lr, lf = _prf(*totals["y"])
    hp, hr, hf = _prf(*totals["y_headline"])
    page.load_model.cache_clear()
    original = page.load_model
    page.load_model = lambda: model  # parse_document uses this fold's model
    try:
        docs = [parse_document(Path("p.txt"), item["text"], doc_id="p") for item in items]
    finally:
        page.load_model = original
    ours = [(kept_text(doc), item["gold"]) for doc, item in zip(docs, items, strict=True)]

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
        "lines_classified": sum(len(i["y"]) for i in runs),
        "article_lines": sum(int(i["y"].sum()) for i in runs),
        "line_precision": round(lp, 3),
        "line_recall": round(lr, 3),
        "line_f1": round(lf, 3),
        "line_p_r_f1_headline_labels": [round(hp, 3), round(hr, 3), round(hf, 3)],
        "body_f1_brieftui": round(body_scores(ours)[2], 3),
        "body_f1_whole_text": round(body_scores(raw)[2], 3),
        "title_right": f"{title_ok}/{sum(1 for t in titles if t)}",
        "author_found": sum(d.author is not None for d in docs),
        "date_found": sum(d.date is not None for d in docs),
    }


def clean_texts() -> dict[str, list[str]]:
    """Texts that are articles, not pages: the page test must pass none of them."""
    whole = ROOT / "tests" / "ingest" / "fixtures" / "whole_page"
    fixtures = [
        p
        for p in sorted([*ROOT.glob("tests/**/*.txt"), *ROOT.glob("tests/**/*.md")])
        if whole not in p.parents
    ]
    sets = {
        "seeds": sorted(ROOT.glob("seeds/*.txt")),
        "test_fixtures": fixtures,
        "ecbplus_dev_articles": sorted(ECB.glob("topic_*/*.txt")),
    }
    return {name: [p.read_text(encoding="utf-8") for p in paths] for name, paths in sets.items()}


def page_test(items: list[dict]) -> dict:
    """How the page-likeness test sorts whole pages and clean articles (false positives)."""
    texts = clean_texts()
    texts["ground_truth_bodies"] = [item["gold"] for item in items]
    out = {"whole_pages_detected": f"{sum(i['runs'] for i in items)}/{len(items)}"}
    for name, group in texts.items():
        out[f"{name}_detected"] = f"{sum(map(page.looks_like_page, group))}/{len(group)}"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--page-test", action="store_true", help="only the page-likeness test")
    parser.add_argument("--no-write", action="store_true", help="evaluate, do not write the model")
    args = parser.parse_args()
    if not DEV.exists():
        print(f"development set not found at {DEV}; nothing to do")
        return 0
    items = pages()
    tested = page_test(items)
    print(json.dumps(tested, indent=2))
    if args.page_test:
        return 0
    results = {}
    for held_out in range(OUTER_FOLDS):
        model, choice = train([i for i in items if i["fold"] != held_out])
        results[f"held_out_fold_{held_out}"] = {
            **evaluate(model, [i for i in items if i["fold"] == held_out]),
            "chosen_by_inner_cv": choice,
        }
        print(json.dumps({f"held_out_fold_{held_out}": results[f"held_out_fold_{held_out}"]}))
    final, choice = train(items)
    data = {
        "about": "Whole-page line classifier for brieftui.ingest.page; "
        "written by train/train_page_lines.py",
        "features": list(page.FEATURES),
        "weights": [round(w, 5) for w in final.weights],
        "threshold": final.threshold,
        "switch_cost": final.switch_cost,
        "trained_on": f"{len(items)} development pages, {len({i['host'] for i in items})} sites",
        "chosen_by_cv": choice,
        "site_held_out": results,
        "page_test": tested,
    }
    print(json.dumps({"final": choice}))
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
