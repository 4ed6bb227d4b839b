"""A web page's own metadata, tidied: the site's name off the title, roles off the author.

A page's ``<title>`` usually ends with the site's name ("… – TechCrunch", "… | Reuters"),
and the author its metadata gives may carry a role or the publisher ("Tom Krisher;
AP Auto Writer"). The reader shows the title and author as the article's own; the
site is its publisher, shown beside them. Only what is known to be the site (its name
as the page states it, or its web address) comes off a title: a title that ends
"… | Analysis" keeps it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from brieftui.ingest.outlet import ROLE_WORDS

_SEPARATORS = "-–—|:·•»"
_TAIL = re.compile(rf"\s+[{_SEPARATORS}]\s+([^{_SEPARATORS}]{{1,60}})$")
_HEAD = re.compile(rf"^([^{_SEPARATORS}]{{1,60}})\s+[{_SEPARATORS}]\s+")
_MIN_LEFT = 12
"""Characters a title must keep once the site's name is taken off (else it is left)."""


def _key(text: str) -> str:
    """Letters and digits only, lower case: "Tech Crunch" and "techcrunch" agree."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def site_keys(publisher: str | None, url: str | None) -> set[str]:
    """What the site may be called in a title: its stated name, its web address's name."""
    keys = {_key(publisher)} if publisher else set()
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        labels = [label for label in host.split(".") if label]
        if len(labels) >= 2:
            keys.add(_key(labels[-2]))
            keys.add(_key(host))
    keys.discard("")
    return keys


def site_free_title(title: str, publisher: str | None, url: str | None) -> str:
    """``title`` without the site's name at its end or start ("WeWork inquiry – TechCrunch"
    → "WeWork inquiry"), when the name is the page's stated site or its address."""
    keys = site_keys(publisher, url)
    if not keys or len(title) > 400:
        return title
    for pattern, keep in (
        (_TAIL, lambda m: title[: m.start()]),
        (_HEAD, lambda m: title[m.end() :]),
    ):
        m = pattern.search(title)
        if m is not None and _key(m.group(1)) in keys:
            left = keep(m).strip()
            if len(left) >= _MIN_LEFT:
                return left
    return title


def author_names(author: str, publisher: str | None) -> str:
    """The people of an author field: parts that are a role ("AP Auto Writer", "Staff")
    or the publisher itself are dropped ("Tom Krisher; AP Auto Writer" → "Tom Krisher")."""
    if ";" not in author and "|" not in author:
        return author
    parts = [p.strip() for p in re.split(r"[;|]", author[:400])]
    site = _key(publisher) if publisher else ""
    kept = [
        p
        for p in parts
        if p
        and not (p.split() and p.split()[-1].lower() in ROLE_WORDS)
        and not (site and _key(p) == site)
    ]
    return "; ".join(kept) if kept else author
