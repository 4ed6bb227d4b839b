"""A page's title without the site's name, its author without roles (from a new-user trial)."""

from __future__ import annotations

import pytest

from brieftui.ingest.pagemeta import author_names, site_free_title


@pytest.mark.parametrize(
    ("title", "publisher", "url", "expected"),
    [
        (
            "WeWork investigated by New York – TechCrunch",
            "TechCrunch",
            None,
            "WeWork investigated by New York",
        ),
        (
            "Stadia reviews are in - Digg",
            None,
            "https://digg.com/2019/stadia",
            "Stadia reviews are in",
        ),
        ("Reuters | Ports reopen after the storm", "Reuters", None, "Ports reopen after the storm"),
        (
            "Native ad platform names a chief | my6sense",
            "My6Sense",
            None,
            "Native ad platform names a chief",
        ),
        # not the site: kept
        (
            "The Guardian view on Hong Kong | Editorial",
            "The Guardian",
            None,
            "The Guardian view on Hong Kong | Editorial",
        ),
        (
            "All-new Sentra is what we want - Auto News",
            "AutoIndustriya.com",
            "https://autoindustriya.com/x",
            "All-new Sentra is what we want - Auto News",
        ),
        ("Nissan: new Sentra", None, None, "Nissan: new Sentra"),
        # nothing left worth a title: kept whole
        ("Home – TechCrunch", "TechCrunch", None, "Home – TechCrunch"),
    ],
)
def test_site_free_title(title: str, publisher: str | None, url: str | None, expected: str) -> None:
    assert site_free_title(title, publisher, url) == expected


@pytest.mark.parametrize(
    ("author", "publisher", "expected"),
    [
        ("Tom Krisher; Ap Auto Writer", "Connecticut Post", "Tom Krisher"),
        ("Amy Kuperinsky; NJ Advance Media", "NJ Advance Media", "Amy Kuperinsky"),
        ("Lisa Kaczke; Trevor J Mitchell", "USA TODAY", "Lisa Kaczke; Trevor J Mitchell"),
        ("Staff Writer", "Post", "Staff Writer"),  # nothing but a role: left as it is
        ("Meg James", "Los Angeles Times", "Meg James"),
    ],
)
def test_author_names(author: str, publisher: str, expected: str) -> None:
    assert author_names(author, publisher) == expected
