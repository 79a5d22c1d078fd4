"""week3 end to end: a realistic partially wrong student file gets the statuses and messages its
mistakes deserve (each mistake costs points once), the known mistakes differ from the reference,
and the statistical bounds are what they claim."""

import copy
import math
import textwrap

import numpy as np
import pytest

from grader.api import grade
from grader.assignments import get_assignment
from grader.checks import week3_mistakes as mistakes
from grader.judge.compare import CheckFailed, expect_same
from reference import tuning as ref

ASSIGNMENT = get_assignment("week3")


@pytest.fixture(scope="module")
def checks(check_module):
    """grader.checks.week3, imported once the grading markers are registered (--strict-markers)."""
    return check_module("week3")


# A student file: the generated stub filled in, with five real mistakes and one missing function.
STUDENT = textwrap.dedent("""
    import math

    import numpy as np


    # GRADED FUNCTION: sample_learning_rate
    def sample_learning_rate(num, rng, low=-4.0, high=0.0):
        rng = np.random.default_rng(rng)
        return rng.uniform(10**low, 10**high, size=num)  # mistake: a linear scale


    # GRADED FUNCTION: sample_beta
    def sample_beta(num, rng, low=0.9, high=0.999):
        rng = np.random.default_rng(rng)
        r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size=num)
        return 1 - 10**r


    # coarse_to_fine: not attempted


    # GRADED FUNCTION: batchnorm_forward
    def batchnorm_forward(Z, gamma, beta, epsilon=1e-8):
        mu = Z.mean(axis=1, keepdims=True)
        var = Z.var(axis=1, keepdims=True, ddof=1)  # mistake: divides by m - 1
        Z_norm = (Z - mu) / np.sqrt(var + epsilon)
        Z_tilde = gamma * Z_norm + beta
        cache = (Z, Z_norm, mu, var, gamma, epsilon)
        return Z_tilde, cache


    # GRADED FUNCTION: batchnorm_backward
    def batchnorm_backward(dZ_tilde, cache):
        Z, Z_norm, mu, var, gamma, epsilon = cache
        m = Z.shape[1]
        dbeta = dZ_tilde.sum(axis=1, keepdims=True)
        dgamma = (dZ_tilde * Z_norm).sum(axis=1, keepdims=True)
        dZ_norm = dZ_tilde * gamma
        dvar = np.sum(dZ_norm * (Z - mu), axis=1, keepdims=True) * -0.5 * (var + epsilon) ** -1.5
        dmu = -dZ_norm.sum(axis=1, keepdims=True) / np.sqrt(var + epsilon)
        dZ = dZ_norm / np.sqrt(var + epsilon) + dvar * 2 * (Z - mu) / m + dmu / m
        return dZ, dgamma, dbeta


    # GRADED FUNCTION: update_running_averages
    def update_running_averages(running_mean, running_var, mu, var, momentum=0.9):
        return momentum * running_mean + (1 - momentum) * mu, momentum * running_var + (1 - momentum) * var


    # GRADED FUNCTION: batchnorm_forward_test
    def batchnorm_forward_test(Z, gamma, beta, running_mean, running_var, epsilon=1e-8):
        # YOUR CODE STARTS HERE
        raise NotImplementedError
        # YOUR CODE ENDS HERE


    # GRADED FUNCTION: linear_batchnorm_forward
    def linear_batchnorm_forward(A_prev, W, gamma, beta, epsilon=1e-8):
        Z = W @ A_prev
        Z_tilde, bn_cache = batchnorm_forward(Z, gamma, beta, epsilon)  # right, given its batch norm
        cache = (A_prev, W, bn_cache)
        return Z_tilde, cache


    # GRADED FUNCTION: softmax
    def softmax(Z):
        e = np.exp(Z)  # mistake: no max subtraction
        return e / e.sum(axis=0, keepdims=True)


    # GRADED FUNCTION: compute_softmax_cost
    def compute_softmax_cost(Y_hat, Y):
        m = Y.shape[1]
        cost = -np.sum(Y * np.log(Y_hat) / m   # mistake: a syntax error
        return cost


    # GRADED FUNCTION: softmax_backward
    def softmax_backward(Y_hat, Y):
        return Y - Y_hat  # mistake: the sign


    # GRADED FUNCTION: train_softmax_classifier
    def train_softmax_classifier(X, Y, layers_dims, rng, learning_rate=0.01, num_epochs=10,
                                 mini_batch_size=32, momentum=0.9, epsilon=1e-8):
        rng = np.random.default_rng(rng)
        parameters, running = initialize_bn_network(layers_dims, rng)
        state = {"t": 0, "v": {}, "s": {}}
        m = X.shape[1]
        for epoch in range(num_epochs):
            order = rng.permutation(m)
            for k in range(0, m, mini_batch_size):
                X_batch, Y_batch = X[:, order[k:k + mini_batch_size]], Y[:, order[k:k + mini_batch_size]]
                Y_hat, caches = forward_bn_network(X_batch, parameters, epsilon)
                grads = backward_bn_network(Y_hat, Y_batch, caches)
                for l in range(1, len(caches) + 1):
                    bn_cache = caches[l - 1][2]
                    mean, var = "running_mean" + str(l), "running_var" + str(l)
                    running[mean], running[var] = update_running_averages(
                        running[mean], running[var], bn_cache[2], bn_cache[3], momentum)
                parameters = adam_update(parameters, grads, state, learning_rate)
        return parameters, running
""")


def given_helpers():
    """The given (ungraded) helpers of the stub, as a student's file has them."""
    stub = ASSIGNMENT.stub_stem.with_suffix(".py").read_text()
    start, end = stub.index("# Given (not graded)"), stub.index("# GRADED FUNCTION: train_softmax_classifier")
    return stub[start:end]


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    path = tmp_path_factory.mktemp("student") / "week3.py"
    marker = "# GRADED FUNCTION: train_softmax_classifier"
    path.write_text(STUDENT.replace(marker, given_helpers() + marker))
    return grade("week3", path)


def statuses(result):
    return {e.name: e.status for e in result.exercises if e.status != "passed"}


def failed_checks(result, exercise):
    return {c.name: c for c in result.exercise(exercise).checks if not c.passed}


def test_the_partial_file_gets_a_status_per_mistake(partial):
    assert statuses(partial) == {
        "sample_learning_rate": "failed",
        "coarse_to_fine": "missing",
        "batchnorm_forward": "failed",
        "batchnorm_forward_test": "missing",
        "softmax": "failed",
        "compute_softmax_cost": "error",
        "softmax_backward": "failed",
    }


def test_a_mistake_costs_points_once_in_the_functions_that_call_it(partial):
    """linear_batchnorm_forward and the classifier run with the reference's blocks, so the
    student's wrong batchnorm_forward and sign-flipped softmax_backward cost nothing there."""
    for exercise in ("linear_batchnorm_forward", "train_softmax_classifier", "batchnorm_backward"):
        assert partial.exercise(exercise).status == "passed", exercise


def test_the_linear_scale_sampler_fails_the_statistical_check_and_is_named(partial):
    failed = failed_checks(partial, "sample_learning_rate")
    assert set(failed) == {"check_log10_is_uniform", "check_same_seed_same_draws"}
    assert "Kolmogorov-Smirnov distance" in failed["check_log10_is_uniform"].message
    assert failed["check_same_seed_same_draws"].message.endswith(
        "this is exactly what sampling the learning rate uniformly between 10**low and 10**high "
        "(a linear scale) gives"
    )
    assert failed["check_same_seed_same_draws"].hint.startswith("sample the exponent")


def test_softmax_without_the_max_subtraction_fails_only_where_logits_are_huge(partial):
    assert set(failed_checks(partial, "softmax")) == {
        "check_huge_logits_do_not_overflow",
        "check_adding_a_constant_to_a_column_changes_nothing",
    }


def test_the_m_minus_1_variance_is_recognised(partial):
    failed = failed_checks(partial, "batchnorm_forward")
    assert "check_each_unit_is_normalized_over_the_batch" in failed
    assert failed["check_matches_reference"].message.endswith(
        "this is exactly what the variance divided by m - 1 (np.var(..., ddof=1)) gives"
    )


def test_the_syntax_error_names_its_line_and_costs_only_its_function(partial):
    message = partial.exercise("compute_softmax_cost").checks[0].message
    assert message.startswith("syntax error in week3.py") and "'(' was never closed" in message
    # its own mistake, the sign: the columns still sum to 0, which counts only with the right values
    assert partial.exercise("softmax_backward").score == 0


def test_the_score_is_the_sum_of_the_checks_passed(partial):
    assert partial.score == sum(c.score for e in partial.exercises for c in e.checks)
    assert partial.exercise("sample_learning_rate").score == 2
    assert partial.exercise("sample_beta").score == 7


MUTANTS = ASSIGNMENT.reference_path.parent.parent / "tests" / "mutants" / "week3"


def graded_with(tmp_path, *sources):
    """week3 graded on the reference with ``sources`` (function definitions) appended."""
    path = tmp_path / "week3.py"
    path.write_text("\n\n".join([ASSIGNMENT.reference_path.read_text(), *sources]))
    return grade("week3", path)


def test_a_classifier_that_returns_too_little_is_not_excused_by_a_wrong_block(tmp_path):
    result = graded_with(
        tmp_path,
        (MUTANTS / "softmax_backward__sign_flipped.py").read_text(),
        (MUTANTS / "train_softmax_classifier__returns_parameters_only.py").read_text(),
    )
    failed = failed_checks(result, "train_softmax_classifier")
    assert "check_returns_parameters_and_running_averages" in failed
    assert "expected (parameters, running)" in failed["check_returns_parameters_and_running_averages"].message


DO_NOTHING_CLASSIFIER = """
def softmax_backward(Y_hat, Y):
    return Y - Y_hat

def train_softmax_classifier(X, Y, layers_dims, rng, learning_rate=0.01, num_epochs=10,
                             mini_batch_size=32, momentum=0.9, epsilon=1e-8):
    return initialize_bn_network(layers_dims, np.random.default_rng(rng))
"""


def test_a_classifier_that_never_trains_scores_nothing_even_beside_a_wrong_block(tmp_path):
    """Before the blocks were the reference's, a wrong softmax_backward excused any classifier."""
    result = graded_with(tmp_path, DO_NOTHING_CLASSIFIER)
    assert result.exercise("train_softmax_classifier").score == 0
    assert result.exercise("softmax_backward").score == 0


LINEAR_WITH_ITS_OWN_WRONG_BATCH_NORM = """
def batchnorm_forward(Z, gamma, beta, epsilon=1e-8):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True, ddof=1)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, epsilon)

def linear_batchnorm_forward(A_prev, W, gamma, beta, epsilon=1e-8):
    Z = np.dot(W, A_prev)
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True, ddof=1)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta, (A_prev, W, (Z, Z_norm, mu, var, gamma, epsilon))
"""


def test_a_layer_repeating_its_own_batch_norm_mistake_inline_is_not_excused(tmp_path):
    """Its checks compare with the reference; the student's batchnorm_forward is no excuse."""
    result = graded_with(tmp_path, LINEAR_WITH_ITS_OWN_WRONG_BATCH_NORM)
    assert result.exercise("linear_batchnorm_forward").score == 0
    assert result.exercise("batchnorm_forward").score < result.exercise("batchnorm_forward").max_score


def test_the_classifier_trains_on_a_problem_small_enough_for_its_block_round_trips(monkeypatch):
    """Every block call is a round trip to the judge: the checks make about 800, not 4,600."""
    import grader.boundary.remote

    calls = []
    answer = grader.boundary.remote.answer_block

    def counted(blocks, request):
        calls.append(request["name"])
        return answer(blocks, request)

    monkeypatch.setattr(grader.boundary.remote, "answer_block", counted)
    result = grade("week3", ASSIGNMENT.reference_path)
    assert (
        result.exercise("train_softmax_classifier").score
        == result.exercise("train_softmax_classifier").max_score
    )
    assert 700 <= len(calls) <= 1200  # 7 trainings: 3 of 30 mini-batches, 4 of 3, 8 blocks each; the layer's


def test_the_reference_reaches_the_accuracy_with_a_margin_on_the_checks_data(checks):
    for case, X_test, labels in checks.classifier_data():
        parameters, running = ref.train_softmax_classifier(*copy.deepcopy(case.args))
        assert (
            np.mean(ref.predict_bn_network(X_test, parameters, running) == labels) >= checks.ACCURACY + 0.04
        )


# The statistics.


def test_the_kolmogorov_smirnov_bound_is_the_dkw_bound_of_the_stated_false_failure_rate(checks):
    assert 2 * math.exp(-2 * checks.SAMPLES * checks.KS_BOUND**2) == pytest.approx(checks.FALSE_FAILURE)
    assert checks.KS_BOUND == pytest.approx(0.1035, abs=1e-4)


def linear_sampler_distance(low, high):
    """sup_t |P(log10 X <= t) - (t - low) / (high - low)| for X uniform on [10**low, 10**high]."""
    t = np.linspace(low, high, 100_001)
    return np.max(np.abs((10.0**t - 10.0**low) / (10.0**high - 10.0**low) - (t - low) / (high - low)))


def test_a_linear_scale_sampler_is_off_by_more_than_twice_the_bound_on_every_range_drawn(checks):
    """Then its sample distance exceeds the bound with probability at least 1 - FALSE_FAILURE."""
    ranges = [(low, low + width) for low in (-7, -6, -5, -4, -3.5, -3, -2, -1) for width in (1, 2, 3, 4)]
    ranges += [(math.log10(1 - high), math.log10(1 - low)) for low, high in checks.BETA_RANGES]
    distances = [linear_sampler_distance(a, b) for a, b in ranges]
    assert min(distances) >= checks.LINEAR_DISTANCE - 1e-4
    assert checks.LINEAR_DISTANCE > 2 * checks.KS_BOUND


def test_a_correct_sampler_stays_well_under_the_bound(checks):
    distances = [
        checks.ks_distance(np.log10(ref.sample_learning_rate(checks.SAMPLES, seed, -5, -1)), -5, -1)
        for seed in range(200)
    ]
    assert max(distances) < 0.6 * checks.KS_BOUND  # P(D > 0.6 bound) is about 1e-5 at n = 1000


def test_the_numerical_gradients_of_the_checks_agree_with_the_reference(checks):
    for case, numerical in checks.batchnorm_gradient_cases():
        expect_same(ref.batchnorm_backward(*copy.deepcopy(case.args)), numerical, "", checks.NUMERICAL)
    for case, numerical in checks.softmax_gradient_cases():
        expect_same(ref.softmax_backward(*case.args), numerical, "dZ", checks.NUMERICAL)


# The known mistakes.


def arguments():
    rng = np.random.default_rng(1)
    Z, gamma, beta = rng.normal(2, 3, (3, 5)), rng.normal(1, 0.5, (3, 1)), rng.normal(0, 1, (3, 1))
    cache = ref.batchnorm_forward(Z, gamma, beta, 0.1)[1]
    logits = rng.normal(0, 3, (3, 4))
    Y_hat, Y = ref.softmax(logits), np.eye(3)[:, [0, 2, 1, 2]]
    trials = np.array([[1e-3, 0.5], [1e-1, 0.9], [1e-2, 0.7], [1e-4, 0.1], [1e-5, 0.3]])
    return {
        "SAMPLE_LEARNING_RATE": (ref.sample_learning_rate, (50, 3, -4.0, 0.0)),
        "SAMPLE_BETA": (ref.sample_beta, (50, 3, 0.9, 0.999)),
        "COARSE_TO_FINE": (
            ref.coarse_to_fine,
            (trials, np.array([0.9, 0.8, 0.95, 0.1, 0.5]), np.array([True, False]), 0.5),
        ),
        "BATCHNORM_FORWARD": (ref.batchnorm_forward, (Z, gamma, beta, 0.1)),
        "BATCHNORM_BACKWARD": (
            ref.batchnorm_backward,
            (np.random.default_rng(0).standard_normal((3, 5)), cache),
        ),
        "UPDATE_RUNNING_AVERAGES": (
            ref.update_running_averages,
            (np.zeros((3, 1)), np.ones((3, 1)), cache[2], cache[3], 0.9),
        ),
        "BATCHNORM_FORWARD_TEST": (
            ref.batchnorm_forward_test,
            (Z, gamma, beta, cache[2] + 1, cache[3] * 2, 0.1),
        ),
        "SOFTMAX": (ref.softmax, (logits,)),
        "COMPUTE_SOFTMAX_COST": (ref.compute_softmax_cost, (Y_hat, Y)),
        "SOFTMAX_BACKWARD": (ref.softmax_backward, (Y_hat, Y)),
    }


@pytest.mark.parametrize(
    ("group", "mistake"),
    [(g, m) for g in arguments() for m in getattr(mistakes, g)],
    ids=lambda x: x if isinstance(x, str) else x.description,
)
def test_a_known_mistake_gives_something_else_than_the_reference(group, mistake):
    reference, args = arguments()[group]
    with pytest.raises(CheckFailed):
        expect_same(mistake.gives(*copy.deepcopy(args)), reference(*copy.deepcopy(args)), "result")


def test_the_variants_with_no_switch_are_the_reference():
    args = arguments()
    expect_same(
        mistakes.box_variant(*args["COARSE_TO_FINE"][1]), ref.coarse_to_fine(*args["COARSE_TO_FINE"][1]), ""
    )
    expect_same(
        mistakes.batchnorm_variant(*args["BATCHNORM_FORWARD"][1]),
        ref.batchnorm_forward(*args["BATCHNORM_FORWARD"][1]),
        "",
    )
    expect_same(
        mistakes.batchnorm_backward_variant(*args["BATCHNORM_BACKWARD"][1]),
        ref.batchnorm_backward(*args["BATCHNORM_BACKWARD"][1]),
        "",
    )
