"""Identity is never ambiguous, and a submission is the files the student sent.

Students are keyed by the LMS's own ids, the LMS is decided for the whole folder, keys and
feedback file names never collide, a name that is not UTF-8 is a student like any other,
and a symbolic link is reported, never followed (grader/instructor/roster.py, grader/instructor/reports.py).
"""

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.instructor.batch import Options, due_assignment, make_job
from grader.instructor.gradebook import IDENTITY_VERSION, Gradebook
from grader.instructor.reports import safe_name
from grader.instructor.roster import decide_lms, discover, readable_name
from grader.submission import SubmissionError, find_submission

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "reference" / "initialization.py"


def touch(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def students(folder: Path) -> dict[str, list[str]]:
    return {e.student: [p.read_text() for p in e.files] for e in discover(folder)}


# -- two students, one display name ----------------------------------------------------------


def test_two_moodle_students_with_one_name_are_two_students(tmp_path):
    touch(tmp_path / "Jane Smith_111_assignsubmission_file_" / "week2.py", "first = 1\n")
    touch(tmp_path / "Jane Smith_222_assignsubmission_file_" / "week2.py", "second = 1\n")
    assert students(tmp_path) == {"Jane Smith_111": ["first = 1\n"], "Jane Smith_222": ["second = 1\n"]}


def test_two_canvas_students_with_one_sortable_name_are_two_students(tmp_path):
    touch(tmp_path / "smithjane_1_10_week2.py", "first = 1\n")
    touch(tmp_path / "smithjane_2_20_week2.py", "second = 1\n")
    assert students(tmp_path) == {"smithjane_1": ["first = 1\n"], "smithjane_2": ["second = 1\n"]}


def test_a_moodle_name_cannot_carry_another_students_id(tmp_path):
    touch(tmp_path / "Jane_999_assignsubmission_file_" / "week2.py", "jane = 1\n")
    touch(tmp_path / "Eve_999_assignsubmission_file_x_555_assignsubmission_file_" / "week2.py", "eve = 1\n")
    assert students(tmp_path) == {
        "Eve_999_assignsubmission_file_x_555": ["eve = 1\n"],
        "Jane_999": ["jane = 1\n"],
    }


# -- one folder, one LMS ---------------------------------------------------------------------


def test_a_canvas_attachment_named_like_a_blackboard_attempt_stays_its_senders(tmp_path):
    touch(tmp_path / "smithjohn_7_8_week2.py", "johns_own = 1\n")
    touch(tmp_path / "attackerbob_3_5_notes_smithjohn_attempt_2099-12-31-23-59-59_week2.py", "bobs = 1\n")
    touch(tmp_path / "doejane_9_10_week2.py", "janes = 1\n")
    assert students(tmp_path) == {
        "attackerbob_3": ["bobs = 1\n"],
        "doejane_9": ["janes = 1\n"],
        "smithjohn_7": ["johns_own = 1\n"],
    }


@pytest.mark.parametrize(
    ("names", "lms"),
    [
        ([("a_1_2_x.py", False), ("b_3_4_x_b_attempt_2026-01-01-00-00-00_y.py", False)], "canvas"),
        (
            [("W_b_attempt_2026-01-01-00-00-00_y.py", False), ("W_b_attempt_2026-01-01-00-00-00.txt", False)],
            "blackboard",
        ),  # fmt: skip
        ([("Jo_1_assignsubmission_file_", True), ("notes.py", False)], "moodle"),
        ([("b_3_4_x_b_attempt_2026-01-01-00-00-00_y.py", False)], "canvas"),  # no evidence either way
        ([("jsmith", True), ("kim.py", False)], None),
    ],
)
def test_the_lms_is_decided_for_the_folder_by_the_names_only_it_writes(names, lms):
    assert decide_lms(names) == lms


def test_equal_keys_of_two_lms_in_one_folder_are_two_students(tmp_path):
    touch(tmp_path / "smithjane_5_1_week2.py", "canvas = 1\n")
    touch(tmp_path / "smithjane_5_assignsubmission_file_" / "week2.py", "moodle = 1\n")
    assert students(tmp_path) == {"smithjane_5": ["canvas = 1\n"], "smithjane_5~2": ["moodle = 1\n"]}


def test_a_plain_name_equal_to_an_lms_key_is_another_student(tmp_path):
    touch(tmp_path / "smithjane_12345_1_week2.py", "canvas = 1\n")
    touch(tmp_path / "smithjane_12345.py", "plain = 1\n")
    assert students(tmp_path) == {"smithjane_12345": ["canvas = 1\n"], "smithjane_12345~2": ["plain = 1\n"]}


# -- file names from keys --------------------------------------------------------------------


def test_feedback_file_names_never_collide():
    forged = "Mary_Major-" + hashlib.sha256(b"Mary Major").hexdigest()[:8]
    assert safe_name("Mary Major") != safe_name(forged)
    keys = ["a b", "a_b", "a-20b", "a-b", "a--b", "", "-", ".a", "-2ea", "x" * 300, "x" * 301, "é", "-c3-a9",
            "jos\udce9", "jos\\xe9", "a/b", "../a"]  # fmt: skip
    names = [safe_name(k) for k in keys]
    assert len(set(names)) == len(keys)
    assert all(len(n) <= 120 and not n.startswith(".") and "/" not in n for n in names)


# -- names that are not UTF-8 ----------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_a_student_with_a_stable_key(tmp_path):
    os.close(os.open(os.fsencode(tmp_path) + b"/jos\xe9.py", os.O_CREAT | os.O_WRONLY))
    os.close(os.open(os.fsencode(tmp_path) + b"/jos\xe8.py", os.O_CREAT | os.O_WRONLY))
    moodle = os.fsencode(tmp_path) + b"/Ren\xe9_5_assignsubmission_file_"
    os.mkdir(moodle)
    (Path(os.fsdecode(moodle)) / "x.py").write_text("x = 1\n")
    os.close(os.open(moodle + b"/caf\xe9.py", os.O_CREAT | os.O_WRONLY))
    entries = discover(tmp_path)
    keys = [e.student for e in entries]
    assert keys == ["Ren\\xe9_5", "jos\\xe8", "jos\\xe9"]
    assert all(key.encode("utf-8") for key in keys)  # valid Unicode: sqlite, reports and terminals take it
    assert [e.content_hash for e in entries] == [e.content_hash for e in discover(tmp_path)]
    job = make_job("week1-initialization", entries[0], Options())
    assert sorted(name for name, _ in job.files) == ["caf\\xe9.py", "x.py"]
    job.origin.encode("utf-8")


def test_readable_names_are_one_to_one_and_clean():
    names = ["jos\udce9", "jos\\xe9", "jos\\\\xe9", "a\x1b[31m", "a\\u001b[31m", "a\u202eb", "plain"]
    readable = [readable_name(n) for n in names]
    assert len(set(readable)) == len(names)
    assert readable[-1] == "plain" and readable[0] == "jos\\xe9"
    assert all(c.isprintable() for r in readable for c in r)


# -- links are not followed ------------------------------------------------------------------


def test_a_symbolic_link_in_a_class_is_reported_not_graded(tmp_path):
    folder = tmp_path / "class"
    moodle = folder / "Jo Doe_123456_assignsubmission_file_"
    moodle.mkdir(parents=True)
    (moodle / "week2.py").symlink_to(REFERENCE)
    (moodle / "classmate").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    touch(tmp_path / "elsewhere" / "theirs.py")
    touch(moodle / "mine.py", "mine = 1\n")
    (folder / "Jane Roe_2_assignsubmission_file_").symlink_to("/etc", target_is_directory=True)
    (folder / "Kim_3_assignsubmission_file_").mkdir()
    (folder / "Kim_3_assignsubmission_file_" / "passwd.py").symlink_to("/etc/passwd")
    entries = {e.student: e for e in discover(folder)}
    doe, jane, kim = entries["Jo Doe_123456"], entries["Jane Roe_2"], entries["Kim_3"]
    assert [p.name for p in doe.files] == ["mine.py"] and jane.files == kim.files == ()
    assert doe.problems == (
        "Jo Doe_123456_assignsubmission_file_/classmate is a symbolic link; links are not graded "
        "(submit the file itself)",
        "Jo Doe_123456_assignsubmission_file_/week2.py is a symbolic link; links are not graded "
        "(submit the file itself)",
    )
    assert jane.problems == ("Jane Roe_2_assignsubmission_file_ is a symbolic link; links are not graded "
                             "(submit the file itself)",)  # fmt: skip
    assert kim.problems == ("Kim_3_assignsubmission_file_/passwd.py is a symbolic link; links are not graded "
                            "(submit the file itself)",)  # fmt: skip
    job = make_job("week1-initialization", doe, Options())
    assert [name for name, _ in job.files] == ["mine.py"] and job.problems == doe.problems
    assert make_job("week1-initialization", kim, Options()).files == ()


def test_grading_a_folder_of_ones_own_never_follows_a_link(tmp_path):
    (tmp_path / "week2.py").symlink_to(REFERENCE)
    with pytest.raises(SubmissionError, match="week2.py is a symbolic link; links are not graded"):
        find_submission(tmp_path, ["initialize_parameters_he"])
    touch(tmp_path / "mine.py", "def initialize_parameters_he(layers_dims):\n    pass\n")
    path, note = find_submission(tmp_path, ["initialize_parameters_he"])
    assert path.name == "mine.py" and note and "week2.py is a symbolic link" in note


# -- the assignment that is due --------------------------------------------------------------


def test_a_batch_of_a_group_is_refused_with_the_member_to_name(tmp_path):
    with pytest.raises(SubmissionError, match="week1 is a group.*grade batch week1-initialization"):
        due_assignment("week1")
    result = CliRunner().invoke(main, ["batch", "week1", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "week1-initialization" in result.output and "is a group" in result.output
    assert not (tmp_path / "out").exists()


# -- gradebooks written before keys carried ids ----------------------------------------------


def test_an_old_gradebook_forgets_its_display_name_keys_once_and_keeps_its_gradings(tmp_path):
    path = tmp_path / "gradebook.sqlite"
    with Gradebook(path) as book:
        book.see("week2", {"smithjane": "h1"})
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 0")  # as every gradebook before IDENTITY_VERSION
        row = ("smithjane", "week2", "h1", "f", "v", "t", "s", 1, 1, "x", 0, "[]")
        db.execute(f"INSERT INTO gradings VALUES (NULL, {', '.join('?' * len(row))})", row)
    with Gradebook(path) as book:
        assert book.current("week2") == [] and book.count("week2") == 1
        book.see("week2", {"smithjane_101": "h1"})
    with Gradebook(path) as book:
        assert book.db.execute("SELECT student FROM current").fetchall() == [("smithjane_101",)]
        assert book.db.execute("PRAGMA user_version").fetchone()[0] == IDENTITY_VERSION
