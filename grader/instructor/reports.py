r"""Instructor reports: per-student feedback (Markdown, HTML) and the class summary page.

Each report is a pure function of graded rows, rendered from ``grader/instructor/templates`` by jinja2
(HTML with autoescape on; Markdown escapes every text through the ``md_text`` filter,
:func:`grader.boundary.untrusted.markdown_text`).  A student id is shown as one clean line
(:func:`grader.instructor.exports.shown_student`); its file name is :func:`grader.instructor.exports.safe_name`.  The class
summary is one self-contained file: its plots are PNG data URIs drawn by matplotlib's Agg
renderer, its style is inline.

:func:`write_reports` writes everything into one folder::

    OUT/summary.html                   the class summary
    OUT/students/<student>.md, .html   each student's feedback (linked from the summary)
    OUT/gradebook.csv                  one row per student, for an LMS import
    OUT/gradescope/<student>.json      Gradescope results.json, one per submission
    OUT/junit.xml                      one <testsuite> per student, for CI
    OUT/class.json                     every student's JSON result with gradebook data

Every score shown is the student's :class:`grader.instructor.marks.Mark` (raw, late penalty, final,
manual grades) when the caller gives the marks; the Canvas and Moodle import files are
written by ``grade export`` (:func:`grader.instructor.exports.canvas_csv`, :func:`grader.instructor.exports.moodle_csv`).
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

import jinja2
import markupsafe

from grader.boundary.untrusted import markdown_text
from grader.instructor import exports
from grader.instructor.class_statistics import (
    TOP_ITEMS,
    common_mistakes,
    exercise_pass_rates,
    item_analysis,
    outliers,
    summary_statistics,
)
from grader.instructor.exports import percent, safe_name, shown_student, sorted_rows
from grader.instructor.marks import Mark, plain_mark
from grader.render import feedback, gradescope_results, points
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Graded

HISTOGRAM_BINS = 20


ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("grader.instructor", "templates"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENV.filters["points"] = points
ENV.filters["md_text"] = lambda text: markdown_text(str(text))
ENV.filters["md_cell"] = lambda text: markdown_text(str(text).replace("\n", " "))
# long snake_case names in narrow table headers may break after an underscore
ENV.filters["break_underscores"] = lambda text: markupsafe.Markup("_<wbr>").join(text.split("_"))


# -- one student --------------------------------------------------------------------------


def _failure(exercise: ExerciseResult, checks: list[CheckResult]) -> dict:
    """One entry of "What to fix": a failed check, or the checks that share one fault."""
    message, hint = feedback(checks[0])
    if len(checks) == 1:
        label = checks[0].name
    else:
        label = "every check" if len(checks) == len(exercise.checks) else ", ".join(c.name for c in checks)
    return {"exercise": exercise.name, "check": label, "max_score": sum(c.max_score for c in checks),
            "message": message, "hint": hint}  # fmt: skip


def failures(result: AssignmentResult) -> list[dict]:
    """Each failed check with what the student may see of it.  The checks a missing or
    broken function failed with one message are one entry (with their points summed)."""
    shown = []
    for exercise in result.exercises:
        groups: dict[tuple[str, str], list[CheckResult]] = {}
        for check in exercise.checks:
            if not check.passed:
                key = ("fault", check.message) if check.fault and not check.hidden else ("check", check.name)
                groups.setdefault(key, []).append(check)
        shown += [_failure(exercise, checks) for checks in groups.values()]
    return shown


def submitted_file(submission: str) -> str:
    """The name of the file a student submitted, as their feedback shows it: the last part
    of the path the batch read it from (``/srv/class/Jo Doe_1_assignsubmission_file_/week2.py``
    -> ``week2.py``), never the instructor's folders."""
    return PurePosixPath(submission.replace("\\", "/")).name if submission else ""


def student_context(row: Graded, mark: Mark | None = None) -> dict:
    """What a feedback page shows: the score (final; raw and penalty when they differ),
    the exercise table, manual grades and lateness, failures and notes."""
    result = row.result
    mark = mark or plain_mark(row)
    return {
        "student": shown_student(row.student),
        "result": result,
        "mark": mark,
        "adjusted": mark.score != result.score or bool(mark.adjustments),
        "manual": mark.manual,
        "submitted": submitted_file(result.submission),
        "percent": percent(mark.score, mark.max_score),
        "failures": failures(result),
        "graded_at": row.graded_at,
    }


def student_markdown(row: Graded, mark: Mark | None = None) -> str:
    """The student's feedback as Markdown."""
    return ENV.get_template("student.md").render(student_context(row, mark))


def student_html(row: Graded, mark: Mark | None = None) -> str:
    """The student's feedback as a self-contained HTML page."""
    return ENV.get_template("student.html").render(student_context(row, mark))


# -- the class ----------------------------------------------------------------------------


def _png_data_uri(figure) -> str:  # a matplotlib Figure
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float):
    # Imported here: matplotlib costs ~0.4 s, which only the summary page should pay.
    # A bare Figure renders with Agg and touches no global pyplot state.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def score_histogram(scores: Sequence[float], max_score: float) -> str:
    """The distribution of scores (points out of ``max_score``) as a PNG data URI."""
    figure, axes = _figure(6.4, 3.2)
    upper = max_score or max(scores, default=0) or 1
    axes.hist(scores, bins=HISTOGRAM_BINS, range=(0, upper), color="#3572a5", edgecolor="white")
    axes.set_xlabel(f"score (points out of {points(upper)})")
    axes.set_ylabel("students")
    axes.set_title("Score distribution")
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png_data_uri(figure)


def pass_rate_chart(rates: Sequence[dict]) -> str:
    """Per-exercise pass rates as a horizontal bar chart, PNG data URI."""
    figure, axes = _figure(6.4, 0.6 + 0.4 * max(len(rates), 1))
    names = [r["exercise"] for r in rates][::-1]
    values = [100 * r["pass_rate"] for r in rates][::-1]
    axes.barh(names, values, color="#4c9a2a")
    axes.set_xlim(0, 100)
    axes.set_xlabel("students who passed every check (%)")
    axes.set_title("Pass rate per exercise")
    return _png_data_uri(figure)


# -- the summary page ---------------------------------------------------------------------


def summary_context(assignment: str, rows: Sequence[Graded], marks: Mapping[str, Mark] | None = None) -> dict:
    """Everything the class summary page shows; statistics are of the final scores."""
    rows = sorted_rows(rows)
    final = exports.marks_of(rows, marks)
    scores = [final[row.student].score for row in rows]
    max_score = max((row.result.max_score for row in rows), default=0.0)
    rates = exercise_pass_rates(rows)
    return {
        "assignment": assignment,
        "max_score": max_score,
        "stats": summary_statistics(scores),
        "exercises": exports.exercise_names(rows),
        "histogram": score_histogram(scores, max_score) if rows else "",
        "pass_rates": rates,
        "pass_rate_chart": pass_rate_chart(rates) if rates else "",
        "items": item_analysis(rows)[:TOP_ITEMS],
        "mistakes": common_mistakes(rows)[:TOP_ITEMS],
        "outliers": outliers(rows),
        "adjusted": any(m.penalty or m.adjustments or m.late for m in final.values()),
        "students": [
            {
                "student": shown_student(row.student),
                "file": safe_name(row.student),
                "score": final[row.student].score,
                "mark": final[row.student],
                "percent": percent(final[row.student].score, final[row.student].max_score),
                "exercises": {e.name: e for e in row.result.exercises},
                "graded_at": row.graded_at,
            }
            for row in rows
        ],
    }


def class_summary_html(
    assignment: str, rows: Sequence[Graded], marks: Mapping[str, Mark] | None = None
) -> str:
    """The class summary: statistics, plots, item analysis, mistakes, outliers, students."""
    return ENV.get_template("summary.html").render(summary_context(assignment, rows, marks))


def write_reports(
    out_dir: Path, assignment: str, rows: Sequence[Graded], marks: Mapping[str, Mark] | None = None
) -> list[Path]:
    """Write the summary, every student's feedback and the exports into ``out_dir``
    (layout in the module docstring), each with the students' ``marks`` (raw, penalty,
    final; default: the checks' scores); return the paths written."""
    final = exports.marks_of(rows, marks)
    outputs: dict[Path, str] = {
        out_dir / "summary.html": class_summary_html(assignment, rows, final),
        out_dir / "gradebook.csv": exports.gradebook_csv(assignment, rows, final),
        out_dir / "junit.xml": exports.junit_xml(assignment, rows),
        out_dir / "class.json": exports.class_json(assignment, rows, final),
    }
    for row in rows:
        name = safe_name(row.student)
        outputs[out_dir / "students" / f"{name}.md"] = student_markdown(row, final[row.student])
        outputs[out_dir / "students" / f"{name}.html"] = student_html(row, final[row.student])
        results = gradescope_results(row.result, final[row.student])
        outputs[out_dir / "gradescope" / f"{name}.json"] = json.dumps(results, indent=2)
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(outputs)
