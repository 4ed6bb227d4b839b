"""The centred embedding cosine: what two passages say beyond their story's common direction.

Runs without wordllama: the vectors are set by hand, as the embedder would leave them.
"""

from __future__ import annotations

import numpy as np

from brieftui.compare import semantic


class _NoEmbedder:
    """Stands in for the embedder: every vector below is already 'embedded'."""

    dim = 4

    def sums(self, texts):  # pragma: no cover - must not be called
        raise AssertionError("nothing should be embedded again")


def _vectors(rows: list[list[float]], doc_units: list[range]) -> semantic.PassageVectors:
    vectors = semantic.PassageVectors(_NoEmbedder(), ["x"] * len(rows), doc_units)
    vectors.matrix[:] = semantic.normalised(np.asarray(rows, dtype=np.float32))
    vectors.done[:] = True
    return vectors


def test_the_story_direction_is_taken_away() -> None:
    # four passages of one story: all lean on the story's direction (first axis); the
    # anchor and passage 1 also share a fact (second axis), passage 2 another (third)
    rows = [[1.0, 0.3, 0.0, 0.0], [1.0, 0.3, 0.0, 0.05], [1.0, 0.0, 0.3, 0.0], [1.0, 0.0, 0.0, 0.3]]
    vectors = _vectors(rows, [range(0, 1), range(1, 2), range(2, 3), range(3, 4)])
    plain = vectors.cosines(0, [1, 2])
    assert plain.min() > 0.9  # the plain cosine barely tells them apart
    centre = vectors.centre(0, [0, 1, 2, 3])
    centred = vectors.centred_cosines(0, [1, 2], centre)
    assert centred[0] > 0.8
    assert centred[1] < 0.0


def test_the_centre_is_kept_per_scope_and_reads_a_sample_of_a_large_story() -> None:
    n = semantic.CENTRE_PASSAGES * 3
    rows = [[1.0, float(i % 2), 0.0, 0.0] for i in range(n)]
    vectors = _vectors(rows, [range(i, i + 1) for i in range(n)])
    centre = vectors.centre(7, list(range(n)))
    assert np.allclose(centre, vectors.matrix.mean(axis=0), atol=0.05)
    vectors.matrix[:] = 0.0  # a kept centre is not read again
    assert vectors.centre(7, list(range(n))) is centre
    assert not vectors.centre(8, list(range(n))).any()


def test_nothing_to_compare_gives_nothing() -> None:
    vectors = _vectors([[1.0, 0.0, 0.0, 0.0]], [range(0, 1)])
    assert vectors.centred_cosines(0, [], vectors.centre(0, [0])).shape == (0,)
