"""c4w1 end to end: the reference gets full marks quickly and the stub zero, a realistic student
file with a wrong zero_pad and the pad:-pad slice gets the feedback it deserves (each mistake
costs points once, in its own exercise), the known mistakes differ from the reference, and the
numerical gradients of the checks agree with it."""

import copy

import numpy as np
import pytest

from grader.api import grade, list_checks
from grader.assignments import ROOT, get_assignment
from grader.checks import c4w1_mistakes as mistakes
from grader.compare import CheckFailed, expect_same
from grader.plugin import MARKERS
from reference import convolution as ref

ASSIGNMENT = get_assignment("c4w1")
MUTANTS = ROOT / "tests" / "mutants" / "c4w1"


@pytest.fixture(scope="module")
def checks(pytestconfig):
    """grader.checks.c4w1, imported once the grading markers are registered (--strict-markers)."""
    for marker, meaning in MARKERS.items():
        pytestconfig.addinivalue_line("markers", f"{marker}: {meaning}")
    from grader.checks import c4w1

    return c4w1


def graded_with(tmp_path, *mutants):
    """The reference with the named mutants appended, graded."""
    path = tmp_path / "convolution_model.py"
    path.write_text("\n\n".join([ASSIGNMENT.reference_path.read_text(),
                                 *((MUTANTS / f"{m}.py").read_text() for m in mutants)]))  # fmt: skip
    return grade("c4w1", path)


def failed_checks(result, exercise):
    return {c.name: c for c in result.exercise(exercise).checks if not c.passed}


def lost_points(result):
    return {e.name for e in result.exercises if e.score < e.max_score}


def test_the_reference_gets_full_marks_quickly():
    result = grade("c4w1", ASSIGNMENT.reference_path)
    assert (result.score, result.max_score) == (100, 100)
    assert result.duration_s < 10  # about 2 s on a busy machine; generous for CI


def test_the_stub_gets_zero():
    assert grade("c4w1", ASSIGNMENT.stub_stem.with_suffix(".py")).score == 0


def test_points_add_up_to_100_with_every_exercise_graded():
    points = {exercise: sum(p for _, p in items) for exercise, items in list_checks("c4w1").items()}
    assert tuple(points) == ASSIGNMENT.exercises
    assert sum(points.values()) == 100 and all(points.values())


@pytest.fixture(scope="module")
def wrong_padding_and_unpadding(tmp_path_factory):
    return graded_with(tmp_path_factory.mktemp("student"), "zero_pad__pads_all_axes", "conv_backward__negative_pad_slice")


def test_a_wrong_zero_pad_costs_points_in_zero_pad_only(wrong_padding_and_unpadding):
    """conv_forward calls it and breaks where pad > 0, but is excused there (error carried forward)."""
    assert lost_points(wrong_padding_and_unpadding) == {"zero_pad", "conv_backward"}
    failed = failed_checks(wrong_padding_and_unpadding, "zero_pad")
    assert failed["check_matches_reference"].message.endswith("this is exactly what padding all four axes "
                                                              "(np.pad(X, pad)) gives")  # fmt: skip
    assert failed["check_matches_reference"].hint.startswith("pad only the height and width")


def test_the_pad_minus_pad_slice_is_named_at_pad_zero(wrong_padding_and_unpadding):
    check = failed_checks(wrong_padding_and_unpadding, "conv_backward")["check_pad_zero"]
    assert "could not broadcast input array from shape (0,0,2)" in check.message
    assert "pad:-pad, which is empty at pad = 0" in check.message
    assert check.hint.startswith("take dA_prev from da_prev_pad[pad:pad + n_H_prev")


def test_a_conv_single_step_returning_an_array_is_carried_forward_into_conv_forward(tmp_path):
    result = graded_with(tmp_path, "conv_single_step__returns_an_array")
    assert lost_points(result) == {"conv_single_step"}
    assert "got an array of shape (1, 1, 1)" in failed_checks(result, "conv_single_step")["check_returns_a_number"].message


def test_an_off_by_one_output_size_is_named(tmp_path):
    result = graded_with(tmp_path, "conv_forward__ceil_output_size")
    message = failed_checks(result, "conv_forward")["check_output_size"].message
    assert message.endswith("that is the size rounded up instead of down")


def test_a_first_argmax_mask_loses_only_the_ties_check(tmp_path):
    result = graded_with(tmp_path, "create_mask_from_window__first_max_only")
    assert lost_points(result) == {"create_mask_from_window"}
    assert set(failed_checks(result, "create_mask_from_window")) == {"check_ties_mark_every_maximum"}


# The checks' own parts.


def test_the_numerical_gradients_of_the_checks_agree_with_the_reference(checks):
    for case, numerical in checks.conv_gradient_cases():
        expect_same(ref.conv_backward(*copy.deepcopy(case.args)), numerical, "", checks.NUMERICAL)
    for mode in ("max", "average"):
        for case, numerical in checks.pool_gradient_cases(mode):
            expect_same(ref.pool_backward(*copy.deepcopy(case.args)), numerical, "dA_prev", checks.NUMERICAL)


def test_the_geometries_drawn_include_pad_zero_strides_f_equal_n_and_non_square_inputs(checks):
    from hypothesis import given, settings

    seen = set()

    @settings(max_examples=60, derandomize=True, database=None)
    @given(checks.conv_geometries())
    def collect(case):
        A_prev, W, _, hp = case.args
        n_H, n_W, f = A_prev.shape[1], A_prev.shape[2], W.shape[0]
        assert f <= min(n_H, n_W) + 2 * hp["pad"]
        seen.update({"pad 0"} if hp["pad"] == 0 else set())
        seen.update({"stride > 1"} if hp["stride"] > 1 else set())
        seen.update({"f = n"} if f == n_H else set())
        seen.update({"non-square"} if n_H != n_W else set())

    collect()
    assert seen == {"pad 0", "stride > 1", "f = n", "non-square"}


def test_a_direct_sum_is_the_reference_output(checks):
    A_prev, W, b, hp = checks.conv_case(2, 5, 4, 3, 2, 3, 1, 2, seed=3).args
    Z = ref.conv_forward(A_prev, W, b, hp)[0]
    for index in np.ndindex(Z.shape):
        assert checks.direct_sum(A_prev, W, b, hp["pad"], hp["stride"], *index) == pytest.approx(Z[index], abs=1e-12)


def arguments():
    rng = np.random.default_rng(1)
    A_prev, W, b = rng.standard_normal((2, 5, 4, 2)), rng.standard_normal((3, 3, 2, 2)), rng.standard_normal((1, 1, 1, 2))
    hp = {"pad": 1, "stride": 2}
    Z, cache = ref.conv_forward(A_prev, W, b, hp)
    dZ = rng.standard_normal(Z.shape)
    at_zero = ref.conv_forward(A_prev, W, b, {"pad": 0, "stride": 1})[1]
    dZ_zero = rng.standard_normal(ref.conv_forward(*at_zero)[0].shape)
    pool_cache = (rng.permutation(2 * 5 * 4 * 2).reshape(2, 5, 4, 2) * 0.5, {"f": 2, "stride": 1})
    dA = rng.standard_normal(ref.pool_forward(*pool_cache)[0].shape)
    strided = (pool_cache[0], {"f": 2, "stride": 2})
    dA_strided = rng.standard_normal(ref.pool_forward(*strided)[0].shape)
    return {
        "ZERO_PAD": [(ref.zero_pad, (A_prev, 2))],
        "CONV_SINGLE_STEP": [(ref.conv_single_step, (A_prev[0, :3, :3], W[..., 0], b[..., 0]))],
        "CONV_FORWARD": [(ref.conv_forward, (A_prev, W, b, hp))],
        "POOL_FORWARD": [(ref.pool_forward, (A_prev, {"f": 2, "stride": 2}, "max")),
                         (ref.pool_forward, (A_prev, {"f": 2, "stride": 2}, "average"))],
        "CONV_BACKWARD": [(ref.conv_backward, (dZ, cache)), (ref.conv_backward, (dZ_zero, at_zero))],
        "CREATE_MASK": [(ref.create_mask_from_window, (np.array([[1.0, 3.0], [4.0, 2.0], [0.0, 1.0]]),)),
                        (ref.create_mask_from_window, (np.array([[1.0, 3.0], [3.0, 2.0]]),))],
        "DISTRIBUTE_VALUE": [(ref.distribute_value, (2.0, (2, 3)))],
        "POOL_BACKWARD": [(ref.pool_backward, (dA, pool_cache, "max")), (ref.pool_backward, (dA, pool_cache, "average")),
                          (ref.pool_backward, (dA_strided, strided, "max"))],
    }  # fmt: skip


@pytest.mark.parametrize(("group", "mistake"), [(g, m) for g in arguments() for m in getattr(mistakes, g)],
                         ids=lambda x: x if isinstance(x, str) else x.description)
def test_a_known_mistake_gives_something_else_than_the_reference_on_some_input(group, mistake):
    def differs(reference, args):
        try:
            expect_same(mistake.gives(*copy.deepcopy(args)), reference(*copy.deepcopy(args)), "result")
        except CheckFailed:
            return True
        return False

    assert any(differs(reference, args) for reference, args in arguments()[group])


def test_the_variants_with_no_switch_are_the_reference():
    args = arguments()
    for function, variant in (("CONV_FORWARD", mistakes.conv_variant), ("CONV_BACKWARD", mistakes.conv_backward_variant),
                              ("POOL_FORWARD", mistakes.pool_variant), ("POOL_BACKWARD", mistakes.pool_backward_variant)):
        for reference, case in args[function]:
            expect_same(variant(*copy.deepcopy(case)), reference(*copy.deepcopy(case)), function)
