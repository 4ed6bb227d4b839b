"""The learned decisions of compare: small logistic regressions shipped as data.

Two decisions are learned rather than set by hand, because no fixed threshold on
one score holds across briefs (a one-story brief and a folder of many stories have
different similarity scales): whether two documents tell one story
(:mod:`.stories`) and whether a passage reports the anchor's event
(:mod:`.covered`). Each is a logistic regression over a few features, trained by
``train/train_compare.py`` on the development data and written to
``compare/model.json``: feature names, their mean and scale (standardisation), the
coefficients, the intercept and the cut-offs the decision uses. Evaluating one is a
dot product: no scikit-learn at run time.

Every decision has two variants: ``lexical`` (no embeddings) and ``hybrid`` (with
the semantic stage's scores, :mod:`.semantic`); the comparer uses the one that fits
how it was built.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

MODEL_FILE = "model.json"


@dataclass(frozen=True)
class Logistic:
    """One trained logistic regression: ``P = σ(b + Σ c_i · (x_i − μ_i) / s_i)``."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    cuts: dict[str, float]
    """Named cut-offs on the probability (``"reports"``, ``"touches"``, ``"merge"``…)."""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Logistic:
        n = len(data["features"])
        fields = ("mean", "scale", "coef")
        if any(len(data[f]) != n for f in fields):
            raise ValueError("model.json: a model's arrays differ in length")
        return cls(
            tuple(str(f) for f in data["features"]),
            tuple(float(x) for x in data["mean"]),
            tuple(float(x) or 1.0 for x in data["scale"]),
            tuple(float(x) for x in data["coef"]),
            float(data["intercept"]),
            {str(k): float(v) for k, v in data.get("cuts", {}).items()},
        )

    def probability(self, x: Sequence[float]) -> float:
        """P for one feature vector (in :attr:`features` order)."""
        z = self.intercept
        for xi, m, s, c in zip(x, self.mean, self.scale, self.coef, strict=True):
            z += c * (xi - m) / s
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def probability_each(self, rows: np.ndarray) -> list[float]:
        """:meth:`probability` of each row of a ``(n, features)`` float array: the same
        floats (the sum formed column by column in the same order and with the same
        operations, then the same ``math.exp``), at a Python step a row, not a feature."""
        z = np.full(len(rows), self.intercept, dtype=np.float64)
        for j, (m, s, c) in enumerate(zip(self.mean, self.scale, self.coef, strict=True)):
            z += c * (rows[:, j] - m) / s
        exp = math.exp
        return [1.0 / (1.0 + exp(-x)) if x >= 0 else exp(x) / (1.0 + exp(x)) for x in z.tolist()]

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The linear score ``z`` of each row (what :meth:`probabilities` squashes): for a
        ranking model, whose scores only order."""
        if len(rows) == 0:
            return np.zeros(0)
        w = np.asarray(self.coef) / np.asarray(self.scale)
        b = self.intercept - float(np.dot(w, np.asarray(self.mean)))
        return np.asarray(rows, dtype=np.float64) @ w + b

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P for each row of a ``(n, features)`` array."""
        if len(rows) == 0:
            return np.zeros(0)
        w = np.asarray(self.coef) / np.asarray(self.scale)
        b = self.intercept - float(np.dot(w, np.asarray(self.mean)))
        z = np.asarray(rows, dtype=np.float64) @ w + b
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@cache
def models() -> dict[str, dict[str, Logistic]]:
    """``{"stories": {"lexical": …, "hybrid": …}, "covered": {…}}`` from ``model.json``."""
    text = resources.files("brieftui.compare").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    return {
        decision: {variant: Logistic.from_json(m) for variant, m in variants.items()}
        for decision, variants in data["models"].items()
    }


def model(decision: str, hybrid: bool) -> Logistic:
    """The trained model of ``decision`` for a comparer with (or without) embeddings."""
    variants = models()[decision]
    return variants["hybrid" if hybrid and "hybrid" in variants else "lexical"]


def ranker(hybrid: bool) -> Logistic | None:
    """The model that orders a covering source's paragraphs (``None`` when not shipped):
    trained on pairs of a right and a wrong passage of one source, so its score only
    orders (see :func:`.covered.order`)."""
    variants = models().get("rank")
    if not variants:
        return None
    return variants["hybrid" if hybrid and "hybrid" in variants else "lexical"]
