"""Manual grades: recorded with reason and time, surviving regrades, shown in feedback and
exports.  Stored results only, no grading."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.instructor.exports import class_json, gradebook_csv
from grader.instructor.gradebook import Gradebook
from grader.instructor.marks import Lateness, class_marks
from grader.instructor.reports import student_html, student_markdown
from grader.render import gradescope_results
from tests.grader.classroom import BIAS, graded

ADAM = "update_parameters_with_adam"


@pytest.fixture
def out(tmp_path):
    """A gradebook with bo (20 of 30 in Adam) and ada (full marks)."""
    out = tmp_path / "graded"
    with Gradebook(out / "gradebook.sqlite") as book:
        for row in (graded("bo", adam={"bias correction": BIAS}), graded("ada")):
            book.record(row.student, "hash-1", "checks-1", row.result)
        book.see("week2", {"bo": "hash-1", "ada": "hash-1"})
    return out


def marks_in(out):
    with Gradebook(out / "gradebook.sqlite") as book:
        rows = book.current("week2")
        return rows, class_marks(rows, book.overrides("week2"))


def test_an_exercise_override_replaces_its_points_in_the_raw_score(out):
    with Gradebook(out / "gradebook.sqlite") as book:
        book.override("bo", "week2", ADAM, 30, "inquiry: the bias correction is right")
    rows, marks = marks_in(out)
    bo = marks["bo"]
    assert (bo.raw, bo.penalty, bo.score, bo.manual) == (40, 0, 40, {ADAM: 30})
    assert "set by the instructor (graded 20)" in bo.adjustments[0] and "inquiry" in bo.adjustments[0]
    assert marks["ada"].score == 40 and not marks["ada"].adjustments


def test_an_override_survives_a_regrade(out):
    with Gradebook(out / "gradebook.sqlite") as book:
        book.override("bo", "week2", ADAM, 25, "inquiry")
        # the checks changed: a new grading of new files under a new fingerprint
        book.record("bo", "hash-2", "checks-2", graded("bo", adam={"many steps": BIAS}).result)
        book.see("week2", {"bo": "hash-2"})
    _, marks = marks_in(out)
    assert marks["bo"].raw == 35 and marks["bo"].manual == {ADAM: 25}


def test_the_latest_override_counts_a_removal_ends_it_and_the_history_stays(out):
    with Gradebook(out / "gradebook.sqlite") as book:
        book.override("bo", "week2", ADAM, 25, "first look")
        book.override("bo", "week2", ADAM, 28, "second look")
        assert [o.points for o in book.overrides("week2")] == [28]
        book.override("bo", "week2", ADAM, None, "removed")
        assert book.overrides("week2") == []
        assert [o.points for o in book.override_history("bo", "week2")] == [25, 28, None]


def test_a_whole_assignment_override_is_the_final_score_and_no_penalty_applies(out):
    with Gradebook(out / "gradebook.sqlite") as book:
        book.override("bo", "week2", "", 33, "oral exam")
        rows = book.current("week2")
        marks = class_marks(
            rows, book.overrides(), {"bo": Lateness("2026-11-03T10:00:00+00:00", "1 day late", 10)}
        )
    assert (marks["bo"].raw, marks["bo"].penalty, marks["bo"].score) == (30, 4, 33)
    assert "the whole assignment: 33 points set by the instructor (graded 26)" in marks["bo"].adjustments[-1]


@pytest.mark.parametrize("render", [student_markdown, student_html])
def test_feedback_shows_a_manual_grade_as_such_with_its_reason(out, render):
    with Gradebook(out / "gradebook.sqlite") as book:
        book.override("bo", "week2", ADAM, 30, "inquiry: <b>right</b> after all")
    rows, marks = marks_in(out)
    bo = next(r for r in rows if r.student == "bo")
    text = render(bo, marks["bo"])
    assert "40 / 40 points (100%)" in text and "(manual grade)" in text and "30 / 30" in text
    assert "Raw score 40, late penalty 0, final score 40" in text
    assert "<b>right</b>" not in text  # the reason is escaped like any text


def test_exports_carry_the_manual_grade(out):
    with Gradebook(out / "gradebook.sqlite") as book:
        book.override("bo", "week2", ADAM, 30, "inquiry")
    rows, marks = marks_in(out)
    table = {r["student"]: r for r in csv.DictReader(io.StringIO(gradebook_csv("week2", rows, marks)))}
    assert table["bo"]["score"] == "40" and "set by the instructor" in table["bo"]["adjustments"]
    assert table["bo"][ADAM] == "20"  # the checks' points stay visible beside the final score
    doc = {s["student"]: s for s in json.loads(class_json("week2", rows, marks))["students"]}
    assert doc["bo"]["mark"]["final_score"] == 40 and doc["bo"]["score"] == 30
    bo = next(r for r in rows if r.student == "bo")
    assert gradescope_results(bo.result, marks["bo"])["score"] == 40


def test_grade_override_records_lists_and_rewrites_the_reports(out):
    done = CliRunner().invoke(
        main, ["override", "bo", "week2", ADAM, "30", "--reason", "inquiry", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert "30 points for bo in week2 / update_parameters_with_adam" in done.output
    assert "(manual grade)" in (out / "week2" / "students" / "bo.md").read_text()
    listed = CliRunner().invoke(main, ["override", "--list", "--out", str(out)])
    assert listed.exit_code == 0 and f"week2  bo  {ADAM}  30" in listed.output and "inquiry" in listed.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["bo", "week2", "nope", "3", "--reason", "x"],
            "has no exercise 'nope'; its exercises: update_parameters_with_gd",
        ),
        (["bo", "week2", ADAM, "31", "--reason", "x"], "between 0 and 30 for update_parameters_with_adam"),
        (["bo", "week2", "ten", "--reason", "x"], "POINTS must be a number"),
        (["bo", "week2", "10"], "give the reason with --reason"),
        (["zed", "week2", "10", "--reason", "x"], "zed has no grade in week2"),
        (["bo"], "give STUDENT ASSIGNMENT [EXERCISE] POINTS"),
    ],
)
def test_a_wrong_override_is_a_usage_error_that_says_what_to_do(out, args, says):
    done = CliRunner().invoke(main, ["override", *args, "--out", str(out)])
    assert done.exit_code == 2 and says in done.output, done.output
