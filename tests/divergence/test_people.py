"""Named people with their role, and places."""

from __future__ import annotations

import pytest

from brieftui.divergence.pairing import role_verdict
from brieftui.divergence.people import (
    extract_places,
    extract_roles,
    name_runs,
    person_key,
    roles_in,
)
from brieftui.divergence.tokens import tokenize


def roles(text: str) -> dict[str, frozenset[str]]:
    toks = tokenize(text)
    return {f.label: f.value for f in extract_roles(toks, name_runs(toks))}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Shipping Minister Elena Vasilaki flew in.", "Elena Vasilaki", "minister"),
        ("Deputy Shipping Minister Elena Vasilaki flew in.", "Elena Vasilaki", "deputy minister"),
        ("said coastguard spokesman Nikos Andreou.", "Nikos Andreou", "spokesperson"),
        ("Nikos Andreou, a coastguard spokesman, said so.", "Nikos Andreou", "spokesperson"),
        ("Sandra Okafor, Veltra's CEO, said so.", "Sandra Okafor", "chief executive"),
        (
            "Martin Kell, Westline Rail's managing director, said so.",
            "Martin Kell",
            "managing director",
        ),
        ("The ship's captain, Yannis Doukas, survived.", "Yannis Doukas", "captain"),
        ("Priya Raman, an analyst at Morland Securities, said so.", "Priya Raman", "analyst"),
        (
            "Assistant Chief Constable Aileen Ward spoke.",
            "Aileen Ward",
            "assistant chief constable",
        ),
        ("RCMP and Attorney-General Wally Oppal spoke.", "Wally Oppal", "attorney general"),
    ],
)
def test_roles(text: str, name: str, role: str) -> None:
    assert role in roles(text)[name]


def test_a_former_role_is_not_a_role() -> None:
    assert roles_in("a former director of the service".split()) == frozenset()


def test_another_persons_role_is_not_taken() -> None:
    found = roles("General manager Ed Stefanski announced Tony DiLeo as coach.")
    assert "Tony DiLeo" not in found


def test_offices_differ_descriptions_do_not() -> None:
    assert role_verdict(frozenset({"minister"}), frozenset({"deputy minister"})) is False
    assert role_verdict(frozenset({"founder", "chief executive"}), frozenset({"founder"})) is True
    assert role_verdict(frozenset({"teacher"}), frozenset({"husband"})) is None
    assert role_verdict(frozenset({"chief executive"}), frozenset({"chair"})) is False


def test_surnames_meet_across_spellings() -> None:
    assert person_key("Köhler") == person_key("Koehler") == "kohler"


def test_middle_initials_stay_in_one_name() -> None:
    runs = name_runs(tokenize("said Edward J. Markey of Massachusetts"))
    assert ("Edward", "Markey") in [run.words for run in runs]


def places(text: str) -> list[str]:
    toks = tokenize(text)
    runs = name_runs(toks)
    return [f.display for f in extract_places(toks, runs, set())]


def test_places() -> None:
    assert places("It capsized off the island of Pelagos.") == ["Pelagos"]
    assert places("Survivors were taken to hospital in Kastri.") == ["Kastri"]
    assert places("It broke in the Seaport district.") == []  # a name used as a modifier
    assert places("a staunch critic of the design inside Apple's enclosure") == []
