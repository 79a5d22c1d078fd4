r"""Renderers of an :class:`~grader.results.AssignmentResult`: text (a table) and JSON."""

from __future__ import annotations

import json
import textwrap

from grader.results import AssignmentResult, to_json

STATUS_MARK = {"passed": "ok", "failed": "FAIL", "missing": "missing", "error": "ERROR"}


def points(x: float) -> str:
    return f"{x:g}"


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
