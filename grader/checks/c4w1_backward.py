r"""Course 4 week 1's checks of the backward passes (:mod:`grader.checks.c4w1`): conv_backward,
create_mask_from_window, distribute_value and pool_backward, against central differences."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from hypothesis import given

from grader.checks import c4w1_mistakes as mistakes
from grader.checks.c4w1_expect import (
    compare_mask,
    expect_floats,
    judged_explaining,
    like_expected,
    unpad_error,
)
from grader.checks.c4w1_inputs import (
    STRIDE_ABOVE_F,
    WINDOW_WIDER_THAN_INPUT,
    backward_cases,
    conv_gradient_cases,
    distribute_cases,
    notebook,
    notebook_backward_cases,
    pad_zero_cases,
    pool_backward_cases,
    pool_geometries,
    pool_gradient_cases,
    tie_cases,
    window_cases,
)
from grader.judge.compare import REFERENCE, Tolerance, expect_number, expect_same, fail, on
from grader.judge.exercises import Exercise
from grader.judge.judging import fresh, judged
from grader.judge.strategies import Case, batches
from reference import convolution as ref

#: Central differences agree with the backward passes this closely (the layers are linear or
#: piecewise linear in each input, so only rounding separates the two).
NUMERICAL = Tolerance(rtol=1e-6, atol=1e-7)

CONV_BACKWARD = Exercise("conv_backward", ref.conv_backward, returns=("dA_prev", "dW", "db"),
                         mistakes=mistakes.CONV_BACKWARD)  # fmt: skip
CREATE_MASK = Exercise(
    "create_mask_from_window",
    ref.create_mask_from_window,
    returns="mask",
    mistakes=mistakes.CREATE_MASK,
    comparison=compare_mask,
)
DISTRIBUTE_VALUE = Exercise("distribute_value", ref.distribute_value, returns="a",
                            mistakes=mistakes.DISTRIBUTE_VALUE)  # fmt: skip
POOL_BACKWARD = Exercise(
    "pool_backward", ref.pool_backward, returns="dA_prev", mistakes=mistakes.POOL_BACKWARD
)

# --------------------------------------------------------------------------- conv_backward


def expect_conv_backward(student, cases: Sequence[Case], expected_of: Callable[[Case], object] | None = None,
                         tol: Tolerance = REFERENCE) -> None:  # fmt: skip
    """Each case's gradients must be ``expected_of(case)`` (the reference's by default); the
    ``pad:-pad`` slice is named when it raises at pad = 0 (:func:`unpad_error`)."""
    expected_of = expected_of or (lambda c: CONV_BACKWARD.reference(*fresh(c.args)))
    like_expected(CONV_BACKWARD, student, cases, expected_of, tol, unpad_error)


@pytest.mark.exercise("conv_backward")
class CheckConvBackward:
    @pytest.mark.points(8)
    @pytest.mark.hint("for each (i, h, w, c): da_prev_pad[window] += W[:, :, :, c] * dZ[i, h, w, c], "
                      "dW[:, :, :, c] += a_slice * dZ[i, h, w, c], db[:, :, :, c] += dZ[i, h, w, c]")  # fmt: skip
    def check_matches_numerical_gradients(self, student):
        cases = conv_gradient_cases()
        numerical = {id(case): expected for case, expected in cases}
        expect_conv_backward(student, [case for case, _ in cases], lambda c: numerical[id(c)], NUMERICAL)

    @pytest.mark.points(3)
    @pytest.mark.hint("windows overlap when stride < f: accumulate with +=, and cut the padding off "
                      "da_prev_pad with [pad:pad + n_H_prev, pad:pad + n_W_prev, :]")  # fmt: skip
    @given(batch=batches(backward_cases()))
    def check_matches_reference(self, student, batch):
        expect_conv_backward(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: their gradient stays 0; window (h, w) starts at h * stride"
    )
    @given(batch=batches(backward_cases(STRIDE_ABOVE_F), size=5))
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_conv_backward(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint("a window wider than A_prev fits the padded input: accumulate into da_prev_pad, then "
                      "cut dA_prev = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]")  # fmt: skip
    @given(batch=batches(backward_cases(WINDOW_WIDER_THAN_INPUT), size=5))
    def check_window_wider_than_the_input(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_conv_backward(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "at pad = 0, da_prev_pad[pad:-pad] is empty (-0 is 0): slice [pad:pad + n_H_prev] instead"
    )
    def check_pad_zero(self, student):
        """The one check that draws pad = 0: the course never tests it, and its hint's
        ``pad:-pad`` slice, right for every pad >= 1, is empty there."""
        expect_conv_backward(student, pad_zero_cases())

    @pytest.mark.points(2)
    @pytest.mark.needs("check_matches_reference")  # zeros of the right shapes have this property too
    @pytest.mark.hint("dW has W's shape (f, f, n_C_prev, n_C) and db b's shape (1, 1, 1, n_C): "
                      "one gradient per parameter, (f * f * n_C_prev + 1) * n_C in all")  # fmt: skip
    @given(batch=batches(backward_cases(), size=5))
    def check_one_gradient_per_parameter(self, student, batch):
        for case, got in judged_explaining(student.conv_backward, batch, unpad_error):
            with on(case.description):
                _, (A_prev, W, b, _) = case.args
                _, dW, db = CONV_BACKWARD.parts(got)
                f, _, n_C_prev, n_C = W.shape
                count = sum(np.size(g) if isinstance(g, np.ndarray) else 1 for g in (dW, db))
                if (f * f * n_C_prev + 1) * n_C != count:
                    fail(f"dW and db hold {count} numbers, but the layer has (f * f * n_C_prev + 1) * n_C = "
                         f"({f} * {f} * {n_C_prev} + 1) * {n_C} = {(f * f * n_C_prev + 1) * n_C} parameters")  # fmt: skip
                expect_floats(dW, W.shape, "dW")
                expect_floats(db, b.shape, "db")

    @pytest.mark.points(2)
    @pytest.mark.hint("db[:, :, :, c] is the sum of dZ[..., c] over the examples and the positions: "
                      "np.sum(dZ, axis=(0, 1, 2), keepdims=True)")  # fmt: skip
    @given(batch=batches(backward_cases(), size=5))
    def check_db_sums_dZ_per_channel(self, student, batch):
        for case, got in judged_explaining(student.conv_backward, batch, unpad_error):
            with on(case.description):
                dZ, (_, _, b, _) = case.args
                db = expect_floats(CONV_BACKWARD.parts(got)[2], b.shape, "db")
                expect_same(db, np.sum(dZ, axis=(0, 1, 2), keepdims=True), "db (dZ summed per channel)")

    @pytest.mark.points(2)
    @pytest.mark.hint("the gradients of Z with respect to A_prev, W and b, given dZ = Z")
    def check_notebook_case(self, student):
        expect_conv_backward(student, notebook_backward_cases())


# --------------------------------------------------------------------------- create_mask_from_window


@pytest.mark.exercise("create_mask_from_window")
class CheckCreateMaskFromWindow:
    @pytest.mark.points(3)
    @pytest.mark.hint("mask = (x == np.max(x)): True where the window's maximum is, False elsewhere")
    @given(batch=batches(window_cases()))
    def check_matches_reference(self, student, batch):
        CREATE_MASK.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("the course defines the mask as x == np.max(x): every entry equal to the maximum is True, "
                      "ties included (np.argmax marks only the first)")  # fmt: skip
    def check_ties_mark_every_maximum(self, student):
        CREATE_MASK.like_reference(student, tie_cases())

    @pytest.mark.points(1)
    @pytest.mark.hint("mask = (x == np.max(x))")
    def check_notebook_case(self, student):
        calls = [
            Case(tuple(notebook((2, 3))), "the notebook's x = np.random.randn(2, 3) after np.random.seed(1)")
        ]
        CREATE_MASK.like_reference(student, calls)


# --------------------------------------------------------------------------- distribute_value


@pytest.mark.exercise("distribute_value")
class CheckDistributeValue:
    @pytest.mark.points(3)
    @pytest.mark.hint("a = np.ones(shape) * dz / (n_H * n_W)")
    @given(batch=batches(distribute_cases()))
    def check_matches_reference(self, student, batch):
        DISTRIBUTE_VALUE.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "average pooling gave every entry the same weight: the n_H * n_W entries share dz equally"
    )
    @given(batch=batches(distribute_cases()))
    def check_entries_are_equal_and_sum_to_dz(self, student, batch):
        for case, got in judged(student.distribute_value, batch):
            with on(case.description):
                dz, shape = case.args
                a = expect_floats(got, shape, "a")
                if not np.all(a == a.flat[0]):
                    fail(
                        f"the entries of a differ ({a.min():.6g} to {a.max():.6g}): the average spreads dz evenly"
                    )
                expect_number(float(np.sum(a)), dz, "np.sum(a)")

    @pytest.mark.points(1)
    @pytest.mark.hint("a = np.ones(shape) * dz / (n_H * n_W)")
    def check_notebook_case(self, student):
        DISTRIBUTE_VALUE.like_reference(student, [Case((2, (2, 2)), "the notebook's dz=2, shape=(2, 2)")])


# --------------------------------------------------------------------------- pool_backward


def expect_pool_numerical(student, mode: str) -> None:
    """pool_backward's dA_prev must be the central differences of the reference's pool_forward."""
    cases = pool_gradient_cases(mode)
    numerical = {id(case): expected for case, expected in cases}
    like_expected(POOL_BACKWARD, student, [case for case, _ in cases], lambda c: numerical[id(c)], NUMERICAL)


@pytest.mark.exercise("pool_backward")
class CheckPoolBackward:
    @pytest.mark.points(4)
    @pytest.mark.hint(
        "mode='max': dA_prev[i, window, c] += create_mask_from_window(a_prev_slice) * dA[i, h, w, c]"
    )
    def check_max_matches_numerical_gradients(self, student):
        expect_pool_numerical(student, "max")

    @pytest.mark.points(4)
    @pytest.mark.hint("mode='average': dA_prev[i, window, c] += distribute_value(dA[i, h, w, c], (f, f))")
    def check_average_matches_numerical_gradients(self, student):
        expect_pool_numerical(student, "average")

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "the window of (h, w) starts at h * stride, w * stride; accumulate with += where windows overlap"
    )
    @given(batch=batches(pool_backward_cases(pool_geometries(modes=("max",), max_c=2)), size=5))
    def check_max_matches_reference(self, student, batch):
        POOL_BACKWARD.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "the window of (h, w) starts at h * stride, w * stride; accumulate with += where windows overlap"
    )
    @given(batch=batches(pool_backward_cases(pool_geometries(modes=("average",), max_c=2)), size=5))
    def check_average_matches_reference(self, student, batch):
        POOL_BACKWARD.like_reference(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: their gradient stays 0; window (h, w) starts at h * stride"
    )
    @given(
        batch=batches(pool_backward_cases(pool_geometries(edge=STRIDE_ABOVE_F, max_out=2, max_c=2)), size=5)
    )
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        POOL_BACKWARD.like_reference(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "dA_prev has A_prev's shape; each window gets the mask (max) or the even share (average) of dA"
    )
    def check_notebook_case(self, student):
        A_prev, dA = notebook((5, 5, 3, 2), (5, 4, 2, 2))
        hp = {"stride": 1, "f": 2}
        calls = [Case((dA, (A_prev, hp), mode), "the notebook's inputs: np.random.seed(1), A_prev = randn(5, 5, 3, 2), "
                      f"stride=1, f=2, then dA = randn(5, 4, 2, 2), mode={mode!r}") for mode in ("max", "average")]  # fmt: skip
        POOL_BACKWARD.like_reference(student, calls)
