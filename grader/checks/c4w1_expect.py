r"""How the course 4 week 1 checks (:mod:`grader.checks.c4w1`) judge what they do not
compare with a result: the part of a tuple judged alone (:func:`part`), values judged against
expected values of their own (central differences, :func:`like_expected`), an error the student's
function raised named (:func:`judged_explaining`, :func:`window_error`, :func:`unpad_error`), and
the shapes and sums the course teaches (:func:`conv_shape`, :func:`pool_shape`, :func:`direct_sum`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from grader.boundary.remote import StudentError
from grader.checks import c4w1_mistakes as mistakes
from grader.checks.c4w1_mistakes import out_size
from grader.judge.compare import CheckFailed, Tolerance, expect_array, expect_same, fail, kind, on
from grader.judge.exercises import Exercise
from grader.judge.judging import outcomes, recognised
from grader.judge.strategies import Case

#: Names an error the student's function raised: the failure it is, or None (the error stands).
Explain = Callable[[Case, StudentError], "CheckFailed | None"]


def part(exercise: Exercise, name: str) -> Callable[[object, tuple, str, Tolerance], None]:
    """A ``compare`` judging the part ``name`` alone of the exercise's tuple (Z of ``(Z, cache)``)."""
    assert isinstance(exercise.returns, tuple), f"{exercise.name} returns one value, not parts"
    index = exercise.returns.index(name)

    def compare(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
        expect_same(exercise.parts(got)[index], expected[index], name, tol)

    return compare


def judged_explaining(
    function, cases: Sequence[Case], explain: Explain | None = None
) -> Iterator[tuple[Case, object]]:
    """:func:`grader.judge.judging.judged`, but an error the student's function raised fails
    as the :class:`CheckFailed` ``explain(case, error)`` names it by, when it does."""
    for case, outcome in zip(cases, outcomes(function, cases), strict=True):
        with on(case.description):
            if isinstance(outcome, StudentError):
                raise (explain and explain(case, outcome)) or outcome
        yield case, outcome


def like_expected(exercise: Exercise, student, cases: Sequence[Case], expected_of: Callable[[Case], object],
                  tol: Tolerance, explain: Explain | None = None) -> None:  # fmt: skip
    """:meth:`Exercise.like_reference <grader.judge.exercises.Exercise.like_reference>` with
    the expected result ``expected_of(case)`` (central differences, say) and errors named by
    ``explain`` (see :func:`judged_explaining`)."""
    for case, got in judged_explaining(getattr(student, exercise.name), cases, explain):
        with on(case.description):
            try:
                exercise.compare(got, expected_of(case), exercise.what, tol)
            except CheckFailed as failure:
                raise recognised(failure, got, case.args, exercise.mistakes, exercise.compare, exercise.what,
                                 tol) from None  # fmt: skip


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


def compare_mask(got: object, expected: np.ndarray, what: str, tol: Tolerance) -> None:
    """A boolean mask, or the same as 0s and 1s."""
    if type(got) is not np.ndarray or got.dtype.kind not in "biuf":
        fail(f"{what}: expected a boolean numpy array of shape {expected.shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.dtype.kind != "b" and not np.isin(got, (0, 1)).all():
        fail(f"{what}: holds {got[~np.isin(got, (0, 1))][0]}; a mask holds only True/False (or 1/0)")
    expect_array(got.astype(bool) if got.shape == expected.shape else got, expected, what, tol)


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


def pool_shape(case: Case) -> tuple[int, int, int, int]:
    A_prev, hp, _ = case.args
    n_H, n_W = (out_size(n, hp["f"], 0, hp["stride"]) for n in A_prev.shape[1:3])
    return A_prev.shape[0], n_H, n_W, A_prev.shape[3]


def unpad_error(case: Case, error: StudentError) -> CheckFailed | None:
    """Name the ``pad:-pad`` slice when conv_backward fails to broadcast an empty array at pad = 0."""
    if case.args[1][3]["pad"] == 0 and re.search(r"shape \(0, ?0", error.message):
        return CheckFailed(f"conv_backward raised {error.message} -- this is {mistakes.NEGATIVE_UNPAD.description}",
                           mistakes.NEGATIVE_UNPAD.hint)  # fmt: skip
    return None
