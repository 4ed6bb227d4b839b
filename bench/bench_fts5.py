"""brieftui's search beside SQLite FTS5 on the same passages and queries.

    python bench/bench_fts5.py --articles 10000 [--json OUT]

Both index every passage of the same synthetic brief (``bench/synth.py``) and answer
the same queries (``bench_search.QUERIES``, typed character by character, the last
word as a prefix while it is being typed: what a search bar sends). FTS5 (stdlib
``sqlite3``) is tried with two tokenizers:

* ``unicode61`` (``remove_diacritics 2``, prefix indexes of 2 and 3 characters): words,
  ranked by ``bm25()``; a query is its words ANDed, the last one as a prefix
  (``word*``), falling back to OR when AND finds nothing, as brieftui ranks
  passages with all words first but still shows the others;
* ``trigram``: substrings of three characters or more, ANDed (it cannot do shorter
  words; those are dropped).

Both tables are contentless (``content=''``): the index alone, as brieftui's cached
index leaves the passage texts to the document cache.

Each answers ``LIMIT 50`` plus ``COUNT(*)`` of the matches (the app shows "50 of 58
hits"), timed per keystroke (median of ``--repeat`` passes; caches warm, as SQLite's
page cache would be in the app). Reported for each: index build time (CPU), its size
on disk, the memory it adds to the process (RSS before and after opening and querying,
from ``/proc``; for brieftui what its loaded index holds, from ``tracemalloc``),
per-keystroke p50/p95, and typo tolerance: for ``--typos`` words
drawn from the brief (five letters or more, df ≥ 20), one edit each (transposition,
deletion, substitution or insertion), how often a passage holding the intended word
is among the first 10 hits. brieftui is measured the same way through
``SearchIndex.query(q, 50)``, its caches cleared before each query; its load time and
memory are those of reading its index back from the cache form.

Then FTS5 *as brieftui's postings store* (what issue 17 asks to weigh): the sparse
terms' postings (the ones not kept as bitsets) put in a contentless FTS5 table (each
passage a row of its term ids) and, for comparison, in a plain SQLite table of one
blob per term; reported: build time, size, and the time to fetch one term's passages
as search needs them (a set of ranks), by document frequency, beside the in-memory
array.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import brieftui  # noqa: E402
from bench.bench_search import QUERIES, _pct  # noqa: E402
from bench.synth import write_brief  # noqa: E402
from brieftui.search import SearchIndex  # noqa: E402
from brieftui.text import fold, tokenize  # noqa: E402

LIMIT = 50
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# -- FTS5 ---------------------------------------------------------------------------------
TOKENIZERS = {
    "unicode61": "unicode61 remove_diacritics 2",
    "trigram": "trigram",
}


def build_fts5(path: Path, texts: list[str], kind: str) -> dict[str, float]:
    """An FTS5 table over ``texts`` (rowid = passage number + 1) in a database file."""
    if path.exists():
        path.unlink()
    c0 = time.process_time()
    db = sqlite3.connect(path)
    prefix = ", prefix='2 3'" if kind == "unicode61" else ""
    # contentless (content=''): the index only, as brieftui's cached index leaves the
    # texts to the document cache
    db.execute(
        f"CREATE VIRTUAL TABLE p USING fts5(text, content='', "
        f"tokenize='{TOKENIZERS[kind]}'{prefix})"
    )
    with db:
        db.executemany("INSERT INTO p(rowid, text) VALUES (?, ?)", enumerate(texts, 1))
    db.execute("INSERT INTO p(p) VALUES ('optimize')")
    db.commit()
    db.close()
    return {"build_cpu_s": time.process_time() - c0, "size_mb": path.stat().st_size / 1e6}


def fts5_match(query: str, kind: str, typing: bool) -> list[str]:
    """MATCH expressions to try in order (AND first, then OR for unicode61)."""
    words = [w for w in _WORD.findall(query)]
    if kind == "trigram":
        words = [w for w in words if len(w) >= 3]
        if not words:
            return []
        return [" AND ".join(f'"{w}"' for w in words)]
    if not words:
        return []
    terms = [f'"{w}"' for w in words]
    if typing and not query.endswith(" "):
        terms[-1] += "*"
    exprs = [" AND ".join(terms)]
    if len(terms) > 1:
        exprs.append(" OR ".join(terms))
    return exprs


def fts5_query(
    db: sqlite3.Connection, query: str, kind: str, typing: bool = True
) -> tuple[list[int], int]:
    for expr in fts5_match(query, kind, typing):
        rows = db.execute(
            "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?", (expr, LIMIT)
        ).fetchall()
        if rows:
            (total,) = db.execute("SELECT count(*) FROM p WHERE p MATCH ?", (expr,)).fetchone()
            return [r[0] - 1 for r in rows], total
    return [], 0


# -- typing and typos ----------------------------------------------------------------------
def keystrokes() -> list[str]:
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1)]


def time_typing(answer, repeat: int, before_query=None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    per_key: list[list[float]] = []
    cpu: list[float] = []
    for _ in range(repeat):
        times = []
        for query in QUERIES:
            if before_query is not None:
                before_query()
            for i in range(1, len(query) + 1):
                c0 = time.thread_time()
                t0 = time.perf_counter()
                answer(query[:i])
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
        per_key.append(times)
    med = [statistics.median(p[k] for p in per_key) for k in range(len(per_key[0]))]
    return {
        "p50_ms": statistics.median(med),
        "p95_ms": _pct(med, 0.95),
        "max_ms": max(med),
        "cpu_p95_ms": _pct(cpu, 0.95),
    }


def make_typos(texts: list[str], n: int, seed: int = 3) -> list[tuple[str, str]]:
    """(typo, intended word) pairs: frequent words of the brief with one edit that is
    not itself a word of the brief."""
    rng = random.Random(seed)
    df: dict[str, int] = {}
    for text in rng.sample(texts, min(20000, len(texts))):
        for w in {fold(w) for w, _, _ in tokenize(text)}:
            if len(w) >= 5 and w.isalpha() and w.isascii():
                df[w] = df.get(w, 0) + 1
    words = sorted(w for w, c in df.items() if c >= 20)
    rng.shuffle(words)
    out: list[tuple[str, str]] = []
    letters = "abcdefghijklmnopqrstuvwxyz"
    for word in words:
        i = rng.randrange(1, len(word) - 1)  # not the first letter: no fuzzy search does that well
        edit = rng.choice(("swap", "drop", "sub", "add"))
        if edit == "swap":
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif edit == "drop":
            typo = word[:i] + word[i + 1 :]
        elif edit == "sub":
            typo = word[:i] + rng.choice(letters.replace(word[i], "")) + word[i + 1 :]
        else:
            typo = word[:i] + rng.choice(letters) + word[i:]
        if typo != word and typo not in df:
            out.append((typo, word))
        if len(out) >= n:
            break
    return out


def holds(text: str, word: str) -> bool:
    return any(fold(w) == word for w, _, _ in tokenize(text))


def typo_score(answer, texts: list[str], typos: list[tuple[str, str]]) -> float:  # type: ignore[no-untyped-def]
    """Share of typos whose first 10 hits hold a passage with the intended word."""
    found = 0
    for typo, word in typos:
        ids = answer(typo)[:10]
        if any(holds(texts[p], word) for p in ids):
            found += 1
    return found / len(typos) if typos else 0.0


# -- the run --------------------------------------------------------------------------------
def run(n_articles: int, repeat: int = 3, n_typos: int = 60, folder: Path | None = None) -> dict:  # type: ignore[type-arg]
    folder = folder or ROOT / "bench" / ".data" / f"brief-{n_articles}"
    if len(list(folder.glob("*.txt"))) != n_articles:
        write_brief(folder, n_articles)
    brief = brieftui.load([folder], cache=False)
    texts = [ref.passage.text for ref in brief.passages()]
    typos = make_typos(texts, n_typos)
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    gc.collect()

    # brieftui: built, then (what a later run does) read back from its cached form,
    # whose time and added memory are what the table reports
    from brieftui.datacodec import dumps, loads

    c0 = time.process_time()
    built = SearchIndex(brief.documents)
    build = time.process_time() - c0
    blob = dumps(built.cache_state(), plain=True)
    del built
    gc.collect()
    c0 = time.process_time()
    index = SearchIndex.from_cache_state(loads(blob, plain=True), brief.documents)
    load_s = time.process_time() - c0
    import tracemalloc  # what the loaded index holds (an RSS delta here reuses freed memory)

    del index
    gc.collect()
    tracemalloc.start()
    index = SearchIndex.from_cache_state(loads(blob, plain=True), brief.documents)
    mem = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()

    pid_index = {ref.passage.id: i for i, ref in enumerate(brief.passages())}

    def ours_ids(q: str) -> list[int]:
        return [pid_index[h.passage_id] for h in index.query(q, LIMIT).hits]

    results["brieftui"] = {
        "build_cpu_s": build,
        "size_mb": len(blob) / 1e6,
        "load_cpu_s": load_s,
        "memory_mb": mem,
        **time_typing(lambda q: index.query(q, LIMIT), repeat, index.clear_cache),
        "typo_top10": typo_score(ours_ids, texts, typos),
    }
    print("brieftui", json.dumps(results["brieftui"]), flush=True)

    with tempfile.TemporaryDirectory(prefix="brieftui-fts5-") as tmp:
        for kind in TOKENIZERS:
            path = Path(tmp) / f"{kind}.db"
            built = build_fts5(path, texts, kind)
            gc.collect()
            r0 = rss_mb()
            c0 = time.process_time()
            db = sqlite3.connect(path)
            db.execute("SELECT count(*) FROM p WHERE p MATCH 'zzzz'").fetchone()
            load_s = time.process_time() - c0
            timing = time_typing(lambda q, db=db, kind=kind: fts5_query(db, q, kind), repeat)
            results[f"fts5-{kind}"] = {
                **built,
                "load_cpu_s": load_s,
                "memory_mb": rss_mb() - r0,
                **timing,
                "typo_top10": typo_score(
                    lambda q, db=db, kind=kind: fts5_query(db, q, kind, typing=False)[0],
                    texts,
                    typos,
                ),
            }
            db.close()
            print(f"fts5-{kind}", json.dumps(results[f"fts5-{kind}"]), flush=True)
    store = postings_store(index)
    print("postings store", json.dumps(store), flush=True)
    return {
        "articles": n_articles,
        "passages": len(texts),
        "postings_store": store,
        "typos": len(typos),
        "typo_examples": typos[:8],
        "sqlite": sqlite3.sqlite_version,
        "load_average": os.getloadavg(),
        "results": results,
    }


def postings_store(index: SearchIndex, per_band: int = 200) -> dict:  # type: ignore[type-arg]
    """brieftui's sparse postings held in FTS5, or in a table of blobs, beside in memory."""
    from array import array

    from brieftui.search.bits import RankSet

    state = index.cache_state()
    post, offsets, dense = state["post"], state["offsets"], set(state["dense"])
    n = index.passage_count
    nbytes = (n + 7) >> 3
    sparse = [t for t in range(len(offsets) - 1) if t not in dense and offsets[t + 1] > offsets[t]]
    out: dict = {"sparse_terms": len(sparse), "in_memory_mb": len(post) * 4 / 1e6}  # type: ignore[type-arg]
    rows: list[list[int]] = [[] for _ in range(n)]
    for t in sparse:
        for r in post[offsets[t] : offsets[t + 1]]:
            rows[r].append(t)
    with tempfile.TemporaryDirectory(prefix="brieftui-fts5-store-") as tmp:
        c0 = time.process_time()
        fts = sqlite3.connect(Path(tmp) / "fts.db")
        fts.execute("CREATE VIRTUAL TABLE p USING fts5(terms, content='', tokenize='unicode61')")
        with fts:
            fts.executemany(
                "INSERT INTO p(rowid, terms) VALUES (?, ?)",
                ((r + 1, " ".join(f"t{t}" for t in ts)) for r, ts in enumerate(rows)),
            )
        fts.execute("INSERT INTO p(p) VALUES ('optimize')")
        fts.commit()
        out["fts5_build_cpu_s"] = time.process_time() - c0
        out["fts5_mb"] = (Path(tmp) / "fts.db").stat().st_size / 1e6
        c0 = time.process_time()
        blobs = sqlite3.connect(Path(tmp) / "blob.db")
        blobs.execute("CREATE TABLE post (term INTEGER PRIMARY KEY, ranks BLOB)")
        with blobs:
            blobs.executemany(
                "INSERT INTO post VALUES (?, ?)",
                ((t, post[offsets[t] : offsets[t + 1]].tobytes()) for t in sparse),
            )
        out["blob_build_cpu_s"] = time.process_time() - c0
        out["blob_mb"] = (Path(tmp) / "blob.db").stat().st_size / 1e6

        def in_memory(t: int) -> RankSet:
            return RankSet.from_ranks(post[offsets[t] : offsets[t + 1]], nbytes, ordered=True)

        def from_fts5(t: int) -> RankSet:
            ranks = [
                r - 1 for (r,) in fts.execute("SELECT rowid FROM p WHERE p MATCH ?", (f"t{t}",))
            ]
            return RankSet.from_ranks(ranks, nbytes, ordered=True)

        def from_blob(t: int) -> RankSet:
            (raw,) = blobs.execute("SELECT ranks FROM post WHERE term=?", (t,)).fetchone()
            ranks = array("I")
            ranks.frombytes(raw)
            return RankSet.from_ranks(ranks, nbytes, ordered=True)

        rng = random.Random(1)
        bands: dict[str, list[int]] = {}
        for t in sparse:
            df = offsets[t + 1] - offsets[t]
            band = (
                "≤10" if df <= 10 else "≤100" if df <= 100 else "≤1000" if df <= 1000 else ">1000"
            )
            bands.setdefault(band, []).append(t)
        fetch: dict[str, dict[str, float]] = {}
        for band in ("≤10", "≤100", "≤1000", ">1000"):
            terms = rng.sample(bands.get(band, []), min(per_band, len(bands.get(band, []))))
            if not terms:
                continue
            fetch[band] = {"terms": len(bands[band])}
            for name, get in (("memory", in_memory), ("fts5", from_fts5), ("blob", from_blob)):
                assert get(terms[0]).bits == in_memory(terms[0]).bits
                times = []
                for t in terms:
                    t0 = time.perf_counter()
                    get(t)
                    times.append((time.perf_counter() - t0) * 1000)
                fetch[band][f"{name}_ms"] = statistics.median(times)
        out["fetch"] = fetch
        fts.close()
        blobs.close()
    return out


def table(report: dict) -> str:  # type: ignore[type-arg]
    rows = [
        ("build (CPU)", "build_cpu_s", "{:.1f} s"),
        ("on disk", "size_mb", "{:.1f} MB"),
        ("open / load (CPU)", "load_cpu_s", "{:.3f} s"),
        ("memory it holds", "memory_mb", "{:.0f} MB"),
        ("per keystroke p50", "p50_ms", "{:.1f} ms"),
        ("per keystroke p95", "p95_ms", "{:.1f} ms"),
        ("typo found in top 10", "typo_top10", "{:.0%}"),
    ]
    names = list(report["results"])
    out = ["| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for label, key, fmt in rows:
        cells = [fmt.format(report["results"][n][key]) for n in names]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--typos", type=int, default=60)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    report = run(args.articles, args.repeat, args.typos)
    print()
    print(
        f"{report['articles']} articles, {report['passages']} passages, SQLite {report['sqlite']}"
    )
    print(table(report))
    store = report["postings_store"]
    print(
        f"\nFTS5 as the postings store of the {store['sparse_terms']} sparse terms: "
        f"{store['in_memory_mb']:.1f} MB in memory today; FTS5 {store['fts5_mb']:.1f} MB on disk "
        f"(built in {store['fts5_build_cpu_s']:.1f} s), a blob table {store['blob_mb']:.1f} MB "
        f"({store['blob_build_cpu_s']:.1f} s). Fetching one term's passages (median ms):"
    )
    for band, row in store["fetch"].items():
        print(
            f"  df {band:>6} ({row['terms']} terms): memory {row['memory_ms']:.3f}, "
            f"FTS5 {row['fts5_ms']:.3f}, blob {row['blob_ms']:.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
