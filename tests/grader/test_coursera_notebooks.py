"""Real-shaped Coursera notebooks of every generation grade as students saved them.

The fixtures (tests/fixtures/week2, built by make_fixtures.py from public copies of the
course files) hold magics, course-module imports, training and plotting cells, and test
calls; only the graded functions decide the score.
"""

import pytest

from grader.api import grade
from grader.assignments import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "week2"


def statuses(result):
    return {e.name: e.status for e in result.exercises if e.status != "passed"}


@pytest.mark.parametrize("name", ["coursera_2021_complete", "coursera_2021_april_learning_rate"])
def test_a_complete_2021_notebook_gets_full_marks(name):
    result = grade("week2", FIXTURES / f"{name}.ipynb")
    assert (result.score, result.max_score) == (100, 100)


def test_a_complete_2017_notebook_passes_everything_it_has():
    """2017 had no decay exercises and Adam returned (parameters, v, s)."""
    result = grade("week2", FIXTURES / "coursera_2017_complete.ipynb")
    assert statuses(result) == {"update_lr": "missing", "schedule_lr_decay": "missing"}
    assert result.score == 80


def test_a_syntax_error_costs_only_its_cell_and_names_cell_and_line():
    result = grade("week2", FIXTURES / "coursera_2021_syntax_error.ipynb")
    assert statuses(result) == {"update_parameters_with_momentum": "error"}
    message = result.exercise("update_parameters_with_momentum").checks[0].message
    assert message.startswith("syntax error in coursera_2021_syntax_error.ipynb, cell 19, line 38")
    assert result.score == 85


def test_the_partial_notebook_is_told_each_real_mistake():
    result = grade("week2", FIXTURES / "coursera_2021_partial.ipynb")
    assert statuses(result) == {"random_mini_batches": "failed", "initialize_velocity": "failed",
                                "update_parameters_with_adam": "failed"}  # fmt: skip
    batches = {c.name: c for c in result.exercise("random_mini_batches").checks}
    assert batches["check_coursera_cases"].passed  # the official case misses the bug...
    sizes = batches["check_batch_sizes"]
    assert not sizes.passed and "raised UnboundLocalError" in sizes.message  # ...m < size finds it
    assert "mini_batch_size" in sizes.message
    adam = {c.name: c for c in result.exercise("update_parameters_with_adam").checks}
    epsilon = adam["check_epsilon_outside_square_root"]
    assert not epsilon.passed
    assert epsilon.message.endswith("this is exactly what Adam with epsilon inside the square root gives")
    assert epsilon.hint == "epsilon goes outside: v_corrected / (np.sqrt(s_corrected) + epsilon)"


def test_the_shipped_example_shows_two_mistakes():
    result = grade("week2", ROOT / "examples" / "week2" / "Optimization_methods.ipynb")
    assert statuses(result) == {"update_parameters_with_adam": "failed", "schedule_lr_decay": "failed"}
    flat = {c.name: c for c in result.exercise("schedule_lr_decay").checks}["check_flat_within_each_interval"]
    assert not flat.passed and "floor" in flat.hint
