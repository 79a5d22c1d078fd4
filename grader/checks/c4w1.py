r"""Checks for course 4 week 1: the convolution model, step by step (numpy, channels-last).

Each class grades one function of :mod:`reference.convolution`.  Geometries are sampled by
:func:`conv_geometries` and :func:`pool_geometries` (a :class:`~grader.judge.strategies.Sampled`:
numpy samples a batch from one Hypothesis-drawn seed; the window fits the padded input,
with ``pad = 0``, strides above 1, ``f = n`` and non-square inputs among them); values come
from a sampled seed.  Besides matching the reference, the checks test
what the course teaches, judged independently of it: the output size
:math:`\lfloor (n + 2p - f) / s \rfloor + 1`, "same" padding :math:`p = (f - 1) / 2`, every
output a direct sum over its window, pooling channel by channel, and backward passes equal
to central differences of the reference forward pass (:data:`STEP`, :data:`NUMERICAL`),
including ``pad = 0``, where the classic ``pad:-pad`` slice is empty.  The parameter count
:math:`(f^2 n_{C_{prev}} + 1) n_C` of a layer is checked through the shapes of dW and db.
Pooling inputs have distinct values (no ties), so a max mask is unambiguous there.

**Each function is judged on its own.**  ``conv_forward`` calls ``zero_pad`` and
``conv_single_step``, ``conv_backward`` ``zero_pad``, ``pool_backward``
``create_mask_from_window`` and ``distribute_value``: while a check runs them, those blocks
are the reference's, answered by the judge (``Assignment.builds_on``, :mod:`grader.boundary.blocks`).
So a composite is simply compared with the reference: a wrong or unfinished block costs
points in its own exercise only, and never excuses the function built on it.

**Edge cases have their own check.**  The general checks of an exercise draw from the
course's domain, ``stride <= f <= n`` (and ``pad >= 1`` for ``conv_backward``); each input
the course never tests costs only the named check that draws it: ``pad = 0`` for
``conv_backward`` (the course's hint ``da_prev_pad[pad:-pad, pad:-pad, :]`` is empty there)
in ``check_pad_zero``, windows that skip entries (``stride > f``) in ``check_stride_above_f``
and windows wider than the unpadded input (``f > n``) in ``check_window_wider_than_the_input``.

**Small geometries.**  Each block call is a round trip to the judge, and ``conv_forward``
makes one per output entry (m n_H n_W n_C), ``pool_backward`` one per window and channel:
outputs are at most :data:`MAX_OUT` wide, batches and channels small (:data:`MAX_M`,
:data:`MAX_C`), which every property here still needs no more than.
"""

from __future__ import annotations

import functools
import numbers
import re
from collections.abc import Callable, Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.boundary.remote import StudentError
from grader.checks import c4w1_mistakes as mistakes
from grader.checks.c4w1_mistakes import out_size
from grader.judge.compare import (
    REFERENCE,
    CheckFailed,
    Tolerance,
    expect_array,
    expect_number,
    expect_parts,
    expect_same,
    fail,
    kind,
    named,
    on,
)
from grader.judge.judging import fresh, judged, outcomes, recognised, unwrap
from grader.judge.numerical import numerical_gradient
from grader.judge.strategies import Case, Sampled, Values, batches, sample_int, sample_seed, sample_value
from reference import convolution as ref

#: Central differences: step, and the agreement expected (the layers are linear or piecewise
#: linear in each input, so only rounding separates the two).
STEP = 1e-5
NUMERICAL = Tolerance(rtol=1e-6, atol=1e-7)
#: Outputs compared with a direct sum per conv case.
POSITIONS = 3
#: Spatial sizes (zero_pad's inputs), channels and batch stay small: the layers are Python loops.
MAX_N, MAX_C, MAX_M = 6, 3, 2
#: Output height and width of the drawn layers at most: a block call per output entry.
MAX_OUT = 3


# --------------------------------------------------------------------------- inputs


def conv_case(
    m: int, n_H: int, n_W: int, n_C_prev: int, n_C: int, f: int, pad: int, stride: int, seed: int
) -> Case:
    rng = np.random.default_rng(seed)
    A_prev, W = rng.standard_normal((m, n_H, n_W, n_C_prev)), rng.standard_normal((f, f, n_C_prev, n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    return Case((A_prev, W, b, {"stride": stride, "pad": pad}),
                f"A_prev of shape {A_prev.shape}, W of shape {W.shape}, pad={pad}, stride={stride}")  # fmt: skip


def input_sizes(f: int, pad: int, stride: int, max_out: int) -> tuple[int, int]:
    """The input sizes n along one axis with a valid window (``f <= n + 2 pad``) and an
    output size :func:`out_size` of at most ``max_out``, when ``pad <= (max_out + f - 2) / 2``."""
    return max(1, f - 2 * pad), max(1, f - 2 * pad, (max_out - 1) * stride + f - 2 * pad + stride - 1)


PADS = range(0, 3)
#: The ways out of the course's domain (``stride <= f <= n``) a geometry may be drawn in, each
#: by its own named check: windows that skip entries, windows wider than the unpadded input.
STRIDE_ABOVE_F, WINDOW_WIDER_THAN_INPUT = "stride > f", "f > n"


def sample_window(
    rng: np.random.Generator, pads: Values, edge: str, max_out: int
) -> tuple[int, int, int, int, int]:
    """``(f, pad, stride, n_H, n_W)``: in the course's domain, ``stride <= f <= n``, unless
    ``edge`` names the one way out of it to draw; outputs at most ``max_out`` wide (a drawn
    pad, one of ``pads``, is lowered to fit, never below 1 when ``max_out >= 3``); ``n_H = f``
    half the time."""
    if edge == STRIDE_ABOVE_F:
        f = sample_int(rng, 1, 2)
        stride = f + sample_int(rng, 1, 2)
    else:
        f = sample_int(rng, 2, 4) if edge == WINDOW_WIDER_THAN_INPUT else sample_int(rng, 1, 4)
        stride = sample_int(rng, 1, min(3, f))
    drawn = int(sample_value(rng, pads))
    pad = min(max(drawn, 1 if edge == WINDOW_WIDER_THAN_INPUT else 0), (max_out * stride - 1) // 2)
    low, high = input_sizes(f, pad, stride, max_out)
    if edge == WINDOW_WIDER_THAN_INPUT:
        return f, pad, stride, sample_int(rng, low, f - 1), sample_int(rng, low, f - 1)
    n_H = f if rng.integers(2) else sample_int(rng, f, high)
    return f, pad, stride, n_H, sample_int(rng, f, high)


def sample_conv(rng: np.random.Generator, pads: Values = PADS, edge: str = "", max_out: int = MAX_OUT,
                max_c: int = MAX_C) -> Case:  # fmt: skip
    """A valid convolution (see :func:`sample_window`), channels up to ``max_c``."""
    f, pad, stride, n_H, n_W = sample_window(rng, pads, edge, max_out)
    m, n_C_prev, n_C = sample_int(rng, 1, MAX_M), sample_int(rng, 1, max_c), sample_int(rng, 1, max_c)
    return conv_case(m, n_H, n_W, n_C_prev, n_C, f, pad, stride, sample_seed(rng))


def conv_geometries(
    pads: Values = PADS, edge: str = "", max_out: int = MAX_OUT, max_c: int = MAX_C
) -> Sampled[Case]:
    """Valid convolutions, sampled (see :func:`sample_window`); the pad is one of ``pads``."""
    return Sampled(functools.partial(sample_conv, pads=pads, edge=edge, max_out=max_out, max_c=max_c))


def sample_same(rng: np.random.Generator) -> Case:
    """f = 1 or 3 with pad = (f - 1) / 2 and stride 1: the output keeps the input's size (f <= n <= MAX_OUT)."""
    f = int(sample_value(rng, (1, 3)))
    n_H, n_W = sample_int(rng, f, MAX_OUT), sample_int(rng, f, MAX_OUT)
    m, n_C_prev, n_C = sample_int(rng, 1, MAX_M), sample_int(rng, 1, MAX_C), sample_int(rng, 1, 2)
    return conv_case(m, n_H, n_W, n_C_prev, n_C, f, (f - 1) // 2, 1, sample_seed(rng))


def same_geometries() -> Sampled[Case]:
    return Sampled(sample_same)


def distinct_values(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Values at least 0.4 apart (no ties in any window), in random order."""
    size = int(np.prod(shape))
    return ((rng.permutation(size) - size / 2) * 0.5 + rng.uniform(0, 0.1, size)).reshape(shape)


def pool_case(m: int, n_H: int, n_W: int, n_C: int, f: int, stride: int, mode: str, seed: int) -> Case:
    A_prev = distinct_values((m, n_H, n_W, n_C), np.random.default_rng(seed))
    return Case((A_prev, {"stride": stride, "f": f}, mode),
                f"A_prev of shape {A_prev.shape}, f={f}, stride={stride}, mode={mode!r}")  # fmt: skip


def sample_pool(rng: np.random.Generator, modes: Sequence[str] = ("max", "average"), edge: str = "",
                max_out: int = MAX_OUT, max_c: int = MAX_C) -> Case:  # fmt: skip
    """A valid pooling (see :func:`sample_window`, no padding), channels up to ``max_c``."""
    f, _, stride, n_H, n_W = sample_window(rng, (0,), edge, max_out)
    m, n_C = sample_int(rng, 1, MAX_M), sample_int(rng, 1, max_c)
    return pool_case(m, n_H, n_W, n_C, f, stride, str(sample_value(rng, modes)), sample_seed(rng))


def pool_geometries(modes: Sequence[str] = ("max", "average"), edge: str = "", max_out: int = MAX_OUT,
                    max_c: int = MAX_C) -> Sampled[Case]:  # fmt: skip
    """Valid poolings, sampled (see :func:`sample_pool`)."""
    return Sampled(functools.partial(sample_pool, modes=modes, edge=edge, max_out=max_out, max_c=max_c))


def pool_backward_case(case: Case, seed: int) -> Case:
    """``(dA, cache, mode)`` for the pooling ``case``, dA random."""
    A_prev, hparameters, mode = case.args
    n_H, n_W = (out_size(n, hparameters["f"], 0, hparameters["stride"]) for n in A_prev.shape[1:3])
    dA = np.random.default_rng(seed).standard_normal((A_prev.shape[0], n_H, n_W, A_prev.shape[3]))
    return Case((dA, (A_prev, hparameters), mode), f"{case.description}, dA random")


def pool_backward_cases(pools: Sampled[Case]) -> Sampled[Case]:
    """``(dA, cache, mode)`` for the poolings ``pools`` samples (:func:`pool_geometries`), dA random."""
    return Sampled(lambda rng: pool_backward_case(pools.sample(rng), sample_seed(rng)))


def conv_backward_case(case: Case, seed: int) -> Case:
    """``(dZ, cache)`` for the convolution ``case``, dZ random."""
    A_prev, W, b, hparameters = case.args
    n_H, n_W = (out_size(n, W.shape[0], hparameters["pad"], hparameters["stride"]) for n in A_prev.shape[1:3])
    dZ = np.random.default_rng(seed).standard_normal((A_prev.shape[0], n_H, n_W, W.shape[3]))
    return Case((dZ, (A_prev, W, b, hparameters)), f"{case.description}, dZ random")


def notebook(*shapes: tuple[int, ...]) -> list[np.ndarray]:
    """``np.random.seed(1)`` then ``np.random.randn(*shape)`` per shape, as the notebook's tests do."""
    rng = np.random.RandomState(1)
    return [rng.randn(*shape) for shape in shapes]


# --------------------------------------------------------------------------- judging


def expect_floats(got: object, shape: tuple[int, ...], what: str) -> np.ndarray:
    """An exact float ``np.ndarray`` of ``shape`` (its values are judged after)."""
    if type(got) is not np.ndarray:
        fail(f"{what}: expected a numpy array of shape {shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.shape != shape:
        fail(f"{what}: shape {got.shape}, expected {shape}")
    if got.dtype.kind != "f":
        fail(f"{what}: dtype {got.dtype}, expected a float dtype")
    return got


def part(index: int, names: tuple[str, ...]) -> Callable:
    """A ``compare`` judging item ``index`` of a returned tuple (Z of ``(Z, cache)``)."""

    def compare(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
        expect_same(expect_parts(got, names)[index], expected[index], names[index], tol)

    return compare


def compare_mask(got: object, expected: np.ndarray, what: str, tol: Tolerance) -> None:
    """A boolean mask, or the same as 0s and 1s."""
    if type(got) is not np.ndarray or got.dtype.kind not in "biuf":
        fail(f"{what}: expected a boolean numpy array of shape {expected.shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.dtype.kind != "b" and not np.isin(got, (0, 1)).all():
        fail(f"{what}: holds {got[~np.isin(got, (0, 1))][0]}; a mask holds only True/False (or 1/0)")
    expect_array(got.astype(bool) if got.shape == expected.shape else got, expected, what, tol)


def judge_each(student, function: str, cases: Sequence[Case], judge: Callable[[Case, object], None],
               on_error: Callable | None = None) -> None:  # fmt: skip
    """``judge(case, value)`` each case's result (it raises :class:`CheckFailed`); an error the
    student raised fails the check, or the named failure ``on_error(case, error)`` turns it into.
    The blocks the function builds on are the reference's while it runs (grader/boundary/blocks.py), so
    nothing is forgiven: the result is the student's own."""
    for case, outcome in zip(cases, outcomes(getattr(student, function), cases), strict=True):
        with on(case.description):
            if isinstance(outcome, StudentError):
                raise (on_error and on_error(case, outcome)) or outcome
            judge(case, outcome)


def expect_each(student, function: str, cases: Sequence[Case], expected_of: Callable[[Case], object],
                compare: Callable, what: str = "", tol: Tolerance = REFERENCE, known: Sequence = (),
                on_error: Callable | None = None) -> None:  # fmt: skip
    """Each case's result must be ``expected_of(case)`` (by ``compare``); a wrong one that is a
    ``known`` mistake says so; see :func:`judge_each` for ``on_error``."""

    def judge(case: Case, got: object) -> None:
        try:
            compare(got, expected_of(case), what, tol)
        except CheckFailed as failure:
            raise recognised(failure, got, case.args, known, compare, what, tol) from None

    judge_each(student, function, cases, judge, on_error)


# --------------------------------------------------------------------------- zero_pad


def pad_cases() -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        m, n_H, n_W, n_C = (
            sample_int(rng, 1, 3),
            sample_int(rng, 1, MAX_N),
            sample_int(rng, 1, MAX_N),
            sample_int(rng, 1, 4),
        )
        pad, seed = sample_int(rng, 0, 3), sample_seed(rng)
        return Case((np.random.default_rng(seed).standard_normal((m, n_H, n_W, n_C)), pad),
                    f"X of shape {(m, n_H, n_W, n_C)}, pad={pad}")  # fmt: skip

    return Sampled(sample)


@pytest.mark.exercise("zero_pad")
class CheckZeroPad:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode='constant', constant_values=0)"
    )
    @given(batch=batches(pad_cases()))
    def check_matches_reference(self, student, batch):
        expect_each(student, "zero_pad", batch, lambda c: ref.zero_pad(*fresh(c.args)), expect_same, "X_pad",
                    known=mistakes.ZERO_PAD)  # fmt: skip

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
        expect_each(student, "zero_pad", calls, lambda c: ref.zero_pad(*fresh(c.args)), expect_same, "x_pad",
                    known=mistakes.ZERO_PAD)  # fmt: skip


# --------------------------------------------------------------------------- conv_single_step


def step_cases() -> Sampled[Case]:
    def build(f: int, n_C: int, seed: int) -> Case:
        rng = np.random.default_rng(seed)
        a, W, b = (
            rng.standard_normal((f, f, n_C)),
            rng.standard_normal((f, f, n_C)),
            rng.standard_normal((1, 1, 1)),
        )
        return Case((a, W, b), f"a_slice_prev and W of shape {(f, f, n_C)}, b = {b.item():.4g}")

    return Sampled(lambda rng: build(sample_int(rng, 1, 5), sample_int(rng, 1, 4), sample_seed(rng)))


@pytest.mark.exercise("conv_single_step")
class CheckConvSingleStep:
    @pytest.mark.points(4)
    @pytest.mark.hint(
        "Z = np.sum(a_slice_prev * W) + float(b): the elementwise product, summed, plus the bias"
    )
    @given(batch=batches(step_cases()))
    def check_matches_reference(self, student, batch):
        expect_each(student, "conv_single_step", batch, lambda c: ref.conv_single_step(*fresh(c.args)), expect_same,
                    "Z", known=mistakes.CONV_SINGLE_STEP)  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("b has shape (1, 1, 1): add float(b) (or b.item()) so that Z is a number, not an array")
    def check_returns_a_number(self, student):
        calls = [
            Case((a, W, b), f"a_slice_prev and W of shape {a.shape}")
            for a, W, b in (
                notebook((2, 2, 1), (2, 2, 1), (1, 1, 1)),
                notebook((3, 3, 2), (3, 3, 2), (1, 1, 1)),
            )
        ]
        for case, Z in judged(student.conv_single_step, calls):
            with on(case.description):
                if not isinstance(Z, numbers.Real) or isinstance(Z, (bool, np.bool_)):
                    fail(f"Z should be a float, got {kind(Z)}")
                expect_number(Z, ref.conv_single_step(*case.args), "Z")

    @pytest.mark.points(2)
    @pytest.mark.hint("Z = np.sum(a_slice_prev * W) + float(b)")
    def check_notebook_case(self, student):
        call = Case(tuple(notebook((4, 4, 3), (4, 4, 3), (1, 1, 1))), "the notebook's a_slice_prev, W and b "
                    "(np.random.seed(1), then randn(4, 4, 3), randn(4, 4, 3), randn(1, 1, 1))")  # fmt: skip
        expect_each(student, "conv_single_step", [call], lambda c: ref.conv_single_step(*c.args), expect_same, "Z",
                    known=mistakes.CONV_SINGLE_STEP)  # fmt: skip


# --------------------------------------------------------------------------- conv_forward

CONV_OUT = ("Z", "cache")
compare_Z = part(0, CONV_OUT)


def expect_conv(student, batch: Sequence[Case]) -> None:
    expect_each(student, "conv_forward", batch, lambda c: ref.conv_forward(*fresh(c.args)), compare_Z,
                known=mistakes.CONV_FORWARD)  # fmt: skip


def judge_conv(student, batch: Sequence[Case], judge: Callable[[Case, object], None]) -> None:
    judge_each(student, "conv_forward", batch, judge, window_error)


def window_error(case: Case, error: StudentError) -> CheckFailed | None:
    """Name the size rounded up when conv_single_step (the reference's) cannot take a window
    of conv_forward's: a last window past the padded input is smaller than W."""
    A_prev, W, _, hp = case.args
    f, pad, stride = W.shape[0], hp["pad"], hp["stride"]
    rounded_up = any(
        out_size(n, f, pad, stride, "ceil") != out_size(n, f, pad, stride) for n in A_prev.shape[1:3]
    )
    if rounded_up and "conv_single_step" in error.message and "broadcast" in error.message:
        return CheckFailed(f"conv_forward raised {error.message} -- a window ran past the padded input, as with "
                           "the size rounded up instead of down",
                           "n_H = int((n_H_prev + 2 * pad - f) / stride) + 1: rounded down, then + 1")  # fmt: skip
    return None


def conv_shape(case: Case) -> tuple[int, int, int, int]:
    A_prev, W, _, hp = case.args
    n_H, n_W = (out_size(n, W.shape[0], hp["pad"], hp["stride"]) for n in A_prev.shape[1:3])
    return A_prev.shape[0], n_H, n_W, W.shape[3]


def direct_sum(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, pad: int, stride: int,
               i: int, h: int, w: int, c: int) -> float:  # fmt: skip
    """Z[i, h, w, c] summed entry by entry, reading zeros outside A_prev (no padded copy)."""
    total = float(b[0, 0, 0, c])
    for u in range(W.shape[0]):
        for v in range(W.shape[1]):
            y, x = h * stride + u - pad, w * stride + v - pad
            if 0 <= y < A_prev.shape[1] and 0 <= x < A_prev.shape[2]:
                total += float(np.dot(A_prev[i, y, x, :], W[u, v, :, c]))
    return total


@pytest.mark.exercise("conv_forward")
class CheckConvForward:
    @pytest.mark.points(5)
    @pytest.mark.hint(
        "n_H = int((n_H_prev + 2 * pad - f) / stride) + 1, and the same for n_W: rounded down, then + 1"
    )
    @given(batch=batches(conv_geometries(max_c=1), size=3))
    def check_output_size(self, student, batch):
        def judge(case: Case, got: object) -> None:
            A_prev, W, _, hp = case.args
            Z, shape = expect_parts(got, CONV_OUT)[0], conv_shape(case)
            if type(Z) is np.ndarray and Z.ndim == 4 and Z.shape != shape:
                wrong = {"without the + 1": "no_plus_one", "rounded up instead of down": "ceil"}
                which = [text for text, r in wrong.items()
                         if Z.shape[1:3] == tuple(out_size(n, W.shape[0], hp["pad"], hp["stride"], r)
                                                  for n in A_prev.shape[1:3])]  # fmt: skip
                fail(f"Z has shape {Z.shape}, expected {shape} = (m, floor((n_H_prev + 2 pad - f) / stride) + 1, "
                     "..., n_C)" + (f" -- that is the size {which[0]}" if which else ""))  # fmt: skip
            expect_floats(Z, shape, "Z")

        judge_conv(student, batch, judge)

    @pytest.mark.points(4)
    @pytest.mark.hint("for each (i, h, w, c): the window a_prev_pad[h * stride : h * stride + f, "
                      "w * stride : w * stride + f, :], then conv_single_step(window, W[..., c], b[..., c])")  # fmt: skip
    @given(batch=batches(conv_geometries(max_c=2), size=5))
    def check_matches_reference(self, student, batch):
        expect_conv(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: window (h, w) still starts at h * stride, w * stride"
    )
    @given(batch=batches(conv_geometries(edge=STRIDE_ABOVE_F, max_out=2), size=5))
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_conv(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint("a window wider than A_prev fits the padded input: slice a_prev_pad, not A_prev")
    @given(batch=batches(conv_geometries(edge=WINDOW_WIDER_THAN_INPUT), size=5))
    def check_window_wider_than_the_input(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_conv(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("Z[i, h, w, c] = the sum of A_prev_pad[i, h * stride + u, w * stride + v, k] * W[u, v, k, c] "
                      "over the window (u, v < f, all k), plus b[c]")  # fmt: skip
    @given(batch=batches(conv_geometries(pads=range(0, 2), max_c=2), size=5))
    def check_outputs_are_direct_sums(self, student, batch):
        def judge(case: Case, got: object) -> None:
            A_prev, W, b, hp = case.args
            Z = expect_floats(expect_parts(got, CONV_OUT)[0], conv_shape(case), "Z")
            rng = np.random.default_rng(Z.size)
            for _ in range(POSITIONS):
                i, h, w, c = (int(rng.integers(n)) for n in Z.shape)
                expected = direct_sum(A_prev, W, b, hp["pad"], hp["stride"], i, h, w, c)
                expect_number(
                    Z[i, h, w, c], expected, f"Z[{i}, {h}, {w}, {c}] (the sum over its window, plus b[{c}])"
                )

        judge_conv(student, batch, judge)

    @pytest.mark.points(3)
    @pytest.mark.hint("with stride 1 and pad = (f - 1) / 2, n_H = n_H_prev + 2 pad - f + 1 = n_H_prev: "
                      "check the size formula and the padding")  # fmt: skip
    @given(batch=batches(same_geometries(), size=3))
    def check_same_padding_keeps_the_size(self, student, batch):
        def judge(case: Case, got: object) -> None:
            A_prev, W, _, _ = case.args
            Z = expect_floats(expect_parts(got, CONV_OUT)[0], (*A_prev.shape[:3], W.shape[3]),
                              "Z ('same' padding: the input's height and width)")  # fmt: skip
            compare_Z((Z, None), ref.conv_forward(*fresh(case.args)), "", REFERENCE)

        judge_conv(student, batch, judge)

    @pytest.mark.points(2)
    @pytest.mark.hint("return Z and cache = (A_prev, W, b, hparameters)")
    def check_notebook_case(self, student):
        # the 2017 notebook's inputs (m = 10) would cost 1,280 block calls and test nothing more
        calls = [Case((*notebook((2, 5, 7, 4), (3, 3, 4, 8), (1, 1, 1, 8)), {"pad": 1, "stride": 2}),
                      "the notebook's inputs: np.random.seed(1), A_prev = randn(2, 5, 7, 4), W = randn(3, 3, 4, 8), "
                      "b = randn(1, 1, 1, 8), pad=1, stride=2")]  # fmt: skip

        expect_each(student, "conv_forward", calls, lambda c: ref.conv_forward(*fresh(c.args)), named(*CONV_OUT),
                    known=mistakes.CONV_FORWARD)  # fmt: skip


# --------------------------------------------------------------------------- pool_forward

POOL_OUT = ("A", "cache")
compare_A = part(0, POOL_OUT)


def pool_shape(case: Case) -> tuple[int, int, int, int]:
    A_prev, hp, _ = case.args
    n_H, n_W = (out_size(n, hp["f"], 0, hp["stride"]) for n in A_prev.shape[1:3])
    return A_prev.shape[0], n_H, n_W, A_prev.shape[3]


def expect_pool(student, batch: Sequence[Case]) -> None:
    expect_each(student, "pool_forward", batch, lambda c: ref.pool_forward(*fresh(c.args)), compare_A,
                known=mistakes.POOL_FORWARD)  # fmt: skip


@pytest.mark.exercise("pool_forward")
class CheckPoolForward:
    @pytest.mark.points(2)
    @pytest.mark.hint(
        "n_H = int(1 + (n_H_prev - f) / stride), the same for n_W, and as many channels as A_prev"
    )
    @given(batch=batches(pool_geometries()))
    def check_output_size_keeps_the_channels(self, student, batch):
        def judge(case: Case, got: object) -> None:
            expect_floats(expect_parts(got, POOL_OUT)[0], pool_shape(case), "A (the same n_C as A_prev)")

        judge_each(student, "pool_forward", batch, judge)

    @pytest.mark.points(4)
    @pytest.mark.hint("mode='max': A[i, h, w, c] = np.max(A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]) "
                      "with vert_start = h * stride")  # fmt: skip
    @given(batch=batches(pool_geometries(modes=("max",))))
    def check_max_matches_reference(self, student, batch):
        expect_pool(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("mode='average': A[i, h, w, c] = np.mean of the window of channel c")
    @given(batch=batches(pool_geometries(modes=("average",))))
    def check_average_matches_reference(self, student, batch):
        expect_pool(student, batch)

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: window (h, w) still starts at h * stride, w * stride"
    )
    @given(batch=batches(pool_geometries(edge=STRIDE_ABOVE_F, max_out=2), size=5))
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_pool(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("pool each channel on its own: channel c of A depends on channel c of A_prev only")
    def check_each_channel_on_its_own(self, student):
        whole = [pool_case(2, 5, 4, 3, f, s, mode, seed)
                 for seed, (f, s, mode) in enumerate(((2, 1, "max"), (3, 2, "average"), (2, 2, "max")))]  # fmt: skip
        alone = [Case((case.args[0][..., c : c + 1], *case.args[1:]), f"channel {c} alone of {case.description}")
                 for case in whole for c in range(3)]  # fmt: skip
        results = outcomes(student.pool_forward, whole)
        for k, (case, outcome) in enumerate(zip(alone, outcomes(student.pool_forward, alone), strict=True)):
            with on(case.description):
                single = expect_floats(expect_parts(unwrap(outcome), POOL_OUT)[0], pool_shape(case), "A")
            with on(whole[k // 3].description):
                A = expect_floats(
                    expect_parts(unwrap(results[k // 3]), POOL_OUT)[0], pool_shape(whole[k // 3]), "A"
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
        expect_each(student, "pool_forward", calls, lambda c: ref.pool_forward(*fresh(c.args)), named(*POOL_OUT),
                    known=mistakes.POOL_FORWARD)  # fmt: skip


# --------------------------------------------------------------------------- conv_backward

GRADIENTS = ("dA_prev", "dW", "db")
compare_gradients = named(*GRADIENTS)
#: Geometries of the numerical check: (m, n_H, n_W, n_C_prev, n_C, f, pad, stride), pad >= 1 as in the course.
GRADIENT_GEOMETRIES = ((1, 3, 4, 2, 2, 2, 1, 1), (2, 4, 3, 1, 2, 3, 1, 2), (1, 5, 5, 2, 1, 3, 1, 2),
                       (1, 3, 3, 1, 2, 3, 2, 1), (1, 4, 4, 1, 1, 2, 1, 2))  # fmt: skip


def backward_cases(edge: str = "") -> Sampled[Case]:
    """``(dZ, cache)`` of the course's domain, ``pad >= 1`` (or out of it by ``edge`` only);
    pad = 0 is drawn by :meth:`CheckConvBackward.check_pad_zero` alone."""
    convs = conv_geometries(pads=range(1, 3), edge=edge).sample
    return Sampled(lambda rng: conv_backward_case(convs(rng), sample_seed(rng)))


def unpad_error(case: Case, error: StudentError) -> CheckFailed | None:
    """Name the ``pad:-pad`` slice when conv_backward fails to broadcast an empty array at pad = 0."""
    if case.args[1][3]["pad"] == 0 and re.search(r"shape \(0, ?0", error.message):
        return CheckFailed(f"conv_backward raised {error.message} -- this is {mistakes.NEGATIVE_UNPAD.description}",
                           mistakes.NEGATIVE_UNPAD.hint)  # fmt: skip
    return None


def expect_conv_backward(
    student, cases: Sequence[Case], expected_of: Callable, tol: Tolerance = REFERENCE
) -> None:
    expect_each(student, "conv_backward", cases, expected_of, compare_gradients, tol=tol,
                known=mistakes.CONV_BACKWARD, on_error=unpad_error)  # fmt: skip


@functools.cache
def conv_gradient_cases() -> tuple[tuple[Case, tuple], ...]:
    r"""``(dZ, cache)`` and the central differences of :math:`L = \sum dZ \odot Z` through the
    reference forward pass, with respect to A_prev, W and b."""
    out = []
    for seed, geometry in enumerate(GRADIENT_GEOMETRIES):
        case = conv_backward_case(conv_case(*geometry, seed=seed), seed + 100)
        dZ, (A_prev, W, b, hp) = case.args

        def loss(A_prev=A_prev, W=W, b=b, dZ=dZ, hp=hp) -> float:
            return float(np.sum(dZ * ref.conv_forward(A_prev, W, b, hp)[0]))

        numerical = (numerical_gradient(lambda x: loss(A_prev=x), A_prev, STEP),
                     numerical_gradient(lambda x: loss(W=x), W, STEP),
                     numerical_gradient(lambda x: loss(b=x), b, STEP))  # fmt: skip
        out.append(
            (Case(case.args, f"{case.description}; expected: central differences, step {STEP:g}"), numerical)
        )
    return tuple(out)


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
        expect_conv_backward(student, batch, lambda c: ref.conv_backward(*fresh(c.args)))

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: their gradient stays 0; window (h, w) starts at h * stride"
    )
    @given(batch=batches(backward_cases(STRIDE_ABOVE_F), size=5))
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_conv_backward(student, batch, lambda c: ref.conv_backward(*fresh(c.args)))

    @pytest.mark.points(1)
    @pytest.mark.hint("a window wider than A_prev fits the padded input: accumulate into da_prev_pad, then "
                      "cut dA_prev = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]")  # fmt: skip
    @given(batch=batches(backward_cases(WINDOW_WIDER_THAN_INPUT), size=5))
    def check_window_wider_than_the_input(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_conv_backward(student, batch, lambda c: ref.conv_backward(*fresh(c.args)))

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "at pad = 0, da_prev_pad[pad:-pad] is empty (-0 is 0): slice [pad:pad + n_H_prev] instead"
    )
    def check_pad_zero(self, student):
        """The one check that draws pad = 0: the course never tests it, and its hint's
        ``pad:-pad`` slice, right for every pad >= 1, is empty there."""
        calls = [conv_backward_case(conv_case(m, n_H, n_W, 2, 2, f, 0, s, seed), seed)
                 for seed, (m, n_H, n_W, f, s) in enumerate(((1, 3, 3, 2, 1), (2, 4, 5, 3, 1), (1, 5, 4, 2, 2),
                                                             (1, 3, 3, 3, 1)))]  # fmt: skip
        expect_conv_backward(student, calls, lambda c: ref.conv_backward(*fresh(c.args)))

    @pytest.mark.points(2)
    @pytest.mark.needs("check_matches_reference")  # zeros of the right shapes have this property too
    @pytest.mark.hint("dW has W's shape (f, f, n_C_prev, n_C) and db b's shape (1, 1, 1, n_C): "
                      "one gradient per parameter, (f * f * n_C_prev + 1) * n_C in all")  # fmt: skip
    @given(batch=batches(backward_cases(), size=5))
    def check_one_gradient_per_parameter(self, student, batch):
        def judge(case: Case, got: object) -> None:
            _, (A_prev, W, b, _) = case.args
            _, dW, db = expect_parts(got, GRADIENTS)
            f, _, n_C_prev, n_C = W.shape
            count = sum(np.size(g) if isinstance(g, np.ndarray) else 1 for g in (dW, db))
            if (f * f * n_C_prev + 1) * n_C != count:
                fail(f"dW and db hold {count} numbers, but the layer has (f * f * n_C_prev + 1) * n_C = "
                     f"({f} * {f} * {n_C_prev} + 1) * {n_C} = {(f * f * n_C_prev + 1) * n_C} parameters")  # fmt: skip
            expect_floats(dW, W.shape, "dW")
            expect_floats(db, b.shape, "db")

        judge_each(student, "conv_backward", batch, judge, unpad_error)

    @pytest.mark.points(2)
    @pytest.mark.hint("db[:, :, :, c] is the sum of dZ[..., c] over the examples and the positions: "
                      "np.sum(dZ, axis=(0, 1, 2), keepdims=True)")  # fmt: skip
    @given(batch=batches(backward_cases(), size=5))
    def check_db_sums_dZ_per_channel(self, student, batch):
        def judge(case: Case, got: object) -> None:
            dZ, (_, _, b, _) = case.args
            db = expect_floats(expect_parts(got, GRADIENTS)[2], b.shape, "db")
            expect_same(db, np.sum(dZ, axis=(0, 1, 2), keepdims=True), "db (dZ summed per channel)")

        judge_each(student, "conv_backward", batch, judge, unpad_error)

    @pytest.mark.points(2)
    @pytest.mark.hint("the gradients of Z with respect to A_prev, W and b, given dZ = Z")
    def check_notebook_case(self, student):
        calls = []
        for shapes, hp, text in ((((10, 4, 4, 3), (2, 2, 3, 8), (1, 1, 1, 8)), {"pad": 2, "stride": 2},
                                  "A_prev = randn(10, 4, 4, 3), W = randn(2, 2, 3, 8), b = randn(1, 1, 1, 8), "
                                  "pad=2, stride=2"),
                                 (((2, 5, 7, 4), (3, 3, 4, 8), (1, 1, 1, 8)), {"pad": 1, "stride": 2},
                                  "A_prev = randn(2, 5, 7, 4), W = randn(3, 3, 4, 8), b = randn(1, 1, 1, 8), "
                                  "pad=1, stride=2")):  # fmt: skip
            Z, cache = ref.conv_forward(*notebook(*shapes), hp)
            calls.append(
                Case((Z, cache), f"the notebook's inputs: np.random.seed(1), {text}; dZ = Z of conv_forward")
            )
        expect_conv_backward(student, calls, lambda c: ref.conv_backward(*fresh(c.args)))


# --------------------------------------------------------------------------- create_mask_from_window


def window_cases() -> Sampled[Case]:
    """Random windows (no ties), square or not."""

    def sample(rng: np.random.Generator) -> Case:
        n_H, n_W, seed = sample_int(rng, 1, 4), sample_int(rng, 1, 4), sample_seed(rng)
        return Case((np.random.default_rng(seed).standard_normal((n_H, n_W)),), f"x of shape {(n_H, n_W)}")

    return Sampled(sample)


@pytest.mark.exercise("create_mask_from_window")
class CheckCreateMaskFromWindow:
    @pytest.mark.points(3)
    @pytest.mark.hint("mask = (x == np.max(x)): True where the window's maximum is, False elsewhere")
    @given(batch=batches(window_cases()))
    def check_matches_reference(self, student, batch):
        expect_each(student, "create_mask_from_window", batch, lambda c: ref.create_mask_from_window(*c.args),
                    compare_mask, "mask", known=mistakes.CREATE_MASK)  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint("the course defines the mask as x == np.max(x): every entry equal to the maximum is True, "
                      "ties included (np.argmax marks only the first)")  # fmt: skip
    def check_ties_mark_every_maximum(self, student):
        calls = [
            Case((np.array(x, dtype=float),), f"x = {x}")
            for x in (
                [[1, 3], [3, 2]],
                [[5, 5, 5]],
                [[0, -1], [2, 2], [2, 1]],
                [[7, 7], [7, 7]],
                [[-2, -4], [-4, -2]],
            )
        ]
        expect_each(student, "create_mask_from_window", calls, lambda c: ref.create_mask_from_window(*c.args),
                    compare_mask, "mask", known=mistakes.CREATE_MASK)  # fmt: skip

    @pytest.mark.points(1)
    @pytest.mark.hint("mask = (x == np.max(x))")
    def check_notebook_case(self, student):
        calls = [
            Case(tuple(notebook((2, 3))), "the notebook's x = np.random.randn(2, 3) after np.random.seed(1)")
        ]
        expect_each(student, "create_mask_from_window", calls, lambda c: ref.create_mask_from_window(*c.args),
                    compare_mask, "mask", known=mistakes.CREATE_MASK)  # fmt: skip


# --------------------------------------------------------------------------- distribute_value


def distribute_cases() -> st.SearchStrategy[Case]:
    return st.builds(lambda dz, n_H, n_W: Case((dz, (n_H, n_W)), f"dz={dz:g}, shape={(n_H, n_W)}"),
                     st.floats(-10, 10, allow_nan=False, allow_subnormal=False).filter(lambda dz: dz != 0),
                     st.integers(1, 5), st.integers(1, 5))  # fmt: skip


@pytest.mark.exercise("distribute_value")
class CheckDistributeValue:
    @pytest.mark.points(3)
    @pytest.mark.hint("a = np.ones(shape) * dz / (n_H * n_W)")
    @given(batch=batches(distribute_cases()))
    def check_matches_reference(self, student, batch):
        expect_each(student, "distribute_value", batch, lambda c: ref.distribute_value(*c.args), expect_same, "a",
                    known=mistakes.DISTRIBUTE_VALUE)  # fmt: skip

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "average pooling gave every entry the same weight: the n_H * n_W entries share dz equally"
    )
    @given(batch=batches(distribute_cases()))
    def check_entries_are_equal_and_sum_to_dz(self, student, batch):
        def judge(case: Case, got: object) -> None:
            dz, shape = case.args
            a = expect_floats(got, shape, "a")
            if not np.all(a == a.flat[0]):
                fail(
                    f"the entries of a differ ({a.min():.6g} to {a.max():.6g}): the average spreads dz evenly"
                )
            expect_number(float(np.sum(a)), dz, "np.sum(a)")

        judge_each(student, "distribute_value", batch, judge)

    @pytest.mark.points(1)
    @pytest.mark.hint("a = np.ones(shape) * dz / (n_H * n_W)")
    def check_notebook_case(self, student):
        expect_each(
            student,
            "distribute_value",
            [Case((2, (2, 2)), "the notebook's dz=2, shape=(2, 2)")],
            lambda c: ref.distribute_value(*c.args),
            expect_same,
            "a",
            known=mistakes.DISTRIBUTE_VALUE,
        )


# --------------------------------------------------------------------------- pool_backward


def expect_pool_backward(
    student, cases: Sequence[Case], expected_of: Callable, tol: Tolerance = REFERENCE
) -> None:
    expect_each(student, "pool_backward", cases, expected_of, expect_same, "dA_prev", tol=tol,
                known=mistakes.POOL_BACKWARD)  # fmt: skip


#: Geometries of the numerical check: (m, n_H, n_W, n_C, f, stride), overlapping windows among them.
POOL_GRADIENT_GEOMETRIES = ((1, 4, 4, 2, 2, 2), (2, 4, 5, 1, 3, 1), (1, 5, 3, 2, 2, 1), (1, 5, 5, 1, 3, 2))


@functools.cache
def pool_gradient_cases(mode: str) -> tuple[tuple[Case, np.ndarray], ...]:
    r"""``(dA, cache, mode)`` and the central differences of :math:`L = \sum dA \odot A` through
    the reference forward pass (no ties: values 0.4 apart, steps of 1e-5)."""
    out = []
    for seed, (m, n_H, n_W, n_C, f, s) in enumerate(POOL_GRADIENT_GEOMETRIES):
        case = pool_backward_case(pool_case(m, n_H, n_W, n_C, f, s, mode, seed), seed + 100)
        dA, (A_prev, hp), _ = case.args

        def loss(x: np.ndarray, dA: np.ndarray = dA, hp: dict = hp) -> float:
            return float(np.sum(dA * ref.pool_forward(x, hp, mode)[0]))

        numerical = numerical_gradient(loss, A_prev, STEP)
        out.append(
            (Case(case.args, f"{case.description}; expected: central differences, step {STEP:g}"), numerical)
        )
    return tuple(out)


def expect_pool_numerical(student, mode: str) -> None:
    cases = pool_gradient_cases(mode)
    numerical = {id(case): expected for case, expected in cases}
    expect_pool_backward(student, [case for case, _ in cases], lambda c: numerical[id(c)], NUMERICAL)


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
        expect_pool_backward(student, batch, lambda c: ref.pool_backward(*fresh(c.args)))

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "the window of (h, w) starts at h * stride, w * stride; accumulate with += where windows overlap"
    )
    @given(batch=batches(pool_backward_cases(pool_geometries(modes=("average",), max_c=2)), size=5))
    def check_average_matches_reference(self, student, batch):
        expect_pool_backward(student, batch, lambda c: ref.pool_backward(*fresh(c.args)))

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "with stride > f the windows skip entries: their gradient stays 0; window (h, w) starts at h * stride"
    )
    @given(
        batch=batches(pool_backward_cases(pool_geometries(edge=STRIDE_ABOVE_F, max_out=2, max_c=2)), size=5)
    )
    def check_stride_above_f(self, student, batch):
        """An edge the course never tests, in a check of its own."""
        expect_pool_backward(student, batch, lambda c: ref.pool_backward(*fresh(c.args)))

    @pytest.mark.points(1)
    @pytest.mark.hint(
        "dA_prev has A_prev's shape; each window gets the mask (max) or the even share (average) of dA"
    )
    def check_notebook_case(self, student):
        A_prev, dA = notebook((5, 5, 3, 2), (5, 4, 2, 2))
        hp = {"stride": 1, "f": 2}
        calls = [Case((dA, (A_prev, hp), mode), "the notebook's inputs: np.random.seed(1), A_prev = randn(5, 5, 3, 2), "
                      f"stride=1, f=2, then dA = randn(5, 4, 2, 2), mode={mode!r}") for mode in ("max", "average")]  # fmt: skip
        expect_pool_backward(student, calls, lambda c: ref.pool_backward(*fresh(c.args)))
