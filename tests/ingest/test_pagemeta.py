"""A page's title without the site's name, its author without roles (from a new-user
trial; every title and name here is made up)."""

from __future__ import annotations

import pytest

from brieftui.ingest.pagemeta import author_names, site_free_title


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
    ],
)
def test_author_names(author: str, publisher: str, expected: str) -> None:
    assert author_names(author, publisher) == expected
