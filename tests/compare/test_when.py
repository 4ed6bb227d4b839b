"""Weekdays made dates for event labels (:mod:`brieftui.compare.when`)."""

from __future__ import annotations

import time

import pytest

from brieftui.compare.when import weekday_dates

TUESDAY = "2025-03-04"


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        ("A fire swept through a warehouse on Monday night, killing 12.", "2025-03-03"),
        ("The mayor spoke on Tuesday.", "2025-03-04"),  # the article's own day
        ("Talks collapsed last Tuesday.", "2025-02-25"),  # a week ago, not today
        ("Since Sunday the port has been closed.", "2025-03-02"),
        ("Officials met Wednesday to discuss it.", "2025-02-26"),  # the latest Wednesday
    ],
)
def test_a_past_weekday_is_the_latest_such_day_on_or_before_the_article(sentence, iso) -> None:
    (found,) = weekday_dates(sentence, TUESDAY)
    start, end, shown, got = found
    assert got == iso
    weekday = shown.split()[0]
    assert weekday in sentence[start:end] and shown.endswith("2025")


@pytest.mark.parametrize(
    "sentence",
    [
        "The inquiry will report on Friday.",
        "Ministers meet next Monday.",
        "The vote is due on Thursday.",
        "Nothing happened on the holiday.",
    ],
)
def test_a_day_still_to_come_or_no_weekday_gives_nothing(sentence: str) -> None:
    assert weekday_dates(sentence, TUESDAY) == []


def test_an_article_without_a_date_gives_nothing() -> None:
    assert weekday_dates("It began on Monday.", None) == []
    assert weekday_dates("It began on Monday.", "not a date") == []


def test_the_month_is_english_whatever_the_locale() -> None:
    assert weekday_dates("It began on Friday.", "2025-08-04")[0][2] == "Friday 1 August 2025"


def test_linear_on_a_hostile_line() -> None:
    line = "on Monday " * 20_000 + "next " * 20_000
    start = time.perf_counter()
    assert len(weekday_dates(line, TUESDAY)) == 20_000
    assert time.perf_counter() - start < 2.0
