"""Names: which words of the brief are names, their variants joined, names in runs.

The second stage of compare. Whether "Bailey" or "Strategic" is a name cannot
be told from one passage, only from the whole brief: a word is a name when,
across the brief, it is capitalised wherever it is not the first word of a
sentence (or is an acronym such as NATO). Name variants are joined on the
*vocabulary*, not on the passages: names of five letters or more that share a
three-letter prefix and lie within edit distance 1 (2 from eight letters) become
one canonical term (Zelensky / Zelenskyy / Zelenskiy); ordinary long words are
joined when they differ by one edit away from both ends (judgement / judgment).
rapidfuzz computes the distances within each bucket, in C.

Then every passage's occurrences are finalised: adjacent names give a phrase
term and the first of them a *modifier* term (``name~``). Only the head of a run
of names weighs in similarity (see :mod:`.weights`); modifiers and phrases serve
the evidence shown and the labels.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from brieftui.compare.terms import (
    ACRONYM,
    CAPITALISED,
    LOWER,
    NOT_INITIAL,
    PHRASE,
    WORD,
    Occ,
    RawOcc,
    stem_more,
)
from brieftui.compare.unionfind import DisjointSets

MODIFIER = "~"
"""Ends the modifier form of a name: ``paris~`` is "Paris" right before another name."""
PHRASE_GAPS: frozenset[str] = frozenset({"", "-", "of"})
"""What may stand between two names that make one phrase term (see :func:`finalise`)."""


def is_weighed(term: str) -> bool:
    """False for modifier and phrase terms, which serve evidence and labels but never weigh."""
    return not (term[-1] == MODIFIER or " " in term)


def find_names(raw: Sequence[Sequence[RawOcc]]) -> tuple[frozenset[str], dict[str, str]]:
    """The brief's names and its variant map, from every passage's raw occurrences.

    Returns ``(names, canon)``: ``canon`` maps a variant to its canonical word
    (Zelensky → Zelenskyy), and ``names`` holds the canonical names and their
    modifier forms (``name~``). A word is a name when it is capitalised wherever it
    is not sentence-initial, or is an acronym; headings (mostly capitalised short
    passages) are not counted, since their capitals say nothing.
    """
    # name-ness: capitalised wherever not sentence-initial (headings excluded)
    # (counted with Counter over flat lists: this loop sees every token of the brief)
    all_keys: list[str] = []
    seen_keys: list[str] = []
    cap_keys: list[str] = []
    for occs in raw:
        ws = [(o[0], o[4]) for o in occs if o[3] == WORD]
        all_keys += [k for k, _sh in ws]
        acr = [k for k, sh in ws if sh == ACRONYM]
        if acr:
            seen_keys += acr + acr
            cap_keys += acr + acr
        if not ws or (len(ws) <= 14 and sum(1 for _k, sh in ws if sh != LOWER) >= 0.6 * len(ws)):
            continue  # a heading: capitals there say nothing
        seen_keys += [k for k, sh in ws if sh in NOT_INITIAL]
        cap_keys += [k for k, sh in ws if sh == CAPITALISED]
    vocab = Counter(all_keys)
    seen = Counter(seen_keys)
    cap = Counter(cap_keys)
    del all_keys, seen_keys, cap_keys
    return decide_names(vocab, seen, cap)


def decide_names(
    vocab: Counter[str], seen: Counter[str], cap: Counter[str]
) -> tuple[frozenset[str], dict[str, str]]:
    """``(names, canon)`` from the brief's word counts: ``vocab`` (every word occurrence),
    ``seen`` (where its case says something) and ``cap`` (capitalised there). Shared by
    :func:`find_names` and the column build (:mod:`.columns`), which counts with numpy."""
    names = frozenset(k for k, n in seen.items() if n and cap[k] >= 0.7 * n)
    canon = fuzzy_canon(vocab, set(names))
    names = frozenset(canon.get(k, k) for k in names)
    names |= frozenset(k + MODIFIER for k in names)  # modifier forms, see finalise
    return names, canon


def fuzzy_canon(vocab: Counter[str], names: set[str]) -> dict[str, str]:
    """Join name variants (and long-word spelling variants) found in the vocabulary.

    Candidates share a three-letter prefix (long words: four letters and the last two);
    the edit distances within a bucket are computed by rapidfuzz in C.
    """
    sets: DisjointSets[str] = DisjointSets()
    name_groups: dict[str, list[str]] = defaultdict(list)
    word_groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for word in vocab:
        if len(word) >= 5 and word.isalpha():
            if word in names:
                name_groups[word[:3]].append(word)
            elif len(word) >= 8:
                word_groups[(word[:4], word[-2:])].append(word)
    for bucket in name_groups.values():
        for a, b, dist in _close_pairs(bucket, 2):
            # names: one edit, two from eight letters, lengths at most two apart
            if abs(len(a) - len(b)) <= 2 and dist <= (2 if min(len(a), len(b)) >= 8 else 1):
                sets.union(a, b)
    for bucket in word_groups.values():
        for a, b, _dist in _close_pairs(bucket, 1):
            sets.union(a, b)
    canon: dict[str, str] = {}
    for words in sets.joined().values():
        group = sorted(set(words), key=lambda w: (-vocab[w], len(w), w))
        for w in group:
            if w != group[0]:
                canon[w] = group[0]
    return canon


def _close_pairs(bucket: list[str], cutoff: int) -> Iterator[tuple[str, str, int]]:
    """``(a, b, distance)`` for the words of a bucket within ``cutoff`` edits, ``a < b``."""
    if len(bucket) < 2:
        return
    bucket.sort()
    distance = Levenshtein.distance
    for i, a in enumerate(bucket[:-1]):
        for b, dist, _j in process.extract(
            a, bucket[i + 1 :], scorer=distance, score_cutoff=cutoff, limit=None
        ):
            yield a, b, dist


def finalise(
    text: str,
    occs: Sequence[RawOcc],
    names: frozenset[str],
    canon: dict[str, str],
    cache: dict[str, tuple[str, bool]] | None = None,
) -> list[Occ]:
    """A passage's final occurrences: canonical names, phrases and modifiers, stemmed words.

    Two adjacent names (also across "of" or a hyphen) give a phrase term ("bank
    england"), and the first becomes a modifier (``paris~`` in "Paris Climate
    Agreement") so that it never passes for the name alone. Words that are not
    names also lose verb endings (:func:`~.terms.stem_more`). ``cache`` maps a word
    to its final form and name-ness (one dict per build).
    """
    out: list[Occ] = []
    prev: tuple[str, int, int] | None = None
    if cache is None:
        cache = {}
    prev_at = -1
    for key, s, e, kind, _shape in occs:
        if kind == WORD:
            info = cache.get(key)
            if info is None:
                form = canon.get(key, key)
                is_name = form in names
                info = cache[key] = (form if is_name else stem_more(form), is_name)
            key, is_name = info
            if not is_name:
                out.append((key, s, e, WORD))
                prev = None
                continue
            if prev is not None and prev[0] != key and text[prev[2] : s].strip() in PHRASE_GAPS:
                # a name before another name modifies it ("Paris" in "Paris
                # Climate Agreement"): not the same term as the name alone
                o = out[prev_at]
                out[prev_at] = (o[0] + MODIFIER, o[1], o[2], o[3])
                out.append((key, s, e, WORD))
                out.append((f"{prev[0]} {key}", prev[1], e, PHRASE))
                prev_at = len(out) - 2
            else:
                out.append((key, s, e, WORD))
                prev_at = len(out) - 1
            prev = (key, s, e)
            continue
        out.append((key, s, e, kind))
        prev = None
    return out
