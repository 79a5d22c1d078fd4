r"""Checks for the week 1 extras: Xavier and Glorot initialization, input normalization,
a seeded train/dev/test split, and the bias/variance diagnosis.

The initializations are free to draw their numbers in any order, so they are judged
statistically, on layers of 8,000 to 50,000 weights, by the tests of :mod:`grader.judge.statistics`
(derived there): per layer, the sample mean of the weights must lie within
:func:`~grader.judge.statistics.mean_bound` standard deviations of 0, and their mean square in the
Chernoff band :func:`~grader.judge.statistics.chi_square_band` of the target variance
:math:`\sigma^2`.  Each holds for normal and uniform draws of that variance, and a right
implementation fails each with probability at most :data:`~grader.judge.statistics.FALSE_FAILURE`
= 1e-9; for 8,000 weights the band is about -10% / +11%.  The layer sizes alternate wide and
narrow, so Xavier's and Glorot's variances differ by at least a third on every layer.

The split is judged by its properties (a partition that keeps pairs, the documented sizes,
reproducible for a seed, dependent on it), not by the reference's permutation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import week1_extras_mistakes as mistakes
from grader.judge.compare import expect_array, expect_keys, expect_parts, fail, kind, on
from grader.judge.judging import expect_like_reference, judged, outcomes, unwrap
from grader.judge.statistics import FALSE_FAILURE, chi_square_band, mean_bound, within_variance_band
from grader.judge.strategies import Case, Sampled, Values, batches, sample_float, sample_seed, sample_value
from reference import practical_aspects as ref

#: Normalized training data: mean 0 and variance 1 per feature, up to rounding.
STANDARD_ATOL = 1e-8
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


class InitializationChecks:
    """The three checks of an initialization; subclasses name the function and its variance."""

    function = ""

    @staticmethod
    def variance(n_in: int, n_out: int) -> float:
        raise NotImplementedError

    def _call(self, student, batch):
        return zip(batch, outcomes(getattr(student, self.function), batch), strict=True)

    def shapes(self, student, batch: list[Case]) -> None:
        for case, outcome in self._call(student, batch):
            with on(case.description):
                expect_initialization(unwrap(outcome), case.args[0])

    def statistics(self, student, batch: list[Case]) -> None:
        for case, outcome in self._call(student, batch):
            with on(case.description):
                dims = case.args[0]
                parameters = expect_initialization(unwrap(outcome), dims)
                for l in range(1, len(dims)):
                    judge_statistics(parameters[f"W{l}"], self.variance(dims[l - 1], dims[l]), f"W{l}",
                                     dims[l - 1], dims[l])  # fmt: skip

    def seeded(self, student, dims: list[int], seed: int) -> None:
        calls = [Case((dims, seed), ""), Case((dims, seed), ""), Case((dims, seed + 1), "")]
        with on(f"layers_dims={dims}, seed={seed} twice, then seed={seed + 1}"):
            first, again, other = (expect_initialization(unwrap(o), dims)
                                   for o in outcomes(getattr(student, self.function), calls))  # fmt: skip
            for key in first:
                if not np.array_equal(first[key], again[key]):
                    fail(
                        f"parameters[{key!r}] differs between two calls with the same seed: draw from "
                        "np.random.default_rng(seed), not from an unseeded generator"
                    )
            if all(np.array_equal(first[k], other[k]) for k in first if k.startswith("W")):
                fail(
                    f"seeds {seed} and {seed + 1} give the same weights: draw from np.random.default_rng(seed)"
                )


@pytest.mark.exercise("initialize_parameters_xavier")
class CheckXavier(InitializationChecks):
    function = "initialize_parameters_xavier"

    @staticmethod
    def variance(n_in: int, n_out: int) -> float:
        return 1 / n_in

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "for l = 1..L: W_l of shape (layers_dims[l], layers_dims[l-1]), b_l = np.zeros((layers_dims[l], 1))"
    )
    @given(batch=batches(init_cases(small_layer_dims)))
    def check_shapes_and_zero_biases(self, student, batch):
        self.shapes(student, batch)

    @pytest.mark.points(7)
    @pytest.mark.hint(
        "W_l = rng.standard_normal((n_l, n_{l-1})) * np.sqrt(1 / n_{l-1}): variance one over the fan-in"
    )
    @given(batch=batches(init_cases(large_layer_dims), size=INIT_BATCH))
    def check_variance_one_over_fan_in(self, student, batch):
        self.statistics(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("draw with rng = np.random.default_rng(seed): the same seed gives the same weights")
    @given(dims=st.lists(st.integers(2, 6), min_size=2, max_size=4), seed=st.integers(0, 10**6))
    def check_reproducible_for_a_seed(self, student, dims, seed):
        self.seeded(student, dims, seed)


@pytest.mark.exercise("initialize_parameters_glorot")
class CheckGlorot(InitializationChecks):
    function = "initialize_parameters_glorot"

    @staticmethod
    def variance(n_in: int, n_out: int) -> float:
        return 2 / (n_in + n_out)

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "for l = 1..L: W_l of shape (layers_dims[l], layers_dims[l-1]), b_l = np.zeros((layers_dims[l], 1))"
    )
    @given(batch=batches(init_cases(small_layer_dims)))
    def check_shapes_and_zero_biases(self, student, batch):
        self.shapes(student, batch)

    @pytest.mark.points(7)
    @pytest.mark.hint("W_l = rng.standard_normal((n_l, n_{l-1})) * np.sqrt(2 / (n_{l-1} + n_l)): "
                      "fan-in plus fan-out")  # fmt: skip
    @given(batch=batches(init_cases(large_layer_dims), size=INIT_BATCH))
    def check_variance_two_over_fan_in_plus_fan_out(self, student, batch):
        self.statistics(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("draw with rng = np.random.default_rng(seed): the same seed gives the same weights")
    @given(dims=st.lists(st.integers(2, 6), min_size=2, max_size=4), seed=st.integers(0, 10**6))
    def check_reproducible_for_a_seed(self, student, dims, seed):
        self.seeded(student, dims, seed)


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


#: The chance that a sampled float is each bound of its range (Hypothesis draws the bounds
#: often; numpy's uniform never would).
BOUND_CHANCE = 0.1


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


def expect_pair_of_columns(got: object, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(mu, sigma2)`` (:func:`~grader.judge.compare.expect_parts`), each a float array of shape ``(n, 1)``."""
    mu, sigma2 = expect_parts(got, ("mu", "sigma2"))
    return expect_float_array(mu, (n, 1), "mu"), expect_float_array(sigma2, (n, 1), "sigma2")


@pytest.mark.exercise("fit_normalizer")
class CheckFitNormalizer:
    @pytest.mark.points(8)
    @pytest.mark.hint("mu = np.mean(X_train, axis=1, keepdims=True); sigma2 = np.mean((X_train - mu) ** 2, "
                      "axis=1, keepdims=True): over the examples (columns), divided by m")  # fmt: skip
    @given(batch=batches(train_cases()))
    def check_mean_and_variance(self, student, batch):
        expect_like_reference(
            student.fit_normalizer,
            ref.fit_normalizer,
            batch,
            "(mu, sigma2)",
            mistakes=mistakes.FIT_NORMALIZER,
        )

    @pytest.mark.points(7)
    @pytest.mark.hint("with your mu and sigma2, (X_train - mu) / sqrt(sigma2) must have mean 0 and variance 1 "
                      "in every row (feature)")  # fmt: skip
    @given(batch=batches(train_cases()))
    def check_train_becomes_standard(self, student, batch):
        for case, got in judged(student.fit_normalizer, batch):
            with on(case.description):
                (X,) = case.args
                mu, sigma2 = expect_pair_of_columns(got, X.shape[0])
                with np.errstate(all="ignore"):
                    Z = (X - mu) / np.sqrt(sigma2)
                means, variances = Z.mean(axis=1), Z.var(axis=1)
                worst = int(np.argmax(np.abs(means) + np.abs(variances - 1)))
                if not (
                    np.all(np.abs(means) <= STANDARD_ATOL) and np.all(np.abs(variances - 1) <= STANDARD_ATOL)
                ):
                    fail(f"feature {worst} normalized with your mu, sigma2 has mean {means[worst]:.6g} and variance "
                         f"{variances[worst]:.6g}, expected 0 and 1")  # fmt: skip


@pytest.mark.exercise("normalize")
class CheckNormalize:
    @pytest.mark.points(6)
    @pytest.mark.hint("X_norm = (X - mu) / np.sqrt(sigma2 + epsilon), broadcast over the columns")
    @given(batch=batches(normalize_cases(dev=False, epsilons=(1e-8,))))
    def check_training_set(self, student, batch):
        expect_like_reference(student.normalize, ref.normalize, batch, "X_norm", mistakes=mistakes.NORMALIZE)

    @pytest.mark.points(8)
    @pytest.mark.hint("normalize the dev and test sets with the TRAINING set's mu and sigma2 (the arguments), "
                      "never with their own statistics")  # fmt: skip
    @given(batch=batches(normalize_cases(dev=True, epsilons=(1e-8,))))
    def check_dev_set_uses_training_statistics(self, student, batch):
        expect_like_reference(student.normalize, ref.normalize, batch, "X_norm", mistakes=mistakes.NORMALIZE)

    @pytest.mark.points(6)
    @pytest.mark.hint("epsilon goes inside the square root: np.sqrt(sigma2 + epsilon)")
    @given(batch=batches(normalize_cases(dev=True, epsilons=(0.01, 0.5, 2.0))))
    def check_epsilon_inside_square_root(self, student, batch):
        expect_like_reference(student.normalize, ref.normalize, batch, "X_norm", mistakes=mistakes.NORMALIZE)


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


def expect_split(got: object, case: Case) -> list[tuple[np.ndarray, np.ndarray]]:
    """``((X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test))`` with consistent shapes."""
    X, Y = case.args[:2]
    names = ("train", "dev", "test")
    sets = expect_parts(got, [f"(X_{name}, Y_{name})" for name in names])
    out = []
    for name, part in zip(names, sets, strict=True):
        Xs, Ys = expect_parts(part, (f"X_{name}", f"Y_{name}"), what=f"the {name} set")
        for label, array, rows in ((f"X_{name}", Xs, X.shape[0]), (f"Y_{name}", Ys, Y.shape[0])):
            if type(array) is not np.ndarray or array.ndim != 2 or array.shape[0] != rows:
                fail(f"{label} should have shape ({rows}, k), got {kind(array)}")
        if Xs.shape[1] != Ys.shape[1]:
            fail(f"X_{name} has {Xs.shape[1]} columns but Y_{name} has {Ys.shape[1]}")
        out.append((Xs, Ys))
    return out


def judged_splits(student, batch: list[Case]):
    for case, got in judged(student.split_dataset, batch):
        with on(case.description):
            yield case, expect_split(got, case)


def _columns(part: tuple[np.ndarray, np.ndarray]) -> list[int]:
    return [int(round(v)) for v in part[0][0]]


@pytest.mark.exercise("split_dataset")
class CheckSplitDataset:
    @pytest.mark.points(6)
    @pytest.mark.hint("shuffle X and Y with ONE permutation of the columns, then cut it in three: every column "
                      "in exactly one set")  # fmt: skip
    @given(batch=batches(split_cases()))
    def check_partition_keeps_pairs(self, student, batch):
        for case, parts in judged_splits(student, batch):
            with on(case.description):
                m = case.args[0].shape[1]
                columns = [c for part in parts for c in _columns(part)]
                if sorted(columns) != list(range(m)):
                    fail(f"the three sets hold {len(columns)} columns, not each of the {m} exactly once "
                         f"(sizes {[p[0].shape[1] for p in parts]})")  # fmt: skip
                for name, (Xs, Ys) in zip(("train", "dev", "test"), parts, strict=True):
                    if not np.array_equal(Ys[0], Xs[0] + 0.5):
                        j = int(np.argmax(Ys[0] != Xs[0] + 0.5))
                        fail(f"X_{name} and Y_{name} are no longer paired: column {j} holds X column "
                             f"{int(Xs[0][j])} with the Y of another column")  # fmt: skip

    @pytest.mark.points(5)
    @pytest.mark.hint("m_dev = floor(dev_fraction * m), m_test = floor(test_fraction * m) (rounded down), "
                      "and the training set gets the rest")  # fmt: skip
    @given(batch=batches(split_cases()))
    def check_sizes(self, student, batch):
        for case, parts in judged_splits(student, batch):
            with on(case.description):
                m, dev, test = case.args[0].shape[1], case.args[2], case.args[3]
                expected = mistakes.split_sizes(m, dev, test)
                got = tuple(p[0].shape[1] for p in parts)
                if got != expected:
                    rounded = (
                        " -- that is rounding to nearest"
                        if got == mistakes.split_sizes(m, dev, test, round)
                        else ""
                    )
                    fail(f"(m_train, m_dev, m_test) = {got}, expected {expected}{rounded}")

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "shuffle with np.random.default_rng(seed).permutation(m): the same seed must give the same split"
    )
    @pytest.mark.needs("check_partition_keeps_pairs")  # a constant split, the inputs handed back, has it
    @given(batch=batches(split_cases(min_m=2), size=5))
    def check_reproducible_for_a_seed(self, student, batch):
        twice = [c for case in batch for c in (case, case)]
        results = outcomes(student.split_dataset, twice)
        for i, case in enumerate(batch):
            with on(f"{case.description}, called twice"):
                first, again = (
                    expect_split(unwrap(results[2 * i]), case),
                    expect_split(unwrap(results[2 * i + 1]), case),
                )
                for name, a, b in zip(("train", "dev", "test"), first, again, strict=True):
                    if not (np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])):
                        fail(f"the {name} set differs between two calls with the same seed: draw the "
                             "permutation from np.random.default_rng(seed)")  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "shuffle the columns before cutting: which examples land in dev and test must depend on the seed"
    )
    @given(batch=batches(split_cases(min_m=20, fractions=(0.1, 0.2, 0.25, 0.3)), size=5))
    def check_shuffles_with_the_seed(self, student, batch):
        other = [Case((*case.args[:4], case.args[4] + 1), "") for case in batch]
        for case, mine, theirs in zip(batch, outcomes(student.split_dataset, batch),
                                      outcomes(student.split_dataset, other), strict=True):  # fmt: skip
            with on(f"{case.description}, then seed={case.args[4] + 1}"):
                a, b = expect_split(unwrap(mine), case), expect_split(unwrap(theirs), case)
                held_out = [sorted(_columns(a[1]) + _columns(a[2])), sorted(_columns(b[1]) + _columns(b[2]))]
                if held_out[0] == held_out[1]:
                    fail(f"both seeds put the same columns in dev and test ({held_out[0][:6]}...): the split "
                         "ignores the seed -- are the columns shuffled?")  # fmt: skip


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


@pytest.mark.exercise("diagnose_bias_variance")
class CheckDiagnoseBiasVariance:
    @pytest.mark.points(5)
    @pytest.mark.hint("avoidable_bias = train_error - human_error, variance = dev_error - train_error, "
                      "focus on the larger")  # fmt: skip
    def check_lecture_examples(self, student):
        expect_like_reference(
            student.diagnose_bias_variance,
            ref.diagnose_bias_variance,
            LECTURE_CASES,
            "diagnosis",
            mistakes=mistakes.DIAGNOSE,
        )

    @pytest.mark.points(6)
    @pytest.mark.hint("return {'avoidable_bias': train_error - human_error, 'variance': dev_error - train_error, "
                      "'focus': 'bias' or 'variance'}")  # fmt: skip
    @given(batch=batches(st.builds(untied_case, errors, errors, errors)))
    def check_random_errors(self, student, batch):
        expect_like_reference(
            student.diagnose_bias_variance,
            ref.diagnose_bias_variance,
            batch,
            "diagnosis",
            mistakes=mistakes.DIAGNOSE,
        )

    @pytest.mark.points(4)
    @pytest.mark.hint("on a tie (avoidable_bias == variance) the focus is 'bias': use >=")
    @given(batch=batches(ties))
    def check_tie_goes_to_bias(self, student, batch):
        expect_like_reference(
            student.diagnose_bias_variance,
            ref.diagnose_bias_variance,
            batch,
            "diagnosis",
            mistakes=mistakes.DIAGNOSE,
        )
