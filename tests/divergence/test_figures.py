"""Figures: numbers read at their precision, qualifiers, units, and what they count."""

from __future__ import annotations

import pytest

from brieftui.divergence.facts import FIGURE, intervals_meet
from brieftui.divergence.figures import extract_figures
from brieftui.divergence.numbers import digits_value, parse_number
from brieftui.divergence.tokens import tokenize


def figures(text: str, year: int | None = 2025):
    return extract_figures(tokenize(text), year)


def one(text: str):
    found = figures(text)
    assert len(found) == 1, [(text[f.start : f.end], f.slot) for f in found]
    return found[0]


def agree(a: str, b: str) -> bool:
    fa, fb = one(a), one(b)
    assert fa.slot == fb.slot, (fa.slot, fb.slot)
    return intervals_meet(fa.value, fb.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,200", 1200.0), ("3.4", 3.4), ("4,800,000", 4_800_000.0), ("12", 12.0)],
)
def test_digits_are_read_with_separators(text: str, value: float) -> None:
    assert digits_value(text)[0] == value


@pytest.mark.parametrize("text", ["1,2", "1.2.3", "12,34,567"])
def test_malformed_digits_are_not_numbers(text: str) -> None:
    assert digits_value(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fourteen", 14),
        ("twenty-seven", 27),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("five thousand", 5000),
        ("one hundred and twenty", 120),
        ("3.4bn", 3.4e9),
        ("1.2 thousand", 1200),
        ("45 million", 45e6),
    ],
)
def test_number_words_and_scales(text: str, value: float) -> None:
    toks = tokenize(text)
    assert parse_number(toks, 0).value == pytest.approx(value)


def test_figures_said_differently_agree() -> None:
    assert agree("1,200 jobs will go", "1.2 thousand jobs will go")
    assert agree("Veltra will pay $3.4bn for the deal", "a deal worth 3.4 billion dollars")
    assert agree("a deal worth $3.4bn", "a deal worth $3.42 billion")  # rounding
    assert agree("92% of members backed the strike", "91.6 per cent of members backed the strike")
    assert agree("about 3 km off the coast", "two miles off the coast")


def test_different_figures_differ() -> None:
    assert not agree("1,200 jobs will go", "1,500 jobs will go")
    assert not agree("14 people were killed", "15 people were killed")
    assert not agree("a deal worth $3.4bn", "a deal worth $3.6 billion")


def test_bounds_and_approximations_follow_the_stated_rule() -> None:
    # "more than X" stands for X to 25% above it; "about X" for ±10%; "nearly X" 10% below
    assert agree("more than 1,200 jobs will go", "1,250 jobs will go")
    assert not agree("more than 1,200 jobs will go", "1,600 jobs will go")
    assert not agree("more than 1,200 jobs will go", "1,100 jobs will go")
    assert agree("about 1,200 jobs will go", "1,300 jobs will go")
    assert agree("nearly five thousand dockworkers walked out", "4,800 dockworkers walked out")
    assert agree("up to 15 people were killed", "12 people were killed")
    assert agree("between 12 and 15 people were killed", "13 people were killed")
    assert not agree("between 12 and 15 people were killed", "17 people were killed")


def test_what_a_figure_counts() -> None:
    assert one("14 people were killed in the blast").slot == "|dead|"
    assert one("the blast killed 14 people").slot == "|dead|"
    assert one("the blast has claimed 14 lives").slot == "|dead|"
    assert one("Seventeen people are dead").slot == "|dead|"
    assert one("nine are still missing").slot == "|missing|"
    assert one("rescuers saved 131 people").slot == "|rescued|"
    assert one("Twenty-seven survivors were taken to hospital").slot == "|in hospital|"
    assert one("the ferry was licensed to carry 120 passengers").slot == "|capacity|"
    assert one("the ferry was carrying 154 passengers").slot == "|on board|"
    assert one("38 container ships were waiting").slot == "|ship|"


def test_money_percent_and_rates() -> None:
    share = one("Veltra will pay $48 a share")
    assert (share.unit, share.rate, share.label) == ("USD", "per share", "price per share")
    assert one("annual savings of $350 million").slot == "USD|savings|per year"
    assert one("$250m a year in savings").slot == "USD|savings|per year"
    assert one("€25,000 per family in compensation").rate == "per family"
    assert one("a 32% premium to Friday's close").slot == "%|premium|"
    up = one("Corvane shares jumped 27% in early trading")
    assert (up.slot, up.subject) == ("%|share price up|", "corvane")


def test_currencies_are_never_converted() -> None:
    assert one("a fine of €5 million").unit == "EUR"
    assert one("a fine of $5 million").unit == "USD"


@pytest.mark.parametrize(
    "text",
    [
        "The line reopened in 2023.",
        "She was born on March 14.",
        "It happened at 7 p.m. sharp.",
        "a 34-year-old teacher",
        "Maria Kostas, 36, said so.",
        "the CVN-204 trial and the G7 meeting",
        "under Article 5 of the treaty",
        "the third day of talks",
        "a 6.7-strength quake",
        "found at 24 Independent Street",
        "Vaughn finished with 16 points and nine rebounds",
    ],
)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert [f.text for f in figures(text)] == []


def test_a_part_is_not_the_whole() -> None:
    found = figures("About 1,900 of Corvane's 4,300 employees work at the campus.")
    assert [f.slot for f in found] == ["|staff|"]
    assert figures("the bodies of two more victims were found") == []
    assert [f.slot for f in figures("$4.2 billion in cash and 57 million shares")][:1] == [
        "USD|cash part|"
    ]


def test_a_figure_about_another_year_says_so() -> None:
    fact = one("the sinking in 2009, which killed 23 people")
    assert fact.era == "2009"
    assert one("The blast killed 23 people").era == ""


def test_the_span_covers_the_figure_and_what_it_counts() -> None:
    text = "At least 14 people were killed."
    fact = one(text)
    assert fact.kind == FIGURE
    assert text[fact.start : fact.end] == "At least 14 people"
