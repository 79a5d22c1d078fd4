r"""The result model: plain, frozen data.  Rendering lives in :mod:`grader.render`.

An :class:`AssignmentResult` holds one :class:`ExerciseResult` per graded function, each
holding one :class:`CheckResult` per check.  Exercise status is one of:

* ``passed``: every check passed;
* ``failed``: the function runs but at least one check failed;
* ``missing``: the function is not defined, or is still the stub (``NotImplementedError``);
* ``error``: its definition could not be loaded (syntax error, exception in its cell), or
  calling it crashed or hung the worker.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATUSES = ("passed", "failed", "missing", "error")
#: All a student learns of a hidden check that failed.
HIDDEN_FAILED = "this hidden check failed"


@dataclass(frozen=True)
class CheckResult:
    name: str
    exercise: str
    passed: bool
    score: float
    max_score: float
    message: str = ""
    hint: str = ""
    hidden: bool = False
    fault: str = ""  # "", "missing", "not-implemented", "error": why it could not run


@dataclass(frozen=True)
class ExerciseResult:
    name: str
    score: float
    max_score: float
    status: str
    checks: tuple[CheckResult, ...]


@dataclass(frozen=True)
class AssignmentResult:
    assignment: str
    score: float
    max_score: float
    exercises: tuple[ExerciseResult, ...]
    sandbox: str
    duration_s: float
    submission: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def exercise(self, name: str) -> ExerciseResult:
        return next(e for e in self.exercises if e.name == name)


@dataclass(frozen=True)
class Graded:
    """One student's graded submission, as the gradebook stores it."""

    student: str
    result: AssignmentResult
    graded_at: str = ""
    content_hash: str = ""
    grader_version: str = ""


def exercise_result(name: str, checks: list[CheckResult]) -> ExerciseResult:
    """Sum the points of ``checks`` and derive the exercise's status."""
    faults = {c.fault for c in checks if not c.passed}
    if all(c.passed for c in checks):
        status = "passed"
    elif "error" in faults:
        status = "error"
    elif faults & {"missing", "not-implemented"} and not any(c.passed for c in checks):
        status = "missing"
    else:
        status = "failed"
    score = round(sum(c.score for c in checks), 6)
    max_score = round(sum(c.max_score for c in checks), 6)
    return ExerciseResult(name, score, max_score, status, tuple(checks))


def assignment_result(
    assignment: str, exercises: list[ExerciseResult], **details: object
) -> AssignmentResult:
    return AssignmentResult(
        assignment=assignment,
        score=round(sum(e.score for e in exercises), 6),
        max_score=round(sum(e.max_score for e in exercises), 6),
        exercises=tuple(exercises),
        **details,  # type: ignore[arg-type]
    )


def to_json(result: AssignmentResult) -> dict:
    """The ``--format json`` document (see README, "JSON result contract")."""
    doc = asdict(result)
    for exercise in doc["exercises"]:
        exercise["checks"] = [
            {k: check[k] for k in ("name", "passed", "score", "max_score", "message", "hint")}
            for check in exercise["checks"]
        ]
    doc["notes"] = list(doc["notes"])
    return doc
