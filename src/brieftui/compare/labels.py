"""Labels: a few words a reader can take an event by.

The last stage of compare. An event is labelled by its most distinctive whole
name as written (a run of adjacent names, titles and demonyms trimmed:
"Volodymyr Zelenskyy", "Bank of England", "United States"), a second name when
nearly as distinctive, else a distinctive pair of adjacent words or a word (not
a bare verb form), and a date or figure ("Volodymyr Zelenskyy · 28 February
2025"). A term is distinctive when many of the event's sources use it and few
others do. Another labeller (the event's most central sentence, shortened) is
one more function with the same signature: ``(index, unit numbers) -> str``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from brieftui.compare.evidence import display
from brieftui.compare.index import PassageIndex
from brieftui.compare.terms import DATE, MONTHS, NUMBER, PHRASE, WEAK_EVIDENCE, WORD
from brieftui.text import STOPWORDS, fold

_LEAD_WORD = re.compile(r"\b([A-Z][a-z]+) $")
"""A capitalised word right before a name run, which may belong to it ("New York")."""
_NAME_JOINERS = frozenset({" ", "-", " of ", " of the "})
_TITLES = frozenset(
    """president vice chair chairman governor chancellor minister prime secretary general
    chief executive ceo director spokesperson spokesman spokeswoman head leader
    senator former mr mrs ms dr sir lord lady king queen prince pope deputy foreign
    defence defense state us uk eu""".split()
)


def _is_title(word: str) -> bool:
    """A title or a demonym before a name: "President", "Ukrainian", "British"."""
    w = fold(word)
    return w in _TITLES or (len(w) > 5 and w.endswith(("ian", "ese", "ish")))


_WEAK_WORDS = frozenset(
    """see came come make made take took give gave find found think thought know knew
    seem seems seemed become became leaning lean perceived perceiv perceive added add
    includ including also however still although according across among within around
    toward towards whether despite because since recent recently former current
    potential possible likely several various many much more most other another
    according effect action greater pivotal notice""".split()
)


def label(index: PassageIndex, members: list[int]) -> str:
    """A short label led by the event's most distinctive name, then a date or figure.

    "Volodymyr Zelenskyy · 28 February 2025", "Bank of England · Andrew Bailey · 4.25%".
    Names are whole runs of adjacent name words as written ("Bank of England"),
    trimmed of weak title words; a term scores by how many of the event's sources
    use it, its idf, and how few sources *outside* the event use it.
    """
    units = index.units
    idf = index.idf
    ddf = index.ddf
    docs_with: dict[str, set[int]] = defaultdict(set)
    for ui in members:
        for t in units[ui].vec:
            docs_with[t].add(units[ui].doc)
    n_docs = len({units[ui].doc for ui in members})
    need = 2 if n_docs > 1 else 1

    def ts(t: str) -> float:
        k = len(docs_with.get(t, ()))
        if k < need:
            return 0.0
        return k * idf.get(t, 0.0) * (k / max(ddf.get(t, k), k))

    names = index.names
    runs: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    run_score: dict[tuple[str, ...], float] = {}
    dates: dict[str, Counter[str]] = defaultdict(Counter)
    numbers: dict[str, Counter[str]] = defaultdict(Counter)
    words: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    pair_docs: dict[tuple[str, str], set[int]] = defaultdict(set)
    for ui in members:
        unit = units[ui]
        text = unit.text
        run: list[tuple[str, int, int]] = []
        prev_word: tuple[str, int, int] | None = None
        occs = [o for o in unit.occs if o[3] != PHRASE] + [("", len(text) + 1, 0, WORD)]
        for t, s, e, kind in occs:
            if (
                kind == WORD
                and len(run) < 6
                and (t in names or (run and text[s : s + 1].isupper()))
            ):
                # a capitalised word right after a name continues it ("United States")
                gap = text[run[-1][2] : s] if run else ""
                if not run or gap in _NAME_JOINERS:
                    run.append((t, s, e))
                    prev_word = None
                    continue
            if run:
                a = 0
                for i in range(len(run) - 1):
                    if _is_title(text[run[i][1] : run[i][2]]):
                        a = i + 1  # "Ukrainian President Volodymyr Zelenskyy", "BoE Governor
                        # Andrew Bailey" -> "Volodymyr Zelenskyy", "Andrew Bailey"
                run = run[a:]
                scores = [ts(r[0]) for r in run]
                top = max(scores)
                lone = text[run[0][1] : run[0][2]] if len(run) == 1 else ""
                weak = run[0][0] in WEAK_EVIDENCE or run[0][0] in MONTHS
                if top > 0 and not (lone and (_is_title(lone) or weak)):
                    key = tuple(r[0] for r in run)
                    start = run[0][1]
                    lead = _LEAD_WORD.search(text, 0, start)
                    if (
                        lead
                        and fold(lead.group(1)) not in STOPWORDS
                        and not _is_title(lead.group(1))
                    ):
                        start = lead.start(1)  # "New" of "New York Stock Exchange"
                    runs[key][display(text[start : run[-1][2]])] += 1
                    run_score[key] = max(run_score.get(key, 0.0), top + 0.2 * sum(scores))
                run = []
            if kind == WORD and t in names and t:
                run = [(t, s, e)]
            elif kind == DATE and len(t) == 6:
                dates[t][text[s:e].rstrip(".,")] += 1
            elif kind == NUMBER and len(t) >= 3 and ts(t) > 0 and text[s - 1 : s] != "@":
                shown = text[s:e]
                if text[e : e + 1] == "%":
                    shown += "%"
                numbers[t][shown] += 1
            elif (
                kind == WORD
                and len(t) >= 4
                and t not in _WEAK_WORDS
                and not text[s:e].endswith("ly")
            ):
                if len(t) >= 5 and not text[s:e].endswith(("ing", "ed")):
                    # a verb form alone ("resolving", "created") says nothing as a label;
                    # in a pair it may ("defence spending")
                    words[t][display(text[s:e].lower())] += 1
                if (
                    prev_word is not None
                    and text[prev_word[1] : s] == " "
                    and not text[prev_word[2] : prev_word[1]].endswith(("ed", "ing"))
                    and not text[s:e].endswith("ed")
                ):
                    # two adjacent content words: "strategic autonomy", "tracker mortgages"
                    key2 = (prev_word[0], t)
                    pairs[key2][text[prev_word[2] : e].lower()] += 1
                    pair_docs[key2].add(unit.doc)
                prev_word = (t, e, s)
                continue
            prev_word = None

    def surface(forms: Counter[str]) -> str:
        return max(forms, key=lambda f: (forms[f], len(f), f))

    parts: list[str] = []
    used: set[str] = set()
    best_run = max(run_score.values(), default=0.0)
    for key in sorted(run_score, key=lambda k: (-run_score[k], k)):
        if len(parts) >= 2 or run_score[key] < 0.5 * best_run:
            break
        if used & set(key):
            continue
        used.update(key)
        parts.append(surface(runs[key]))
    date_part = None
    if dates:
        best = max(dates, key=lambda t: (len(docs_with[t]), sum(dates[t].values()), t))
        date_part = surface(dates[best])
    elif numbers:
        best = max(numbers, key=lambda t: (ts(t), t))
        date_part = surface(numbers[best])
    if len(parts) < 2:
        # the best shared pair of adjacent words reads better than one word of it
        phrase_score = {
            k: 1.2 * min(ts(k[0]), ts(k[1]))
            for k, docs in pair_docs.items()
            if len(docs) >= need and not (used & set(k))
        }
        ranked = sorted(
            (t for t in words if ts(t) > 0 and t not in used), key=lambda t: (-ts(t), t)
        )
        best_pair = max(phrase_score, key=lambda k: (phrase_score[k], k), default=None)
        if (
            best_pair is not None
            and phrase_score[best_pair] > 0
            and (not ranked or phrase_score[best_pair] >= ts(ranked[0]))
        ):
            parts.append(surface(pairs[best_pair]))
        elif ranked:
            parts.append(surface(words[ranked[0]]))
    if date_part:
        parts.append(date_part)
    if not parts:
        ranked = sorted(words, key=lambda t: (-idf.get(t, 0.0), t))
        parts = [surface(words[t]) for t in ranked[:2]]
    return " · ".join(dict.fromkeys(parts)) or "(untitled event)"
