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


_TRAILING_NOISE = frozenset(
    """published updated posted modified january february march july september october
    november december monday tuesday wednesday thursday friday saturday sunday""".split()
)
"""Words a page's author field picks up from the dateline beside it ("Carrie Arnold
November", "… wire services Published"): never the end of a name (April, May, June
and August are names too, and stay)."""
_LEADING_CREDIT = re.compile(r"(?i)(?:analysis|commentary|opinion|review|story|words)\s+by\s+")
_PERSONAL_ROLES = ROLE_WORDS - {"staff", "desk", "bureau"}
"""Roles of one person: "Science X staff" is a credit as written, not a name and a role."""
_ROLE_TAIL = frozenset({"news", "senior", "chief", "staff", "political", "at-large"})
"""Words that may stand before a role at a name's end ("News reporter")."""


def _tidy_part(part: str) -> str:
    """One name of an author field without a leading credit ("Analysis by"), trailing
    dateline words, or a role written in lower case after it ("Tom Gillespie News
    reporter"); "" when nothing of a name is left. A role in capitals ("Harbour Affairs
    Writer") is a part of its own, dropped by :func:`author_names`."""
    part = _LEADING_CREDIT.sub("", part.strip(), count=1)
    words = part.split()
    while words and words[-1].strip(".,:").lower() in _TRAILING_NOISE:
        words.pop()
    if len(words) > 2 and words[-1].islower() and words[-1].split("-")[0] in _PERSONAL_ROLES:
        words.pop()
        while len(words) > 2 and words[-1].lower() in _ROLE_TAIL:
            words.pop()
    return " ".join(words)


_ACCOUNTS = re.compile(r"(?i)[a-z]{0,8}(?:admin|administrator|webmaster)[a-z]{0,8}")
"""A content system's account rather than a person ("Admin", "jdadmin", "webmaster")."""


def _is_site(part: str, site: str) -> bool:
    """The publisher itself or one of its desks ("CNN", "CNN Business" on CNN), or a
    short name in capitals (a wire's or network's initials, "CNN" on another site)."""
    key = _key(part)
    if site and (key == site or (key.startswith(site) and len(part.split()) <= 3)):
        return True
    return part.isupper() and 2 <= len(part) <= 5 and part.isalpha()


def author_names(author: str, publisher: str | None) -> str:
    """The people of an author field: parts that are a role ("AP Auto Writer", "Staff"),
    the publisher or one of its desks are dropped ("Ann Lee; Harbour Affairs Writer" →
    "Ann Lee"), and each name loses a leading "Analysis by", dateline words that ran
    into it and a trailing role (from a trial on saved pages: "Carrie Arnold November",
    "Detroit News wire services Published", "Sandee LaMotte; CNN")."""
    parts = [_tidy_part(p) for p in re.split(r"[;|]", author[:400])]
    site = _key(publisher) if publisher else ""
    kept = [
        p
        for p in parts
        if p and not (p.split() and p.split()[-1].lower() in ROLE_WORDS) and not _is_site(p, site)
    ]
    kept = [p for p in kept if not _ACCOUNTS.fullmatch(p.strip(" '\""))]
    if not kept and all(_ACCOUNTS.fullmatch(p.strip(" '\"")) for p in parts if p):
        return ""  # only a system account: no author is better than "Admin"
    # only roles or the site: the credit stands (tidied), as the page gives it
    return "; ".join(kept or [p for p in parts if p]) or author.strip()


_NOT_A_NAME = re.compile(r"(?i)(?:copyright\b|©|\(c\))")  # matched on stripped text


def site_name(publisher: str | None, url: str | None) -> str | None:
    """The site's name as a page states it, tidied: a web address is its host, a list of
    sections keeps its first ("Autoracing | F1 | Indy" → "Autoracing"), a copyright line
    is no name, and a name of two or three letters that is the address's own is in
    capitals ("Nj" for nj.com → "NJ"). From a trial on saved pages."""
    if not publisher:
        return None
    name = publisher.strip()
    if _NOT_A_NAME.match(name):
        return None
    if name.lower().startswith(("http://", "https://")):
        host = (urlsplit(name).hostname or "").removeprefix("www.")
        return host or None
    if "|" in name:
        name = name.split("|", 1)[0].strip()
    if 2 <= len(name) <= 3 and name.isalpha() and url:
        host = (urlsplit(url).hostname or "").removeprefix("www.").split(".")
        if len(host) >= 2 and host[-2] == name.lower():
            name = name.upper()
    return name or None


_OWNER_MARK = re.compile(r"(?i)©|\(c\)|&copy;|copyright")
_LOOK_BACK = 40
"""Characters before a name searched for a copyright mark ("© 2019 Harbour Media")."""


def without_owner(author: str, source: str) -> str:
    """``author`` without the parts the page names as its copyright owner ("© 2019
    Harbour Media", ``<meta name="copyright" content="Copyright (c) Harbour Media">``):
    a company the page's metadata also lists as an author is no writer (from a trial:
    a parent company stood before the journalist's name). At most 20 places per name
    are looked at, so a long page costs a few ``str.find`` calls."""
    parts = [p.strip() for p in author.split(";")]
    if len(parts) < 2:
        return author
    kept = []
    for part in parts:
        owner = False
        at, looked = source.find(part), 0
        while at >= 0 and looked < 20 and not owner:
            owner = _OWNER_MARK.search(source, max(0, at - _LOOK_BACK), at) is not None
            at, looked = source.find(part, at + 1), looked + 1
        if not owner:
            kept.append(part)
    return "; ".join(kept) if kept else author
