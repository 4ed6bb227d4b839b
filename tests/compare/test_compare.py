"""Compare: the contract, the gold sets (seeds and a second brief), determinism."""

from __future__ import annotations

import pickle

import gold as gold_mod
import pytest

from brieftui.compare import (
    Comparer,
    CompareResult,
    Event,
    Evidence,
    Match,
    SourceCoverage,
    terms,
    weights,
)
from brieftui.text import is_question, sentence_spans
from tests.conftest import SEEDS_DIR


def _p(brief, needle):
    return gold_mod.find_passage(brief, needle)


def _d(brief, prefix):
    return gold_mod.find_doc(brief, prefix)


def _source(result: CompareResult, doc_id: str) -> SourceCoverage:
    return next(s for s in result.sources if s.doc_id == doc_id)


ALL_GOLD = ("seeds_gold", "second_gold", "third_gold", "fourth_gold")


def _gold_sets(**known_gaps: str) -> list:
    """Every gold set, those named here marked as a known gap (``xfail``) with the reason."""
    return [
        pytest.param(n, marks=pytest.mark.xfail(reason=known_gaps[n], strict=False))
        if n in known_gaps
        else n
        for n in ALL_GOLD
    ]


# -- contract ------------------------------------------------------------------------
def test_result_shape(seeds_gold) -> None:
    _gold, brief = seeds_gold
    anchor = _p(brief, "Just on 28 February 2025")
    result = brief.compare(anchor)
    assert result.anchor_passage_id == anchor
    assert result.anchor_doc_id == brief.passage(anchor).document.id
    assert result.anchor_text == brief.passage(anchor).passage.text
    others = [d.id for d in brief.documents if d.id != result.anchor_doc_id]
    assert [s.doc_id for s in result.sources] == others
    for source in result.sources:
        assert source.title == brief.document(source.doc_id).title
        assert source.covered == bool(source.matches)
        # the source is as probable as its most probable passage; the passages shown are
        # in the learned order (probability, or the ranker's in paragraphs: covered.order)
        probabilities = [m.probability for m in source.matches]
        assert source.probability == max(probabilities, default=source.probability)
        for m in source.matches:
            assert isinstance(m, Match) and isinstance(m.evidence, Evidence)
            assert 0.5 <= m.score <= 1.0
            assert m.doc_id == source.doc_id
            assert m.text == brief.passage(m.passage_id).passage.text
            for s, e in m.spans:
                assert 0 <= s < e <= len(m.text)
    for s, e in result.anchor_spans:
        assert 0 <= s < e <= len(result.anchor_text)


def test_unknown_passage_is_key_error(seeds_gold) -> None:
    _gold, brief = seeds_gold
    with pytest.raises(KeyError):
        brief.compare("no-such-doc:1")


def test_empty_brief() -> None:
    comparer = Comparer([])
    assert comparer.events() == []
    assert comparer.compare_text("anything").sources == []


def test_deterministic_and_picklable(seeds_gold) -> None:
    _gold, brief = seeds_gold
    a = Comparer(brief.documents)
    b = pickle.loads(pickle.dumps(Comparer(brief.documents)))
    anchor = _p(brief, "Just on 28 February 2025")
    assert a.compare(anchor) == b.compare(anchor)
    assert a.events() == b.events()
    assert a.events() == a.events()


# -- seeds gold ----------------------------------------------------------------------
def test_oval_office_meeting(seeds_gold) -> None:
    _gold, brief = seeds_gold
    result = brief.compare(_p(brief, "Just on 28 February 2025"))
    top = _source(result, _d(brief, "001")).matches
    assert top and top[0].passage_id == _p(brief, "no cards")
    assert any("Zelensky" in n for n in top[0].evidence.names)
    assert top[0].spans
    for prefix in ("002", "004"):
        assert not _source(result, _d(brief, prefix)).covered


def test_oval_office_meeting_reverse(seeds_gold) -> None:
    _gold, brief = seeds_gold
    result = brief.compare(_p(brief, "no cards"))
    ok = {
        _p(brief, s)
        for s in ("Just on 28 February 2025", "no compromises with a killer", "berated Zelenskyy")
    }
    matches = _source(result, _d(brief, "000")).matches
    assert matches and matches[0].passage_id in ok
    assert not _source(result, _d(brief, "004")).covered


def test_paris_agreement_only_000(seeds_gold) -> None:
    _gold, brief = seeds_gold
    result = brief.compare(_p(brief, "withdraw the U.S. from the Paris Climate Agreement"))
    assert not any(s.covered for s in result.sources)


def test_compare_text_oval_office(seeds_gold) -> None:
    _gold, brief = seeds_gold
    result = brief.compare_text("Oval Office meeting")
    assert result.anchor_passage_id is None and result.anchor_doc_id is None
    assert [s.doc_id for s in result.sources] == [d.id for d in brief.documents]
    assert _source(result, _d(brief, "000")).matches[0].passage_id == _p(
        brief, "Just on 28 February 2025"
    )
    assert _source(result, _d(brief, "001")).matches[0].passage_id == _p(brief, "no cards")
    for prefix in ("002", "004"):
        assert not _source(result, _d(brief, prefix)).covered
    assert result.anchor_spans


@pytest.mark.parametrize(
    "which",
    _gold_sets(
        fourth_gold=(
            "held-out brief: through the mediator passage, 'mediator Ulrike Behrendt' "
            "also reaches the explainer's 'no new meeting' passage, which names no mediator"
        ),
    ),
)
def test_queries(which, request) -> None:
    gold, brief = request.getfixturevalue(which)
    for q in gold["queries"]:
        result = brief.compare_text(q["text"])
        for prefix in q["docs"]:
            assert _source(result, _d(brief, prefix)).covered, (q["text"], prefix)
        for prefix in q["not_docs"]:
            assert not _source(result, _d(brief, prefix)).covered, (q["text"], prefix)


# Regression floors (lexical compare, the learned "covered"): the figures
# bench/compare_accuracy.py prints must not get worse. Top-1 rose on every brief with
# the learned decision (0.63 → 0.73 overall) and "not covered" recall fell on the
# commentary briefs (seeds, third): its cut is chosen across all gold briefs at once.
# These are in-sample figures (the shipped model saw these briefs). Since the model
# ranks a source's passages too (trained on every candidate), the seeds are 6 of 17
# in-sample (10 before, a fit to the seeds themselves: left out of training they were
# 7 of 17, now 6) and third's coverage 0.67 at the paragraph cut 0.2 (0.15 before).
FLOORS = {
    "seeds_gold": (0.30, 0.70),
    "second_gold": (0.75, 0.90),
    "third_gold": (0.80, 0.65),
    "fourth_gold": (0.75, 0.70),
    "fifth_gold": (0.65, 0.80),
}


@pytest.mark.parametrize("which", sorted(FLOORS))
def test_gold_accuracy_floor(which, request) -> None:
    gold, brief = request.getfixturevalue(which)
    scores = gold_mod.score_pairs(gold, brief)
    top1, coverage = FLOORS[which]
    assert scores.top1 >= top1, scores.failures
    assert scores.coverage_accuracy >= coverage, scores.failures


# -- events --------------------------------------------------------------------------
def _event_of(events: list[Event], pid: str) -> Event | None:
    return next((e for e in events if any(p.passage_id == pid for p in e.passages)), None)


@pytest.mark.parametrize(
    "which",
    _gold_sets(
        seeds_gold=(
            "004's passage on Trump's rhetoric toward Ukraine joins the Oval Office event "
            "(mutual best match in 004, and the learned link probability clears its cut)"
        ),
        third_gold=(
            "the explainer's 'Evacuees were taken to temporary shelters' passage joins the "
            "evacuation event: it reports the same evacuation, which the gold does not count"
        ),
        fourth_gold=(
            "held-out brief: the explainer's 'a judge disagreed midweek' passage is its own "
            "event beside the court ruling it retells in other words"
        ),
    ),
)
def test_events_groups(which, request) -> None:
    gold, brief = request.getfixturevalue(which)
    events = brief.events()
    for group in gold["events_together"]:
        if group.get("soft"):
            continue
        ids = [_p(brief, s) for s in group["passages"]]
        event = _event_of(events, ids[0])
        assert event is not None, group["name"]
        assert not event.single_source
        for pid in ids[1:]:
            assert _event_of(events, pid) is event, (group["name"], pid)
        for prefix in group["not_docs"]:
            assert _d(brief, prefix) not in event.doc_ids, (group["name"], prefix)
        assert event.label


@pytest.mark.parametrize(
    "which",
    _gold_sets(
        seeds_gold=(
            "the Paris Agreement and WHO withdrawals (000) join passages of 002 and 004 that "
            "mention them in passing within a broader argument (the paragraph cut of the "
            "lexical model is low: 0.2)"
        ),
        third_gold=(
            "the tourism passage is linked to the other sources' evacuation passages "
            "(1,400 residents moved), which it mentions"
        ),
        fourth_gold=(
            "held-out brief: the backlog, the arrests and Vos after the deal each join a "
            "passage of another source that shares their setting, not their happening"
        ),
    ),
)
def test_single_source_events(which, request) -> None:
    gold, brief = request.getfixturevalue(which)
    events = brief.events()
    for item in gold["events_single"]:
        event = _event_of(events, _p(brief, item["passage"]))
        assert event is not None, item["name"]
        assert event.single_source and event.doc_ids == [_d(brief, item["doc"])]


def test_events_sorted_and_unique(seeds_gold) -> None:
    _gold, brief = seeds_gold
    events = brief.events()
    assert events
    widths = [len(e.doc_ids) for e in events]
    assert widths == sorted(widths, reverse=True)
    assert len({e.id for e in events}) == len(events)
    seen: set[str] = set()
    for e in events:
        for p in e.passages:
            assert p.passage_id not in seen
            seen.add(p.passage_id)
            assert brief.passage(p.passage_id).document.id == p.doc_id
        assert e.doc_ids == sorted(set(e.doc_ids), key=[d.id for d in brief.documents].index)


def test_events_progress() -> None:

    import brieftui

    brief = brieftui.load([SEEDS_DIR])
    calls: list[tuple[int, int]] = []
    brief.comparer.events(progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]


# -- labels --------------------------------------------------------------------------
def test_labels_are_central_sentences_with_their_dates(seeds_gold, second_gold) -> None:
    _gold, brief = seeds_gold
    event = _event_of(brief.events(), _p(brief, "Just on 28 February 2025"))
    assert event is not None
    assert "Zelensk" in event.label and event.label.endswith("· 28 February 2025")
    assert "Zelensk" in event.label_sentence
    _gold, second = second_gold
    cut = _event_of(second.events(), _p(second, "cut interest rates by a quarter"))
    assert cut is not None and "Bank of England cut" in cut.label
    for e in brief.events() + second.events():
        head = e.label.split(" · ")[0].rstrip("…")
        assert e.label_sentence and len(head) <= 121, e.label
        assert not e.label.startswith((",", " ", "—")), e.label


def test_labels_drop_datelines_and_keep_names_whole() -> None:
    """Found in tmux on the fifth gold brief: "NASHVILLE, Tenn." (a dateline split off
    as a sentence) named an event; a label never stops inside a quote."""
    _gold, fifth = gold_mod.load_gold("fifth_brief")
    for e in fifth.events():
        assert not e.label.startswith("NASHVILLE"), e.label
        head = e.label.split(" · ")[0]
        assert head.count('"') % 2 == 0, e.label
    shares = _event_of(fifth.events(), _p(fifth, "traded on the New York Stock Exchange"))
    assert shares is not None and "New York Stock Exchange" in shares.label_sentence


def test_match_pickles_and_compares_as_plain_data(seeds_gold) -> None:
    _gold, brief = seeds_gold
    comparer = Comparer(brief.documents)
    result = comparer.compare(_p(brief, "Just on 28 February 2025"))
    match = next(s.matches[0] for s in result.sources if s.matches)
    copy = pickle.loads(pickle.dumps(match))  # evidence computed on the way out
    assert copy == match and hash(copy) == hash(match)
    assert copy.evidence == match.evidence and copy.spans == match.spans
    assert "Comparer" not in repr(pickle.dumps(match))
    assert any("Zelensky" in n for n in copy.evidence.names)


def test_compare_splits_sentences_as_ingest_does() -> None:
    """ "Dr. Smith met Mr. Jones in Kyiv." is one sentence to compare too (it was four)."""
    comparer = Comparer([])
    index = comparer._index
    text = "Dr. Smith met Mr. Jones in Kyiv. Talks on the ceasefire resumed on Monday."
    occs = index.occurrences(text)
    sents, masses = weights.sentence_vectors(text, occs, {}, {o[0]: 1.0 for o in occs})
    assert len(sents) == len(masses) == 2
    assert terms.only_questions('"Is this a move toward peace?" Or is it "a pause?"')
    assert not terms.only_questions("Dr. Smith asked: is it over? Nobody knew.")
    # the text's own end decides first: the same answers as splitting every passage
    for text in [
        "?",
        " ? ",
        "Why? Because.",
        "Because. Why?",
        'He asked "why?"',
        "Is it? (Yes?)",
        "Was it? Was it not?\n",
        "Really?!",
        "Who? What? »",
        "",
    ]:
        assert terms.only_questions(text) == (
            "?" in text and all(is_question(text[s:e]) for s, e in sentence_spans(text))
        ), text
