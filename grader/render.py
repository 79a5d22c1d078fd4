r"""Renderers of an :class:`~grader.results.AssignmentResult`: text (a table), JSON, and
Gradescope's ``results.json``.

What a student may see of a check goes through :func:`feedback`, so a hidden check never
leaks its message or hint: it says only whether it passed.
"""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from grader.results import HIDDEN_FAILED, AssignmentResult, CheckResult, to_json

if TYPE_CHECKING:  # a late penalty is the instructor's: a student release has no marks
    from grader.instructor.marks import Mark

STATUS_MARK = {"passed": "ok", "failed": "FAIL", "missing": "missing", "error": "ERROR"}


def points(x: float) -> str:
    return f"{x:g}"


def feedback(check: CheckResult) -> tuple[str, str]:
    """The ``(message, hint)`` a student may see for ``check``: nothing more for hidden ones."""
    if check.passed:
        return "", ""
    if check.hidden:
        return HIDDEN_FAILED, ""
    return check.message, check.hint


def explanation(check: CheckResult) -> str:
    """The message and hint a student may see, as lines of text."""
    message, hint = feedback(check)
    return "\n".join(part for part in (message, f"hint: {hint}" if hint else "") if part)


def render_json(result: AssignmentResult) -> str:
    return json.dumps(to_json(result), indent=2)


def render_text(result: AssignmentResult, width: int = 100) -> str:
    """A table per exercise, then each failed check with its explanation and hint."""
    name_width = max(len(e.name) for e in result.exercises) if result.exercises else 10
    lines = [
        f"{result.assignment}: {points(result.score)} / {points(result.max_score)} points",
        f"submission: {result.submission}  (sandbox: {result.sandbox}, {result.duration_s:.2f} s)",
        "",
        f"  {'exercise':<{name_width}}  {'status':<8}  points",
    ]
    for e in result.exercises:
        lines.append(
            f"  {e.name:<{name_width}}  {STATUS_MARK[e.status]:<8}  {points(e.score)} / {points(e.max_score)}"
        )
    failed = [(e, c) for e in result.exercises for c in e.checks if not c.passed]
    if failed:
        lines += ["", "What to fix:"]
    for exercise, check in failed:
        if check.fault and any(c.fault and c.message == check.message for c in _before(exercise, check)):
            continue  # one line per missing/broken function is enough
        lines.append(f"- {exercise.name} / {check.name} (0 of {points(check.max_score)})")
        lines += _wrapped(check.message, width, "    ")
        if check.hint:
            lines += _wrapped(f"hint: {check.hint}", width, "    ")
    if result.notes:
        lines += ["", "Notes:"] + [line for note in result.notes for line in _wrapped(note, width, "  ")]
    return "\n".join(lines)


def _before(exercise, check):
    return exercise.checks[: exercise.checks.index(check)]


def _wrapped(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def gradescope_results(result: AssignmentResult, mark: Mark | None = None) -> dict:
    """``results.json`` for one submission, per Gradescope's autograder specification.

    https://gradescope-autograders.readthedocs.io/en/latest/specs/ : a top-level ``score``
    (which Gradescope uses as the submission's score), ``execution_time`` in seconds,
    ``output`` (notes about the whole submission) and one entry per check in ``tests``
    with ``name``, ``score``, ``max_score``, ``status`` (``"passed"``/``"failed"``),
    ``output`` and ``visibility``.  Every test is ``"visible"``: our hidden checks show that
    they passed or failed (Gradescope's ``"hidden"`` would hide even that); their output
    says no more than that (:func:`feedback`).
    """
    tests = [
        {
            "name": f"{exercise.name}: {check.name}",
            "number": f"{i}.{j}",
            "score": check.score,
            "max_score": check.max_score,
            "status": "passed" if check.passed else "failed",
            "output": explanation(check),
            "visibility": "visible",
            "tags": [exercise.name] + (["hidden"] if check.hidden else []),
        }
        for i, exercise in enumerate(result.exercises, start=1)
        for j, check in enumerate(exercise.checks, start=1)
    ]
    summary = f"{result.assignment}: {points(result.score)} / {points(result.max_score)} points"
    score = result.score
    if mark is not None and (mark.score != result.score or mark.adjustments):
        score = mark.score  # the top-level score is the submission's: the tests keep the checks' points
        summary = (f"{result.assignment}: {points(mark.score)} / {points(mark.max_score)} points "
                   f"(raw {points(mark.raw)}, late penalty {points(mark.penalty)})")  # fmt: skip
        summary += "".join(f"\n{a}" for a in mark.adjustments)
    return {
        "score": score,
        "execution_time": round(result.duration_s, 3),
        "output": "\n".join([summary, *result.notes]),
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {
            "assignment": result.assignment,
            "max_score": result.max_score,
            "sandbox": result.sandbox,
        },
        "tests": tests,
    }
