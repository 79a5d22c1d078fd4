r"""Judge-side helpers that combine calls into the worker with comparisons.

A property check draws a *batch* of :class:`~grader.strategies.Case`s per Hypothesis
example and sends them to the worker in one round trip (``RemoteFunction.map``), so a
grading evaluates hundreds of inputs per exercise at the cost of tens of round trips.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

from grader.compare import REFERENCE, Tolerance, expect_same, on
from grader.remote import StudentError
from grader.strategies import Case

fresh = copy.deepcopy


def unwrap(outcome: object) -> object:
    """The value of one call of a batch, or raise the error that call raised."""
    if isinstance(outcome, StudentError):
        raise outcome
    return outcome


def outcomes(function, cases: Sequence[Case]) -> list[object]:  # noqa: ANN001
    """Call ``function`` on every case (deep copies of the arguments) in one round trip."""
    return function.map([fresh(case.args) for case in cases])


def expect_like_reference(
    function,  # noqa: ANN001 - a RemoteFunction
    reference: Callable,
    cases: Sequence[Case],
    what: str,
    tol: Tolerance = REFERENCE,
    compare: Callable = expect_same,
) -> None:
    """Each case's student result must equal the reference's, within ``tol``."""
    for case, outcome in zip(cases, outcomes(function, cases), strict=True):
        with on(case.description):
            compare(unwrap(outcome), reference(*fresh(case.args)), what, tol)
