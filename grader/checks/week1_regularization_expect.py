r"""How the results of the course 2 week 1 "Regularization" checks
(:mod:`grader.checks.week1_regularization`) are compared.

The dropout forward pass returns ``(A3, cache)`` with the course's 14-tuple cache
(:data:`CACHE_NAMES`; :func:`forward_parts`), compared entry by entry, its masks ``D1``
and ``D2`` by value whatever their numeric dtype (:func:`expect_mask`, :func:`mask_values`:
a mask of raw random numbers is told so), then ``A3`` (:func:`expect_dropout_forward`).
The backward passes return the course's 11 gradients (:data:`GRADIENT_KEYS`), compared key
by key, extra keys allowed (:func:`expect_gradients`); the dropout backward pass's masked
gradients are zero where the cache's masks are (:func:`expect_masked`), and the cache of the
student's own forward pass is used when it has the course's structure (:func:`usable_cache`).
The L2 gradient is compared with central differences (step :data:`GRADIENT_EPSILON`) of the
reference forward pass and L2 cost (:func:`l2_cost`, :func:`numerical_gradients`), by the
course's relative difference (:func:`gradient_difference`, within :data:`GRADIENT_TOLERANCE`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from grader.checks.week1_regularization_inputs import PARAMETER_KEYS
from grader.judge.compare import REFERENCE, expect_array, expect_parts, expect_same, fail, kind
from grader.judge.judging import unwrap
from grader.judge.numerical import numerical_gradient
from reference import regularization as ref
from reference.reg_helpers import forward_propagation

#: The course's check of a gradient, with central differences in float64.
GRADIENT_EPSILON = 1e-6
GRADIENT_TOLERANCE = 1e-6
CACHE_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")
MASKS = {1: "D1", 6: "D2"}
GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")
#: What ``forward_propagation_with_dropout`` returns.
FORWARD_PARTS = ("A3", "cache")


# --------------------------------------------------------------------------- dropout forward


def mask_values(got: object, shape: tuple, what: str) -> np.ndarray:
    """A mask of 0 and 1 of any numeric dtype (bool, int or float) and of ``shape``, as floats."""
    if type(got) is not np.ndarray or got.dtype.kind not in "biuf":
        fail(f"{what}: expected a 0/1 mask of shape {shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.shape != shape:
        fail(f"{what}: shape {got.shape}, expected {shape} (the shape of the activations it masks)")
    values = got.astype(float)
    odd = ~np.isin(values, (0.0, 1.0))
    if odd.any():
        fail(
            f"{what} holds values other than 0 and 1 (e.g. {values[odd][0]:.4g}): store the mask itself, "
            "D = (D < keep_prob).astype(int), not the random numbers"
        )
    return values


def expect_mask(got: object, expected: np.ndarray, what: str, tol=REFERENCE) -> None:
    """A 0/1 mask compared by value with ``expected``, whatever the dtypes."""
    expect_array(mask_values(got, expected.shape, what), expected.astype(float), what, tol)


def forward_parts(got: object) -> tuple[object, tuple]:
    """``(A3, cache)`` with ``cache`` the 14-tuple, or a failure saying what came back."""
    A3, cache = expect_parts(got, FORWARD_PARTS)
    return A3, expect_parts(cache, CACHE_NAMES, what="cache")


def expect_dropout_forward(got: object, expected: tuple, what: str = "", tol=REFERENCE) -> None:
    """The cache entry by entry (masks by value), then ``A3``."""
    if expected is None:  # a known mistake that cannot be told apart on this case
        fail("no expected value")
    A3, cache = forward_parts(got)
    for i, name in enumerate(CACHE_NAMES):
        label = f"cache[{i}] ({name})"
        if i in MASKS:
            expect_mask(cache[i], expected[1][i], label, tol)
        else:
            expect_same(cache[i], expected[1][i], label, tol)
    expect_same(A3, expected[0], "A3", tol)


# --------------------------------------------------------------------------- gradients


def expect_gradients(got: object, expected: dict, what: str = "gradients", tol=REFERENCE) -> None:
    """The 11 gradients of the course, compared key by key (extra keys are allowed)."""
    if not isinstance(got, dict):
        fail(f"expected a dict of the gradients {', '.join(GRADIENT_KEYS)}, got {kind(got)}")
    assert isinstance(got, dict)
    missing = [k for k in expected if k not in got]
    if missing:
        fail(f"gradients: missing keys {missing} (the course returns {', '.join(GRADIENT_KEYS)})")
    for key in GRADIENT_KEYS:
        if key in expected:
            expect_same(got[key], expected[key], f"gradients[{key!r}]", tol)


def l2_cost(X: np.ndarray, Y: np.ndarray, parameters: dict, lambd: float) -> float:
    """The reference forward pass and L2 cost: the function whose gradient is checked."""
    A3, _ = forward_propagation(X, parameters)
    return float(ref.compute_cost_with_regularization(A3, Y, parameters, lambd))


def numerical_gradients(X: np.ndarray, Y: np.ndarray, parameters: dict, lambd: float) -> dict:
    r"""Central differences :math:`(J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)) /
    2\varepsilon` of :func:`l2_cost`, for every entry of W1, b1, ..., b3."""

    def cost_in(key: str) -> Callable[[np.ndarray], float]:
        return lambda value: l2_cost(X, Y, {**parameters, key: value}, lambd)

    return {
        "d" + key: numerical_gradient(cost_in(key), parameters[key], GRADIENT_EPSILON)
        for key in PARAMETER_KEYS
    }


def gradient_difference(grads: dict, approx: dict) -> float:
    r"""The course's :math:`\|g - \tilde g\|_2 / (\|g\|_2 + \|\tilde g\|_2)` over all parameters."""
    g = np.concatenate([np.ravel(grads["d" + k]) for k in PARAMETER_KEYS])
    a = np.concatenate([np.ravel(approx["d" + k]) for k in PARAMETER_KEYS])
    return float(np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a)))


# --------------------------------------------------------------------------- dropout backward


def expect_masked(got: object, cache: tuple) -> None:
    """``dA2`` and ``dA1`` are exactly zero where the cache's ``D2`` and ``D1`` are 0."""
    if not isinstance(got, dict):
        return  # judged by expect_gradients
    for grad, i in (("dA2", 6), ("dA1", 1)):
        g, D = got.get(grad), np.asarray(cache[i])
        if isinstance(g, np.ndarray) and g.shape == D.shape and np.any(g[D == 0] != 0):
            fail(
                f"gradients[{grad!r}] is not 0 where the cache's {CACHE_NAMES[i]} is 0: apply the mask stored "
                f"in the cache, {grad} = {grad} * {CACHE_NAMES[i]} / keep_prob (the forward pass's units, "
                "not new random ones)"
            )


def usable_cache(outcome: object, X: np.ndarray, parameters: dict) -> tuple | None:
    """The student's forward cache when it has the course's structure and shapes, else None."""
    try:
        _, cache = forward_parts(unwrap(outcome))
        shapes = [c.shape for c in ref.forward_propagation_with_dropout(X, parameters, 0.5)[1]]
        if not all(type(c) is np.ndarray and c.shape == s for c, s in zip(cache, shapes, strict=True)):
            return None
        for i in MASKS:
            mask_values(cache[i], shapes[i], "mask")
    except Exception:  # any fault of the forward pass: fall back to the reference
        return None
    return cache
