r"""How the week 3 checks (:mod:`grader.checks.week3`) judge what a student's function returned,
beyond comparing it with the reference's.

The samplers are judged by the Kolmogorov-Smirnov distance of their log-scaled draws to
the uniform distribution, within the DKW-Massart bound :data:`KS_BOUND`
(:func:`expect_log_uniform`); gradients against central differences of the reference,
within :data:`NUMERICAL` (:func:`expect_like_numerical`); the classifier by what it
returns (:func:`expect_model`) and the test accuracy it reaches (:data:`ACCURACY`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from grader.checks.week3_inputs import SAMPLES, initial_model
from grader.judge.compare import CheckFailed, Tolerance, expect_keys, expect_same, fail, kind, on
from grader.judge.exercises import Exercise
from grader.judge.judging import judged, recognised
from grader.judge.statistics import FALSE_FAILURE, dkw
from grader.judge.strategies import Case
from reference import tuning as ref

#: DKW-Massart: sup |F_n - F| exceeds this with probability at most FALSE_FAILURE (~0.1035).
KS_BOUND = dkw(SAMPLES, FALSE_FAILURE)
#: The smallest sup |F_lin - F| over the ranges drawn (one decade), for a linear-scale sampler:
#: at the middle exponent, (10**0.5 - 1) / 9 of the draws lie below instead of 1/2.
LINEAR_DISTANCE = 0.5 - (10**0.5 - 1) / 9
#: Central differences (step :data:`~grader.checks.week3_inputs.STEP`): agreement expected.
NUMERICAL = Tolerance(rtol=1e-5, atol=1e-7)
#: Test accuracy the classifier must reach on three Gaussian blobs, trained with
#: :data:`~grader.checks.week3_inputs.TRAINING` (the reference: >= 0.92 on each of 200 seeds,
#: mean 0.98; the Bayes rate is about 0.99).
ACCURACY = 0.9
#: Sampled values may pass a bound by rounding (1 - 10**log10(1 - high) != high).
BOUND_SLACK = 1e-12


def expect_floats(got: object, shape: tuple[int, ...], what: str) -> np.ndarray:
    """``got`` must be an exact float ``np.ndarray`` of ``shape`` (its values are judged after)."""
    if type(got) is not np.ndarray:
        fail(f"{what}: expected a numpy array of shape {shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.shape != shape:
        transposed = " (transposed?)" if got.ndim == 2 and got.shape == shape[::-1] else ""
        fail(f"{what}: shape {got.shape}, expected {shape}{transposed}")
    if got.dtype.kind != "f":
        fail(f"{what}: dtype {got.dtype}, expected a float dtype")
    return got


def expect_finite(values: np.ndarray, what: str) -> None:
    if not np.isfinite(values).all():
        i = int(np.argmax(~np.isfinite(values)))
        fail(f"{what}[{i}] is {values[i]}: every value must be a finite number")


def ks_distance(values: np.ndarray, low: float, high: float) -> float:
    r""":math:`\sup_x |F_n(x) - F(x)|` between the sample and :math:`\mathcal{U}[low, high]`."""
    u = np.clip(np.sort((values - low) / (high - low)), 0.0, 1.0)  # F(x) of each sorted value
    n = len(u)
    return float(max(np.max(np.arange(1, n + 1) / n - u), np.max(u - np.arange(n) / n)))


def shares(values: np.ndarray, low: float, high: float) -> str:
    """The share of the values in each quarter of [low, high], for messages."""
    edges = np.linspace(low, high, 5)
    counts = np.histogram(np.clip(values, low, high), edges)[0] / len(values)
    return ", ".join(f"[{a:g}, {b:g}): {c:.0%}" for a, b, c in zip(edges, edges[1:], counts, strict=False))


def expect_log_uniform(exponents: np.ndarray, low: float, high: float, what: str) -> None:
    expect_finite(exponents, what)
    distance = ks_distance(exponents, low, high)
    if distance > KS_BOUND:
        fail(
            f"{what} is not uniform on [{low:g}, {high:g}]: share per quarter {shares(exponents, low, high)} "
            f"(Kolmogorov-Smirnov distance {distance:.3f} > {KS_BOUND:.3f}; a correct sampler goes over "
            f"with probability below {FALSE_FAILURE:g})"
        )


def expect_learning_rates(got: object, num: int, low: float, high: float) -> None:
    """``num`` finite float rates, each in [10**low, 10**high] (up to :data:`BOUND_SLACK`)."""
    rates = expect_floats(got, (num,), "learning_rates")
    expect_finite(rates, "learning_rates")
    outside = (rates < 10.0**low * (1 - BOUND_SLACK)) | (rates > 10.0**high * (1 + BOUND_SLACK))
    if outside.any():
        fail(
            f"learning_rates[{int(np.argmax(outside))}] = {rates[outside][0]:.6g} is outside "
            f"[10**{low:g}, 10**{high:g}]"
        )


def expect_betas(got: object, num: int, low: float, high: float) -> None:
    """``num`` finite float betas, each in [low, high] (up to :data:`BOUND_SLACK`)."""
    betas = expect_floats(got, (num,), "betas")
    expect_finite(betas, "betas")
    outside = (betas < low - BOUND_SLACK) | (betas > high + BOUND_SLACK)
    if outside.any():
        fail(f"betas[{int(np.argmax(outside))}] = {betas[outside][0]:.6g} is outside [{low:g}, {high:g}]")


def expect_tight_box(
    got: object, trials: np.ndarray, scores: np.ndarray, log_scale: np.ndarray, top_fraction: float
) -> None:
    """The box holds every kept trial (the ``ceil(top_fraction * k)`` of highest score, on
    the log10 scale where ``log_scale``) and its bounds are their min and max."""
    box = expect_floats(got, (trials.shape[1], 2), "box")
    kept = np.argsort(-scores)[: math.ceil(top_fraction * len(scores))]
    values = np.where(log_scale, np.log10(trials), trials)[kept]  # (n, d)
    inside = (values >= box[:, 0] - 1e-9 * np.abs(box[:, 0]) - 1e-12) & (
        values <= box[:, 1] + 1e-9 * np.abs(box[:, 1]) + 1e-12
    )
    if not inside.all():
        i, j = np.argwhere(~inside)[0]
        fail(
            f"trial {int(kept[i])} (score {scores[kept[i]]:.3f}, among the best {len(kept)}) is "
            f"outside the box in dimension {int(j)}: {values[i, j]:.6g} "
            f"not in {box[int(j)].tolist()}"
        )
    expect_same(
        box,
        np.stack([values.min(axis=0), values.max(axis=0)], axis=1),
        f"box (the min and max of the best {len(kept)} trials)",
    )


def expect_normalized_rows(Z_tilde: object, Z: np.ndarray) -> None:
    """Each row of ``Z_tilde`` (gamma = 1, beta = 0) has mean 0 and variance (over m) 1."""
    Z_tilde = expect_floats(Z_tilde, Z.shape, "Z_tilde")
    expect_same(
        Z_tilde.mean(axis=1, keepdims=True),
        np.zeros((len(Z_tilde), 1)),
        "the mean of each row of Z_tilde",
        Tolerance(0, 1e-9),
    )
    expect_same(
        np.mean(Z_tilde**2, axis=1, keepdims=True),
        np.ones((len(Z_tilde), 1)),
        "the variance (over m) of each row of Z_tilde",
    )


def expect_rows_scaled_and_shifted(
    Z_tilde: object, Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray
) -> None:
    """Row i of ``Z_tilde`` has mean ``beta[i]`` and standard deviation ``|gamma[i]|``."""
    Z_tilde = expect_floats(Z_tilde, Z.shape, "Z_tilde")
    expect_same(Z_tilde.mean(axis=1, keepdims=True), beta, "the mean of each row of Z_tilde (beta)")
    expect_same(
        Z_tilde.std(axis=1, keepdims=True),
        np.abs(gamma),
        "the standard deviation of each row of Z_tilde (|gamma|)",
    )


def expect_rows_of_dZ_sum_to_zero(dZ: object, G: np.ndarray, cache: tuple) -> None:
    """Each row of ``dZ`` sums to 0 and is orthogonal to its row of Z_norm (relative to the
    size of its terms)."""
    Z, Z_norm, _, var, gamma, epsilon = cache
    dZ = expect_floats(dZ, Z.shape, "dZ")
    scale = np.abs(gamma * G).sum(axis=1, keepdims=True) / np.sqrt(var + epsilon)  # size of the terms
    zeros = np.zeros((len(Z), 1))
    expect_same(
        dZ.sum(axis=1, keepdims=True) / scale, zeros, "each row sum of dZ (relative)", Tolerance(0, 1e-9)
    )
    expect_same(
        (dZ * Z_norm).sum(axis=1, keepdims=True) / scale,
        zeros,
        "each row of dZ * Z_norm summed (relative)",
        Tolerance(0, 1e-9),
    )


def expect_sums_over_examples(dgamma: object, dbeta: object, G: np.ndarray, Z_norm: np.ndarray) -> None:
    """``dbeta`` and ``dgamma`` are sums over the examples of ``dZ_tilde`` and ``dZ_tilde * Z_norm``."""
    expect_same(dbeta, G.sum(axis=1, keepdims=True), "dbeta (the sum of dZ_tilde over the examples)")
    expect_same(
        dgamma,
        (G * Z_norm).sum(axis=1, keepdims=True),
        "dgamma (the sum of dZ_tilde * Z_norm over the examples)",
    )


def expect_probabilities(A: object, Z: np.ndarray) -> None:
    """Each column of ``A`` is a probability distribution over the classes."""
    A = expect_floats(A, Z.shape, "A")
    if not (A >= 0).all():
        fail(f"A has a negative entry: {A.min():.6g}")
    expect_same(A.sum(axis=0), np.ones(Z.shape[1]), "the sum of each column of A", Tolerance(0, 1e-12))


def expect_columns_sum_to_zero(dZ: object, shape: tuple[int, ...]) -> None:
    """Each column of ``dZ`` sums to 0."""
    dZ = expect_floats(dZ, shape, "dZ")
    expect_same(dZ.sum(axis=0), np.zeros(dZ.shape[1]), "the sum of each column of dZ", Tolerance(0, 1e-12))


def expect_like_numerical(exercise: Exercise, student, cases: Sequence[tuple[Case, object]]) -> None:
    """Each case's result of the student's function must be its numerical gradient (the
    second of each pair), within :data:`NUMERICAL`, compared as the exercise compares; a
    wrong one that is a known mistake of the exercise says so."""
    calls = [case for case, _ in cases]
    function, compare, what = getattr(student, exercise.name), exercise.compare, exercise.what
    for (case, got), (_, numerical) in zip(judged(function, calls), cases, strict=True):
        with on(case.description):
            try:
                compare(got, numerical, what, NUMERICAL)
            except CheckFailed as failure:
                raise recognised(
                    failure, got, case.args, exercise.mistakes, compare, what, NUMERICAL
                ) from None


def expect_model(parameters: dict, running: dict) -> tuple[dict, dict]:
    """``(parameters, running)``: two dicts with every key of
    :func:`reference.tuning.initialize_bn_network`, and every array float, finite and
    shaped as at initialization."""
    for name, value, expected in zip(
        ("parameters", "running"), (parameters, running), initial_model(), strict=True
    ):
        expect_keys(value, expected, name)
    for name, value, expected in zip(
        ("parameters", "running"), (parameters, running), initial_model(), strict=True
    ):
        for key, array in expected.items():
            expect_floats(value[key], array.shape, f"{name}[{key!r}]")
            if not np.isfinite(value[key]).all():
                fail(f"{name}[{key!r}] is not finite")
    return parameters, running


def expect_accuracy(model: tuple[dict, dict], X_test: np.ndarray, labels: np.ndarray) -> None:
    """``predict_bn_network`` with ``model`` reaches :data:`ACCURACY` on the test set."""
    with np.errstate(all="ignore"):
        accuracy = float(np.mean(ref.predict_bn_network(X_test, *model) == labels))
    if accuracy < ACCURACY:
        fail(
            f"the test accuracy (300 new points, predict_bn_network with your parameters and "
            f"running averages) is {accuracy:.1%}, below {ACCURACY:.0%}"
        )
