"""Gradient checking and the week 1 extras, end to end: real-shaped Coursera notebooks of both
generations, the ``week1`` group's choice, the ``gc_utils`` shim, and the judge's own helpers.

The fixtures (tests/fixtures/week1, built by make_gradcheck_fixtures.py from public copies of
the notebooks) hold magics, course-module imports, the notebook's given
``forward_propagation_n`` and buggy ``backward_propagation_n``, and test calls.
"""

import copy
import json

import numpy as np
import pytest

from grader.api import grade
from grader.assignments import ROOT
from grader.checks import week1_extras_mistakes as extras_mistakes
from grader.checks import week1_gradient_checking_mistakes as mistakes
from grader.checks.coursera import week1_gradcheck_cases as cases
from grader.judge.compare import CheckFailed, Tolerance, expect_same
from reference import gradient_checking as ref
from reference import practical_aspects as extras

FIXTURES = ROOT / "tests" / "fixtures" / "week1"


@pytest.fixture(scope="module")
def checks(check_module):
    """The checks module: importing it needs the grading markers, which this session lacks."""
    return check_module("week1_gradient_checking")


NOTEBOOKS = ["gradient_checking_2017_complete", "gradient_checking_2021_complete"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_complete_notebook_of_either_generation_gets_full_marks(name):
    result = grade("week1-gradient-checking", FIXTURES / f"{name}.ipynb")
    assert (result.score, result.max_score) == (100, 100)


def test_grade_week1_picks_gradient_checking_by_the_coursera_item_id():
    result = grade("week1", FIXTURES / "gradient_checking_2021_complete.ipynb")
    assert result.assignment == "week1-gradient-checking" and result.score == 100
    assert "graded as week1-gradient-checking: the notebook is Coursera item n6NBD" in result.notes


def test_grade_week1_picks_the_extras_by_the_functions_a_file_defines():
    result = grade("week1", ROOT / "reference" / "practical_aspects.py")
    assert result.assignment == "week1-extras" and result.score == 100
    assert "graded as week1-extras: it defines 6 of its functions" in result.notes


def test_a_py_file_with_only_the_graded_functions_runs_on_the_gc_utils_shim(tmp_path):
    """No import of gc_utils, no forward_propagation_n: the prelude's shim provides them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_gradcheck_fixtures", FIXTURES / "make_gradcheck_fixtures.py"
    )
    fx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fx)

    source = "import numpy as np\n" + "\n\n".join(
        [fx.FORWARD_2021, fx.BACKWARD_2021, fx.GRADIENT_CHECK_2021, fx.GRADIENT_CHECK_N_2021]
    )
    path = tmp_path / "gradient_checking.py"
    path.write_text(source)
    result = grade("week1-gradient-checking", path)
    assert (result.score, result.max_score) == (100, 100)


def test_a_notebooks_own_forward_propagation_n_is_the_one_its_gradient_check_n_calls(tmp_path):
    notebook = json.loads((FIXTURES / "gradient_checking_2021_complete.ipynb").read_text())
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if source.startswith("def forward_propagation_n"):
            cell["source"] = source.replace(
                "cost = 1. / m * np.sum(log_probs)", "cost = 2. / m * np.sum(log_probs)"
            )
    path = tmp_path / "Gradient_Checking.ipynb"
    path.write_text(json.dumps(notebook))
    result = grade("week1-gradient-checking", path)
    assert {e.name: e.status for e in result.exercises if e.status != "passed"} == {
        "gradient_check_n": "failed"
    }


# --- the judge's own helpers -----------------------------------------------------------------------


@pytest.mark.parametrize(("x", "theta", "epsilon"), [(2, 4, 1e-7), (3, 4, 1e-7), (-4.5e5, 17.25, 1e-7),
                                                     (3.0, 1e10, 0.5), (0.01, -2.5, 1e-3)])  # fmt: skip
def test_the_judges_centred_difference_is_the_references_to_the_last_bit(checks, x, theta, epsilon):
    j_plus, j_minus = ref.forward_propagation(x, theta + epsilon), ref.forward_propagation(x, theta - epsilon)
    got = checks.centred_difference(j_plus, j_minus, ref.backward_propagation(x, theta), epsilon)
    assert got == ref.gradient_check(x, theta, epsilon)


@pytest.mark.parametrize("wrong", [False, True])
def test_drawn_networks_are_clean_and_their_expected_difference_is_the_references(checks, wrong):
    case = checks.make_network_case(7, 12345, 0 if wrong else None, 1e-7)
    assert case.expected == ref.gradient_check_n(*copy.deepcopy(case.args))
    assert (case.expected >= checks.WRONG_MINIMUM) if wrong else (case.expected < checks.CORRECT_MARGIN)


# --- every known mistake differs from the reference ------------------------------------------------

BUGGY, FIXED = (c for c in cases.gradient_check_n_case()["calls"])
ND_ARGS = [(*FIXED[:4], 1e-4), (*BUGGY[:4], 1e-4)]
ONE_D_ARGS = [(2, 4, 1e-7), (3.0, 1e10, 0.5)]
X_TRAIN = np.array([[1.0, 2.0, 4.0, 8.0], [0.5, -0.5, 1.5, 3.0]])
MU, SIGMA2 = extras.fit_normalizer(X_TRAIN)
TIGHT = Tolerance(rtol=1e-3, atol=1e-13)  # the 1-D differences of interest are ~1e-10 (checks' SAME_VALUES)
GROUPS = {
    "GRADIENT_CHECK": (mistakes.GRADIENT_CHECK, ref.gradient_check, ONE_D_ARGS),
    "GRADIENT_CHECK_N": (mistakes.GRADIENT_CHECK_N, ref.gradient_check_n, ND_ARGS),
    "FIT_NORMALIZER": (extras_mistakes.FIT_NORMALIZER, extras.fit_normalizer, [(X_TRAIN,)]),
    "NORMALIZE": (extras_mistakes.NORMALIZE, extras.normalize, [(X_TRAIN + 3, MU, SIGMA2, 0.5)]),
    "DIAGNOSE": (extras_mistakes.DIAGNOSE, extras.diagnose_bias_variance, [(0.01, 0.08, 0.10), (1, 3, 5)]),
}


@pytest.mark.parametrize(("group", "mistake"), [(g, m) for g, (ms, _, _) in GROUPS.items() for m in ms],
                         ids=lambda x: x if isinstance(x, str) else x.description)  # fmt: skip
def test_a_known_mistake_gives_something_else_than_the_reference_on_some_input(group, mistake):
    _, reference, arguments = GROUPS[group]
    differs = []
    for args in arguments:
        try:
            expect_same(mistake.gives(*copy.deepcopy(args)), reference(*copy.deepcopy(args)), "result", TIGHT)
            differs.append(False)
        except CheckFailed:
            differs.append(True)
    assert any(differs)


def test_the_variants_with_no_switch_are_the_reference():
    for args in ND_ARGS:
        assert mistakes.gradient_check_n_variant(*copy.deepcopy(args)) == pytest.approx(ref.gradient_check_n(*args),
                                                                                        rel=1e-12)  # fmt: skip
    for args in ONE_D_ARGS:
        assert mistakes.gradient_check_variant(*args) == ref.gradient_check(*args)


def test_the_named_initialization_variances_include_the_right_ones():
    names = [name for name, _ in extras_mistakes.INIT_VARIANCES]
    assert names[0].startswith("Xavier") and names[1].startswith("Glorot")


def test_sampled_scalar_cases_are_python_floats_with_the_bounds_and_zero_drawn_often(checks):
    from grader.judge.strategies import sample_batch

    batch = sample_batch(checks.scalar_cases(checks.moderate_thetas, (1e-7,)).sample, 400, seed=3)
    xs, thetas = [c.args[0] for c in batch], [c.args[1] for c in batch]
    assert all(type(v) is float for c in batch for v in c.args)
    assert all(c.description == f"x={x:.6g}, theta={t:.6g}, epsilon=1e-07" for c, x, t in
               zip(batch, xs, thetas, strict=True))  # fmt: skip
    assert {1e-2 <= abs(x) <= 9.99e6 for x in xs} == {True} and min(xs) < 0 < max(xs)
    assert thetas.count(0.0) > 20 and any(abs(t) / 9.99 in (0.01, 0.1, 1, 10, 100, 1000) for t in thetas)
    assert all(-9990 <= t <= 9990 for t in thetas)
    assert all(len(c.args) == 2 for c in sample_batch(checks.scalar_cases(checks.moderate_thetas, None).sample,
                                                      5, seed=4))  # fmt: skip


def test_sampled_network_cases_draw_m_and_the_wrong_backward_passes_uniformly(checks):
    from grader.judge.strategies import sample_batch

    rng = np.random.default_rng(5)
    ms = {checks.sample_int(rng, 1, 12) for _ in range(500)}
    assert ms == set(range(1, 13))
    wrong = sample_batch(checks.network_cases(wrong=True, epsilons=(1e-4, 1e-3)).sample, 4, seed=6)
    assert all(c.expected >= checks.WRONG_MINIMUM and c.args[4] in (1e-4, 1e-3) for c in wrong)
    assert all(type(c.args[4]) is float for c in wrong)
