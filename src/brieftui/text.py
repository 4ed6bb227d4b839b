"""Word- and sentence-level text normalisation shared by ingest, search and compare.

Both need the same idea of a "word", so that a word found by search and a
term shown as compare evidence are the same thing. Three steps:

* :func:`tokenize` finds words with their character spans in the original
  text (acronyms such as "U.S." are one word, numbers keep their separators),
  so matches can be highlighted exactly where they are.
* :func:`fold` makes case, accents, curly apostrophes and possessives irrelevant:
  "Trump’s" → "trump", "Zelenskyy" → "zelenskyy", "U.S." → "us".
* :func:`spelling_key` joins British and American spellings by rule
  (defence/defense, criticising/criticizing, favour/favor, centre/center,
  analyse/analyze), so they are one term before any fuzzy matching. Name
  variants (Zelensky/Zelenskyy) and typos are left to fuzzy matching on the
  vocabulary, which is where they belong.

:func:`sentence_spans` is the one sentence splitter: ingest cleans and titles
with it and compare scores sentence by sentence with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Acronyms with dots (U.S., J.D.), numbers with separators (2,000 / 2.5 / 6-12 is two),
# then words made of letters and digits, joined by inner apostrophes.
# The lookahead on the first alternative changes nothing it matches; it only lets the
# regex engine skip that alternative cheaply at most positions (~30% faster findall,
# which is most of the time spent building the search index).
TOKEN_RE = re.compile(
    r"(?=[^\W\d_]\.)(?:[^\W\d_]\.){2,}"
    r"|\d+(?:[.,]\d+)*"
    r"|[^\W_]+(?:['’][^\W_]+)*",
    re.UNICODE,
)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves may might must shall says said say one s t""".split()
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_POSSESSIVE = re.compile(r"'s$|'$")

# British → American, applied to both spellings so they meet at one key.
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"^(de|of|pre)fenc(e|es)$"), r"\1fens\2"),
    (re.compile(r"^(li|pre)(?:c|s)enc(e|es)$"), r"\1cens\2"),
    (re.compile(r"^pretenc(e|es)$"), r"pretens\1"),
    (re.compile(r"(?<=[a-z]{2}[^aeou])our(s|ed|ing|ite|ites|able|ably|ful|less)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s?)$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s?)$"), r"og\1"),
)
# Words the -ise/-our/-tre rules would wrongly change (real words, not variants).
_SPELLING_EXCEPTIONS = frozenset(
    """advise advised advises advising arise arises arising comprise comprised comprises
    compromise compromised compromises compromising concise demise despise devise devised
    disguise disguised enterprise enterprises exercise exercised exercises exercising expertise
    franchise franchises improvise merchandise otherwise precise premise premises promise
    promised promises promising revise revised revises revising rise rises surmise surprise
    surprised surprises surprising televise televised wise excise incise chastise noise noises
    poise praise praised cruise cruises raise raised raises raising paradise reprise supervise
    supervised supervising concise treatise franchise louise denise elise lise
    contour detour devour flour hour hours your yours four pour sour tour tours amour paramour
    theatre genre""".split()
)


# -- sentences ------------------------------------------------------------------------
CLOSERS = "\"'”’)]»"
"""Characters that may close a sentence after its final mark: quotes, brackets."""

_SPLIT_POINT = re.compile(r"[.!?…][\"'”’)\]»]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# Abbreviations after which a capital letter does not start a new sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Mt|No|vs|etc|Inc|Ltd|Co"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a paragraph, whitespace trimmed (linear time).

    A split point is a sentence mark followed by space and a capital, a digit
    or an opening quote, unless the mark closes a known abbreviation or an
    initial ("Dr.", "J.", "U.S." followed by a name). A closing quote or bracket
    after the mark belongs to the sentence. Ingest (cleaning, titles) and
    compare (sentence scores) split with this one rule, so "Dr. Smith met Mr.
    Jones in Kyiv." is one sentence everywhere.
    """
    return _sentence_spans(text, len(text) + 1)


def _sentence_spans(text: str, most: int) -> list[tuple[int, int]]:
    """The first spans of :func:`sentence_spans`, stopping once there are more than
    ``most`` (a plain loop, not a generator: it runs on every paragraph of a brief)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SPLIT_POINT.finditer(text):
        end = m.start() + 1
        if text[end - 1] == "." and _ABBREV.search(text[max(start, end - 8) : end]):
            continue
        _add_trimmed(spans, text, start, m.end())
        if len(spans) > most:
            return spans
        start = m.end()
    _add_trimmed(spans, text, start, len(text))
    return spans


def is_one_sentence(text: str) -> bool:
    """``len(sentence_spans(text)) <= 1``, stopping at the second sentence (compare asks
    it of every passage of a brief: most are paragraphs, told by their first split)."""
    return len(_sentence_spans(text, 1)) <= 1


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()  # str.strip runs in C: a 5 MB run of spaces costs nothing
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, whitespace trimmed (see :func:`sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def is_question(sentence: str) -> bool:
    """True when a sentence ends with "?" (closing quotes and brackets aside)."""
    return sentence.rstrip().rstrip(CLOSERS).endswith("?")


def tokenize(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(word, start, end)`` for each word of ``text``; ``word`` is the raw slice."""
    for match in TOKEN_RE.finditer(text):
        yield match.group(), match.start(), match.end()


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case, strip accents, straighten apostrophes, drop possessives and acronym dots."""
    word = word.translate(_APOSTROPHES).lower()
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
    word = _POSSESSIVE.sub("", word)
    if "." in word:
        word = word.replace(".", "")
    return word


@lru_cache(maxsize=200_000)
def spelling_key(folded: str) -> str:
    """The spelling-neutral form of an already folded word (British → American)."""
    if len(folded) < 5 or folded in _SPELLING_EXCEPTIONS:
        return folded
    for pattern, replacement in _SPELLING_RULES:
        new = pattern.sub(replacement, folded)
        if new != folded:
            return new
    return folded


def normalize(word: str) -> str:
    """``spelling_key(fold(word))``: the form under which a word is indexed."""
    return spelling_key(fold(word))


def terms(text: str) -> list[str]:
    """The normalised words of ``text`` in order (stopwords kept; callers decide)."""
    return [normalize(w) for w, _, _ in tokenize(text)]
