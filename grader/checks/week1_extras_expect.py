r"""The comparisons of :mod:`grader.checks.week1_extras` that are its own: the shapes of an
initialization's parameters (its weights' values are judged apart), the statistical tests of
its weights (:func:`judge_statistics`, naming the variance a wrong one was drawn with), and the
normalizer's ``(mu, sigma2)`` as two float columns.
"""

from __future__ import annotations

import numpy as np

from grader.checks import week1_extras_mistakes as mistakes
from grader.judge.compare import expect_array, expect_keys, expect_parts, fail, kind
from grader.judge.statistics import FALSE_FAILURE, chi_square_band, mean_bound, within_variance_band


def expect_float_array(value: object, shape: tuple[int, ...], what: str) -> np.ndarray:
    """An exact ``np.ndarray`` of ``shape``, float dtype, finite: the values are judged elsewhere."""
    if type(value) is not np.ndarray:
        fail(f"{what}: expected a numpy array of shape {shape}, got {kind(value)}")
    assert isinstance(value, np.ndarray)
    if value.shape != shape:
        transposed = " (transposed?)" if value.shape == shape[::-1] and value.ndim == 2 else ""
        fail(f"{what}: shape {value.shape}, expected {shape}{transposed}")
    if value.dtype.kind != "f":
        fail(f"{what}: dtype {value.dtype}, expected a float dtype")
    if not np.all(np.isfinite(value)):
        fail(f"{what}: holds {value[~np.isfinite(value)][0]}")
    return value


def expect_initialization(got: object, layers_dims: list[int]) -> dict:
    """Keys W1, b1, ..., WL, bL; W float (n_l, n_{l-1}); b float zeros (n_l, 1)."""
    L = len(layers_dims) - 1
    expect_keys(got, {f"{p}{l}": None for l in range(1, L + 1) for p in ("W", "b")}, "parameters")
    assert isinstance(got, dict)
    for l in range(1, L + 1):
        expect_float_array(got[f"W{l}"], (layers_dims[l], layers_dims[l - 1]), f"parameters['W{l}']")
        expect_array(got[f"b{l}"], np.zeros((layers_dims[l], 1)), f"parameters['b{l}']")
    return got


def judge_statistics(W: np.ndarray, variance: float, what: str, n_in: int, n_out: int) -> None:
    """The sample mean of ``W`` within :func:`~grader.judge.statistics.mean_bound` of 0 and its mean
    square within :func:`~grader.judge.statistics.chi_square_band` of ``variance``."""
    N = W.size
    mean, mean_square = float(np.mean(W)), float(np.mean(np.square(W)))
    radius = mean_bound(N) * np.sqrt(variance)
    if abs(mean) > radius:
        fail(f"{what}: the {N} weights average {mean:.4g}, expected 0 within {radius:.2g} "
             f"(all but a {FALSE_FAILURE:g} chance): draw from a distribution centred at 0")  # fmt: skip
    if not within_variance_band(mean_square, variance, N):
        low, high = chi_square_band(N)
        named = [name for name, v in mistakes.INIT_VARIANCES
                 if within_variance_band(mean_square, v(n_in, n_out), N)]  # fmt: skip
        which = f" -- that is {named[0]}" if named else ""
        fail(
            f"{what}: the {N} weights have variance {mean_square:.4g}, expected {variance:.4g} "
            f"(n_{{l-1}}={n_in}, n_l={n_out}): {low * variance:.4g} to {high * variance:.4g} "
            f"(all but a {FALSE_FAILURE:g} chance){which}"
        )


def expect_pair_of_columns(got: object, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(mu, sigma2)`` (:func:`~grader.judge.compare.expect_parts`), each a float array of shape ``(n, 1)``."""
    mu, sigma2 = expect_parts(got, ("mu", "sigma2"))
    return expect_float_array(mu, (n, 1), "mu"), expect_float_array(sigma2, (n, 1), "sigma2")
