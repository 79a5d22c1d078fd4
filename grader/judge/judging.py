r"""Judge-side helpers that combine calls into the worker with comparisons.

A property check draws a *batch* of :class:`~grader.judge.strategies.Case`s per Hypothesis
example and sends them to the worker in one round trip (``RemoteFunction.map``), so a
grading evaluates hundreds of inputs per exercise at the cost of tens of round trips.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import numpy as np

from grader.boundary.remote import StudentError
from grader.judge.compare import REFERENCE, CheckFailed, Tolerance, expect_same, on
from grader.judge.strategies import Case, Drawn

ATOMS = (int, float, complex, bool, str, bytes, type(None))


def fresh(value: Drawn, memo: dict[int, Any] | None = None) -> Drawn:
    """A deep copy of ``value``, as :func:`copy.deepcopy` makes (shared parts stay shared),
    four times faster on the checks' arguments: dicts, lists and tuples of arrays and
    numbers are copied here, anything else by :func:`copy.deepcopy`."""
    return _copy(value, {} if memo is None else memo)


def _copy(value: Any, memo: dict[int, Any]) -> Any:
    kind = type(value)
    if kind in ATOMS:
        return value
    if id(value) in memo:
        return memo[id(value)]
    copied: Any
    if kind is dict:  # in the memo before its items: a dict that holds itself is copied once
        copied = memo[id(value)] = {}
        copied.update((k, _copy(v, memo)) for k, v in value.items())
    elif kind is list:
        copied = memo[id(value)] = []
        copied.extend(_copy(v, memo) for v in value)
    elif kind is tuple:
        copied = memo[id(value)] = tuple(_copy(v, memo) for v in value)
    elif kind is np.ndarray and value.dtype != object:
        copied = memo[id(value)] = value.copy(order="K")  # as deepcopy: F order stays F
    else:
        copied = copy.deepcopy(value, memo)
    return copied


def unwrap(outcome: object) -> object:
    """The value of one call of a batch, or raise the error that call raised."""
    if isinstance(outcome, StudentError):
        raise outcome
    return outcome


class Call(Protocol):
    """What :func:`outcomes` needs of a case: the arguments of one call (a :class:`Case`,
    or a drawn value such as a ``BatchCase`` that builds its own)."""

    @property
    def args(self) -> tuple: ...


def outcomes(function, cases: Sequence[Call]) -> list[object]:
    """Call ``function`` on every case in one round trip.  No copy of the arguments: they
    cross the wire as bytes, so nothing the worker does can change the judge's."""
    return function.map([case.args for case in cases])


@dataclass(frozen=True)
class Mistake:
    """A known wrong implementation, run judge-side to recognise a wrong result.

    ``gives`` takes the reference's arguments.  When a student's result is wrong and
    equals what ``gives`` returns, the failure says so and ``hint`` is the fix.
    ``shows_on``: arguments on which it differs from the reference, for a mistake that the
    official cases cannot tell apart (rounding and flooring agree on whole quotients).
    """

    description: str  # "Adam with epsilon inside the square root"
    hint: str
    gives: Callable
    shows_on: tuple[tuple, ...] = ()


class DescribedCall(Call, Protocol):
    """A case that also says what it is (for the failure message)."""

    @property
    def description(self) -> str: ...


DescribedCase = TypeVar("DescribedCase", bound=DescribedCall)


def judged(function, cases: Sequence[DescribedCase]) -> Iterator[tuple[DescribedCase, object]]:
    """``(case, the student's value)`` for each case, from one round trip; an error the
    student's function raised is raised inside ``on(case.description)``, so it names the
    input.  The caller judges each value inside its own ``with on(case.description)``."""
    for case, outcome in zip(cases, outcomes(function, cases), strict=True):
        with on(case.description):
            value = unwrap(outcome)
        yield case, value


def expect_like_reference(
    function,  # a RemoteFunction
    reference: Callable,
    cases: Sequence[Case],
    what: str,
    tol: Tolerance = REFERENCE,
    compare: Callable = expect_same,
    mistakes: Sequence[Mistake] = (),
    every: bool = False,
) -> None:
    """Each case's student result must equal the reference's, within ``tol``.

    A wrong result that equals one of the known ``mistakes`` is reported as that mistake
    (with ``every``, as each of them it equals: see :func:`recognised`).
    """
    for case, outcome in zip(cases, outcomes(function, cases), strict=True):
        with on(case.description):
            got = unwrap(outcome)
            try:
                compare(got, reference(*fresh(case.args)), what, tol)
            except CheckFailed as failure:
                raise recognised(failure, got, case.args, mistakes, compare, what, tol, every) from None


def recognised(failure: CheckFailed, got: object, args: tuple, mistakes: Sequence[Mistake],
               compare: Callable, what: str, tol: Tolerance, every: bool = False) -> CheckFailed:  # fmt: skip
    """``failure``, naming the first known mistake whose result ``got`` equals under
    ``compare(got, expected, what, tol)``, with its fix.  With ``every``, the matches are
    all looked for: one is named with its fix, several are named together without one (on
    small inputs two mistakes can agree, e.g. any axis when a dimension is 1)."""
    matches = []
    for mistake in mistakes:
        try:
            compare(got, mistake.gives(*fresh(args)), what, tol)
        except CheckFailed:
            continue
        matches.append(mistake)
        if not every:
            break
    if len(matches) == 1:
        return CheckFailed(
            f"{failure} -- this is exactly what {matches[0].description} gives", matches[0].hint
        )
    if matches:
        return CheckFailed(f"{failure} -- this is what {' or '.join(m.description for m in matches)} give")
    return failure
