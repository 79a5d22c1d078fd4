"""Canvas and Moodle import files, read back by the importers' documented rules, and the one
CSV writer every export uses (UTF-8, no formulas).  No grading: stored results only."""

import csv
import io
import re

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.instructor.csvsafe import CsvError, csv_text, read_csv, safe_cell
from grader.instructor.exports import canvas_csv, gradebook_csv, moodle_csv
from grader.instructor.lms import CANVAS_IDENTITY, read_canvas_roster, read_moodle_roster
from grader.instructor.marks import Mark
from tests.grader.classroom import BIAS, HIDDEN, SECRET, SECRET_HINT, graded, write_gradebook

# A Canvas gradebook export as Canvas writes it: BOM, a padded "Points Possible" row, the
# test student, a display name a student chose to look like a formula.
CANVAS_EXPORT = (
    "\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Week 1 (11111),Week 2: Optimization (67890),"
    "Current Score,Final Score\n"
    "    Points Possible,,,,,10,50,(read only),(read only)\n"
    '"Smith, Jane",101,S101,jsmith,Section A,9,,90,90\n'
    '"Doe, John",102,S102,jdoe,Section A,8,,80,80\n'
    '"=HYPERLINK(""http://evil""), Zed",103,S103,zed,Section B,,,0,0\n'
    '"Student, Test",999,,5f1e,Section A,,,0,0\n'
)
# A Moodle grading worksheet (assignment -> View all submissions -> Download grading worksheet).
MOODLE_WORKSHEET = (
    "Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,"
    "Last modified (submission),Last modified (grade),Feedback comments\n"
    "Participant 123456,Jo Doe,Jo.Doe@example.edu,Submitted for grading,,100.00,Yes,"
    '"Monday, 2 November 2026, 10:15 AM",-,\n'
    "Participant 654321,Kim Lee,kim@example.edu,No submission,,100.00,Yes,-,-,\n"
)


def read_back(text):
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def canvas_roster(tmp_path):
    path = tmp_path / "canvas.csv"
    path.write_text(CANVAS_EXPORT, encoding="utf-8")
    return read_canvas_roster(path)


@pytest.fixture
def moodle_roster(tmp_path):
    path = tmp_path / "worksheet.csv"
    path.write_text(MOODLE_WORKSHEET, encoding="utf-8")
    return read_moodle_roster(path)


def canvas_class():
    """Jane (Canvas download, id 101), John by his login (a folder ``jdoe/``), the formula
    student by id, and one student Canvas does not have."""
    return [
        graded("smithjane_101", adam={"bias correction": BIAS}),
        graded("jdoe"),
        graded("hyperlinkzed_103", adam={"many steps": HIDDEN}),
        graded("ghost_555"),
    ]


# -- one writer --------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_that_a_spreadsheet_would_run_gets_a_leading_quote(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert read_back(csv_text(["a"], [[f"{start}cmd|' /C calc'!A0"]]))[1] == [f"'{start}cmd|' /C calc'!A0"]


def test_numbers_we_write_stay_numbers_and_other_text_is_as_it_was():
    assert read_back(csv_text(["n", "x", "t"], [[-2.5, 0, 'Doe, "Jo"\nline 2']]))[1] == [
        "-2.5",
        "0",
        'Doe, "Jo"\nline 2',
    ]
    assert safe_cell("a=b") == "a=b" and safe_cell(None) == "" and safe_cell(True) == "true"


def test_every_csv_of_the_grader_is_written_by_the_one_helper():
    import pathlib

    package = pathlib.Path(__file__).resolve().parents[2] / "grader"
    writers = [
        p.name for p in package.rglob("*.py") if re.search(r"csv\.(writer|DictWriter)\(", p.read_text())
    ]
    assert writers == ["csvsafe.py"]


def test_a_roster_that_is_not_utf8_or_lacks_columns_says_what_to_do(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("Student,ID\nJos\xe9,1\n".encode("latin-1"))
    with pytest.raises(CsvError, match="not UTF-8.*CSV UTF-8"):
        read_csv(path, "the Canvas roster")
    path.write_text("Name,Number\nx,1\n")
    with pytest.raises(CsvError, match="no column 'Student', 'ID'; its columns are: 'Name', 'Number'"):
        read_canvas_roster(path)


# -- Canvas ------------------------------------------------------------------------------


def test_the_canvas_file_has_the_identity_columns_then_the_assignments_column_as_canvas_names_it(
    canvas_roster,
):
    text, _ = canvas_csv(canvas_class(), canvas_roster, "67890")
    header, possible, *students = read_back(text)
    # Canvas's import: the identity columns it exported, then "<assignment name> (<id>)"
    assert header == [*CANVAS_IDENTITY, "Week 2: Optimization (67890)"]
    assert re.fullmatch(r".+ \((\d+)\)", header[-1])
    assert possible == ["Points Possible", "", "", "", "", "50"]  # as the export has it, optional
    assert {row[1] for row in students} <= {"101", "102", "103", "999"}  # Canvas user ids it knows
    for row in students:
        assert len(row) == 6 and float(row[-1]) >= 0


def canvas_importer_reads(text):
    """``{canvas user id: (assignment id, score)}`` as Canvas's GradebookImporter reads a
    file (app/models/gradebook_importer.rb): a header whose columns 0 and 1 match /Student/
    and /ID/, then SIS User ID and SIS Login ID, the student columns ending in /Section/;
    each further column "<title> (<id>)"; a row whose first cell matches /Points Possible/
    describes the assignments; a student is found by the ID column first."""
    header, *rows = read_back(text)
    assert len(header) > 3 and re.search("Student", header[0]) and re.search("ID", header[1])
    assert re.search(r"SIS\s+User\s+ID", header[2]) and re.search(r"SIS\s+Login\s+ID", header[3])
    student_columns = 5
    assert re.search("Section", header[student_columns - 1])
    ids = [re.fullmatch(r"(?P<title>.+) \((?P<id>\d+)\)", name)["id"] for name in header[student_columns:]]
    found = {}
    for row in rows:
        if re.search("Points Possible", row[0]) or all(
            re.fullmatch(r"(Muted|)", c.strip(), re.I) for c in row
        ):
            continue
        found[int(row[1])] = [
            (assignment, float(row[student_columns + i])) for i, assignment in enumerate(ids)
        ]
    return found


def test_canvas_reads_every_matched_student_by_id_into_the_existing_assignment(canvas_roster):
    text, _ = canvas_csv(canvas_class(), canvas_roster, "67890")
    assert canvas_importer_reads(text) == {
        101: [("67890", 37.5)],
        102: [("67890", 50.0)],
        103: [("67890", 37.5)],
    }


def test_canvas_rows_match_by_canvas_id_or_login_and_scores_are_scaled_to_points_possible(canvas_roster):
    text, matching = canvas_csv(canvas_class(), canvas_roster, "67890")
    rows = {row[1]: row for row in read_back(text)[2:]}
    assert rows["101"] == ["Smith, Jane", "101", "S101", "jsmith", "Section A", "37.5"]  # 30 / 40 of 50
    assert rows["102"][:4] == ["Doe, John", "102", "S102", "jdoe"] and rows["102"][-1] == "50"
    assert rows["103"][0] == '\'=HYPERLINK("http://evil"), Zed'  # a chosen display name stays text
    assert matching.unmatched == ["ghost_555"] and "999" not in rows
    assert matching.not_graded == ["Student, Test"]
    report = "\n".join(matching.report("canvas"))
    assert "NOT IN THE CANVAS FILE: 1 graded student(s)" in report and "ghost_555" in report


def test_two_students_matching_one_canvas_row_are_both_told_not_guessed(canvas_roster):
    rows = [graded("smithjane_101"), graded("jsmith", adam={"bias correction": BIAS})]  # id 101 and her login
    text, matching = canvas_csv(rows, canvas_roster, "67890")
    assert read_back(text)[2:] == [] and matching.twice == ["jsmith", "smithjane_101"]
    assert "2 graded student(s) matched the same row of the roster" in "\n".join(matching.report("canvas"))


def test_the_canvas_file_carries_the_final_score_after_penalty(canvas_roster):
    marks = {"jdoe": Mark(raw=40, max_score=40, penalty=4)}
    rows = {
        row[1]: row for row in read_back(canvas_csv(canvas_class(), canvas_roster, "67890", marks)[0])[2:]
    }
    assert rows["102"][-1] == "45"  # 36 / 40 of 50


def test_an_assignment_the_canvas_roster_lacks_names_the_columns_it_has(canvas_roster):
    with pytest.raises(
        CsvError, match=r"no column for assignment 4242.*Week 1 \(11111\); Week 2: Optimization"
    ):
        canvas_csv(canvas_class(), canvas_roster, "4242")


# -- Moodle ------------------------------------------------------------------------------


def test_the_moodle_file_has_an_identity_column_one_grade_and_feedback(moodle_roster):
    rows = [graded("Jo Doe_123456", adam={"bias correction": BIAS, "many steps": HIDDEN}), graded("Al_777")]
    text, matching = moodle_csv("week2", rows, "email", moodle_roster)
    header, *body = read_back(text)
    assert header == ["email", "week2", "feedback"]
    assert body == [[
        "Jo.Doe@example.edu",  # copied exactly: Moodle matches email addresses case-sensitively
        "20",
        "week2: 20 / 40 - update_parameters_with_gd 10/10 passed, update_parameters_with_adam 10/30 failed",
    ]]  # fmt: skip
    assert SECRET not in text and SECRET_HINT not in text and BIAS["message"] not in text
    assert matching.unmatched == ["Al_777"]


def test_moodle_reads_one_user_one_numeric_grade_and_feedback_per_row(moodle_roster):
    # Moodle's CSV import (grade/import/csv): unique header names to map, the "Identify
    # user by" field's value, a grade that is a number (a dot for decimals), feedback as text
    rows = [graded("Jo Doe_123456", adam={"bias correction": BIAS}), graded("Kim Lee_654321")]
    header, *body = read_back(moodle_csv("week2", rows, "email", moodle_roster)[0])
    assert len(set(header)) == len(header) == 3
    for email, grade, feedback in body:
        assert re.fullmatch(r"[^@\s]+@[^@\s]+", email) and re.fullmatch(r"\d+(\.\d+)?", grade) and feedback
    assert [row[0] for row in body] == ["Jo.Doe@example.edu", "kim@example.edu"]


def test_the_moodle_feedback_shows_raw_penalty_and_final(moodle_roster):
    marks = {"Jo Doe_123456": Mark(raw=40, max_score=40, penalty=4, adjustments=("26 h late: -10%",))}
    _, (_, grade, feedback) = read_back(
        moodle_csv("week2", [graded("Jo Doe_123456")], "email", moodle_roster, marks)[0]
    )
    assert grade == "36" and "(raw 40, late penalty 4; 26 h late: -10%)" in feedback


def test_two_students_with_one_moodle_identity_are_both_told_not_guessed(tmp_path):
    (tmp_path / "map.csv").write_text("student,email\njo_1,jo@example.edu\njo_2,jo@example.edu\n")
    text, matching = moodle_csv(
        "week2", [graded("jo_1"), graded("jo_2")], "email", read_moodle_roster(tmp_path / "map.csv")
    )
    assert read_back(text)[1:] == [] and matching.twice == ["jo_1", "jo_2"]


def test_without_a_roster_our_key_is_the_identity():
    text, matching = moodle_csv("week2", [graded("jsmith")], "username", None)
    assert read_back(text)[1][:2] == ["jsmith", "40"] and matching.unmatched == []


# -- the grader's own CSV and the command ------------------------------------------------


def test_gradebook_csv_shows_final_raw_and_penalty():
    marks = {"bo": Mark(raw=30, max_score=40, penalty=3, adjustments=("late",), late="5 h late")}
    row = list(csv.DictReader(io.StringIO(gradebook_csv("week2", [graded("bo")], marks))))[0]
    assert (row["score"], row["raw_score"], row["penalty"], row["late"], row["adjustments"]) == (
        "27", "30", "3", "5 h late", "late")  # fmt: skip


@pytest.fixture
def graded_out(tmp_path):
    out = write_gradebook(tmp_path / "graded", canvas_class())
    return out


def test_grade_export_canvas_writes_the_file_and_lists_the_unmatched_loudly(graded_out, tmp_path):
    (tmp_path / "canvas.csv").write_text(CANVAS_EXPORT, encoding="utf-8")
    args = ["export", "canvas", str(graded_out), "--assignment", "week2", "--roster", str(tmp_path / "canvas.csv"),
            "--canvas-assignment", "67890"]  # fmt: skip
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 1, done.output
    assert "canvas: 3 grades of week2" in done.stdout and "ghost_555" in done.stderr
    assert (graded_out / "week2" / "canvas.csv").read_text(encoding="utf-8").startswith("Student,ID,")
    assert CliRunner().invoke(main, [*args, "--allow-unmatched"]).exit_code == 0


def test_grade_export_canvas_without_a_roster_says_what_to_give(graded_out):
    done = CliRunner().invoke(main, ["export", "canvas", str(graded_out), "--assignment", "week2"])
    assert done.exit_code == 2 and "--roster" in done.output and "Grades -> Export" in done.output
