"""A synthetic brief built in memory, and queries over it, for the search golden test.

Built from :class:`~brieftui.model.Document` objects directly (no ingest, no files), so
changes to cleaning or to ``bench/synth.py`` never change it: only search can change
what :mod:`tests.test_search_golden` sees. ~6,000 passages of words drawn with Zipf-like
weights from a vocabulary that has what search must handle: common words in thousands
of passages (so candidate sets are cut), names with spelling variants, British and
American spellings, possessives, acronyms, numbers, curly quotes and stopwords.
"""

from __future__ import annotations

import random

from brieftui.model import Document, Passage, Section

_NAMES = (
    "Zelensky Zelenskyy Zelenskiy Trump Putin Macron Scholz Stoltenberg Rutte Biden "
    "Kyiv Moscow Brussels Washington Geneva Ankara Erdogan Orban Meloni Starmer"
).split()
_WORDS = (
    "ceasefire negotiations talks summit alliance allies nato sanctions russia ukraine "
    "european security policy defence defense spending budget minister president "
    "government officials leaders meeting agreement troops border frontline attack "
    "missile drone energy gas oil prices markets economy inflation election vote "
    "parliament congress senate court ruling statement interview reporters analysts "
    "criticised criticized organisation organization centre center favour favor "
    "analyse analyze programme program labour labor honour honor theatre theater "
    "military aid weapons tanks artillery air defences defenses ammunition supplies "
    "diplomats delegation envoy embassy treaty accord framework proposal plan deal "
    "reconstruction recovery investment funding loans grants reserves assets frozen "
    "crisis conflict war peace security guarantees membership accession enlargement "
    "refugees humanitarian corridor civilians infrastructure grid power plant nuclear"
).split()
_STOP = "the of and to in a on for with that by as at from is was said will".split()
_EXTRA = ("U.S.", "E.U.", "2,000", "2024", "45", "Trump’s", "Putin’s", "NATO’s", "don’t")


def _vocabulary(rng: random.Random) -> list[str]:
    syllables = "ka ro mi len tor vas pel dri sun bel quin mar tel osk var nim".split()
    made = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(1500)}
    return [*_NAMES, *_WORDS, *_EXTRA, *sorted(made)]


def documents(n_docs: int = 300, seed: int = 17, headlines: bool = True) -> list[Document]:
    """``n_docs`` documents of 12–28 passages, deterministic for a given ``seed``;
    ``headlines=False``: every title empty (the same passages, outlets and authors)."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    weights = [1.0 / (rank + 3) for rank in range(len(vocabulary))]
    outlets = ["Daily Ledger", "Global Monitor", "The Courier", "Evening Echo", "Wire Service"]
    docs: list[Document] = []
    for d in range(n_docs):
        doc_id = f"d{d:03d}"
        sections: list[Section] = []
        n_passages = rng.randint(12, 28)
        number = 1
        for s in range(rng.randint(1, 3)):
            passages: list[Passage] = []
            for _ in range(max(1, n_passages // 3)):
                words: list[str] = []
                for _ in range(rng.randint(6, 60)):
                    if rng.random() < 0.35:
                        words.append(rng.choice(_STOP))
                    else:
                        words.append(rng.choices(vocabulary, weights)[0])
                text = " ".join(words)
                text = text[0].upper() + text[1:] + rng.choice([".", ".", "?", " — “quoted”."])
                passages.append(Passage(f"{doc_id}:{number}", text))
                number += 1
            heading = None if s == 0 else f"Part {s} {rng.choice(_WORDS)}"
            sections.append(Section(heading, 0 if s == 0 else 1, tuple(passages)))
        outlet = outlets[d % len(outlets)]
        title = f"{outlet} on {rng.choice(_WORDS)}"  # drawn either way: the same stream
        docs.append(
            Document(
                id=doc_id,
                path=f"/brief/{doc_id}.txt",
                title=title if headlines else "",
                publisher=outlet,
                author="Jane Doe" if d % 7 == 0 else None,
                sections=tuple(sections),
            )
        )
    return docs


def queries(docs: list[Document], seed: int = 5) -> list[str]:
    """Queries of every kind: typed prefixes, typos, several words, phrases, sources,
    exclusions, stopwords; deterministic for given documents and ``seed``."""
    rng = random.Random(seed)
    typed = ["zelenksy", "ceasfire negotiations", "defence spending", "trump putin relations"]
    typed += ["nato allaince", "european security policy", "sanctions on russia"]
    out = [q[:i] for q in typed for i in range(1, len(q) + 1)]
    texts = [p.text for doc in docs for p in doc.passages()]
    words = [w.strip(".?“”—") for t in rng.sample(texts, 200) for w in t.split()]
    words = [w for w in words if w]
    for _ in range(60):
        w = rng.choice(words)
        out.append(w)
        out.append(w[: rng.randint(1, len(w))])
        if len(w) > 4:
            i = rng.randrange(len(w) - 1)
            out.append(w[:i] + w[i + 1] + w[i] + w[i + 2 :])
        out.append(" ".join(rng.choice(words) for _ in range(rng.randint(2, 4))))
    for _ in range(15):
        tokens = rng.choice(texts).split()
        i = rng.randrange(max(1, len(tokens) - 2))
        phrase = " ".join(tokens[i : i + 2]).strip(".?“”—")
        out.append("'" + phrase)
        out.append(f'"{phrase}" {rng.choice(words)}')
    out += [
        "source:ledger ceasefire",
        'source:"jane doe" nato',
        "source:monitr sanctions",
        "source:d012",
        "source:nosuchpaper nato",
        "nato -trump",
        'zelensky -"the of"',
        "-nato ceasefire talks",
        "the of",
        "the ceasefire",
        "'nato",
        "u.s. sanctions",
        "2,000 troops",
        "trump’s plan",
        "criticized organisation",
    ]
    return out
