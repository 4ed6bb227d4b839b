"""The optional semantic stage: static token embeddings from WordLlama, never downloaded.

Lexical scores miss paraphrase ("the pound dropped" / "sterling dipped",
"collaboration" / "cooperation"). Static embeddings catch some of it at almost no
cost: a text is the mean of its tokens' vectors, normalised, and two texts are as
alike as their vectors' cosine. ``wordllama`` ships 256-dimension weights inside
its wheel (``l2_supercat``: a token-embedding table derived from the LLaMA 2
token-embedding codebook, trained for similarity; MIT licence, the weights under the
terms of their LLaMA 2 origin), so it is an *extra*: ``pip install 'brieftui[semantic]'``.
Without it every stage works on lexical evidence alone, with a model trained for that
case (see :mod:`.covered`).

Nothing is ever downloaded. The weights and tokenizer are loaded from the package's
own folder with ``WordLlama.load(cache_dir=<its folder>, disable_download=True)`` (a
plain ``load()`` looks in ``~/.cache/wordllama`` and downloads when the file is not
there); a missing file means no semantic stage, never a network call. Importing
wordllama configures the root logger; that is undone. ``BRIEFTUI_SEMANTIC=0`` turns
the stage off (the benchmarks measure both configurations).

Pooling is done here rather than with ``WordLlamaInference.embed``: that pads every
batch to its longest text; concatenating the token ids and summing with
``numpy.add.reduceat`` gives the same mean without the padding (about twice as fast
on news paragraphs).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ENV = "BRIEFTUI_SEMANTIC"
"""``0``, ``off``, ``no`` or ``false`` turn the semantic stage off."""
CONFIG = "l2_supercat"
DIM = 256
BATCH = 512
CENTRE_PASSAGES = 64
"""A story's mean passage vector is read from at most this many of its passages."""
"""Texts tokenised per call (the tokenizer runs a batch in parallel, in Rust)."""

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def wanted() -> bool:
    """False when ``BRIEFTUI_SEMANTIC`` turns the stage off."""
    return os.environ.get(ENV, "").strip().lower() not in {"0", "off", "no", "false"}


def installed() -> bool:
    """True when wordllama can be imported (found without importing it)."""
    try:
        return importlib.util.find_spec("wordllama") is not None
    except (ImportError, ValueError):
        return False


WEIGHTS = f"weights/{CONFIG}_{DIM}.safetensors"
TOKENIZER = f"tokenizers/{CONFIG}_tokenizer_config.json"


def available() -> bool:
    """Wanted, installed and its weights and tokenizer in the package (checked without
    importing or loading anything, so a cached comparer opens at once)."""
    if not wanted():
        return False
    folder = package_dir()
    return folder is not None and (folder / WEIGHTS).is_file() and (folder / TOKENIZER).is_file()


def enabled() -> bool:
    """The semantic stage will be used: wanted, installed and its weights loadable."""
    return available() and load() is not None


class Embedder:
    """Texts to unit vectors: the normalised mean of their tokens' embeddings."""

    def __init__(self, matrix: np.ndarray, tokenizer: Any) -> None:
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self.tokenizer = tokenizer
        self.dim = int(self.matrix.shape[1])

    def sums(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """For each text, the sum of its tokens' vectors and how many tokens it has."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        counts = np.zeros(len(texts), dtype=np.int64)
        vocab = self.matrix.shape[0]
        for start in range(0, len(texts), BATCH):
            chunk = list(texts[start : start + BATCH])
            encodings = self.tokenizer.encode_batch_fast(chunk, add_special_tokens=False)
            lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64)
            counts[start : start + len(chunk)] = lengths
            if not lengths.any():
                continue
            ids = np.fromiter(
                (i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum())
            )
            np.clip(ids, 0, vocab - 1, out=ids)
            nonempty = lengths > 0
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))[nonempty]
            out[start : start + len(chunk)][nonempty] = np.add.reduceat(
                self.matrix[ids], offsets, axis=0
            )
        return out, counts

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, L2-normalised (a text with no token is a zero row)."""
        sums, _counts = self.sums(texts)
        return normalised(sums)


def normalised(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (rows / norms).astype(np.float32, copy=False)


def package_dir() -> Path | None:
    """wordllama's own folder (where its wheel puts ``weights/`` and ``tokenizers/``)."""
    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def load() -> Embedder | None:
    """The embedder, loaded once per process; ``None`` when unavailable or turned off."""
    if not wanted():
        return None
    with _lock:
        if "embedder" in _loaded:
            return _loaded["embedder"]
        embedder = None
        folder = package_dir()
        if folder is not None:
            try:
                embedder = _load_from(folder)
            except Exception:  # a broken or foreign install: lexical only
                embedder = None
        _loaded["embedder"] = embedder
        return embedder


def _load_from(folder: Path) -> Embedder:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from wordllama import WordLlama  # configures the root logger on import

        model = WordLlama.load(CONFIG, cache_dir=folder, dim=DIM, disable_download=True)
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
        logging.getLogger("wordllama").setLevel(logging.WARNING)
    tokenizer = model.tokenizer
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Embedder(model.embedding, tokenizer)


def reset() -> None:
    """Forget the loaded embedder (tests that turn the stage on and off)."""
    with _lock:
        _loaded.clear()


class PassageVectors:
    """The embeddings of a brief's passages and of their sentences, a document at a time.

    A compare needs the passages of one story; embedding a 5,000-article brief up front
    would cost seconds that a reader who never compares would wait for, so
    :meth:`ensure` embeds documents on first use (the comparer embeds every passage
    during its build when the brief is small enough). Each sentence is tokenised once:
    a passage's vector is the mean of all its sentences' tokens. Sentence vectors are
    kept as float16 (they only ever meet in cosines), passage vectors as float32.
    """

    def __init__(
        self, embedder: Embedder, texts: Sequence[str], doc_units: Sequence[Sequence[int]]
    ):
        self.embedder = embedder
        self.texts = texts
        self.doc_units = doc_units
        self.matrix = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        self.done = np.zeros(len(texts), dtype=bool)
        """Passage (unit) number → embedded yet."""
        self._lock = threading.Lock()
        self._sentences: dict[int, np.ndarray] = {}
        self._centres: dict[int, np.ndarray] = {}

    def ensure(self, docs: Sequence[int] | None = None) -> None:
        """Embed the passages (and sentences) of ``docs`` (all when ``None``) not done yet."""
        wanted = range(len(self.doc_units)) if docs is None else docs
        self.ensure_units([ui for d in wanted for ui in self.doc_units[d]])

    def ensure_units(self, units: Sequence[int]) -> None:
        """Embed the passages (and sentences) of ``units`` not embedded yet, in one batch."""
        from brieftui.text import sentence_spans

        if not len(units) or self.done[list(units)].all():
            return
        with self._lock:
            todo = [ui for ui in dict.fromkeys(units) if not self.done[ui]]
            pieces: list[str] = []
            counts: list[int] = []
            for ui in todo:
                text = self.texts[ui]
                parts = [text[a:b] for a, b in sentence_spans(text)] or [text]
                pieces += parts
                counts.append(len(parts))
            if todo:
                sums, _tokens = self.embedder.sums(pieces)
                ends = np.cumsum(counts)
                starts = ends - np.asarray(counts)
                self.matrix[todo] = normalised(np.add.reduceat(sums, starts, axis=0))
                sentences = normalised(sums).astype(np.float16)
                for ui, a, b in zip(todo, starts.tolist(), ends.tolist(), strict=True):
                    self._sentences[ui] = sentences[a:b]
            self.done[todo] = True

    def cosines(self, anchor: int, units: Sequence[int]) -> np.ndarray:
        """Cosine of passage ``anchor`` with each of ``units`` (all must be embedded)."""
        if not len(units):
            return np.zeros(0, dtype=np.float32)
        return self.matrix[list(units)] @ self.matrix[anchor]

    def best_sentence(self, a: int, b: int) -> float:
        """The highest cosine between a sentence of passage ``a`` and one of ``b``."""
        sa = self._sentences.get(a)
        sb = self._sentences.get(b)
        if sa is None or sb is None:
            return 0.0
        return float((sa @ sb.T).max())

    def centre(self, key: int, docs: Sequence[int]) -> np.ndarray:
        """The mean passage vector of ``docs`` (a story, the scope of a compare), cached
        under ``key``. At most :data:`CENTRE_PASSAGES` passages, evenly spread over the
        documents, are read: the mean is steady long before all of a story is embedded,
        and embedding a whole story would slow its first compare several times."""
        centre = self._centres.get(key)
        if centre is None:
            units = [ui for d in docs for ui in self.doc_units[d]]
            step = max(1, -(-len(units) // CENTRE_PASSAGES))
            sample = units[::step]
            self.ensure_units(sample)
            centre = (
                self.matrix[sample].mean(axis=0)
                if sample
                else np.zeros(self.matrix.shape[1], dtype=np.float32)
            )
            self._centres[key] = centre
        return centre

    def centred_cosines(self, anchor: int, units: Sequence[int], centre: np.ndarray) -> np.ndarray:
        """Cosine of ``anchor`` with each of ``units`` once the scope's mean is taken away.

        Inside one story every passage shares the story's names, and their vectors share
        its direction: the plain cosine of any two is high. What is left after the mean
        is what a passage says beyond the story (the common-component removal of
        Arora et al.'s SIF embeddings). On the gold briefs the right passage of a
        covering source is the nearest 102 times of 118 (96 without), and a covering
        source is told from one that does not at AUC 0.86 (0.79).
        """
        if not len(units):
            return np.zeros(0, dtype=np.float32)
        rows = normalised(self.matrix[[anchor, *units]] - centre)
        return rows[1:] @ rows[0]

    def set_centred(
        self, anchor: int, sources: Iterable[Sequence[Any]], centre: np.ndarray
    ) -> None:
        """Each candidate's ``centred`` (:meth:`centred_cosines`) against ``anchor``, one
        source's candidates (objects with ``unit`` and ``centred``) at a time."""
        for cands in sources:
            cosines = self.centred_cosines(anchor, [c.unit for c in cands], centre).tolist()
            for c, cos in zip(cands, cosines, strict=True):
                c.centred = cos

    def vector(self, text: str) -> np.ndarray:
        return self.embedder.embed([text])[0]

    def nbytes(self) -> int:
        """Memory held by the vectors (for the benchmarks)."""
        return int(self.matrix.nbytes + sum(m.nbytes for m in self._sentences.values()))
