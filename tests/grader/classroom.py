"""A hand-built week2 class for the report and export tests: full marks, a partial score
with a hint (twice), a missing function, an error with a note, and a hidden failure whose
secret message and hint must never be shown."""

from pathlib import Path

from grader.instructor.gradebook import Gradebook
from grader.results import CheckResult, Graded, assignment_result, exercise_result

SECRET = "the secret expected value is 0.123"
SECRET_HINT = "compare with the private reference"


def check(exercise, name, points, passed=True, **details):
    return CheckResult(name, exercise, passed, points if passed else 0.0, points, **details)


def graded(student, gd=(), adam=(), notes=()):
    """A week2-like result: failing the checks named in ``gd`` and ``adam`` (name -> details)."""

    def exercise(name, checks, failing):
        return exercise_result(
            name, [check(name, c, points, c not in failing, **failing.get(c, {})) for c, points in checks]
        )

    result = assignment_result(
        "week2",
        [
            exercise("update_parameters_with_gd", [("fixed case", 5), ("property", 5)], dict(gd)),
            exercise("update_parameters_with_adam",
                     [("fixed case", 10), ("bias correction", 10), ("many steps", 10)], dict(adam)),
        ],
        sandbox="namespaces", duration_s=1.5, submission=f"{student}.py", notes=tuple(notes),
    )  # fmt: skip
    return Graded(student, result, graded_at="2024-05-01T10:00:00", content_hash="abc", grader_version="0.1")


BIAS = {"message": "max abs error 0.5 at index (0, 1)", "hint": "bias correction missing?"}
HIDDEN = {"message": SECRET, "hint": SECRET_HINT, "hidden": True}
NOT_IMPLEMENTED = {"message": "update_parameters_with_adam is not implemented yet",
                   "fault": "not-implemented"}  # fmt: skip
SYNTAX = {"message": "the function could not be loaded", "fault": "error"}
SYNTAX_NOTE = "cell 4, line 3: SyntaxError: invalid syntax"


def a_class():
    """Full marks, a partial with a hint (twice), a missing function, an error, a hidden failure."""
    return [
        graded("ada"),
        graded("bo", adam={"bias correction": BIAS}),
        graded("fay", adam={"bias correction": BIAS}),
        graded("cy", adam={c: NOT_IMPLEMENTED for c in ("fixed case", "bias correction", "many steps")}),
        graded("dee", gd={c: SYNTAX for c in ("fixed case", "property")}, notes=[SYNTAX_NOTE]),
        graded("eve", adam={"many steps": HIDDEN}),
    ]  # fmt: skip


def write_gradebook(out: Path, rows: list[Graded]) -> Path:
    """``out`` holding a gradebook in which ``rows`` are week2's current grades."""
    with Gradebook(out / "gradebook.sqlite") as book:
        for row in rows:
            book.record(row.student, row.content_hash, "fp", row.result)
        book.see("week2", {row.student: row.content_hash for row in rows})
    return out
