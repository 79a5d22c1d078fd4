r"""Course 2 week 3's checks of batch normalization (:mod:`grader.checks.week3`): the forward
and backward passes, the running averages, the test-time pass, and a layer without bias."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week3_mistakes as mistakes
from grader.checks.week3_expect import (
    expect_like_numerical,
    expect_normalized_rows,
    expect_rows_of_dZ_sum_to_zero,
    expect_rows_scaled_and_shifted,
    expect_sums_over_examples,
)
from grader.checks.week3_inputs import (
    STEP,
    backward_cases,
    batch_statistics,
    batchnorm_gradient_cases,
    bias_cases,
    bn_cases,
    epsilon_cases,
    inference_cases,
    inference_epsilon_cases,
    linear_cases,
    one_example_cases,
    running_cases,
    sum_cases,
    zero_sum_cases,
)
from grader.judge.compare import Tolerance, expect_same, named, on
from grader.judge.exercises import Exercise
from grader.judge.judging import expect_like_reference, judged, outcomes, unwrap
from grader.judge.strategies import Case, batches
from reference import tuning as ref

BATCHNORM_FORWARD = Exercise("batchnorm_forward", ref.batchnorm_forward, returns=("Z_tilde", "cache"),
                             mistakes=mistakes.BATCHNORM_FORWARD)  # fmt: skip
BATCHNORM_BACKWARD = Exercise("batchnorm_backward", ref.batchnorm_backward, returns=("dZ", "dgamma", "dbeta"),
                              mistakes=mistakes.BATCHNORM_BACKWARD)  # fmt: skip
RUNNING_AVERAGES = Exercise("update_running_averages", ref.update_running_averages,
                            returns=("running_mean", "running_var"), mistakes=mistakes.UPDATE_RUNNING_AVERAGES)  # fmt: skip
BATCHNORM_FORWARD_TEST = Exercise("batchnorm_forward_test", ref.batchnorm_forward_test, returns="Z_tilde",
                                  mistakes=mistakes.BATCHNORM_FORWARD_TEST)  # fmt: skip
#: Judged with the reference's ``batchnorm_forward`` (``builds_on``).
LINEAR_BATCHNORM_FORWARD = Exercise("linear_batchnorm_forward", ref.linear_batchnorm_forward,
                                    returns=("Z_tilde", "cache"))  # fmt: skip


#: The parts of the caches, each compared under its own name.
BN_CACHE = ("cache: Z", "cache: Z_norm", "cache: mu", "cache: var", "cache: gamma", "cache: epsilon")
LINEAR_CACHE = ("cache: A_prev", "cache: W", "cache: bn_cache")


def compare_batchnorm(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
    """``(Z_tilde, cache)``, each entry of the cache under its own name."""
    Z_tilde, cache = BATCHNORM_FORWARD.parts(got)
    expect_same(Z_tilde, expected[0], "Z_tilde", tol)
    named(*BN_CACHE)(cache, expected[1], "cache", tol)


def compare_linear(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
    """``(Z_tilde, cache)``, each entry of the cache under its own name."""
    Z_tilde, cache = LINEAR_BATCHNORM_FORWARD.parts(got)
    expect_same(Z_tilde, expected[0], "Z_tilde", tol)
    named(*LINEAR_CACHE)(cache, expected[1], "", tol)


def compare_Z_tilde(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
    """``Z_tilde`` alone, of ``(Z_tilde, cache)``."""
    expect_same(LINEAR_BATCHNORM_FORWARD.parts(got)[0], expected[0], "Z_tilde", tol)


# --------------------------------------------------------------------------- batch norm


@pytest.mark.exercise("batchnorm_forward")
class CheckBatchnormForward:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "mu and var over the examples of each unit: np.mean(..., axis=1, keepdims=True), var divided by m"
    )
    @given(batch=batches(bn_cases()))
    def check_matches_reference(self, student, batch):
        BATCHNORM_FORWARD.like_reference(student, batch, compare=compare_batchnorm)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "normalize each row (unit) over its m examples: mean 0 and variance 1 over axis=1, "
        "with the variance divided by m"
    )
    @given(batch=batches(bn_cases(epsilon=0.0, unit_gamma=True)))
    def check_each_unit_is_normalized_over_the_batch(self, student, batch):
        for case, outcome in zip(batch, outcomes(student.batchnorm_forward, batch), strict=True):
            with on(f"{case.description}, gamma = 1, beta = 0"):
                expect_normalized_rows(BATCHNORM_FORWARD.parts(unwrap(outcome))[0], case.args[0])

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "Z_tilde = gamma * Z_norm + beta: row i gets mean beta[i] and standard deviation |gamma[i]|"
    )
    @given(batch=batches(bn_cases(epsilon=0.0)))
    def check_gamma_and_beta_set_each_row_scale_and_shift(self, student, batch):
        for case, got in judged(student.batchnorm_forward, batch):
            with on(case.description):
                Z, gamma, beta, _ = case.args
                expect_rows_scaled_and_shifted(BATCHNORM_FORWARD.parts(got)[0], Z, gamma, beta)

    @pytest.mark.points(3)
    @pytest.mark.hint("epsilon goes inside the square root: (Z - mu) / np.sqrt(var + epsilon)")
    def check_epsilon_inside_square_root(self, student):
        BATCHNORM_FORWARD.like_reference(student, epsilon_cases(), compare=compare_batchnorm)


@pytest.mark.exercise("batchnorm_backward")
class CheckBatchnormBackward:
    @pytest.mark.points(5)
    @pytest.mark.hint(
        "dZ = (m dZ_norm - sum(dZ_norm) - Z_norm sum(dZ_norm Z_norm)) / (m sqrt(var + epsilon)) "
        "with dZ_norm = gamma dZ_tilde, sums over axis=1"
    )
    def check_matches_numerical_gradients(self, student):
        expected = f"; expected: central differences, step {STEP:g}"
        cases = [(Case(case.args, case.description + expected), numerical)
                 for case, numerical in batchnorm_gradient_cases()]  # fmt: skip
        expect_like_numerical(BATCHNORM_BACKWARD, student, cases)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "dbeta = sum(dZ_tilde), dgamma = sum(dZ_tilde * Z_norm) over the examples (axis=1, keepdims)"
    )
    @given(batch=batches(backward_cases()))
    def check_matches_reference(self, student, batch):
        BATCHNORM_BACKWARD.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "mu and var depend on every z: shifting or scaling a row of Z changes nothing downstream, "
        "so each row of dZ sums to 0 and is orthogonal to Z_norm"
    )
    @pytest.mark.needs("check_matches_numerical_gradients")  # a zero dZ has it
    def check_rows_of_dZ_sum_to_zero(self, student):
        for case, got in judged(student.batchnorm_backward, zero_sum_cases()):
            with on(case.description):
                G, cache = case.args
                expect_rows_of_dZ_sum_to_zero(BATCHNORM_BACKWARD.parts(got)[0], G, cache)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "sum over the examples, do not average: dbeta = np.sum(dZ_tilde, axis=1, keepdims=True), "
        "dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)"
    )
    def check_dgamma_and_dbeta_sum_over_the_examples(self, student):
        for case, got in judged(student.batchnorm_backward, sum_cases()):
            with on(case.description):
                G, (_, Z_norm, *_) = case.args
                _, dgamma, dbeta = BATCHNORM_BACKWARD.parts(got)
                expect_sums_over_examples(dgamma, dbeta, G, Z_norm)


@pytest.mark.exercise("update_running_averages")
class CheckUpdateRunningAverages:
    @pytest.mark.points(4)
    @pytest.mark.hint(
        "running = momentum * running + (1 - momentum) * batch statistic, for the mean and the variance"
    )
    @given(batch=batches(running_cases()))
    def check_matches_reference(self, student, batch):
        RUNNING_AVERAGES.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "return the updated averages: the next batch starts from them; the past keeps weight momentum"
    )
    def check_several_batches(self, student):
        got = expected = (np.zeros((3, 1)), np.ones((3, 1)))
        for t, (mu, var) in enumerate(batch_statistics(), start=1):
            with on(f"6 successive batches with momentum 0.9, from zeros and ones, batch {t}"):
                got = RUNNING_AVERAGES.parts(student.update_running_averages(*got, mu, var, 0.9))
                expected = ref.update_running_averages(*expected, mu, var, 0.9)
                RUNNING_AVERAGES.compare(got, expected, "", RUNNING_AVERAGES.tolerance)


@pytest.mark.exercise("batchnorm_forward_test")
class CheckBatchnormForwardTest:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon), then gamma * Z_norm + beta"
    )
    @given(batch=batches(inference_cases()))
    def check_matches_reference(self, student, batch):
        BATCHNORM_FORWARD_TEST.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "at test time each example is normalized with the running averages, "
        "not with the statistics of the batch: a single example must work"
    )
    def check_one_example_at_a_time(self, student):
        BATCHNORM_FORWARD_TEST.like_reference(student, one_example_cases())

    @pytest.mark.points(2)
    @pytest.mark.hint("epsilon goes inside the square root: np.sqrt(running_var + epsilon)")
    def check_epsilon_inside_square_root(self, student):
        BATCHNORM_FORWARD_TEST.like_reference(student, inference_epsilon_cases())


# --------------------------------------------------------------------------- a layer without bias


@pytest.mark.exercise("linear_batchnorm_forward")
class CheckLinearBatchnormForward:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "Z = np.dot(W, A_prev) with no bias, then "
        "Z_tilde, bn_cache = batchnorm_forward(Z, gamma, beta, epsilon)"
    )
    @given(batch=batches(linear_cases()))
    def check_is_batchnorm_of_W_A_prev(self, student, batch):
        LINEAR_BATCHNORM_FORWARD.like_reference(student, batch, compare=compare_linear)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "batch norm subtracts the mean of each row of Z = W A_prev, which cancels any bias b: "
        "normalize Z itself, with its mean over the examples"
    )
    def check_a_bias_before_batch_norm_changes_nothing(self, student):
        def without_bias(A_ones, W_b, gamma, beta, epsilon) -> tuple:
            return ref.linear_batchnorm_forward(A_ones[:-1], W_b[:, :-1], gamma, beta, epsilon)

        expect_like_reference(
            student.linear_batchnorm_forward, without_bias, bias_cases(), "", compare=compare_Z_tilde
        )
