"""A table of answers learnt from feedback is worthless (grader/judge/salt.py).

The attack: feedback names each failing input exactly, so repeated gradings fish the inputs
of a check out of the messages, and a submission then answers them from a table.  Here the
attacker gets more than feedback could ever give: every input the grader drew for
update_lr when grading one text (the reference), with the right answers.  Put into a
submission, that table passes only if the submission is graded on those same inputs.
"""

from pathlib import Path

import pytest

import grader.api
from grader.api import grade
from grader.checks.coursera import week2_cases
from grader.instructor.tapes import Player, Recorder
from grader.judge.salt import submission_salt
from grader.submission import load_submission
from reference import optimization as ref

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "reference" / "optimization.py"
CHECKS = "week2.py::CheckUpdateLr::"
TABLE = '''

ANSWERS = {answers!r}


def update_lr(learning_rate0, epoch_num, decay_rate):
    """The answer the grader expects for every input it was seen to draw; else a guess."""
    return ANSWERS.get((learning_rate0, epoch_num, decay_rate), learning_rate0)
'''


def official_inputs() -> set[tuple]:
    """The official Coursera calls of update_lr, every generation (not imported from the
    check module: imported outside a grading, its checks would keep Hypothesis's defaults)."""
    found = set()
    for generation in week2_cases.GENERATIONS:
        try:
            found |= {tuple(args) for args in week2_cases.update_lr_case(generation)["calls"]}
        except ValueError:  # not in that generation
            continue
    return found


@pytest.fixture(scope="module")
def reference_tapes():
    recorder = Recorder()
    assert grade("week2", REFERENCE, tapes=recorder).score == 100
    return recorder.tapes


@pytest.fixture(scope="module")
def table_submission(reference_tapes, tmp_path_factory):
    """The reference with update_lr replaced by a table of every input drawn for the reference."""
    inputs = official_inputs()
    for example in reference_tapes[CHECKS + "check_random_inputs"]:
        inputs |= {case.args for case in example["batch"]}
    for example in reference_tapes[CHECKS + "check_starts_at_rate0_and_decreases"]:
        inputs |= {(example["learning_rate0"], epoch, example["decay_rate"]) for epoch in range(6)}
    answers = {args: ref.update_lr(*args) for args in inputs}
    path = tmp_path_factory.mktemp("attacker") / "submission.py"
    path.write_text(REFERENCE.read_text() + TABLE.format(answers=answers))
    return path


def update_lr(result):
    return next(e for e in result.exercises if e.name == "update_lr")


def test_the_table_holds_every_input_drawn_for_the_text_it_was_learnt_on(table_submission, monkeypatch):
    """Graded on the reference's inputs (as every text was before salting), the table scores
    10/10: it is the complete attack, not a weak one."""
    reference_salt = submission_salt(load_submission(REFERENCE).wire_units())
    monkeypatch.setattr(grader.api, "submission_salt", lambda units: reference_salt)
    assert update_lr(grade("week2", table_submission)).score == 10


def test_a_submission_holding_the_table_is_graded_on_inputs_of_its_own(table_submission):
    result = update_lr(grade("week2", table_submission))
    failed = {c.name for c in result.checks if not c.passed}
    assert failed == {"check_random_inputs", "check_starts_at_rate0_and_decreases"}
    assert result.score == 3  # the official Coursera cases: public anyway


def test_the_same_submission_gets_the_same_inputs_and_score(table_submission):
    first, second = grade("week2", table_submission), grade("week2", table_submission)
    assert [(c.name, c.score, c.message) for c in update_lr(first).checks] == [
        (c.name, c.score, c.message) for c in update_lr(second).checks
    ]


def test_a_batch_replaying_the_reference_tapes_draws_the_submission_own_inputs(
    table_submission, reference_tapes
):
    """grade batch replays what it drew for the reference only for the reference's text."""
    assert update_lr(grade("week2", table_submission, tapes=Player(reference_tapes))).score == 3


def test_the_salt_is_the_executed_text_and_the_secret():
    units = [{"filename": "a.py", "source": "x = 1"}]
    assert submission_salt(units, "") == submission_salt([{"filename": "renamed.py", "source": "x = 1"}], "")
    assert submission_salt(units, "") != submission_salt([{"filename": "a.py", "source": "x = 2"}], "")
    assert submission_salt(units, "") != submission_salt(units, "the instructor's secret")
    assert submission_salt([{"source": "ab"}, {"source": "c"}], "") != submission_salt(
        [{"source": "a"}, {"source": "bc"}], ""
    )


def test_the_draws_depend_on_the_seed_alone_not_on_the_modules_loaded(tmp_path, monkeypatch):
    """Hypothesis mines literal constants from every module loaded outside site-packages and
    draws from them now and then: the grader's own source (a checkout, not a wheel), the
    instructor's modules in a batch.  A grading draws without them (``seed_alone``)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from grader.judge.salt import seed_alone

    seen: list[float] = []

    @settings(derandomize=True, database=None, max_examples=300)
    @given(st.floats(0.5, 100.0))
    def draw(x):
        seen.append(x)

    def draws(alone: bool) -> list[float]:
        seen.clear()
        if alone:
            with seed_alone():
                draw()
        else:
            draw()
        return list(seen)

    before, mined_before = draws(alone=True), draws(alone=False)
    probe = tmp_path / "constants_of_another_module.py"  # a local module full of literals in range
    probe.write_text("VALUES = (" + ", ".join(repr(0.5 + 0.37 * i) for i in range(250)) + ")\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("constants_of_another_module")
    assert draws(alone=False) != mined_before  # Hypothesis does mine it: the test can fail
    assert draws(alone=True) == before
