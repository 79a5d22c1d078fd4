r"""The comparisons of course 4 week 4's checks (:mod:`grader.checks.c4w4`): a cost is a
number or a 0-d array, a wrong result is matched with every known mistake it equals, and the
gradients of the verification unit are checked against central differences of its cost.
"""

from __future__ import annotations

import numpy as np

from grader.checks import c4w4_mistakes as mistakes
from grader.judge.compare import (
    REFERENCE,
    Tolerance,
    expect_number,
    expect_parts,
    expect_same,
)
from grader.judge.numerical import numerical_gradient


def expect_scalar(got: object, expected: float, what: str, tol: Tolerance = REFERENCE) -> None:
    """A number (a 0-d float array, what ``np.sum`` of an array can give, counts as one)."""
    if type(got) is np.ndarray and got.shape == () and got.dtype.kind == "f":
        got = got[()]
    expect_number(got, float(expected), what, tol)


def expect_scalar_or_same(got: object, expected: object, what: str) -> None:
    """An array like the reference's, or a number as :func:`expect_scalar` takes one."""
    if isinstance(expected, np.ndarray):
        expect_same(got, expected, what)
    else:
        expect_scalar(got, expected, what)  # type: ignore[arg-type]


def compare_cost(got: object, expected: object, what: str, tol: object = None) -> None:
    """A cost as :func:`expect_scalar_or_same` judges it (at the reference's tolerance,
    whatever ``tol`` says): the ``comparison`` of the cost exercises."""
    expect_scalar_or_same(got, expected, what)


# --------------------------------------------------------------------------- verification as classification


#: Central differences of the verification cost: the step, and the agreement asked of the gradient.
GRADIENT_EPSILON = 1e-6
GRADIENT_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-8)


def expect_gradient_pair(got: object, expected: tuple, what: str, tol: Tolerance = REFERENCE) -> None:
    """``(dw, db)``: dw an array like the reference's, db a number (a 0-d float array counts as one)."""
    dw, db = expect_parts(got, ("dw", "db"), what=what)
    expect_same(dw, expected[0], "dw", tol)
    expect_scalar(db, expected[1], "db", tol)


def verification_cost(f_i, f_j, y, w, b, distance="absolute") -> float:
    """The mean cross-entropy of the unit (judge-side), from the logit z: -log sigmoid(z) =
    log(1 + e^{-z}) by ``np.logaddexp``, exact where 1 - y_hat would round away."""
    z = np.dot(mistakes.comparison(f_i, f_j, distance), w) + b  # (m, 1)
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))


def numerical_gradients(f_i, f_j, y, w, b, distance="absolute") -> tuple[np.ndarray, float]:
    """Central differences of :func:`verification_cost` in ``w`` and in ``b`` (judge-side)."""
    dw = numerical_gradient(lambda shifted: verification_cost(f_i, f_j, y, shifted, b, distance), w,
                            GRADIENT_EPSILON)  # fmt: skip
    db = numerical_gradient(lambda shifted: verification_cost(f_i, f_j, y, w, float(shifted), distance),
                            np.array(float(b)), GRADIENT_EPSILON)  # fmt: skip
    return dw, float(db)
