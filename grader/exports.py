r"""Exports of graded results for other systems: LMS gradebooks, Gradescope, CI, JSON.

Every export goes through :func:`feedback`, so a hidden check never leaks its message or
hint: it says only whether it passed.

* :func:`gradescope_results`: one submission's ``results.json`` for a Gradescope autograder;
* :func:`gradebook_csv`: one row per student, for an LMS gradebook import;
* :func:`junit_xml`: one ``<testsuite>`` per student, for CI test reports;
* :func:`class_json`: the ``--format json`` document of every student, plus gradebook data.

``rows`` are :class:`grader.results.Graded` records (student id, result, gradebook data).
Their texts are clean (:mod:`grader.results`); each export escapes them for its format:
the CSV against formulas (:func:`grader.untrusted.spreadsheet_cell`), JUnit to the
characters XML 1.0 allows (:func:`grader.untrusted.xml_text`), JSON by :func:`json.dumps`.
A student id, which comes from a file name, is shown as one clean line (:func:`shown_student`).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from grader.render import points
from grader.results import HIDDEN_FAILED, NAME_LIMIT, AssignmentResult, CheckResult, Graded, to_json
from grader.untrusted import clean_text, spreadsheet_cell, xml_text


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


def shown_student(student: str) -> str:
    """How a student id is shown in a report or export: one clean line."""
    return clean_text(student, NAME_LIMIT, lines=False)


def percent(score: float, max_score: float) -> float:
    """The score as a percentage (0 for an assignment worth nothing)."""
    return round(100 * score / max_score, 2) if max_score else 0.0


def sorted_rows(rows: Sequence[Graded]) -> list[Graded]:
    """Rows in student order (every export is stable under the order the gradebook returns)."""
    return sorted(rows, key=lambda row: row.student)


# -- Gradescope ---------------------------------------------------------------------------


def gradescope_results(result: AssignmentResult) -> dict:
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
    return {
        "score": result.score,
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


# -- CSV gradebook ------------------------------------------------------------------------


def exercise_names(rows: Sequence[Graded]) -> list[str]:
    """Every exercise graded in ``rows``, in the order of the first result that has it."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(e.name for e in row.result.exercises))
    return list(names)


def gradebook_csv(assignment: str, rows: Sequence[Graded]) -> str:
    """One row per student (sorted): ``student, score, max_score, percent``, then one column
    of points per exercise (empty if the student's result has no such exercise).

    Importing it into an LMS (UTF-8 CSV with a header row; points are out of ``max_score``,
    so give the LMS grade item the same maximum):

    * **Canvas** (Grades -> Import): Canvas matches rows by its own identity columns
      (``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``) and reads each
      further column as an assignment.  Export the Canvas gradebook first (Grades -> Export),
      fill the assignment's column from ``score`` by matching our ``student`` to the column
      that holds the same id (usually ``SIS Login ID``), and import that file; Canvas shows
      the changes for review before it saves them.
    * **Moodle** (Grades -> Import -> CSV file): under *Identify user*, map ``student`` to the
      user field it holds (*username*, *ID number* or *email address*); under *Grade item
      mappings*, map ``score`` (points) or ``percent`` to the grade item and leave the
      per-exercise columns as *Ignore* (or map them to grade items of their own).

    A student id that a spreadsheet would read as a formula gets a leading ``'``.
    ``assignment`` is accepted for symmetry with the other exports; the header is fixed
    (``student, score, max_score, percent, <exercise>...``) so scripts can rely on it.
    """
    exercises = exercise_names(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "score", "max_score", "percent", *exercises])
    for row in sorted_rows(rows):
        result = row.result
        by_name = {e.name: points(e.score) for e in result.exercises}
        writer.writerow(
            [
                spreadsheet_cell(shown_student(row.student)),
                points(result.score),
                points(result.max_score),
                points(percent(result.score, result.max_score)),
                *(by_name.get(name, "") for name in exercises),
            ]
        )
    return out.getvalue()


# -- JUnit XML ----------------------------------------------------------------------------


def _testcase(exercise: str, check: CheckResult) -> ET.Element:
    case = ET.Element("testcase", classname=xml_text(exercise), name=xml_text(check.name), time="0")
    if not check.passed:
        message, _ = feedback(check)
        kind = "hidden" if check.hidden else "check"
        failure = ET.SubElement(case, "failure", message=xml_text(message), type=kind)
        failure.text = xml_text(explanation(check))
    return case


def _testsuite(assignment: str, row: Graded) -> ET.Element:
    result = row.result
    checks = [(e.name, c) for e in result.exercises for c in e.checks]
    suite = ET.Element(
        "testsuite",
        name=xml_text(f"{assignment}.{shown_student(row.student)}"),
        tests=str(len(checks)),
        failures=str(sum(not c.passed for _, c in checks)),
        errors="0",
        skipped="0",
        time=f"{result.duration_s:.3f}",
    )
    if row.graded_at:
        suite.set("timestamp", row.graded_at)
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("student", shown_student(row.student)),
        ("score", points(result.score)),
        ("max_score", points(result.max_score)),
        ("sandbox", result.sandbox),
        ("content_hash", row.content_hash),
        ("grader_version", row.grader_version),
    ):
        ET.SubElement(properties, "property", name=name, value=xml_text(value))
    suite.extend(_testcase(exercise, check) for exercise, check in checks)
    if result.notes:
        ET.SubElement(suite, "system-out").text = xml_text("\n".join(result.notes))
    return suite


def junit_xml(assignment: str, rows: Sequence[Graded]) -> str:
    """A JUnit XML report: one ``<testsuite>`` per student, one ``<testcase classname=exercise
    name=check>`` per check, a ``<failure>`` per failed check, the score as properties."""
    suites = [_testsuite(assignment, row) for row in sorted_rows(rows)]
    root = ET.Element(
        "testsuites",
        name=assignment,
        tests=str(sum(int(s.get("tests", "0")) for s in suites)),
        failures=str(sum(int(s.get("failures", "0")) for s in suites)),
        errors="0",
    )
    root.extend(suites)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


# -- JSON ---------------------------------------------------------------------------------


def student_json(result: AssignmentResult) -> dict:
    """:func:`grader.results.to_json`, with hidden checks' messages and hints redacted."""
    doc = to_json(result)
    for exercise, exercise_doc in zip(result.exercises, doc["exercises"], strict=True):
        for check, check_doc in zip(exercise.checks, exercise_doc["checks"], strict=True):
            if check.hidden:
                check_doc["message"], check_doc["hint"] = feedback(check)
    return doc


def class_json(assignment: str, rows: Sequence[Graded]) -> str:
    """Every student's JSON document (as ``grade --format json``) with their gradebook data."""
    students = [
        {
            "student": row.student,
            **student_json(row.result),
            "graded_at": row.graded_at,
            "content_hash": row.content_hash,
            "grader_version": row.grader_version,
        }
        for row in sorted_rows(rows)
    ]
    return json.dumps({"assignment": assignment, "students": students}, indent=2)
