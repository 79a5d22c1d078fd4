"""c4w4 end to end: a realistic student file gets the statuses and named mistakes it deserves (a
wrong Gram matrix costs points once: the style cost is judged with the reference's, the
verification gradients with the reference's probability), and the known mistakes really differ
from the reference."""

import textwrap

import numpy as np
import pytest

from grader.api import grade
from grader.checks import c4w4_mistakes as mistakes
from reference import face_style as ref

STUDENT = textwrap.dedent("""
    import numpy as np


    # GRADED FUNCTION: triplet_loss
    def triplet_loss(y_true, y_pred, alpha=0.2):
        anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
        pos_dist = np.sum(np.square(anchor - positive), axis=-1)
        neg_dist = np.sum(np.square(anchor - negative), axis=-1)
        return np.maximum(np.sum(pos_dist - neg_dist + alpha), 0.0)  # mistake: clipped after the sum


    # GRADED FUNCTION: verification_probability
    def verification_probability(f_i, f_j, w, b, distance="absolute"):
        phi = np.abs(f_i - f_j)  # mistake: chi-square ignored
        return 1 / (1 + np.exp(-(phi @ w + b)))


    # GRADED FUNCTION: verification_gradients
    def verification_gradients(f_i, f_j, y, w, b, distance="absolute"):
        m = y.shape[0]
        error = verification_probability(f_i, f_j, w, b, distance) - y  # right: with the reference's
        if distance == "absolute":
            phi = np.abs(f_i - f_j)
        else:
            total = f_i + f_j
            phi = np.where(total > 0, (f_i - f_j) ** 2 / np.where(total > 0, total, 1), 0.0)
        return phi.T @ error / m, np.sum(error) / m


    # GRADED FUNCTION: compute_content_cost
    def compute_content_cost(a_C, a_G):
        m, n_H, n_W, n_C = a_G.shape
        return np.sum((a_C - a_G) ** 2) / (4 * n_H * n_W * n_C)


    # GRADED FUNCTION: gram_matrix
    def gram_matrix(A):
        return A.T @ A  # mistake: the Gram matrix of the pixels


    # GRADED FUNCTION: compute_layer_style_cost
    def compute_layer_style_cost(a_S, a_G):
        m, n_H, n_W, n_C = a_G.shape
        a_S = a_S.reshape(n_H * n_W, n_C).T
        a_G = a_G.reshape(n_H * n_W, n_C).T
        GS, GG = gram_matrix(a_S), gram_matrix(a_G)  # right: judged with the reference's gram_matrix
        return np.sum((GS - GG) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2)


    # total_cost: not attempted
""")


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    path = tmp_path_factory.mktemp("c4w4") / "student.py"
    path.write_text(STUDENT)
    return grade("c4w4", path)


def test_a_student_file_gets_a_status_per_function(student):
    statuses = {e.name: e.status for e in student.exercises}
    assert statuses["compute_content_cost"] == "passed"
    assert statuses["compute_layer_style_cost"] == "passed"  # its gram_matrix is the reference's
    assert student.exercise("gram_matrix").score == 0
    assert student.exercise("total_cost").score == 0
    assert 0 < student.exercise("triplet_loss").score < 30


def test_verification_loses_points_only_for_the_ignored_chi_square(student):
    assert student.exercise("verification_gradients").status == "passed"  # its block is the reference's
    failed = {c.name: c for c in student.exercise("verification_probability").checks if not c.passed}
    assert set(failed) == {"check_chi_square"}
    assert "the absolute difference whatever the distance" in failed["check_chi_square"].message


@pytest.mark.parametrize("distance", ["absolute", "chi_square"])
def test_verification_is_symmetric_and_identical_encodings_give_the_sigmoid_of_the_bias(distance):
    rng = np.random.default_rng(4)
    f_i, f_j, w = (
        np.abs(rng.standard_normal((3, 5))),
        np.abs(rng.standard_normal((3, 5))),
        rng.standard_normal((5, 1)),
    )
    f_i[0, 0] = f_j[0, 0] = 0.0  # chi-square: 0 / 0 counts as 0
    y_hat = ref.verification_probability(f_i, f_j, w, 0.3, distance)
    assert y_hat.shape == (3, 1) and np.allclose(
        y_hat, ref.verification_probability(f_j, f_i, w, 0.3, distance)
    )
    assert np.allclose(ref.verification_probability(f_i, f_i, w, 0.3, distance), 1 / (1 + np.exp(-0.3)))


def test_verification_gradients_by_hand():
    f_i, f_j = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[3.0, 2.0], [1.0, 0.0]])
    w, b, y = np.array([[0.5], [-1.0]]), 0.2, np.array([[1], [0]])
    phi = np.array([[2.0, 0.0], [1.0, 1.0]])
    error = 1 / (1 + np.exp(-(phi @ w + b))) - y
    dw, db = ref.verification_gradients(f_i, f_j, y, w, b)
    assert np.allclose(dw, phi.T @ error / 2) and db == pytest.approx(float(error.mean()))


def test_clipping_after_the_sum_is_named_with_its_fix(student):
    check = next(c for c in student.exercise("triplet_loss").checks
                 if c.name == "check_each_example_is_clipped_before_the_sum")  # fmt: skip
    assert not check.passed
    assert "max(., 0) taken after summing over the batch" in check.message


def test_the_gram_matrix_of_the_pixels_is_named(student):
    check = student.exercise("gram_matrix").checks[0]
    assert "A^T A instead of A A^T" in check.message and "np.dot(A, A.T)" in check.hint


@pytest.mark.parametrize(("known", "args"), [
    (mistakes.TRIPLET_LOSS, (None, tuple(np.random.default_rng(0).standard_normal((3, 4, 5))), 0.5)),
    (mistakes.CONTENT_COST, tuple(np.random.default_rng(1).standard_normal((2, 1, 2, 3, 4)))),
    (mistakes.GRAM_MATRIX, (np.random.default_rng(2).standard_normal((3, 3)),)),
    (mistakes.LAYER_STYLE_COST, tuple(np.random.default_rng(3).standard_normal((2, 1, 2, 3, 4)))),
    (mistakes.TOTAL_COST, (0.3, 0.7, 2.0, 5.0)),
])  # fmt: skip
def test_every_known_mistake_differs_from_the_reference(known, args):
    reference = {mistakes.TRIPLET_LOSS: ref.triplet_loss, mistakes.CONTENT_COST: ref.compute_content_cost,
                 mistakes.GRAM_MATRIX: ref.gram_matrix, mistakes.LAYER_STYLE_COST: ref.compute_layer_style_cost,
                 mistakes.TOTAL_COST: ref.total_cost}[known]  # fmt: skip
    right = np.asarray(reference(*args))
    for mistake in known:
        wrong = np.asarray(mistake.gives(*args))
        assert wrong.shape != right.shape or not np.allclose(wrong, right), mistake.description


@pytest.mark.parametrize("mistake", mistakes.VERIFICATION_PROBABILITY + mistakes.VERIFICATION_GRADIENTS,
                         ids=lambda m: m.description)  # fmt: skip
def test_every_verification_mistake_differs_from_the_reference_with_one_distance(mistake):
    rng = np.random.default_rng(5)
    f_i, f_j, w, y = (
        np.abs(rng.standard_normal((3, 4))),
        np.abs(rng.standard_normal((3, 4))),
        rng.standard_normal((4, 1)),
        np.array([[1], [0], [1]]),
    )
    f_j[:, 0] -= 1.0  # a sign change, so that f_i - f_j is not |f_i - f_j|
    gradients = mistake in mistakes.VERIFICATION_GRADIENTS
    differs = []
    for distance in ("absolute", "chi_square"):
        args = (
            f_i,
            np.abs(f_j) if distance == "chi_square" else f_j,
            *((y,) if gradients else ()),
            w,
            0.5,
            distance,
        )
        right = (ref.verification_gradients if gradients else ref.verification_probability)(*args)
        wrong = mistake.gives(*args)
        right, wrong = (
            (np.asarray(right[0]), np.asarray(wrong[0])) if gradients else (right, np.asarray(wrong))
        )
        differs.append(wrong.shape != right.shape or not np.allclose(wrong, right))
    assert any(differs)
