"""Pairing facts of two passages: same slot, agreements first, nothing guessed."""

from __future__ import annotations

from brieftui.divergence import (
    AGREES,
    DIFFERS,
    PassageText,
    divergences_between,
    pairings_between,
)


def passages(a: str, b: str, date_a: str | None = "2025-03-04", date_b: str | None = "2025-03-04"):
    return PassageText("A:1", "A", a, date_a), PassageText("B:1", "B", b, date_b)


def verdicts(a: str, b: str, **kw) -> list[tuple[str, str, str, str]]:
    pa, pb = passages(a, b, **kw)
    return [(p.kind, p.verdict, p.a_text, p.b_text) for p in pairings_between(pa, pb)]


def test_a_divergence_has_both_values_and_both_spans() -> None:
    pa, pb = passages("12 people were killed in the blast.", "The blast killed 15 people.")
    (d,) = divergences_between(pa, pb)
    assert (d.kind, d.slot) == ("figure", "dead")
    first, second = d.values
    assert (first.passage_id, second.passage_id) == ("A:1", "B:1")
    assert pa.text[first.span[0] : first.span[1]] == first.text == "12 people"
    assert pb.text[second.span[0] : second.span[1]] == second.text == "15 people"
    assert d.summary() == "12 people (A) vs 15 people (B)"


def test_figures_said_differently_are_no_divergence() -> None:
    assert verdicts(
        "Officials said 1,200 jobs would go.", "Officials said 1.2 thousand jobs would go."
    ) == [("figure", AGREES, "1,200 jobs", "1.2 thousand jobs")]


def test_different_things_counted_are_not_paired() -> None:
    a = "The ferry was licensed to carry 120 passengers."
    b = "The ferry sank with 160 passengers on board."
    assert verdicts(a, b) == []


def test_a_figure_about_another_year_is_not_paired() -> None:
    a = "The sinking of the Aegean Dawn in 2009 killed 23 people."
    b = "At least 14 people were killed when the ferry sank."
    assert verdicts(a, b) == []


def test_an_agreement_elsewhere_is_read_first() -> None:
    # B gives 14 (agreeing with A) and later 17: A's 14 pairs with B's 14; nothing is reported.
    a = "At least 14 people were killed."
    b = "14 people were killed, officials said. Seventeen people are dead, a paper claimed."
    assert [v[1] for v in verdicts(a, b)] == [AGREES]


def test_what_cannot_be_paired_unambiguously_is_not_guessed() -> None:
    # two different figures for "ships" on each side, in clauses that share nothing
    a = "Six ships were rerouted to Rotterdam. Forty ships waited in the bay overnight."
    b = "Eight ships sailed for Antwerp. Thirty ships queued near the port for days."
    assert [v for v in verdicts(a, b) if v[1] == DIFFERS] == []


def test_weekdays_in_articles_of_different_dates() -> None:
    # the example: "on Friday" in an article dated 2025-03-04 is 28 February
    a = "The ferry capsized on Friday evening in a storm off the island."
    b = "The ferry capsized in a storm off the island on 27 February."
    assert ("date", DIFFERS, "on Friday evening", "on 27 February") in verdicts(a, b)
    c = "The ferry capsized in a storm off the island on 28 February."
    assert ("date", AGREES, "on Friday evening", "on 28 February") in verdicts(a, c)


def test_two_same_weekdays_agree_whatever_the_article_dates() -> None:
    a = "The ferry capsized on Friday in a storm off the island."
    b = "The ferry capsized on Friday in a storm off the island."
    assert ("date", AGREES, "on Friday", "on Friday") in verdicts(a, b, date_b="2025-03-14")


def test_roles_and_speakers() -> None:
    a = '"We will find out who is responsible," Shipping Minister Elena Vasilaki told reporters.'
    b = '"We will find out who is responsible," said Elena Vasilaki, the deputy minister.'
    found = verdicts(a, b)
    assert (
        "role",
        DIFFERS,
        "Shipping Minister Elena Vasilaki",
        "Elena Vasilaki, the deputy minister",
    ) in found
    assert (
        "quote",
        AGREES,
        "We will find out who is responsible,",
        "We will find out who is responsible,",
    ) in found
    assert ("speaker", AGREES, "Elena Vasilaki", "Elena Vasilaki") in found


def test_a_speaker_divergence_shows_both_names() -> None:
    a = '"The water came in so fast," said Maria Kostas, a teacher.'
    b = '"The water came in so fast," said Dimitris Kostas, her husband.'
    pa, pb = passages(a, b)
    (d,) = divergences_between(pa, pb)
    assert d.kind == "speaker"
    assert [v.text for v in d.values] == ["Maria Kostas", "Dimitris Kostas"]


def test_a_shortened_quote_is_no_divergence() -> None:
    a = '"We will find out who is responsible, and they will answer for it," she said.'
    b = '"We will find out who is responsible," she said.'
    pa, pb = passages(a, b)
    assert divergences_between(pa, pb) == []


def test_a_passage_giving_the_other_s_full_date_too_dates_two_happenings() -> None:
    """A trial found a day of one happening (a sentencing) set against the full date of
    another (the crime) that both passages give: a false date divergence (made-up text)."""
    a = (
        "Tomas Vell was sentenced early Saturday to nine prison terms and three fines plus "
        "costs for the arson attacks he carried out on June 4, 2011, that stunned the coast."
    )
    b = (
        "Judge Ana Pireu sentenced Vell to nine consecutive prison terms and three fines for "
        "the June 4, 2011, blaze that left six people dead, the Valmora Courier reported."
    )
    assert [v for v in verdicts(a, b) if v[0] == "date" and v[1] == "differs"] == []


def test_distances_from_different_points_are_not_paired() -> None:
    """From a trial: the distance of an attack from a port against the distance of the
    ship from a warship, two facts in one unit. Text made up."""
    a = (
        "Raiders on two skiffs fired on the grain carrier Osterlind about noon, 140 "
        "nautical miles east of Marlow Point, and tried to board the grain carrier."
    )
    b = (
        "The grain carrier, which was then 9 nautical miles from the patrol boat Kestrel, "
        "turned away from the skiffs."
    )
    assert divergences_between(*passages(a, b)) == []
    same_point = "The grain carrier Osterlind was fired on 120 nautical miles east of Marlow Point."
    (d,) = divergences_between(*passages(a, same_point))
    assert (d.values[0].text, d.values[1].text) == ("140 nautical miles", "120 nautical miles")
    assert [
        x.summary()
        for x in divergences_between(
            *passages("The ferry sank 20 km off Crete.", "The ferry sank 35 km off Crete.")
        )
    ] == ["20 km (A) vs 35 km (B)"]


def test_a_day_in_a_relative_clause_is_of_that_clause() -> None:
    """From a trial: a firm "which stayed shut" on one day and the same firm's statement
    on another are two happenings sharing only the apposition. Looking back from a date
    stops at "which"/"who", keeping its antecedent. Text made up."""
    a = (
        "Odell was the founder of Brask Holdings, a maker of garden furniture and "
        "outdoor lamps, which stayed shut Tuesday."
    )
    b = (
        "Brask Holdings, a maker of garden furniture and outdoor lamps, put out a "
        "statement Sunday night saying it was grieving."
    )
    assert divergences_between(*passages(a, b)) == []
    hurt = divergences_between(
        *passages("Odell, who was hurt Friday, ran the firm.", "Odell was hurt Saturday.")
    )
    assert [d.kind for d in hurt] == ["date"]
