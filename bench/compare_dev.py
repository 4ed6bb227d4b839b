"""Compare's figures on the development data (ECB+ and unrelated single articles).

The measures (issue 14, point 5), each a function of a ``make`` callable that turns a
loaded brief into what is measured (a :class:`~brieftui.compare.Comparer`, so that
the bench can build it with or without the semantic stage):

* :func:`ecb_top1`: one brief per ECB+ event (its articles, several outlets); for each
  passage holding a sentence of the ECB+ gold sentence list, and each other article
  with a sentence that shares an event instance with it, is the best match shown in
  that article one of those sentences' passages? "Not covered" is a miss. Also, source
  by source (:attr:`Top1.sources`), is "covered" said right inside the event's brief:
  an article whose gold-list sentences share no event instance with the anchor's does
  not cover it (ECB+ annotates whole sentences, so this undercounts a little what an
  article reports in sentences off the list).
* :func:`mixed`: one brief of every article of the chosen topics plus the unrelated
  single articles; for the lead passage of each article, precision and recall of the
  sources said to cover it (right = the other articles of the same ECB+ event).
* :func:`story_scores`: stories of the mixed brief against the ECB+ events (each
  single article its own story): pairwise precision, recall, F1; how many one-event
  briefs stay one story; pairwise F1 on each topic's brief (two similar events).

Which topics: ``held_out=True`` measures the held-out topics (see ``devdata``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import devdata as dd


def _share(right: int, wrong: int) -> float:
    return right / (right + wrong) if right + wrong else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    """Counted only where the negatives are known (ECB+ sources: "not covered" figures)."""

    @property
    def precision(self) -> float:
        return _share(self.tp, self.fp)

    @property
    def recall(self) -> float:
        return _share(self.tp, self.fn)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def nc_precision(self) -> float:
        """Of the "not covered" answers, how many are right (the negatives as positives)."""
        return _share(self.tn, self.fn)

    @property
    def nc_recall(self) -> float:
        return _share(self.tn, self.fp)

    @property
    def nc_f1(self) -> float:
        return _f1(self.nc_precision, self.nc_recall)

    def as_dict(self) -> dict[str, float]:
        """Covered and "not covered" precision, recall and F1, rounded."""
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "nc_precision": round(self.nc_precision, 3),
            "nc_recall": round(self.nc_recall, 3),
            "nc_f1": round(self.nc_f1, 3),
            "sources": self.tp + self.fp + self.fn + self.tn,
        }


@dataclass
class Top1:
    right: int = 0
    total: int = 0
    not_covered: int = 0
    failures: list[str] = field(default_factory=list)
    sources: PRF = field(default_factory=lambda: PRF())
    reports: PRF = field(default_factory=lambda: PRF())
    """The same judgements, with "covered" read as the grade "reports this" only."""
    """Covered, source by source, inside one event's brief: for each anchor of the gold
    sentence list, each other article with gold-list sentences covers it when one of
    them shares an event instance with the anchor's; shown = not "not covered"."""

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


def gold_passages(brief, docs: list[dd.EcbDoc]) -> set[str]:
    """The passages that hold a sentence of the ECB+ gold sentence list (fully annotated)."""
    sents = dd.ecb_sentences()
    return {pid for key, pid in dd.sentence_passages(brief, docs).items() if sents[key][1]}


def ecb_judgements(brief, docs: list[dd.EcbDoc]) -> dict[str, dict[str, set[str]]]:
    """Anchor passage → {partner document id: passages holding a same-event sentence}."""
    where = dd.sentence_passages(brief, docs)
    same = dd.ecb_same_event()
    sents = dd.ecb_sentences()
    files = {d.file for d in docs}
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (file, n), pid in where.items():
        if not sents[(file, n)][1]:
            continue
        for other in same.get((file, n), ()):
            if other[0] not in files or other not in where:
                continue
            target = where[other]
            doc = target.rpartition(":")[0]
            if doc == pid.rpartition(":")[0]:
                continue
            out[pid][doc].add(target)
    return out


def ecb_top1(make: Callable[[Any], Any], held_out: bool = True) -> Top1:
    """Top-1 in the partner article over the held-out (or training) ECB+ events."""
    score = Top1()
    for event_id in dd.event_ids(held_out):
        docs = dd.docs_of(event_id=event_id)
        if len(docs) < 2:
            continue
        brief = dd.load([d.path for d in docs])
        comparer = make(brief)
        judged = gold_passages(brief, docs)
        judged_docs = {pid.rpartition(":")[0] for pid in judged}
        every = ecb_judgements(brief, docs)
        for anchor in sorted(judged):
            partners = every.get(anchor, {})
            result = comparer.compare(anchor)
            by_doc = {s.doc_id: s for s in result.sources}
            for doc in judged_docs - {anchor.rpartition(":")[0]}:
                source = by_doc.get(doc)
                said = bool(source and source.matches)
                strong = bool(source and source.grade == "reports this")
                for tally, yes in ((score.sources, said), (score.reports, strong)):
                    if doc in partners:
                        tally.tp += yes
                        tally.fn += not yes
                    else:
                        tally.fp += yes
                        tally.tn += not yes
            for doc, targets in sorted(partners.items()):
                source = by_doc.get(doc)
                # only annotated passages count: the best match among them is the top-1
                shown = [m.passage_id for m in source.matches] if source else []
                top = next((pid for pid in shown if pid in judged), None)
                score.total += 1
                if top in targets:
                    score.right += 1
                else:
                    if not shown:
                        score.not_covered += 1
                    score.failures.append(f"{anchor} → {doc}: {top}, wanted {sorted(targets)}")
    return score


def mixed_paths(held_out: bool, heldout_style_only: bool = False) -> tuple[list, dict[str, str]]:
    """The files of a mixed brief and each document's story (ECB+ event, or the page itself)."""
    paths = []
    story: dict[str, str] = {}
    for d in dd.ecb_documents():
        if d.held_out != held_out or (heldout_style_only and not d.heldout_style):
            continue
        paths.append(d.path)
        story[dd.doc_id_of(d.path)] = d.event_id
    for page in dd.pages():
        if page.held_out != held_out:
            continue
        path = dd.page_path(page)
        paths.append(path)
        story[dd.doc_id_of(path)] = f"page:{page.key}"
    return paths, story


def mixed(make: Callable[[Any], Any], held_out: bool = True, heldout_style_only: bool = False):
    """Covered-source P/R/F1 for the lead passage of every article of a mixed brief."""
    paths, story = mixed_paths(held_out, heldout_style_only)
    brief = dd.load(paths)
    comparer = make(brief)
    prf = PRF()
    for doc in brief.documents:
        lead = next(iter(doc.passages()), None)
        if lead is None:
            continue
        result = comparer.compare(lead.id)
        said = {s.doc_id for s in result.sources if s.matches}
        key = dd.doc_key
        gold = {
            d.id
            for d in brief.documents
            if d.id != doc.id and story[key(d.id)] == story[key(doc.id)]
        }
        prf.tp += len(said & gold)
        prf.fp += len(said - gold)
        prf.fn += len(gold - said)
    return prf, brief, comparer, story


def pairwise(clusters: list[list[str]], story: dict[str, str]) -> PRF:
    """Pairwise precision/recall of a clustering against gold labels."""
    label = {dd.doc_key(doc): n for n, members in enumerate(clusters) for doc in members}
    prf = PRF()
    docs = sorted(label)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_gold[story[d]].append(d)
    pred_pairs = sum(len(c) * (len(c) - 1) // 2 for c in clusters)
    gold_pairs = sum(len(c) * (len(c) - 1) // 2 for c in by_gold.values())
    tp = 0
    for members in by_gold.values():
        counts: dict[int, int] = defaultdict(int)
        for d in members:
            counts[label[d]] += 1
        tp += sum(c * (c - 1) // 2 for c in counts.values())
    prf.tp, prf.fp, prf.fn = tp, pred_pairs - tp, gold_pairs - tp
    return prf


def story_scores(stories_of: Callable[[Any], list[list[str]]], held_out: bool = True) -> dict:
    """Story clustering: mixed brief pairwise F1; one-event briefs kept whole; topic briefs."""
    out: dict[str, Any] = {}
    for name, style in (("mixed", False), ("mixed_heldout_style", True)):
        paths, story = mixed_paths(held_out, style)
        brief = dd.load(paths)
        clusters = stories_of(brief)
        prf = pairwise(clusters, story)
        out[name] = {
            "precision": prf.precision,
            "recall": prf.recall,
            "f1": prf.f1,
            "stories": len(clusters),
            "gold_stories": len(set(story.values())),
        }
    whole = 0
    events = dd.event_ids(held_out)
    broken = []
    for event_id in events:
        docs = dd.docs_of(event_id=event_id)
        brief = dd.load([d.path for d in docs])
        clusters = stories_of(brief)
        if len(clusters) == 1:
            whole += 1
        else:
            across = links_across(clusters, docs)
            broken.append(
                f"{event_id}: {sorted(len(c) for c in clusters)}"
                f" (annotated same-event document links across the split: {across})"
            )
    out["one_story_whole"] = (whole, len(events), broken)
    topic_prf = PRF()
    for topic in sorted({int(e.split("_")[0]) for e in events}):
        docs = dd.docs_of(topic=topic)
        brief = dd.load([d.path for d in docs])
        story = {dd.doc_id_of(d.path): d.event_id for d in docs}
        prf = pairwise(stories_of(brief), story)
        topic_prf.tp += prf.tp
        topic_prf.fp += prf.fp
        topic_prf.fn += prf.fn
    out["topics"] = {
        "precision": topic_prf.precision,
        "recall": topic_prf.recall,
        "f1": topic_prf.f1,
    }
    out["small"] = small_folders(stories_of, held_out)
    out["unrelated"] = unrelated_folders(stories_of, held_out)
    return out


def links_across(clusters: list[list[str]], docs: list[dd.EcbDoc]) -> int:
    """How many document pairs in different clusters hold sentences that ECB+ annotates
    as one event instance. A one-event brief split where this is 0 is split along the
    annotation's own seams: ``30_ecbplus`` lumps the 16 August 2011 cable cut off Egypt
    and the 8 October 2011 SEACOM outage, and no annotated pair links the two."""
    cluster_of = {dd.doc_key(doc): n for n, members in enumerate(clusters) for doc in members}
    stem = {d.file: d.path.stem for d in docs}
    pairs = set()
    for (file, _n), others in dd.ecb_same_event().items():
        if file not in stem:
            continue
        for other, _m in others:
            if other in stem and cluster_of[stem[file]] != cluster_of[stem[other]]:
                pairs.add(tuple(sorted((file, other))))
    return len(pairs)


def small_folders(stories_of: Callable[[Any], list[list[str]]], held_out: bool, n: int = 20):
    """Small folders of two to four stories (events of different topics, three to six
    articles each, seeded): pairwise F1 and how many are split exactly right."""
    import random

    rng = random.Random(14)
    topics = sorted({d.topic for d in dd.ecb_documents() if d.held_out == held_out})
    prf = PRF()
    exact = 0
    for _ in range(n):
        paths = []
        story: dict[str, str] = {}
        for t in rng.sample(topics, rng.randint(2, 4)):
            docs = dd.docs_of(topic=t)
            event = rng.choice(sorted({d.event_id for d in docs}))
            mine = [d for d in docs if d.event_id == event]
            for d in rng.sample(mine, min(len(mine), rng.randint(3, 6))):
                paths.append(d.path)
                story[dd.doc_id_of(d.path)] = d.event_id
        clusters = [[dd.doc_key(d) for d in c] for c in stories_of(dd.load(paths))]
        got = pairwise(clusters, story)
        prf.tp += got.tp
        prf.fp += got.fp
        prf.fn += got.fn
        exact += sorted(sorted(c) for c in clusters) == sorted(
            sorted(d for d in story if story[d] == e) for e in set(story.values())
        )
    return {"f1": prf.f1, "precision": prf.precision, "recall": prf.recall, "exact": f"{exact}/{n}"}


def unrelated_folders(
    stories_of: Callable[[Any], list[list[str]]], held_out: bool, n: int = 20
) -> dict[str, Any]:
    """Folders whose articles tell different stories, and two-article folders (issue 14,
    from a new-user trial: two unrelated saved pages made one story).

    * ``unrelated``: ``n`` folders of 2 to 30 articles, each about something else (one
      article from each of several events of different topics, and unrelated pages):
      how many are split into one story per article, and the share of article pairs
      wrongly joined;
    * ``pairs``: ``n`` folders of two articles of one event (kept as one story?) and
      ``n`` of two unrelated articles (split?).
    """
    import random

    rng = random.Random(21)
    docs = [d for d in dd.ecb_documents() if d.held_out == held_out]
    by_topic: dict[int, list] = {}
    for d in docs:
        by_topic.setdefault(d.topic, []).append(d)
    topics = sorted(by_topic)
    pages = [p for p in dd.pages() if p.held_out == held_out]

    def unrelated_paths(k: int) -> list:
        n_pages = rng.randint(0, min(k, len(pages)))
        chosen = rng.sample(topics, min(k - n_pages, len(topics)))
        paths = [rng.choice(by_topic[t]).path for t in chosen]
        return paths + [dd.page_path(p) for p in rng.sample(pages, k - len(chosen))]

    split = joined = pairs_total = 0
    for _ in range(n):
        paths = unrelated_paths(rng.randint(2, 30))
        clusters = stories_of(dd.load(paths))
        split += len(clusters) == len(paths)
        joined += sum(len(c) * (len(c) - 1) // 2 for c in clusters)
        pairs_total += len(paths) * (len(paths) - 1) // 2
    events: dict[str, list] = {}
    for d in docs:
        events.setdefault(d.event_id, []).append(d)
    twos = [e for e in sorted(events) if len(events[e]) >= 2]
    kept = apart = 0
    for _ in range(n):
        a, b = rng.sample(events[rng.choice(twos)], 2)
        kept += len(stories_of(dd.load([a.path, b.path]))) == 1
        apart += len(stories_of(dd.load(unrelated_paths(2)))) == 2
    return {
        "unrelated_split": f"{split}/{n}",
        "unrelated_joined_share": joined / pairs_total if pairs_total else 0.0,
        "pairs_same_event_kept": f"{kept}/{n}",
        "pairs_unrelated_apart": f"{apart}/{n}",
    }


def all_pairs(members: list[str]):
    return combinations(members, 2)
