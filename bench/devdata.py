"""The development data for compare, read from ``../shared/data`` when present (never copied).

Used by ``bench/compare_accuracy.py`` and ``train/train_covered.py``:

* ``ecbplus-dev``: 873 articles in 38 topics, each topic two similar but different
  events (sub-topics ``ecb`` and ``ecbplus``; a document's ``event_id`` says which),
  and the sentence pairs of different articles that report the same event instance.
  ECB+ has no paragraphs: each line is a sentence and brieftui reads it as a passage.
* ``article-extraction-dev``: 80 web pages with their article bodies; here the bodies
  are unrelated single articles (each one its own story) mixed into a brief.

**The split, decided before any training or tuning and never changed**: ECB+ topics
whose number is divisible by 3 (13 of 38) are *held out*: nothing is trained or tuned
on them and every figure the README reports as held-out is measured on them. The
article-extraction pages are split by site (a SHA-1 of the host name, even = train),
so a site's pages are all on one side.

Briefs are loaded with ``brieftui.load(..., cache=False)`` from the files in place;
the page bodies are written to a temporary folder (deleted at exit), never into the
project.
"""

from __future__ import annotations

import atexit
import csv
import hashlib
import json
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
_SHARED = Path("shared") / "data"
# ../shared from a clone; from a git worktree two levels down (wt/NAME), ../../shared.
DATA = next(
    (p / _SHARED for p in (ROOT.parent, ROOT.parent.parent) if (p / _SHARED).exists()),
    ROOT.parent / _SHARED,
)
ECB = DATA / "ecbplus-dev"
PAGES = DATA / "article-extraction-dev"


def held_out_topic(topic: int) -> bool:
    """The held-out ECB+ topics: number divisible by 3 (decided up front; see the module doc)."""
    return topic % 3 == 0


def held_out_site(url: str) -> bool:
    """Held-out article-extraction pages: a site whose host hashes odd."""
    host = urlsplit(url).hostname or url
    host = host.removeprefix("www.")
    return hashlib.sha1(host.encode()).digest()[0] % 2 == 1


def available() -> bool:
    return (ECB / "alignments" / "documents.tsv").exists()


@dataclass(frozen=True)
class EcbDoc:
    topic: int
    file: str
    doc_name: str
    subtopic: str
    event_id: str
    heldout_style: bool
    path: Path

    @property
    def held_out(self) -> bool:
        return held_out_topic(self.topic)


def _rows(name: str) -> list[dict[str, str]]:
    with (ECB / "alignments" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def ecb_documents() -> tuple[EcbDoc, ...]:
    docs = []
    for r in _rows("documents.tsv"):
        topic = int(r["topic"])
        docs.append(
            EcbDoc(
                topic,
                r["file"],
                r["doc_name"],
                r["subtopic"],
                r["event_id"],
                r["heldout_style"] == "1",
                ECB / f"topic_{topic}" / r["file"],
            )
        )
    return tuple(docs)


@cache
def ecb_sentences() -> dict[tuple[str, int], tuple[str, bool]]:
    """(file, sentence number) → (text, in the ECB+ gold sentence list)."""
    return {
        (r["file"], int(r["ecb_sentence"])): (r["text"], r["in_ecbplus_gold_sentence_list"] == "1")
        for r in _rows("ecbplus_sentences.tsv")
    }


@cache
def ecb_same_event() -> dict[tuple[str, int], frozenset[tuple[str, int]]]:
    """(file, sentence) → the sentences of other files that share an event instance with it,
    both in the gold sentence list (both directions)."""
    out: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for r in _rows("ecbplus_sentence_pairs.tsv"):
        if int(r["n_shared_event_instances"]) <= 0 or r["both_in_gold_sentence_list"] != "1":
            continue
        a = (r["file_a"], int(r["ecb_sentence_a"]))
        b = (r["file_b"], int(r["ecb_sentence_b"]))
        out[a].add(b)
        out[b].add(a)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class Page:
    key: str
    url: str
    body: str

    @property
    def held_out(self) -> bool:
        return held_out_site(self.url)


@cache
def pages() -> tuple[Page, ...]:
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    return tuple(
        Page(k, v.get("url") or "", v.get("articleBody") or "")
        for k, v in sorted(truth.items())
        if (v.get("articleBody") or "").strip()
    )


@cache
def _page_dir() -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="brieftui-pages-"))
    atexit.register(shutil.rmtree, tmp, True)
    for page in pages():
        (tmp / f"page_{page.key[:12]}.txt").write_text(page.body + "\n", encoding="utf-8")
    return tmp


def page_path(page: Page) -> Path:
    return _page_dir() / f"page_{page.key[:12]}.txt"


def doc_id_of(path: Path) -> str:
    """The document id brieftui gives a file (its stem, for these unique names)."""
    return path.stem


def load(paths: list[Path]):
    """A brief of exactly these files, parsed afresh (no cache)."""
    import brieftui

    return brieftui.load([str(p) for p in paths], cache=False)


def _norm(text: str) -> str:
    return " ".join(text.split())


def sentence_passages(brief, docs: list[EcbDoc]) -> dict[tuple[str, int], str]:
    """(file, sentence number) → the id of the passage that holds the sentence."""
    sents = ecb_sentences()
    by_file: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (file, n), (text, _gold) in sents.items():
        by_file[file].append((n, text))
    out: dict[tuple[str, int], str] = {}
    for doc in docs:
        try:
            document = brief.document(doc_id_of(doc.path))
        except KeyError:
            continue
        passages = [(p.id, _norm(p.text)) for p in document.passages()]
        for n, text in by_file.get(doc.file, ()):
            want = _norm(text)
            if not want:
                continue
            hit = next((pid for pid, t in passages if want in t), None)
            if hit is None and len(want) > 40:  # ingestion may clean the ends of a line
                hit = next((pid for pid, t in passages if want[5:-5] in t), None)
            if hit is not None:
                out[(doc.file, n)] = hit
    return out


def topics() -> list[int]:
    return sorted({d.topic for d in ecb_documents()})


def docs_of(topic: int | None = None, event_id: str | None = None) -> list[EcbDoc]:
    return [
        d
        for d in ecb_documents()
        if (topic is None or d.topic == topic) and (event_id is None or d.event_id == event_id)
    ]


def event_ids(held_out: bool) -> list[str]:
    return sorted(
        {d.event_id for d in ecb_documents() if d.held_out == held_out},
        key=lambda e: (int(e.split("_")[0]), e),
    )
