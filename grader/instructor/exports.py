r"""Exports of graded results for other systems: LMS gradebooks, Gradescope, CI, JSON.

Every export goes through :func:`grader.render.feedback`, so a hidden check never leaks its
message or hint: it says only whether it passed.  One submission's Gradescope
``results.json`` is :func:`grader.render.gradescope_results`.

* :func:`gradebook_csv`: one row per student: final, raw score, penalty, exercises;
* :func:`canvas_csv`, :func:`moodle_csv`: the files Canvas's and Moodle's grade imports
  read as they are, with identities from the LMS's own roster (:mod:`grader.instructor.lms`);
* :func:`junit_xml`: one ``<testsuite>`` per student, for CI test reports;
* :func:`class_json`: the ``--format json`` document of every student, plus gradebook data.

``rows`` are :class:`grader.results.Graded` records (student id, result, gradebook data).
Their texts are clean (:mod:`grader.results`); each export escapes them for its format:
every CSV through :func:`grader.instructor.csvsafe.csv_text` (against formulas), JUnit to the
characters XML 1.0 allows (:func:`grader.boundary.untrusted.xml_text`), JSON by :func:`json.dumps`.
A student id, which comes from a file name, is shown as one clean line (:func:`shown_student`).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from grader.boundary.untrusted import clean_text, xml_text
from grader.instructor.csvsafe import csv_text
from grader.instructor.marks import Mark, plain_mark
from grader.render import explanation, feedback, points
from grader.results import NAME_LIMIT, AssignmentResult, CheckResult, Graded, to_json

if TYPE_CHECKING:  # the LMS rosters are the instructor's: a student release leaves grader.instructor.lms out
    from grader.instructor.lms import CanvasRoster, MoodleRoster


def shown_student(student: str) -> str:
    """How a student id is shown in a report or export: one clean line."""
    return clean_text(student, NAME_LIMIT, lines=False)


def safe_name(student: str) -> str:
    """A file name for ``student``, one to one: letters, digits, ``_`` and ``.`` stay (a
    leading ``.`` does not), every other character is ``-`` and the hex of its UTF-8 bytes
    (``Jo Doe`` -> ``Jo-20Doe``), so no two ids share a file; an id longer than 100 such
    characters is cut and ends in ``--`` and a sha256 of the whole (``--`` is no escape)."""
    escaped = "".join(
        char if re.fullmatch(r"[A-Za-z0-9_]", char) or (char == "." and i) else
        "".join(f"-{byte:02x}" for byte in char.encode("utf-8", "surrogatepass"))
        for i, char in enumerate(student)
    ) or "-"  # fmt: skip
    if len(escaped) <= 100:
        return escaped
    return f"{escaped[:80]}--{hashlib.sha256(student.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"


def percent(score: float, max_score: float) -> float:
    """The score as a percentage (0 for an assignment worth nothing)."""
    return round(100 * score / max_score, 2) if max_score else 0.0


def sorted_rows(rows: Sequence[Graded]) -> list[Graded]:
    """Rows in student order (every export is stable under the order the gradebook returns)."""
    return sorted(rows, key=lambda row: row.student)


# -- CSV gradebook ------------------------------------------------------------------------


def exercise_names(rows: Sequence[Graded]) -> list[str]:
    """Every exercise graded in ``rows``, in the order of the first result that has it."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(e.name for e in row.result.exercises))
    return list(names)


def marks_of(rows: Sequence[Graded], marks: Mapping[str, Mark] | None) -> dict[str, Mark]:
    """Each row's mark: the one given, else its plain score (:func:`grader.instructor.marks.plain_mark`)."""
    marks = marks or {}
    return {row.student: marks.get(row.student) or plain_mark(row) for row in rows}


#: The fixed columns of ``gradebook.csv``; one column per exercise follows.
GRADEBOOK_COLUMNS = ("student", "score", "max_score", "percent", "raw_score", "penalty", "submitted_at",
                     "late", "adjustments")  # fmt: skip


def gradebook_csv(assignment: str, rows: Sequence[Graded], marks: Mapping[str, Mark] | None = None) -> str:
    """One row per student (sorted): :data:`GRADEBOOK_COLUMNS` (``score`` is the final
    score, ``raw_score - penalty`` unless an override set it; ``adjustments`` says what
    changed it), then one column of points per exercise (empty if the student's result has
    no such exercise).

    This is the grader's own table, for scripts and spreadsheets; for an LMS, use the
    import files made for it (:func:`canvas_csv`, :func:`moodle_csv`), which import with no
    edits.  ``assignment`` is accepted for symmetry with the other exports.
    """
    exercises = exercise_names(rows)
    final = marks_of(rows, marks)
    table = []
    for row in sorted_rows(rows):
        mark, result = final[row.student], row.result
        by_name = {e.name: points(e.score) for e in result.exercises}
        table.append([
            shown_student(row.student), number(mark.score), number(mark.max_score),
            number(percent(mark.score, mark.max_score)), number(mark.raw), number(mark.penalty),
            mark.submitted_at, mark.late, "; ".join(mark.adjustments),
            *(by_name.get(name, "") for name in exercises),
        ])  # fmt: skip
    return csv_text([*GRADEBOOK_COLUMNS, *exercises], table)


def number(value: float) -> int | float:
    """A number as a CSV writes it: ``30`` for 30.0, else at most 6 decimals."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


@dataclass
class Matching:
    """How the students of a class matched an LMS roster: every student is in exactly one
    of ``matched``, ``unmatched`` and ``twice`` (students who matched the same roster row:
    two submissions for one LMS student, all left out rather than guessed);
    ``not_graded`` are the roster's students without a grade here (told, not exported)."""

    matched: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    twice: list[str] = field(default_factory=list)
    not_graded: list[str] = field(default_factory=list)

    @property
    def left_out(self) -> list[str]:
        """Graded students whose grades are not in the import."""
        return [*self.unmatched, *self.twice]

    def report(self, lms: str, action: str = "import") -> list[str]:
        """Lines to show the instructor, loudest first; empty when everyone matched.
        ``action`` is what the grades go into the LMS by: ``"import"`` (a file the
        instructor imports) or ``"push"`` (sent through the LMS's API)."""
        verdict, missing, again = REPORT_WORDS[action]
        verdict, lms = verdict.format(LMS=lms.upper()), lms.capitalize()
        lines = []
        if self.unmatched:
            lines.append(f"{verdict}: {len(self.unmatched)} graded student(s) matched no row of the {lms} "
                         f"roster, so their grades are {missing}; add them to {lms} (or fix the roster) and "
                         f"{again}:")  # fmt: skip
            lines += [f"  {shown_student(s)}: unmatched" for s in self.unmatched]
        if self.twice:
            lines.append(f"{verdict}: {len(self.twice)} graded student(s) matched the same row of the roster "
                         "as another (two submissions for one student?); grade one of them, or give the "
                         "grade with `grade override`:")  # fmt: skip
            lines += [f"  {shown_student(s)}: matched twice" for s in self.twice]
        if self.not_graded:
            lines.append(f"{len(self.not_graded)} student(s) of the {lms} roster have no grade here "
                         f"(no submission): nothing of theirs is {missing.removeprefix('not ')}, so their "
                         f"grades in {lms} do not change:")  # fmt: skip
            lines += [f"  {shown_student(s)}" for s in self.not_graded]
        return lines


#: How :meth:`Matching.report` words each way of getting grades into an LMS: the verdict
#: on a student left out, what their grades are not, and what to do after fixing it.
REPORT_WORDS = {
    "import": ("NOT IN THE {LMS} FILE", "not in the import", "export again"),
    "push": ("NOT PUSHED", "not sent", "export the roster again and push again"),
}


def canvas_csv(rows: Sequence[Graded], roster: CanvasRoster, assignment_id: str,
               marks: Mapping[str, Mark] | None = None) -> tuple[str, Matching]:  # fmt: skip
    """The file Canvas imports (Grades -> Import), and how the class matched ``roster``.

    Columns ``Student, ID, SIS User ID, SIS Login ID, Section`` copied from the roster (a
    Canvas gradebook export, :func:`grader.instructor.lms.read_canvas_roster`) and one column, the
    assignment's header exactly as the export names it (``<name> (<id>)``), holding the
    final score; then a ``Points Possible`` row as Canvas's export has it.  Scores are
    scaled to the assignment's points possible when the export states them.  Only the
    final score goes in: any further column would be a new assignment to Canvas (the raw
    score and penalty are in ``gradebook.csv`` and the feedback).
    """
    from grader.instructor.lms import CANVAS_IDENTITY

    column = roster.column(assignment_id)
    possible = parse_number(roster.points_possible.get(column, ""))
    final = marks_of(rows, marks)
    matching, table = Matching(), []
    found = {row.student: roster.match(row.student) for row in sorted_rows(rows)}
    claims = Counter(match["ID"] for match in found.values() if match is not None)
    for row in sorted_rows(rows):
        match = found[row.student]
        if match is None:
            matching.unmatched.append(row.student)
            continue
        if claims[match["ID"]] > 1:
            matching.twice.append(row.student)
            continue
        matching.matched.append(row.student)
        mark = final[row.student]
        score = (
            mark.score if possible is None or not mark.max_score else mark.score * possible / mark.max_score
        )
        table.append([*(match[name] for name in CANVAS_IDENTITY), number(score)])
    ids = set(claims)
    matching.not_graded = [s["Student"] for s in roster.students if s["ID"] not in ids]
    top = [["Points Possible", "", "", "", "", number(possible)]] if possible is not None else []
    return csv_text([*CANVAS_IDENTITY, column], [*top, *table]), matching


def parse_number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def moodle_csv(assignment: str, rows: Sequence[Graded], identity: str, roster: MoodleRoster | None,
               marks: Mapping[str, Mark] | None = None) -> tuple[str, Matching]:  # fmt: skip
    """The file Moodle imports (Grades -> Import -> CSV file), and how the class matched.

    Three columns: the identity (``email``, ``idnumber`` or ``username``: Moodle's "Identify
    user by" fields; from ``roster``, or our key itself when there is no roster), one
    numeric column named after the assignment with the final score, and ``feedback``: the
    score's arithmetic and each exercise's points, in our words only (nothing a submission
    wrote goes to Moodle).  Moodle asks that feedback be imported with its grade: map both.
    """
    final = marks_of(rows, marks)
    matching, table = Matching(), []
    found = {row.student: roster.match(row.student, identity) if roster else row.student for row in rows}
    claims = Counter(value for value in found.values() if value is not None)
    for row in sorted_rows(rows):
        value = found[row.student]
        if value is None:
            matching.unmatched.append(row.student)
            continue
        if claims[value] > 1:
            matching.twice.append(row.student)
            continue
        matching.matched.append(row.student)
        mark = final[row.student]
        table.append([value, number(mark.score), moodle_feedback(row, mark)])
    return csv_text([identity, assignment, "feedback"], table), matching


def moodle_feedback(row: Graded, mark: Mark) -> str:
    """One paragraph: final score, how it was reached, each exercise's points and status."""
    parts = [f"{row.result.assignment}: {points(mark.score)} / {points(mark.max_score)}"]
    if mark.penalty or mark.adjustments:
        parts.append(f"(raw {points(mark.raw)}, late penalty {points(mark.penalty)}"
                     + "".join(f"; {a}" for a in mark.adjustments) + ")")  # fmt: skip
    parts.append("- " + ", ".join(
        f"{e.name} {points(e.score)}/{points(e.max_score)} {e.status}" for e in row.result.exercises))  # fmt: skip
    return " ".join(parts)


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


def class_json(assignment: str, rows: Sequence[Graded], marks: Mapping[str, Mark] | None = None) -> str:
    """Every student's JSON document (as ``grade --format json``, whose ``score`` is the
    checks') with their gradebook data and ``mark``: raw, penalty, final, adjustments."""
    final = marks_of(rows, marks)
    students = [
        {
            "student": row.student,
            **student_json(row.result),
            "mark": mark_json(final[row.student]),
            "graded_at": row.graded_at,
            "content_hash": row.content_hash,
            "grader_version": row.grader_version,
        }
        for row in sorted_rows(rows)
    ]
    return json.dumps({"assignment": assignment, "students": students}, indent=2)


def mark_json(mark: Mark) -> dict:
    return {"raw_score": mark.raw, "penalty": mark.penalty, "final_score": mark.score, "max_score": mark.max_score,
            "submitted_at": mark.submitted_at, "late": mark.late, "adjustments": list(mark.adjustments)}  # fmt: skip
