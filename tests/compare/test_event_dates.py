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


def test_a_step_still_to_come_is_not_the_day_of_the_happening(tmp_path, monkeypatch) -> None:
    """From a trial: the day of a next court hearing, named in an arrest's sentence,
    dated the arrest. A day the clause looks ahead to ("will be sentenced on", "next
    hearing is on") dates nothing; the articles' own dates still do not date events."""
    import brieftui

    monkeypatch.setenv("BRIEFTUI_SEMANTIC", "0")
    lead = "A jury at the Lindmoor crown court convicted the baker Tomas Vell of fraud over "
    (tmp_path / "a.txt").write_text(
        "Baker convicted of fraud at the Lindmoor court\n\nBy Ana Ruiz\nMay 14, 2024\n\n"
        f"{lead}the fake flour invoices, and he will be sentenced on June 4.\n\n"
        "Vell had denied every charge, and the trial lasted three weeks.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Lindmoor baker found guilty over fake flour invoices\n\nBy Kit Moss\nMay 14, 2024\n\n"
        "Tomas Vell, a Lindmoor baker, was found guilty of fraud by a jury at the crown "
        "court over fake flour invoices. His next hearing is on June 4.\n\n"
        "The prosecution said the scheme ran for six years.\n",
        encoding="utf-8",
    )
    events = brieftui.load([tmp_path], cache=False).events()
    convicted = [e for e in events if "Vell" in e.label_sentence]
    assert convicted, [e.label for e in events]
    assert all(e.date is None and "June" not in e.label for e in convicted)


def test_a_weekday_still_to_come_does_not_date_the_event(tmp_path, monkeypatch) -> None:
    """From a regression trial: "who will be sentenced on Friday" dated the event by
    that Friday, and "the next hearing is on Friday" by the Friday before."""
    import brieftui

    monkeypatch.setenv("BRIEFTUI_SEMANTIC", "0")
    for name, sentence in (
        ("a", "Tomas Vell, who will be sentenced on Friday, forged the flour invoices."),
        ("b", "The next hearing is on Friday, the clerk said of the Vell flour invoices."),
    ):
        (tmp_path / f"{name}.txt").write_text(
            f"Lindmoor baker case ({name})\n\nBy Ana Ruiz\nMarch 3, 2021\n\n{sentence}\n\n"
            "The baker Tomas Vell forged flour invoices for six years, the court heard.\n",
            encoding="utf-8",
        )
    events = brieftui.load([tmp_path], cache=False).events()
    dated = [(e.label_sentence, e.date) for e in events if e.date and "Friday" in e.label_sentence]
    assert dated == []


def test_looks_ahead_at_reads_the_day_s_clause() -> None:
    from brieftui.compare.when import looks_ahead_at

    def ahead(text: str, day: str = "June 4") -> bool:
        at = text.index(day)
        return looks_ahead_at(text, at, at + len(day))

    assert ahead("He was convicted of fraud and will be sentenced on June 4.")
    assert ahead("The next hearing is on June 4.")
    assert ahead("He is due in court on June 4.")
    assert ahead("She faces sentencing on June 4 after the verdict.")
    assert ahead("The vote was to be held on June 4 but was put off.")
    assert not ahead("The fire broke out on June 4, officials said.")
    assert not ahead("On June 4, the council voted to close the plant.")
    assert not ahead("The council voted on June 4. It will meet again next week.")
