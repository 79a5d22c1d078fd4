r"""How the inputs of :mod:`grader.checks.week1_extras` are drawn: layer sizes for the
initializations (small ones for the shapes, wide and narrow ones of at least 8,000 weights a
layer for the statistics), features of every scale for the normalizer (a dev set shifted and
stretched away from the training set's), data sets for the split (column j of X starts with j
and of Y with j + 0.5, so pairs can be followed), and error rates for the bias/variance
diagnosis (the lecture's, random ones, exact ties).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np
from hypothesis import strategies as st

from grader.judge.strategies import Case, Sampled, Values, sample_float, sample_seed, sample_value
from reference import practical_aspects as ref

INIT_BATCH = 3  # large networks per round trip

# --------------------------------------------------------------------------- initialization


def small_layer_dims(rng: np.random.Generator) -> list[int]:
    """2 to 5 layer sizes, each in 1..6."""
    return [int(n) for n in rng.integers(1, 7, int(rng.integers(2, 6)))]


def large_layer_dims(rng: np.random.Generator) -> list[int]:
    """``[wide, narrow, wide(, narrow)]``: 200-500 and 40-100 units, so every W has >= 8,000 entries."""
    depth = int(rng.integers(2, 4))
    return [int(rng.integers(200, 501) if l % 2 == 0 else rng.integers(40, 101)) for l in range(depth + 1)]


def init_cases(dims: Callable[[np.random.Generator], list[int]]) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        d, s = dims(rng), sample_seed(rng)
        return Case((d, s), f"layers_dims={d}, seed={s}")

    return Sampled(sample)


# --------------------------------------------------------------------------- normalization


def make_features(n: int, m: int, seed: int, shift: float = 0.0, stretch: float = 1.0) -> np.ndarray:
    """X of shape (n, m): feature k ~ N(loc_k + shift * scale_k, (stretch * scale_k)^2),
    loc_k in [-10, 10], scale_k in [0.1, 100] (the same for every ``shift``)."""
    rng = np.random.default_rng(seed)
    loc = rng.uniform(-10, 10, (n, 1))
    scale = 10.0 ** rng.uniform(-1, 2, (n, 1))
    return loc + shift * scale + stretch * scale * np.random.default_rng(seed + 1).standard_normal((n, m))


def train_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        n, m, s = int(rng.integers(1, 7)), int(rng.integers(2, 61)), sample_seed(rng)
        return Case((make_features(n, m, s),), f"X_train of shape ({n}, {m}), seed {s}")

    return Sampled(sample)


def normalize_cases(dev: bool, epsilons: Values) -> Sampled[Case]:
    """``(X, mu, sigma2, epsilon)`` with the training set's statistics; ``dev``: X drawn
    shifted by 0.5-3 standard deviations (either way) and stretched by 0.3-3, as dev data can be."""

    def build(n: int, m_train: int, m: int, seed: int, shift: float, stretch: float, epsilon: float) -> Case:
        X_train = make_features(n, m_train, seed)
        mu, sigma2 = ref.fit_normalizer(X_train)
        if not dev:
            return Case((X_train, mu, sigma2, epsilon), f"X_train of shape ({n}, {m_train}) and its own "
                        f"mu, sigma2, epsilon={epsilon:g}")  # fmt: skip
        X_dev = make_features(n, m, seed, shift, stretch)
        return Case((X_dev, mu, sigma2, epsilon), f"X_dev of shape ({n}, {m}), shifted by {shift:.2g} and "
                    f"stretched by {stretch:.2g}, with the mu, sigma2 of an X_train of shape ({n}, {m_train}), "
                    f"epsilon={epsilon:g}")  # fmt: skip

    def sample(rng: np.random.Generator) -> Case:
        n, m_train, m = int(rng.integers(1, 7)), int(rng.integers(5, 61)), int(rng.integers(2, 31))
        seed = sample_seed(rng)
        shift = sample_float(rng, 0.5, 3.0) * (1 if rng.integers(2) else -1)
        stretch = sample_float(rng, 0.3, 3.0)
        return build(n, m_train, m, seed, shift, stretch, cast(float, sample_value(rng, epsilons)))

    return Sampled(sample)


# --------------------------------------------------------------------------- split


FRACTIONS = (0.0, 0.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 1 / 3)


def make_split_case(n_x: int, n_y: int, m: int, dev: float, test: float, seed: int) -> Case:
    """Column j of X starts with j and column j of Y with j + 0.5; the other rows are noise."""
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((n_x, m)), rng.standard_normal((n_y, m))
    X[0], Y[0] = np.arange(m), np.arange(m) + 0.5
    return Case((X, Y, dev, test, seed % 1000), f"X of shape {(n_x, m)}, dev_fraction={dev:.4g}, "
                f"test_fraction={test:.4g}, seed={seed % 1000}")  # fmt: skip


def split_cases(min_m: int = 1, fractions: tuple[float, ...] = FRACTIONS) -> Sampled[Case]:
    """n_x in 1..4, n_y in 1..2, m in min_m..200, dev and test fractions among ``fractions``."""

    def sample(rng: np.random.Generator) -> Case:
        n_x, n_y, m = int(rng.integers(1, 5)), int(rng.integers(1, 3)), int(rng.integers(min_m, 201))
        dev, test = (cast(float, sample_value(rng, fractions)) for _ in range(2))
        return make_split_case(n_x, n_y, m, dev, test, sample_seed(rng))

    return Sampled(sample)


# --------------------------------------------------------------------------- bias and variance


def diagnose_case(human: float, train: float, dev: float, where: str = "") -> Case:
    return Case(
        (human, train, dev), f"{where}human_error={human:g}, train_error={train:g}, dev_error={dev:g}"
    )


LECTURE_CASES = [  # Structuring ML projects, week 1: "Avoidable bias" and "Understanding human-level performance"
    diagnose_case(0.01, 0.08, 0.10, "the lecture's cat classifier, "),
    diagnose_case(0.075, 0.08, 0.10, "the lecture's cat classifier, "),
    diagnose_case(0.007, 0.05, 0.06, "the lecture's medical images, "),
    diagnose_case(0.005, 0.01, 0.05, "the lecture's medical images, "),
    diagnose_case(1, 8, 10, "the lecture's cat classifier in percent, "),
    diagnose_case(7.5, 8, 10, "the lecture's cat classifier in percent, "),
]
errors = st.floats(0, 0.6, allow_subnormal=False)


def untied_case(human: float, train: float, dev: float) -> Case:
    """Random error rates; an exact tie of the two gaps (left to the tie check) moves dev up by 1/1024."""
    if train - human == dev - train:
        dev += 1 / 1024
    return diagnose_case(human, train, dev)


# Ties in floating point: multiples of 1/64 subtract exactly.
def sample_tie(rng: np.random.Generator) -> Case:
    """Gaps h/64 and d/64, h and d in 0..20, so avoidable bias and variance are both d/64."""
    h, d = int(rng.integers(21)), int(rng.integers(21))
    return diagnose_case(h / 64, (h + d) / 64, (h + 2 * d) / 64)


ties = Sampled(sample_tie)
