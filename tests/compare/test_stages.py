"""Each stage of compare on small inputs: terms, names, weights, scoring, evidence, union-find."""

from __future__ import annotations

import math

import pytest

from brieftui.compare import names, scoring, terms, weights
from brieftui.compare.evidence import display, merge_spans
from brieftui.compare.terms import DATE, NUMBER, PHRASE, WORD, raw_occurrences
from brieftui.compare.unionfind import DisjointSets


# -- terms ---------------------------------------------------------------------------
def test_dates_and_numbers_become_one_term_each() -> None:
    text = "On 28 February 2025, 2,000 troops and 4.50 tonnes arrived. Feb. 3 too."
    found = {(key, kind) for key, _s, _e, kind, _shape in raw_occurrences(text)}
    assert {("@02-28", DATE), ("@2025-02", DATE), ("#2025", NUMBER)} <= found
    assert {("#2000", NUMBER), ("#4.5", NUMBER), ("@02-03", DATE)} <= found
    assert ("february", WORD) not in found  # the date replaces the words inside it


def test_may_alone_is_not_a_date_and_words_are_stemmed() -> None:
    keys = [o[0] for o in raw_occurrences("Allies may impose sanctions in May 2024.")]
    assert "ally" in keys and "sanction" in keys and "@2024-05" in keys
    assert not any(k.startswith("@") for k in keys[:3])
    assert terms.stem_more("increasing") == terms.stem_more("increased") == "increas"


def test_word_shapes_tell_sentence_initial_capitals_apart() -> None:
    shapes = {o[0]: o[4] for o in raw_occurrences("Talks began. The envoy met NATO in Kyiv.")}
    assert shapes["talk"] == terms.INITIAL
    assert shapes["envoy"] == terms.LOWER
    assert shapes["nato"] == terms.ACRONYM
    assert shapes["kyiv"] == terms.CAPITALISED


# -- names ---------------------------------------------------------------------------
def _names_of(*passages: str) -> tuple[frozenset[str], dict[str, str]]:
    return names.find_names([raw_occurrences(p) for p in passages])


def test_names_need_capitals_wherever_they_are_not_sentence_initial() -> None:
    found, _canon = _names_of(
        "Yesterday the envoy Zelenskyy met officials in Brussels for talks.",
        "Later that week Zelensky said the talks in Brussels went well.",
        "Talks went on. Officials said little about the talks to reporters.",
    )
    assert "brussel" in found and "talk" not in found  # (plurals are stemmed, names too)
    assert "brussel~" in found  # every name has a modifier form


def test_name_variants_are_joined_on_the_vocabulary() -> None:
    found, canon = _names_of(
        "Yesterday the envoy Zelenskyy met officials in Brussels.",
        "Later that day Zelenskyy spoke to reporters in Brussels.",
        "Later that week Zelensky said the talks went well.",
    )
    assert canon["zelensky"] == "zelenskyy"  # the more frequent spelling wins
    assert "zelenskyy" in found and "zelensky" not in found


def test_adjacent_names_give_a_phrase_and_a_modifier() -> None:
    text = "Officials met at the Bank of England in London on Monday about interest rates."
    later = "Later the Bank said inflation in England would fall, and markets in London rose."
    found, canon = _names_of(text, later)
    occs = names.finalise(text, raw_occurrences(text), found, canon)
    kinds = {o[0]: o[3] for o in occs}
    assert kinds["bank england"] == PHRASE
    assert "bank~" in kinds and kinds["england"] == WORD
    assert not names.is_weighed("bank~") and not names.is_weighed("bank england")
    assert names.is_weighed("england")


# -- weights -------------------------------------------------------------------------
def test_idf_falls_with_document_frequency_and_never_goes_negative() -> None:
    values = [weights.bm25_idf(df, 100) for df in (1, 10, 50, 100)]
    assert values == sorted(values, reverse=True) and values[-1] > 0


def test_vectors_are_normalised_and_boosts_favour_dates_figures_names() -> None:
    tw = {"@02-28": 2.0, "#2000": 2.0, "kyiv": 2.0, "talk": 2.0}
    vec, mass = weights.vector(["talk", "talk", "kyiv", "unknown"], tw)
    assert math.isclose(math.hypot(*vec.values()), 1.0)
    assert mass > 0 and "unknown" not in vec and vec["talk"] > vec["kyiv"]
    boosts = [weights.boost(t, frozenset({"kyiv"})) for t in ("@02-28", "#2000", "kyiv", "talk")]
    assert boosts == [weights.DATE_BOOST, weights.NUMBER_BOOST, weights.NAME_BOOST, 1.0]
    assert weights.term_weights({"kyiv": 1.0, "kyiv~": 1.0, "bank england": 1.0}, frozenset()) == {
        "kyiv": 1.0
    }


# -- scoring -------------------------------------------------------------------------
def test_calibration_puts_the_threshold_at_one_half() -> None:
    assert scoring.calibrate(scoring.THRESHOLD) == 0.5
    assert scoring.calibrate(scoring.HIGH) == 1.0 and scoring.calibrate(5.0) == 1.0
    assert scoring.calibrate(0.0) == 0.0
    assert scoring.calibrate(0.3, threshold=0.3) == 0.5  # the sweep's threshold


def test_the_gate_wants_two_shared_informative_terms() -> None:
    idf = {"kyiv": 3.0, "ceasefire": 3.0, "monday": 3.0, "said": 0.5}
    profile = scoring.profile({"kyiv": 0.5, "ceasefire": 0.5, "monday": 0.5, "said": 0.5}, idf)
    assert set(profile) == {"kyiv", "ceasefire"}  # weekdays and common words never count
    assert scoring.enough(profile, {"kyiv": 0.7, "ceasefire": 0.7})
    assert not scoring.enough(profile, {"kyiv": 0.7, "monday": 0.7, "said": 0.1})


def test_one_shared_sentence_carries_a_pair_of_paragraphs() -> None:
    fact = {"kyiv": 0.8, "ceasefire": 0.6}
    a = [fact, {"weather": 1.0}]
    b = [{"markets": 1.0}, fact]
    one_way = scoring.sentence_score(a, [1.0, 1.0], b)
    assert one_way == pytest.approx(0.5 * 1.0 + 0.5 * 0.5)
    assert scoring.lexical_score(0.0, one_way, one_way) == pytest.approx(0.7 * one_way)


# -- evidence and the union-find -----------------------------------------------------
def test_spans_merge_and_possessives_drop() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 4), (5, 9), (9, 12)]) == [(0, 4), (5, 12)]
    assert display("Trump’s") == "Trump" and display("allies'") == "allies"


def test_union_find_keeps_the_smaller_root_whatever_the_order() -> None:
    for pairs in ([(3, 1), (2, 3), (7, 8)], [(7, 8), (2, 3), (1, 2)]):
        sets: DisjointSets[int] = DisjointSets()
        for a, b in pairs:
            sets.union(a, b)
        assert sets.find(3) == 1 and sets.find(8) == 7 and sets.find(5) == 5
        assert {root: sorted(m) for root, m in sets.joined().items()} == {
            1: [1, 2, 3],
            7: [7, 8],
        }


# -- the Brief's API over the comparer -------------------------------------------------
def test_brief_similarity_is_the_calibrated_pair_score(seeds_gold) -> None:
    import gold as gold_mod

    _gold, brief = seeds_gold
    a = gold_mod.find_passage(brief, "Just on 28 February 2025")
    b = gold_mod.find_passage(brief, "no cards")
    assert brief.similarity(a, b) == brief.similarity(b, a) >= 0.5
    assert brief.similarity(a, a) == 1.0
    with pytest.raises(KeyError):
        brief.similarity(a, "no-such-doc:1")
