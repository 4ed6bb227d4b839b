"""Stories, the learned "covered" decision, labels and the shipped models (issue 14)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import gold as gold_mod
import pytest

import brieftui
from brieftui.compare import Comparer, covered, labels, linear, semantic, stories
from brieftui.compare.index import PassageIndex

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def mixed_brief(tmp_path_factory):
    """Three gold briefs in one folder: three news stories."""
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(gold_mod.REPO / "seeds", root / "seeds")
    shutil.copytree(FIXTURES / "second_brief", root / "boe")
    shutil.copytree(FIXTURES / "fifth_brief", root / "hospital")
    return brieftui.load([root], cache=False)


def _lexical(brief) -> Comparer:
    return Comparer(brief.documents, semantic_stage=False)


# -- stories -----------------------------------------------------------------------
def test_a_folder_of_three_briefs_is_three_stories(mixed_brief) -> None:
    found = _lexical(mixed_brief).stories()
    groups = sorted(sorted(s.doc_ids) for s in found)
    by_folder: dict[str, list[str]] = {}
    for doc in mixed_brief.documents:
        by_folder.setdefault(Path(doc.path).parent.name, []).append(doc.id)
    assert groups == sorted(sorted(ids) for ids in by_folder.values())
    assert [s.id for s in found] == ["s1", "s2", "s3"]
    sizes = [len(s.doc_ids) for s in found]
    assert sizes == sorted(sizes, reverse=True)  # largest first
    for story in found:
        assert story.label and story.label in {
            mixed_brief.document(d).title[: stories.LABEL_MAX] for d in story.doc_ids
        } | {story.label}
        order = [d.id for d in mixed_brief.documents]
        assert story.doc_ids == sorted(story.doc_ids, key=order.index)  # brief order


@pytest.mark.parametrize("which", ["seeds_gold", "second_gold", "third_gold", "fourth_gold"])
def test_a_one_story_brief_stays_one_story(which, request) -> None:
    _gold, brief = request.getfixturevalue(which)
    assert len(_lexical(brief).stories()) == 1


def test_stories_of_an_empty_and_a_one_document_brief() -> None:
    assert Comparer([]).stories() == []
    brief = brieftui.load([FIXTURES / "second_brief" / "1_ledger.txt"], cache=False)
    only = _lexical(brief).stories()
    assert len(only) == 1 and only[0].doc_ids == [brief.documents[0].id]


def test_average_linkage_merges_only_while_the_average_reaches_the_cut() -> None:
    import numpy as np

    a = np.array([0, 0, 1, 2])
    b = np.array([1, 2, 2, 3])
    p = np.array([0.9, 0.6, 0.8, 0.1])
    assert stories.average_linkage(4, a, b, p, 0.5) == [[0, 1, 2], [3]]
    assert stories.average_linkage(4, a, b, p, 0.85) == [[0, 1], [2], [3]]


# -- compare within a story ---------------------------------------------------------
def test_compare_looks_within_the_anchor_story_unless_widened(mixed_brief) -> None:
    comparer = _lexical(mixed_brief)
    anchor = next(r.passage.id for r in mixed_brief.passages() if "Oval Office" in r.passage.text)
    story = next(s for s in comparer.stories() if any(anchor.startswith(d) for d in s.doc_ids))
    result = comparer.compare(anchor)
    assert result.story == story.id and not result.widened
    assert sorted(s.doc_id for s in result.sources) == sorted(
        d for d in story.doc_ids if d != result.anchor_doc_id
    )
    wide = comparer.compare(anchor, widen=True)
    assert wide.widened and len(wide.sources) == len(mixed_brief.documents) - 1
    # From a trial: widening adds sources, it does not regrade the story's own (a source
    # went from "reports this" 64% to "touches on it" 29% on pressing w).
    own = {
        s.doc_id: (s.grade, s.probability, [m.passage_id for m in s.matches])
        for s in result.sources
    }
    widened_own = {
        s.doc_id: (s.grade, s.probability, [m.passage_id for m in s.matches])
        for s in wide.sources
        if s.doc_id in own
    }
    assert widened_own == own


def test_every_source_has_a_grade_and_a_probability(seeds_gold) -> None:
    _gold, brief = seeds_gold
    comparer = _lexical(brief)
    cuts = linear.model("covered", False).cuts
    for ref in list(brief.passages())[::7]:
        result = comparer.compare(ref.passage.id)
        for source in result.sources:
            assert source.grade in covered.GRADES
            assert 0.0 <= source.probability <= 1.0
            assert source.grade == covered.grade(source.probability, cuts)
            assert source.covered == (source.grade != covered.NOT_COVERED)
            for match in source.matches:
                assert match.grade in (covered.REPORTS, covered.TOUCHES)
                assert 0.0 <= match.probability <= 1.0
            if source.matches:  # the most probable decides; the first is the ranker's
                assert max(m.probability for m in source.matches) == source.probability


def test_cuts_for_sentence_style_scopes() -> None:
    cuts = {"touches": 0.4, "reports": 0.7, "touches_sentences": 0.1, "reports_sentences": 0.5}
    assert covered.cuts_for(cuts, False) == cuts
    assert covered.cuts_for(cuts, True)["touches"] == 0.1
    assert covered.grade(0.2, covered.cuts_for(cuts, True)) == covered.TOUCHES
    assert covered.grade(0.2, cuts) == covered.NOT_COVERED
    assert covered.grade(0.75, cuts) == covered.REPORTS


# -- the shipped models ---------------------------------------------------------------
def test_the_shipped_models_fit_the_features() -> None:
    data = json.loads((Path(linear.__file__).parent / linear.MODEL_FILE).read_text())
    assert set(data["models"]) == {"stories", "covered", "rank"}
    for variant, extra in (("lexical", ()), ("hybrid", covered.SEMANTIC)):
        model = linear.models()["covered"][variant]
        assert model.features == tuple(covered.LEXICAL) + tuple(extra)
        assert 0 < model.cuts["touches"] <= model.cuts["reports"] < 1
    for variant, extra in (("lexical", ()), ("hybrid", stories.SEMANTIC)):
        model = linear.models()["stories"][variant]
        assert model.features == tuple(stories.FEATURES) + tuple(extra)
    for variant in ("lexical", "hybrid"):
        ranker = linear.ranker(variant == "hybrid")
        assert (
            ranker is not None and ranker.features == linear.models()["covered"][variant].features
        )
    assert data["cross_validation"]["covered"]["lexical"]["gold"]["top1"] > 0


def test_a_logistic_model_is_a_dot_product() -> None:
    import numpy as np

    model = linear.Logistic(("x", "y"), (1.0, 0.0), (2.0, 1.0), (4.0, -1.0), 0.5, {})
    z = 0.5 + 4.0 * (3.0 - 1.0) / 2.0 - 1.0 * 2.0
    assert model.probability([3.0, 2.0]) == pytest.approx(1 / (1 + math.exp(-z)))
    rows = np.array([[3.0, 2.0], [1.0, 0.0]])
    assert model.probabilities(rows) == pytest.approx([model.probability(r) for r in rows.tolist()])
    with pytest.raises(ValueError):
        linear.Logistic.from_json(
            {"features": ["a"], "mean": [], "scale": [1], "coef": [1], "intercept": 0}
        )


def test_probability_each_gives_the_floats_of_probability_row_by_row() -> None:
    """Exactly equal, not approximately: event and link decisions compare them with cuts."""
    import numpy as np

    rng = np.random.default_rng(7)
    model = linear.Logistic(
        tuple("abcde"),
        tuple(rng.normal(size=5)),
        tuple(rng.uniform(0.1, 3.0, size=5)),
        tuple(rng.normal(scale=2.0, size=5)),
        -0.3,
        {},
    )
    rows = rng.normal(scale=3.0, size=(400, 5))
    rows[::7] *= 1e-9  # around z = intercept
    each = model.probability_each(rows)
    assert each == [model.probability(r) for r in rows.tolist()]
    assert min(each) < 0.01 and max(each) > 0.99  # both branches of the logistic taken
    assert model.probability_each(np.zeros((0, 5))) == []


# -- events --------------------------------------------------------------------------
def test_events_stay_within_a_story_and_carry_their_sentence(mixed_brief) -> None:
    comparer = _lexical(mixed_brief)
    story_of = {d: s.id for s in comparer.stories() for d in s.doc_ids}
    found = comparer.events()
    assert found
    for event in found:
        assert {story_of[d] for d in event.doc_ids} == {event.story}
        assert event.label_sentence
        assert (
            event.label.split(" · ")[0] in event.label_sentence
            or event.label.endswith("…")
            or (len(event.label) <= labels.LIMIT + 30)
        )
        if event.date:
            assert event.date in event.label
            assert event.when and event.when[-5:-3].isdigit()


def test_labels_are_shortened_sentences() -> None:
    s = labels.shorten_sentence
    assert s("Bettie Page, the 1950s pin-up model who helped start it all, has died.") == (
        "Bettie Page has died"
    )
    assert s("On Thursday, the Bank cut rates to 4.25%, the bank said.") == (
        "The Bank cut rates to 4.25%"
    )
    assert s("Prices (in dollars) rose — as expected — in March, Reuters reported.") == (
        "Prices rose in March"
    )
    # two leading time phrases, the second a clock time; commas that hold the sentence
    # itself after no name are no appositive (ECB+ topic 1 read "Around 1:30 a. m. Calif")
    assert (
        s(
            "Early Friday morning, around 1:30 a. m., the 26-year-old actress checked into"
            " Betty Ford Center in Rancho Mirage, Calif."
        )
        == "The 26-year-old actress checked into Betty Ford Center in Rancho Mirage, Calif"
    )
    assert s("At 10:15 a.m., police closed the road near the station after the blast.") == (
        "Police closed the road near the station after the blast"
    )
    assert s("The company, which makes chips in Taiwan, announced a plant in Arizona.") == (
        "The company announced a plant in Arizona"
    )
    long = "The minister said " + "that the plan would work and " * 10 + "nothing else."
    assert len(s(long)) <= labels.LIMIT + 1


def test_label_shortening_takes_linear_time() -> None:
    import time

    text = "a, the b, " * 20000 + "(" * 5000 + "x — " * 5000
    start = time.perf_counter()
    labels.shorten_sentence(text)
    assert time.perf_counter() - start < 2.0


def test_the_oval_office_event_is_labelled_with_its_date(seeds_gold) -> None:
    _gold, brief = seeds_gold
    anchor = gold_mod.find_passage(brief, "Just on 28 February 2025")
    event = next(e for e in brief.events() if any(p.passage_id == anchor for p in e.passages))
    assert "Zelensk" in event.label and event.label.endswith("28 February 2025")
    assert event.when == "2025-02-28"
    assert "Oval Office" in event.label_sentence or "Zelensk" in event.label_sentence


# -- the semantic stage ----------------------------------------------------------------
def test_without_the_semantic_stage_everything_is_lexical(monkeypatch, seeds_gold) -> None:
    monkeypatch.setenv(semantic.ENV, "0")
    _gold, brief = seeds_gold
    assert semantic.load() is None
    comparer = Comparer(brief.documents)
    assert not comparer.hybrid and comparer._vectors is None
    assert comparer.stories()


def test_a_missing_wordllama_means_lexical(monkeypatch, seeds_gold) -> None:
    monkeypatch.setattr(semantic, "package_dir", lambda: None)
    semantic.reset()
    try:
        _gold, brief = seeds_gold
        assert not Comparer(brief.documents).hybrid
    finally:
        semantic.reset()


def test_the_index_knows_each_documents_date(second_gold) -> None:
    _gold, brief = second_gold
    index = PassageIndex.build(brief.documents)
    assert index.doc_dates == [d.date for d in brief.documents]


def test_a_leading_so_far_is_dropped_whole() -> None:
    """From a trial: "So far, the navy has confiscated …" read "Far 31 magazines …":
    "So" was taken for the connective and "Far, the navy …" for an appositive."""
    from brieftui.compare.labeltext import shorten_sentence

    label = shorten_sentence(
        "So far, the coast guard has seized 12 rifles, 40 magazines and 900 rounds from smugglers."
    )
    assert label.startswith("The coast guard has seized 12 rifles")
    assert shorten_sentence("So the council voted to close the pier for the winter.").startswith(
        "The council voted"
    )
