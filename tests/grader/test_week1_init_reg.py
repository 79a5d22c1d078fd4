"""Week 1 "Initialization" and "Regularization" graded end to end, and the parts of their checks.

The fixtures (tests/fixtures/week1, built by make_init_reg_fixtures.py from public copies of
the course notebooks) hold magics, course-module imports, training and plotting cells and
the course's test calls; only the graded functions decide the score.
"""

import copy
import math

import numpy as np
import pytest
from click.testing import CliRunner

from grader.api import grade
from grader.assignments import ROOT
from grader.checks import week1_init_reg_mistakes as mistakes
from grader.checks.coursera import week1_init_reg_cases as cases
from grader.cli import main
from grader.judge.compare import CheckFailed, expect_same
from reference import initialization, regularization

FIXTURES = ROOT / "tests" / "fixtures" / "week1"


@pytest.fixture(scope="module")
def checks(check_module):
    """The two check modules, imported once their markers are registered, as the grading plugin does."""
    return check_module("week1_initialization"), check_module("week1_regularization")


def statuses(result):
    return {e.name: e.status for e in result.exercises if e.status != "passed"}


# --- notebooks of both generations --------------------------------------------------------------


@pytest.mark.parametrize(("assignment", "notebook"), [
    ("week1-initialization", "initialization_2017_complete"),
    ("week1-initialization", "initialization_2021_complete"),
    ("week1-regularization", "regularization_2017_complete"),
    ("week1-regularization", "regularization_2021_complete"),
])  # fmt: skip
def test_a_complete_notebook_of_either_generation_gets_full_marks(assignment, notebook):
    result = grade(assignment, FIXTURES / f"{notebook}.ipynb")
    assert (result.score, result.max_score) == (100, 100), statuses(result)


@pytest.mark.parametrize(("notebook", "member", "item"), [
    ("initialization_2017_complete", "week1-initialization", "XOESP"),
    ("regularization_2021_complete", "week1-regularization", "SXQaI"),
])  # fmt: skip
def test_grading_by_the_week_picks_the_assignment_the_notebook_is(notebook, member, item):
    result = grade("week1", FIXTURES / f"{notebook}.ipynb")
    assert result.assignment == member and result.score == 100
    assert f"graded as {member}: the notebook is Coursera item {item}" in result.notes


def test_a_module_without_a_coursera_id_is_picked_by_the_functions_it_defines():
    result = grade("week1", ROOT / "reference" / "initialization.py")
    assert result.assignment == "week1-initialization" and result.score == 100
    assert "graded as week1-initialization: it defines 3 of its functions" in result.notes


def test_the_command_line_says_which_assignment_the_week_was_graded_as():
    outcome = CliRunner().invoke(main, ["week1", str(FIXTURES / "regularization_2021_complete.ipynb")])
    assert outcome.exit_code == 0, outcome.output
    assert "week1-regularization: 100 / 100 points" in outcome.output
    assert "graded as week1-regularization: the notebook is Coursera item SXQaI" in outcome.output


def test_the_mistakes_notebook_is_told_each_real_mistake():
    result = grade("week1-regularization", FIXTURES / "regularization_2021_mistakes.ipynb")
    assert statuses(result) == {"compute_cost_with_regularization": "failed",
                                "backward_propagation_with_dropout": "failed"}  # fmt: skip
    cost = {c.name: c for c in result.exercise("compute_cost_with_regularization").checks}
    assert cost["check_lambda_zero_is_cross_entropy"].passed  # lambd / m and lambd / 2m agree at lambd = 0
    assert cost["check_coursera_cases"].message.endswith(
        "this is exactly what lambd / m * (sum of squares), without the 1/2 gives"
    )
    backward = {c.name: c for c in result.exercise("backward_propagation_with_dropout").checks}
    assert backward["check_keep_prob_one_is_plain_backprop"].passed  # nothing to divide by at keep_prob = 1
    own = backward["check_masks_of_your_own_forward_pass"]
    assert not own.passed and "the cache your forward_propagation_with_dropout returned" in own.message
    assert own.hint.startswith("the forward pass divided A1 and A2 by keep_prob")


def test_the_fixture_script_reproduces_the_committed_notebooks():
    import importlib.util

    import nbformat

    spec = importlib.util.spec_from_file_location(
        "make_init_reg_fixtures", FIXTURES / "make_init_reg_fixtures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path, notebook in module.fixtures().items():
        assert path.read_text(encoding="utf-8") == nbformat.writes(notebook) + "\n", path.name


# --- the statistical bounds ----------------------------------------------------------------------


def test_correct_draws_land_inside_the_band_and_the_mistakes_far_outside(checks):
    init_checks, _ = checks
    rng = np.random.default_rng(0)
    n = 3000  # the smallest layer the check tests
    low, high = init_checks.chi_square_band(n)
    mean_squares = np.mean(rng.standard_normal((2000, n)) ** 2, axis=1)
    assert low < mean_squares.min() and mean_squares.max() < high
    xavier, uniform = 0.5, 1 / 3  # variance ratios of the Xavier mistake and of rand * sqrt(2/n)
    assert xavier < low and uniform < low


def test_the_hoeffding_margin_holds_the_stated_probability_and_separates_the_mistakes(checks):
    _, reg_checks = checks
    n = 20000  # the smallest mask the dropout checks count
    margin = reg_checks.hoeffding(n)
    assert 2 * math.exp(-2 * n * margin**2) == pytest.approx(reg_checks.FALSE_FAILURE)
    assert margin < 0.025
    for keep_prob in (0.8, 0.3):  # an inverted mask keeps 1 - keep_prob
        assert abs((1 - keep_prob) - keep_prob) > 10 * margin


# --- the known mistakes differ from the reference ------------------------------------------------


def _forward_args(reg_checks):
    net = reg_checks.Net(3, 5, 4, 6, seed=3)
    return (net.X, net.parameters, 0.7)


def _l2_args(reg_checks):
    net = reg_checks.Net(3, 5, 4, 6, seed=3)
    return (net.X, net.Y, net.cache(), 0.7)


def _dropout_args(reg_checks):
    net = reg_checks.Net(3, 5, 4, 6, seed=3)
    return (net.X, net.Y, reg_checks.dropout_cache(net, 0.7, seed=5), 0.7)


ARGUMENTS = {
    "RANDOM": (initialization.initialize_parameters_random, lambda _: ([4, 3, 2],)),
    "HE": (initialization.initialize_parameters_he, lambda _: ([4, 3, 2],)),
    "COST": (
        regularization.compute_cost_with_regularization,
        lambda _: cases.compute_cost_with_regularization_case()["args"],
    ),
    "L2_BACKWARD": (regularization.backward_propagation_with_regularization, _l2_args),
    "DROPOUT_FORWARD": (regularization.forward_propagation_with_dropout, _forward_args),
    "DROPOUT_BACKWARD": (regularization.backward_propagation_with_dropout, _dropout_args),
}


@pytest.mark.parametrize(
    ("group", "mistake"),
    [(g, m) for g in ARGUMENTS for m in getattr(mistakes, g)],
    ids=lambda x: x if isinstance(x, str) else x.description,
)
def test_a_known_mistake_gives_something_else_than_the_reference(checks, group, mistake):
    _, reg_checks = checks
    reference, make_args = ARGUMENTS[group]
    args = make_args(reg_checks)
    compare = reg_checks.expect_dropout_forward if group == "DROPOUT_FORWARD" else expect_same
    with pytest.raises(CheckFailed):
        compare(mistake.gives(*copy.deepcopy(args)), reference(*copy.deepcopy(args)), "result")


def test_a_mask_mistake_is_not_named_on_a_network_too_small_to_tell(checks):
    _, reg_checks = checks
    net = reg_checks.Net(1, 1, 1, 1, seed=0)
    assert all(m.gives(net.X, net.parameters, 0.5) is None for m in mistakes.DROPOUT_FORWARD[1:])


def test_the_forward_variant_with_no_switch_is_the_reference(checks):
    _, reg_checks = checks
    args = _forward_args(reg_checks)
    reg_checks.expect_dropout_forward(
        mistakes.dropout_forward_variant(*copy.deepcopy(args)),
        regularization.forward_propagation_with_dropout(*args),
    )


# --- comparisons -----------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [bool, int, float])
def test_a_mask_of_any_numeric_dtype_compares_by_value(checks, dtype):
    _, reg_checks = checks
    expected = np.array([[1, 0, 1]])
    reg_checks.expect_mask(expected.astype(dtype), expected.astype(bool), "D1")


def test_a_mask_holding_the_raw_random_numbers_is_told_so(checks):
    _, reg_checks = checks
    with pytest.raises(CheckFailed, match="not the random numbers"):
        reg_checks.expect_mask(np.array([[0.4, 0.9]]), np.array([[1, 0]]), "D1")


def test_a_forward_result_that_is_not_a_pair_with_a_14_tuple_says_what_came_back(checks):
    _, reg_checks = checks
    with pytest.raises(CheckFailed, match=r"cache: expected \(Z1, D1"):
        reg_checks.forward_parts((np.zeros((1, 2)), (np.zeros(1),) * 12))
