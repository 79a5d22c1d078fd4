"""c4w1 end to end: a realistic student file with a wrong zero_pad and the pad:-pad slice gets
the feedback it deserves (each mistake costs points once, in its own exercise, and the pad = 0
edge only its own check), the course's untouched templates earn nothing in the functions built
on blocks, the known mistakes differ from the reference, and the numerical gradients of the
checks agree with it."""

import copy

import numpy as np
import pytest

from grader.api import grade
from grader.assignments import ROOT, get_assignment
from grader.checks import c4w1_mistakes as mistakes
from grader.checks.c4w1_mistakes import out_size
from grader.judge.compare import CheckFailed, expect_same
from grader.judge.strategies import sample_batch
from reference import convolution as ref

ASSIGNMENT = get_assignment("c4w1")
MUTANTS = ROOT / "tests" / "mutants" / "c4w1"
TEMPLATES = ROOT / "tests" / "fixtures" / "templates"


@pytest.fixture(scope="module")
def checks(check_module):
    """grader.checks.c4w1, imported once the grading markers are registered (--strict-markers)."""
    return check_module("c4w1")


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


@pytest.fixture(scope="module")
def wrong_padding_and_unpadding(tmp_path_factory):
    return graded_with(
        tmp_path_factory.mktemp("student"), "zero_pad__pads_all_axes", "conv_backward__negative_pad_slice"
    )


def test_a_wrong_zero_pad_costs_points_in_zero_pad_only(wrong_padding_and_unpadding):
    """conv_forward and conv_backward call it, with the reference's zero_pad in its place."""
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


def test_a_conv_single_step_returning_an_array_costs_points_in_conv_single_step_only(tmp_path):
    result = graded_with(tmp_path, "conv_single_step__returns_an_array")
    assert lost_points(result) == {"conv_single_step"}
    assert (
        "got an array of shape (1, 1, 1)"
        in failed_checks(result, "conv_single_step")["check_returns_a_number"].message
    )


def test_an_off_by_one_output_size_is_named(tmp_path):
    result = graded_with(tmp_path, "conv_forward__ceil_output_size")
    message = failed_checks(result, "conv_forward")["check_output_size"].message
    assert "the size rounded up instead of down" in message  # by Z's shape, or by a window past the edge


def test_a_first_argmax_mask_loses_only_the_ties_check(tmp_path):
    result = graded_with(tmp_path, "create_mask_from_window__first_max_only")
    assert lost_points(result) == {"create_mask_from_window"}
    assert set(failed_checks(result, "create_mask_from_window")) == {"check_ties_mark_every_maximum"}


@pytest.mark.parametrize(
    "mutant", ["conv_backward__negative_pad_slice", "conv_backward__negative_pad_slice_vectorized"]
)
def test_the_pad_minus_pad_slice_costs_only_the_pad_zero_check(tmp_path, mutant):
    """Right for every pad the course uses: the pad = 0 edge is check_pad_zero's alone (was 2/22)."""
    result = graded_with(tmp_path, mutant)
    failed = {(e.name, c.name) for e in result.exercises for c in e.checks if not c.passed}
    assert failed == {("conv_backward", "check_pad_zero")}
    assert result.exercise("conv_backward").score == 22 - 3


@pytest.mark.parametrize("generation", ["2017", "2021"])
def test_an_untouched_template_earns_nothing_in_the_functions_built_on_blocks(generation):
    """Its blocks are the reference's, so nothing excuses the template's own body (2021+ was 63/100:
    pool_backward 16/16, conv_forward 20/20, conv_backward 22/22, by error carried forward)."""
    result = grade("c4w1", TEMPLATES / f"c4w1_{generation}_untouched.py")
    assert {name: result.exercise(name).score for name in ("conv_forward", "conv_backward", "pool_backward")} == {
        "conv_forward": 0, "conv_backward": 0, "pool_backward": 0}  # fmt: skip


# The checks' own parts.


def test_the_numerical_gradients_of_the_checks_agree_with_the_reference(checks):
    for case, numerical in checks.conv_gradient_cases():
        expect_same(ref.conv_backward(*copy.deepcopy(case.args)), numerical, "", checks.NUMERICAL)
    for mode in ("max", "average"):
        for case, numerical in checks.pool_gradient_cases(mode):
            expect_same(ref.pool_backward(*copy.deepcopy(case.args)), numerical, "dA_prev", checks.NUMERICAL)


def sampled(cases, count: int, seed: int = 0) -> list:
    """``count`` cases of a :class:`~grader.judge.strategies.Sampled`, one batch from ``seed``."""
    return sample_batch(cases.sample, count, seed)


def test_the_geometries_drawn_include_pad_zero_strides_f_equal_n_and_non_square_inputs(checks):
    seen = set()

    for case in sampled(checks.conv_geometries(), 60):
        A_prev, W, _, hp = case.args
        n_H, n_W, f = A_prev.shape[1], A_prev.shape[2], W.shape[0]
        assert f <= min(n_H, n_W) + 2 * hp["pad"]
        seen.update({"pad 0"} if hp["pad"] == 0 else set())
        seen.update({"stride > 1"} if hp["stride"] > 1 else set())
        seen.update({"f = n"} if f == n_H else set())
        seen.update({"non-square"} if n_H != n_W else set())

    assert seen == {"pad 0", "stride > 1", "f = n", "non-square"}


def output_sizes(case):
    A_prev, W, _, hp = case.args
    return [out_size(n, W.shape[0], hp["pad"], hp["stride"]) for n in A_prev.shape[1:3]]


def test_conv_backward_draws_pad_zero_in_check_pad_zero_only(checks):
    """The course never tests pad = 0; every other conv_backward check draws pad >= 1."""
    pads = {case.args[1][3]["pad"] for case in sampled(checks.backward_cases(), 100)}
    assert pads == {1, 2}
    assert all(geometry[6] >= 1 for geometry in checks.GRADIENT_GEOMETRIES)


def test_the_drawn_layers_are_small_enough_for_a_block_call_per_output_entry(checks):
    """conv_forward makes m n_H n_W n_C round trips to the judge per case: outputs stay MAX_OUT wide."""
    sizes = set()

    for conv, backward, pool in zip(sampled(checks.conv_geometries(), 200, 1),
                                    sampled(checks.conv_geometries(pads=range(1, 3)), 200, 2),
                                    sampled(checks.pool_geometries(), 200, 3), strict=True):  # fmt: skip
        A_prev, hp, _ = pool.args
        pooled = [out_size(n, hp["f"], 0, hp["stride"]) for n in A_prev.shape[1:3]]
        for n in (*output_sizes(conv), *output_sizes(backward), *pooled):
            assert 1 <= n <= checks.MAX_OUT
            sizes.add(n)
        assert backward.args[3]["pad"] >= 1
        for f, stride, n in ((conv.args[1].shape[0], conv.args[3]["stride"], conv.args[0].shape[1:3]),
                             (hp["f"], hp["stride"], A_prev.shape[1:3])):  # fmt: skip
            assert stride <= f <= min(n)  # the course's domain: the edges have checks of their own

    assert sizes == set(range(1, checks.MAX_OUT + 1))


def test_each_edge_is_drawn_by_its_own_check_only(checks):
    for skipping, wider, pool in zip(sampled(checks.conv_geometries(edge=checks.STRIDE_ABOVE_F), 50, 1),
                                     sampled(checks.conv_geometries(edge=checks.WINDOW_WIDER_THAN_INPUT), 50, 2),
                                     sampled(checks.pool_geometries(edge=checks.STRIDE_ABOVE_F), 50, 3),
                                     strict=True):  # fmt: skip
        assert skipping.args[3]["stride"] > skipping.args[1].shape[0]
        assert wider.args[1].shape[0] > max(wider.args[0].shape[1:3]) and wider.args[3]["pad"] >= 1
        assert pool.args[1]["stride"] > pool.args[1]["f"]


def test_the_sampled_cases_hold_python_ints(checks):
    """Sizes, pads and strides are Python ints, as Hypothesis drew them: a numpy scalar would
    print as np.int64(2) in a description and cross the wire as another type."""
    cases = [*sampled(checks.conv_geometries(), 30), *sampled(checks.pool_geometries(), 30),
             *sampled(checks.pad_cases(), 30), *sampled(checks.same_geometries(), 30)]  # fmt: skip
    for case in cases:
        assert "np." not in case.description
        for arg in case.args:
            if isinstance(arg, dict):
                assert all(type(v) is int for v in arg.values())
            elif not isinstance(arg, (np.ndarray, str)):
                assert type(arg) is int


def test_a_direct_sum_is_the_reference_output(checks):
    A_prev, W, b, hp = checks.conv_case(2, 5, 4, 3, 2, 3, 1, 2, seed=3).args
    Z = ref.conv_forward(A_prev, W, b, hp)[0]
    for index in np.ndindex(Z.shape):
        assert checks.direct_sum(A_prev, W, b, hp["pad"], hp["stride"], *index) == pytest.approx(
            Z[index], abs=1e-12
        )


def arguments():
    rng = np.random.default_rng(1)
    A_prev, W, b = (
        rng.standard_normal((2, 5, 4, 2)),
        rng.standard_normal((3, 3, 2, 2)),
        rng.standard_normal((1, 1, 1, 2)),
    )
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


@pytest.mark.parametrize(
    ("group", "mistake"),
    [(g, m) for g in arguments() for m in getattr(mistakes, g)],
    ids=lambda x: x if isinstance(x, str) else x.description,
)
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
    for function, variant in (
        ("CONV_FORWARD", mistakes.conv_variant),
        ("CONV_BACKWARD", mistakes.conv_backward_variant),
        ("POOL_FORWARD", mistakes.pool_variant),
        ("POOL_BACKWARD", mistakes.pool_backward_variant),
    ):
        for reference, case in args[function]:
            expect_same(variant(*copy.deepcopy(case)), reference(*copy.deepcopy(case)), function)
