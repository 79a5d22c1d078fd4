"""Replaying the reference's recorded examples grades exactly as Hypothesis does."""

from pathlib import Path

import pytest

from grader.api import grade
from grader.instructor.tapes import Player, Recorder

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "reference" / "optimization.py"
MUTANTS = ROOT / "tests" / "mutants" / "week2"


@pytest.fixture(scope="module")
def tapes():
    recorder = Recorder()
    assert grade("week2", REFERENCE, tapes=recorder).score == 100
    return recorder.tapes


def test_every_property_check_of_the_reference_is_recorded(tapes):
    assert len(tapes) >= 15
    assert all(len(tape) >= 10 for tape in tapes.values())


@pytest.mark.parametrize("mutant", [
    "update_parameters_with_adam__epsilon_inside_sqrt",  # caught by only some inputs
    "random_mini_batches__drops_partial_batch",
    "update_parameters_with_momentum__swapped_beta",
])  # fmt: skip
def test_a_wrong_submission_gets_the_same_outcomes_and_messages(tapes, mutant, tmp_path):
    submission = tmp_path / "submission.py"
    submission.write_text(REFERENCE.read_text() + "\n\n" + (MUTANTS / f"{mutant}.py").read_text())
    drawn = grade("week2", submission)
    replayed = grade("week2", submission, tapes=Player(tapes))
    assert drawn.score < 100
    assert outcomes(replayed) == outcomes(drawn)


def test_the_recorder_does_not_change_what_hypothesis_draws(tapes, tmp_path):
    submission = tmp_path / "submission.py"
    submission.write_text(
        REFERENCE.read_text() + "\n\n" + (MUTANTS / "update_lr__operator_precedence.py").read_text()
    )
    plain = grade("week2", submission)
    recorded = grade("week2", submission, tapes=Recorder())
    assert outcomes(recorded) == outcomes(plain)


def outcomes(result):
    return [(c.name, c.passed, c.score, c.message) for e in result.exercises for c in e.checks]


def test_each_grading_runs_the_profile_it_asks_for_whatever_ran_before_in_the_process():
    """@given keeps the settings of the moment its module was imported: the grader applies
    the asked profile at run time, so a batch judge or a validate pool process that graded
    with one profile grades the next submission with its own (was: the first one's)."""
    lengths = {}
    for profile in ("student", "thorough", "student"):
        recorder = Recorder()
        grade("week2", REFERENCE, profile=profile, tapes=recorder, exercises=["update_lr"])
        lengths.setdefault(profile, []).append(sorted({len(t) for t in recorder.tapes.values()}))
    assert lengths["student"] == [[10], [10]]
    assert max(lengths["thorough"][0]) > 10
