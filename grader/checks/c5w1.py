r"""Checks for course 5 week 1: the forward passes of a basic RNN and of an LSTM.

Each class grades one function of :mod:`reference.rnn` on small random geometries
(n_x <= 4, n_a <= 5, 2 <= n_y <= 4, 2 <= m <= 5, 2 <= T_x <= 4: the course's sequences
have several steps and a batch of several examples), part by part, so a failure
names what is wrong: the new hidden state, the prediction, the memory cell, or the cache,
element by element (the course's backward pass unpacks the caches, so their order is
graded).  Inputs built so the answer is known test what the notebook teaches: zero inputs
and state give ``tanh(ba)``; each prediction column sums to one; with the weights'
input columns zeroed the LSTM must not depend on ``xt`` (a_prev is stacked on top);
saturated gates make the memory keep ``c_prev`` or take ``cct``.

``rnn_forward`` and ``lstm_forward`` call the cell.  They run with the reference's cell in
its place (``builds_on`` in :mod:`grader.assignments`, :mod:`grader.boundary.blocks`) and are compared
with the reference, so a wrong or unfinished cell costs points once, in its own exercise,
and never excuses the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given

from grader.checks import c5w1_mistakes as mistakes
from grader.judge.compare import (
    CheckFailed,
    Tolerance,
    expect_array,
    expect_parts,
    expect_same,
    fail,
    kind,
    on,
)
from grader.judge.judging import Mistake, fresh, identified, judged
from grader.judge.strategies import Case, Sampled, batches, sample_seed, sample_value
from reference import rnn as ref

RNN_OUT = ("a_next", "yt_pred", "cache")
RNN_CACHE = ("a_next", "a_prev", "xt", "parameters")
LSTM_OUT = ("a_next", "c_next", "yt_pred", "cache")
LSTM_CACHE = ("a_next", "c_next", "a_prev", "c_prev", "ft", "it", "cct", "ot", "xt", "parameters")
#: Accepts any finite values: only the type, shape and dtype of an array are checked.
SHAPE_ONLY = Tolerance(rtol=0.0, atol=float("inf"))
#: Gate biases that saturate the sigmoid: sigmoid(30) = 1 - 9e-14.
SATURATED = 30.0

# --------------------------------------------------------------------------- inputs


def rnn_parameters(n_x: int, n_a: int, n_y: int, rng: np.random.Generator) -> dict:
    return {
        "Waa": rng.standard_normal((n_a, n_a)),
        "Wax": rng.standard_normal((n_a, n_x)),
        "Wya": rng.standard_normal((n_y, n_a)),
        "ba": rng.standard_normal((n_a, 1)),
        "by": rng.standard_normal((n_y, 1)),
    }


def lstm_parameters(n_x: int, n_a: int, n_y: int, rng: np.random.Generator) -> dict:
    p = {}
    for gate in "fico":
        p[f"W{gate}"] = rng.standard_normal((n_a, n_a + n_x))
        p[f"b{gate}"] = rng.standard_normal((n_a, 1))
    p["Wy"], p["by"] = rng.standard_normal((n_y, n_a)), rng.standard_normal((n_y, 1))
    return p


#: The geometries drawn, each size uniform in its range: n_x, n_a, n_y, m.
GEOMETRY = (range(1, 5), range(1, 6), range(2, 5), range(2, 6))
#: Steps of the sequences the loops are judged on (the course's have several; T_x = 1 is never tested there).
STEPS = range(2, 5)


def sample_geometry(rng: np.random.Generator) -> tuple[int, int, int, int]:
    """``(n_x, n_a, n_y, m)``, each uniform in its :data:`GEOMETRY` range (Python ints)."""
    n_x, n_a, n_y, m = (int(sample_value(rng, sizes)) for sizes in GEOMETRY)
    return n_x, n_a, n_y, m


def _rnn_cell_case(g: tuple[int, int, int, int], seed: int, zero: bool = False) -> Case:
    n_x, n_a, n_y, m = g
    rng = np.random.default_rng(seed)
    p = rnn_parameters(n_x, n_a, n_y, rng)
    xt, a_prev = (
        (np.zeros((n_x, m)), np.zeros((n_a, m)))
        if zero
        else (rng.standard_normal((n_x, m)), rng.standard_normal((n_a, m)))
    )
    what = "zero " if zero else ""
    return Case(
        (xt, a_prev, p), f"{what}xt of shape {xt.shape}, {what}a_prev of shape {a_prev.shape}, n_y={n_y}"
    )


def _lstm_cell_case(g: tuple[int, int, int, int], seed: int, kind: str = "random") -> Case:
    n_x, n_a, n_y, m = g
    rng = np.random.default_rng(seed)
    p = lstm_parameters(n_x, n_a, n_y, rng)
    xt, a_prev, c_prev = (
        rng.standard_normal((n_x, m)),
        rng.standard_normal((n_a, m)),
        rng.standard_normal((n_a, m)),
    )
    note = ""
    if kind == "x_columns_zero":
        for gate in "fico":
            p[f"W{gate}"][:, n_a:] = 0.0
        note = ", the last n_x columns (those acting on xt) of Wf, Wi, Wc, Wo zero"
    elif kind in ("keep", "replace"):
        sign = 1.0 if kind == "keep" else -1.0
        p["bf"], p["bi"] = np.full((n_a, 1), sign * SATURATED), np.full((n_a, 1), -sign * SATURATED)
        for gate in "fi":
            p[f"W{gate}"] *= 0.1
        note = (
            ", bf = +30 and bi = -30 (forget gate open, update gate shut)"
            if kind == "keep"
            else ", bf = -30 and bi = +30 (forget gate shut, update gate open)"
        )
    return Case(
        (xt, a_prev, c_prev, p),
        f"xt of shape {xt.shape}, a_prev and c_prev of shape {a_prev.shape}, n_y={n_y}{note}",
    )


def _sequence_case(lstm: bool, g: tuple[int, int, int, int], T_x: int, seed: int) -> Case:
    n_x, n_a, n_y, m = g
    rng = np.random.default_rng(seed)
    p = (lstm_parameters if lstm else rnn_parameters)(n_x, n_a, n_y, rng)
    x, a0 = rng.standard_normal((n_x, m, T_x)), rng.standard_normal((n_a, m))
    return Case((x, a0, p), f"x of shape {x.shape}, a0 of shape {a0.shape}, n_y={n_y}")


def rnn_cell_cases(zero: bool = False) -> Sampled[Case]:
    def sample(rng: np.random.Generator) -> Case:
        return _rnn_cell_case(sample_geometry(rng), sample_seed(rng), zero)

    return Sampled(sample)


def lstm_cell_cases(*kinds: str) -> Sampled[Case]:
    """LSTM cells of one of ``kinds`` (each as likely; "random" when none is given)."""
    chosen = kinds or ("random",)

    def sample(rng: np.random.Generator) -> Case:
        kind = str(sample_value(rng, chosen))
        return _lstm_cell_case(sample_geometry(rng), sample_seed(rng), kind)

    return Sampled(sample)


def sequence_cases(lstm: bool) -> Sampled[Case]:
    """Sequences of T_x = 2..4 steps (the course's have several; T_x = 1 is never tested there)."""

    def sample(rng: np.random.Generator) -> Case:
        g = sample_geometry(rng)
        return _sequence_case(lstm, g, int(sample_value(rng, STEPS)), sample_seed(rng))

    return Sampled(sample)


# --------------------------------------------------------------------------- comparisons


def compare_cache(got: object, expected: tuple, names: Sequence[str], what: str) -> None:
    """A cache tuple, element by element, each named (``cache[1] (a_prev)``)."""
    items = expect_parts(got, names, what=what)
    for i, (name, g, e) in enumerate(zip(names, items, expected, strict=True)):
        expect_same(g, e, f"{what}[{i}] ({name})")


Compare = Callable[[object, Any], None]  # (got, the expected tuple)


def parts(names: Sequence[str], graded: Sequence[str], cache: Sequence[str] = ()) -> Compare:
    """Compare the ``graded`` items of a returned tuple named ``names``; "cache" element by element."""

    def compare(got: object, expected: tuple) -> None:
        items = expect_parts(got, names)
        for name in graded:
            i = names.index(name)
            if name == "cache":
                compare_cache(items[i], expected[i], cache, "cache")
            else:
                expect_same(items[i], expected[i], name)

    return compare


def expect_like(
    function,
    reference: Callable,
    cases: Sequence[Case],
    compare: Compare,
    known: Sequence[Mistake] = (),
) -> None:
    for case, got in judged(function, cases):
        with on(case.description):
            try:
                compare(got, reference(*fresh(case.args)))
            except CheckFailed as failure:
                raise identified(failure, got, case.args, known, compare) from None


# --------------------------------------------------------------------------- rnn_cell_forward


def expect_rnn_cell(student, cases: Sequence[Case], *graded: str) -> None:
    expect_like(
        student.rnn_cell_forward,
        ref.rnn_cell_forward,
        cases,
        parts(RNN_OUT, graded, RNN_CACHE),
        mistakes.RNN_CELL,
    )


def expect_columns_sum_to_one(
    student, function: str, cases: Sequence[Case], index: int, names: Sequence[str]
) -> None:
    for case, got in judged(getattr(student, function), cases):
        with on(case.description):
            y = expect_parts(got, names)[index]
            m = case.args[0].shape[1]
            if type(y) is not np.ndarray or y.ndim != 2 or y.shape[1] != m:
                fail(f"yt_pred: expected an array of shape (n_y, {m}), got {kind(y)}")
            sums = np.sum(y, axis=0)
            if not np.allclose(sums, 1.0, rtol=0, atol=1e-9) or (y < 0).any():
                j = int(np.argmax(np.abs(sums - 1.0)))
                fail(
                    f"yt_pred: column {j} sums to {sums[j]:.6g}, not 1 (each column is one example's "
                    f"distribution over the n_y classes)"
                )


@pytest.mark.exercise("rnn_cell_forward")
class CheckRnnCellForward:
    @pytest.mark.points(7)
    @pytest.mark.hint("a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)")
    @given(batch=batches(rnn_cell_cases()))
    def check_a_next(self, student, batch):
        expect_rnn_cell(student, batch, "a_next")

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "with xt = 0 and a_prev = 0 only the bias is left: a_next = np.tanh(ba) in every column"
    )
    @given(batch=batches(rnn_cell_cases(zero=True), size=5))
    def check_zero_input_and_state_give_tanh_of_ba(self, student, batch):
        expect_rnn_cell(student, batch, "a_next", "yt_pred")

    @pytest.mark.points(6)
    @pytest.mark.hint("yt_pred = softmax(np.dot(Wya, a_next) + by), with the course's softmax (over axis 0)")
    @given(batch=batches(rnn_cell_cases()))
    def check_yt_pred(self, student, batch):
        expect_rnn_cell(student, batch, "yt_pred")

    @pytest.mark.points(3)
    @pytest.mark.hint("apply softmax so that each COLUMN (one example) sums to 1: softmax over axis 0")
    @given(batch=batches(rnn_cell_cases()))
    def check_columns_of_yt_pred_sum_to_one(self, student, batch):
        expect_columns_sum_to_one(student, "rnn_cell_forward", batch, 1, RNN_OUT)

    @pytest.mark.points(5)
    @pytest.mark.hint("cache = (a_next, a_prev, xt, parameters), in this order")
    @given(batch=batches(rnn_cell_cases()))
    def check_cache_is_a_next_a_prev_xt_parameters(self, student, batch):
        expect_rnn_cell(student, batch, "cache")


# --------------------------------------------------------------------------- lstm_cell_forward


def expect_lstm_cell(student, cases: Sequence[Case], *graded: str) -> None:
    expect_like(
        student.lstm_cell_forward,
        ref.lstm_cell_forward,
        cases,
        parts(LSTM_OUT, graded, LSTM_CACHE),
        mistakes.LSTM_CELL,
    )


@pytest.mark.exercise("lstm_cell_forward")
class CheckLstmCellForward:
    @pytest.mark.points(8)
    @pytest.mark.hint(
        "concat = np.concatenate((a_prev, xt)); ft, it = sigmoid(...), cct = np.tanh(np.dot(Wc, "
        "concat) + bc); c_next = ft * c_prev + it * cct"
    )
    @given(batch=batches(lstm_cell_cases()))
    def check_c_next(self, student, batch):
        expect_lstm_cell(student, batch, "c_next")

    @pytest.mark.points(7)
    @pytest.mark.hint("ot = sigmoid(np.dot(Wo, concat) + bo); a_next = ot * np.tanh(c_next)")
    @given(batch=batches(lstm_cell_cases()))
    def check_a_next(self, student, batch):
        expect_lstm_cell(student, batch, "a_next")

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "stack a_prev ON TOP of xt: concat = np.concatenate((a_prev, xt), axis=0), so the first "
        "n_a columns of each W act on a_prev"
    )
    @given(batch=batches(lstm_cell_cases("x_columns_zero")))
    def check_a_prev_is_stacked_on_top_of_xt(self, student, batch):
        expect_lstm_cell(student, batch, "a_next", "c_next")

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "c_next = ft * c_prev + it * cct: an open forget gate with a shut update gate keeps "
        "c_prev, the other way round gives cct"
    )
    @given(batch=batches(lstm_cell_cases("keep", "replace")))
    def check_forget_gate_keeps_c_prev_and_update_gate_writes_cct(self, student, batch):
        expect_lstm_cell(student, batch, "c_next")

    @pytest.mark.points(4)
    @pytest.mark.hint("yt_pred = softmax(np.dot(Wy, a_next) + by), with the course's softmax (over axis 0)")
    @given(batch=batches(lstm_cell_cases()))
    def check_yt_pred(self, student, batch):
        expect_lstm_cell(student, batch, "yt_pred")

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters), in this order"
    )
    @given(batch=batches(lstm_cell_cases()))
    def check_cache(self, student, batch):
        expect_lstm_cell(student, batch, "cache")


# --------------------------------------------------------------------------- the sequences


class Loop:
    """A forward pass over a sequence: its outputs, its cell's cache, the reference, its known mistakes."""

    def __init__(
        self,
        forward: str,
        outputs: tuple[str, ...],
        cache: tuple[str, ...],
        reference: Callable,
        known: Sequence[Mistake],
    ) -> None:
        self.forward, self.outputs, self.cache, self.reference, self.known = (
            forward,
            outputs,
            cache,
            reference,
            known,
        )

    def expect(self, student, batch: Sequence[Case], compare: Compare) -> None:
        """The reference's result (the cell the student's loop calls is the reference's)."""
        expect_like(getattr(student, self.forward), self.reference, batch, compare, self.known)


RNN = Loop("rnn_forward", ("a", "y_pred", "caches"), RNN_CACHE, ref.rnn_forward, mistakes.RNN_FORWARD)
LSTM = Loop("lstm_forward", ("a", "y", "c", "caches"), LSTM_CACHE, ref.lstm_forward, mistakes.LSTM_FORWARD)


def values(loop: Loop, first_step_only: bool = False) -> Compare:
    """Compare the arrays ``a, y[, c]`` (of every step, or shapes plus the first step)."""
    arrays = [name for name in loop.outputs if name != "caches"]

    def compare(got: object, expected: tuple) -> None:
        items = expect_parts(got, loop.outputs)
        for name in arrays:
            i = loop.outputs.index(name)
            if first_step_only:
                expect_array(items[i], expected[i], name, tol=SHAPE_ONLY)  # shape and dtype
                expect_same(items[i][:, :, 0], expected[i][:, :, 0], f"{name}[:, :, 0]")
            else:
                expect_same(items[i], expected[i], name)

    return compare


def caches(loop: Loop) -> Compare:
    """``caches = (list of T_x cell caches, x)``, each cache element by element."""

    def compare(got: object, expected: tuple) -> None:
        items = expect_parts(got, loop.outputs)
        pair = expect_parts(items[-1], ("list of caches", "x"), what="caches")
        expect_same(pair[1], expected[-1][1], "caches[1] (x)")
        steps, wanted = pair[0], expected[-1][0]
        if not isinstance(steps, (list, tuple)) or len(steps) != len(wanted):
            fail(f"caches[0]: expected a list of {len(wanted)} cell caches (one per step), got {kind(steps)}")
        for t, (g, e) in enumerate(zip(steps, wanted, strict=True)):  # type: ignore[arg-type]
            compare_cache(g, e, loop.cache, f"caches[0][{t}]")

    return compare


@pytest.mark.exercise("rnn_forward")
class CheckRnnForward:
    @pytest.mark.points(8)
    @pytest.mark.hint(
        "a_next = a0; then at each step t: a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], "
        "a_next, parameters), saved in a[:, :, t] and y_pred[:, :, t]"
    )
    @given(batch=batches(sequence_cases(lstm=False)))
    def check_a_and_y_pred_are_the_cell_repeated(self, student, batch):
        RNN.expect(student, batch, values(RNN))

    @pytest.mark.points(4)
    @pytest.mark.hint("the first step starts from the given a0: a_next = a0 before the loop")
    @given(batch=batches(sequence_cases(lstm=False)))
    def check_first_step_starts_from_a0(self, student, batch):
        RNN.expect(student, batch, values(RNN, first_step_only=True))

    @pytest.mark.points(8)
    @pytest.mark.hint("append each step's cache to a list, and return caches = (caches, x)")
    @given(batch=batches(sequence_cases(lstm=False)))
    def check_caches_are_the_cell_caches_and_x(self, student, batch):
        RNN.expect(student, batch, caches(RNN))


@pytest.mark.exercise("lstm_forward")
class CheckLstmForward:
    @pytest.mark.points(10)
    @pytest.mark.hint(
        "a_next = a0, c_next = zeros; then at each step a_next, c_next, yt, cache = "
        "lstm_cell_forward(x[:, :, t], a_next, c_next, parameters); return a, y, c, caches"
    )
    @given(batch=batches(sequence_cases(lstm=True)))
    def check_a_y_and_c_are_the_cell_repeated(self, student, batch):
        LSTM.expect(student, batch, values(LSTM))

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "the first step starts from the given a0 and an EMPTY memory: c_next = np.zeros(a_next.shape)"
    )
    @given(batch=batches(sequence_cases(lstm=True)))
    def check_first_step_starts_from_a0_and_zero_memory(self, student, batch):
        LSTM.expect(student, batch, values(LSTM, first_step_only=True))

    @pytest.mark.points(5)
    @pytest.mark.hint("append each step's cache to a list, and return caches = (caches, x)")
    @given(batch=batches(sequence_cases(lstm=True)))
    def check_caches_are_the_cell_caches_and_x(self, student, batch):
        LSTM.expect(student, batch, caches(LSTM))
