"""Which day dates an event: only one that tells the event's own happening.

From a trial: an event on a re-election was dated by another passage's "21 January
2025" (a withdrawal it recalled), one on a book by "set to release on March 12", and a
conviction by a weekday in a year-old article. The texts here are made up.
"""

from __future__ import annotations

from brieftui.compare.labeljobs import LabelJob, _date

CENTRAL = (
    "The harbour authority closed the northern pier after the storm damaged its cranes. "
    "Its annual report, due out on March 12, will cover the repairs."
)
LABEL = (0, CENTRAL.index(" Its annual") + 1)


def job(dates=(), weekdays=()) -> LabelJob:
    return LabelJob(CENTRAL, [], [], {}, {}, list(dates), list(weekdays))


def test_a_day_in_the_label_sentence_dates_the_event() -> None:
    at = CENTRAL.index("storm")
    assert _date(job([(True, at, "4 May 2024", "2024-05-04", 0, True)]), LABEL) == (
        "4 May 2024",
        "2024-05-04",
    )


def test_another_sentence_of_the_central_passage_counts_only_if_it_tells_the_same() -> None:
    at = CENTRAL.index("March 12")
    assert _date(job([(True, at, "March 12", "--03-12", 0, True)]), LABEL) is None


def test_one_other_source_s_unrelated_day_does_not_date_it_two_agreeing_do() -> None:
    alone = [(False, 5, "21 January 2025", "2025-01-21", 1, False)]
    assert _date(job(alone), LABEL) is None
    agreeing = [*alone, (False, 9, "21 January 2025", "2025-01-21", 2, False)]
    assert _date(job(agreeing), LABEL) == ("21 January 2025", "2025-01-21")


def test_another_source_s_sentence_telling_the_same_happening_dates_it() -> None:
    related = [(False, 5, "4 May 2024", "2024-05-04", 1, True)]
    assert _date(job(related), LABEL) == ("4 May 2024", "2024-05-04")


def test_a_weekday_elsewhere_needs_the_same_rule() -> None:
    other = "The court met on Tuesday to hear an unrelated appeal about fishing quotas."
    assert _date(job(weekdays=[(False, other, "2024-05-08", 1)]), LABEL) is None
    told = "The northern pier was closed on Tuesday after the storm damaged its cranes."
    assert _date(job(weekdays=[(False, told, "2024-05-08", 1)]), LABEL) is not None
