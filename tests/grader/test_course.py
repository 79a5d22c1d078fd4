"""Deadlines and the late policy: grace, per day, per hour, cap, hard deadline, extensions
beating the policy, unknown times; re-applied from the gradebook without grading."""

import csv
import io
from datetime import timedelta

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.instructor.course import CourseError, load_course
from grader.instructor.gradebook import Gradebook
from grader.instructor.marks import mark
from grader.instructor.roster import discover
from tests.grader.classroom import graded

COURSE = """
[course]
time_zone = "Europe/Berlin"
grace_minutes = 15
extensions = "extensions.csv"
submission_times = "times.csv"

[assignments.week2]
due = 2026-11-02T23:59:00
per_day = 10
cap = 30
hard_deadline = 2026-11-09T23:59:00

[assignments.hourly]
due = 2026-11-02T12:00:00+00:00
per_hour = 5
cap = 20
grace_minutes = 0

[assignments.strict]
due = 2026-11-02T23:59:00
zero_when_late = true
"""
EXTENSIONS = "student,assignment,new_due,extra_hours,reason\nada,week2,2026-11-05T23:59,,illness\nbo,week2,,48,travel\n"
TIMES = "student,assignment,submitted_at\ncy,week2,2026-11-03T10:00\n"


@pytest.fixture
def course(tmp_path):
    (tmp_path / "course.toml").write_text(COURSE)
    (tmp_path / "extensions.csv").write_text(EXTENSIONS)
    (tmp_path / "times.csv").write_text(TIMES)
    return load_course(tmp_path / "course.toml")


def at(course, student, assignment, local):
    """Lateness of a submission made at ``local`` (Blackboard's stamp, in the course's zone)."""
    return course.lateness(student, assignment, local)


def test_within_the_grace_period_is_on_time(course):
    lateness = at(course, "zed", "week2", "2026-11-03-00-10-00")  # 11 minutes late, grace 15
    assert lateness.percent == 0 and lateness.late.startswith("on time (within the grace period)")
    assert lateness.submitted_at == "2026-11-03T00:10:00+01:00"


def test_each_started_day_late_costs_its_percent_of_the_points(course):
    lateness = at(course, "zed", "week2", "2026-11-04T02:00:00".replace("T", "-").replace(":", "-"))
    assert lateness.percent == 30 - 10  # 26 h late: two started days
    assert "26.0 h late" in lateness.late and "2 started day(s) x 10%" in lateness.note
    penalty = mark(graded("zed"), (), lateness)
    assert (penalty.raw, penalty.penalty, penalty.score) == (40, 8, 32)


def test_the_cap_bounds_the_penalty_and_the_hard_deadline_gives_zero(course):
    assert at(course, "zed", "week2", "2026-11-08-12-00-00").percent == 30  # 6 days: capped at 30
    after = at(course, "zed", "week2", "2026-11-10-00-30-00")
    assert after.percent == 100 and "after the hard deadline" in after.note
    assert mark(graded("zed"), (), after).score == 0


def test_per_started_hour_with_its_own_grace_and_cap(course):
    assert (
        course.lateness("zed", "hourly", "2026-11-02-14-01-00").percent == 10
    )  # 61 min late (a UTC+1 stamp)
    assert course.lateness("zed", "hourly", "2026-11-02-23-00-00").percent == 20  # capped


def test_zero_when_late_gives_zero_once_the_grace_period_is_over(course):
    assert course.lateness("zed", "strict", "2026-11-03-00-14-00").percent == 0
    assert course.lateness("zed", "strict", "2026-11-03-00-16-00").percent == 100


def test_an_extension_beats_the_policy(course):
    ada = at(course, "ada", "week2", "2026-11-05-20-00-00")  # 3 days after the due date, before her new one
    assert ada.percent == 0 and "extension to 2026-11-05T23:59+01:00: illness" in ada.note
    bo = at(course, "bo", "week2", "2026-11-05-01-00-00")  # 48 extra hours: 1 h late
    assert bo.percent == 10 and "travel" in bo.note
    assert course.policies["week2"].hard_deadline is not None
    assert (
        at(course, "ada", "week2", "2026-11-13-00-30-00").percent == 100
    )  # the hard deadline moved by 3 days
    assert at(course, "ada", "week2", "2026-11-12-20-00-00").percent == 30


def test_extra_hours_are_elapsed_hours_across_a_change_of_summer_time(tmp_path):
    (tmp_path / "course.toml").write_text(
        "[course]\nextensions = 'ext.csv'\n[assignments.week2]\ndue = 2026-10-24T12:00:00\n"
        "time_zone = 'Europe/Berlin'\nper_hour = 1\n"
    )
    (tmp_path / "ext.csv").write_text("student,assignment,extra_hours,reason\nada,week2,24,illness\n")
    course = load_course(tmp_path / "course.toml")
    # summer time ends on 2026-10-25: 24 elapsed hours after noon CEST is 11:00 CET
    assert course.lateness("ada", "week2", "2026-10-25-11-00-00").percent == 0
    assert course.lateness("ada", "week2", "2026-10-25-11-30-00").percent == 1


def test_an_unknown_time_is_said_and_costs_nothing_and_a_csv_time_counts(course):
    unknown = course.lateness("zed", "week2", "", marked_late=True)
    assert (unknown.percent, unknown.submitted_at) == (0, "")
    assert unknown.late == "time unknown; Canvas marked it late" and "no late penalty applied" in unknown.note
    cy = course.lateness("cy", "week2")  # 10:00 on the 3rd, from the instructor's CSV
    assert cy.percent == 10 and "from the submission_times CSV" in cy.late


def test_a_moodle_grading_worksheet_gives_the_times_its_folders_lack(tmp_path):
    from tests.grader.test_lms_exports import MOODLE_WORKSHEET

    (tmp_path / "course.toml").write_text(
        "[course]\ntime_zone = 'Europe/Berlin'\nsubmission_times = 'worksheet.csv'\n"
        "[assignments.week2]\ndue = 2026-11-02T10:00:00\nper_hour = 1\n"
    )
    (tmp_path / "worksheet.csv").write_text(MOODLE_WORKSHEET)
    course = load_course(tmp_path / "course.toml")
    jo = course.lateness("Jo Doe_123456", "week2")
    assert jo.submitted_at == "2026-11-02T10:15:00+01:00" and jo.percent == 1
    assert course.lateness("Kim Lee_654321", "week2").late == "time unknown"  # "-": no submission


def test_the_download_names_carry_blackboards_time_and_canvass_late_mark(tmp_path):
    (tmp_path / "smithjane_LATE_101_201_week2.py").write_text("x = 1\n")
    (tmp_path / "Week 2_kim_attempt_2026-11-02-10-15-00_week2.py").write_text("x = 1\n")
    (tmp_path / "Week 2_kim_attempt_2026-11-03-09-00-00_week2.py").write_text("x = 2\n")
    entries = {e.student: e for e in discover(tmp_path)}
    assert entries["smithjane_101"].marked_late and entries["smithjane_101"].attempt == ""
    assert entries["kim"].attempt == "2026-11-03-09-00-00" and not entries["kim"].marked_late


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "[assignments.week2]\ndue = 2026-11-02T23:59:00\nper_week = 5\n",
            "unknown key(s) per_week; the keys are",
        ),
        ("[course]\ntime_zone = 'Mars/Olympus'\n", "'Mars/Olympus' is not a time zone; use an IANA name"),
        ("[assignments.week2]\nper_day = 10\n", "has no due date; add e.g. due = "),
        (
            "[assignments.week2]\ndue = 2026-11-02T23:59:00\nper_day = 150\n",
            "per_day must be a number from 0 to 100",
        ),
        ("[assignments.week2\n", "not valid TOML"),
    ],
)
def test_a_wrong_course_file_says_where_and_what_to_do(tmp_path, text, says):
    (tmp_path / "course.toml").write_text(text)
    with pytest.raises(CourseError, match=None) as error:
        load_course(tmp_path / "course.toml")
    assert says in str(error.value)


def test_a_wrong_extension_line_is_named(tmp_path):
    (tmp_path / "course.toml").write_text(COURSE.replace('submission_times = "times.csv"\n', ""))
    (tmp_path / "extensions.csv").write_text(
        "student,assignment,new_due,extra_hours,reason\nada,week9,,5,x\n"
    )
    with pytest.raises(CourseError, match=r"extensions.csv, line 2: no policy for assignment 'week9'"):
        load_course(tmp_path / "course.toml")


def test_changing_the_policy_reapplies_it_without_grading(tmp_path):
    out = tmp_path / "graded"
    with Gradebook(out / "gradebook.sqlite") as book:
        for student in ("kim", "lee"):
            book.record(student, "h", "f", graded(student).result)
        book.see(
            "week2", {"kim": "h", "lee": "h"}, {"kim": ("2026-11-04-02-00-00", False), "lee": ("", False)}
        )
        gradings = book.count()
    course = tmp_path / "course.toml"
    course.write_text(
        "[assignments.week2]\ndue = 2026-11-02T23:59:00\ntime_zone = 'Europe/Berlin'\nper_day = 10\n"
    )

    def table():
        done = CliRunner().invoke(main, ["report", str(out), "--course", str(course)])
        assert done.exit_code == 0, done.output
        return {
            r["student"]: r
            for r in csv.DictReader(io.StringIO((out / "week2" / "gradebook.csv").read_text()))
        }

    kim, lee = table()["kim"], table()["lee"]
    assert (kim["raw_score"], kim["penalty"], kim["score"]) == ("40", "8", "32")
    assert lee["score"] == "40" and lee["late"] == "time unknown"
    feedback = (out / "week2" / "students" / "kim.md").read_text()
    assert "Raw score 40, late penalty 8, final score 32" in feedback and "26.0 h late" in feedback
    summary = (out / "week2" / "summary.html").read_text()
    assert "time unknown" in summary and '<th class="num">raw</th><th class="num">penalty</th>' in summary
    assert (
        '<td class="num">32</td><td class="num">80</td>\n<td class="num">40</td><td class="num">8</td>'
        in summary
    )
    course.write_text(course.read_text().replace("per_day = 10", "per_day = 25"))
    assert table()["kim"]["score"] == "20"
    with Gradebook(out / "gradebook.sqlite") as book:
        assert book.count() == gradings  # nothing was graded again


def test_an_extension_for_a_student_the_class_lacks_is_warned_about(tmp_path):
    out = tmp_path / "graded"
    with Gradebook(out / "gradebook.sqlite") as book:
        book.record("kim", "h", "f", graded("kim").result)
        book.see("week2", {"kim": "h"})
    (out / "course.toml").write_text(
        "[course]\nextensions = 'ext.csv'\n[assignments.week2]\ndue = 2026-11-02T23:59:00\n"
    )
    (out / "ext.csv").write_text("student,assignment,extra_hours,reason\nkimm,week2,24,illness\n")
    done = CliRunner().invoke(main, ["report", str(out)])
    assert done.exit_code == 0 and "the extensions name kimm for week2, who has no grade here" in done.stderr


def test_a_wrong_course_file_is_a_usage_error_of_grade_report(tmp_path):
    out = tmp_path / "graded"
    with Gradebook(out / "gradebook.sqlite") as book:
        book.see("week2", {})
    (out / "course.toml").write_text("[assignments.week2]\n")
    done = CliRunner().invoke(main, ["report", str(out)])
    assert done.exit_code == 2 and "has no due date" in done.output


def test_timedelta_of_a_day_is_the_per_day_unit(course):
    assert course.policies["week2"].unit == timedelta(days=1)
