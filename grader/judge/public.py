r"""Public checks: the reference's outputs on fixed inputs, recorded, with no reference code.

A student release (``grade release``, :mod:`grader.instructor.release`) replaces each assignment's
check module with three lines that call :func:`public_classes`; the cases come from
``grader/checks/public_cases/<assignment>.json``, written by :func:`dump_checks`:

* one :class:`PublicCheck` per instructor check that is not hidden, with the same name,
  exercise, points and hint, holding a few of the calls that check made into the
  reference and what the reference returned;
* every value (arguments and expected results) in :mod:`grader.boundary.worker.wire`'s format,
  its array buffers base64-encoded: no pickle, and decoding validates every node.

A student's result must equal the recorded one structurally (:func:`grader.judge.compare.expect_same`,
same messages) within the check's tolerance.  The instructor's grading runs more: random
inputs, properties, scenarios and hidden checks.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pytest

from grader.boundary.remote import StudentError
from grader.boundary.worker import wire
from grader.judge.compare import Tolerance, expect_same, fail, kind, on
from grader.judge.judging import unwrap

CASES_DIR = Path(__file__).resolve().parents[1] / "checks" / "public_cases"
FORMAT = 2  # 2: the wire trees of 2026-12 (objects numbered by order, float64 implicit)
#: Recorded values are the reference's own, so a correct solution differs by rounding
#: only; a little looser than :data:`grader.judge.compare.REFERENCE` for solutions that sum in
#: another order (as loose as the official gradient-checking cases).
PUBLIC = Tolerance(rtol=1e-5, atol=1e-8)
NOTE = (
    "These are the public checks; the instructor's grading runs more "
    "(random inputs, properties, hidden checks)."
)


@dataclass(frozen=True)
class PublicCase:
    """One recorded call: its arguments, the reference's result, and how to describe it."""

    args: tuple
    kwargs: dict
    expected: object
    description: str


@dataclass(frozen=True)
class PublicCheck:
    """The public counterpart of one instructor check.

    ``accept_lengths``: shorter tuples also accepted in place of the expected one, compared
    item by item (an older Coursera generation returning fewer values).
    """

    exercise: str
    name: str
    points: float
    hint: str
    cases: tuple[PublicCase, ...]
    tolerance: Tolerance = PUBLIC
    accept_lengths: tuple[int, ...] = ()


# --------------------------------------------------------------------------- the data file


def encode_value(value: object) -> dict:
    """``value`` as JSON-able data: the wire tree and its buffers in base64."""
    tree, buffers = wire.encode(value)
    return {"tree": tree, "buffers": [base64.b64encode(bytes(b)).decode("ascii") for b in buffers]}


def decode_value(data: dict) -> object:
    """The value :func:`encode_value` encoded, rebuilt and validated by :func:`wire.decode`."""
    buffers = [memoryview(base64.b64decode(b, validate=True)) for b in data["buffers"]]
    return wire.decode(data["tree"], buffers)


def dump_checks(assignment: str, checks: list[PublicCheck]) -> str:
    """The JSON document of ``assignment``'s public checks."""
    return json.dumps(
        {
            "format": FORMAT,
            "assignment": assignment,
            "note": NOTE,
            "checks": [
                {
                    "exercise": c.exercise,
                    "name": c.name,
                    "points": c.points,
                    "hint": c.hint,
                    "rtol": c.tolerance.rtol,
                    "atol": c.tolerance.atol,
                    "accept_lengths": list(c.accept_lengths),
                    "cases": [
                        {
                            "description": case.description,
                            "call": encode_value((case.args, case.kwargs)),
                            "expected": encode_value(case.expected),
                        }
                        for case in c.cases
                    ],
                }
                for c in checks
            ],
        },
        indent=1,
    )


def load_checks(text: str) -> list[PublicCheck]:
    """The public checks in a document written by :func:`dump_checks`."""
    doc = json.loads(text)
    if doc.get("format") != FORMAT:
        raise ValueError(f"public checks of format {doc.get('format')!r}; this grader reads format {FORMAT}")
    return [
        PublicCheck(
            exercise=c["exercise"],
            name=c["name"],
            points=float(c["points"]),
            hint=c["hint"],
            cases=tuple(_case(case) for case in c["cases"]),
            tolerance=Tolerance(rtol=float(c["rtol"]), atol=float(c["atol"])),
            accept_lengths=tuple(int(n) for n in c["accept_lengths"]),
        )
        for c in doc["checks"]
    ]


def _case(data: dict) -> PublicCase:
    # dump_checks wrote the call as a pair (a list of arguments, a dict of keywords)
    args, kwargs = cast("tuple[list[object], dict[str, object]]", decode_value(data["call"]))
    return PublicCase(tuple(args), dict(kwargs), decode_value(data["expected"]), str(data["description"]))


# --------------------------------------------------------------------------- judging


def expect_public(
    got: object, expected: object, tol: Tolerance = PUBLIC, accept_lengths: tuple[int, ...] = ()
) -> None:
    """``got`` must equal ``expected`` (:func:`expect_same`), or be an accepted shorter tuple
    whose items equal the first items of ``expected``."""
    if isinstance(expected, tuple) and isinstance(got, (tuple, list)) and len(got) in accept_lengths:
        expected = expected[: len(got)]
    elif isinstance(expected, tuple) and accept_lengths and not isinstance(got, (tuple, list)):
        fail(f"result: expected a tuple of {len(expected)} (or {accept_lengths}) items, got {kind(got)}")
    expect_same(got, expected, "result", tol)


def run_check(student: object, check: PublicCheck) -> None:
    """Call the student's function on every case of ``check`` and compare each result."""
    function = getattr(student, check.exercise)
    if any(case.kwargs for case in check.cases):
        outcomes = [_outcome(function, case) for case in check.cases]
    else:
        outcomes = function.map([case.args for case in check.cases])
    for case, outcome in zip(check.cases, outcomes, strict=True):
        with on(case.description):
            expect_public(unwrap(outcome), case.expected, check.tolerance, check.accept_lengths)


def _outcome(function, case: PublicCase) -> object:  # a RemoteFunction
    try:
        return function(*case.args, **case.kwargs)
    except StudentError as exc:  # raised again by unwrap, inside on(case.description)
        return exc


# --------------------------------------------------------------------------- pytest classes


def public_classes(assignment: str, cases_dir: Path = CASES_DIR) -> dict[str, type]:
    """``{"CheckUpdateLr": class, ...}``: one pytest class per exercise, for a check module's
    ``globals().update(...)``; each method is a public check, carrying the grading markers."""
    checks = load_checks((cases_dir / f"{assignment}.json").read_text(encoding="utf-8"))
    classes: dict[str, type] = {}
    for exercise in dict.fromkeys(c.exercise for c in checks):
        methods = {c.name: _method(c) for c in checks if c.exercise == exercise}
        name = "Check" + "".join(part.capitalize() for part in re.split(r"\W|_", exercise) if part)
        cls = type(name, (), {"__doc__": f"Public checks of {exercise}. {NOTE}", **methods})
        classes[name] = pytest.mark.exercise(exercise)(cls)
    return classes


def _method(check: PublicCheck):
    def method(self: object, student: object) -> None:
        run_check(student, check)

    method.__name__ = check.name
    method.__doc__ = f"{len(check.cases)} recorded case(s) of the instructor's {check.name}."
    marked = pytest.mark.points(check.points)(method)
    return pytest.mark.hint(check.hint)(marked) if check.hint else marked
