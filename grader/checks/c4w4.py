r"""Checks for course 4 week 4: the triplet loss and the costs of neural style transfer.

Each class grades one function of :mod:`reference.face_style`.  Besides matching the
reference on random inputs, the checks test what the notebooks teach, on inputs built so
the answer is known:

* **Triplet loss**: the course's own six examples; a negative farther than the positive by
  more than alpha costs nothing; each example is clipped at zero before the sum; repeating
  the batch doubles the loss (a sum, not a mean); distances run over the last axis; the
  labels ``y_true`` are ignored.  Encodings are small (d <= 8), not 128.
* **Verification as classification**: the logistic unit on |f_i - f_j| and on the
  chi-square comparison, against the reference; symmetric in the two images; identical
  encodings give sigmoid(b); its gradients against central differences of the mean
  cross-entropy.  ``verification_gradients`` builds on ``verification_probability``.
* **Content cost**: activations that differ by +-1 everywhere cost exactly 1/4, whatever
  the shape (the normalization ``4 n_H n_W n_C``).
* **Gram matrix**: shape (n_C, n_C) for a wide A, the course's worked values.
* **Layer style cost**: shuffling the pixels of an image changes no Gram matrix, so the
  cost of a pixel-shuffled copy is zero -- unless the activations are unrolled with a
  direct reshape to (n_C, n_H n_W), the classic mistake; a zero style against an all-ones
  image costs exactly 1/4 (the normalization ``4 n_C^2 (n_H n_W)^2``).

``compute_layer_style_cost`` calls ``gram_matrix``: while its checks run it, that block is
the reference's, answered by the judge (``Assignment.builds_on``, :mod:`grader.boundary.blocks`), so
the cost is simply compared with the reference's; a wrong or unfinished Gram matrix costs
points in ``gram_matrix`` only and never excuses the cost built on it.

Every input is in the course's domain (one image, m = 1, as the notebook's; encodings of
any batch size, one-dimensional ones included, as the course's own examples): no edge case
the course never tests is drawn, so none needs a check of its own.

Each graded function is declared once (``EXERCISES``: reference, result, known mistakes from
:mod:`grader.checks.c4w4_mistakes`).  How the inputs are drawn (the samplers, the course's
examples) is :mod:`grader.checks.c4w4_inputs`; the module's own comparisons (a cost that may
be a 0-d array, every known mistake a wrong cost equals, the central differences of the
verification cost) are :mod:`grader.checks.c4w4_expect`.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import c4w4_mistakes as mistakes
from grader.checks.c4w4_expect import (
    GRADIENT_EPSILON,
    GRADIENT_TOLERANCE,
    compare_cost,
    expect_gradient_pair,
    numerical_gradients,
)
from grader.checks.c4w4_inputs import (
    COURSE_TRIPLETS,
    DISTANCES,
    GRAM_EXAMPLES,
    content_cases,
    costs,
    gram_cases,
    labelled_cases,
    pair_cases,
    style_cases,
    total_case,
    triplet_cases,
    weights,
)
from grader.judge.compare import CheckFailed, expect_same, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged, outcomes, unwrap
from grader.judge.strategies import Case, batches
from reference import face_style as ref

TRIPLET = Exercise(
    "triplet_loss",
    ref.triplet_loss,
    returns="loss",
    mistakes=mistakes.TRIPLET_LOSS,
    comparison=compare_cost,
    names_every_mistake=True,
)
PROBABILITY = Exercise("verification_probability", ref.verification_probability, returns="y_hat",
                       mistakes=mistakes.VERIFICATION_PROBABILITY)  # fmt: skip
GRADIENTS = Exercise("verification_gradients", ref.verification_gradients, returns="(dw, db)",
                     mistakes=mistakes.VERIFICATION_GRADIENTS)  # fmt: skip
CONTENT = Exercise(
    "compute_content_cost",
    ref.compute_content_cost,
    returns="J_content",
    mistakes=mistakes.CONTENT_COST,
    comparison=compare_cost,
    names_every_mistake=True,
)
GRAM = Exercise(
    "gram_matrix",
    ref.gram_matrix,
    returns="GA",
    mistakes=mistakes.GRAM_MATRIX,
    comparison=compare_cost,
    names_every_mistake=True,
)
#: Its checks run the student's function on the reference's gram_matrix: its result is the reference's cost.
LAYER_STYLE = Exercise(
    "compute_layer_style_cost",
    ref.compute_layer_style_cost,
    returns="J_style_layer",
    mistakes=mistakes.LAYER_STYLE_COST,
    comparison=compare_cost,
    names_every_mistake=True,
)
TOTAL = Exercise(
    "total_cost",
    ref.total_cost,
    returns="J",
    mistakes=mistakes.TOTAL_COST,
    comparison=compare_cost,
    names_every_mistake=True,
)
EXERCISES = declare(TRIPLET, PROBABILITY, GRADIENTS, CONTENT, GRAM, LAYER_STYLE, TOTAL)


# --------------------------------------------------------------------------- triplet loss


@pytest.mark.exercise("triplet_loss")
class CheckTripletLoss:
    @pytest.mark.points(5)
    @pytest.mark.hint("pos_dist = np.sum(np.square(anchor - positive), axis=-1), neg_dist likewise; "
                      "loss = np.sum(np.maximum(pos_dist - neg_dist + alpha, 0.0))")  # fmt: skip
    def check_course_examples(self, student):
        TRIPLET.like_reference(student, COURSE_TRIPLETS)

    @pytest.mark.points(5)
    @pytest.mark.hint("loss = np.sum(np.maximum(pos_dist - neg_dist + alpha, 0.0)) with squared distances "
                      "summed over axis=-1")  # fmt: skip
    @given(batch=batches(triplet_cases("random")))
    def check_matches_reference(self, student, batch):
        TRIPLET.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.needs("check_matches_reference")  # a loss of 0 for everything has this property too
    @pytest.mark.hint("an example whose negative is farther than its positive by more than alpha costs "
                      "nothing: take np.maximum(basic_loss, 0.0)")  # fmt: skip
    @given(batch=batches(triplet_cases("inactive")))
    def check_zero_when_every_negative_is_farther_by_alpha(self, student, batch):
        TRIPLET.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("clip EACH example at zero, then sum: np.sum(np.maximum(basic_loss, 0.0)); "
                      "an easy triplet must not cancel a hard one")  # fmt: skip
    @given(batch=batches(triplet_cases("mixed", min_m=2)))
    def check_each_example_is_clipped_before_the_sum(self, student, batch):
        TRIPLET.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("the loss is the SUM over the examples (tf.reduce_sum / np.sum), not the mean")
    @given(batch=batches(triplet_cases("active", min_m=2)))
    def check_sums_over_the_batch(self, student, batch):
        doubled = [Case((None, tuple(np.concatenate([v, v]) for v in c.args[1]), c.args[2]),
                        f"{c.description}, every triplet twice") for c in batch]  # fmt: skip
        TRIPLET.like_reference(student, [*batch, *doubled])

    @pytest.mark.points(2)
    @pytest.mark.hint("sum the squared differences over the last axis (axis=-1): one distance per example")
    @given(batch=batches(triplet_cases("active", min_m=2, wide=True)))
    def check_distances_over_the_last_axis(self, student, batch):
        TRIPLET.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("y_true is not used: take anchor, positive, negative from y_pred")
    @given(batch=batches(triplet_cases("random"), size=5))
    def check_ignores_y_true(self, student, batch):
        labelled = [Case((tuple(np.random.default_rng(i).standard_normal(v.shape) for v in c.args[1]),
                          c.args[1], c.args[2]), f"{c.description}, y_true random arrays of the same shapes")
                    for i, c in enumerate(batch)]  # fmt: skip
        TRIPLET.like_reference(student, labelled)


# --------------------------------------------------------------------------- verification as classification


@pytest.mark.exercise("verification_probability")
class CheckVerificationProbability:
    @pytest.mark.points(4)
    @pytest.mark.hint("phi = np.abs(f_i - f_j) of shape (m, d); y_hat = 1 / (1 + np.exp(-(np.dot(phi, w) + b))) "
                      "of shape (m, 1)")  # fmt: skip
    @given(batch=batches(pair_cases(("absolute",))))
    def check_absolute_difference(self, student, batch):
        PROBABILITY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("chi-square: phi = (f_i - f_j)**2 / (f_i + f_j), with 0 where f_i + f_j == 0 "
                      "(np.divide(..., where=total != 0))")  # fmt: skip
    @given(batch=batches(pair_cases(("chi_square",))))
    def check_chi_square(self, student, batch):
        PROBABILITY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("the comparison must not depend on the order of the images: |f_i - f_j| and "
                      "(f_i - f_j)**2 / (f_i + f_j) are symmetric, f_i - f_j is not")  # fmt: skip
    @pytest.mark.needs("check_absolute_difference")  # a constant is symmetric too
    @given(batch=batches(pair_cases(DISTANCES), size=5))
    def check_symmetric_in_the_two_images(self, student, batch):
        swapped = [Case((c.args[1], c.args[0], *c.args[2:]), "") for c in batch]
        results = outcomes(student.verification_probability, batch + swapped)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then f_i and f_j swapped"):
                expect_same(unwrap(results[len(batch) + i]), unwrap(results[i]),
                            "y_hat(f_j, f_i) against your y_hat(f_i, f_j)")  # fmt: skip

    @pytest.mark.points(3)
    @pytest.mark.hint("two identical encodings compare to phi = 0, so y_hat = sigmoid(b) for every pair "
                      "(with chi-square, 0 / 0 entries count as 0)")  # fmt: skip
    @given(batch=batches(pair_cases(DISTANCES, identical=True)))
    def check_identical_encodings_give_sigmoid_of_the_bias(self, student, batch):
        for case, value in judged(student.verification_probability, batch):
            with on(case.description):
                m, b = case.args[0].shape[0], case.args[3]
                expected = np.full((m, 1), 1 / (1 + np.exp(-b)))
                try:
                    expect_same(
                        value, expected, f"y_hat, expected sigmoid(b) = {expected[0, 0]:.6g} for every pair"
                    )
                except CheckFailed as failure:
                    raise PROBABILITY.recognised(failure, value, case.args) from None


@pytest.mark.exercise("verification_gradients")
class CheckVerificationGradients:
    @pytest.mark.points(6)
    @pytest.mark.hint("dw = np.dot(phi.T, y_hat - y) / m of shape (d, 1), db = np.sum(y_hat - y) / m, with phi "
                      "the same comparison verification_probability uses")  # fmt: skip
    @given(batch=batches(labelled_cases(DISTANCES)))
    def check_values(self, student, batch):
        GRADIENTS.like_reference(student, batch, compare=expect_gradient_pair)

    @pytest.mark.points(6)
    @pytest.mark.hint("(dw, db) must be the derivatives of the MEAN cross-entropy of sigmoid(phi w + b): "
                      "compare with (J(w + eps) - J(w - eps)) / (2 eps)")  # fmt: skip
    @given(batch=batches(labelled_cases(DISTANCES), size=5))
    def check_matches_central_differences(self, student, batch):
        for case, value in judged(student.verification_gradients, batch):
            with on(case.description):
                try:
                    expect_gradient_pair(
                        value, numerical_gradients(*case.args), GRADIENTS.what, GRADIENT_TOLERANCE
                    )
                except CheckFailed as failure:
                    raise CheckFailed(f"{failure}, against central differences of the mean cross-entropy "
                                      f"(step {GRADIENT_EPSILON:g})") from None  # fmt: skip


# --------------------------------------------------------------------------- content cost


@pytest.mark.exercise("compute_content_cost")
class CheckComputeContentCost:
    @pytest.mark.points(8)
    @pytest.mark.hint("J_content = np.sum(np.square(a_C - a_G)) / (4 * n_H * n_W * n_C)")
    @given(batch=batches(content_cases(unit=False)))
    def check_matches_reference(self, student, batch):
        CONTENT.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("square each difference, sum, and divide by 4 * n_H * n_W * n_C: a difference of 1 "
                      "everywhere costs 1/4 whatever the shape")  # fmt: skip
    @given(batch=batches(content_cases(unit=True)))
    def check_a_difference_of_one_everywhere_costs_a_quarter(self, student, batch):
        CONTENT.like_reference(student, batch)


# --------------------------------------------------------------------------- gram matrix


@pytest.mark.exercise("gram_matrix")
class CheckGramMatrix:
    @pytest.mark.points(4)
    @pytest.mark.hint("A has one row per channel: GA = np.dot(A, A.T) has shape (n_C, n_C)")
    @given(batch=batches(gram_cases(wide=True)))
    def check_shape_is_channels_by_channels(self, student, batch):
        GRAM.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("GA[i, j] = sum over k of A[i, k] * A[j, k]: np.dot(A, A.T), without normalization")
    def check_worked_examples(self, student):
        GRAM.like_reference(student, GRAM_EXAMPLES)

    @pytest.mark.points(4)
    @pytest.mark.hint("GA = np.dot(A, A.T)")
    @given(batch=batches(gram_cases()))
    def check_matches_reference(self, student, batch):
        GRAM.like_reference(student, batch)


# --------------------------------------------------------------------------- layer style cost


@pytest.mark.exercise("compute_layer_style_cost")
class CheckComputeLayerStyleCost:
    @pytest.mark.points(8)
    @pytest.mark.hint("unroll each to (n_C, n_H * n_W) with np.reshape(a, (n_H * n_W, n_C)).T, take the Gram "
                      "matrices, and divide np.sum(np.square(GS - GG)) by 4 * n_C**2 * (n_H * n_W)**2")  # fmt: skip
    @given(batch=batches(style_cases("random")))
    def check_matches_reference(self, student, batch):
        LAYER_STYLE.like_reference(student, batch)

    @pytest.mark.points(7)
    @pytest.mark.needs("check_matches_reference")  # a cost of 0 for everything has this property too
    @pytest.mark.hint("style ignores where the features are, so moving pixels around must cost nothing: reshape "
                      "to (n_H * n_W, n_C) and THEN transpose; a direct reshape to (n_C, n_H * n_W) mixes "
                      "channels and pixels")  # fmt: skip
    @given(batch=batches(style_cases("shuffled")))
    def check_a_pixel_shuffled_copy_costs_nothing(self, student, batch):
        LAYER_STYLE.like_reference(student, batch)

    @pytest.mark.points(5)
    @pytest.mark.hint("divide by 4 * n_C**2 * (n_H * n_W)**2: a zero style against an all-ones image costs "
                      "exactly 1/4 whatever the shape")  # fmt: skip
    @given(batch=batches(style_cases("quarter")))
    def check_zeros_against_ones_cost_a_quarter(self, student, batch):
        LAYER_STYLE.like_reference(student, batch)


# --------------------------------------------------------------------------- total cost


@pytest.mark.exercise("total_cost")
class CheckTotalCost:
    @pytest.mark.points(4)
    @pytest.mark.hint(
        "def total_cost(J_content, J_style, alpha=10, beta=40): return alpha * J_content + beta * J_style"
    )
    @given(batch=batches(st.builds(total_case, costs, costs)))
    def check_default_weights(self, student, batch):
        TOTAL.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("use the alpha and beta you are given: J = alpha * J_content + beta * J_style")
    @given(batch=batches(st.builds(total_case, costs, costs, weights, weights)))
    def check_given_weights(self, student, batch):
        TOTAL.like_reference(student, batch)
