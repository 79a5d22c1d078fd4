r"""Course 4 week 1's checks of the forward passes (:mod:`grader.checks.c4w1`): zero_pad,
conv_single_step, conv_forward and pool_forward."""

from __future__ import annotations

import numbers

import numpy as np
import pytest
from hypothesis import given

from grader.checks import c4w1_mistakes as mistakes
from grader.checks.c4w1_expect import (
    conv_shape,
    direct_sum,
    expect_floats,
    judged_explaining,
    part,
    pool_shape,
    window_error,
)
from grader.checks.c4w1_inputs import (
    STRIDE_ABOVE_F,
    WINDOW_WIDER_THAN_INPUT,
    channel_cases,
    conv_geometries,
    notebook,
    number_cases,
    pad_cases,
    pool_geometries,
    same_geometries,
    step_cases,
)
from grader.checks.c4w1_mistakes import out_size
from grader.judge.compare import REFERENCE, expect_number, expect_same, fail, kind, on
from grader.judge.exercises import Exercise
from grader.judge.judging import expect_like_reference, fresh, judged, outcomes, unwrap
from grader.judge.strategies import Case, batches
from reference import convolution as ref

#: Outputs compared with a direct sum per conv case.
POSITIONS = 3

ZERO_PAD = Exercise("zero_pad", ref.zero_pad, returns="X_pad", mistakes=mistakes.ZERO_PAD)
CONV_SINGLE_STEP = Exercise("conv_single_step", ref.conv_single_step, returns="Z",
                            mistakes=mistakes.CONV_SINGLE_STEP)  # fmt: skip
CONV_FORWARD = Exercise("conv_forward", ref.conv_forward, returns=("Z", "cache"),
                        mistakes=mistakes.CONV_FORWARD)  # fmt: skip
POOL_FORWARD = Exercise("pool_forward", ref.pool_forward, returns=("A", "cache"),
                        mistakes=mistakes.POOL_FORWARD)  # fmt: skip

#: Z alone of conv_forward's (Z, cache), A alone of pool_forward's (A, cache).
compare_Z, compare_A = part(CONV_FORWARD, "Z"), part(POOL_FORWARD, "A")


# --------------------------------------------------------------------------- zero_pad


@pytest.mark.exercise("zero_pad")
class CheckZeroPad:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode='constant', constant_values=0)"
    )
    @given(batch=batches(pad_cases()))
    def check_matches_reference(self, student, batch):
        ZERO_PAD.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "pad axes 1 and 2 (height and width) only, on both sides, with zeros; X sits in the middle"
    )
    @given(batch=batches(pad_cases()))
    def check_zero_border_around_X_on_spatial_axes_only(self, student, batch):
        for case, got in judged(student.zero_pad, batch):
            with on(case.description):
                X, p = case.args
                m, n_H, n_W, n_C = X.shape
                X_pad = expect_floats(got, (m, n_H + 2 * p, n_W + 2 * p, n_C),
                                      "X_pad (only the height and width grow, by 2 * pad)")  # fmt: skip
                expect_same(
                    X_pad[:, p : p + n_H, p : p + n_W, :], X, f"X_pad[:, {p}:{p + n_H}, {p}:{p + n_W}, :]"
                )
                border = X_pad.copy()
                border[:, p : p + n_H, p : p + n_W, :] = 0
                if border.any():
                    index = tuple(int(k) for k in np.argwhere(border)[0])
                    fail(f"X_pad{list(index)} = {X_pad[index]:.6g} is in the padding: it should be 0")

    @pytest.mark.points(2)
    @pytest.mark.hint("pad with zeros on both sides of the height and the width")
    def check_notebook_case(self, student):
        (x,) = notebook((4, 3, 3, 2))
        calls = [Case((x, pad), f"the notebook's x = np.random.randn(4, 3, 3, 2) after np.random.seed(1), pad={pad}")
                 for pad in (3, 2)]  # fmt: skip
        expect_like_reference(
            student.zero_pad, ZERO_PAD.reference, calls, "x_pad", mistakes=ZERO_PAD.mistakes
        )


# --------------------------------------------------------------------------- conv_single_step


@pytest.mark.exercise("conv_single_step")
class CheckConvSingleStep:
    @pytest.mark.points(4)
    @pytest.mark.hint(
        "Z = np.sum(a_slice_prev * W) + float(b): the elementwise product, summed, plus the bias"
    )
    @given(batch=batches(step_cases()))
    def check_matches_reference(self, student, batch):
        CONV_SINGLE_STEP.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("b has shape (1, 1, 1): add float(b) (or b.item()) so that Z is a number, not an array")
    def check_returns_a_number(self, student):
        for case, Z in judged(student.conv_single_step, number_cases()):
            with on(case.description):
                if not isinstance(Z, numbers.Real) or isinstance(Z, (bool, np.bool_)):
                    fail(f"Z should be a float, got {kind(Z)}")
                expect_number(Z, ref.conv_single_step(*case.args), "Z")

    @pytest.mark.points(2)
    @pytest.mark.hint("Z = np.sum(a_slice_prev * W) + float(b)")
    def check_notebook_case(self, student):
        call = Case(tuple(notebook((4, 4, 3), (4, 4, 3), (1, 1, 1))), "the notebook's a_slice_prev, W and b "
                    "(np.random.seed(1), then randn(4, 4, 3), randn(4, 4, 3), randn(1, 1, 1))")  # fmt: skip
        CONV_SINGLE_STEP.like_reference(student, [call])


# --------------------------------------------------------------------------- conv_forward


@pytest.mark.exercise("conv_forward")
class CheckConvForward:
    @pytest.mark.points(5)
    @pytest.mark.hint(
        "n_H = int((n_H_prev + 2 * pad - f) / stride) + 1, and the same for n_W: rounded down, then + 1"
    )
    @given(batch=batches(conv_geometries(max_c=1), size=3))
    def check_output_size(self, student, batch):
        for case, got in judged_explaining(student.conv_forward, batch, window_error):
            with on(case.description):
                A_prev, W, _, hp = case.args
                Z, shape = CONV_FORWARD.parts(got)[0], conv_shape(case)
                if type(Z) is np.ndarray and Z.ndim == 4 and Z.shape != shape:
                    wrong = {"without the + 1": "no_plus_one", "rounded up instead of down": "ceil"}
                    which = [text for text, r in wrong.items()
                             if Z.shape[1:3] == tuple(out_size(n, W.shape[0], hp["pad"], hp["stride"], r)
                                                      for n in A_prev.shape[1:3])]  # fmt: skip
                    fail(f"Z has shape {Z.shape}, expected {shape} = (m, floor((n_H_prev + 2 pad - f) / stride) "
                         "+ 1, ..., n_C)" + (f" -- that is the size {which[0]}" if which else ""))  # fmt: skip
                expect_floats(Z, shape, "Z")

    @pytest.mark.points(4)
    @pytest.mark.hint("for each (i, h, w, c): the window a_prev_pad[h * stride : h * stride + f, "
                      "w * stride : w * stride + f, :], then conv_single_step(window, W[..., c], b[..., c])")  # fmt: skip
    @given(batch=batches(conv_geometries(max_c=2), size=5))
    def check_matches_reference(self, student, batch):
        CONV_FORWARD.like_reference(student, batch, compare=compare_Z)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: window (h, w) still starts at h * stride, w * stride"
    )
    @given(batch=batches(conv_geometries(edge=STRIDE_ABOVE_F, max_out=2), size=5))
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        CONV_FORWARD.like_reference(student, batch, compare=compare_Z)

    @pytest.mark.points(1)
    @pytest.mark.hint("a window wider than A_prev fits the padded input: slice a_prev_pad, not A_prev")
    @given(batch=batches(conv_geometries(edge=WINDOW_WIDER_THAN_INPUT), size=5))
    def check_window_wider_than_the_input(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        CONV_FORWARD.like_reference(student, batch, compare=compare_Z)

    @pytest.mark.points(4)
    @pytest.mark.hint("Z[i, h, w, c] = the sum of A_prev_pad[i, h * stride + u, w * stride + v, k] * W[u, v, k, c] "
                      "over the window (u, v < f, all k), plus b[c]")  # fmt: skip
    @given(batch=batches(conv_geometries(pads=range(0, 2), max_c=2), size=5))
    def check_outputs_are_direct_sums(self, student, batch):
        for case, got in judged_explaining(student.conv_forward, batch, window_error):
            with on(case.description):
                A_prev, W, b, hp = case.args
                Z = expect_floats(CONV_FORWARD.parts(got)[0], conv_shape(case), "Z")
                rng = np.random.default_rng(Z.size)
                for _ in range(POSITIONS):
                    i, h, w, c = (int(rng.integers(n)) for n in Z.shape)
                    expected = direct_sum(A_prev, W, b, hp["pad"], hp["stride"], i, h, w, c)
                    expect_number(
                        Z[i, h, w, c],
                        expected,
                        f"Z[{i}, {h}, {w}, {c}] (the sum over its window, plus b[{c}])",
                    )

    @pytest.mark.points(3)
    @pytest.mark.hint("with stride 1 and pad = (f - 1) / 2, n_H = n_H_prev + 2 pad - f + 1 = n_H_prev: "
                      "check the size formula and the padding")  # fmt: skip
    @given(batch=batches(same_geometries(), size=3))
    def check_same_padding_keeps_the_size(self, student, batch):
        for case, got in judged_explaining(student.conv_forward, batch, window_error):
            with on(case.description):
                A_prev, W, _, _ = case.args
                Z = expect_floats(CONV_FORWARD.parts(got)[0], (*A_prev.shape[:3], W.shape[3]),
                                  "Z ('same' padding: the input's height and width)")  # fmt: skip
                compare_Z((Z, None), ref.conv_forward(*fresh(case.args)), "", REFERENCE)

    @pytest.mark.points(2)
    @pytest.mark.hint("return Z and cache = (A_prev, W, b, hparameters)")
    def check_notebook_case(self, student):
        # the 2017 notebook's inputs (m = 10) would cost 1,280 block calls and test nothing more
        calls = [Case((*notebook((2, 5, 7, 4), (3, 3, 4, 8), (1, 1, 1, 8)), {"pad": 1, "stride": 2}),
                      "the notebook's inputs: np.random.seed(1), A_prev = randn(2, 5, 7, 4), W = randn(3, 3, 4, 8), "
                      "b = randn(1, 1, 1, 8), pad=1, stride=2")]  # fmt: skip
        CONV_FORWARD.like_reference(student, calls)


# --------------------------------------------------------------------------- pool_forward


@pytest.mark.exercise("pool_forward")
class CheckPoolForward:
    @pytest.mark.points(2)
    @pytest.mark.hint(
        "n_H = int(1 + (n_H_prev - f) / stride), the same for n_W, and as many channels as A_prev"
    )
    @given(batch=batches(pool_geometries()))
    def check_output_size_keeps_the_channels(self, student, batch):
        for case, got in judged(student.pool_forward, batch):
            with on(case.description):
                expect_floats(POOL_FORWARD.parts(got)[0], pool_shape(case), "A (the same n_C as A_prev)")

    @pytest.mark.points(4)
    @pytest.mark.hint("mode='max': A[i, h, w, c] = np.max(A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]) "
                      "with vert_start = h * stride")  # fmt: skip
    @given(batch=batches(pool_geometries(modes=("max",))))
    def check_max_matches_reference(self, student, batch):
        POOL_FORWARD.like_reference(student, batch, compare=compare_A)

    @pytest.mark.points(4)
    @pytest.mark.hint("mode='average': A[i, h, w, c] = np.mean of the window of channel c")
    @given(batch=batches(pool_geometries(modes=("average",))))
    def check_average_matches_reference(self, student, batch):
        POOL_FORWARD.like_reference(student, batch, compare=compare_A)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: window (h, w) still starts at h * stride, w * stride"
    )
    @given(batch=batches(pool_geometries(edge=STRIDE_ABOVE_F, max_out=2), size=5))
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        POOL_FORWARD.like_reference(student, batch, compare=compare_A)

    @pytest.mark.points(2)
    @pytest.mark.hint("pool each channel on its own: channel c of A depends on channel c of A_prev only")
    def check_each_channel_on_its_own(self, student):
        whole, alone = channel_cases()
        results = outcomes(student.pool_forward, whole)
        for k, (case, got) in enumerate(judged(student.pool_forward, alone)):
            with on(case.description):
                single = expect_floats(POOL_FORWARD.parts(got)[0], pool_shape(case), "A")
            with on(whole[k // 3].description):
                A = expect_floats(
                    POOL_FORWARD.parts(unwrap(results[k // 3]))[0], pool_shape(whole[k // 3]), "A"
                )
                expect_same(
                    A[..., k % 3 : k % 3 + 1], single, f"A[..., {k % 3}] (channel {k % 3} pooled alone)"
                )

    @pytest.mark.points(1)
    @pytest.mark.hint("return A and cache = (A_prev, hparameters)")
    def check_notebook_case(self, student):
        (A_prev,) = notebook((2, 5, 5, 3))
        calls = [Case((A_prev, {"stride": s, "f": 3}, mode), f"the notebook's A_prev = np.random.randn(2, 5, 5, 3) "
                      f"after np.random.seed(1), stride={s}, f=3, mode={mode!r}")
                 for s in (1, 2) for mode in ("max", "average")]  # fmt: skip
        POOL_FORWARD.like_reference(student, calls)
