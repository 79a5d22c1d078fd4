r"""Checks for course 2 week 3: hyperparameter search, batch normalization, softmax.

Each class grades one function of :mod:`reference.tuning`, declared once as an
:class:`~grader.judge.exercises.Exercise` (:data:`EXERCISES`).  Besides matching the reference
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
the classifier trains on a small problem (:data:`~grader.checks.week3_inputs.TRAINING`: 30
mini-batches, 8 block calls each).  A property that a body computing nothing also has (the rows of a zero ``dZ`` sum to
0, the right keys, a constant cost repeated) counts only together with one it does not
(``@pytest.mark.needs``).

Here are the exercises and their checks.  How the inputs are drawn (samplers, fixed
inputs, the numerical gradients, the classifier's data) is :mod:`grader.checks.week3_inputs`;
how a value is judged beyond comparing it with the reference's (float arrays, the
Kolmogorov-Smirnov test, numerical gradients, the properties, the classifier's model and
accuracy) is :mod:`grader.checks.week3_expect`.  The constants named above are imported here
from those two modules.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week3_mistakes as mistakes
from grader.checks.week3_expect import (
    ACCURACY,  # noqa: F401  (the tests read it here)
    KS_BOUND,  # noqa: F401  (the tests read it here)
    LINEAR_DISTANCE,  # noqa: F401  (the tests read it here)
    NUMERICAL,  # noqa: F401  (the tests read it here)
    expect_accuracy,
    expect_betas,
    expect_columns_sum_to_zero,
    expect_floats,
    expect_learning_rates,
    expect_like_numerical,
    expect_log_uniform,
    expect_model,
    expect_normalized_rows,
    expect_probabilities,
    expect_rows_of_dZ_sum_to_zero,
    expect_rows_scaled_and_shifted,
    expect_sums_over_examples,
    expect_tight_box,
    ks_distance,  # noqa: F401  (the tests read it here)
)
from grader.checks.week3_inputs import (
    BETA_RANGES,  # noqa: F401  (the tests read it here)
    SAMPLES,  # noqa: F401  (the tests read it here)
    STEP,
    backward_cases,
    batch_statistics,
    batchnorm_gradient_cases,
    beta_cases,
    bias_cases,
    bn_cases,
    classifier_data,
    epsilon_cases,
    huge_logit_cases,
    inference_cases,
    inference_epsilon_cases,
    linear_cases,
    logit_cases,
    lr_cases,
    one_example_cases,
    probability_cases,
    repeated_example_cases,
    running_cases,
    shifted_logit_cases,
    softmax_gradient_cases,
    sum_cases,
    training_case,
    trial_cases,
    worked_examples,
    zero_sum_cases,
)
from grader.judge.compare import CheckFailed, Tolerance, expect_same, fail, kind, named, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import expect_like_reference, judged, outcomes, unwrap
from grader.judge.statistics import FALSE_FAILURE  # noqa: F401  (the tests read it here)
from grader.judge.strategies import Case, batches
from reference import tuning as ref

SAMPLE_LEARNING_RATE = Exercise("sample_learning_rate", ref.sample_learning_rate, returns="learning_rates",
                                mistakes=mistakes.SAMPLE_LEARNING_RATE)  # fmt: skip
SAMPLE_BETA = Exercise("sample_beta", ref.sample_beta, returns="betas", mistakes=mistakes.SAMPLE_BETA)
COARSE_TO_FINE = Exercise("coarse_to_fine", ref.coarse_to_fine, returns="box",
                          mistakes=mistakes.COARSE_TO_FINE)  # fmt: skip
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
SOFTMAX = Exercise("softmax", ref.softmax, returns="A", mistakes=mistakes.SOFTMAX)
SOFTMAX_COST = Exercise("compute_softmax_cost", ref.compute_softmax_cost, returns="cost",
                        mistakes=mistakes.COMPUTE_SOFTMAX_COST)  # fmt: skip
SOFTMAX_BACKWARD = Exercise("softmax_backward", ref.softmax_backward, returns="dZ",
                            mistakes=mistakes.SOFTMAX_BACKWARD)  # fmt: skip
#: Judged with the reference's blocks (``builds_on``), by the model it returns.
CLASSIFIER = Exercise("train_softmax_classifier", ref.train_softmax_classifier,
                      returns=("parameters", "running"))  # fmt: skip
EXERCISES = declare(SAMPLE_LEARNING_RATE, SAMPLE_BETA, COARSE_TO_FINE, BATCHNORM_FORWARD, BATCHNORM_BACKWARD,
                    RUNNING_AVERAGES, BATCHNORM_FORWARD_TEST, LINEAR_BATCHNORM_FORWARD, SOFTMAX, SOFTMAX_COST,
                    SOFTMAX_BACKWARD, CLASSIFIER)  # fmt: skip

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


def trained_models(student, cases: Sequence[Case]) -> list[tuple[dict, dict]]:
    """The validated ``(parameters, running)`` of each call (its blocks are the reference's)."""
    models = []
    for case, got in judged(student.train_softmax_classifier, cases):
        with on(case.description):
            models.append(expect_model(*CLASSIFIER.parts(got)))
    return models


# --------------------------------------------------------------------------- sampling


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
                expect_learning_rates(got, num, low, high)

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
        SAMPLE_LEARNING_RATE.like_reference(student, batch)


@pytest.mark.exercise("sample_beta")
class CheckSampleBeta:
    @pytest.mark.points(2)
    @pytest.mark.hint("beta = 1 - 10 ** r with r between np.log10(1 - high) and np.log10(1 - low)")
    @given(batch=batches(beta_cases()))
    def check_within_range(self, student, batch):
        for case, got in judged(student.sample_beta, batch):
            with on(case.description):
                num, _, low, high = case.args
                expect_betas(got, num, low, high)

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
        SAMPLE_BETA.like_reference(student, batch)


# --------------------------------------------------------------------------- coarse to fine


@pytest.mark.exercise("coarse_to_fine")
class CheckCoarseToFine:
    @pytest.mark.points(3)
    @pytest.mark.hint("keep the ceil(top_fraction * k) trials of highest score, then min and max per column")
    @given(batch=batches(trial_cases()))
    def check_matches_reference(self, student, batch):
        COARSE_TO_FINE.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "the box is the smallest one holding every kept trial: its bounds are their min and max"
    )
    @given(batch=batches(trial_cases()))
    def check_box_is_tight_around_the_best_trials(self, student, batch):
        for case, got in judged(student.coarse_to_fine, batch):
            with on(case.description):
                expect_tight_box(got, *case.args)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "on log-scaled dimensions return np.log10 of the bounds; keep math.ceil(top_fraction * k) trials"
    )
    def check_worked_examples(self, student):
        COARSE_TO_FINE.like_reference(student, worked_examples())


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


# --------------------------------------------------------------------------- softmax


@pytest.mark.exercise("softmax")
class CheckSoftmax:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "A = exp(Z - max) / sum(exp(Z - max)), max and sum over the classes of each column (axis=0)"
    )
    @given(batch=batches(logit_cases()))
    def check_matches_reference(self, student, batch):
        SOFTMAX.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("each column holds one example's class probabilities: positive, summing to 1 (axis=0)")
    @given(batch=batches(logit_cases()))
    def check_columns_are_probabilities(self, student, batch):
        for case, got in judged(student.softmax, batch):
            with on(case.description):
                expect_probabilities(got, case.args[0])

    @pytest.mark.points(3)
    @pytest.mark.hint("subtract each column's maximum before np.exp: np.exp(1000) overflows to inf")
    def check_huge_logits_do_not_overflow(self, student):
        calls = huge_logit_cases()
        with np.errstate(over="ignore", invalid="ignore"):
            SOFTMAX.like_reference(student, calls)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "softmax(Z + c) = softmax(Z) for a constant c per column: subtract the column's max (axis=0)"
    )
    def check_adding_a_constant_to_a_column_changes_nothing(self, student):
        shifted = shifted_logit_cases()
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
        SOFTMAX_COST.like_reference(student, batch)

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
        calls = repeated_example_cases()
        values = outcomes(student.compute_softmax_cost, calls)
        for i in range(0, len(calls), 2):
            with on(calls[i + 1].description):
                once, thrice = unwrap(values[i]), unwrap(values[i + 1])
                if not isinstance(once, numbers.Real):
                    fail(f"cost: expected a number, got {kind(once)}")
                expect_same(thrice, float(once), f"cost (it is {float(once):.6g} on the examples once)")


@pytest.mark.exercise("softmax_backward")
class CheckSoftmaxBackward:
    @pytest.mark.points(4)
    @pytest.mark.hint("dZ = Y_hat - Y: the gradient of m J, one column per example, no 1/m")
    def check_matches_numerical_gradient(self, student):
        expect_like_numerical(SOFTMAX_BACKWARD, student, softmax_gradient_cases())

    @pytest.mark.points(2)
    @pytest.mark.hint("dZ = Y_hat - Y")
    @given(batch=batches(probability_cases()))
    def check_matches_reference(self, student, batch):
        SOFTMAX_BACKWARD.like_reference(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "the columns of Y_hat and of Y both sum to 1, so each column of dZ = Y_hat - Y sums to 0"
    )
    @pytest.mark.needs("check_matches_numerical_gradient")  # a zero dZ has it
    def check_columns_of_dZ_sum_to_zero(self, student):
        calls = [case for case, _ in softmax_gradient_cases()]
        for case, outcome in zip(calls, outcomes(student.softmax_backward, calls), strict=True):
            with on(case.description.split(";")[0]):
                expect_columns_sum_to_zero(unwrap(outcome), case.args[0].shape)

    @pytest.mark.points(1)
    @pytest.mark.hint("with two classes, row 0 of dZ is logistic regression's dz = a - y")
    def check_two_classes_give_logistic_regression(self, student):
        a, y = np.array([0.9, 0.2, 0.6, 0.5]), np.array([1.0, 0.0, 0.0, 1.0])
        with on(f"Y_hat = [a, 1 - a], Y = [y, 1 - y] with a = {a.tolist()}, y = {y.tolist()}"):
            dZ = student.softmax_backward(np.vstack([a, 1 - a]), np.vstack([y, 1 - y]))
            expect_floats(dZ, (2, 4), "dZ")
            expect_same(dZ[0], a - y, "dZ[0] (logistic regression's a - y)")


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
                expect_accuracy(model, X_test, labels)

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
