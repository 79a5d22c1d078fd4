"""Regrades as a diff: a check changed, some students go up, some down; --dry-run shows it,
--yes applies it, --never-lower keeps the higher; the history keeps every grading.  The
judge is replaced by stored results (no grading: the batch machinery runs as it is)."""

import pytest
from click.testing import CliRunner

import grader.instructor.batch
from grader.cli import main
from grader.instructor.batch import Outcome
from grader.instructor.gradebook import Gradebook
from grader.instructor.roster import discover
from tests.grader.classroom import BIAS, graded

ADAM = "update_parameters_with_adam"
BEFORE = {"ada": graded("ada"), "bo": graded("bo", adam={"bias correction": BIAS}), "cy": graded("cy")}
# the fixed check now passes bo's Adam and fails cy's
AFTER = {"ada": graded("ada"), "bo": graded("bo"), "cy": graded("cy", adam={"many steps": BIAS})}


@pytest.fixture
def graded_class(tmp_path, monkeypatch):
    """A class graded by the old checks ("checks-1"); the judge now answers with AFTER."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    for student in BEFORE:
        (folder / f"{student}.py").write_text(f"# {student}\n")
    out = tmp_path / "graded"
    with Gradebook(out / "gradebook.sqlite") as book:
        hashes = {entry.student: entry.content_hash for entry in discover(folder)}
        for student, row in BEFORE.items():
            book.record(student, hashes[student], "checks-1", row.result)
        book.see("week2", hashes)
    monkeypatch.setattr(grader.instructor.batch, "fingerprint", lambda assignment: "checks-2")
    monkeypatch.setattr(
        grader.instructor.batch,
        "on_processes",
        lambda workers: lambda jobs: (Outcome(j, AFTER[j.student].result) for j in jobs),
    )
    return folder, out


def scores(out):
    with Gradebook(out / "gradebook.sqlite") as book:
        return {row.student: row.result.score for row in book.current("week2")}


def batch(folder, out, *options, input=None):
    args = ["batch", "week2", str(folder), "--out", str(out), "--allow-weak-sandbox", "--regrade", *options]
    return CliRunner().invoke(main, args, input=input)


def test_a_dry_run_shows_who_goes_up_and_down_and_in_which_exercise_and_changes_nothing(graded_class):
    folder, out = graded_class
    done = batch(folder, out, "--dry-run")
    assert done.exit_code == 0, done.output
    assert "regrade: 1 up, 1 down, 0 not graded before, 1 unchanged" in done.output
    assert "bo: 30 -> 40 (+10)" in done.output and f"{ADAM}: 20 -> 30" in done.output
    assert "cy: 40 -> 30 (-10)" in done.output and f"{ADAM}: 30 -> 20" in done.output
    assert "ada:" not in done.output and "dry run: nothing changed" in done.output
    assert scores(out) == {"ada": 40, "bo": 30, "cy": 40}
    with Gradebook(out / "gradebook.sqlite") as book:
        assert book.count() == 3


def test_the_regrade_asks_and_a_no_changes_nothing(graded_class):
    folder, out = graded_class
    done = batch(folder, out, input="n\n")
    assert done.exit_code == 0 and "Apply the new grades?" in done.output and "nothing changed" in done.output
    assert scores(out) == {"ada": 40, "bo": 30, "cy": 40}


def test_yes_applies_the_new_grades_and_the_history_keeps_the_old_ones(graded_class):
    folder, out = graded_class
    done = batch(folder, out, "--yes")
    assert done.exit_code == 0, done.output
    assert scores(out) == {"ada": 40, "bo": 40, "cy": 30}
    history = CliRunner().invoke(main, ["history", "cy", "week2", "--out", str(out)])
    lines = history.output.splitlines()
    assert history.exit_code == 0 and len(lines) == 2
    assert "40 / 40  checks checks-1" in lines[0] and "in force" not in lines[0]
    assert "30 / 40  checks checks-2" in lines[1] and lines[1].endswith("<- in force")
    assert (out / "week2" / "students" / "cy.md").read_text().startswith("# week2: feedback for cy")


def test_never_lower_keeps_the_higher_old_grade_in_force(graded_class):
    folder, out = graded_class
    done = batch(folder, out, "--never-lower", "--yes")
    assert done.exit_code == 0, done.output
    assert (
        "cy: 40 -> 30 (-10) (kept: never lower)" in done.output
        and "1 kept their higher old grade" in done.output
    )
    assert scores(out) == {"ada": 40, "bo": 40, "cy": 40}
    with Gradebook(out / "gradebook.sqlite") as book:
        history = book.history("cy", "week2")
    assert [(h["fingerprint"], h["score"], h["in_force"]) for h in history] == [
        ("checks-1", 40, True), ("checks-2", 30, False)]  # fmt: skip


def test_an_override_survives_the_regrade(graded_class):
    folder, out = graded_class
    with Gradebook(out / "gradebook.sqlite") as book:
        book.override("cy", "week2", ADAM, 30, "inquiry")
    assert batch(folder, out, "--yes").exit_code == 0
    feedback = (out / "week2" / "students" / "cy.md").read_text()
    assert "**Score: 40 / 40 points" in feedback and "(manual grade)" in feedback


def test_the_regrade_options_need_regrade(graded_class):
    folder, out = graded_class
    args = ["batch", "week2", str(folder), "--out", str(out), "--allow-weak-sandbox", "--dry-run"]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 2 and "go with --regrade" in done.output
