"""The optional semantic stage (``pip install 'brieftui[semantic]'``); skipped without wordllama."""

from __future__ import annotations

import logging
import socket

import pytest

pytest.importorskip("wordllama")

from brieftui.compare import Comparer, covered, semantic


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the semantic stage tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.delenv(semantic.ENV, raising=False)
    semantic.reset()
    yield
    semantic.reset()


def test_the_weights_load_from_the_package_with_sockets_blocked(no_network) -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    embedder = semantic.load()
    assert embedder is not None and embedder.dim == semantic.DIM
    assert list(root.handlers) == handlers and root.level == level  # logging left alone
    vectors = embedder.embed(["The pound dropped.", "Sterling dipped.", "A cat sat on a mat."])
    assert vectors.shape == (3, semantic.DIM)
    close = float(vectors[0] @ vectors[1])
    far = float(vectors[0] @ vectors[2])
    assert close > far


def test_an_empty_text_is_a_zero_vector(no_network) -> None:
    embedder = semantic.load()
    assert embedder is not None
    out = embedder.embed(["", "Talks resumed in Geneva."])
    assert not out[0].any() and abs(float(out[1] @ out[1]) - 1.0) < 1e-4


def test_a_hybrid_comparer_compares_with_sockets_blocked(no_network, seeds_gold) -> None:
    _gold, brief = seeds_gold
    comparer = Comparer(brief.documents)
    assert comparer.hybrid
    anchor = next(r.passage.id for r in brief.passages() if "Oval Office" in r.passage.text)
    result = comparer.compare(anchor)
    assert len(result.sources) == 4
    for source in result.sources:
        assert source.grade in covered.GRADES
    assert comparer.events()


def test_passage_vectors_embed_only_what_is_asked(no_network, second_gold) -> None:
    _gold, brief = second_gold
    comparer = Comparer(brief.documents)
    vectors = comparer._vectors
    assert vectors is not None and not vectors.done.any()
    vectors.ensure_units([0, 1])
    assert vectors.done.sum() == 2
    assert -1.0 <= vectors.best_sentence(0, 1) <= 1.0001
    assert vectors.best_sentence(0, 5) == 0.0  # not embedded: no evidence either way
    vectors.ensure()
    assert vectors.done.all() and vectors.nbytes() > 0


def test_a_cached_state_of_the_other_setting_is_refused(
    no_network, monkeypatch, seeds_gold
) -> None:
    _gold, brief = seeds_gold
    hybrid_state = Comparer(brief.documents).cache_state()
    with pytest.raises(ValueError):
        Comparer.from_cache_state(hybrid_state, brief.documents, semantic_stage=False)
    lexical_state = Comparer(brief.documents, semantic_stage=False).cache_state()
    with pytest.raises(ValueError):
        Comparer.from_cache_state(lexical_state, brief.documents)
