r"""Strict comparisons of a student's value with the expected one.

Order of checks, each with its own message: container type and keys, exact ``np.ndarray``
(no lists, no subclasses), same shape (no broadcasting), dtype family, finite values,
then closeness within a named :class:`Tolerance`:

.. math:: |got - expected| \le atol + rtol \, |expected|

A mismatch reports the path (``parameters['W2']``), the first bad index, both values,
and the largest absolute error.
"""

from __future__ import annotations

import contextlib
import itertools
import numbers
import reprlib
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import NoReturn

import numpy as np


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float

    def __str__(self) -> str:
        return f"rtol={self.rtol:g}, atol={self.atol:g}"


#: Official Coursera fixed cases compare arrays to about 1.5e-6 absolute.
COURSERA = Tolerance(rtol=0.0, atol=1.5e-6)
#: Property checks against the reference: rounding-level differences only.
REFERENCE = Tolerance(rtol=1e-6, atol=1e-9)


def _short_repr() -> reprlib.Repr:
    """``repr`` for a student's value in a message: a few levels, items and characters,
    so that describing it costs about as much as the message, whatever the value
    (a DAG of shared references would otherwise print as a tree of 2**depth entries)."""
    short = reprlib.Repr()
    short.maxlevel, short.maxlist, short.maxtuple, short.maxdict = 3, 6, 6, 6
    short.maxstring, short.maxother, short.maxlong = 80, 80, 40
    return short


SHORT = _short_repr()
#: Keys a message lists, at most.
MAX_KEYS_SHOWN = 12


class CheckFailed(AssertionError):
    """A check's verdict, with a message for the student.

    ``hint``, when given, replaces the check's ``@pytest.mark.hint``: it is set when the
    judge recognised the exact mistake (see :class:`grader.judge.judging.Mistake`).
    """

    __test__ = False  # its name matches the checks' ``python_classes = Check*``: not a check

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def fail(message: str) -> NoReturn:
    raise CheckFailed(message)


def expect_same(got: object, expected: object, what: str, tol: Tolerance = REFERENCE) -> None:
    """Raise :class:`CheckFailed` unless ``got`` equals ``expected`` structurally and within ``tol``."""
    if isinstance(expected, np.ndarray):
        expect_array(got, expected, what, tol)
    elif isinstance(expected, dict):
        expect_keys(got, expected, what)
        for key in expected:
            expect_same(got[key], expected[key], f"{what}[{key!r}]", tol)  # type: ignore[index]
    elif isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            fail(f"{what}: expected a {type(expected).__name__} of {len(expected)} items, got {kind(got)}")
        if len(got) != len(expected):  # type: ignore[arg-type]
            fail(f"{what}: expected {len(expected)} items, got {len(got)}")  # type: ignore[arg-type]
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):  # type: ignore[call-overload]
            expect_same(g, e, f"{what}[{i}]", tol)
    elif isinstance(expected, numbers.Real) and not isinstance(expected, bool):
        expect_number(got, float(expected), what, tol)
    elif got != expected:
        fail(f"{what}: got {SHORT.repr(got)}, expected {SHORT.repr(expected)}")


def expect_keys(got: object, expected: dict, what: str) -> None:
    if not isinstance(got, dict):
        fail(f"{what}: expected a dict with keys {_keys(expected)}, got {kind(got)}")
    missing = [k for k in expected if k not in got]  # type: ignore[operator]
    extra = [k for k in got if k not in expected]  # type: ignore[union-attr]
    if missing:
        fail(f"{what}: missing keys {_keys(missing)} (has {_keys(got)})")
    if extra:
        fail(f"{what}: unexpected keys {_keys(extra)} (expected only {_keys(expected)})")


def expect_parts(
    got: object, names: Sequence[str], *, what: str = "", older_lengths: Collection[int] = ()
) -> tuple:
    """``got`` as a tuple, when it is a tuple or a list of one item per name in ``names``;
    else fail naming the parts expected and what came back (``expected (Z, cache), got None
    (missing return statement?)``), after ``what: `` when given.

    ``older_lengths``: shorter lengths accepted too, for an older Coursera generation whose
    function returned only the first parts (Adam's ``(parameters, v, s)`` of 2017 beside the
    5-tuple since); the tuple is then as short as what came back.
    """
    if not isinstance(got, (tuple, list)) or len(got) not in {len(names), *older_lengths}:
        accepted = [names, *(names[:n] for n in sorted(older_lengths, reverse=True))]
        expected = " or ".join(f"({', '.join(parts)})" for parts in accepted)
        fail(f"{what + ': ' if what else ''}expected {expected}, got {kind(got)}")
    return tuple(got)  # type: ignore[arg-type]


def named(*names: str) -> Callable[[object, tuple, str, Tolerance], None]:
    """A ``compare`` (for :func:`grader.judge.judging.expect_like_reference`) of a result
    that is a tuple of the parts ``names``: each part is compared under its own name."""

    def compare(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
        for name, g, e in zip(names, expect_parts(got, names), expected, strict=True):
            expect_same(g, e, name, tol)

    return compare


def expect_number(got: object, expected: float, what: str, tol: Tolerance = REFERENCE) -> None:
    if not isinstance(got, numbers.Real) or isinstance(got, (bool, np.bool_)):
        fail(f"{what}: expected a number, got {kind(got)}")
    value = float(got)  # type: ignore[arg-type]
    if not np.isfinite(value):
        fail(f"{what}: got {value}, expected {expected:.6g}")
    if abs(value - expected) > tol.atol + tol.rtol * abs(expected):
        fail(f"{what}: got {value:.8g}, expected {expected:.8g} (error {abs(value - expected):.2g}, {tol})")


def expect_array(got: object, expected: np.ndarray, what: str, tol: Tolerance = REFERENCE) -> None:
    if type(got) is not np.ndarray:
        fail(f"{what}: expected a numpy array of shape {expected.shape}, got {kind(got)}")
    assert isinstance(got, np.ndarray)
    if got.shape != expected.shape:
        hint = " (transposed?)" if got.shape == expected.shape[::-1] and got.ndim == 2 else ""
        fail(f"{what}: shape {got.shape}, expected {expected.shape}{hint}")
    if got.dtype.kind != expected.dtype.kind:
        wanted = "a float dtype" if expected.dtype.kind == "f" else f"dtype {expected.dtype}"
        fail(f"{what}: dtype {got.dtype}, expected {wanted}")
    if (got == expected).all():
        return  # the same values (the common case, and the cheapest to see): within any tolerance
    if got.dtype.kind == "f":
        bad = ~np.isfinite(got) & np.isfinite(expected)
        if bad.any():
            index = _index(np.argwhere(bad)[0])
            fail(f"{what}: {got[index]} at index {index} (expected {expected[index]:.6g})")
    close = _close(got, expected, tol)
    if not close.all():
        index = _index(np.argwhere(~close)[0])
        error = np.abs(got.astype(float) - expected.astype(float))
        fail(
            f"{what}: values differ at index {index}: got {got[index]:.6g}, expected "
            f"{expected[index]:.6g} (max abs error {np.nanmax(error):.2g}; "
            f"{int((~close).sum())} of {close.size} entries off; {tol})"
        )


def _close(got: np.ndarray, expected: np.ndarray, tol: Tolerance) -> np.ndarray:
    """Elementwise ``|got - expected| <= atol + rtol |expected|`` (NaN equals NaN).

    Written out because ``np.isclose`` costs ~40 us even on a 2x3 array, and grading
    compares thousands of small arrays.
    """
    if expected.dtype.kind != "f":
        return np.asarray(got == expected)
    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(got - expected) <= tol.atol + tol.rtol * np.abs(expected)
    return close | (np.isnan(got) & np.isnan(expected)) | (got == expected)


def _index(row: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in row)


def _keys(keys: object) -> str:
    """At most :data:`MAX_KEYS_SHOWN` keys, each shortened."""
    shown = [SHORT.repr(k) for k in itertools.islice(keys, MAX_KEYS_SHOWN + 1)]  # type: ignore[call-overload]
    more = ", ..." if len(shown) > MAX_KEYS_SHOWN else ""
    return "[" + ", ".join(shown[:MAX_KEYS_SHOWN]) + more + "]"


def kind(value: object) -> str:
    """A short description of a value's type, for messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    if value is None:
        return "None (missing return statement?)"
    return f"{type(value).__name__} {SHORT.repr(value)}"[:120]


@contextlib.contextmanager
def on(description: str) -> Iterator[None]:
    """Say which input a failure happened on: ``with on("a 3-layer network"): ...``."""
    try:
        yield
    except CheckFailed as exc:
        raise CheckFailed(f"On {description}: {exc}", exc.hint) from None
    except Exception as exc:
        if not getattr(exc, "context", ""):
            exc.context = description  # type: ignore[attr-defined]  # read by plugin.explain
        raise
