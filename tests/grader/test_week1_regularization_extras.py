"""week1-regularization-extras end to end: L1 regularization, early stopping and data
augmentation.  The reference against hand-computed values, each known mistake differs from it,
and a realistic student file is told its mistakes."""

import textwrap

import numpy as np
import pytest

from grader.api import grade
from grader.assignments import GROUPS, get_assignment
from grader.checks import week1_regularization_extras_mistakes as mistakes
from grader.judge.compare import CheckFailed, expect_same
from reference import regularization_extras as ref

ASSIGNMENT = get_assignment("week1-regularization-extras")


def network(seed=0, sizes=(3, 4, 2)):
    rng = np.random.default_rng(seed)
    parameters, gradients = {}, {}
    for l in range(1, len(sizes)):
        parameters[f"W{l}"] = rng.standard_normal((sizes[l], sizes[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((sizes[l], 1))
        gradients[f"dW{l}"] = rng.standard_normal((sizes[l], sizes[l - 1]))
        gradients[f"db{l}"] = rng.standard_normal((sizes[l], 1))
    return parameters, gradients


def test_the_l1_cost_by_hand():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[5.0]]), "W2": np.array([[-0.5]]),
                  "b2": np.array([[-7.0]])}  # fmt: skip
    assert ref.compute_l1_regularization_cost(parameters, 0.4, 2) == pytest.approx(0.4 / 2 * 3.5)
    zeroed = {k: v * 0 if k[0] == "W" else v for k, v in parameters.items()}
    assert ref.compute_l1_regularization_cost(zeroed, 0.4, 2) == 0


def test_the_l1_gradient_adds_the_sign_and_leaves_the_biases_and_the_argument_alone():
    parameters = {"W1": np.array([[1.5, 0.0, -2.0]]), "b1": np.array([[3.0]])}
    gradients = {"dW1": np.array([[0.1, 0.2, 0.3]]), "db1": np.array([[0.4]])}
    got = ref.backward_propagation_with_l1_regularization(gradients, parameters, 0.5, 5)
    np.testing.assert_allclose(got["dW1"], [[0.2, 0.2, 0.2]])  # sign(0) = 0: the middle is unchanged
    assert got["db1"] is gradients["db1"] and gradients["dW1"][0, 0] == 0.1


@pytest.mark.parametrize(("losses", "patience", "min_delta", "expected"), [
    ([0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7], 3, 0.0, (2, 5)),
    ([0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7], 5, 0.0, (2, 6)),
    ([1.0, 0.9, 0.8, 0.7], 1, 0.0, (3, 3)),
    ([0.5], 2, 0.0, (0, 0)),
    ([1.0, 0.95, 0.93, 0.92, 0.5], 2, 0.1, (0, 2)),
    ([0.8, 0.6, 0.6, 0.7, 0.6, 0.9], 3, 0.0, (1, 4)),
    ([1.0, 0.875, 0.5], 1, 0.125, (2, 2)),  # a decrease of exactly min_delta improves
])  # fmt: skip
def test_early_stopping_by_hand(losses, patience, min_delta, expected):
    assert ref.early_stopping(losses, patience, min_delta) == expected


@pytest.mark.parametrize("mistake", mistakes.L1_COST, ids=lambda m: m.description)
def test_each_l1_cost_mistake_differs_from_the_reference(mistake):
    parameters, _ = network()
    with pytest.raises(CheckFailed):
        expect_same(
            mistake.gives(parameters, 0.7, 3), ref.compute_l1_regularization_cost(parameters, 0.7, 3), ""
        )


@pytest.mark.parametrize("mistake", mistakes.L1_GRADIENTS, ids=lambda m: m.description)
def test_each_l1_gradient_mistake_differs_from_the_reference(mistake):
    parameters, gradients = network()
    parameters["W1"][0, 0] = 0.0
    expected = ref.backward_propagation_with_l1_regularization(gradients, parameters, 0.7, 3)
    with pytest.raises(CheckFailed):
        expect_same(mistake.gives(gradients, parameters, 0.7, 3), expected, "")


@pytest.mark.parametrize("mistake", mistakes.EARLY_STOPPING, ids=lambda m: m.description)
def test_each_early_stopping_mistake_differs_from_the_reference_on_some_worked_curve(mistake):
    curves = [([0.9, 0.7, 0.6, 0.65, 0.62, 0.61, 0.7, 0.3], 3, 0.0), ([0.8, 0.6, 0.6, 0.7, 0.6, 0.9], 3, 0.0),
              ([1.0, 0.95, 0.93, 0.92, 0.5], 2, 0.1), ([1.0, 0.9, 0.8], 2, 0.0),
              ([1.0, 0.5, 0.6, 0.55, 0.7], 2, 0.0)]  # fmt: skip
    assert any(mistake.gives(*c) != ref.early_stopping(*c) for c in curves)


def test_a_flip_mirrors_the_columns_and_b_x_and_flipping_twice_gives_the_batch_back():
    images = np.arange(2 * 2 * 3 * 1, dtype=float).reshape(2, 2, 3, 1)
    boxes = np.array([[0.25, 0.5, 0.2, 0.1], [0.9, 0.1, 0.3, 0.3]])
    flipped, flipped_boxes = ref.flip_horizontal(images, boxes)
    assert flipped[0, :, :, 0].tolist() == [[2, 1, 0], [5, 4, 3]]
    np.testing.assert_allclose(flipped_boxes, [[0.75, 0.5, 0.2, 0.1], [0.1, 0.1, 0.3, 0.3]])
    again = ref.flip_horizontal(flipped, flipped_boxes)
    assert np.array_equal(again[0], images) and np.allclose(again[1], boxes)


def test_a_crop_is_a_window_of_its_own_image_and_the_seed_decides_which():
    images = np.arange(3 * 4 * 5 * 2, dtype=float).reshape(3, 4, 5, 2)
    crops = ref.random_crop(images, 2, 3, seed=7)
    assert crops.shape == (3, 2, 3, 2) and np.array_equal(crops, ref.random_crop(images, 2, 3, seed=7))
    for i in range(3):
        assert any(
            np.array_equal(crops[i], images[i, t : t + 2, l : l + 3]) for t in range(3) for l in range(3)
        )
    assert np.array_equal(ref.random_crop(images, 4, 5, seed=1), images)  # the only window that fits


def test_a_shift_moves_the_pixels_and_fills_with_zeros():
    images = np.arange(1, 1 + 2 * 3 * 3 * 1, dtype=float).reshape(2, 3, 3, 1)
    assert np.array_equal(ref.random_shift(images, 0, seed=3), images)
    shifted = ref.random_shift(images, 1, seed=3)
    for i in range(2):
        values = shifted[i][shifted[i] != 0]
        assert set(values) <= set(images[i].ravel()) and len(values) in (4, 6, 9)


def test_it_is_a_member_of_week1():
    assert ASSIGNMENT.name in GROUPS["week1"].members


STUDENT = textwrap.dedent("""
    import numpy as np

    def compute_l1_regularization_cost(parameters, lambd, m):
        L = len(parameters) // 2
        return lambd / m * sum(np.sum(np.abs(parameters["W" + str(l)])) for l in range(1, L + 1))

    def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
        out = dict(gradients)
        for l in range(1, len(parameters) // 2 + 1):
            W = parameters["W" + str(l)]
            out["dW" + str(l)] = gradients["dW" + str(l)] + lambd / m * np.where(W >= 0, 1.0, -1.0)
        return out

    def early_stopping(dev_losses, patience, min_delta=0.0):
        best, wait = 0, 0
        for t in range(1, len(dev_losses)):
            if dev_losses[t] <= dev_losses[best] - min_delta:
                best, wait = t, 0
            else:
                wait += 1
                if wait >= patience:
                    return best, t
        return best, len(dev_losses) - 1
""")


def test_a_student_is_told_sign_of_zero_and_ties(tmp_path):
    path = tmp_path / "regularization_extras.py"
    path.write_text(STUDENT)
    result = grade(ASSIGNMENT.name, path, exercises=list(ASSIGNMENT.exercises[1:3]))
    failed = {(e.name, c.name): c for e in result.exercises for c in e.checks if not c.passed}
    assert set(failed) == {
        ("backward_propagation_with_l1_regularization", "check_sign_of_zero_is_zero"),
        ("early_stopping", "check_ties_keep_the_earliest"),
        ("early_stopping", "check_worked_examples"),
    }
    assert (
        "sign(0) = 0"
        in failed["backward_propagation_with_l1_regularization", "check_sign_of_zero_is_zero"].message
    )
    ties = failed["early_stopping", "check_ties_keep_the_earliest"]
    assert "a loss equal to the best taken as an improvement" in ties.message


@pytest.mark.parametrize("mistake", mistakes.FLIP, ids=lambda m: m.description)
def test_each_flip_mistake_differs_from_the_reference(mistake):
    images = np.random.default_rng(6).permutation(2 * 3 * 4 * 2).reshape(2, 3, 4, 2).astype(float)
    boxes = np.random.default_rng(7).uniform(0.1, 0.9, (2, 4))
    with pytest.raises(CheckFailed):
        expect_same(mistake.gives(images, boxes), ref.flip_horizontal(images, boxes), "")
