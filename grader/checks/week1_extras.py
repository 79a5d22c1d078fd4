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

How the inputs are drawn is :mod:`grader.checks.week1_extras_inputs`; the comparisons that
are this module's own (an initialization's shapes, its weights' statistics, the normalizer's
two columns) are :mod:`grader.checks.week1_extras_expect`.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import week1_extras_mistakes as mistakes
from grader.checks.week1_extras_expect import expect_initialization, expect_pair_of_columns, judge_statistics
from grader.checks.week1_extras_inputs import (
    INIT_BATCH,
    LECTURE_CASES,
    errors,
    init_cases,
    large_layer_dims,
    normalize_cases,
    small_layer_dims,
    split_cases,
    ties,
    train_cases,
    untied_case,
)
from grader.judge.compare import expect_parts, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged, outcomes, unwrap
from grader.judge.strategies import Case, batches
from reference import practical_aspects as ref

#: Normalized training data: mean 0 and variance 1 per feature, up to rounding.
STANDARD_ATOL = 1e-8

XAVIER = Exercise("initialize_parameters_xavier", ref.initialize_parameters_xavier, returns="parameters")
GLOROT = Exercise("initialize_parameters_glorot", ref.initialize_parameters_glorot, returns="parameters")
FIT_NORMALIZER = Exercise("fit_normalizer", ref.fit_normalizer, returns="(mu, sigma2)",
                          mistakes=mistakes.FIT_NORMALIZER)  # fmt: skip
NORMALIZE = Exercise("normalize", ref.normalize, returns="X_norm", mistakes=mistakes.NORMALIZE)
SPLIT = Exercise("split_dataset", ref.split_dataset,
                 returns=("(X_train, Y_train)", "(X_dev, Y_dev)", "(X_test, Y_test)"))  # fmt: skip
DIAGNOSE = Exercise("diagnose_bias_variance", ref.diagnose_bias_variance, returns="diagnosis",
                    mistakes=mistakes.DIAGNOSE)  # fmt: skip
EXERCISES = declare(XAVIER, GLOROT, FIT_NORMALIZER, NORMALIZE, SPLIT, DIAGNOSE)


# --------------------------------------------------------------------------- initialization


class InitializationChecks:
    """The three checks of an initialization; subclasses name the exercise and its variance."""

    exercise: Exercise

    @staticmethod
    def variance(n_in: int, n_out: int) -> float:
        raise NotImplementedError

    def shapes(self, student, batch: list[Case]) -> None:
        for case, got in judged(getattr(student, self.exercise.name), batch):
            with on(case.description):
                expect_initialization(got, case.args[0])

    def statistics(self, student, batch: list[Case]) -> None:
        for case, got in judged(getattr(student, self.exercise.name), batch):
            with on(case.description):
                dims = case.args[0]
                parameters = expect_initialization(got, dims)
                for l in range(1, len(dims)):
                    judge_statistics(parameters[f"W{l}"], self.variance(dims[l - 1], dims[l]), f"W{l}",
                                     dims[l - 1], dims[l])  # fmt: skip

    def seeded(self, student, dims: list[int], seed: int) -> None:
        calls = [Case((dims, seed), ""), Case((dims, seed), ""), Case((dims, seed + 1), "")]
        with on(f"layers_dims={dims}, seed={seed} twice, then seed={seed + 1}"):
            first, again, other = (expect_initialization(unwrap(o), dims)
                                   for o in outcomes(getattr(student, self.exercise.name), calls))  # fmt: skip
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
    exercise = XAVIER

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
    exercise = GLOROT

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


@pytest.mark.exercise("fit_normalizer")
class CheckFitNormalizer:
    @pytest.mark.points(8)
    @pytest.mark.hint("mu = np.mean(X_train, axis=1, keepdims=True); sigma2 = np.mean((X_train - mu) ** 2, "
                      "axis=1, keepdims=True): over the examples (columns), divided by m")  # fmt: skip
    @given(batch=batches(train_cases()))
    def check_mean_and_variance(self, student, batch):
        FIT_NORMALIZER.like_reference(student, batch)

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
        NORMALIZE.like_reference(student, batch)

    @pytest.mark.points(8)
    @pytest.mark.hint("normalize the dev and test sets with the TRAINING set's mu and sigma2 (the arguments), "
                      "never with their own statistics")  # fmt: skip
    @given(batch=batches(normalize_cases(dev=True, epsilons=(1e-8,))))
    def check_dev_set_uses_training_statistics(self, student, batch):
        NORMALIZE.like_reference(student, batch)

    @pytest.mark.points(6)
    @pytest.mark.hint("epsilon goes inside the square root: np.sqrt(sigma2 + epsilon)")
    @given(batch=batches(normalize_cases(dev=True, epsilons=(0.01, 0.5, 2.0))))
    def check_epsilon_inside_square_root(self, student, batch):
        NORMALIZE.like_reference(student, batch)


# --------------------------------------------------------------------------- split


def expect_split(got: object, case: Case) -> list[tuple[np.ndarray, np.ndarray]]:
    """``((X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test))`` with consistent shapes."""
    X, Y = case.args[:2]
    names = ("train", "dev", "test")
    sets = SPLIT.parts(got)
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


@pytest.mark.exercise("diagnose_bias_variance")
class CheckDiagnoseBiasVariance:
    @pytest.mark.points(5)
    @pytest.mark.hint("avoidable_bias = train_error - human_error, variance = dev_error - train_error, "
                      "focus on the larger")  # fmt: skip
    def check_lecture_examples(self, student):
        DIAGNOSE.like_reference(student, LECTURE_CASES)

    @pytest.mark.points(6)
    @pytest.mark.hint("return {'avoidable_bias': train_error - human_error, 'variance': dev_error - train_error, "
                      "'focus': 'bias' or 'variance'}")  # fmt: skip
    @given(batch=batches(st.builds(untied_case, errors, errors, errors)))
    def check_random_errors(self, student, batch):
        DIAGNOSE.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("on a tie (avoidable_bias == variance) the focus is 'bias': use >=")
    @given(batch=batches(ties))
    def check_tie_goes_to_bias(self, student, batch):
        DIAGNOSE.like_reference(student, batch)
