r"""The comparisons of the course 3 checks (:mod:`grader.checks.c3`) that the judge's shared
ones (:mod:`grader.judge.compare`) do not make: a finite number whose nan is explained,
the three scores of ``precision_recall_f1`` as floats, an index that may be ``None``, the
name of a gap, and the shape of an error-analysis tally.
"""

from __future__ import annotations

import numbers

import numpy as np

from grader.checks import c3_mistakes as mistakes
from grader.judge.compare import (
    REFERENCE,
    Tolerance,
    expect_keys,
    expect_number,
    expect_parts,
    expect_same,
    fail,
    kind,
)


def as_finite(value: object, what: str, if_nan: str = "") -> float:
    """``value`` as a float: it must be a finite real number (not a bool); ``if_nan`` explains a nan."""
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        fail(f"{what}: expected a number, got {kind(value)}")
    number = float(value)  # type: ignore[arg-type]
    if not np.isfinite(number):
        fail(f"{what}: got {number}, expected a finite number{if_nan if np.isnan(number) else ''}")
    return number


SCORES = ("precision", "recall", "f1")


def scores_as_floats(got: object) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` (:func:`~grader.judge.compare.expect_parts`), each part a finite
    number, as a ``float``."""
    nan = " -- 0/0 gives nan: test the denominator before dividing"
    p, r, f1 = (as_finite(v, name, nan) for name, v in zip(SCORES, expect_parts(got, SCORES), strict=True))
    return p, r, f1


def compare_scores(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
    for name, g, e in zip(SCORES, scores_as_floats(got), expected, strict=True):
        expect_number(g, e, name, tol)


def expect_index(got: object, expected: int | None, what: str, tol: Tolerance = REFERENCE) -> None:
    """An int index equal to ``expected``, or ``None`` exactly when ``expected`` is."""
    if expected is None:
        if got is not None:
            fail(f"{what}: got {kind(got)}, expected None: no classifier runs within max_time")
        return
    if got is None:
        fail(f"{what}: got None, expected {expected}: classifier {expected} runs within max_time")
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, numbers.Integral):
        fail(f"{what}: expected an int index, got {kind(got)}")
    if int(got) != expected:  # type: ignore[call-overload]
        fail(f"{what}: got {int(got)}, expected {expected}")  # type: ignore[call-overload]


def expect_gap_name(got: object, expected: str, what: str, tol: Tolerance = REFERENCE) -> None:
    if not isinstance(got, str):
        fail(f"{what}: expected a str, one of {list(mistakes.GAPS)}, got {kind(got)}")
    expect_same(got, expected, what, tol)


def expect_tally(got: object) -> dict:
    if not isinstance(got, dict):
        fail(f"expected a dict from category to {{'count', 'fraction', 'max_reduction'}}, got {kind(got)}")
    for category, row in got.items():  # type: ignore[attr-defined]
        expect_keys(row, {"count": 0, "fraction": 0, "max_reduction": 0}, f"tally[{category!r}]")
        for key in ("count", "fraction", "max_reduction"):
            as_finite(row[key], f"tally[{category!r}][{key!r}]")
    return got  # type: ignore[return-value]


UNLABELED_NAN = " -- does the nan of an unlabeled entry propagate? skip those entries"
