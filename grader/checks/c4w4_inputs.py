r"""How the inputs of course 4 week 4's checks (:mod:`grader.checks.c4w4`) are drawn: triplets
of encodings with chosen margins, pairs of encodings (labelled or not), activations, matrices
for a Gram matrix, style activations (random, pixel-shuffled, zeros against ones) and costs
with their weights; and the fixed cases (the course's triplets, the worked Gram matrices).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from grader.judge.strategies import Case, Sampled, Values, sample_seed, sample_value

ALPHAS = (0.2, 0.5, 1.0, 2.0)


def _row_norms(v: np.ndarray) -> np.ndarray:
    return np.sum(np.square(v), axis=-1, keepdims=True)


def _triplet_case(m: int, d: int, alpha: float, seed: int, pattern: str) -> Case:
    r"""Encodings (m, d) with a chosen hinge per example.

    ``random``: positive and negative at random distances; ``inactive``: every negative
    farther than its positive by alpha plus a margin in [0.05, 1]; ``active``: every
    negative closer than its positive; ``mixed``: active and inactive examples alternate,
    the inactive ones with margins in [1, 3].
    """
    rng = np.random.default_rng(seed)
    anchor = rng.standard_normal((m, d))
    if pattern == "random":
        positive = anchor + rng.uniform(0.1, 1.0, (m, 1)) * rng.standard_normal((m, d))
        negative = anchor + rng.uniform(0.1, 1.0, (m, 1)) * rng.standard_normal((m, d))
    else:
        positive = anchor + 0.3 * rng.standard_normal((m, d))
        direction = rng.standard_normal((m, d))
        direction /= np.sqrt(_row_norms(direction))
        pos_dist = _row_norms(positive - anchor)
        margins = rng.uniform(1.0, 3.0, (m, 1)) if pattern == "mixed" else rng.uniform(0.05, 1.0, (m, 1))
        far = anchor + direction * np.sqrt(pos_dist + alpha + margins)
        near = anchor + direction * np.sqrt(pos_dist * rng.uniform(0.0, 0.9, (m, 1)))
        active = {"inactive": np.zeros(m, bool), "active": np.ones(m, bool), "mixed": np.arange(m) % 2 == 0}[
            pattern
        ]
        negative = np.where(active[:, None], near, far)
    return Case(
        (None, (anchor, positive, negative), alpha),
        f"anchor, positive, negative of shape {(m, d)} ({pattern} margins), alpha={alpha:g}",
    )


def triplet_cases(pattern: str, min_m: int = 1, wide: bool = False) -> Sampled[Case]:
    """m in ``min_m``..6, d in 2..8; ``wide``: d in m + 1..m + 4, so the encoding axis and the
    batch axis cannot be confused."""

    def sample(rng: np.random.Generator) -> Case:
        m = int(rng.integers(min_m, 7))
        d = int(rng.integers(m + 1, m + 5)) if wide else int(rng.integers(2, 9))
        return _triplet_case(m, d, float(sample_value(rng, ALPHAS)), sample_seed(rng), pattern)

    return Sampled(sample)


def _course_case(anchor: list, positive: list, negative: list, alpha: float) -> Case:
    arrays = tuple(np.array(v, dtype=float) for v in (anchor, positive, negative))
    return Case(
        ((None, None, None), arrays, alpha),
        f"the course's example anchor={anchor}, positive={positive}, negative={negative}, alpha={alpha:g}",
    )


COURSE_TRIPLETS = [  # Face_Recognition.ipynb, the tests after triplet_loss (2021+)
    _course_case([1.0, 1.0], [1.0, 1.0], [1.0, 1.0], 5),
    _course_case([1.0, 1.0], [1.0, 1.0], [0.0, 0.0], 3),
    _course_case([1.0, 1.0], [0.0, 0.0], [1.0, 1.0], 0),
    _course_case([0.0, 0.0], [0.0, 0.0], [0.0, 0.0], -2),
    _course_case([[1.0, 0.0], [1.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]], 3),
    _course_case([[1.0, 1.0], [2.0, 0.0]], [[0.0, 3.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], 1),
]


# --------------------------------------------------------------------------- verification as classification


DISTANCES = ("absolute", "chi_square")


def _encodings(m: int, d: int, distance: str, rng: np.random.Generator) -> np.ndarray:
    """Encodings (m, d): Gaussian, or for chi-square their absolute values with about a
    fifth of the entries exactly 0 (non-negative, as chi-square needs)."""
    f = rng.standard_normal((m, d))
    if distance == "chi_square":
        f = np.abs(f)
        f[rng.random((m, d)) < 0.2] = 0.0
    return f


def _pair_case(
    m: int, d: int, distance: str, seed: int, identical: bool = False, default: bool = False
) -> Case:
    """``(f_i, f_j, w, b[, distance])``; chi-square pairs share some zero entries (0 / 0 is 0)."""
    rng = np.random.default_rng(seed)
    f_i = _encodings(m, d, distance, rng)
    f_j = f_i.copy() if identical else _encodings(m, d, distance, rng)
    if distance == "chi_square" and not identical:
        both = rng.random((m, d)) < 0.15
        f_i[both], f_j[both] = 0.0, 0.0
    w, b = rng.standard_normal((d, 1)) / np.sqrt(d), float(rng.uniform(-2, 2))
    same = ", f_j = f_i" if identical else ""
    if default:
        return Case(
            (f_i, f_j, w, b), f"encodings f_i, f_j of shape {(m, d)}{same}, b={b:.4g} (distance left out)"
        )
    return Case((f_i, f_j, w, b, distance), f"encodings f_i, f_j of shape {(m, d)}{same}, b={b:.4g}, "
                f"distance={distance!r}")  # fmt: skip


def pair_cases(distances: Values = DISTANCES, identical: bool = False) -> Sampled[Case]:
    """m in 1..6, d in 1..8, a distance of ``distances``; half the absolute ones leave it out."""

    def sample(rng: np.random.Generator) -> Case:
        m, d = int(rng.integers(1, 7)), int(rng.integers(1, 9))
        distance, seed, default = str(sample_value(rng, distances)), sample_seed(rng), bool(rng.integers(2))
        return _pair_case(m, d, distance, seed, identical, default and distance == "absolute")

    return Sampled(sample)


def _labelled(case: Case) -> Case:
    """The pair case with labels ``y`` (m, 1) of 0 and 1, inserted before ``w``."""
    f_i, f_j, *rest = case.args
    y = np.random.default_rng(int(abs(f_i.sum()) * 1e6) % 2**32).integers(0, 2, (f_i.shape[0], 1))
    return Case((f_i, f_j, y, *rest), f"{case.description}, labels y of shape {y.shape}")


def labelled_cases(distances: Values = DISTANCES) -> Sampled[Case]:
    pairs = pair_cases(distances).sample
    return Sampled(lambda rng: _labelled(pairs(rng)))


# --------------------------------------------------------------------------- content cost


def activations(n_H: int, n_W: int, n_C: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((1, n_H, n_W, n_C))


def sample_shape(rng: np.random.Generator) -> tuple[int, int, int]:
    """``(n_H, n_W, n_C)``: n_H, n_W in 1..4, n_C in 1..5."""
    return int(rng.integers(1, 5)), int(rng.integers(1, 5)), int(rng.integers(1, 6))


def content_cases(unit: bool) -> Sampled[Case]:
    return Sampled(lambda rng: _content_case(sample_shape(rng), sample_seed(rng), unit))


def _content_case(shape: tuple[int, int, int], seed: int, unit: bool) -> Case:
    a_C = activations(*shape, seed)
    if unit:
        signs = np.random.default_rng(seed + 1).choice([-1.0, 1.0], a_C.shape)
        return Case((a_C, a_C + signs), f"a_C of shape {a_C.shape}, a_G = a_C + 1 or - 1 in every entry")
    return Case((a_C, activations(*shape, seed + 1)), f"a_C, a_G of shape {a_C.shape}")


# --------------------------------------------------------------------------- gram matrix


def _gram_case(n_C: int, columns: int, seed: int) -> Case:
    A = np.random.default_rng(seed).standard_normal((n_C, columns))
    return Case((A,), f"A of shape {A.shape}")


def gram_cases(wide: bool = False) -> Sampled[Case]:
    """A of shape (n_C, columns): n_C in 1..5 and columns in 1..12, or ``wide``: n_C in 1..4
    and columns in n_C + 1..12."""

    def sample(rng: np.random.Generator) -> Case:
        n_C = int(rng.integers(1, 5 if wide else 6))
        return _gram_case(n_C, int(rng.integers(n_C + 1 if wide else 1, 13)), sample_seed(rng))

    return Sampled(sample)


GRAM_EXAMPLES = [
    Case(
        (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),),
        "A = [[1, 2, 3], [4, 5, 6]] (G = [[14, 32], [32, 77]])",
    ),
    Case((np.array([[1.0, 2.0], [3.0, 4.0]]),), "A = [[1, 2], [3, 4]] (G = [[5, 11], [11, 25]])"),
    Case((np.array([[2.0, -1.0, 0.0, 1.0]]),), "A = [[2, -1, 0, 1]] (G = [[6]])"),
]


# --------------------------------------------------------------------------- layer style cost


def _style_case(n_H: int, n_W: int, n_C: int, seed: int, kind: str) -> Case:
    shape = (1, n_H, n_W, n_C)
    if kind == "quarter":
        return Case((np.zeros(shape), np.ones(shape)), f"a_S zeros and a_G ones of shape {shape}")
    a_S = activations(n_H, n_W, n_C, seed)
    if kind == "random":
        return Case((a_S, activations(n_H, n_W, n_C, seed + 1)), f"a_S, a_G of shape {shape}")
    order = np.random.default_rng(seed + 1).permutation(n_H * n_W)
    if np.array_equal(order, np.arange(n_H * n_W)):
        order = np.roll(order, 1)
    a_G = a_S.reshape(n_H * n_W, n_C)[order].reshape(shape)
    return Case((a_S, a_G), f"a_S of shape {shape} and a_G the same pixels in another order "
                            f"(pixel p of a_G is pixel {[int(i) for i in order]}[p] of a_S)")  # fmt: skip


def style_cases(kind: str) -> Sampled[Case]:
    """At least two channels and two pixels (with one of either, every unrolling agrees):
    n_H, n_W in 1..4 (not both 1), n_C in 2..4."""

    def sample(rng: np.random.Generator) -> Case:
        n_H, n_W = 1, 1
        while n_H * n_W == 1:  # the filter of a strategy: uniform over the geometries kept
            n_H, n_W = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        return _style_case(n_H, n_W, int(rng.integers(2, 5)), sample_seed(rng), kind)

    return Sampled(sample)


# --------------------------------------------------------------------------- total cost


costs = st.floats(0, 100, allow_subnormal=False)
weights = st.sampled_from([0.0, 0.5, 1.0, 5.0, 10.0, 20.0, 40.0, 100.0])


def total_case(
    J_content: float, J_style: float, alpha: float | None = None, beta: float | None = None
) -> Case:
    if alpha is None:
        return Case((J_content, J_style), f"J_content={J_content:g}, J_style={J_style:g} (default weights)")
    return Case(
        (J_content, J_style, alpha, beta),
        f"J_content={J_content:g}, J_style={J_style:g}, alpha={alpha:g}, beta={beta:g}",
    )
