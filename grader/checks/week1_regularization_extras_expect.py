r"""The comparisons of :mod:`grader.checks.week1_regularization_extras` that are its own: a
cost that must be a finite number, the L1 gradients against central differences of the
reference cost, and where each crop or shift of a batch came from (the corner of its window,
the offset of its move), read off the pixel values 1, 2, ... of the images drawn
(:mod:`grader.checks.week1_regularization_extras_inputs`), and that a random augmentation
gives the same batch twice for one seed.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np

from grader.judge.compare import Tolerance, expect_same, fail, kind, on
from grader.judge.judging import outcomes, unwrap
from grader.judge.numerical import numerical_gradient
from grader.judge.strategies import Case
from reference import regularization_extras as ref

#: Central differences of the L1 cost: the step, and the agreement asked of the gradient.
GRADIENT_EPSILON = 1e-6
GRADIENT_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-8)
#: Any finite values: a comparison of keys, types and shapes only.
SHAPES_ONLY = Tolerance(rtol=0.0, atol=np.inf)


def as_cost(value: object) -> float:
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        fail(f"expected the cost as a number, got {kind(value)}")
    cost = float(value)
    if not np.isfinite(cost):
        fail(f"expected the cost as a finite number, got {cost}")
    return cost


def numerical_gradients(parameters: dict, lambd: float, m: int) -> dict[str, np.ndarray]:
    """Central differences of the reference L1 cost in every weight (judge-side)."""

    def cost_in(key: str) -> Callable[[np.ndarray], float]:
        return lambda W: ref.compute_l1_regularization_cost({**parameters, key: W}, lambd, m)

    weights = [key for key in parameters if key[0] == "W"]
    return {"d" + key: numerical_gradient(cost_in(key), parameters[key], GRADIENT_EPSILON) for key in weights}


def gradients_dict(value: object, given: dict) -> dict:
    """``value`` as a dict with the keys of ``given``, each a finite array of its shape and dtype kind."""
    expect_same(value, given, "gradients", SHAPES_ONLY)
    assert isinstance(value, dict)
    return value


def windows(image: np.ndarray, h: int, w: int) -> dict[tuple[int, int], np.ndarray]:
    """Every h x w window of one image (n_H, n_W, n_C), by its top-left corner."""
    n_H, n_W = image.shape[:2]
    return {(t, l): image[t : t + h, l : l + w] for t in range(n_H - h + 1) for l in range(n_W - w + 1)}


def crop_corners(value: object, case: Case) -> list[tuple[int, int]]:
    """The top-left corner of each crop in its own image, or a failure saying what is wrong."""
    images, h, w, _ = case.args
    m, _, _, n_C = images.shape
    if type(value) is not np.ndarray or value.shape != (m, h, w, n_C):
        fail(f"crops: expected an array of shape {(m, h, w, n_C)}, got {kind(value)}")
    assert isinstance(value, np.ndarray)
    n_H, n_W = images.shape[1:3]
    every = [(t, l) for t in range(n_H - h + 1) for l in range(n_W - w + 1)]
    matches = np.array([np.all(images[:, t : t + h, l : l + w] == value, axis=(1, 2, 3)) for t, l in every])
    corners = []
    for i in range(m):
        found = [every[k] for k in np.flatnonzero(matches[:, i])]
        if not found:
            other = [j for j in range(m) if j != i and any(np.array_equal(win, value[i])
                                                            for win in windows(images[j], h, w).values())]  # fmt: skip
            whose = (
                f": it is a window of image {other[0]} (images and labels must stay paired)" if other else ""
            )
            fail(f"crop {i} is not a contiguous {h} x {w} window of image {i}{whose}")
        corners.append(found[0])
    return corners


def shifted_by(images: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """The batch (m, n_H, n_W, n_C) moved by (dy, dx) with zero fill: padded with zeros,
    then read back at an offset (judge-side, written apart from the reference)."""
    _, n_H, n_W, _ = images.shape
    p = max(abs(dy), abs(dx), 1)
    padded = np.pad(images, ((0, 0), (p, p), (p, p), (0, 0)))
    return padded[:, p - dy : p - dy + n_H, p - dx : p - dx + n_W]


def shift_offsets(value: object, case: Case) -> list[tuple[int, int]]:
    """The offset (dy, dx) of each shifted image, or a failure saying what is wrong."""
    images, max_shift, _ = case.args
    if type(value) is not np.ndarray or value.shape != images.shape:
        fail(f"shifted: expected an array of shape {images.shape}, got {kind(value)}")
    assert isinstance(value, np.ndarray)
    candidates = [
        (dy, dx) for dy in range(-max_shift, max_shift + 1) for dx in range(-max_shift, max_shift + 1)
    ]
    matches = np.array(
        [np.all(shifted_by(images, *c) == value, axis=(1, 2, 3)) for c in candidates]
    )  # (k, m)
    offsets = []
    for i in range(images.shape[0]):
        found = [candidates[k] for k in np.flatnonzero(matches[:, i])]
        if not found:
            fail(f"shifted image {i} is not image {i} moved by some (dy, dx) with |dy|, |dx| <= {max_shift} and "
                 "zeros where it left the frame: pixels are only moved, and what enters is 0")  # fmt: skip
        offsets.append(found[0])
    return offsets


def expect_reproducible(function, batch: list[Case], what: str) -> None:
    """Each case called twice, in one round trip: the same array both times, or a failure
    saying that two calls with the same seed gave different ``what``."""
    results = outcomes(function, [c for case in batch for c in (case, case)])
    for i, case in enumerate(batch):
        with on(f"{case.description}, called twice"):
            first, again = unwrap(results[2 * i]), unwrap(results[2 * i + 1])
            if not (type(first) is np.ndarray and type(again) is np.ndarray and np.array_equal(first, again)):
                fail(
                    f"two calls with the same seed gave different {what}: draw from np.random.default_rng(seed)"
                )
