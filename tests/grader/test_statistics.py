"""The shared statistical tests (grader.judge.statistics), central differences (grader.judge.numerical)
and the reading of the official cases (grader.checks.coursera): each bound holds at the stated
probability, for every law it claims, and every check module uses these, not a copy."""

import math
import re

import numpy as np
import pytest

from grader.assignments import ROOT
from grader.checks.coursera import official_calls, same_args
from grader.checks.coursera import week2_cases as cases
from grader.judge import statistics
from grader.judge.numerical import numerical_gradient

CHECKS = sorted((ROOT / "grader" / "checks").glob("*.py"))


@pytest.mark.parametrize("n", [3000, 8000, 24000])
def test_the_chi_square_band_solves_the_chernoff_bounds_at_the_stated_probability(n):
    low, high = statistics.chi_square_band(n)
    t, u = high - 1, 1 - low
    upper = math.exp(-n / 2 * (t - math.log1p(t)))
    lower = math.exp(-n / 2 * (-u - math.log1p(-u)))
    assert upper == pytest.approx(statistics.FALSE_FAILURE / 2, rel=1e-6)
    assert lower == pytest.approx(statistics.FALSE_FAILURE / 2, rel=1e-6)
    assert 0 < u < t < 0.2  # the upper tail of a chi-square is the longer one


@pytest.mark.parametrize("draw", ["normal", "uniform"])
def test_right_draws_of_either_law_pass_both_tests_and_a_wrong_variance_fails(draw):
    rng = np.random.default_rng(0)
    n, variance = 8000, 0.01  # the smallest layer of week1_extras
    a = math.sqrt(3 * variance)
    samples = [rng.normal(0, math.sqrt(variance), n) if draw == "normal" else rng.uniform(-a, a, n)
               for _ in range(300)]  # fmt: skip
    for W in samples:
        assert statistics.within_variance_band(float(np.mean(W**2)), variance, n)
        assert abs(np.mean(W)) <= statistics.mean_bound(n) * math.sqrt(variance)
    # Glorot's variance differs from Xavier's by a third at least on the layers drawn
    assert not statistics.within_variance_band(float(np.mean(samples[0] ** 2)), variance * 4 / 3, n)
    assert not statistics.within_variance_band(float(np.mean(samples[0] ** 2)), variance * 2 / 3, n)


def test_the_uniform_law_is_below_the_chi_square_in_convex_order_as_the_docstring_argues():
    """E exp(s X) <= (1 - 2s)^(-1/2) for X = 3 U^2 on a grid of s: the Chernoff bounds carry over."""
    u = (np.arange(200_000) + 0.5) / 200_000  # midpoint rule on [0, 1]
    for s in np.linspace(-20, 0.45, 60):
        assert np.mean(np.exp(s * 3 * u**2)) <= (1 - 2 * s) ** -0.5 * (1 + 1e-9)


def test_the_mean_bound_and_the_two_sided_bounds_hold_the_stated_probability():
    n = 8000
    assert 2 * math.exp(-n * statistics.mean_bound(n) ** 2 / 2) == pytest.approx(statistics.FALSE_FAILURE)
    margin = statistics.hoeffding(20000)
    assert 2 * math.exp(-2 * 20000 * margin**2) == pytest.approx(statistics.FALSE_FAILURE)
    assert statistics.dkw(1000) == statistics.hoeffding(1000) == pytest.approx(0.1035, abs=1e-4)


def test_numerical_gradient_is_central_differences_with_the_given_step():
    x = np.array([[0.5, -1.0], [2.0, 3.0]])
    grad = numerical_gradient(lambda v: float(np.sum(v**3)), x, 1e-5)
    np.testing.assert_allclose(grad, 3 * x**2, rtol=1e-9)
    assert grad.dtype == float and np.array_equal(x, [[0.5, -1.0], [2.0, 3.0]])  # x is not modified
    # the step is the caller's: a coarse one shows its h^2 error, (x+h)^3 - (x-h)^3 = 6x^2 h + 2h^3
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(v**3)), x, 0.1), 3 * x**2 + 0.01)


def test_official_calls_skips_the_generations_without_the_exercise_and_can_leave_out_repeats():
    every = official_calls(cases, "update_lr", cases.GENERATIONS)
    generations = [generation for generation, _ in every]
    assert generations and set(generations) < set(cases.GENERATIONS)  # update_lr is from 2021 on
    distinct = official_calls(cases, "update_lr", cases.GENERATIONS, distinct=True)
    assert len(distinct) < len(every)
    assert all(not same_args(a, b) for i, (_, a) in enumerate(distinct) for _, b in distinct[:i])


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.name)
def test_no_check_module_keeps_its_own_copy_of_the_shared_vocabulary(path):
    source = path.read_text()
    assert not re.search(r"^FALSE_FAILURE\s*=", source, re.M), "import it from grader.judge.statistics"
    for name in ("numerical_gradient", "chi_square_band", "hoeffding", "official_calls", "same_args"):
        assert not re.search(rf"^def {name}\(", source, re.M), f"{name}: import the shared one"
