"""Lines that name the outlet or credit the people behind an article, by their shape.

A scraped article often starts with the outlet's masthead ("PORT ELLERY POST",
"Maumee Valley Courier", "HealthSec Journal | Cybersecurity | Explainer"), puts
the outlet under the byline ("By Jane Doe" / "Continental Press"), credits a desk
or a role ("Contributing columnist", "Helen Ashcroft Health correspondent"), and
ends with a wire's credit ("(Reporting by …; Editing by …)", "Okafor reported
from Washington."). These are metadata: the publisher, the author, a credit. They
must become neither the title nor a section nor a passage.

Shapes, not names: an outlet line is a short capitalised name whose last word is
a word newspapers and sites are named with (Post, Times, Journal, Courier,
Press…) or a domain name; no outlet is listed. Every test is plain string work
or a regex with bounded, non-overlapping quantifiers (linear on any input).
"""

from __future__ import annotations

import re

_OUTLET_WORDS = frozenset(
    """post times news herald journal tribune gazette daily chronicle press courier ledger
    observer review standard telegraph guardian express mail star sun today wire wires
    insider record weekly magazine monitor independent examiner dispatch bulletin
    reporter inquirer mirror globe register sentinel online media network newswire
    agency broadcasting radio tv television digest argus advertiser enquirer leader
    clarion beacon messenger mercury pioneer planet voice banner citizen democrat
    republican free-press newsroom report""".split()
)
_OUTLET_FIRST_WORDS = frozenset({"radio", "tv", "television"})
"""Broadcasters named the other way round: "Radio Costa", "TV Azteca" (not "Channel": "Channel Islands")."""
_NAME_SMALL = frozenset({"and", "&"})
_SECTION_WORDS = frozenset(
    """local world national international business breaking latest top more sports sport
    political politics economic economy tech technology health science entertainment
    related recent regional city state metro opinion lifestyle travel money markets
    financial""".split()
)
_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,3}\.[a-z]{2,12}")

ROLE_WORDS = frozenset(
    """correspondent editor reporter writer columnist contributor analyst critic
    producer staff desk bureau chief commentator journalist""".split()
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def outlet_name(line: str) -> str | None:
    """The outlet a line names when it is only a masthead or outlet line, else None.

    "Maumee Valley Courier" → itself; "HealthSec Journal | Cybersecurity | Explainer"
    → "HealthSec Journal"; "example-news.com" → itself; "Radio Costa" → itself. A
    sentence never is one.
    """
    line = line.strip()
    if not line or len(line) > 80:
        return None
    if "|" in line:
        line = line.split("|", 1)[0].strip()
    if line.rstrip()[-1:] in ".!?,;:" and not _DOMAIN.fullmatch(line.lower()):
        return None
    if "," in line:  # "Anna Ortiz, Associated Press", "March 4, 2024, Associated Press"
        return None
    if _DOMAIN.fullmatch(line.lower()):
        return line
    words = line.split()
    if not 1 <= len(words) <= 6:
        return None
    for i, word in enumerate(words):
        if i and word.lower() in _NAME_SMALL:
            continue
        if not _capitalised(word):
            return None
    broadcaster = len(words) >= 2 and words[0].lower() in _OUTLET_FIRST_WORDS
    if words[-1].lower().strip("’'") not in _OUTLET_WORDS and not broadcaster:
        return None
    if all(w.lower() in _SECTION_WORDS for w in words[:-1]):
        return None  # "LOCAL NEWS", "World News": a section, not an outlet
    if len(words) == 1 and not line.isupper():
        return None  # "Times" alone is too little to go on; "POST" neither (no article)
    return line


WIRE_AGENCIES = frozenset(
    "reuters bloomberg xinhua tass anadolu interfax kyodo yonhap bernama antara ansa ians".split()
)
"""Wire agencies whose one-word names have no outlet shape (acronyms such as AP, AFP, EFE
or DPA are caught by their shape). They credit the story on bylines and datelines in
every country, so a short list says more here than any shape could."""
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,2}")
"""Two or three capitals: "AP", "AFP", "BBC". Not four or more: "KYIV", "ROME" and
"LONDON" head wire datelines in capitals."""
_ROMAN = re.compile(r"[IVXL]+")
_NOT_OUTLETS = frozenset({"US", "UK", "USA", "UAE", "EU", "UN", "DC", "NYC", "LA", "JR", "SR"})
"""Short capitals a dateline or byline uses for a place, a body or a suffix, not an outlet."""


def outlet_like(name: str) -> str | None:
    """``name`` as an outlet when it has an outlet's shape, else None.

    For a name already cut out of a credit ("By Anna Ortiz, *Reuters*", "*Associated
    Press*, March 4, 2024", "for *the Guardian*"): an outlet line's shape (:func:`outlet_name`:
    "Associated Press", "Harbour Gazette", "harbourgazette.com"), a capitalised acronym
    ("AP", "AFP", "BBC"; not a roman numeral, "III", nor "US"), or a wire agency with a one-word
    name. A lower-case "the" in front is left out ("for the Guardian" → "Guardian"). A
    place ("Kyiv", "WASHINGTON") or a person is none of these.
    """
    name = name.strip().strip("*_").strip()
    if name.startswith("the "):
        name = name[4:].lstrip()
    if not name or len(name) > 60:
        return None
    if _ACRONYM.fullmatch(name):
        return None if _ROMAN.fullmatch(name) or name in _NOT_OUTLETS else name
    if name.lower() in WIRE_AGENCIES and name[0].isupper():
        return name
    found = outlet_name(name)
    return found if found == name and "|" not in name else None


def role_line(line: str) -> bool:
    """A line that is only a role or desk under a byline ("Contributing columnist")."""
    words = line.strip().rstrip(".").split()
    if not 1 <= len(words) <= 4 or len(line) > 60:
        return False
    return words[-1].lower() in ROLE_WORDS and all(w.isalpha() or w == "&" for w in words)


_NAME_WORD = r"[A-Z][a-zà-ÿ’'-]{1,20}"
_PERSON = (
    _NAME_WORD + r"(?: " + _NAME_WORD + r"){1,2}?"
)  # lazy: "Helen Ashcroft" + "Health correspondent"
# "Helen Ashcroft Health correspondent", "Eleanor Whitcombe in Halvenburg",
# "Kara Lindqvist, Staff Writer": a name, then a role or a place, nothing else.
_BARE_BYLINE = re.compile(
    r"(?P<name>" + _PERSON + r")(?: in (?P<place>[A-Z][\w’'-]{1,30}(?: [A-Z][\w’'-]{1,30}){0,2})"
    r"|,? (?P<role>(?:[A-Za-z]{2,20} ){0,3}[A-Za-z]{2,20}))"
)


def bare_byline(line: str) -> str | None:
    """The author of a byline without "By": a name with a role or a place after it."""
    line = line.strip()
    if len(line) > 80:
        return None
    m = _BARE_BYLINE.fullmatch(line)
    if m is None:
        return None
    role = m.group("role")
    if role is not None and role.split()[-1].lower() not in ROLE_WORDS:
        return None
    return m.group("name")


_BARE_NAME = re.compile(_PERSON.replace("}?", "}"))


def bare_name(line: str) -> str | None:
    """Two or three capitalised name words and nothing else ("Marcus Feld")."""
    line = line.strip()
    return line if len(line) <= 60 and _BARE_NAME.fullmatch(line) else None


def by_role(line: str) -> bool:
    """ "By our Southern Europe correspondent": a credit to a role, not a name."""
    words = line.split()
    return (
        len(line) <= 70
        and 3 <= len(words) <= 7
        and words[0] == "By"
        and words[1].lower() in ("our", "a", "the")
        and words[-1].lower().rstrip(".") in ROLE_WORDS
    )


def strip_role(name: str) -> str:
    """ "Kara Lindqvist, Staff Writer" → "Kara Lindqvist" (the role is not the name)."""
    head, sep, tail = name.rpartition(",")
    if sep and tail.split() and tail.split()[-1].lower() in ROLE_WORDS and head.strip():
        return head.strip()
    return name


_CREDIT_START = re.compile(
    r"\(?(?:[Aa]dditional |[Ff]urther )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled"
    r"|[Pp]roduced|[Rr]esearch|[Gg]raphics|[Pp]hotos?|[Vv]ideo)(?: and [a-z]{3,12})? by (?=[A-Z])"
)
_REPORTED_FROM = re.compile(
    r"[A-Z][\w’'-]{1,30}(?: (?:and|&) [A-Z][\w’'-]{1,30})? (?:reported|contributed) "
    r"(?:from|to this (?:report|story|article))\b[^.!?]{0,80}\.",
)
_CONTRIBUTED = re.compile(
    r"[^.!?]{0,120}\bcontributed (?:reporting )?to this (?:report|story|article)\.",
    re.IGNORECASE,
)


def wire_credit(line: str) -> bool:
    """A wire's credit line: "(Reporting by …; Editing by …)", "Okafor reported from Lagos."."""
    line = line.strip()
    if len(line) > 300 or not line:
        return False
    if _CREDIT_START.match(line):
        return "?" not in line and "!" not in line and line.count(". ") <= 2
    return bool(_REPORTED_FROM.fullmatch(line) or _CONTRIBUTED.fullmatch(line))


_CREDIT_AUTHORS = re.compile(r"\(?(?:additional )?(?:reporting|writing) by ", re.IGNORECASE)
_IN_PLACE = re.compile(r" in [A-Z][\w’'-]{1,30}(?: [A-Z][\w’'-]{1,30}){0,2}")


def credit_author(line: str) -> str | None:
    """The reporters named by "(Reporting by A in X and B in Y; Editing by C)": "A and B"."""
    m = _CREDIT_AUTHORS.match(line.strip())
    if m is None:
        return None
    first = line.strip()[m.end() :].split(";", 1)[0].strip(" ()")
    names = _IN_PLACE.sub("", first).strip(" ,.")
    if not names or len(names) > 120:
        return None
    return names
