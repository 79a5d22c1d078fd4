"""c4w2 end to end: a realistic student file gets the messages its mistakes deserve, and each
known mistake differs from the reference."""

import copy
import textwrap

import numpy as np
import pytest

from grader.api import grade
from grader.assignments import get_assignment
from grader.checks import c4w2_mistakes as mistakes
from grader.judge.compare import CheckFailed, expect_same
from reference import residual as ref

ASSIGNMENT = get_assignment("c4w2")

# The stub filled in: the 1x1 convolutions of the block go through the student's own conv_1x1,
# the shortcut is added after the last ReLU, and the bottleneck layer's own cost is left out.
STUDENT = textwrap.dedent("""
    # GRADED FUNCTION: identity_block
    def identity_block(X, parameters):
        if parameters["W3"].shape[3] != X.shape[3]:
            raise ValueError("channels")
        A1 = np.maximum(conv_1x1(X, parameters["W1"], parameters["b1"]), 0)
        A2 = np.maximum(conv_same(A1, parameters["W2"], parameters["b2"]), 0)
        Z3 = conv_1x1(A2, parameters["W3"], parameters["b3"])
        return np.maximum(Z3, 0) + X  # mistake: the shortcut after the ReLU


    # GRADED FUNCTION: conv_1x1
    def conv_1x1(A_prev, W, b):
        m, n_H, n_W, n_C_prev = A_prev.shape
        Z = A_prev.reshape(-1, n_C_prev) @ W.reshape(n_C_prev, -1) + b.reshape(1, -1)
        return Z.reshape(m, n_H, n_W, -1)


    # GRADED FUNCTION: bottleneck_cost
    def bottleneck_cost(n_H, n_W, n_C_prev, n_C, f, n_bottleneck=None):
        if n_bottleneck is None:
            return n_H * n_W * n_C * f * f * n_C_prev
        return n_H * n_W * n_C * f * f * n_bottleneck  # mistake: the 1x1 layer is free
""")


def given_code():
    """The stub's imports and the given conv_same, as a student's file has them."""
    stub = ASSIGNMENT.stub_stem.with_suffix(".py").read_text()
    return stub[: stub.index("# GRADED FUNCTION: identity_block")]


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    path = tmp_path_factory.mktemp("student") / "c4w2.py"
    path.write_text(given_code() + STUDENT)
    return grade("c4w2", path)


def failed_checks(result, exercise):
    return {c.name: c for c in result.exercise(exercise).checks if not c.passed}


def test_the_student_loses_points_only_where_the_mistakes_are(student):
    assert {e.name: e.score for e in student.exercises} == {"identity_block": 19, "conv_1x1": 35,
                                                            "bottleneck_cost": 8}  # fmt: skip


def test_the_shortcut_after_the_relu_is_named_with_its_fix(student):
    failed = failed_checks(student, "identity_block")
    assert set(failed) == {"check_zero_last_layer_gives_relu_of_x", "check_matches_reference"}
    assert (
        "apply the ReLU after adding the shortcut" in failed["check_zero_last_layer_gives_relu_of_x"].message
    )
    assert failed["check_matches_reference"].message.endswith(
        "this is exactly what adding the shortcut after the last ReLU gives"
    )
    assert failed["check_matches_reference"].hint.startswith("the ReLU comes after the addition")


def test_the_free_bottleneck_layer_is_named_on_the_lectures_example(student):
    failed = failed_checks(student, "bottleneck_cost")
    assert set(failed) == {"check_lecture_example", "check_with_bottleneck"}
    message = failed["check_lecture_example"].message
    assert "n_bottleneck=16" in message and "got 10035200, expected 12443648" in message
    assert message.endswith("this is exactly what leaving out the 1x1 bottleneck layer's own cost gives")


def test_a_block_that_broadcasts_one_channel_is_told_to_raise(tmp_path):
    path = tmp_path / "c4w2.py"
    path.write_text(given_code() + STUDENT.replace('raise ValueError("channels")', "pass"))
    message = failed_checks(grade("c4w2", path), "identity_block")[
        "check_channel_change_raises_value_error"
    ].message
    assert "instead of raising ValueError" in message


# The known mistakes.


def arguments():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2, 3, 4, 3))
    parameters = {"W1": rng.standard_normal((1, 1, 3, 2)), "b1": rng.standard_normal((1, 1, 1, 2)),
                  "W2": rng.standard_normal((3, 3, 2, 4)), "b2": rng.standard_normal((1, 1, 1, 4)),
                  "W3": rng.standard_normal((1, 1, 4, 3)), "b3": rng.standard_normal((1, 1, 1, 3))}  # fmt: skip
    return {
        "IDENTITY_BLOCK": [(ref.identity_block, (X, parameters))],
        "CONV_1X1": [(ref.conv_1x1, (X, parameters["W1"], parameters["b1"]))],
        "BOTTLENECK_COST": [(ref.bottleneck_cost, (28, 28, 192, 32, 5, None)),
                            (ref.bottleneck_cost, (28, 28, 192, 32, 5, 16))],
    }  # fmt: skip


@pytest.mark.parametrize(("group", "mistake"), [(g, m) for g in arguments() for m in getattr(mistakes, g)],
                         ids=lambda x: x if isinstance(x, str) else x.description)  # fmt: skip
def test_a_known_mistake_gives_something_else_than_the_reference(group, mistake):
    differs = 0
    for reference, args in arguments()[group]:
        try:
            expect_same(mistake.gives(*copy.deepcopy(args)), reference(*copy.deepcopy(args)), "result")
        except CheckFailed:
            differs += 1
    assert differs


@pytest.fixture(scope="module")
def checks(check_module):
    """The checks module: importing it needs the grading markers, which this session lacks."""
    return check_module("c4w2")


def test_sampled_blocks_cover_every_size_and_are_described_with_python_ints(checks):
    from grader.judge.strategies import sample_batch

    blocks = sample_batch(checks.block_cases().sample, 400, seed=1)
    shapes = {c.args[0].shape for c in blocks}
    assert {s[0] for s in shapes} == {1, 2, 3} and {s[1] for s in shapes} == set(range(1, 6))
    assert {s[3] for s in shapes} == set(range(1, 5))
    assert {c.args[1]["W2"].shape[0] for c in blocks} == {1, 3, 5}
    assert all("np." not in c.description for c in blocks)
    changing = sample_batch(checks.channel_changing_blocks().sample, 100, seed=2)
    assert all(c.args[0].shape[3] != c.args[1]["W3"].shape[3] for c in changing)


def test_sampled_poked_convs_change_one_pixel_inside_the_input(checks):
    from grader.judge.strategies import sample_batch

    for case, poked, pixel in sample_batch(checks.poked_convs().sample, 100, seed=3):
        assert all(type(i) is int for i in pixel)
        changed = np.argwhere(np.any(poked.args[0] != case.args[0], axis=3))
        assert [tuple(p) for p in changed] == [pixel]
        assert poked.description == f"{case.description}, pixel {pixel} changed"


def test_sampled_costs_are_python_ints_in_range(checks):
    from grader.judge.strategies import sample_batch

    costs = sample_batch(checks.cost_cases(bottleneck=True).sample, 300, seed=4)
    assert all(type(v) is int for c in costs for v in c.args)
    assert {c.args[4] for c in costs} == {1, 3, 5, 7} and all(1 <= c.args[5] <= 64 for c in costs)
    assert all(c.args[5] is None for c in sample_batch(checks.cost_cases(bottleneck=False).sample, 5, seed=5))
