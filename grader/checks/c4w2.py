r"""Checks for course 4 week 2 in numpy: the residual identity block, the 1x1 convolution,
and the cost of a 1x1 bottleneck.

Each class grades one function of :mod:`reference.residual`, declared once as an
:class:`~grader.judge.exercises.Exercise` (``EXERCISES``).  Besides matching the reference
on random inputs (batches of :class:`~grader.judge.strategies.Case`, one round trip each), the
checks test what the lectures teach, judged from the student's values alone:

* **The identity is easy to learn**: with :math:`W_3 = 0, b_3 = 0` the block is
  :math:`g(X)` whatever :math:`W_1, W_2` (so ``X`` itself for ``X >= 0``, as after a ReLU).
* **Shapes**: the block keeps ``X``'s shape, and must raise ``ValueError`` when its last
  convolution would change the channel count, including the cases numpy would silently
  broadcast (one channel on either side).
* **A 1x1 convolution is per pixel**: changing one pixel of the input changes that pixel of
  the output only, and it keeps ``n_H`` and ``n_W``.
* **Costs** are exact integers, checked on the lecture's 120M and 12.4M example.

Arrays are small (at most a few hundred entries) and drawn from a seed.
"""

from __future__ import annotations

import numbers

import numpy as np
import pytest
from hypothesis import given

from grader.boundary.remote import StudentError
from grader.checks import c4w2_mistakes as mistakes
from grader.judge.compare import Tolerance, expect_array, expect_number, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged, outcomes, unwrap
from grader.judge.strategies import Case, Sampled, batches, sample_int, sample_seed, sample_value
from reference import residual as ref

#: Multiplication counts are integers: no tolerance.
EXACT = Tolerance(rtol=0.0, atol=0.0)

IDENTITY_BLOCK = Exercise("identity_block", ref.identity_block, returns="A", mistakes=mistakes.IDENTITY_BLOCK)
CONV_1X1 = Exercise("conv_1x1", ref.conv_1x1, returns="Z", mistakes=mistakes.CONV_1X1)
BOTTLENECK_COST = Exercise("bottleneck_cost", ref.bottleneck_cost, returns="cost", tolerance=EXACT,
                           mistakes=mistakes.BOTTLENECK_COST)  # fmt: skip
EXERCISES = declare(IDENTITY_BLOCK, CONV_1X1, BOTTLENECK_COST)


# --------------------------------------------------------------------------- identity block

FILTER_SIZES = (1, 3, 5)


def make_block(m: int, n_H: int, n_W: int, n_C: int, F1: int, F2: int, f: int, seed: int,
               F3: int | None = None, zero: str = "", nonnegative: bool = False) -> Case:  # fmt: skip
    """``(X, parameters)``; ``zero`` names the layers whose weights and biases are 0 ("3" or "123")."""
    rng = np.random.default_rng(seed)
    F3 = n_C if F3 is None else F3
    X = rng.standard_normal((m, n_H, n_W, n_C))
    if nonnegative:
        X = np.abs(X)
    shapes = {"W1": (1, 1, n_C, F1), "b1": (1, 1, 1, F1), "W2": (f, f, F1, F2), "b2": (1, 1, 1, F2),
              "W3": (1, 1, F2, F3), "b3": (1, 1, 1, F3)}  # fmt: skip
    parameters = {
        k: (np.zeros(s) if k[1] in zero else rng.standard_normal(s) * 0.5) for k, s in shapes.items()
    }
    what = {"": "random weights", "3": "W3 = 0 and b3 = 0", "123": "every weight and bias 0"}[zero]
    sign = "X >= 0" if nonnegative else "X"
    return Case(
        (X, parameters), f"{sign} of shape {X.shape}, F1={F1}, F2={F2}, F3={F3}, f={f}, {what}, seed {seed}"
    )


def block_cases(zero: str = "", nonnegative: bool = False) -> Sampled[Case]:
    """Blocks of m in 1..3 examples of n_H, n_W in 1..5 and n_C, F1, F2 in 1..4, sampled."""

    def sample(rng: np.random.Generator) -> Case:
        m, n_H, n_W = sample_int(rng, 1, 3), sample_int(rng, 1, 5), sample_int(rng, 1, 5)
        n_C, F1, F2 = sample_int(rng, 1, 4), sample_int(rng, 1, 4), sample_int(rng, 1, 4)
        f, seed = sample_value(rng, FILTER_SIZES), sample_seed(rng)
        return make_block(m, n_H, n_W, n_C, F1, F2, f, seed, zero=zero, nonnegative=nonnegative)

    return Sampled(sample)


#: ``(n_C, F3)`` of :func:`channel_changing_blocks`.
CHANNEL_CHANGES = ((1, 2), (1, 3), (2, 1), (4, 1), (2, 3), (3, 2), (4, 2))


def channel_changing_blocks() -> Sampled[Case]:
    """A block whose W3 outputs F3 != n_C channels; one channel on either side half the time
    (numpy would broadcast those instead of failing)."""

    def sample(rng: np.random.Generator) -> Case:
        n_C, F3 = sample_value(rng, CHANNEL_CHANGES)
        m, n_H, n_W = sample_int(rng, 1, 2), sample_int(rng, 1, 4), sample_int(rng, 1, 4)
        F1, F2 = sample_int(rng, 1, 4), sample_int(rng, 1, 4)
        return make_block(m, n_H, n_W, n_C, F1, F2, sample_value(rng, FILTER_SIZES), sample_seed(rng), F3=F3)

    return Sampled(sample)


def expect_block_output(got: object, X: np.ndarray) -> np.ndarray:
    if type(got) is not np.ndarray:
        fail(f"expected an array of X's shape {X.shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.shape != X.shape:
        fail(f"the block returned shape {got.shape}, expected X's shape {X.shape}: every convolution is 'same' "
             "(stride 1, padding (f - 1) / 2) and the last one has n_C filters")  # fmt: skip
    if got.dtype.kind != "f":
        fail(f"dtype {got.dtype}, expected a float dtype")
    return got


@pytest.mark.exercise("identity_block")
class CheckIdentityBlock:
    @pytest.mark.points(7)
    @pytest.mark.hint("add the shortcut X to Z3 before the last ReLU: A = relu(Z3 + X); with every weight 0, "
                      "Z3 = 0 and the block gives back X >= 0 unchanged")  # fmt: skip
    @pytest.mark.needs("check_channel_change_raises_value_error")  # returning X itself has it
    @given(batch=batches(block_cases(zero="123", nonnegative=True)))
    def check_zero_block_is_the_identity(self, student, batch):
        for case, got in judged(student.identity_block, batch):
            with on(case.description):
                X = case.args[0]
                expect_array(expect_block_output(got, X), X, "A (expected X itself)")

    @pytest.mark.points(8)
    @pytest.mark.hint("the last ReLU comes after the addition: A = relu(Z3 + X), so with W3 = 0, b3 = 0 the "
                      "block is relu(X), whatever W1 and W2")  # fmt: skip
    @given(batch=batches(block_cases(zero="3")))
    def check_zero_last_layer_gives_relu_of_x(self, student, batch):
        for case, got in judged(student.identity_block, batch):
            with on(case.description):
                X = case.args[0]
                A = expect_block_output(got, X)
                if np.array_equal(A, X) and (X < 0).any():
                    fail("the block returned X unchanged, negative entries included: apply the ReLU after "
                         "adding the shortcut, A = relu(Z3 + X)")  # fmt: skip
                expect_array(A, np.maximum(X, 0), "A (expected relu(X))")

    @pytest.mark.points(6)
    @pytest.mark.hint("use 'same' convolutions (conv_same pads by (f - 1) / 2): the output has X's shape")
    @pytest.mark.needs("check_channel_change_raises_value_error")  # zeros of X's shape have it
    @given(batch=batches(block_cases()))
    def check_output_shape_is_input_shape(self, student, batch):
        for case, got in judged(student.identity_block, batch):
            with on(case.description):
                expect_block_output(got, case.args[0])

    @pytest.mark.points(6)
    @pytest.mark.hint("before adding the shortcut, check W3.shape[3] == X.shape[3] and raise ValueError if "
                      "not: numpy would broadcast a single channel instead of failing")  # fmt: skip
    @pytest.mark.needs("check_output_shape_is_input_shape")  # a body that only raises has it
    @given(batch=batches(channel_changing_blocks()))
    def check_channel_change_raises_value_error(self, student, batch):
        for case, outcome in zip(batch, outcomes(student.identity_block, batch), strict=True):
            with on(case.description):
                n_C, F3 = case.args[0].shape[3], case.args[1]["W3"].shape[3]
                if isinstance(outcome, StudentError):
                    if outcome.kind != "ValueError":
                        fail(f"raised {outcome.kind}: {outcome.message[:200]} -- expected ValueError, since "
                             f"the block's {F3} output channels cannot be added to X's {n_C}")  # fmt: skip
                    continue
                fail(f"returned {kind(outcome)} instead of raising ValueError: the block's {F3} output channels "
                     f"cannot be added to X's {n_C}")  # fmt: skip

    @pytest.mark.points(13)
    @pytest.mark.hint("A1 = relu(conv_same(X, W1, b1)), A2 = relu(conv_same(A1, W2, b2)), "
                      "A = relu(conv_same(A2, W3, b3) + X)")  # fmt: skip
    @given(batch=batches(block_cases()))
    def check_matches_reference(self, student, batch):
        IDENTITY_BLOCK.like_reference(student, batch)


# --------------------------------------------------------------------------- 1x1 convolution


def make_conv(m: int, n_H: int, n_W: int, n_C_prev: int, n_C: int, seed: int) -> Case:
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((m, n_H, n_W, n_C_prev))
    W = rng.standard_normal((1, 1, n_C_prev, n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    return Case((A, W, b), f"A_prev of shape {A.shape}, W of shape {W.shape}, seed {seed}")


def sample_conv(rng: np.random.Generator, max_side: int = 5) -> Case:
    """m in 1..3, n_H and n_W in 1..``max_side``, n_C_prev and n_C in 1..5."""
    m, n_H, n_W = sample_int(rng, 1, 3), sample_int(rng, 1, max_side), sample_int(rng, 1, max_side)
    return make_conv(m, n_H, n_W, sample_int(rng, 1, 5), sample_int(rng, 1, 5), sample_seed(rng))


def conv_cases(max_side: int = 5) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        return sample_conv(rng, max_side)

    return Sampled(sample)


def poked_convs() -> Sampled[tuple[Case, Case, tuple[int, int, int]]]:
    """A case, the same case with one pixel of A_prev changed, and that pixel."""

    def sample(rng: np.random.Generator) -> tuple[Case, Case, tuple[int, int, int]]:
        case = sample_conv(rng)
        A, W, b = case.args
        pixel = tuple(int(rng.integers(n)) for n in A.shape[:3])
        poked = A.copy()
        poked[pixel] += 1.0 + np.arange(A.shape[3])
        poked_case = Case((poked, W, b), f"{case.description}, pixel {pixel} changed")
        return case, poked_case, pixel  # type: ignore[return-value]

    return Sampled(sample)


@pytest.mark.exercise("conv_1x1")
class CheckConv1x1:
    @pytest.mark.points(15)
    @pytest.mark.hint("Z = A_prev @ W[0, 0] + b: the (n_C_prev, n_C) matrix W[0, 0] mixes the channels of "
                      "every pixel; no activation")  # fmt: skip
    @given(batch=batches(conv_cases()))
    def check_matches_matrix_product_at_every_pixel(self, student, batch):
        CONV_1X1.like_reference(student, batch)

    @pytest.mark.points(10)
    @pytest.mark.hint("a 1x1 convolution keeps n_H and n_W and has n_C = W.shape[3] channels: Z of shape "
                      "(m, n_H, n_W, n_C)")  # fmt: skip
    @given(batch=batches(conv_cases(max_side=7)))
    def check_keeps_height_and_width(self, student, batch):
        for case, got in judged(student.conv_1x1, batch):
            with on(case.description):
                A, W, _ = case.args
                shape = (*A.shape[:3], W.shape[3])
                if type(got) is not np.ndarray:
                    fail(f"expected an array of shape {shape}, got {kind(got)}")
                if got.shape != shape:
                    fail(f"Z has shape {got.shape}, expected {shape}: (m, n_H, n_W) of A_prev, n_C of W")
                if got.dtype.kind != "f":
                    fail(f"Z has dtype {got.dtype}, expected a float dtype")

    @pytest.mark.points(10)
    @pytest.mark.hint("each pixel's output depends on that pixel's channels only: multiply along the last "
                      "axis (A_prev @ W[0, 0]); never reshape the channels away from the last axis")  # fmt: skip
    @given(batch=batches(poked_convs(), size=5))
    def check_each_pixel_depends_on_itself_only(self, student, batch):
        cases = [c for original, poked, _ in batch for c in (original, poked)]
        results = outcomes(student.conv_1x1, cases)
        for k, (_original, poked, pixel) in enumerate(batch):
            with on(poked.description):
                before, after = (self._output(results[2 * k + j], cases[2 * k + j]) for j in (0, 1))
                changed = np.argwhere(np.any(np.abs(after - before) > 1e-9, axis=3))
                elsewhere = [tuple(int(i) for i in p) for p in changed if tuple(p) != pixel]
                if elsewhere:
                    fail(f"Z changed at pixel {elsewhere[0]} too ({len(elsewhere)} other pixels): a 1x1 "
                         "convolution mixes the channels of one pixel, never neighbouring pixels")  # fmt: skip
                if not len(changed):
                    fail(f"Z did not change at pixel {pixel}")

    @staticmethod
    def _output(outcome: object, case: Case) -> np.ndarray:
        got = unwrap(outcome)
        A, W, _ = case.args
        shape = (*A.shape[:3], W.shape[3])
        if type(got) is not np.ndarray or got.shape != shape:
            fail(f"expected Z of shape {shape}, got {kind(got)}")
        return got  # type: ignore[return-value]


# --------------------------------------------------------------------------- bottleneck cost


def cost_case(n_H: int, n_W: int, n_C_prev: int, n_C: int, f: int, n_b: int | None) -> Case:
    bottleneck = "" if n_b is None else f", n_bottleneck={n_b}"
    return Case((n_H, n_W, n_C_prev, n_C, f, n_b),
                f"n_H={n_H}, n_W={n_W}, n_C_prev={n_C_prev}, n_C={n_C}, f={f}{bottleneck}")  # fmt: skip


def cost_cases(bottleneck: bool) -> Sampled[Case]:
    """n_H, n_W in 1..64, n_C_prev, n_C in 1..512, f in (1, 3, 5, 7), n_bottleneck in 1..64 or None."""

    def sample(rng: np.random.Generator) -> Case:
        n_H, n_W = sample_int(rng, 1, 64), sample_int(rng, 1, 64)
        n_C_prev, n_C = sample_int(rng, 1, 512), sample_int(rng, 1, 512)
        f = sample_value(rng, (1, 3, 5, 7))
        return cost_case(n_H, n_W, n_C_prev, n_C, f, sample_int(rng, 1, 64) if bottleneck else None)

    return Sampled(sample)


LECTURE = [cost_case(28, 28, 192, 32, 5, None), cost_case(28, 28, 192, 32, 5, 16)]


def compare_cost(got: object, expected: object, what: str, tol: Tolerance = EXACT) -> None:
    """A count of multiplications: an integer, ``expected`` within ``tol`` (:data:`EXACT`)."""
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, numbers.Integral):
        fail(f"{what}: expected an integer (a count of multiplications), got {kind(got)}")
    expect_number(got, float(int(expected)), what, tol)  # type: ignore[call-overload]


@pytest.mark.exercise("bottleneck_cost")
class CheckBottleneckCost:
    @pytest.mark.points(8)
    @pytest.mark.hint("28*28*32 outputs times 5*5*192 multiplications each is about 120M; through 16 channels, "
                      "28*28*16*192 + 28*28*32*5*5*16, about 12.4M")  # fmt: skip
    def check_lecture_example(self, student):
        BOTTLENECK_COST.like_reference(student, LECTURE, compare=compare_cost)

    @pytest.mark.points(8)
    @pytest.mark.hint("each of the n_H * n_W * n_C outputs costs f * f * n_C_prev multiplications")
    @given(batch=batches(cost_cases(bottleneck=False)))
    def check_without_bottleneck(self, student, batch):
        BOTTLENECK_COST.like_reference(student, batch, compare=compare_cost)

    @pytest.mark.points(9)
    @pytest.mark.hint("add both layers: the 1x1 one, n_H * n_W * n_bottleneck * n_C_prev, and the f x f one on "
                      "the bottleneck, n_H * n_W * n_C * f * f * n_bottleneck")  # fmt: skip
    @given(batch=batches(cost_cases(bottleneck=True)))
    def check_with_bottleneck(self, student, batch):
        BOTTLENECK_COST.like_reference(student, batch, compare=compare_cost)
