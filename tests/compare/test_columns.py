"""The column build of the passage index gives what the per-passage stages give, bit for bit.

:func:`brieftui.compare.columns.build` tokenises, names and weighs the whole brief at
once, with spans from the lengths of a regex split, and each passage's occurrences and
vector are made from the columns when first read. The per-passage functions
(:func:`.terms.raw_occurrences`, :func:`.names.find_names`, :func:`.names.finalise`,
:func:`.weights.vector`) are the reference here: every occurrence (term, span, kind),
every vector (terms, order, float weights), the names, statistics and postings must be
the same, built afresh and read back from the cache.
"""

from __future__ import annotations

import pickle
from collections import Counter
from pathlib import Path

import gold as gold_mod
import pytest

import brieftui
from brieftui.compare import Comparer
from brieftui.compare.index import PassageIndex, group_postings
from brieftui.compare.names import finalise, find_names
from brieftui.compare.terms import SPELLING_ENDINGS, only_questions, raw_occurrences
from brieftui.compare.weights import (
    INFORMATIVE_IDF,
    MIN_INFORMATIVE,
    bm25_idf,
    term_weights,
    vector,
)
from brieftui.datacodec import dumps, loads
from brieftui.text import TOKEN_RE, fold, spelling_key

TRICKY = {
    "a-wire.md": """# Talks in Paris

On 28 February 2025 the Bank of England and the U.S. Treasury met in Paris. “The Paris
Climate Agreement holds,” said Volodymyr Zelenskyy’s adviser, Smith-Jones. NATO’s
chief, Mark Rutte, arrived on Feb. 3 and left on May 5th, 2025; the talks ran until May.

Costs rose to 2,000 euros, then 3.50 a share (1.250 at the open). Was it 12 or 31 March?
Prices in June 2024 were lower: x_January 5, the 32 May figure and Café Müller’s menu.

“Is this a move toward peace?” “Will it hold?”

Mr. O’Neill, of the IMF, said the organisation’s centre would analyse the colour of the
theatre’s catalogue. — President Donald Trump — The White House (Washington) said no.
""",
    "b-paper.md": """# Paris meeting

The Bank of England met U.S. officials in Paris on February 28, 2025, with Zelenskyy’s
adviser Smith-Jones. Zelensky said the Paris Climate Agreement held. NATO chief Rutte
was there on 3 Feb.

Costs rose to 2,000 euros. The organization’s center analyzed the color of the theater’s
catalog, O’Neill of the IMF said. 'Quoted' words, “curly” words and U.N. agencies.

•  Bullet point: Deal reached. * Star item: Talks end. (Brackets) Open here.
""",
    "c-empty.md": """# …

— ... ! ?

Tuesday.
""",
}


def _reference(documents):
    """Occurrences, names, statistics and vectors the per-passage way (as the index
    was built before the columns)."""
    texts = [p.text for d in documents for p in d.passages()]
    raw = [raw_occurrences(t) for t in texts]
    names, canon = find_names(raw)
    occs = [tuple(finalise(t, r, names, canon)) for t, r in zip(texts, raw, strict=True)]
    df: Counter[str] = Counter()
    for o in occs:
        df.update({x[0] for x in o})
    n = max(len(texts), 1)
    idf = {t: bm25_idf(f, n) for t, f in df.items()}
    tw = term_weights(idf, names)
    vecs = [vector([x[0] for x in o], tw)[0] for o in occs]
    high = {t for t, v in idf.items() if v > INFORMATIVE_IDF}
    eligible = [
        len(high.intersection(v)) >= MIN_INFORMATIVE and not only_questions(t)
        for v, t in zip(vecs, texts, strict=True)
    ]
    ddf: Counter[str] = Counter()
    start = 0
    for d in documents:
        k = d.passage_count
        ddf.update(set().union(*[{x[0] for x in o} for o in occs[start : start + k]]))
        start += k
    return names, canon, occs, vecs, df, ddf, idf, tw, eligible


def _assert_same(index: PassageIndex, documents) -> None:
    names, canon, occs, vecs, df, ddf, idf, tw, eligible = _reference(documents)
    assert index.names == names
    assert index.canon == canon
    assert dict(index.df) == dict(df)
    assert dict(index.ddf) == dict(ddf)
    assert index.idf == idf
    assert index.tw == tw
    assert len(index.units) == len(occs)
    for unit, o, v, ok in zip(index.units, occs, vecs, eligible, strict=True):
        assert unit.occs == o, unit.pid
        assert list(unit.vec.items()) == list(v.items()), unit.pid  # order and floats
        assert unit.eligible == ok, unit.pid
    flat_terms = [t for v in vecs for t in v]
    flat_entries = [(ui, w) for ui, v in enumerate(vecs) for w in v.values()]
    expected = group_postings(flat_terms, flat_entries)
    assert dict(index.postings) == expected
    assert list(index.postings) == list(expected)  # terms in order of first appearance
    assert index.postings.get("no-such-term") is None


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> brieftui.Brief:
    folder: Path = tmp_path_factory.mktemp("tricky")
    for name, text in TRICKY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return brieftui.load([folder])


def test_tricky_text_matches_the_per_passage_stages(tricky) -> None:
    """Dates (with tokens inside them), adjacent names and phrases, acronyms with dots,
    curly quotes and apostrophes, numbers, accents, questions, capitals after quotes,
    bullets and dashes, an underscore before a month, passages with no terms."""
    index = PassageIndex.build(tricky.documents)
    _assert_same(index, tricky.documents)
    kinds = {o[3] for u in index.units for o in u.occs}
    assert kinds == {0, 1, 2, 3}  # words, numbers, dates and phrases all present
    assert "bank england" in index.df and "@02-28" in index.df


@pytest.mark.parametrize("name", sorted(gold_mod.GOLD_FILES))
def test_gold_briefs_match_the_per_passage_stages(name: str) -> None:
    _gold, brief = gold_mod.load_gold(name)
    _assert_same(PassageIndex.build(brief.documents), brief.documents)


def test_read_back_through_the_codec_is_the_same_index(tricky) -> None:
    """The cache form, written and read as the cache does, gives the same occurrences,
    vectors and postings, made lazily from the read columns."""
    built = PassageIndex.build(tricky.documents)
    state = loads(dumps(built.cache_state(), plain=True))
    again = PassageIndex.from_cache_state(state, tricky.documents)
    _assert_same(again, tricky.documents)


def test_units_are_filled_on_first_read_a_document_at_a_time(tricky) -> None:
    index = PassageIndex.build(tricky.documents)
    first_doc = index.doc_units[0]
    unit = index.units[first_doc[0]]
    with pytest.raises(AttributeError):
        object.__getattribute__(unit, "occs")  # not made yet
    _ = unit.occs
    for ui in first_doc:
        object.__getattribute__(index.units[ui], "occs")  # made with it
    other = index.units[index.doc_units[1][0]]
    with pytest.raises(AttributeError):
        object.__getattribute__(other, "occs")
    with pytest.raises(AttributeError):
        _ = unit.no_such_attribute
    copy = pickle.loads(pickle.dumps(index))
    assert [u.occs for u in copy.units] == [u.occs for u in index.units]
    assert [u.vec for u in copy.units] == [u.vec for u in index.units]


def test_a_comparer_read_back_from_the_brief_cache_answers_the_same(tmp_path, monkeypatch) -> None:
    """Built, cached, then a fresh brief reads the index back (lazily) and compares the
    same, passage by passage; the scores and events too."""
    monkeypatch.setenv("BRIEFTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFTUI_SEMANTIC", "0")
    gold, _brief = gold_mod.load_gold("fourth_brief")
    folder = gold_mod.REPO / gold["brief"]
    first = brieftui.load([folder])
    pids = [ref.passage.id for ref in first.passages()]
    fresh = Comparer(first.documents, semantic_stage=False)
    expected = [fresh.compare(pid) for pid in pids]
    expected_events = fresh.events()
    _ = first.comparer  # built, its index cached
    first.events()  # stories and events cached too
    second = brieftui.load([folder])
    comparer = second.comparer
    assert not comparer.index_loaded  # stories and events come without the index
    assert second.events() == expected_events
    assert [comparer.compare(pid) for pid in pids] == expected
    assert comparer.index_loaded


def test_a_damaged_state_is_refused(tricky) -> None:
    built = PassageIndex.build(tricky.documents)
    good = built.cache_state()

    def damaged(**changes) -> dict:
        state = dict(good)
        state.update(changes)
        return state

    too_far = {"dtype": "<i4", "data": (10**6).to_bytes(4, "little") * 3}
    cases = [
        damaged(occ_terms={"dtype": "<i4", "data": b"\x00\x00\x00"}),  # not whole items
        damaged(occ_terms=too_far),  # ids past the vocabulary (and counts that do not fit)
        damaged(vec_weights={"dtype": "object", "data": b""}),
        damaged(vocab=[1, 2]),
        damaged(eligible={"dtype": "|b1", "data": b"\x02" * len(built.units)}),
        damaged(passages=[0]),
        damaged(version=2),
        damaged(postings_order={"dtype": "<i4", "data": b"\xff\xff\xff\x7f"}),
    ]
    n_occ = sum(len(u.occs) for u in built.units)
    past = len(good["vocab"]).to_bytes(4, "little") * n_occ
    cases.append(damaged(occ_terms={"dtype": "<i4", "data": past}))  # right length, bad ids
    starts = bytearray(good["occ_starts"]["data"])
    starts[-1] = 0xFF  # a span past its passage's end
    cases.append(damaged(occ_starts={"dtype": good["occ_starts"]["dtype"], "data": bytes(starts)}))
    for state in cases:
        with pytest.raises(ValueError):
            PassageIndex.from_cache_state(state, tricky.documents)


def test_spelling_endings_cover_every_word_spelling_key_changes() -> None:
    """Words not ending in one of :data:`SPELLING_ENDINGS` are their own spelling key."""
    words = set()
    for name in gold_mod.GOLD_FILES:
        _gold, brief = gold_mod.load_gold(name)
        for doc in brief.documents:
            for p in doc.passages():
                words.update(fold(w) for w in TOKEN_RE.findall(p.text))
    words |= set(
        """organisation organisations realise realised realises realising organiser
        analyse analysed analyses analysing defence offences licence pretence practise
        colour colours coloured colouring favourite favourites honourable honourably
        colourful colourless centre centres theatre catalogue catalogues dialogue""".split()
    )
    changed = {w for w in words if spelling_key(w) != w}
    assert changed  # the list exercises the rules
    assert all(w.endswith(SPELLING_ENDINGS) for w in changed)


def test_stable_order_is_a_stable_argsort() -> None:
    import numpy as np

    from brieftui.compare.postings import _stable_order

    rng = np.random.default_rng(0)
    for high in (10, 70_000, 2**31 - 1):
        ids = rng.integers(0, high, 5_000).astype(np.int32)
        assert (_stable_order(ids) == np.argsort(ids, kind="stable")).all()
    assert len(_stable_order(np.zeros(0, dtype=np.int32))) == 0


def test_the_columns_are_what_the_units_read(tricky) -> None:
    index = PassageIndex.build(tricky.documents)
    cols = index.columns
    for ui, unit in enumerate(index.units):
        a, b = cols.occ_off[ui], cols.occ_off[ui + 1]
        assert [cols.vocab[t] for t in cols.occ_term[a:b].tolist()] == [o[0] for o in unit.occs]
        a, b = cols.vec_off[ui], cols.vec_off[ui + 1]
        assert [cols.vocab[t] for t in cols.vec_term[a:b].tolist()] == list(unit.vec)


def _raw_state(raw) -> tuple:
    return list(raw.keys), list(raw.key_kind), [c.tolist() for c in raw.columns()]


def _one_pass(texts: list[str], chunk: int = 8) -> tuple:
    """The rows of one process tokenising chunk after chunk (the reference)."""
    from brieftui.compare.rawcols import Raw

    raw = Raw()
    for first in range(0, len(texts), chunk):
        raw.chunk(texts[first : first + chunk], first)
    return _raw_state(raw)


@pytest.fixture
def two_cores(monkeypatch) -> list[int]:
    """Tokenising splits at any size, in chunks of 8 passages; counts the merges."""
    from brieftui import workers
    from brieftui.compare import rawcols, tokensplit

    monkeypatch.setattr(tokensplit, "PARALLEL_MIN", 1)
    monkeypatch.setattr(workers, "others_idle", lambda: 2.0)
    monkeypatch.setattr(rawcols, "CHUNK", 8)
    merges: list[int] = []
    real = tokensplit.merge

    def counted(raw, part, first, renumber):
        merges.append(first)
        return real(raw, part, first, renumber)

    monkeypatch.setattr(tokensplit, "merge", counted)
    return merges


def test_two_processes_tokenise_as_one_pass(two_cores) -> None:
    """The second half tokenised in a worker process and merged gives the very rows and
    key numbers of one pass, and so the same index, bit for bit."""
    from brieftui.compare import tokensplit

    _gold, brief = gold_mod.load_gold("fourth_brief")
    texts = [p.text for d in brief.documents for p in d.passages()]
    one = _one_pass(texts)
    two = _raw_state(tokensplit.tokenise(texts))
    half = tokensplit.split_point(len(texts), 8)
    assert two_cores == list(range(half, len(texts), 8))  # a chunk a call, merged in order
    assert two == one
    _assert_same(PassageIndex.build(brief.documents), brief.documents)
    assert len(two_cores) == 2 * len(range(half, len(texts), 8))


def test_a_worker_that_cannot_start_leaves_the_work_here(two_cores, monkeypatch) -> None:
    from brieftui import workers
    from brieftui.compare import tokensplit

    _gold, brief = gold_mod.load_gold("seeds")
    texts = [p.text for d in brief.documents for p in d.passages()]
    one = _one_pass(texts)

    def no_pool(*_a, **_k):
        raise OSError("no processes here")

    monkeypatch.setattr(workers, "make_executor", no_pool)
    assert _raw_state(tokensplit.tokenise(texts)) == one
    assert two_cores == []


def test_a_worker_that_fails_leaves_its_half_here(two_cores, monkeypatch) -> None:
    from concurrent.futures import Future

    from brieftui import workers
    from brieftui.compare import tokensplit

    _gold, brief = gold_mod.load_gold("seeds")
    texts = [p.text for d in brief.documents for p in d.passages()]
    one = _one_pass(texts)

    class Broken:
        def submit(self, *_a):
            failed: Future = Future()
            failed.set_exception(RuntimeError("worker killed"))
            return failed

        def shutdown(self, **_k) -> None:
            pass

    monkeypatch.setattr(workers, "make_executor", lambda *_a, **_k: Broken())
    assert _raw_state(tokensplit.tokenise(texts)) == one
