"""Students are read from the names of LMS downloads; one entry per student."""

from pathlib import Path

import pytest

from grader.instructor.roster import discover, read_name


@pytest.mark.parametrize(
    ("name", "is_folder", "lms", "student", "source"),
    [
        ("smithjane_12345_67890_week2.ipynb", False, "canvas", "smithjane_12345", "canvas"),
        ("smithjane_LATE_12345_67890_notes.ipynb", False, "canvas", "smithjane_12345", "canvas"),
        ("Jane Smith_123456_assignsubmission_file_", True, "moodle", "Jane Smith_123456", "moodle"),
        ("Week 2_jsmith_attempt_2026-11-02-10-15-00_week2.py", False, "blackboard", "jsmith", "blackboard"),
        ("jsmith", True, None, "jsmith", "folder"),
        ("jsmith.ipynb", False, None, "jsmith", "file"),
        (
            "smithjane_12345_67890_week2.ipynb",
            False,
            "moodle",
            "smithjane_12345",
            "canvas",
        ),  # only Canvas can
        (
            "bob_3_5_x_jo_attempt_2099-12-31-23-59-59_w.py",
            False,
            "canvas",
            "bob_3",
            "canvas",
        ),  # either could:
        (
            "bob_3_5_x_jo_attempt_2099-12-31-23-59-59_w.py",
            False,
            "blackboard",
            "jo",
            "blackboard",
        ),  # the folder's
    ],
)
def test_the_student_is_keyed_by_the_lms_id_in_the_folders_naming(name, is_folder, lms, student, source):
    reading = read_name(name, is_folder, lms)
    assert (reading.student, reading.source) == (student, source)


def touch(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_files_of_one_canvas_student_form_one_entry(tmp_path):
    touch(tmp_path / "smithjane_1_2_week2.py")
    touch(tmp_path / "smithjane_1_3_helpers.py")
    touch(tmp_path / "doejohn_4_5_week2.ipynb")
    entries = discover(tmp_path)
    assert [(e.student, len(e.files)) for e in entries] == [("doejohn_4", 1), ("smithjane_1", 2)]


def test_only_the_latest_blackboard_attempt_counts_and_receipts_are_skipped(tmp_path):
    touch(tmp_path / "Week 2_jsmith_attempt_2026-11-01-09-00-00_week2.py", "old = 1\n")
    touch(tmp_path / "Week 2_jsmith_attempt_2026-11-02-10-15-00_week2.py", "new = 1\n")
    touch(tmp_path / "Week 2_jsmith_attempt_2026-11-02-10-15-00.txt")
    [entry] = discover(tmp_path)
    assert entry.student == "jsmith"
    assert [p.read_text() for p in entry.files] == ["new = 1\n"]


def test_a_moodle_folder_is_searched_without_checkpoints(tmp_path):
    folder = tmp_path / "Jane Smith_123456_assignsubmission_file_"
    touch(folder / "work" / "week2.ipynb")
    touch(folder / ".ipynb_checkpoints" / "week2-checkpoint.ipynb")
    [entry] = discover(tmp_path)
    assert (entry.student, [p.name for p in entry.files]) == ("Jane Smith_123456", ["week2.ipynb"])


def test_an_empty_folder_is_still_a_student_with_nothing_to_grade(tmp_path):
    (tmp_path / "lazy").mkdir()
    [entry] = discover(tmp_path)
    assert (entry.student, entry.files) == ("lazy", ())


def test_the_content_hash_changes_with_the_content_only(tmp_path):
    path = touch(tmp_path / "a" / "week2.py")
    before = discover(tmp_path)[0].content_hash
    assert discover(tmp_path)[0].content_hash == before
    path.write_text("x = 2\n")
    assert discover(tmp_path)[0].content_hash != before
