r"""The comparisons of course 4 week 3's checks (:mod:`grader.checks.c4w3`): what a returned
IoU, suppression, encoding or anchor index must be, the judge's own IoU of every pair of
boxes and its own classifier on windows, and the call with keywords of ``yolo_filter_boxes``.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import cast

import numpy as np

from grader.boundary.remote import StudentRaised
from grader.checks.c4w3_inputs import format_box
from grader.judge.compare import REFERENCE, Tolerance, expect_array, expect_parts, expect_same, fail, kind, on
from grader.judge.exercises import Exercise
from grader.judge.judging import expect_like_reference, fresh, judged
from grader.judge.strategies import Case

# --------------------------------------------------------------------------- boxes


def expect_iou_value(got: object, what: str = "iou") -> float:
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, numbers.Real):
        fail(f"{what}: expected a number, got {kind(got)}")
    value = float(got)  # type: ignore[arg-type]
    if not 0 <= value <= 1:
        fail(f"{what} = {value:.6g}, outside [0, 1]: is the intersection clipped at 0 on each side?")
    return value


# --------------------------------------------------------------------------- filtering


class KeywordCalls:
    """A student's function called with the keyword arguments of each case (``case.args ==
    (kwargs,)``): its ``map`` is what :func:`grader.judge.judging.outcomes` calls, one call per
    case, where a ``RemoteFunction``'s passes positions."""

    def __init__(self, function) -> None:
        self.function = function

    def map(self, calls: Sequence[tuple]) -> list[object]:
        results: list[object] = []
        for args in calls:
            try:
                results.append(self.function(**fresh(args[0])))
            except StudentRaised as error:
                if error.kind == "TypeError" and "keyword" in error.message:
                    error = StudentRaised(error.function, f"{error.message} -- the grader calls yolo_filter_boxes("
                                          "boxes=..., box_confidence=..., box_class_probs=..., threshold=...): keep "
                                          "the course's parameter names", error.kind, error.where)  # fmt: skip
                results.append(error)
        return results


def like_reference_by_keywords(exercise: Exercise, student, cases: Sequence[Case]) -> None:
    """``exercise.like_reference(student, cases)`` for cases of keyword arguments (``case.args ==
    (kwargs,)``): the student's function (:class:`KeywordCalls`) and the reference are called
    with them; the known mistakes take the dict of keyword arguments."""
    expect_like_reference(KeywordCalls(getattr(student, exercise.name)), lambda kwargs: exercise.reference(**kwargs),
                          cases, exercise.what, exercise.tolerance, exercise.compare, exercise.mistakes)  # fmt: skip


# --------------------------------------------------------------------------- non-max suppression


def pairwise_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of every box of ``a`` (n, 4) with every box of ``b`` (p, 4): shape (n, p)."""
    widths = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    heights = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.maximum(widths, 0) * np.maximum(heights, 0)
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])  # noqa: E731
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


def expect_kept(got: object, case: Case) -> np.ndarray:
    """The input indices of the returned boxes, after checking shapes, that each returned
    (score, box, class) is one input detection, none twice, by descending score."""
    scores, boxes, classes, max_boxes, _ = case.args
    s, b, c = expect_parts(got, ("scores", "boxes", "classes"))
    for name, value, ndim in (("scores", s, 1), ("boxes", b, 2), ("classes", c, 1)):
        if type(value) is not np.ndarray or value.ndim != ndim:
            fail(f"{name}: expected a {ndim}-d numpy array, got {kind(value)}")
    if not (b.shape[1:] == (4,) and s.shape[0] == b.shape[0] == c.shape[0]):
        fail(f"shapes {s.shape}, {b.shape}, {c.shape}: expected (n,), (n, 4), (n,)")
    if len(s) > max_boxes:
        fail(f"returned {len(s)} boxes, more than max_boxes={max_boxes}")
    index = []
    for n in range(len(s)):
        found = np.flatnonzero(np.all(boxes == b[n], axis=1))
        if not len(found):
            fail(f"returned box {n}, {format_box(tuple(b[n]))}, is not one of the input boxes")
        i = int(found[0])
        if s[n] != scores[i] or c[n] != classes[i]:
            fail(f"returned box {n} is input box {i} but comes with score {s[n]:.6g} and class {c[n]} "
                 f"instead of its own {scores[i]:.6g} and {classes[i]}: reorder scores, boxes and classes "
                 "together")  # fmt: skip
        if i in index:
            fail(f"input box {i} is returned twice")
        index.append(i)
    if np.any(np.diff(s) > 0):
        n = int(np.argmax(np.diff(s) > 0))
        fail(f"scores are not in descending order: {s[n]:.6g} then {s[n + 1]:.6g}")
    return np.array(index, dtype=int)


def judged_nms(student, batch: list[Case]):
    for case, got in judged(student.yolo_non_max_suppression, batch):
        with on(case.description):
            yield case, got, expect_kept(got, case)


def expect_dropped_boxes_overlap_better_kept(case: Case, kept: np.ndarray) -> None:
    """Every input box not ``kept`` (unless max_boxes are kept, all of higher score) overlaps a
    kept box of higher score by more than the threshold."""
    scores, boxes, _, max_boxes, threshold = case.args
    overlap = pairwise_iou(boxes, boxes[kept])  # (k, n)
    lowest = scores[kept].min() if len(kept) else np.inf
    for j in sorted(set(range(len(scores))) - set(kept.tolist()), key=lambda j: -scores[j]):
        if len(kept) == max_boxes and scores[j] < lowest:
            continue
        if not np.any((scores[kept] > scores[j]) & (overlap[j] > threshold)):
            fail(f"input box {j} (score {scores[j]:.4g}) was dropped, but no kept box of higher score "
                 f"overlaps it by more than {threshold:g}")  # fmt: skip


# --------------------------------------------------------------------------- encoding


def expect_encoding(got: object, S: int) -> tuple[int, int, np.ndarray]:
    row, col, b = expect_parts(got, ("row", "col", "b"))
    for name, value in (("row", row), ("col", col)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
            fail(f"{name}: expected an integer cell index, got {kind(value)}")
        if not 0 <= int(value) < S:
            fail(f"{name} = {value}, outside the grid 0..{S - 1}")
    if type(b) is not np.ndarray or b.shape != (4,) or b.dtype.kind != "f":
        fail(f"b: expected a float array [bx, by, bh, bw] of shape (4,), got {kind(b)}")
    return int(row), int(col), b


def compare_encoding(got: object, expected: object, what: str, tol: object = REFERENCE) -> None:
    row, col, b = expect_encoding(got, 10**9)
    e_row, e_col, e_b = cast("tuple[int, int, np.ndarray]", expected)  # the reference's
    if (row, col) != (e_row, e_col):
        fail(f"(row, col) = ({row}, {col}), expected ({e_row}, {e_col})")
    expect_array(b, e_b, "b = [bx, by, bh, bw]")


# --------------------------------------------------------------------------- anchors


def compare_index(got: object, expected: object, what: str, tol: object = REFERENCE) -> None:
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, numbers.Integral):
        fail(f"{what}: expected an integer index, got {kind(got)}")
    if got != expected:
        fail(f"{what}: got anchor {got}, expected anchor {expected}")


# --------------------------------------------------------------------------- sliding windows


SAME = {"stride": 1, "pad": 0}
#: Any finite values: a comparison of type, shape and dtype only.
ANY_VALUES = Tolerance(rtol=0.0, atol=np.inf)


def classify_windows(windows: np.ndarray, parameters: dict) -> np.ndarray:
    """The classifier on windows (m, n_H0, n_W0, n_C0), vectorized (judge-side, written apart
    from the reference's loops): the valid convolution as an einsum over sliding windows,
    the 2x2 max pool as a reshape; (m, n_y) probabilities."""
    f1 = parameters["W1"].shape[0]
    patches = np.lib.stride_tricks.sliding_window_view(windows, (f1, f1), axis=(1, 2))  # (m, h, w, c, u, v)
    A1 = np.maximum(np.einsum("mhwcuv,uvcd->mhwd", patches, parameters["W1"]) + parameters["b1"], 0)
    m, h, w, n_C1 = A1.shape  # h = w = 2 f
    P1 = A1.reshape(m, h // 2, 2, w // 2, 2, n_C1).max(axis=(2, 4))
    A2 = np.maximum(P1.reshape(m, -1) @ parameters["W2"].T + parameters["b2"].T, 0)  # (m, n_2)
    Z3 = A2 @ parameters["W3"].T + parameters["b3"].T  # (m, n_y)
    E = np.exp(Z3 - Z3.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def expect_classifier_on_each_window(value: object, X: np.ndarray, parameters: dict) -> None:
    """``Y_hat`` (``value``) of the shape of the positions, each position the classifier
    (:func:`classify_windows`) on its window, the windows moving by the max pool's stride."""
    n_H0 = parameters["W1"].shape[0] - 1 + 2 * int(round(np.sqrt(parameters["W2"].shape[1]
                                                                  / parameters["W1"].shape[3])))  # fmt: skip
    rows, cols = (X.shape[1] - n_H0) // 2 + 1, (X.shape[2] - n_H0) // 2 + 1
    n_y = parameters["W3"].shape[0]
    expect_array(value, np.zeros((X.shape[0], rows, cols, n_y)), "Y_hat", ANY_VALUES)
    assert isinstance(value, np.ndarray)
    positions = [(p, q) for p in range(rows) for q in range(cols)]
    windows = np.concatenate([X[:, 2 * p : 2 * p + n_H0, 2 * q : 2 * q + n_H0, :] for p, q in positions])
    expected = classify_windows(windows, parameters).reshape(len(positions), X.shape[0], n_y)
    for (p, q), on_window in zip(positions, expected, strict=True):
        expect_same(value[:, p, q, :], on_window,
                    f"Y_hat[:, {p}, {q}, :] against the classifier on the window at rows "
                    f"{2 * p}..{2 * p + n_H0 - 1}, columns {2 * q}..{2 * q + n_H0 - 1}")  # fmt: skip
