r"""The result model: plain, frozen data.  Rendering lives in :mod:`grader.render`.

An :class:`AssignmentResult` holds one :class:`ExerciseResult` per graded function, each
holding one :class:`CheckResult` per check.  Exercise status is one of:

* ``passed``: every check passed;
* ``failed``: the function runs but at least one check failed;
* ``missing``: the function is not defined, or is still the stub (``NotImplementedError``);
* ``error``: its definition could not be loaded (syntax error, exception in its cell), or
  calling it crashed or hung the worker.

Results are where text from a submission enters the judge (exception messages, names,
file names, loader notes): every text field is cleaned and bounded on construction
(:func:`grader.boundary.untrusted.clean_text`), whoever builds the result (the plugin, the batch,
the gradebook reading its rows back), so everything downstream stores and renders it safely.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from grader.boundary.untrusted import clean_text, within_budget

STATUSES = ("passed", "failed", "missing", "error")
#: All a student learns of a hidden check that failed.
HIDDEN_FAILED = "this hidden check failed"

#: Characters of one check's message (and of its hint).  The longest real message (week2,
#: the reference's mutants and the example notebook) is ~330; a counterexample with arrays
#: fits in this, a student's 1 MB exception message does not reach the reports.
MESSAGE_LIMIT = 4_000
#: Characters of all messages and hints of one submission: ~20x the longest real total
#: (~2,100 in week2), so a hostile submission's reports stay small (its Markdown, HTML
#: and Gradescope feedback, junit.xml and class.json each hold these texts once).
SUBMISSION_TEXT_LIMIT = 40_000
#: Characters of one note, and the notes kept per submission (one per broken cell, say).
NOTE_LIMIT = 1_000
NOTES_KEPT = 20
#: Characters of a name (check, exercise) and of the submission's path.
NAME_LIMIT = 200
PATH_LIMIT = 1_000


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

    def __post_init__(self) -> None:
        """Names become one clean line, message and hint clean text of
        :data:`MESSAGE_LIMIT` characters at most."""
        _set(self, "name", clean_text(self.name, NAME_LIMIT, lines=False))
        _set(self, "exercise", clean_text(self.exercise, NAME_LIMIT, lines=False))
        _set(self, "message", clean_text(self.message, MESSAGE_LIMIT))
        _set(self, "hint", clean_text(self.hint, MESSAGE_LIMIT))


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

    def __post_init__(self) -> None:
        """The submission's path becomes one clean line; notes are clean and at most
        :data:`NOTES_KEPT`; the messages and hints of all checks share
        :data:`SUBMISSION_TEXT_LIMIT` characters (the first failures are shown whole)."""
        _set(self, "submission", clean_text(self.submission, PATH_LIMIT, lines=False))
        _set(self, "notes", bounded_notes(self.notes))
        _set(self, "exercises", bounded_exercises(self.exercises))

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


def _set(result: object, name: str, value: object) -> None:
    object.__setattr__(result, name, value)  # a frozen dataclass settles its own fields


def bounded_notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    """Each note clean (:data:`NOTE_LIMIT`), :data:`NOTES_KEPT` notes at most (the last
    one counting the rest); idempotent."""
    if len(notes) <= NOTES_KEPT:
        return tuple(clean_text(note, NOTE_LIMIT) for note in notes)
    kept = tuple(clean_text(note, NOTE_LIMIT) for note in notes[: NOTES_KEPT - 1])
    return (*kept, f"… and {len(notes) - len(kept):,} more notes, not shown")


def bounded_exercises(exercises: tuple[ExerciseResult, ...]) -> tuple[ExerciseResult, ...]:
    """``exercises`` with their checks' messages and hints, in order, within
    :data:`SUBMISSION_TEXT_LIMIT` characters (:func:`grader.boundary.untrusted.within_budget`)."""
    checks = [c for e in exercises for c in e.checks]
    if sum(len(c.message) + len(c.hint) for c in checks) <= SUBMISSION_TEXT_LIMIT:
        return exercises
    why = f"this submission's feedback is over {SUBMISSION_TEXT_LIMIT:,} characters"
    texts = iter(within_budget([t for c in checks for t in (c.message, c.hint)], SUBMISSION_TEXT_LIMIT, why))
    return tuple(
        replace(e, checks=tuple(replace(c, message=next(texts), hint=next(texts)) for c in e.checks))
        for e in exercises
    )


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


#: How every note about public checks starts (:func:`coverage_note`).
PUBLIC_ONLY = "Public checks only"


def coverage_note(public_checks: int, instructor_checks: int) -> str:
    """What a grading of a student release ran beside what the instructor's runs: the
    public checks (each a few recorded inputs of one of the instructor's checks) and how
    many more checks the instructor's grading runs on the same exercises (hidden checks,
    whose inputs a release never holds)."""
    more = max(instructor_checks - public_checks, 0)
    also = (
        f"also runs the other {more}, whose inputs are not released, and every check" if more else "runs each"
    )
    return (
        f"{PUBLIC_ONLY}: {public_checks} of the {instructor_checks} checks the instructor's grading runs "
        f"on these exercises, each on a few recorded inputs. The instructor's grading {also} on many "
        "random inputs: these points are not the grade."
    )


def is_public_note(note: str) -> bool:
    return note.startswith(PUBLIC_ONLY)
