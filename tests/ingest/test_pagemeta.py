"""A page's title without the site's name, its author without roles (from a new-user
trial; every title and name here is made up)."""

from __future__ import annotations

import pytest

from brieftui.ingest.pagemeta import author_names, site_free_title, site_name


@pytest.mark.parametrize(
    ("title", "publisher", "url", "expected"),
    [
        (
            "Harbour board approves the dredging plan – Port Ellery Post",
            "Port Ellery Post",
            None,
            "Harbour board approves the dredging plan",
        ),
        (
            "Ferry fares rise for the winter - Quaylink",
            None,
            "https://quaylink.example/2024/fares",
            "Ferry fares rise for the winter",
        ),
        (
            "Valmora Wire | Ports reopen after the storm",
            "Valmora Wire",
            None,
            "Ports reopen after the storm",
        ),
        (
            "Tram maker names a new chief | tramtalk",
            "TramTalk",
            None,
            "Tram maker names a new chief",
        ),
        # not the site: kept
        (
            "The Courier view on the harbour | Editorial",
            "The Courier",
            None,
            "The Courier view on the harbour | Editorial",
        ),
        (
            "The new estate car we really wanted - Motor News",
            "Carsdaily.example",
            "https://carsdaily.example/x",
            "The new estate car we really wanted - Motor News",
        ),
        ("Harbour: a new quay", None, None, "Harbour: a new quay"),
        # nothing left worth a title: kept whole
        ("Home – Port Ellery Post", "Port Ellery Post", None, "Home – Port Ellery Post"),
    ],
)
def test_site_free_title(title: str, publisher: str | None, url: str | None, expected: str) -> None:
    assert site_free_title(title, publisher, url) == expected


@pytest.mark.parametrize(
    ("author", "publisher", "expected"),
    [
        ("Ann Lee; Harbour Affairs Writer", "Port Ellery Post", "Ann Lee"),
        ("Rhys Owen; Valmora Wire", "Valmora Wire", "Rhys Owen"),
        ("Ann Lee; Rhys Owen", "Port Ellery Post", "Ann Lee; Rhys Owen"),
        ("Staff Writer", "Post", "Staff Writer"),  # nothing but a role: left as it is
        ("Ann Lee", "Port Ellery Post", "Ann Lee"),
        # from a trial on saved pages (names made up): dateline words, a label, a role
        # in lower case, a leading credit, the site's desk, a network's initials
        ("Marta Quill November", "Harbour Weekly", "Marta Quill"),
        ("Olav Brandt Monday; November", None, "Olav Brandt"),
        ("Valmora Times wire services Published", "Valmora Times", "Valmora Times wire services"),
        ("Ines Varga News reporter", "Port TV", "Ines Varga"),
        ("Analysis by Ines Varga; VTN Editor-at-large", "VTN", "Ines Varga"),
        ("Ines Varga; VTN Business", "VTN", "Ines Varga"),
        ("Ines Varga; VTN", "Harbour Aggregator", "Ines Varga"),
        ("Science Desk staff", "Harbour Weekly", "Science Desk staff"),  # a credit stays
        ("June May", None, "June May"),  # months that are names stay
        ("Admin", "Harbour Weekly", ""),  # a content system's account is no author
        ("hwadmin", "Harbour Weekly", ""),
        ("Ann Lee; webmaster", "Harbour Weekly", "Ann Lee"),
    ],
)
def test_author_names(author: str, publisher: str, expected: str) -> None:
    assert author_names(author, publisher) == expected


@pytest.mark.parametrize(
    ("publisher", "url", "expected"),
    [
        ("Port Ellery Post", None, "Port Ellery Post"),
        ("Motorsport | F1 | Rally | Karting", None, "Motorsport"),
        ("Copyright 2014", "https://example.org/a", None),
        ("© Harbour Weekly", None, None),
        ("https://www.harbourweekly.example", None, "harbourweekly.example"),
        ("Hw", "https://www.hw.example/news/1", "HW"),
        ("Hw", "https://www.other.example/news/1", "Hw"),
        (None, "https://example.org", None),
    ],
)
def test_site_name(publisher: str | None, url: str | None, expected: str | None) -> None:
    assert site_name(publisher, url) == expected


def test_the_page_s_copyright_owner_is_no_writer() -> None:
    """From a trial: a parent company stood before the journalist's name in the author."""
    from brieftui.ingest.pagemeta import without_owner

    page = (
        '<meta name="copyright" content="Copyright (c) Harbour Media 2019"> … © 2019 Harbour Media.'
    )
    assert without_owner("Harbour Media; Ann Lee", page) == "Ann Lee"
    assert without_owner("Harbour Media", page) == "Harbour Media"  # alone: the credit stands
    assert without_owner("Ann Lee; Rhys Owen", page) == "Ann Lee; Rhys Owen"
    assert without_owner("Harbour Media; Ann Lee", "Harbour Media reported it.") == (
        "Harbour Media; Ann Lee"
    )
