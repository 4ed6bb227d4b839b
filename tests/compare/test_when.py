"""Weekdays made dates for event labels (:mod:`brieftui.compare.when`)."""

from __future__ import annotations

import time

import pytest

from brieftui.compare.when import weekday_dates, with_year, year_near

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


WEDNESDAY = "2010-05-05"


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        # the trial's case: a Wednesday report of a vote still to come
        (
            "Farmers gathered outside the assembly, where ministers were readying the "
            "reforms to be voted on Thursday.",
            "2010-05-06",
        ),
        ("The draft bill is to be voted on Thursday.", "2010-05-06"),
        ("The inquiry will report on Friday.", "2010-05-07"),
        ("The verdict is due on Monday.", "2010-05-10"),
        ("The suspect is due in court on Monday.", "2010-05-10"),
        ("The launch is scheduled for Saturday.", "2010-05-08"),
        ("The company is expected to unveil the phone at an event on Tuesday.", "2010-05-11"),
        ("Apple is set to unveil its new phone in San Francisco on Tuesday.", "2010-05-11"),
        (
            "The company plans to unveil its new phone at an event in San Francisco on Tuesday.",
            "2010-05-11",
        ),
        ("Ministers meet next Monday.", "2010-05-10"),
        ("The union's leaders meet next Wednesday.", "2010-05-12"),  # a week on, not today
        ("On Thursday, parliament will vote on the cuts.", "2010-05-06"),
        ("Strikers say they'll march again on Friday.", "2010-05-07"),
        ("The vote, set for Thursday, could bring down the government.", "2010-05-06"),
        ("MPs will vote on the measures on Wednesday.", "2010-05-05"),  # the article's day
    ],
)
def test_a_day_still_to_come_is_the_first_such_day_on_or_after_the_article(sentence, iso) -> None:
    (found,) = weekday_dates(sentence, WEDNESDAY)
    assert found[3] == iso
    assert found[2].split()[0] in sentence[found[0] : found[1]]


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        ("The man arrested on Monday will appear in court.", "2010-05-03"),
        ("He will be sentenced later, police said on Monday.", "2010-05-03"),
        ("Flights were cancelled due to snow on Monday.", "2010-05-03"),
        ("Three people had to be evacuated on Tuesday.", "2010-05-04"),
        ("A rally was held on Sunday.", "2010-05-02"),
        ("On Monday, police arrested two men.", "2010-05-03"),
        ("The prime minister, who will stand again, resigned last Wednesday.", "2010-04-28"),
        ("The minister could not be reached for comment on Tuesday.", "2010-05-04"),
        ("She left a clinic in Santa Rosa, Calif. on Monday, May 3.", "2010-05-03"),
    ],
)
def test_a_past_clause_in_a_forward_sentence_is_still_past(sentence, iso) -> None:
    (found,) = weekday_dates(sentence, WEDNESDAY)
    assert found[3] == iso


@pytest.mark.parametrize(
    "sentence",
    [
        # the future of a past moment: before or after the article's day, not said
        "The vote was due on Thursday.",
        "He said the cabinet would meet on Thursday.",
        "The bill was to be voted on Thursday.",
        "The company had been expected to unveil the phone on Thursday.",
        "The union was planning to march on Friday.",
        "Bids must be in by Friday.",
        "Talks continue until Friday.",
        "The fire broke out on the holiday and the inquiry will report soon.",
        "Nothing happened on the holiday.",
        "The fix will ship with the next Patch Tuesday.",  # a name, not a day
    ],
)
def test_an_unclear_day_or_no_weekday_gives_nothing(sentence: str) -> None:
    assert weekday_dates(sentence, WEDNESDAY) == []


def test_both_days_of_one_sentence_are_read_each_in_its_clause() -> None:
    found = weekday_dates("The man arrested on Monday will appear in court on Friday.", WEDNESDAY)
    assert [f[3] for f in found] == ["2010-05-03", "2010-05-07"]


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


# -- a day and month without a year -------------------------------------------------------
@pytest.mark.parametrize(
    ("month", "day", "dated", "year"),
    [
        (9, 30, "2010-10-02", 2010),
        (12, 30, "2011-01-04", 2010),  # late December in an early-January report
        (1, 3, "2010-12-28", 2011),
        (5, 31, "2010-01-15", 2010),  # four and a half months on
        (9, 30, "2010-03-20", None),  # half a year either way: no year is plausible
        (2, 29, "2010-03-01", None),  # no 29 February near 2010
        (9, 30, None, None),
    ],
)
def test_a_day_without_a_year_takes_the_year_nearest_the_article(month, day, dated, year) -> None:
    assert year_near(month, day, dated) == year


@pytest.mark.parametrize(
    ("written", "shown"),
    [("Sept. 30", "Sept. 30, 2010"), ("30 June", "30 June 2010"), ("June 30th", "June 30th, 2010")],
)
def test_the_year_is_written_after_the_day_as_the_article_writes_it(written, shown) -> None:
    assert with_year(written, 2010) == shown


def test_an_event_dated_by_day_and_month_carries_the_articles_year(tmp_path) -> None:
    from brieftui import load
    from brieftui.compare import Comparer

    texts = [
        "The Veltmark quarry rescue fund closed on Sept. 30 after the Brandvik council "
        "withdrew its guarantee.\n\nMiners at the quarry said the council had broken its "
        "promise to them.\n\nThe union will meet the regional governor next month.",
        "Brandvik council pulled its guarantee and the Veltmark quarry rescue fund shut on "
        "Sept. 30, leaving 400 jobs at risk.\n\nUnion leaders called the decision a betrayal "
        "of the valley.\n\nThe quarry has operated since 1911.",
        "The rescue fund for the Veltmark quarry closed on Sept. 30, council records show, "
        "once Brandvik withdrew its guarantee.\n\nA spokesman for the council declined to "
        "comment on the miners' claims.\n\nShares in the quarry's owner fell sharply.",
    ]
    for n, text in enumerate(texts):
        (tmp_path / f"a{n}.txt").write_text(
            f"Quarry fund closes\n\nOctober {2 + n}, 2010\n\n{text}\n", encoding="utf-8"
        )
    brief = load([str(tmp_path)], cache=False)
    assert all(d.date for d in brief.documents)
    events = Comparer(brief.documents, semantic_stage=False).events()
    event = next(e for e in events if "Sept. 30" in e.label_sentence)
    assert event.when == "2010-09-30"
    assert event.date == "Sept. 30, 2010" and event.date in event.label
    assert event.label.count("Sept. 30") == 1
