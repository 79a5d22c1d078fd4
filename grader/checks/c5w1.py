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

The inputs (the geometries, the sequences, the cells whose answer is known) are in
:mod:`grader.checks.c5w1_inputs`, the known mistakes in :mod:`grader.checks.c5w1_mistakes`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given

from grader.checks import c5w1_mistakes as mistakes
from grader.checks.c5w1_inputs import (  # GEOMETRY and sample_geometry: read by the tests
    GEOMETRY,  # noqa: F401
    lstm_cell_cases,
    rnn_cell_cases,
    sample_geometry,  # noqa: F401
    sequence_cases,
)
from grader.judge.compare import (
    Tolerance,
    expect_array,
    expect_parts,
    expect_same,
    fail,
    kind,
    on,
)
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged
from grader.judge.strategies import Case, batches
from reference import rnn as ref

RNN_CACHE = ("a_next", "a_prev", "xt", "parameters")
LSTM_CACHE = ("a_next", "c_next", "a_prev", "c_prev", "ft", "it", "cct", "ot", "xt", "parameters")
#: Accepts any finite values: only the type, shape and dtype of an array are checked.
SHAPE_ONLY = Tolerance(rtol=0.0, atol=float("inf"))

RNN_CELL = Exercise(
    "rnn_cell_forward",
    ref.rnn_cell_forward,
    returns=("a_next", "yt_pred", "cache"),
    mistakes=mistakes.RNN_CELL,
    names_every_mistake=True,
)
LSTM_CELL = Exercise(
    "lstm_cell_forward",
    ref.lstm_cell_forward,
    returns=("a_next", "c_next", "yt_pred", "cache"),
    mistakes=mistakes.LSTM_CELL,
    names_every_mistake=True,
)
#: The loops run with the reference's cell in place of the student's (``builds_on``).
RNN = Exercise(
    "rnn_forward",
    ref.rnn_forward,
    returns=("a", "y_pred", "caches"),
    mistakes=mistakes.RNN_FORWARD,
    names_every_mistake=True,
)
LSTM = Exercise(
    "lstm_forward",
    ref.lstm_forward,
    returns=("a", "y", "c", "caches"),
    mistakes=mistakes.LSTM_FORWARD,
    names_every_mistake=True,
)
EXERCISES = declare(RNN_CELL, RNN, LSTM_CELL, LSTM)

# --------------------------------------------------------------------------- comparisons


def compare_cache(got: object, expected: tuple, names: Sequence[str], what: str) -> None:
    """A cache tuple, element by element, each named (``cache[1] (a_prev)``)."""
    items = expect_parts(got, names, what=what)
    for i, (name, g, e) in enumerate(zip(names, items, expected, strict=True)):
        expect_same(g, e, f"{what}[{i}] ({name})")


#: A compare of :func:`grader.judge.judging.expect_like_reference`'s signature; the ones
#: below name each part themselves, so they take no ``what`` and no tolerance of their own.
Compare = Callable[[object, Any, str, Tolerance], None]


def graded_parts(exercise: Exercise, graded: Sequence[str], cache: Sequence[str] = ()) -> Compare:
    """Compare the ``graded`` parts of ``exercise``'s result; "cache" element by element."""

    def compare(got: object, expected: tuple, what: str = "", tol: Tolerance | None = None) -> None:
        items = exercise.parts(got)
        for name in graded:
            i = exercise.returns.index(name)
            if name == "cache":
                compare_cache(items[i], expected[i], cache, "cache")
            else:
                expect_same(items[i], expected[i], name)

    return compare


# --------------------------------------------------------------------------- rnn_cell_forward


def expect_rnn_cell(student, cases: Sequence[Case], *graded: str) -> None:
    RNN_CELL.like_reference(student, cases, compare=graded_parts(RNN_CELL, graded, RNN_CACHE))


def expect_columns_sum_to_one(student, exercise: Exercise, cases: Sequence[Case], index: int) -> None:
    for case, got in judged(getattr(student, exercise.name), cases):
        with on(case.description):
            y = exercise.parts(got)[index]
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
        expect_columns_sum_to_one(student, RNN_CELL, batch, 1)

    @pytest.mark.points(5)
    @pytest.mark.hint("cache = (a_next, a_prev, xt, parameters), in this order")
    @given(batch=batches(rnn_cell_cases()))
    def check_cache_is_a_next_a_prev_xt_parameters(self, student, batch):
        expect_rnn_cell(student, batch, "cache")


# --------------------------------------------------------------------------- lstm_cell_forward


def expect_lstm_cell(student, cases: Sequence[Case], *graded: str) -> None:
    LSTM_CELL.like_reference(student, cases, compare=graded_parts(LSTM_CELL, graded, LSTM_CACHE))


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


def values(loop: Exercise, first_step_only: bool = False) -> Compare:
    """Compare the arrays ``a, y[, c]`` (of every step, or shapes plus the first step)."""
    arrays = [name for name in loop.returns if name != "caches"]

    def compare(got: object, expected: tuple, what: str = "", tol: Tolerance | None = None) -> None:
        items = loop.parts(got)
        for name in arrays:
            i = loop.returns.index(name)
            if first_step_only:
                expect_array(items[i], expected[i], name, tol=SHAPE_ONLY)  # shape and dtype
                expect_same(items[i][:, :, 0], expected[i][:, :, 0], f"{name}[:, :, 0]")
            else:
                expect_same(items[i], expected[i], name)

    return compare


def caches(loop: Exercise, cache: Sequence[str]) -> Compare:
    """``caches = (list of T_x cell caches, x)``, each cache element by element."""

    def compare(got: object, expected: tuple, what: str = "", tol: Tolerance | None = None) -> None:
        items = loop.parts(got)
        pair = expect_parts(items[-1], ("list of caches", "x"), what="caches")
        expect_same(pair[1], expected[-1][1], "caches[1] (x)")
        steps, wanted = pair[0], expected[-1][0]
        if not isinstance(steps, (list, tuple)) or len(steps) != len(wanted):
            fail(f"caches[0]: expected a list of {len(wanted)} cell caches (one per step), got {kind(steps)}")
        for t, (g, e) in enumerate(zip(steps, wanted, strict=True)):  # type: ignore[arg-type]
            compare_cache(g, e, cache, f"caches[0][{t}]")

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
        RNN.like_reference(student, batch, compare=values(RNN))

    @pytest.mark.points(4)
    @pytest.mark.hint("the first step starts from the given a0: a_next = a0 before the loop")
    @given(batch=batches(sequence_cases(lstm=False)))
    def check_first_step_starts_from_a0(self, student, batch):
        RNN.like_reference(student, batch, compare=values(RNN, first_step_only=True))

    @pytest.mark.points(8)
    @pytest.mark.hint("append each step's cache to a list, and return caches = (caches, x)")
    @given(batch=batches(sequence_cases(lstm=False)))
    def check_caches_are_the_cell_caches_and_x(self, student, batch):
        RNN.like_reference(student, batch, compare=caches(RNN, RNN_CACHE))


@pytest.mark.exercise("lstm_forward")
class CheckLstmForward:
    @pytest.mark.points(10)
    @pytest.mark.hint(
        "a_next = a0, c_next = zeros; then at each step a_next, c_next, yt, cache = "
        "lstm_cell_forward(x[:, :, t], a_next, c_next, parameters); return a, y, c, caches"
    )
    @given(batch=batches(sequence_cases(lstm=True)))
    def check_a_y_and_c_are_the_cell_repeated(self, student, batch):
        LSTM.like_reference(student, batch, compare=values(LSTM))

    @pytest.mark.points(5)
    @pytest.mark.hint(
        "the first step starts from the given a0 and an EMPTY memory: c_next = np.zeros(a_next.shape)"
    )
    @given(batch=batches(sequence_cases(lstm=True)))
    def check_first_step_starts_from_a0_and_zero_memory(self, student, batch):
        LSTM.like_reference(student, batch, compare=values(LSTM, first_step_only=True))

    @pytest.mark.points(5)
    @pytest.mark.hint("append each step's cache to a list, and return caches = (caches, x)")
    @given(batch=batches(sequence_cases(lstm=True)))
    def check_caches_are_the_cell_caches_and_x(self, student, batch):
        LSTM.like_reference(student, batch, compare=caches(LSTM, LSTM_CACHE))
