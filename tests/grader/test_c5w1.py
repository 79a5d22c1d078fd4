"""c5w1 end to end: a student file written as the notebook is (``from rnn_utils import *``,
softmax and sigmoid as globals) gets the statuses and named mistakes it deserves, a wrong cell
costs points once (the loops run with the reference's cell), and the known mistakes really
differ from the reference."""

import textwrap

import numpy as np
import pytest

from grader.api import grade
from grader.assignments import get_assignment
from grader.checks import c5w1_mistakes as mistakes
from reference import rnn as ref

ASSIGNMENT = get_assignment("c5w1")

STUDENT = textwrap.dedent("""
    import numpy as np
    from rnn_utils import *


    # GRADED FUNCTION: rnn_cell_forward
    def rnn_cell_forward(xt, a_prev, parameters):
        a_next = np.tanh(parameters["Wax"] @ xt + parameters["Waa"] @ a_prev + parameters["ba"])
        yt_pred = softmax(parameters["Wya"] @ a_next + parameters["by"])
        return a_next, yt_pred, (a_next, a_prev, xt, parameters)


    # GRADED FUNCTION: rnn_forward
    def rnn_forward(x, a0, parameters):
        caches = []
        n_x, m, T_x = x.shape
        n_y, n_a = parameters["Wya"].shape
        a, y_pred = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
        for t in range(T_x):
            a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a0, parameters)  # mistake: a0 every step
            a[:, :, t], y_pred[:, :, t] = a_next, yt_pred
            caches.append(cache)
        return a, y_pred, (caches, x)


    # GRADED FUNCTION: lstm_cell_forward
    def lstm_cell_forward(xt, a_prev, c_prev, parameters):
        concat = np.concatenate((a_prev, xt), axis=0)
        ft = sigmoid(parameters["Wf"] @ concat + parameters["bf"])
        it = sigmoid(parameters["Wi"] @ concat + parameters["bi"])
        cct = np.tanh(parameters["Wc"] @ concat + parameters["bc"])
        c_next = c_prev + it * cct  # mistake: no forget gate
        ot = sigmoid(parameters["Wo"] @ concat + parameters["bo"])
        a_next = ot * np.tanh(c_next)
        yt_pred = softmax(parameters["Wy"] @ a_next + parameters["by"])
        return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


    # GRADED FUNCTION: lstm_forward
    def lstm_forward(x, a0, parameters):
        caches = []
        n_x, m, T_x = x.shape
        n_y, n_a = parameters["Wy"].shape
        a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
        a_next, c_next = a0, np.zeros(a0.shape)
        for t in range(T_x):
            a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
            a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
            caches.append(cache)
        return a, y, c, (caches, x)
""")


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    path = tmp_path_factory.mktemp("c5w1") / "student.py"
    path.write_text(STUDENT)
    return grade("c5w1", path)


def test_a_notebook_style_file_runs_on_the_course_helpers_and_gets_a_status_per_function(student):
    statuses = {e.name: e.status for e in student.exercises}
    assert statuses == {
        "rnn_cell_forward": "passed",
        "rnn_forward": "failed",
        "lstm_cell_forward": "failed",
        "lstm_forward": "passed",
    }


def test_a_wrong_cell_costs_points_once_the_loop_runs_with_the_reference_cell(student):
    assert student.exercise("lstm_forward").score == student.exercise("lstm_forward").max_score
    failed = [c.name for c in student.exercise("lstm_cell_forward").checks if not c.passed]
    assert "check_forget_gate_keeps_c_prev_and_update_gate_writes_cct" in failed


def test_feeding_a0_to_every_step_is_named_with_its_fix(student):
    check = next(
        c
        for c in student.exercise("rnn_forward").checks
        if c.name == "check_a_and_y_pred_are_the_cell_repeated"
    )
    assert not check.passed
    assert "a0 fed to every step" in check.message and "a_next = a0 before the loop" in check.hint
    first = next(
        c for c in student.exercise("rnn_forward").checks if c.name == "check_first_step_starts_from_a0"
    )
    assert first.passed


def test_the_forget_gate_mistake_is_named(student):
    check = next(c for c in student.exercise("lstm_cell_forward").checks if c.name == "check_c_next")
    assert "without the forget gate" in check.message and "ft * c_prev + it * cct" in check.hint


def _inputs(seed=0, n_x=3, n_a=4, n_y=3, m=5, T_x=3):
    rng = np.random.default_rng(seed)
    rnn_p = {
        "Waa": rng.standard_normal((n_a, n_a)),
        "Wax": rng.standard_normal((n_a, n_x)),
        "Wya": rng.standard_normal((n_y, n_a)),
        "ba": rng.standard_normal((n_a, 1)),
        "by": rng.standard_normal((n_y, 1)),
    }
    lstm_p = {
        f"{k}{g}": rng.standard_normal((n_a, n_a + n_x) if k == "W" else (n_a, 1))
        for g in "fico"
        for k in "Wb"
    }
    lstm_p |= {"Wy": rng.standard_normal((n_y, n_a)), "by": rng.standard_normal((n_y, 1))}
    x, a0, c = (
        rng.standard_normal((n_x, m, T_x)),
        rng.standard_normal((n_a, m)),
        rng.standard_normal((n_a, m)),
    )
    return {
        "rnn_cell": (x[:, :, 0], a0, rnn_p),
        "rnn": (x, a0, rnn_p),
        "lstm_cell": (x[:, :, 0], a0, c, lstm_p),
        "lstm": (x, a0, lstm_p),
    }


def _differs(wrong, right):
    if isinstance(right, np.ndarray):
        return wrong.shape != right.shape or not np.allclose(wrong, right)
    if isinstance(right, (tuple, list)):
        return len(wrong) != len(right) or any(_differs(w, r) for w, r in zip(wrong, right, strict=True))
    return False


@pytest.mark.parametrize(
    ("known", "reference", "which"),
    [
        (mistakes.RNN_CELL, ref.rnn_cell_forward, "rnn_cell"),
        (mistakes.RNN_FORWARD, ref.rnn_forward, "rnn"),
        (mistakes.LSTM_CELL, ref.lstm_cell_forward, "lstm_cell"),
        (mistakes.LSTM_FORWARD, ref.lstm_forward, "lstm"),
    ],
)
def test_every_known_mistake_differs_from_the_reference(known, reference, which):
    args = _inputs()[which]
    right = reference(*args)
    for mistake in known:
        assert _differs(mistake.gives(*args), right), mistake.description


LOOP_REPEATING_ITS_CELL_MISTAKE = """
def rnn_cell_forward(xt, a_prev, parameters):
    a_next = np.dot(parameters["Waa"], a_prev) + np.dot(parameters["Wax"], xt) + parameters["ba"]
    yt_pred = softmax(np.dot(parameters["Wya"], a_next) + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)

def rnn_forward(x, a0, parameters):
    n_x, m, T_x = x.shape
    a, y_pred = np.zeros((a0.shape[0], m, T_x)), np.zeros((parameters["Wya"].shape[0], m, T_x))
    caches, a_next = [], a0
    for t in range(T_x):
        a_prev = a_next
        a_next = np.dot(parameters["Waa"], a_prev) + np.dot(parameters["Wax"], x[:, :, t])
        a_next = a_next + parameters["ba"]
        a[:, :, t], y_pred[:, :, t] = a_next, softmax(np.dot(parameters["Wya"], a_next) + parameters["by"])
        caches.append((a_next, a_prev, x[:, :, t], parameters))
    return a, y_pred, (caches, x)
"""


def test_a_loop_repeating_its_own_cell_mistake_is_not_excused(tmp_path):
    """Without the tanh in the cell and inline in the loop: the student's own cell iterated gives
    the loop's result, which "error carried forward" accepted; the reference's cell does not."""
    path = tmp_path / "student.py"
    path.write_text(ASSIGNMENT.reference_path.read_text() + LOOP_REPEATING_ITS_CELL_MISTAKE)
    scores = {e.name: e.score for e in grade("c5w1", path).exercises}
    assert scores["rnn_cell_forward"] < 25 and scores["rnn_forward"] == 0


@pytest.fixture(scope="module")
def checks(check_module):
    """grader.checks.c5w1, imported once the grading markers are registered (--strict-markers)."""
    return check_module("c5w1")


@pytest.mark.parametrize("lstm", [False, True])
def test_the_loops_checks_never_draw_a_one_step_sequence(checks, lstm):
    """T_x = 1 is never tested by the course: a loop is judged on sequences of several steps."""
    rng = np.random.default_rng(0)
    steps = {checks.sequence_cases(lstm).sample(rng).args[0].shape[2] for _ in range(300)}
    assert steps == {2, 3, 4}


def test_the_sampled_cells_are_described_with_python_ints(checks):
    """The geometry is Python ints, as Hypothesis drew them: a numpy scalar would print as np.int64(3)."""
    rng = np.random.default_rng(1)
    geometries = {checks.sample_geometry(rng) for _ in range(500)}
    assert all(type(n) is int for g in geometries for n in g)
    for i, sizes in enumerate(checks.GEOMETRY):
        assert {g[i] for g in geometries} == set(sizes)
    case = checks.rnn_cell_cases().sample(rng)
    assert "np." not in case.description and case.description.startswith("xt of shape (")
    kinds = {checks.lstm_cell_cases("keep", "replace").sample(rng).description.split(", bf = ")[1][:3]
             for _ in range(40)}  # fmt: skip
    assert kinds == {"+30", "-30"}
