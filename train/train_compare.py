"""Train compare's learned decisions: stories and "covered" (``src/brieftui/compare/model.json``).

Development tool, not part of the package: needs scikit-learn (``pip install
scikit-learn``; numpy comes with brieftui), wordllama for the ``hybrid`` variants
(``pip install -e '.[semantic]'``), and the development data in ``../shared/data``
(read, never copied; see ``bench/devdata.py`` for what it is and the held-out split).

**Nothing here reads a held-out ECB+ topic** (number divisible by 3) or a held-out
page site: the models are trained on the other 25 topics, the training half of the
unrelated pages and the five gold briefs of ``tests/compare``; the held-out figures
are ``bench/compare_accuracy.py``'s.

1. **Stories** (:mod:`brieftui.compare.stories`): document pairs of briefs built from
   the training topics (each event alone, each topic's two events together, and
   random mixtures of topics with unrelated pages, and small folders of two to four
   stories), labelled by ECB+ event (a page is its own story). Every brief counts equally. Cross-validated by topic (two folds):
   pairwise F1 of the stories of a mixed brief of the other fold's topics, how many of
   its one-event briefs stay whole, and pairwise F1 on its topic briefs.
2. **Covered** (:mod:`brieftui.compare.covered`): the candidate passages a compare
   scores, for every passage holding a sentence of the ECB+ gold sentence list in each
   training topic's brief (scoped to the anchor's story as at run time), labelled 1
   when the candidate holds a sentence sharing an event instance with the anchor's
   (candidates holding no gold-list sentence are unannotated and left out); and the
   judged anchors of the gold briefs (an expected passage is 1, every other candidate
   of the source 0, and a source the gold says does not cover it all 0). Every labelled
   candidate is a row, a judgement's rows sharing its weight; the model both ranks a
   source's passages and decides whether the first one is shown. A second model, the
   *ranker*, is fitted on pairs of a right and a wrong candidate of one covering source:
   in paragraph-style scopes it orders the passages shown (:func:`.covered.order`).
   Cross-validated by topic (five folds) and, for the gold briefs, leaving each brief
   out: top-1 in the partner article (ECB+, as the bench counts it) and top-1 and
   "not covered" precision/recall (gold briefs), at the chosen cuts.

Both are fitted on standardised features (``LogisticRegression``, L2, ``C`` below);
the shipped models are fitted on all training data. Each decision has a ``lexical``
variant (comparer built with ``semantic_stage=False``) and a ``hybrid`` one (with
embeddings).

    .venv/bin/python train/train_compare.py               # both variants, CV report, write
    .venv/bin/python train/train_compare.py --no-write    # CV report only
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "compare"))

import compare_dev as cdev  # noqa: E402
import devdata as dd  # noqa: E402

from brieftui.compare import Comparer, covered, linear, semantic, stories  # noqa: E402
from brieftui.compare.index import PassageIndex  # noqa: E402

MODEL_PATH = ROOT / "src" / "brieftui" / "compare" / linear.MODEL_FILE
C_STORIES = 1.0
C_COVERED = 0.1
GOLD_WEIGHT = 8.0
"""A gold-brief row weighs this many ECB+ rows (they are few, and paragraphs, not sentences)."""
STORY_CUTS = {"merge": 0.3, "attach": 0.1}
"""Chosen on the two-fold cross-validation (merge 0.2–0.5, attach 0.1–0.3 tried)."""
SEED = 14


def train_topics() -> list[int]:
    return [t for t in dd.topics() if not dd.held_out_topic(t)]


def train_pages() -> list[dd.Page]:
    return [p for p in dd.pages() if not p.held_out]


# -- fitting ----------------------------------------------------------------------------
def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: list[str], c: float) -> dict:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((x - mean) / scale, y, sample_weight=w * len(w) / w.sum())
    return {
        "features": names,
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def fit_rank(judgements: list[Judgement], names: list[str], c: float) -> dict:
    """The ranking model of :func:`.covered.order`: a logistic regression on the
    differences of a right and a wrong candidate of one covering source (both ways round,
    no intercept), each judgement's pairs sharing its weight as in :func:`matrix`. Its
    score orders a source's passages; it says nothing of whether the source covers."""
    from sklearn.linear_model import LogisticRegression

    x, y, w = [], [], []
    for j in judgements:
        rows = j.annotated()
        pos = [np.asarray(r[1]) for r in rows if r[2]]
        neg = [np.asarray(r[1]) for r in rows if not r[2]]
        if not pos or not neg:
            continue
        weight = (GOLD_WEIGHT if j.source == "gold" else 1.0) / (len(pos) * len(neg))
        for p in pos:
            for n in neg:
                x += [p - n, n - p]
                y += [1, 0]
                w += [weight, weight]
    xa, wa = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    scale = xa.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(xa / scale, np.asarray(y), sample_weight=wa * len(wa) / wa.sum())
    return {
        "features": names,
        "mean": [0.0] * len(names),
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": 0.0,
    }


def as_model(data: dict, cuts: dict[str, float]) -> linear.Logistic:
    return linear.Logistic.from_json({**data, "cuts": cuts})


# -- stories ------------------------------------------------------------------------------
@dataclass
class StoryBrief:
    kind: str
    topics: list[int]
    paths: list[Path]
    story: dict[str, str]


def story_briefs(topics: list[int], seed: int, n_mixed: int = 40) -> list[StoryBrief]:
    rng = random.Random(seed)
    pages = train_pages()
    out = []
    for t in topics:
        docs = dd.docs_of(topic=t)
        story = {dd.doc_id_of(d.path): d.event_id for d in docs}
        for event in sorted({d.event_id for d in docs}):
            mine = [d for d in docs if d.event_id == event]
            out.append(StoryBrief("event", [t], [d.path for d in mine], story))
        out.append(StoryBrief("topic", [t], [d.path for d in docs], story))
    for _ in range(n_mixed):
        chosen = rng.sample(topics, rng.randint(2, len(topics)))
        paths: list[Path] = []
        story: dict[str, str] = {}
        for t in chosen:
            docs = dd.docs_of(topic=t)
            for event in sorted({d.event_id for d in docs}):
                if rng.random() < 0.6:
                    mine = [d for d in docs if d.event_id == event]
                    for d in rng.sample(mine, min(len(mine), rng.randint(2, 12))):
                        paths.append(d.path)
                        story[dd.doc_id_of(d.path)] = d.event_id
        for page in rng.sample(pages, rng.randint(0, min(10, len(pages)))):
            path = dd.page_path(page)
            paths.append(path)
            story[dd.doc_id_of(path)] = f"page:{page.key}"
        if len(paths) >= 3:
            out.append(StoryBrief("mixed", sorted(set(chosen)), paths, story))
    # small folders of a few stories (two to four events of different topics, three to
    # six articles each): where a brief's own similarity distribution says least
    for _ in range(n_mixed):
        chosen = rng.sample(topics, rng.randint(2, min(4, len(topics))))
        paths = []
        story = {}
        for t in chosen:
            docs = dd.docs_of(topic=t)
            event = rng.choice(sorted({d.event_id for d in docs}))
            mine = [d for d in docs if d.event_id == event]
            for d in rng.sample(mine, min(len(mine), rng.randint(3, 6))):
                paths.append(d.path)
                story[dd.doc_id_of(d.path)] = d.event_id
        for page in rng.sample(pages, rng.randint(0, 2)):
            path = dd.page_path(page)
            paths.append(path)
            story[dd.doc_id_of(path)] = f"page:{page.key}"
        out.append(StoryBrief("small", sorted(set(chosen)), paths, story))
    out += unrelated_briefs(topics, pages, rng, n_mixed)
    return out


def unrelated_briefs(
    topics: list[int], pages: list[dd.Page], rng: random.Random, n: int
) -> list[StoryBrief]:
    """Folders where every article tells another story (2 to 30 of them: one article of
    an event of each of several topics, and unrelated pages), and two-article folders,
    of one event or of two unrelated stories: where the brief's own similarity
    distribution says nothing (a mutual nearest neighbour is not a story by itself)."""
    by_topic = {t: dd.docs_of(topic=t) for t in topics}

    def unrelated(k: int) -> tuple[list[Path], dict[str, str]]:
        n_pages = rng.randint(0, min(k, len(pages)))
        chosen = rng.sample(topics, min(k - n_pages, len(topics)))
        paths, story = [], {}
        for t in chosen:
            d = rng.choice(by_topic[t])
            paths.append(d.path)
            story[dd.doc_id_of(d.path)] = d.event_id
        for page in rng.sample(pages, k - len(chosen)):
            path = dd.page_path(page)
            paths.append(path)
            story[dd.doc_id_of(path)] = f"page:{page.key}"
        return paths, story

    out = []
    for _ in range(n // 2):
        paths, story = unrelated(rng.randint(2, 30))
        out.append(StoryBrief("unrelated", [], paths, story))
    events: dict[str, list] = {}
    for t in topics:
        for d in by_topic[t]:
            events.setdefault(d.event_id, []).append(d)
    twos = [e for e in sorted(events) if len(events[e]) >= 2]
    for _ in range(n // 2):
        a, b = rng.sample(events[rng.choice(twos)], 2)
        story = {dd.doc_id_of(d.path): d.event_id for d in (a, b)}
        out.append(StoryBrief("pair", [], [a.path, b.path], story))
        paths, story = unrelated(2)
        out.append(StoryBrief("pair", [], paths, story))
    return out


def _embeddings(index: PassageIndex, hybrid: bool) -> np.ndarray | None:
    if not hybrid:
        return None
    embedder = semantic.load()
    assert embedder is not None
    texts = []
    for d, members in enumerate(index.doc_units):
        lead = " ".join(index.units[ui].text for ui in members[: stories.LEAD])
        texts.append(f"{index.titles[d]}\n{lead}")
    return embedder.embed(texts)


def story_rows(briefs: list[StoryBrief], hybrid: bool):
    xs, ys, ws, names = [], [], [], []
    for sb in briefs:
        brief = dd.load(sb.paths)
        index = PassageIndex.build(brief.documents)
        a, b, x, names = stories.pair_features(index, _embeddings(index, hybrid))
        if not len(a):
            continue
        # gold is keyed by file stem; a brief of several folders names its documents
        # otherwise (``topic_3/3_2ecb``, ``page_x~hash``): read each id's key
        keys = [dd.doc_key(doc_id) for doc_id in index.doc_ids]
        y = np.array([sb.story[keys[i]] == sb.story[keys[j]] for i, j in zip(a, b, strict=True)])
        xs.append(x)
        ys.append(y)
        ws.append(np.full(len(y), 1.0 / len(y)))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws), names


def story_eval(model: linear.Logistic, topics: list[int], hybrid: bool) -> dict:
    def groups_of(brief) -> list[list[str]]:
        index = PassageIndex.build(brief.documents)
        g = stories.group(index, _embeddings(index, hybrid), model)
        return [[index.doc_ids[d] for d in members] for members in g.groups]

    paths: list[Path] = []
    story: dict[str, str] = {}
    for t in topics:
        for d in dd.docs_of(topic=t):
            paths.append(d.path)
            story[dd.doc_id_of(d.path)] = d.event_id
    for page in train_pages():
        path = dd.page_path(page)
        paths.append(path)
        story[dd.doc_id_of(path)] = f"page:{page.key}"
    mixed = cdev.pairwise(groups_of(dd.load(paths)), story)
    whole = total = 0
    topic_prf = cdev.PRF()
    for t in topics:
        docs = dd.docs_of(topic=t)
        tstory = {dd.doc_id_of(d.path): d.event_id for d in docs}
        for event in sorted({d.event_id for d in docs}):
            total += 1
            whole += len(groups_of(dd.load([d.path for d in docs if d.event_id == event]))) == 1
        prf = cdev.pairwise(groups_of(dd.load([d.path for d in docs])), tstory)
        topic_prf.tp += prf.tp
        topic_prf.fp += prf.fp
        topic_prf.fn += prf.fn
    return {
        "mixed_f1": round(mixed.f1, 3),
        "mixed_precision": round(mixed.precision, 3),
        "mixed_recall": round(mixed.recall, 3),
        "one_story_whole": f"{whole}/{total}",
        "topic_f1": round(topic_prf.f1, 3),
    }


def train_stories(hybrid: bool) -> tuple[dict, dict]:
    topics = train_topics()
    folds = [topics[0::2], topics[1::2]]
    report = {}
    for k in (0, 1):
        train, test = folds[k], folds[1 - k]
        x, y, w, names = story_rows(story_briefs(train, SEED + k), hybrid)
        model = as_model(fit(x, y, w, names, C_STORIES), STORY_CUTS)
        report[f"fold{k}"] = story_eval(model, test, hybrid)
        print(f"  stories fold {k}: {report[f'fold{k}']}", flush=True)
    x, y, w, names = story_rows(story_briefs(topics, SEED), hybrid)
    return {**fit(x, y, w, names, C_STORIES), "cuts": STORY_CUTS}, report


# -- covered ------------------------------------------------------------------------------
@dataclass
class Judgement:
    """One (anchor, source) judgement and the candidate rows a compare scored for it."""

    source: str  # "ecb" or "gold"
    group: str  # the topic or gold brief (for cross-validation)
    targets: set[str]
    """Passages that are a right top-1 (empty: the source does not cover the anchor)."""
    judged: set[str] | None
    """For ECB+: the source's annotated passages (only they count as a top-1)."""
    rows: list[tuple[str, list[float], int, float]] = field(default_factory=list)
    """(passage id, features, label, rank score), best ranked first."""

    def annotated(self) -> list[tuple[str, list[float], int, float]]:
        """The rows whose label is known (for ECB+, passages of the gold sentence list)."""
        return [r for r in self.rows if self.judged is None or r[0] in self.judged]


def _comparer(brief, hybrid: bool) -> Comparer:
    return Comparer(brief.documents, semantic_stage=None if hybrid else False)


def ecb_judgements(topics: list[int], hybrid: bool) -> list[Judgement]:
    out = []
    for t in topics:
        docs = dd.docs_of(topic=t)
        brief = dd.load([d.path for d in docs])
        comparer = _comparer(brief, hybrid)
        index = comparer._index
        judged = cdev.gold_passages(brief, docs)
        partners = cdev.ecb_judgements(brief, docs)
        by_doc_judged: dict[str, set[str]] = defaultdict(set)
        for pid in judged:
            by_doc_judged[pid.rpartition(":")[0]].add(pid)
        for anchor in sorted(judged):
            found = comparer.candidates(anchor)
            mine = partners.get(anchor, {})
            anchor_doc = anchor.rpartition(":")[0]
            scope = comparer.scope(index.units[index.by_pid[anchor]].doc)
            docs_in_scope = range(len(index.doc_ids)) if scope is None else scope
            for d in docs_in_scope:
                doc_id = index.doc_ids[d]
                if doc_id == anchor_doc:
                    continue
                targets = set(mine.get(doc_id, ()))
                j = Judgement("ecb", f"topic{t}", targets, by_doc_judged[doc_id])
                for c in found.get(d, []):
                    pid = index.units[c.unit].pid
                    j.rows.append((pid, list(c.features or []), int(pid in targets), c.rank_score))
                j.rows.sort(key=lambda r: -r[3])
                out.append(j)
            # a partner outside the anchor's story: a judgement the scope already lost
            in_scope = {index.doc_ids[d] for d in docs_in_scope}
            for doc_id, targets in mine.items():
                if doc_id not in in_scope:
                    out.append(Judgement("ecb", f"topic{t}", set(targets), by_doc_judged[doc_id]))
    return out


def gold_judgements(hybrid: bool) -> list[Judgement]:
    import gold as gold_mod

    out = []
    for name in gold_mod.GOLD_FILES:
        gold, brief = gold_mod.load_gold(name)
        comparer = _comparer(brief, hybrid)
        index = comparer._index
        for item in gold["pairs"]:
            anchor = gold_mod.find_passage(brief, item["anchor"])
            found = comparer.candidates(anchor)
            by_id = {doc_id: d for d, doc_id in enumerate(index.doc_ids)}
            for prefix, expected in item["expect"].items():
                if expected is None:
                    continue
                doc_id = gold_mod.find_doc(brief, prefix)
                targets = {gold_mod.find_passage(brief, e) for e in expected}
                j = Judgement("gold", name, targets, None)
                for c in found.get(by_id[doc_id], []):
                    pid = index.units[c.unit].pid
                    j.rows.append((pid, list(c.features or []), int(pid in targets), c.rank_score))
                j.rows.sort(key=lambda r: -r[3])
                out.append(j)
    return out


def matrix(judgements: list[Judgement]):
    """Every annotated candidate of each judgement, 1 when it is a right match; a
    judgement's rows share its weight (each source weighs as one, however many
    passages it offers).

    Trained on every candidate, not only the one the lexical score puts first, the
    model also ranks a source's passages (:func:`.covered.order`): on the gold briefs,
    leave-one-brief-out, the right passage first when every source is shown 93 → 94 of
    118 (lexical), 101 → 103 (semantic); ECB+ top-1 by topic 0.851 → 0.863 (lexical).
    """
    x, y, w = [], [], []
    for j in judgements:
        rows = j.annotated()
        base = GOLD_WEIGHT if j.source == "gold" else 1.0
        for r in rows:
            x.append(r[1])
            y.append(r[2])
            w.append(base / len(rows))
    return np.asarray(x, dtype=np.float64), np.asarray(y), np.asarray(w, dtype=np.float64)


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    nc_tp: int = 0
    nc_fp: int = 0
    nc_fn: int = 0

    def as_dict(self) -> dict:
        p = self.nc_tp / (self.nc_tp + self.nc_fp) if self.nc_tp + self.nc_fp else 1.0
        r = self.nc_tp / (self.nc_tp + self.nc_fn) if self.nc_tp + self.nc_fn else 1.0
        return {
            "top1": round(self.right / self.total, 3) if self.total else None,
            "top1_of": self.total,
            "nc_precision": round(p, 3),
            "nc_recall": round(r, 3),
        }


STYLE = covered.LEXICAL.index("sentence_style")


def evaluate(
    judgements: list[Judgement],
    model: linear.Logistic,
    touches: float,
    ranker: linear.Logistic | None = None,
) -> dict[str, Tally]:
    """Top-1 and "not covered" as the bench counts them, from the candidate rows.

    As at run time (:func:`.covered.order`): a source's passages most probable first
    (ties in lexical rank order), in a paragraph-style scope those at or above
    ``touches`` first in the ``ranker``'s order; the source is covered when its most
    probable passage reaches ``touches``.
    """
    out = {"ecb": Tally(), "gold": Tally()}
    for j in judgements:
        shown = []
        if j.rows:
            x = np.asarray([r[1] for r in j.rows], dtype=np.float64)
            p = model.probabilities(x)
            ranked = sorted(range(len(j.rows)), key=lambda k: (-p[k], k))
            if ranker is not None and not x[0, STYLE]:
                r = ranker.scores(x)
                n = sum(1 for k in ranked if p[k] >= touches)
                ranked[:n] = sorted(ranked[:n], key=lambda k: (-r[k], -p[k], k))
            if p.max() >= touches:
                shown = [j.rows[k][0] for k in ranked][:5]
        t = out[j.source]
        if j.source == "ecb":
            if not j.targets:
                continue  # ECB+ says nothing of a source that shares no event instance
            t.total += 1
            top = next((pid for pid in shown if j.judged and pid in j.judged), None)
            t.right += top in j.targets
            continue
        if j.targets:
            t.total += 1
            t.right += bool(shown) and shown[0] in j.targets
            t.nc_fp += not shown
        elif shown:
            t.nc_fn += 1
        else:
            t.nc_tp += 1
    return out


TOUCHES = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
"""The "touches on it" cuts tried; the one closest to every target on cross-validation wins."""
REPORTS = 0.7
"""At this probability a source "reports this"."""


SENTENCE_TOUCHES = (0.1, 0.2, 0.3, 0.4, 0.5)
"""The "touches" cuts tried for sentence-style scopes (see :func:`.covered.cuts_for`)."""


def closeness(report: dict) -> float:
    """How near the gold briefs' cross-validated figures are to their targets (the worst
    ratio of figure to target): the paragraph cut is chosen on them."""
    return min(
        (report["gold"]["top1"] or 0) / 0.75,
        report["gold"]["nc_precision"] / 0.90,
        report["gold"]["nc_recall"] / 0.90,
    )


def sentence_cut(current: dict, variant: str) -> tuple[float, dict]:
    """The sentence-style "touches" cut: best ECB+ top-1 plus mixed-brief F1 on the
    *training* topics (the bench's own measures, ``held_out=False``)."""
    hybrid = variant == "hybrid"

    def make(brief):
        return Comparer(brief.documents, semantic_stage=None if hybrid else False)

    results = {}
    for cut in SENTENCE_TOUCHES:
        cuts = current["models"]["covered"][variant]["cuts"]
        cuts["touches_sentences"] = cut
        cuts["reports_sentences"] = max(cut + 0.3, 0.5)
        MODEL_PATH.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
        linear.models.cache_clear()
        top = cdev.ecb_top1(make, held_out=False)
        prf, *_ = cdev.mixed(make, held_out=False)
        results[cut] = {"ecb_top1": round(top.rate, 3), "mixed_f1": round(prf.f1, 3)}
        print(f"  sentence-style cut {cut}: {results[cut]}", flush=True)
    best = max(SENTENCE_TOUCHES, key=lambda c: (results[c]["ecb_top1"] + results[c]["mixed_f1"], c))
    return best, results


def train_covered(hybrid: bool) -> tuple[dict, dict, dict]:
    topics = train_topics()
    t0 = time.time()
    ecb = ecb_judgements(topics, hybrid)
    gold = gold_judgements(hybrid)
    print(f"  covered judgements: {len(ecb)} ECB+, {len(gold)} gold ({time.time() - t0:.0f} s)")
    names = list(covered.LEXICAL) + (list(covered.SEMANTIC) if hybrid else [])
    folds = [topics[k::5] for k in range(5)]
    gold_names = sorted({j.group for j in gold})
    tallies = {t: {"ecb": Tally(), "gold": Tally()} for t in TOUCHES}
    for fold in folds:
        held = {f"topic{t}" for t in fold}
        train = [j for j in ecb if j.group not in held] + gold
        model = as_model(fit(*matrix(train), names, C_COVERED), {})
        ranker = as_model(fit_rank(train, names, C_COVERED), {})
        test = [j for j in ecb if j.group in held]
        for cut in TOUCHES:
            got = evaluate(test, model, cut, ranker)["ecb"]
            tallies[cut]["ecb"].right += got.right
            tallies[cut]["ecb"].total += got.total
    for name in gold_names:
        train = ecb + [j for j in gold if j.group != name]
        model = as_model(fit(*matrix(train), names, C_COVERED), {})
        ranker = as_model(fit_rank(train, names, C_COVERED), {})
        test = [j for j in gold if j.group == name]
        for cut in TOUCHES:
            got = evaluate(test, model, cut, ranker)["gold"]
            for f in ("right", "total", "nc_tp", "nc_fp", "nc_fn"):
                setattr(tallies[cut]["gold"], f, getattr(tallies[cut]["gold"], f) + getattr(got, f))
    reports = {cut: {k: v.as_dict() for k, v in t.items()} for cut, t in tallies.items()}
    for cut, report in reports.items():
        print(f"  covered CV at {cut}: {report}", flush=True)
    best = max(TOUCHES, key=lambda cut: (closeness(reports[cut]), -cut))
    print(f"  chosen touches cut: {best}")
    data = fit(*matrix(ecb + gold), names, C_COVERED)
    cuts = {"reports": max(REPORTS, best), "touches": best}
    rank = fit_rank(ecb + gold, names, C_COVERED)
    return {**data, "cuts": cuts}, rank, {"touches": best, **reports[best]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--variant", choices=("both", "lexical", "hybrid"), default="both")
    parser.add_argument("--only", choices=("both", "stories", "covered"), default="both")
    args = parser.parse_args()
    if not dd.available():
        sys.exit(f"no development data in {dd.DATA}")
    current = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    variants = ["lexical", "hybrid"] if args.variant == "both" else [args.variant]
    if "hybrid" in variants and semantic.load() is None:
        sys.exit("the hybrid variant needs wordllama: pip install -e '.[semantic]'")
    cv = current.get("cross_validation", {})
    for variant in variants:
        hybrid = variant == "hybrid"
        if args.only in ("both", "stories"):
            print(f"{variant}: stories", flush=True)
            model, report = train_stories(hybrid)
            current["models"]["stories"][variant] = model
            cv.setdefault("stories", {})[variant] = report
            if not args.no_write:
                MODEL_PATH.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
                linear.models.cache_clear()
        if args.only in ("both", "covered"):
            print(f"{variant}: covered", flush=True)
            model, rank, report = train_covered(hybrid)
            current["models"]["covered"][variant] = model
            current["models"].setdefault("rank", {})[variant] = rank
            if not args.no_write:
                cut, sweep = sentence_cut(current, variant)
                model["cuts"]["touches_sentences"] = cut
                model["cuts"]["reports_sentences"] = max(cut + 0.3, 0.5)
                report["sentence_style"] = {"touches": cut, "training_topics": sweep}
                print(f"  chosen sentence-style cut: {cut}")
            cv.setdefault("covered", {})[variant] = report
    current["cross_validation"] = cv
    current["about"] = (
        "compare's learned decisions (brieftui.compare.linear): written by "
        "train/train_compare.py from the training topics of ../shared/data (see bench/devdata.py)"
    )
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
