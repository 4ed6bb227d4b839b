"""Dates and clock times, relative ones resolved against the article's date."""

from __future__ import annotations

from datetime import date

from brieftui.divergence.dates import extract_dates, parse_doc_date
from brieftui.divergence.facts import DATE, TIME
from brieftui.divergence.tokens import tokenize

TUESDAY = date(2025, 3, 4)


def dates(text: str, doc_date: date | None = TUESDAY):
    return [f for f in extract_dates(tokenize(text), doc_date) if f.kind == DATE]


def times(text: str):
    return [f for f in extract_dates(tokenize(text), TUESDAY) if f.kind == TIME]


def iso(text: str, doc_date: date | None = TUESDAY) -> str | None:
    found = dates(text, doc_date)
    assert len(found) == 1, [f.text for f in found]
    return found[0].value.iso


def test_a_weekday_is_the_latest_such_day_on_or_before_the_article() -> None:
    assert iso("The ministers met on Friday.") == "2025-02-28"  # the example
    assert iso("The ministers met on Tuesday.") == "2025-03-04"
    assert iso("The ministers met last Tuesday.") == "2025-02-25"


def test_a_weekday_in_a_clause_about_the_future_is_ahead() -> None:
    assert iso("The ministers will meet on Friday.") == "2025-03-07"
    assert iso("He is due in court on Monday.") == "2025-03-10"
    assert iso("They meet again next Tuesday.") == "2025-03-11"


def test_relative_days() -> None:
    assert iso("The talks collapsed yesterday.") == "2025-03-03"
    assert iso("The talks collapsed two days ago.") == "2025-03-02"
    assert iso("Fighting broke out last night.") == "2025-03-03"


def test_calendar_dates() -> None:
    assert iso("It happened on 3 November 2024.") == "2024-11-03"
    assert iso("It happened on Nov. 3, 2024.") == "2024-11-03"
    assert iso("It happened on 2024-11-03.") == "2024-11-03"
    assert iso("It happened on Monday 3 March.") == "2025-03-03"
    assert iso("It happened on 28 February.") == "2025-02-28"  # nearest year to the article


def test_without_an_article_date_a_weekday_stays_a_weekday() -> None:
    found = dates("They met on Friday.", None)
    assert found[0].value.iso is None and found[0].value.weekday == 4


def test_what_is_not_a_happening_day() -> None:
    assert dates("Shoppers flocked to the Black Friday sales.") == []
    assert dates("Posted in Accidents on Friday, September 20, 2013.") == []
    assert dates("charged with offences between Nov. 1, 2004, and Oct. 8, 2008") == []


def test_the_kind_of_clause_is_kept() -> None:
    assert dates("The minister said on Friday that it was over.")[0].slot == "said"
    assert dates("He is due in court on Monday.")[0].slot == "future"
    assert dates("The ferry sank on Monday.")[0].slot == ""


def test_clock_times_with_qualifiers() -> None:
    (t,) = times("The ferry capsized shortly after 7 p.m. in heavy seas.")
    assert t.value == (1140.0, 1170.0)
    (t,) = times("It capsized at about 7.15pm.")
    assert t.value == (1135.0, 1175.0)
    (t,) = times("Trading opened at 14:30 local time.")
    assert t.value == (870.0, 870.0)


def test_clocks_that_are_not_times_of_day() -> None:
    assert times("He scored with 7:41 to go in the half.") == []
    assert times("The record was 2:09 for years.") == []


def test_document_dates_parse() -> None:
    assert parse_doc_date("2025-03-04") == TUESDAY
    assert parse_doc_date(None) is None
    assert parse_doc_date("not a date") is None


def test_a_relative_day_inside_a_quotation_dates_nothing() -> None:
    """From a trial: a chant's "today" was Monday in one report and Tuesday in the next,
    a false divergence; the speaker's "today" is not the article's."""
    from brieftui.divergence.extract import passage_facts

    text = 'Marchers chanted "we want answers today" outside the town hall on Monday.'
    dates = [f for f in passage_facts(text, "2024-05-08") if f.kind == "date"]
    assert [f.text for f in dates] == ["on Monday"]
    quoted = 'The mayor said "the vote was on 3 May 2024" and left.'
    assert [f.text for f in passage_facts(quoted, "2024-05-08") if f.kind == "date"] == [
        "on 3 May 2024"
    ]
