r"""Course 2 week 3's checks of softmax regression (:mod:`grader.checks.week3`): softmax, its
cost and gradient, and the classifier trained with the reference's blocks."""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week3_mistakes as mistakes
from grader.checks.week3_expect import (
    expect_accuracy,
    expect_columns_sum_to_zero,
    expect_floats,
    expect_like_numerical,
    expect_model,
    expect_probabilities,
)
from grader.checks.week3_inputs import (
    classifier_data,
    huge_logit_cases,
    logit_cases,
    probability_cases,
    repeated_example_cases,
    shifted_logit_cases,
    softmax_gradient_cases,
    training_case,
)
from grader.judge.compare import CheckFailed, Tolerance, expect_same, fail, kind, on
from grader.judge.exercises import Exercise
from grader.judge.judging import judged, outcomes, unwrap
from grader.judge.strategies import Case, batches
from reference import tuning as ref

SOFTMAX = Exercise("softmax", ref.softmax, returns="A", mistakes=mistakes.SOFTMAX)
SOFTMAX_COST = Exercise("compute_softmax_cost", ref.compute_softmax_cost, returns="cost",
                        mistakes=mistakes.COMPUTE_SOFTMAX_COST)  # fmt: skip
SOFTMAX_BACKWARD = Exercise("softmax_backward", ref.softmax_backward, returns="dZ",
                            mistakes=mistakes.SOFTMAX_BACKWARD)  # fmt: skip
#: Judged with the reference's blocks (``builds_on``), by the model it returns.
CLASSIFIER = Exercise("train_softmax_classifier", ref.train_softmax_classifier,
                      returns=("parameters", "running"))  # fmt: skip


def trained_models(student, cases: Sequence[Case]) -> list[tuple[dict, dict]]:
    """The validated ``(parameters, running)`` of each call (its blocks are the reference's)."""
    models = []
    for case, got in judged(student.train_softmax_classifier, cases):
        with on(case.description):
            models.append(expect_model(*CLASSIFIER.parts(got)))
    return models


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
