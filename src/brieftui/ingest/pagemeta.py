"""A web page's own metadata, tidied: the site's name off the title, roles off the author.

A page's ``<title>`` usually ends with the site's name ("… – Port Ellery Post", "… | Reuters"),
and the author its metadata gives may carry a role or the publisher ("Ann Lee;
Harbour Affairs Writer"). The reader shows the title and author as the article's own; the
site is its publisher, shown beside them. Only what is known to be the site (its name
as the page states it, or its web address) comes off a title: a title that ends
"… | Analysis" keeps it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from brieftui.ingest.outlet import ROLE_WORDS

_SEPARATORS = frozenset("-–—|:·•»")
_SITE_MAX = 60
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


def _split_at(title: str, at: int) -> tuple[str, str] | None:
    """(before, after) a separator at ``at`` standing between spaces, else None."""
    if 0 < at < len(title) - 1 and title[at - 1].isspace() and title[at + 1].isspace():
        return title[:at].strip(), title[at + 1 :].strip()
    return None


def site_free_title(title: str, publisher: str | None, url: str | None) -> str:
    """``title`` without the site's name at its end or start ("Dredging approved – Port Ellery
    Post" → "Dredging approved"), when the name is the page's stated site or its address.

    The last separator (" – ", " | ", …) and the first are tried, by position: no
    pattern runs over the title.
    """
    keys = site_keys(publisher, url)
    if not keys or len(title) > 400:
        return title
    seps = [i for i, ch in enumerate(title) if ch in _SEPARATORS]
    for at, site_side in ((seps[-1], 1), (seps[0], 0)) if seps else ():
        parts = _split_at(title, at)
        if parts is None:
            continue
        site, rest = parts[site_side], parts[1 - site_side]
        if len(site) <= _SITE_MAX and _key(site) in keys and len(rest) >= _MIN_LEFT:
            return rest
    return title


def author_names(author: str, publisher: str | None) -> str:
    """The people of an author field: parts that are a role ("AP Auto Writer", "Staff")
    or the publisher itself are dropped ("Ann Lee; Harbour Affairs Writer" → "Ann Lee")."""
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
