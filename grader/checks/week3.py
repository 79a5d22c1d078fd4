r"""Checks for course 2 week 3: hyperparameter search, batch normalization, softmax.

Each class grades one function of :mod:`reference.tuning`.  Besides matching the reference
on random inputs (batches of :class:`~grader.judge.strategies.Case`, one round trip each), the
checks test what the lectures teach, judged from the student's values alone:

* **Sampling on the right scale** is judged statistically: the log10 of the draws must be
  uniform on the range by the Kolmogorov-Smirnov distance, with a bound from the
  Dvoretzky-Kiefer-Wolfowitz inequality (Massart's constant; :func:`grader.judge.statistics.dkw`),
  valid for every sample size:
  :math:`P(\sup_x |F_n(x) - F(x)| > \varepsilon) \le 2 e^{-2 n \varepsilon^2}`.  With
  :data:`SAMPLES` draws and :data:`~grader.judge.statistics.FALSE_FAILURE` the bound is :data:`KS_BOUND`; a
  linear-scale sampler over one decade or more is off by at least :data:`LINEAR_DISTANCE`,
  more than ``2 * KS_BOUND``, so it fails with probability above ``1 - FALSE_FAILURE`` too.
  Seeds cross into the worker (a ``Generator`` cannot): the same seed must give the
  reference's draws.
* **Gradients** are checked against central differences of the *reference* forward pass
  (:func:`grader.judge.numerical.numerical_gradient`, step :data:`STEP`, tolerance :data:`NUMERICAL`), on fixed
  inputs computed once per grading.
* **Invariances**: a bias before batch norm is cancelled, softmax ignores a constant added
  to a column and does not overflow, C = 2 gives the sigmoid and the logistic cost.

A function is judged on its own: ``linear_batchnorm_forward`` runs with the reference's
``batchnorm_forward``, and ``train_softmax_classifier`` with the reference's batch norm,
softmax and running averages (``builds_on`` in :mod:`grader.assignments`,
:mod:`grader.boundary.blocks`), so a mistake in a block costs points once, in its own exercise, and
never excuses the function built on it: each is compared with the reference, and the
classifier must reach :data:`ACCURACY`.  Every block call is a round trip to the judge, so
the classifier trains on a small problem (:data:`TRAINING`: 30 mini-batches, 8 block calls
each).  A property that a body computing nothing also has (the rows of a zero ``dZ`` sum to
0, the right keys, a constant cost repeated) counts only together with one it does not
(``@pytest.mark.needs``).
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable, Sequence
from typing import cast

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week3_mistakes as mistakes
from grader.judge.compare import (
    REFERENCE,
    CheckFailed,
    Tolerance,
    expect_keys,
    expect_parts,
    expect_same,
    fail,
    kind,
    named,
    on,
)
from grader.judge.judging import expect_like_reference, fresh, judged, outcomes, recognised, unwrap
from grader.judge.numerical import numerical_gradient
from grader.judge.statistics import FALSE_FAILURE, dkw
from grader.judge.strategies import Case, Sampled, Values, batches, sample_seed, sample_value
from reference import tuning as ref

#: Draws per call of a sampler.
SAMPLES = 1000
#: DKW-Massart: sup |F_n - F| exceeds this with probability at most FALSE_FAILURE (~0.1035).
KS_BOUND = dkw(SAMPLES, FALSE_FAILURE)
#: The smallest sup |F_lin - F| over the ranges drawn (one decade), for a linear-scale sampler:
#: at the middle exponent, (10**0.5 - 1) / 9 of the draws lie below instead of 1/2.
LINEAR_DISTANCE = 0.5 - (10**0.5 - 1) / 9
#: Central differences: step, and agreement expected (truncation error ~ STEP**2).
STEP = 1e-5
NUMERICAL = Tolerance(rtol=1e-5, atol=1e-7)
#: Test accuracy the classifier must reach on three Gaussian blobs, trained with
#: :data:`TRAINING` (the reference: >= 0.92 on each of 200 seeds, mean 0.98; the Bayes rate
#: is about 0.99).
ACCURACY = 0.9
#: ``(learning_rate, num_epochs, mini_batch_size)`` of the classifier's checks: 240 examples
#: in 3 batches for 10 epochs, 30 steps of 8 block round trips each (the course's defaults,
#: 0.01, 10 and 32, take 80 steps: 640 round trips, about 0.6 s per training).
TRAINING = (0.05, 10, 80)
#: Sampled values may pass a bound by rounding (1 - 10**log10(1 - high) != high).
BOUND_SLACK = 1e-12


# --------------------------------------------------------------------------- helpers


BN_CACHE = ("cache: Z", "cache: Z_norm", "cache: mu", "cache: var", "cache: gamma", "cache: epsilon")


def compare_batchnorm(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
    Z_tilde, cache = expect_parts(got, ("Z_tilde", "cache"))
    expect_same(Z_tilde, expected[0], "Z_tilde", tol)
    named(*BN_CACHE)(cache, expected[1], "cache", tol)


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


# --------------------------------------------------------------------------- sampling


#: Lower ends of the exponent range of the learning rates; the range is 1 to 4 decades wide.
LR_LOWS = (-7.0, -6.0, -5.0, -4.0, -3.5, -3.0, -2.0, -1.0)


def sampler_case(low: float, high: float, seed: int) -> Case:
    return Case((SAMPLES, seed, low, high), f"num={SAMPLES}, rng=seed {seed}, low={low:g}, high={high:g}")


def lr_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        low = cast(float, sample_value(rng, LR_LOWS))
        high = low + int(rng.integers(1, 5))
        return sampler_case(low, high, sample_seed(rng))

    return Sampled(sample)


#: (low, high) bounds of beta spanning at least one decade of 1 - beta.
BETA_RANGES = ((0.9, 0.999), (0.0, 0.9), (0.5, 0.99), (0.8, 0.999), (0.9, 0.99), (0.99, 0.9999), (0.0, 0.999))


def beta_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        low, high = cast("tuple[float, float]", sample_value(rng, BETA_RANGES))
        return sampler_case(low, high, sample_seed(rng))

    return Sampled(sample)


def expect_log_uniform(exponents: np.ndarray, low: float, high: float, what: str) -> None:
    expect_finite(exponents, what)
    distance = ks_distance(exponents, low, high)
    if distance > KS_BOUND:
        fail(
            f"{what} is not uniform on [{low:g}, {high:g}]: share per quarter {shares(exponents, low, high)} "
            f"(Kolmogorov-Smirnov distance {distance:.3f} > {KS_BOUND:.3f}; a correct sampler goes over "
            f"with probability below {FALSE_FAILURE:g})"
        )


@pytest.mark.exercise("sample_learning_rate")
class CheckSampleLearningRate:
    @pytest.mark.points(2)
    @pytest.mark.hint(
        "r = rng.uniform(low, high, size=num) is the exponent; return 10 ** r, an array of num rates"
    )
    @given(batch=batches(lr_cases()))
    def check_within_range(self, student, batch):
        for case, got in judged(student.sample_learning_rate, batch):
            with on(case.description):
                num, _, low, high = case.args
                rates = expect_floats(got, (num,), "learning_rates")
                expect_finite(rates, "learning_rates")
                outside = (rates < 10.0**low * (1 - BOUND_SLACK)) | (rates > 10.0**high * (1 + BOUND_SLACK))
                if outside.any():
                    fail(
                        f"learning_rates[{int(np.argmax(outside))}] = {rates[outside][0]:.6g} is outside "
                        f"[10**{low:g}, 10**{high:g}]"
                    )

    @pytest.mark.points(3)
    @pytest.mark.hint("sample the exponent uniformly, not the rate: each decade should get the same share")
    @given(batch=batches(lr_cases()))
    def check_log10_is_uniform(self, student, batch):
        for case, got in judged(student.sample_learning_rate, batch):
            with on(case.description):
                num, _, low, high = case.args
                rates = expect_floats(got, (num,), "learning_rates")
                with np.errstate(divide="ignore", invalid="ignore"):
                    expect_log_uniform(np.log10(rates), low, high, "np.log10(learning_rates)")

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "draw with exactly one call rng.uniform(low, high, size=num) on the rng you are given "
        "(never np.random.*), so the same seed gives the same rates"
    )
    @given(batch=batches(lr_cases()))
    def check_same_seed_same_draws(self, student, batch):
        expect_like_reference(
            student.sample_learning_rate,
            ref.sample_learning_rate,
            batch,
            "learning_rates",
            mistakes=mistakes.SAMPLE_LEARNING_RATE,
        )


@pytest.mark.exercise("sample_beta")
class CheckSampleBeta:
    @pytest.mark.points(2)
    @pytest.mark.hint("beta = 1 - 10 ** r with r between np.log10(1 - high) and np.log10(1 - low)")
    @given(batch=batches(beta_cases()))
    def check_within_range(self, student, batch):
        for case, got in judged(student.sample_beta, batch):
            with on(case.description):
                num, _, low, high = case.args
                betas = expect_floats(got, (num,), "betas")
                expect_finite(betas, "betas")
                outside = (betas < low - BOUND_SLACK) | (betas > high + BOUND_SLACK)
                if outside.any():
                    fail(
                        f"betas[{int(np.argmax(outside))}] = {betas[outside][0]:.6g} is outside "
                        f"[{low:g}, {high:g}]"
                    )

    @pytest.mark.points(3)
    @pytest.mark.hint("sample 1 - beta on a log scale: beta = 1 - 10 ** r with r uniform, not beta uniform")
    @given(batch=batches(beta_cases()))
    def check_log10_of_one_minus_beta_is_uniform(self, student, batch):
        for case, got in judged(student.sample_beta, batch):
            with on(case.description):
                num, _, low, high = case.args
                betas = expect_floats(got, (num,), "betas")
                with np.errstate(divide="ignore", invalid="ignore"):
                    expect_log_uniform(
                        np.log10(1 - betas), math.log10(1 - high), math.log10(1 - low), "np.log10(1 - betas)"
                    )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "draw with exactly one call rng.uniform(np.log10(1 - high), np.log10(1 - low), size=num)"
    )
    @given(batch=batches(beta_cases()))
    def check_same_seed_same_draws(self, student, batch):
        expect_like_reference(
            student.sample_beta, ref.sample_beta, batch, "betas", mistakes=mistakes.SAMPLE_BETA
        )


# --------------------------------------------------------------------------- coarse to fine


TOP_FRACTIONS = (0.1, 0.2, 0.25, 0.3, 0.5, 1.0)


def sample_trials(rng: np.random.Generator) -> Case:
    """k trials of d hyperparameters, some log-scaled, with distinct random scores."""
    k, d = int(rng.integers(1, 31)), int(rng.integers(1, 5))
    log_scale = rng.integers(0, 2, d).astype(bool)
    top_fraction = sample_value(rng, TOP_FRACTIONS)
    trials = np.where(log_scale, 10.0 ** rng.uniform(-6, 0, (k, d)), rng.uniform(0, 100, (k, d)))  # (k, d)
    scores = rng.uniform(0, 1, k)  # (k,)
    described = (
        f"{k} trials of {d} hyperparameters, log_scale={log_scale.tolist()}, top_fraction={top_fraction}"
    )
    return Case((trials, scores, log_scale, top_fraction), described)


def trial_cases() -> Sampled[Case]:
    return Sampled(sample_trials)


#: Worked examples: (trials, scores, log_scale, top_fraction) and what they teach.
BOX_EXAMPLES = (
    (
        np.array([[1e-3, 0.5], [1e-1, 0.9], [1e-2, 0.7], [1e-4, 0.1]]),
        np.array([0.9, 0.8, 0.95, 0.1]),
        np.array([True, False]),
        0.5,
        "learning rates 1e-3 and 1e-2 (log-scaled) among the best two of 4",
    ),
    (
        np.array([[1e-5], [1e-3], [1e-4], [1e-1], [1.0], [1e-2], [1e-6], [0.5], [1e-3], [1e-2]]),
        np.linspace(0, 1, 10)[::-1].copy(),
        np.array([True]),
        0.25,
        "10 trials, top_fraction=0.25: ceil(2.5) = 3 kept",
    ),
    (
        np.array([[0.01, 64.0], [0.1, 128.0], [0.001, 32.0]]),
        np.array([0.2, 0.7, 0.4]),
        np.array([True, False]),
        0.1,
        "3 trials, top_fraction=0.1: ceil(0.3) = 1 kept, the best one",
    ),
)


@pytest.mark.exercise("coarse_to_fine")
class CheckCoarseToFine:
    @pytest.mark.points(3)
    @pytest.mark.hint("keep the ceil(top_fraction * k) trials of highest score, then min and max per column")
    @given(batch=batches(trial_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(
            student.coarse_to_fine, ref.coarse_to_fine, batch, "box", mistakes=mistakes.COARSE_TO_FINE
        )

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "the box is the smallest one holding every kept trial: its bounds are their min and max"
    )
    @given(batch=batches(trial_cases()))
    def check_box_is_tight_around_the_best_trials(self, student, batch):
        for case, got in judged(student.coarse_to_fine, batch):
            with on(case.description):
                trials, scores, log_scale, top_fraction = case.args
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

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "on log-scaled dimensions return np.log10 of the bounds; keep math.ceil(top_fraction * k) trials"
    )
    def check_worked_examples(self, student):
        calls = [Case(example[:4], example[4]) for example in BOX_EXAMPLES]
        expect_like_reference(
            student.coarse_to_fine, ref.coarse_to_fine, calls, "box", mistakes=mistakes.COARSE_TO_FINE
        )


# --------------------------------------------------------------------------- batch norm


def make_units(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``Z`` (n, m) whose rows have their own mean and, for m > 1, a standard deviation in
    [0.3, 3] exactly (no row is nearly constant), and ``gamma``, ``beta`` (n, 1)."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((n, m))
    if m > 1:
        noise = (noise - noise.mean(axis=1, keepdims=True)) / noise.std(axis=1, keepdims=True)
    Z = rng.uniform(-5, 5, (n, 1)) + rng.uniform(0.3, 3, (n, 1)) * noise
    return Z, rng.normal(1, 0.5, (n, 1)), rng.normal(0, 1, (n, 1))


def bn_case(n: int, m: int, seed: int, epsilon: float = 1e-8, unit_gamma: bool = False) -> Case:
    Z, gamma, beta = make_units(n, m, seed)
    if unit_gamma:
        gamma, beta = np.ones_like(gamma), np.zeros_like(beta)
    return Case((Z, gamma, beta, epsilon), f"Z of shape {(n, m)}, epsilon={epsilon:g}")


def sample_bn_case(rng: np.random.Generator, epsilon: float = 1e-8, unit_gamma: bool = False) -> Case:
    """:func:`bn_case` with n in 1..5 and m in 2..12."""
    n, m = int(rng.integers(1, 6)), int(rng.integers(2, 13))
    return bn_case(n, m, sample_seed(rng), epsilon, unit_gamma)


def bn_cases(epsilon: float = 1e-8, unit_gamma: bool = False) -> Sampled[Case]:
    return Sampled(functools.partial(sample_bn_case, epsilon=epsilon, unit_gamma=unit_gamma))


#: Fixed geometries (n, m, seed) for the properties that pin values on any input: one round trip.
FIXED_SHAPES = ((1, 2, 0), (3, 4, 1), (2, 7, 2), (4, 3, 3), (5, 12, 4), (1, 9, 5), (3, 2, 6), (2, 5, 7))


@pytest.mark.exercise("batchnorm_forward")
class CheckBatchnormForward:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "mu and var over the examples of each unit: np.mean(..., axis=1, keepdims=True), var divided by m"
    )
    @given(batch=batches(bn_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(
            student.batchnorm_forward,
            ref.batchnorm_forward,
            batch,
            "",
            compare=compare_batchnorm,
            mistakes=mistakes.BATCHNORM_FORWARD,
        )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "normalize each row (unit) over its m examples: mean 0 and variance 1 over axis=1, "
        "with the variance divided by m"
    )
    @given(batch=batches(bn_cases(epsilon=0.0, unit_gamma=True)))
    def check_each_unit_is_normalized_over_the_batch(self, student, batch):
        for case, outcome in zip(batch, outcomes(student.batchnorm_forward, batch), strict=True):
            with on(f"{case.description}, gamma = 1, beta = 0"):
                Z_tilde = expect_parts(unwrap(outcome), ("Z_tilde", "cache"))[0]
                expect_floats(Z_tilde, case.args[0].shape, "Z_tilde")
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

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "Z_tilde = gamma * Z_norm + beta: row i gets mean beta[i] and standard deviation |gamma[i]|"
    )
    @given(batch=batches(bn_cases(epsilon=0.0)))
    def check_gamma_and_beta_set_each_row_scale_and_shift(self, student, batch):
        for case, got in judged(student.batchnorm_forward, batch):
            with on(case.description):
                _, gamma, beta, _ = case.args
                Z_tilde = expect_parts(got, ("Z_tilde", "cache"))[0]
                expect_floats(Z_tilde, case.args[0].shape, "Z_tilde")
                expect_same(
                    Z_tilde.mean(axis=1, keepdims=True), beta, "the mean of each row of Z_tilde (beta)"
                )
                expect_same(
                    Z_tilde.std(axis=1, keepdims=True),
                    np.abs(gamma),
                    "the standard deviation of each row of Z_tilde (|gamma|)",
                )

    @pytest.mark.points(3)
    @pytest.mark.hint("epsilon goes inside the square root: (Z - mu) / np.sqrt(var + epsilon)")
    def check_epsilon_inside_square_root(self, student):
        calls = [bn_case(n, m, seed, epsilon=0.5) for n, m, seed in FIXED_SHAPES]
        expect_like_reference(
            student.batchnorm_forward,
            ref.batchnorm_forward,
            calls,
            "",
            compare=compare_batchnorm,
            mistakes=mistakes.BATCHNORM_FORWARD,
        )


#: Inputs of the gradient checks: (n, m, seed, epsilon).
GRADIENT_SHAPES = ((1, 2, 0, 1e-8), (3, 4, 1, 1e-8), (2, 7, 2, 0.1), (4, 3, 3, 1e-3), (2, 10, 4, 1e-8))


@functools.cache
def batchnorm_gradient_cases() -> tuple[tuple[Case, tuple], ...]:
    """Cases ``(dZ_tilde, cache)`` and the numerical ``(dZ, dgamma, dbeta)`` of
    :math:`L = \\sum dZ_{tilde} \\odot \\tilde Z` through the reference forward pass."""
    out = []
    for n, m, seed, epsilon in GRADIENT_SHAPES:
        Z, gamma, beta = make_units(n, m, seed)
        gamma[0] = -abs(gamma[0])  # a negative scale too
        G = np.random.default_rng(seed + 100).standard_normal((n, m))  # dZ_tilde

        def loss(Z=Z, gamma=gamma, beta=beta, G=G, epsilon=epsilon) -> float:
            return float(np.sum(G * ref.batchnorm_forward(Z, gamma, beta, epsilon)[0]))

        numerical = (
            numerical_gradient(lambda x: loss(Z=x), Z, STEP),
            numerical_gradient(lambda x: loss(gamma=x), gamma, STEP),
            numerical_gradient(lambda x: loss(beta=x), beta, STEP),
        )
        cache = ref.batchnorm_forward(Z, gamma, beta, epsilon)[1]
        described = (
            f"Z of shape {(n, m)}, epsilon={epsilon:g}, dZ_tilde random (cache from the reference forward)"
        )
        out.append((Case((G, cache), described), numerical))
    return tuple(out)


def backward_case(case: Case, seed: int) -> Case:
    """``(dZ_tilde, cache)`` with the cache of the reference forward pass on ``case``."""
    Z, gamma, beta, epsilon = case.args
    G = np.random.default_rng(seed).standard_normal(Z.shape)
    return Case(
        (G, ref.batchnorm_forward(Z, gamma, beta, epsilon)[1]), f"{case.description}, dZ_tilde random"
    )


def backward_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        return backward_case(sample_bn_case(rng), sample_seed(rng))

    return Sampled(sample)


BACKWARD_NAMES = ("dZ", "dgamma", "dbeta")


@pytest.mark.exercise("batchnorm_backward")
class CheckBatchnormBackward:
    @pytest.mark.points(5)
    @pytest.mark.hint(
        "dZ = (m dZ_norm - sum(dZ_norm) - Z_norm sum(dZ_norm Z_norm)) / (m sqrt(var + epsilon)) "
        "with dZ_norm = gamma dZ_tilde, sums over axis=1"
    )
    def check_matches_numerical_gradients(self, student):
        cases = batchnorm_gradient_cases()
        calls = [case for case, _ in cases]
        for (case, numerical), outcome in zip(
            cases, outcomes(student.batchnorm_backward, calls), strict=True
        ):
            with on(f"{case.description}; expected: central differences, step {STEP:g}"):
                got = unwrap(outcome)
                try:
                    named(*BACKWARD_NAMES)(got, numerical, "", NUMERICAL)
                except CheckFailed as failure:
                    raise recognised(
                        failure,
                        got,
                        case.args,
                        mistakes.BATCHNORM_BACKWARD,
                        named(*BACKWARD_NAMES),
                        "",
                        NUMERICAL,
                    ) from None

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "dbeta = sum(dZ_tilde), dgamma = sum(dZ_tilde * Z_norm) over the examples (axis=1, keepdims)"
    )
    @given(batch=batches(backward_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(
            student.batchnorm_backward,
            ref.batchnorm_backward,
            batch,
            "",
            compare=named(*BACKWARD_NAMES),
            mistakes=mistakes.BATCHNORM_BACKWARD,
        )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "mu and var depend on every z: shifting or scaling a row of Z changes nothing downstream, "
        "so each row of dZ sums to 0 and is orthogonal to Z_norm"
    )
    @pytest.mark.needs("check_matches_numerical_gradients")  # a zero dZ has it
    def check_rows_of_dZ_sum_to_zero(self, student):
        calls = [backward_case(bn_case(n, m, seed, epsilon=0.0), seed) for n, m, seed in FIXED_SHAPES]
        for case, got in judged(student.batchnorm_backward, calls):
            with on(case.description):
                G, (Z, Z_norm, _, var, gamma, epsilon) = case.args
                dZ = expect_parts(got, BACKWARD_NAMES)[0]
                expect_floats(dZ, Z.shape, "dZ")
                scale = np.abs(gamma * G).sum(axis=1, keepdims=True) / np.sqrt(
                    var + epsilon
                )  # size of the terms
                zeros = np.zeros((len(Z), 1))
                expect_same(
                    dZ.sum(axis=1, keepdims=True) / scale,
                    zeros,
                    "each row sum of dZ (relative)",
                    Tolerance(0, 1e-9),
                )
                expect_same(
                    (dZ * Z_norm).sum(axis=1, keepdims=True) / scale,
                    zeros,
                    "each row of dZ * Z_norm summed (relative)",
                    Tolerance(0, 1e-9),
                )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "sum over the examples, do not average: dbeta = np.sum(dZ_tilde, axis=1, keepdims=True), "
        "dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)"
    )
    def check_dgamma_and_dbeta_sum_over_the_examples(self, student):
        calls = []
        for n, m, seed in ((2, 5, 7), (3, 8, 8), (1, 3, 9)):
            Z, gamma, beta = make_units(n, m, seed)
            cache = ref.batchnorm_forward(Z, gamma, beta)[1]
            calls += [
                Case((np.ones((n, m)), cache), f"Z of shape {(n, m)}, dZ_tilde all ones"),
                Case((cache[1].copy(), cache), f"Z of shape {(n, m)}, dZ_tilde = Z_norm"),
            ]
        for case, got in judged(student.batchnorm_backward, calls):
            with on(case.description):
                G, (Z, Z_norm, *_) = case.args
                _, dgamma, dbeta = expect_parts(got, BACKWARD_NAMES)
                expect_same(
                    dbeta, G.sum(axis=1, keepdims=True), "dbeta (the sum of dZ_tilde over the examples)"
                )
                expect_same(
                    dgamma,
                    (G * Z_norm).sum(axis=1, keepdims=True),
                    "dgamma (the sum of dZ_tilde * Z_norm over the examples)",
                )


def running_cases(momenta: Values = (0.5, 0.9, 0.99)) -> Sampled[Case]:
    """``(running_mean, running_var, mu, var, momentum)`` for 1..6 units, values in [0.1, 5)."""

    def sample(rng: np.random.Generator) -> Case:
        n, seed, momentum = int(rng.integers(1, 7)), sample_seed(rng), sample_value(rng, momenta)
        return Case(
            tuple(np.random.default_rng(seed).uniform(0.1, 5, (4, n, 1))) + (momentum,),
            f"{n} units, momentum={momentum}",
        )

    return Sampled(sample)


@pytest.mark.exercise("update_running_averages")
class CheckUpdateRunningAverages:
    @pytest.mark.points(4)
    @pytest.mark.hint(
        "running = momentum * running + (1 - momentum) * batch statistic, for the mean and the variance"
    )
    @given(batch=batches(running_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(
            student.update_running_averages,
            ref.update_running_averages,
            batch,
            "",
            compare=named("running_mean", "running_var"),
            mistakes=mistakes.UPDATE_RUNNING_AVERAGES,
        )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "return the updated averages: the next batch starts from them; the past keeps weight momentum"
    )
    def check_several_batches(self, student):
        rng = np.random.default_rng(3)
        stats = rng.uniform(0.5, 4, (6, 2, 3, 1))  # 6 batches of (mu, var) for 3 units
        got = expected = (np.zeros((3, 1)), np.ones((3, 1)))
        for t, (mu, var) in enumerate(stats, start=1):
            with on(f"6 successive batches with momentum 0.9, from zeros and ones, batch {t}"):
                got = expect_parts(
                    student.update_running_averages(*got, mu, var, 0.9), ("running_mean", "running_var")
                )
                expected = ref.update_running_averages(*expected, mu, var, 0.9)
                named("running_mean", "running_var")(got, expected, "", REFERENCE)


def inference_cases(epsilon: float = 1e-8) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        n, m, seed = int(rng.integers(1, 6)), int(rng.integers(2, 9)), sample_seed(rng)
        Z, gamma, beta = make_units(n, m, seed)
        running = np.random.default_rng(seed + 1)
        running_mean, running_var = running.uniform(-5, 5, (n, 1)), running.uniform(0.05, 4, (n, 1))
        return Case(
            (Z, gamma, beta, running_mean, running_var, epsilon), f"Z of shape {(n, m)}, epsilon={epsilon:g}"
        )

    return Sampled(sample)  # m = 1: check_one_example_at_a_time


@pytest.mark.exercise("batchnorm_forward_test")
class CheckBatchnormForwardTest:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon), then gamma * Z_norm + beta"
    )
    @given(batch=batches(inference_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(
            student.batchnorm_forward_test,
            ref.batchnorm_forward_test,
            batch,
            "Z_tilde",
            mistakes=mistakes.BATCHNORM_FORWARD_TEST,
        )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "at test time each example is normalized with the running averages, "
        "not with the statistics of the batch: a single example must work"
    )
    def check_one_example_at_a_time(self, student):
        Z, gamma, beta = make_units(3, 5, seed=11)
        running_mean, running_var = np.array([[1.0], [-2.0], [0.5]]), np.array([[2.0], [0.5], [1.0]])
        calls = [
            Case((Z[:, j : j + 1], gamma, beta, running_mean, running_var), f"column {j} of Z alone")
            for j in range(5)
        ]
        calls.append(Case((Z, gamma, beta, running_mean, running_var), "the 5 columns together"))
        expect_like_reference(
            student.batchnorm_forward_test,
            ref.batchnorm_forward_test,
            calls,
            "Z_tilde",
            mistakes=mistakes.BATCHNORM_FORWARD_TEST,
        )

    @pytest.mark.points(2)
    @pytest.mark.hint("epsilon goes inside the square root: np.sqrt(running_var + epsilon)")
    def check_epsilon_inside_square_root(self, student):
        calls = []
        for seed in range(4):
            Z, gamma, beta = make_units(2, 4, seed)
            running_var = np.array([[0.01], [0.3]])
            calls.append(
                Case(
                    (Z, gamma, beta, Z.mean(axis=1, keepdims=True), running_var, 0.5),
                    f"Z of shape (2, 4), running_var={running_var.ravel().tolist()}, epsilon=0.5",
                )
            )
        expect_like_reference(
            student.batchnorm_forward_test,
            ref.batchnorm_forward_test,
            calls,
            "Z_tilde",
            mistakes=mistakes.BATCHNORM_FORWARD_TEST,
        )


# --------------------------------------------------------------------------- a layer without bias


def linear_case(n_prev: int, n: int, m: int, seed: int, with_bias: bool = False) -> Case:
    """``(A_prev, W, gamma, beta, epsilon)``; ``with_bias``: a row of ones in A_prev and a column
    b in W, so that ``W_b A_ones = W A_prev + b``."""
    rng = np.random.default_rng(seed)
    A_prev, W = (
        rng.standard_normal((n_prev, m)) + rng.uniform(-2, 2, (n_prev, 1)),
        rng.standard_normal((n, n_prev)),
    )
    _, gamma, beta = make_units(n, 1, seed)
    described = f"A_prev of shape {(n_prev, m)}, W of shape {(n, n_prev)}"
    if not with_bias:
        return Case((A_prev, W, gamma, beta, 1e-8), described)
    b = rng.uniform(-10, 10, (n, 1))
    A_ones, W_b = np.vstack([A_prev, np.ones((1, m))]), np.hstack([W, b])
    return Case(
        (A_ones, W_b, gamma, beta, 1e-8),
        f"{described} and a bias b={np.round(b.ravel(), 2).tolist()} added to Z: A_prev gets a row "
        "of ones, W the column b",
    )


def linear_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        n_prev, n, m = (int(v) for v in (rng.integers(1, 5), rng.integers(1, 5), rng.integers(2, 11)))
        return linear_case(n_prev, n, m, sample_seed(rng))

    return Sampled(sample)


def expect_linear(
    student, batch: list[Case], expected_of: Callable[[Case], tuple], compare_cache: bool
) -> None:
    """Each result must be ``expected_of(case)`` (its ``batchnorm_forward`` is the reference's)."""
    for case, got in judged(student.linear_batchnorm_forward, batch):
        with on(case.description):
            Z_tilde, cache = expect_parts(got, ("Z_tilde", "cache"))
            expected = expected_of(case)
            expect_same(Z_tilde, expected[0], "Z_tilde")
            if compare_cache:
                named("cache: A_prev", "cache: W", "cache: bn_cache")(cache, expected[1], "", REFERENCE)


@pytest.mark.exercise("linear_batchnorm_forward")
class CheckLinearBatchnormForward:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "Z = np.dot(W, A_prev) with no bias, then "
        "Z_tilde, bn_cache = batchnorm_forward(Z, gamma, beta, epsilon)"
    )
    @given(batch=batches(linear_cases()))
    def check_is_batchnorm_of_W_A_prev(self, student, batch):
        expect_linear(
            student, batch, lambda case: ref.linear_batchnorm_forward(*fresh(case.args)), compare_cache=True
        )

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "batch norm subtracts the mean of each row of Z = W A_prev, which cancels any bias b: "
        "normalize Z itself, with its mean over the examples"
    )
    def check_a_bias_before_batch_norm_changes_nothing(self, student):
        calls = [
            linear_case(n_prev, n, m, seed, with_bias=True)
            for n_prev, n, m, seed in ((1, 1, 2, 0), (3, 2, 5, 1), (2, 4, 8, 2), (4, 3, 3, 3), (2, 2, 10, 4))
        ]

        def without_bias(case: Case) -> tuple:
            A_ones, W_b, gamma, beta, epsilon = case.args
            return ref.linear_batchnorm_forward(A_ones[:-1], W_b[:, :-1], gamma, beta, epsilon)

        expect_linear(student, calls, without_bias, compare_cache=False)


# --------------------------------------------------------------------------- softmax


def logits(C: int, m: int, seed: int, scale: float = 3.0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, scale, (C, m))


def one_hot(C: int, m: int, seed: int) -> np.ndarray:
    return np.eye(C)[:, np.random.default_rng(seed + 1).integers(0, C, m)]  # (C, m)


def logit_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        C, m, seed = int(rng.integers(1, 7)), int(rng.integers(1, 9)), sample_seed(rng)
        return Case((logits(C, m, seed),), f"Z of shape {(C, m)}")

    return Sampled(sample)


def probability_cases() -> Sampled[Case]:
    """``(Y_hat, Y)``: a softmax output and one-hot labels."""

    def sample(rng: np.random.Generator) -> Case:
        C, m, seed = int(rng.integers(2, 7)), int(rng.integers(1, 9)), sample_seed(rng)
        return Case((ref.softmax(logits(C, m, seed)), one_hot(C, m, seed)), f"Y_hat, Y of shape {(C, m)}")

    return Sampled(sample)


#: Columns that overflow np.exp without the max subtraction: (C, m) = (3, 4).
HUGE_LOGITS = np.array(
    [[1000.0, -1000.0, 710.0, 0.0], [999.0, -1001.0, 700.0, 800.0], [0.0, -1000.0, -710.0, 1.0]]
)


@pytest.mark.exercise("softmax")
class CheckSoftmax:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "A = exp(Z - max) / sum(exp(Z - max)), max and sum over the classes of each column (axis=0)"
    )
    @given(batch=batches(logit_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(student.softmax, ref.softmax, batch, "A", mistakes=mistakes.SOFTMAX)

    @pytest.mark.points(2)
    @pytest.mark.hint("each column holds one example's class probabilities: positive, summing to 1 (axis=0)")
    @given(batch=batches(logit_cases()))
    def check_columns_are_probabilities(self, student, batch):
        for case, got in judged(student.softmax, batch):
            with on(case.description):
                (Z,) = case.args
                A = got
                expect_floats(A, Z.shape, "A")
                if not (A >= 0).all():
                    fail(f"A has a negative entry: {A.min():.6g}")
                expect_same(
                    A.sum(axis=0), np.ones(Z.shape[1]), "the sum of each column of A", Tolerance(0, 1e-12)
                )

    @pytest.mark.points(3)
    @pytest.mark.hint("subtract each column's maximum before np.exp: np.exp(1000) overflows to inf")
    def check_huge_logits_do_not_overflow(self, student):
        calls = [
            Case((HUGE_LOGITS,), f"Z = {HUGE_LOGITS.tolist()}"),
            Case((HUGE_LOGITS[:, :1] * 2,), "a column of logits 2000, 1998 and 0"),
            Case((np.full((4, 2), -1000.0),), "Z full of -1000 (every class equally likely)"),
        ]
        with np.errstate(over="ignore", invalid="ignore"):
            expect_like_reference(student.softmax, ref.softmax, calls, "A", mistakes=mistakes.SOFTMAX)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "softmax(Z + c) = softmax(Z) for a constant c per column: subtract the column's max (axis=0)"
    )
    def check_adding_a_constant_to_a_column_changes_nothing(self, student):
        shifted = []
        for (C, m, seed), shift in zip(
            ((1, 1, 0), (3, 4, 1), (2, 6, 2), (5, 3, 3), (4, 8, 4)),
            (50.0, 900.0, -800.0, 400.0, 1000.0),
            strict=True,
        ):
            Z = logits(C, m, seed)
            c = shift * np.linspace(1, 0.5, m)  # (m,): a different constant per column
            shifted.append(
                Case((Z + c,), f"Z of shape {(C, m)} plus {np.round(c, 1).tolist()} added to the columns")
            )
        with np.errstate(over="ignore", invalid="ignore"):
            for case, got in judged(student.softmax, shifted):
                with on(case.description):
                    expect_same(got, ref.softmax(case.args[0]), "A (the softmax of the unshifted Z)")

    @pytest.mark.points(1)
    @pytest.mark.hint("with two classes, softmax([z, 0]) is [sigmoid(z), 1 - sigmoid(z)] column by column")
    def check_two_classes_give_the_sigmoid(self, student):
        z = np.array([-4.0, -1.0, 0.0, 0.5, 2.0, 6.0])
        Z = np.vstack([z, np.zeros_like(z)])
        with on(f"Z = [z, 0] with z = {z.tolist()}"):
            A = student.softmax(Z)
            expect_floats(A, Z.shape, "A")
            sigmoid = 1 / (1 + np.exp(-z))
            expect_same(A, np.vstack([sigmoid, 1 - sigmoid]), "A (rows sigmoid(z) and 1 - sigmoid(z))")


@pytest.mark.exercise("compute_softmax_cost")
class CheckComputeSoftmaxCost:
    @pytest.mark.points(4)
    @pytest.mark.hint("cost = -np.sum(Y * np.log(Y_hat)) / m, a float")
    @given(batch=batches(probability_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(
            student.compute_softmax_cost,
            ref.compute_softmax_cost,
            batch,
            "cost",
            mistakes=mistakes.COMPUTE_SOFTMAX_COST,
        )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "with two classes the cost is the logistic one, -mean(y log a + (1 - y) log(1 - a)): "
        "sum -Y log(Y_hat) over the classes only"
    )
    def check_two_classes_give_the_logistic_cost(self, student):
        a, y = np.array([0.9, 0.2, 0.6, 0.01, 0.5]), np.array([1.0, 0.0, 1.0, 0.0, 1.0])
        with on(f"Y_hat = [a, 1 - a], Y = [y, 1 - y] with a = {a.tolist()}, y = {y.tolist()}"):
            got = student.compute_softmax_cost(np.vstack([a, 1 - a]), np.vstack([y, 1 - y]))
            expect_same(
                got, float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))), "cost (the logistic cost)"
            )

    @pytest.mark.points(1)
    @pytest.mark.hint("the cost is a mean over the examples: divide the sum by m")
    @pytest.mark.needs("check_matches_reference")  # a constant cost has it
    def check_repeating_the_examples_changes_nothing(self, student):
        calls = []
        for C, m, seed in ((3, 4, 0), (5, 2, 1)):
            Y_hat, Y = ref.softmax(logits(C, m, seed)), one_hot(C, m, seed)
            calls += [
                Case((Y_hat, Y), f"Y_hat, Y of shape {(C, m)}"),
                Case((np.hstack([Y_hat] * 3), np.hstack([Y] * 3)), f"the same {m} examples three times"),
            ]
        values = outcomes(student.compute_softmax_cost, calls)
        for i in range(0, len(calls), 2):
            with on(calls[i + 1].description):
                once, thrice = unwrap(values[i]), unwrap(values[i + 1])
                if not isinstance(once, numbers.Real):
                    fail(f"cost: expected a number, got {kind(once)}")
                expect_same(thrice, float(once), f"cost (it is {float(once):.6g} on the examples once)")


@functools.cache
def softmax_gradient_cases() -> tuple[tuple[Case, np.ndarray], ...]:
    r"""Cases ``(Y_hat, Y)`` and the numerical :math:`\partial (m J) / \partial Z` through the
    reference softmax and cost."""
    out = []
    for C, m, seed in ((2, 1, 0), (3, 4, 1), (5, 3, 2), (4, 6, 3)):
        Z, Y = logits(C, m, seed, scale=2.0), one_hot(C, m, seed)

        def m_J(x: np.ndarray, Y: np.ndarray = Y, m: int = m) -> float:
            return m * ref.compute_softmax_cost(ref.softmax(x), Y)

        numerical = numerical_gradient(m_J, Z, STEP)
        described = (
            f"Y_hat = softmax(Z), Y of shape {(C, m)}; expected: central differences of m J, step {STEP:g}"
        )
        out.append((Case((ref.softmax(Z), Y), described), numerical))
    return tuple(out)


@pytest.mark.exercise("softmax_backward")
class CheckSoftmaxBackward:
    @pytest.mark.points(4)
    @pytest.mark.hint("dZ = Y_hat - Y: the gradient of m J, one column per example, no 1/m")
    def check_matches_numerical_gradient(self, student):
        cases = softmax_gradient_cases()
        for (case, numerical), outcome in zip(
            cases, outcomes(student.softmax_backward, [c for c, _ in cases]), strict=True
        ):
            with on(case.description):
                got = unwrap(outcome)
                try:
                    expect_same(got, numerical, "dZ", NUMERICAL)
                except CheckFailed as failure:
                    raise recognised(
                        failure, got, case.args, mistakes.SOFTMAX_BACKWARD, expect_same, "dZ", NUMERICAL
                    ) from None

    @pytest.mark.points(2)
    @pytest.mark.hint("dZ = Y_hat - Y")
    @given(batch=batches(probability_cases()))
    def check_matches_reference(self, student, batch):
        expect_like_reference(
            student.softmax_backward, ref.softmax_backward, batch, "dZ", mistakes=mistakes.SOFTMAX_BACKWARD
        )

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "the columns of Y_hat and of Y both sum to 1, so each column of dZ = Y_hat - Y sums to 0"
    )
    @pytest.mark.needs("check_matches_numerical_gradient")  # a zero dZ has it
    def check_columns_of_dZ_sum_to_zero(self, student):
        calls = [case for case, _ in softmax_gradient_cases()]
        for case, outcome in zip(calls, outcomes(student.softmax_backward, calls), strict=True):
            with on(case.description.split(";")[0]):
                dZ = unwrap(outcome)
                expect_floats(dZ, case.args[0].shape, "dZ")
                expect_same(
                    dZ.sum(axis=0), np.zeros(dZ.shape[1]), "the sum of each column of dZ", Tolerance(0, 1e-12)
                )

    @pytest.mark.points(1)
    @pytest.mark.hint("with two classes, row 0 of dZ is logistic regression's dz = a - y")
    def check_two_classes_give_logistic_regression(self, student):
        a, y = np.array([0.9, 0.2, 0.6, 0.5]), np.array([1.0, 0.0, 0.0, 1.0])
        with on(f"Y_hat = [a, 1 - a], Y = [y, 1 - y] with a = {a.tolist()}, y = {y.tolist()}"):
            dZ = student.softmax_backward(np.vstack([a, 1 - a]), np.vstack([y, 1 - y]))
            expect_floats(dZ, (2, 4), "dZ")
            expect_same(dZ[0], a - y, "dZ[0] (logistic regression's a - y)")


# --------------------------------------------------------------------------- the classifier


LAYERS = (2, 8, 3)


def blobs(m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs (std 1) centred 3 apart around (4, -3): X (2, m), Y one-hot (3, m)."""
    rng = np.random.default_rng(seed)
    labels = np.arange(m) % 3
    angles = 2 * np.pi * labels / 3
    centres = np.stack([4 + 3 * np.cos(angles), -3 + 3 * np.sin(angles)])  # (2, m)
    return centres + rng.standard_normal((2, m)), np.eye(3)[:, labels]


@functools.cache
def classifier_data() -> tuple[tuple[Case, np.ndarray, np.ndarray], ...]:
    """Training calls ``(X, Y, layers_dims, seed, *TRAINING)`` and their held-out test sets (X, labels)."""
    out = []
    for seed in (0, 1, 2):
        X, Y = blobs(240, seed)
        X_test, Y_test = blobs(300, seed + 1000)
        out.append((training_case(X, Y, seed), X_test, Y_test.argmax(axis=0)))
    return tuple(out)


def training_case(X: np.ndarray, Y: np.ndarray, seed: int, num_epochs: int = TRAINING[1]) -> Case:
    learning_rate, _, mini_batch_size = TRAINING
    return Case(
        (X, Y, list(LAYERS), seed, learning_rate, num_epochs, mini_batch_size),
        f"three Gaussian blobs, X of shape {X.shape}, layers_dims={list(LAYERS)}, rng=seed {seed}, "
        f"learning_rate={learning_rate}, num_epochs={num_epochs}, mini_batch_size={mini_batch_size}",
    )


def expect_returned(got: object) -> tuple[dict, dict]:
    """``(parameters, running)``: two dicts with every key of
    :func:`reference.tuning.initialize_bn_network`."""
    parameters, running = expect_parts(got, ("parameters", "running"))
    for name, value, expected in zip(
        ("parameters", "running"), (parameters, running), initial_model(), strict=True
    ):
        expect_keys(value, expected, name)
    return parameters, running


def expect_arrays(parameters: dict, running: dict) -> None:
    """Every array float, finite and shaped as at initialization."""
    for name, value, expected in zip(
        ("parameters", "running"), (parameters, running), initial_model(), strict=True
    ):
        for key, array in expected.items():
            expect_floats(value[key], array.shape, f"{name}[{key!r}]")
            if not np.isfinite(value[key]).all():
                fail(f"{name}[{key!r}] is not finite")


@functools.cache
def initial_model() -> tuple[dict, dict]:
    return ref.initialize_bn_network(list(LAYERS), np.random.default_rng(0))


def trained_models(student, cases: Sequence[Case]) -> list[tuple[dict, dict]]:
    """The validated ``(parameters, running)`` of each call (its blocks are the reference's)."""
    models = []
    for case, got in judged(student.train_softmax_classifier, cases):
        with on(case.description):
            model = expect_returned(got)
            expect_arrays(*model)
            models.append(model)
    return models


@pytest.mark.exercise("train_softmax_classifier")
class CheckTrainSoftmaxClassifier:
    @pytest.mark.points(7)
    @pytest.mark.hint(
        "every mini-batch: forward_bn_network, backward_bn_network, update_running_averages for "
        "each layer (mu and var are in its bn_cache), then adam_update; prediction uses the running "
        "averages"
    )
    def check_reaches_test_accuracy(self, student):
        data = classifier_data()
        for (case, X_test, labels), model in zip(
            data, trained_models(student, [c for c, _, _ in data]), strict=True
        ):
            with on(case.description):
                with np.errstate(all="ignore"):
                    accuracy = float(np.mean(ref.predict_bn_network(X_test, *model) == labels))
                if accuracy < ACCURACY:
                    fail(
                        f"the test accuracy (300 new points, predict_bn_network with your parameters and "
                        f"running averages) is {accuracy:.1%}, below {ACCURACY:.0%}"
                    )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "return (parameters, running): W, gamma, beta and running_mean, running_var for every layer"
    )
    @pytest.mark.needs("check_reaches_test_accuracy")  # the initial model has every key
    def check_returns_parameters_and_running_averages(self, student):
        X, Y, _, seed, *_ = classifier_data()[0][0].args
        trained_models(student, [training_case(X, Y, seed, num_epochs=1)])

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "draw everything from the rng passed in (rng.permutation(m) for the shuffle), "
        "never from np.random.*: the same seed must give the same model"
    )
    @pytest.mark.needs("check_reaches_test_accuracy")  # the untrained model of the rng has it
    def check_same_seed_same_model(self, student):
        X, Y, _, seed, *_ = classifier_data()[0][0].args
        calls = [training_case(X, Y, s, num_epochs=1) for s in (seed, seed, seed + 1)]
        first, again, other = trained_models(student, calls)
        with on(f"{calls[0].description}, trained twice"):
            try:
                expect_same(again, first, "the second model", Tolerance(0, 0))
            except CheckFailed as failure:
                fail(f"the same seed gave another model: {failure}")
        with on(f"the same data trained with rng=seed {seed} and rng=seed {seed + 1}"):
            if all(np.array_equal(first[0][key], other[0][key]) for key in first[0]):
                fail("two different seeds gave exactly the same parameters: use the rng passed in")
