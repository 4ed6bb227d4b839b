"""Numeric datelines near the top of an article (from a new-user trial on ECB+).

"First Posted 21:14:00 07/07/2016" and "08/08/14 09:40 PM ET EDT" are when the page was
posted: metadata, never a heading or a passage, and the document's date when the order
of day and month can be told (a part above 12, both orders the same day, or a US time
zone on the line for month/day). A truly ambiguous one ("04/05/2010" with nothing to say
which order) is still metadata, with no date. Every line here is written for these tests.
"""

from __future__ import annotations

import pytest

from brieftui.ingest.metadata import caps_dateline, dateline, numeric_dateline

from .test_ingest_credit_lines import BODY, FIRST, TITLE, parse, texts


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("First Posted 21:14:00 07/07/2016", "2016-07-07"),  # both orders the same day
        ("08/08/14 09:40 PM ET EDT", "2014-08-08"),  # a two-digit year
        ("Updated: 25/03/2024 14:10", "2024-03-25"),  # 25 is a day
        ("Published 03/25/2024 2:10 PM", "2024-03-25"),
        ("Posted on 2024/03/25", "2024-03-25"),  # year first: year, month, day
        ("25.03.2024 | 14:10", "2024-03-25"),
        ("04/05/2010 11:20 AM EDT", "2010-04-05"),  # a US zone: month/day
        ("Updated 11/12/2019 10:03 a.m. PT", "2019-11-12"),
    ],
)
def test_a_numeric_dateline_gives_the_date(line: str, iso: str) -> None:
    assert dateline(line) == iso
    assert numeric_dateline(line) == (True, iso)


@pytest.mark.parametrize("line", ["04/05/2010", "Updated 04/05/2010 11:20", "Posted 3.4.2019"])
def test_a_truly_ambiguous_numeric_dateline_is_a_dateline_without_a_date(line: str) -> None:
    assert dateline(line) is None
    assert numeric_dateline(line) == (True, None)


@pytest.mark.parametrize(
    "line",
    [
        "The vote on 07/07/2016 was close.",
        "Scores: 3/4/5",
        "13/13/2010",
        "Call 555/12/2010 now",
        "1/2",
        "Posted 21:14:00",
    ],
)
def test_prose_or_no_real_date_is_not_a_numeric_dateline(line: str) -> None:
    assert numeric_dateline(line) == (False, None)
    assert dateline(line) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("First Posted 21:14:00 07/07/2016", "2016-07-07"),
        ("08/08/14 09:40 PM ET EDT", "2014-08-08"),
        ("Updated 04/05/2010 11:20", None),
    ],
)
def test_a_numeric_dateline_under_the_title_is_neither_heading_nor_passage(line, iso) -> None:
    doc = parse(f"{TITLE}\n\n{line}\n{BODY}")
    assert doc.title == TITLE
    assert [s.heading for s in doc.sections if s.heading] == []
    texts = [p.text for p in doc.passages()]
    assert texts[0].startswith(FIRST) and len(texts) == 3
    assert doc.date == iso


def test_a_numeric_line_deep_in_the_body_stays() -> None:
    body = BODY + "\n".join(
        f"Officials said the plan had been delayed {n} times." for n in range(9)
    )
    doc = parse(f"{TITLE}\n\n{body}\n07/07/2016\n")
    assert "07/07/2016" in [p.text for p in doc.passages()]


def test_two_numeric_datelines_above_the_title_leave_the_title_alone() -> None:
    doc = parse(f"Posted 11/27/2005 7:21 AM\n\nUpdated 11/27/2005 3:41 PM\n{TITLE}\n{BODY}")
    assert doc.title == TITLE and doc.date == "2005-11-27"
    assert [s.heading for s in doc.sections if s.heading] == []


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Tue Mar 14 2017, 08:42 hrs", "2017-03-14"),  # a form seen in a second trial
        ("POSTED: 0915 GMT (1715 HKT), June 3, 2016", "2016-06-03"),
    ],
)
def test_worded_datelines_with_times_in_other_forms(line: str, iso: str) -> None:
    assert dateline(line) == iso


def test_a_year_beside_a_date_in_prose_is_no_dateline() -> None:
    assert dateline("The 2024 March 4, 2024 vote") is None


@pytest.mark.parametrize(
    "line",
    [
        "THE MINISTER SAID TODAY March 4, 2025",
        "Police said March 4, 2025",
        "ON AIR: Live March 4, 2025",
    ],
)
def test_words_beside_a_date_are_no_dateline_unless_a_few_names_in_capitals(line: str) -> None:
    assert dateline(line) is None and caps_dateline(line) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [  # made-up lines of a form seen in a trial
        ("PTI Mar 9, 2014, 07.12AM IST CHENNAI:", "2014-03-09"),
        ("NEW DELHI: March 4, 2025", "2025-03-04"),
    ],
)
def test_a_wire_dateline_naming_its_agency_or_place_in_capitals(line: str, iso: str) -> None:
    assert caps_dateline(line) == iso


def test_a_capitals_dateline_under_the_title_is_metadata(tmp_path) -> None:
    import brieftui

    path = tmp_path / "wire.txt"
    path.write_text(
        "Ferry service resumes after storm\n\nPTI Mar 9, 2014, 07.12AM IST CHENNAI:\n\n"
        "The ferry between the two islands sailed again on Sunday after three days in port, "
        "the operator said.\n\nPassengers queued from dawn.\n",
        encoding="utf-8",
    )
    doc = brieftui.load([path], cache=False).documents[0]
    assert doc.date == "2014-03-09"
    assert all("CHENNAI" not in p.text for p in doc.passages())


@pytest.mark.parametrize(
    ("line", "iso"),
    [  # made-up lines in forms a trial found read as headings
        ("PUBLISHED: FRIDAY, APRIL 19, 2024, 3:15 PM", "2024-04-19"),
        ("Published time: June 2, 2022 04:10", "2022-06-02"),
        ("Edited time: June 3, 2022 01:10", "2022-06-03"),
        ("Published: Monday, Sep. 9 2019 6:05 p. m. MDT", "2019-09-09"),
        ("Sat., May. 4, 2019 10:30 AM PDT", "2019-05-04"),
        ("June 5, 2021 2:20 pm.", "2021-06-05"),
        ("June 9, 2020-5:12 pm", "2020-06-09"),
        ("PUBLISHED: 03:40 GMT, 4 June 2022 | UPDATED: 21:10 GMT, 4 June 2022", "2022-06-04"),
        ("Posted on June 16, 2012 7:08:16 PM GMT+02:00", "2012-06-16"),
        ("14 February 2011 @ 10:12 am", "2011-02-14"),
    ],
)
def test_more_dateline_forms(line: str, iso: str) -> None:
    assert dateline(line) == iso


def test_a_time_stamp_without_a_date_is_metadata_but_dates_nothing() -> None:
    from brieftui.ingest.metadata import time_stamp

    assert time_stamp("Updated 6:45 p. m. ET")
    assert not time_stamp("The vote is at 6:45 p.m. on Friday")
    assert not time_stamp("Updated guidance for schools")


def test_datelines_under_a_long_headline_and_a_deck_are_metadata(tmp_path) -> None:
    """From a trial: a 150-character headline stopped the head scan, so the title was the
    first sentence again and the dateline under the deck became a section heading."""
    import brieftui

    title = (
        "Flooded riverside villages await emergency relief convoys as floodwaters recede "
        "slowly while regional authorities keep highways closed throughout the fourth day"
    )
    assert len(title) >= 150
    path = tmp_path / "flood.txt"
    path.write_text(
        f"{title}\n"
        "Relief crews reached three villages on Monday.\n"
        "Aid agencies warned of shortages of clean water.\n"
        "PUBLISHED: MONDAY, APRIL 15, 2024, 3:15 PM\n"
        "UPDATED: TUESDAY, APRIL 16, 2024, 9:02 AM\n"
        "Updated 9:40 a. m. ET\n"
        'The first convoy carried water and medicine, an official said. "\n'
        "Residents said they had waited for days on rooftops and in schools, and that the "
        "water had reached the second floor of some houses before it began to fall.\n",
        encoding="utf-8",
    )
    doc = brieftui.load([path], cache=False).documents[0]
    assert doc.title == title and not doc.title_is_fallback
    assert doc.date == "2024-04-15"
    headings = [s.heading for s in doc.sections if s.heading]
    assert headings == [], headings
    texts = [p.text for p in doc.passages()]
    assert not any("PUBLISHED" in t or "Updated 9:40" in t for t in texts)
    assert any(t.startswith("The first convoy") for t in texts)


@pytest.mark.parametrize(
    ("stamp", "iso"),
    [
        ("on March 3, 2021 at 7:05 AM, updated March 3, 2021 at 9:40 AM", "2021-03-03"),
        ("posted at 10:04 am on June 2, 2019", "2019-06-02"),
        ("published: 2018-11-20 08:15:02", "2018-11-20"),
        ("on Oct 7 2016", "2016-10-07"),
        ("on Oct 7 2016, 5:03p", "2016-10-07"),  # a time written "5:03p"
    ],
)
def test_a_lower_case_stamp_under_the_headline_is_a_dateline_not_part_of_the_title(
    stamp: str, iso: str
) -> None:
    """From a trial on blog pages: a stamp starting lower-case was read as the rest of the
    headline ("… guilty on April 30, … updated …"), so the title ran on and the article
    had no date. Such a stamp is a line of its own, and metadata."""
    doc = parse(f"{TITLE}\n\n{stamp}\n{BODY}")
    assert doc.title == TITLE
    assert doc.date == iso
    assert not any(stamp in t for t in texts(doc))


def test_a_lower_case_line_that_is_not_a_stamp_still_continues_the_one_before() -> None:
    doc = parse(f"{TITLE}\n\n{FIRST}, and\nthe mayor said the work was overdue.\n\n{BODY}")
    assert any("and the mayor said the work was overdue" in t for t in texts(doc))


def test_a_lower_case_paragraph_under_a_whole_headline_starts_the_article() -> None:
    """From a regression trial: "on the waterfront, …" under the headline ran on into the
    title. A headline cut off after a small word still continues ("… to close the")."""
    doc = parse(f"{TITLE}\n\non the waterfront, the harbour master said work starts in May.\n")
    assert doc.title == TITLE
    assert any(t.startswith("on the waterfront") for t in texts(doc))
    cut = parse(
        "The city council voted on Friday to close the\n\nold harbour for two years while "
        "it is dredged, officials said.\n\nThe work will start in May.\n"
    )
    assert "close the old harbour" in " ".join([cut.title, *texts(cut)])
