"""The small vocabularies fact extraction relies on: numbers, units, qualifiers, concepts, roles.

They are written by hand from how news reports figures, not learned, so they are
easy to read and extend. A *concept* is what a figure counts ("dead", "jobs",
"price per share"): two figures fill the same slot when they count the same
concept. Words are matched in lower case, after :func:`.tokens.stem` where the
table says so.
"""

from __future__ import annotations

# -- numbers ---------------------------------------------------------------------------
UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
"""Number words ("one" is left out alone: "one of the", "one day" are rarely counts)."""
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "mn": 1e6, "mln": 1e6, "mm": 1e6, "tn": 1e12, "trn": 1e12, "k": 1e3,
}  # fmt: skip
"""Scale words after a number; "m" (million) is accepted only beside a currency."""
VAGUE = {
    "dozens": (24.0, 100.0), "scores": (40.0, 100.0), "hundreds": (200.0, 1000.0),
    "thousands": (2000.0, 10000.0), "millions": (2e6, 1e7), "billions": (2e9, 1e10),
}  # fmt: skip
"""Plural scale words as intervals ("hundreds of people": 200 to 999)."""

# -- qualifiers ------------------------------------------------------------------------
EXACT, APPROX, NEARLY, AT_LEAST, AT_MOST = "exact", "approx", "nearly", "at_least", "at_most"
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("about",): APPROX, ("around",): APPROX, ("approximately",): APPROX,
    ("roughly",): APPROX, ("some",): APPROX, ("estimated",): APPROX,
    ("an", "estimated"): APPROX, ("circa",): APPROX, ("nearer",): APPROX,
    ("nearly",): NEARLY, ("almost",): NEARLY, ("close", "to"): NEARLY,
    ("just", "under"): NEARLY, ("just", "below"): NEARLY, ("just", "shy", "of"): NEARLY,
    ("more", "than"): AT_LEAST, ("over",): AT_LEAST, ("at", "least"): AT_LEAST,
    ("upwards", "of"): AT_LEAST, ("in", "excess", "of"): AT_LEAST, ("just", "over"): AT_LEAST,
    ("a", "little", "over"): AT_LEAST, ("a", "little", "more", "than"): AT_LEAST,
    ("above",): AT_LEAST, ("exceeding",): AT_LEAST, ("north", "of"): AT_LEAST,
    ("fewer", "than"): AT_MOST, ("less", "than"): AT_MOST, ("under",): AT_MOST,
    ("below",): AT_MOST, ("up", "to"): AT_MOST, ("as", "many", "as"): AT_MOST,
    ("as", "much", "as"): AT_MOST, ("at", "most"): AT_MOST, ("no", "more", "than"): AT_MOST,
    ("only",): EXACT, ("exactly",): EXACT, ("precisely",): EXACT,
}  # fmt: skip
QUALIFIER_MAX = max(len(k) for k in QUALIFIERS)
APPROX_REL = 0.10
"""An approximation ("about 1,200") stands for ±10%; "nearly 1,200" for 10% below to 1,200."""
BOUND_REL = 0.25
"""A bound ("more than 1,200") stands for up to 25% beyond it: news rounds to a figure
readers remember, and an outlet with a figure further off would have written that one."""

# -- currencies and units --------------------------------------------------------------
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR",
    "francs": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
UNITS_OF_MEASURE: dict[str, tuple[str, float]] = {
    # length, in metres
    "km": ("m", 1000.0), "kilometre": ("m", 1000.0), "kilometres": ("m", 1000.0),
    "kilometer": ("m", 1000.0), "kilometers": ("m", 1000.0), "mile": ("m", 1609.34),
    "miles": ("m", 1609.34), "metre": ("m", 1.0), "metres": ("m", 1.0), "meter": ("m", 1.0),
    "meters": ("m", 1.0), "feet": ("m", 0.3048), "foot": ("m", 0.3048), "ft": ("m", 0.3048),
    "yards": ("m", 0.9144),
    # area, in hectares
    "hectares": ("ha", 1.0), "hectare": ("ha", 1.0), "ha": ("ha", 1.0),
    "acres": ("ha", 0.404686), "acre": ("ha", 0.404686),
    # mass, in kilograms
    "tonnes": ("kg", 1000.0), "tonne": ("kg", 1000.0), "tons": ("kg", 907.185),
    "kg": ("kg", 1.0), "kilograms": ("kg", 1.0), "kilos": ("kg", 1.0),
    # duration, in hours
    "minutes": ("h", 1 / 60), "minute": ("h", 1 / 60), "hours": ("h", 1.0), "hour": ("h", 1.0),
    "days": ("h", 24.0), "day": ("h", 24.0), "weeks": ("h", 168.0), "week": ("h", 168.0),
    "months": ("h", 730.0), "month": ("h", 730.0),
}  # fmt: skip
"""Units with their dimension and factor. Years are left out: "a 38-year-old", "in 2009"."""
UNIT_LABEL = {"m": "length", "ha": "area", "kg": "weight", "h": "duration"}

# -- concepts: what a figure counts ----------------------------------------------------
# stem → (concept, rank). A lower rank wins when a figure's window holds several:
# "27 survivors were taken to hospital" counts people in hospital, not the rescued.
COUNT_CONCEPTS: dict[str, tuple[str, int]] = {
    "licens": ("capacity", 0), "capacity": ("capacity", 0), "certify": ("capacity", 0),
    "permitt": ("capacity", 0), "allow": ("capacity", 0),
    "dead": ("dead", 1), "death": ("dead", 1), "die": ("dead", 1), "died": ("dead", 1),
    "kill": ("dead", 1), "fatality": ("dead", 1), "body": ("dead", 1), "toll": ("dead", 1),
    "injur": ("injured", 1), "injury": ("injured", 1), "wound": ("injured", 1),
    "hurt": ("injured", 1),
    "missing": ("missing", 1), "unaccount": ("missing", 1),
    "hospital": ("in hospital", 2), "hospitaliz": ("in hospital", 2),
    "arrest": ("arrested", 2), "detain": ("arrested", 2),
    "evacuat": ("evacuated", 2), "evacu": ("evacuated", 2), "displac": ("evacuated", 2),
    "rescu": ("rescued", 3), "saved": ("rescued", 3), "pluck": ("rescued", 3),
    "survivor": ("rescued", 4),
    "job": ("jobs", 2), "redundancy": ("jobs", 2), "layoff": ("jobs", 2),
    "position": ("jobs", 3), "post": ("jobs", 4),
    "employ": ("staff", 3), "employe": ("staff", 3), "staff": ("staff", 3),
    "workforc": ("staff", 3),
    "aboard": ("on board", 5), "board": ("on board", 5), "carrying": ("on board", 5),
    "carried": ("on board", 5),
    "passenger": ("on board", 6),
    "vote": ("votes", 3), "vot": ("votes", 3), "ballot": ("votes", 4), "turnout": ("turnout", 2),
}  # fmt: skip
# "lives" counts the dead after "claimed"/"lost"/"cost"/"took", the rescued after "saved".
LIVES_DEAD = frozenset({"claimed", "lost", "cost", "took", "taken", "claiming", "costing"})

MONEY_CONCEPTS: dict[str, tuple[str, int]] = {
    "savings": ("savings", 1), "saving": ("savings", 1), "synergy": ("savings", 1),
    "aid": ("aid", 1), "relief": ("aid", 2), "fund": ("aid", 3),
    "compensation": ("compensation", 1), "payout": ("compensation", 1),
    "fine": ("fine", 1), "fined": ("fine", 1), "penalty": ("fine", 1),
    "ransom": ("ransom", 1), "bail": ("bail", 1), "budget": ("budget", 2),
    "revenue": ("revenue", 1), "revenu": ("revenue", 1), "sales": ("revenue", 2),
    "profit": ("profit", 1), "loss": ("loss", 2), "damag": ("damage", 1),
    "cost": ("cost", 2), "surcharg": ("surcharge", 1), "fee": ("fee", 1),
    "salary": ("pay", 1), "wag": ("pay", 2), "invest": ("investment", 1),
    "deal": ("deal value", 3), "worth": ("deal value", 3), "valu": ("deal value", 3),
    "buy": ("deal value", 3), "acquir": ("deal value", 3), "acquisition": ("deal value", 3),
    "purchas": ("deal value", 3), "sold": ("deal value", 3), "takeover": ("deal value", 3),
    "offer": ("deal value", 4),
}  # fmt: skip
PERCENT_CONCEPTS: dict[str, tuple[str, int]] = {
    "premium": ("premium", 1), "turnout": ("turnout", 1), "inflation": ("inflation", 1),
    "unemployment": ("unemployment", 1), "stake": ("stake", 1), "interest": ("rate", 2),
    "rate": ("rate", 3), "vote": ("vote", 2), "vot": ("vote", 2), "back": ("vote", 2),
    "ballot": ("vote", 2), "pay": ("pay rise", 2), "wag": ("pay rise", 2),
    "rais": ("pay rise", 3), "growth": ("growth", 2), "discount": ("discount", 1),
}  # fmt: skip
SHARE_WORDS = frozenset({"share", "stock", "shar"})
RISE_WORDS = frozenset(
    "rose rise rising jumped jump jumping soared surged gained climbed up higher advanced".split()
)
FALL_WORDS = frozenset(
    "fell fall falling slipped slid dropped drop plunged sank tumbled lost down lower declined".split()
)
DURATION_CONCEPTS = frozenset(
    """mourn clos complet strik walkout ban sentenc jail prison term delay ceasefir truce
    lockdown curfew search suspension suspend shut shutdown closur""".split()
)
"""Stems that say what a duration is of ("three days of mourning", "close within six months")."""

RATES = {
    "share": "per share", "day": "per day", "year": "per year", "month": "per month",
    "week": "per week", "hour": "per hour", "family": "per family", "person": "per person",
    "head": "per person", "container": "per container", "barrel": "per barrel",
    "tonne": "per tonne", "household": "per household", "victim": "per victim",
    "season": "per year",
}  # fmt: skip
ANNUAL = frozenset({"annual", "annually", "yearly"})

# -- dates -----------------------------------------------------------------------------
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "overnight"})
FUTURE_MARKERS = frozenset(
    "will shall next expected due scheduled planned plans plan set tomorrow upcoming".split()
)

# -- people ----------------------------------------------------------------------------
ROLE_HEADS: dict[str, str] = {
    "minister": "minister", "secretary": "secretary", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "spokesperson": "spokesperson", "commander": "commander",
    "captain": "captain", "skipper": "captain", "master": "captain", "president": "president",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "chair": "chair",
    "ceo": "chief executive", "boss": "chief executive", "director": "director",
    "analyst": "analyst", "judge": "judge", "mayor": "mayor", "governor": "governor",
    "senator": "senator", "councillor": "councillor", "councilor": "councillor",
    "councilman": "councillor", "councilwoman": "councillor", "prosecutor": "prosecutor",
    "lawyer": "lawyer", "attorney": "lawyer", "professor": "professor",
    "economist": "economist", "ambassador": "ambassador", "general": "general",
    "colonel": "colonel", "inspector": "inspector", "superintendent": "superintendent",
    "detective": "detective", "chancellor": "chancellor", "premier": "premier",
    "editor": "editor", "correspondent": "correspondent", "coach": "coach",
    "manager": "manager", "leader": "leader", "officer": "officer",
    "reporter": "correspondent", "journalist": "correspondent", "surgeon": "doctor",
    "neurosurgeon": "doctor", "physician": "doctor", "official": "official", "commissioner": "commissioner",
    "mediator": "mediator", "negotiator": "negotiator", "sheriff": "sheriff",
    "founder": "founder", "cofounder": "founder", "owner": "owner", "teacher": "teacher",
    "doctor": "doctor", "nurse": "nurse", "engineer": "engineer", "husband": "husband",
    "wife": "wife", "son": "son", "daughter": "daughter", "mother": "mother",
    "father": "father", "brother": "brother", "sister": "sister", "witness": "witness",
    "survivor": "survivor", "resident": "resident", "pilot": "pilot", "driver": "driver",
}  # fmt: skip
COMPOUND_ROLES = {
    ("chief", "executive"): "chief executive", ("chief", "executive", "officer"): "chief executive",
    ("managing", "director"): "managing director", ("first", "officer"): "first officer",
    ("chief", "scientific", "officer"): "chief scientific officer",
    ("chief", "financial", "officer"): "chief financial officer",
    ("chief", "operating", "officer"): "chief operating officer",
    ("prime", "minister"): "prime minister", ("police", "chief"): "police chief",
    ("vice", "president"): "vice president", ("secretary", "general"): "secretary-general",
    ("attorney", "general"): "attorney general", ("chief", "constable"): "chief constable",
    ("fire", "chief"): "fire chief", ("general", "manager"): "general manager",
    ("governor", "general"): "governor", ("head", "coach"): "coach",
}  # fmt: skip
COMPOUND_MAX = max(len(k) for k in COMPOUND_ROLES)
ROLE_RANKS = frozenset({"deputy", "vice", "assistant", "acting", "interim", "junior", "associate"})
DESCRIPTIVE_ROLES = frozenset(
    """founder owner teacher doctor nurse engineer husband wife son daughter mother father
    brother sister witness survivor resident pilot driver leader official""".split()
)
"""Roles a person can hold beside an office ("founder and chief executive") or that describe
rather than name a post: they never make a divergence, only offices do."""
SPEECH_VERBS = frozenset(
    """said says told tells added adds warned warns vowed vows insisted insists declared
    stated wrote writes tweeted explained explains noted notes asked replied argued argues
    claimed claims promised recalled admitted acknowledged announced urged conceded
    confirmed denied described""".split()
)
PRONOUNS = frozenset({"he", "she", "they"})
PLACE_PREPS = frozenset({"in", "near", "off", "outside"})
"""Not "at": "an analyst at Berenson" names a firm far more often than a place."""
PLACE_LEADS = frozenset({"island", "town", "city", "port", "village", "region", "province"})
ORG_WORDS = frozenset(
    """lines line securities co inc ltd plc corp corporation company group bank court ministry
    pharmaceuticals biotech university college hospital church council party union agency
    times herald post press daily journal news radio television tv committee parliament
    house senate office department school institute foundation association""".split()
)
