"""c3 end to end: a realistic partially wrong student file gets the statuses and messages its
mistakes deserve (a wrong error_decomposition costs points once, not again in the next_lever
that calls it), and the known mistakes differ from the reference."""

import copy
import textwrap

import numpy as np
import pytest

from grader.api import grade
from grader.assignments import get_assignment
from grader.checks import c3_mistakes as mistakes
from grader.judge.compare import CheckFailed, expect_same
from reference import metrics as ref

ASSIGNMENT = get_assignment("c3")

# A student file: four real mistakes, one function not attempted, and a next_lever that calls
# error_decomposition (the reference's, while next_lever is graded).
STUDENT = textwrap.dedent("""
    import numpy as np


    # GRADED FUNCTION: precision_recall_f1
    def precision_recall_f1(y_true, y_pred):
        tp = np.sum((y_pred == 1) & (y_true == 1))
        fp = np.sum((y_pred == 1) & (y_true == 0))
        fn = np.sum((y_pred == 0) & (y_true == 1))
        precision = tp / (tp + fp) if tp + fp > 0 else 0.0
        recall = tp / (tp + fn) if tp + fn > 0 else 0.0
        return precision, recall, (precision + recall) / 2  # mistake: the arithmetic mean


    # GRADED FUNCTION: choose_classifier
    def choose_classifier(accuracies, running_times, max_time=100):
        best = None
        for k in range(len(accuracies)):
            if running_times[k] < max_time:  # mistake: strict
                if best is None or accuracies[k] > accuracies[best]:
                    best = k
        return best


    # weighted_error: not attempted


    # GRADED FUNCTION: error_decomposition
    def error_decomposition(human_error, train_error, train_dev_error, dev_error, test_error):
        return {
            "avoidable_bias": train_error - human_error,
            "variance": dev_error - train_error,  # mistake: skips the train-dev set
            "data_mismatch": dev_error - train_dev_error,
            "overfitting_to_dev": test_error - dev_error,
        }


    # GRADED FUNCTION: next_lever
    def next_lever(human_error, train_error, train_dev_error, dev_error, test_error):
        gaps = error_decomposition(human_error, train_error, train_dev_error, dev_error, test_error)
        return max(gaps, key=gaps.get)  # right, given its error_decomposition


    # GRADED FUNCTION: error_analysis_tally
    def error_analysis_tally(tags, dev_error):
        total = sum(len(example) for example in tags)  # mistake: the number of tags
        tally = {}
        for example in tags:
            for category in set(example):
                tally.setdefault(category, 0)
                tally[category] += 1
        return {c: {"count": n, "fraction": n / total, "max_reduction": n / total * dev_error}
                for c, n in tally.items()}


    # GRADED FUNCTION: multitask_loss
    def multitask_loss(Y, Y_hat):
        m = Y.shape[1]
        labeled = ~np.isnan(Y)
        losses = -(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat))
        return float(np.sum(losses[labeled]) / m)
""")


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    path = tmp_path_factory.mktemp("student") / "metrics.py"
    path.write_text(STUDENT)
    return grade("c3", path)


def statuses(result):
    return {e.name: e.status for e in result.exercises if e.status != "passed"}


def failed_checks(result, exercise):
    return {c.name: c for c in result.exercise(exercise).checks if not c.passed}


def test_the_partial_file_gets_a_status_per_mistake(partial):
    assert statuses(partial) == {
        "precision_recall_f1": "failed",
        "choose_classifier": "failed",
        "weighted_error": "missing",
        "error_decomposition": "failed",
        "error_analysis_tally": "failed",
    }


def test_a_wrong_decomposition_costs_points_once_not_again_in_next_lever(partial):
    assert partial.exercise("next_lever").score == 12
    failed = failed_checks(partial, "error_decomposition")
    assert failed["check_lecture_examples"].message.endswith(
        "this is exactly what the variance measured to the dev error (dev - train), skipping the train-dev "
        "set gives"
    )
    assert "check_gaps_add_up_to_test_minus_human" in failed


def test_the_arithmetic_mean_is_named_and_costs_the_f1_checks_and_what_counts_with_them(partial):
    failed = failed_checks(partial, "precision_recall_f1")
    assert set(failed) == {
        "check_lecture_classifiers",
        "check_matches_reference",
        "check_f1_is_the_harmonic_mean_of_your_precision_and_recall",
        "check_row_vectors",
        "check_zero_division_gives_zero",  # these two hold, and count only with the values
        "check_true_negatives_change_nothing",
    }
    assert "counts only together with the values" in failed["check_true_negatives_change_nothing"].message
    assert failed["check_lecture_classifiers"].message.startswith("On the lecture's classifier A")
    assert failed["check_lecture_classifiers"].hint.startswith("F1 is the harmonic mean")
    assert (
        "that is the arithmetic mean"
        in failed["check_f1_is_the_harmonic_mean_of_your_precision_and_recall"].message
    )


def test_the_strict_constraint_fails_where_a_running_time_equals_max_time(partial):
    failed = failed_checks(partial, "choose_classifier")
    assert "check_running_time_equal_to_max_time_is_allowed" in failed
    assert "check_none_when_nothing_is_fast_enough" not in failed
    assert failed["check_running_time_equal_to_max_time_is_allowed"].hint.startswith(
        "the constraint is inclusive"
    )


def test_dividing_by_the_number_of_tags_is_named(partial):
    failed = failed_checks(partial, "error_analysis_tally")
    assert "check_several_tags_per_example" in failed
    # consistent with its own fraction, which counts only with the right values
    assert (
        "counts only together with the values"
        in failed["check_max_reduction_is_fraction_times_dev_error"].message
    )
    assert "fractions of the number of tags" in failed["check_several_tags_per_example"].message


def test_the_score_is_the_sum_of_the_checks_passed(partial):
    assert partial.score == sum(c.score for e in partial.exercises for c in e.checks)
    assert partial.exercise("multitask_loss").score == 16


def test_a_next_lever_wrong_given_a_right_decomposition_is_not_excused(tmp_path):
    path = tmp_path / "metrics.py"
    mutant = (
        ASSIGNMENT.reference_path.parent.parent / "tests" / "mutants" / "c3" / "next_lever__tie_to_later.py"
    )
    path.write_text(ASSIGNMENT.reference_path.read_text() + "\n\n" + mutant.read_text())
    failed = failed_checks(grade("c3", path), "next_lever")
    assert set(failed) == {"check_lecture_examples", "check_tie_goes_to_the_earlier_gap"}
    assert failed["check_lecture_examples"].message.startswith("On the lecture's general formulation")


# The known mistakes.


def arguments():
    y_true, y_pred = np.array([1, 1, 1, 0, 0, 1, 0, 1]), np.array([1, 0, 1, 1, 0, 1, 0, 0])
    Y = np.array([[1.0, np.nan, 0.0, 1.0], [0.0, 1.0, np.nan, 1.0]])
    Y_hat = np.array([[0.8, 0.3, 0.4, 0.6], [0.2, 0.7, 0.9, 0.4]])
    return {
        "PRECISION_RECALL_F1": (ref.precision_recall_f1, (y_true, y_pred)),
        "CHOOSE_CLASSIFIER": (
            ref.choose_classifier,
            (np.array([0.9, 0.95, 0.95, 0.97]), np.array([20.0, 100.0, 60.0, 300.0]), 100),
        ),
        "WEIGHTED_ERROR": (ref.weighted_error, (y_true, y_pred, np.where(y_true == 1, 10.0, 1.0))),
        "ERROR_DECOMPOSITION": (ref.error_decomposition, (1, 3, 4, 7, 9)),
        "ERROR_ANALYSIS_TALLY": (
            ref.error_analysis_tally,
            ([["dog", "blurry"], ["blurry", "blurry"], [], ["great cat", "dog"]], 0.1),
        ),
        "MULTITASK_LOSS": (ref.multitask_loss, (Y, Y_hat)),
    }


LEVER_CASES = [(1, 3, 4, 7, 9), (0, 0.5, 4, 5, 5), (1, 2, 4, 5, 9), (4, 7, 10, 12, 12)]


@pytest.mark.parametrize(
    ("group", "mistake"),
    [(g, m) for g in arguments() for m in getattr(mistakes, g)],
    ids=lambda x: x if isinstance(x, str) else x.description,
)
def test_a_known_mistake_gives_something_else_than_the_reference(group, mistake):
    reference, args = arguments()[group]
    with pytest.raises(CheckFailed):
        expect_same(mistake.gives(*copy.deepcopy(args)), reference(*copy.deepcopy(args)), "result")


@pytest.mark.parametrize("mistake", mistakes.NEXT_LEVER, ids=lambda m: m.description)
def test_a_known_lever_mistake_differs_from_the_reference_on_one_of_a_few_cases(mistake):
    assert any(mistake.gives(*errors) != ref.next_lever(*errors) for errors in LEVER_CASES)


def test_the_helpers_without_a_switch_are_the_reference():
    args = arguments()
    expect_same(
        mistakes._choose(*args["CHOOSE_CLASSIFIER"][1]),
        ref.choose_classifier(*args["CHOOSE_CLASSIFIER"][1]),
        "",
    )
    expect_same(
        mistakes._tally(*args["ERROR_ANALYSIS_TALLY"][1]),
        ref.error_analysis_tally(*args["ERROR_ANALYSIS_TALLY"][1]),
        "",
    )
    for errors in LEVER_CASES:
        assert mistakes._gaps(*errors) == ref.error_decomposition(*errors)
        assert mistakes._lever(mistakes._gaps(*errors)) == ref.next_lever(*errors)


def graded_with(tmp_path, source):
    path = tmp_path / "metrics.py"
    path.write_text(ASSIGNMENT.reference_path.read_text() + "\n\n" + source)
    return grade("c3", path)


LEVER_REPEATING_ITS_DECOMPOSITION_MISTAKE = """
def error_decomposition(human_error, train_error, train_dev_error, dev_error, test_error):
    return {"avoidable_bias": train_error - human_error, "variance": dev_error - train_error,
            "data_mismatch": dev_error - train_dev_error, "overfitting_to_dev": test_error - dev_error}

def next_lever(human_error, train_error, train_dev_error, dev_error, test_error):
    gaps = {"avoidable_bias": train_error - human_error, "variance": dev_error - train_error,
            "data_mismatch": dev_error - train_dev_error, "overfitting_to_dev": test_error - dev_error}
    return max(gaps, key=gaps.get)
"""


def test_a_lever_repeating_its_decomposition_mistake_inline_is_not_excused(tmp_path):
    """The largest gap of the student's own (wrong) decomposition was accepted before."""
    result = graded_with(tmp_path, LEVER_REPEATING_ITS_DECOMPOSITION_MISTAKE)
    assert result.exercise("error_decomposition").score < result.exercise("error_decomposition").max_score
    assert result.exercise("next_lever").score < result.exercise("next_lever").max_score
    assert not next(
        c for c in result.exercise("next_lever").checks if c.name == "check_matches_reference"
    ).passed


NOTHING_COMPUTED = """
def precision_recall_f1(y_true, y_pred):
    return 0.0, 0.0, 0.0

def weighted_error(y_true, y_pred, weights):
    return 0.5

def multitask_loss(Y, Y_hat):
    return 1.0
"""


def test_properties_that_nothing_computed_has_score_nothing(tmp_path):
    """Zeros have F1's harmonic mean, zero divisions and true negatives; a constant does not
    change when the weights are scaled or an unlabeled prediction moves (before: 8, 3, 4)."""
    result = graded_with(tmp_path, NOTHING_COMPUTED)
    for exercise in ("precision_recall_f1", "weighted_error", "multitask_loss"):
        assert result.exercise(exercise).score == 0, exercise


@pytest.fixture(scope="module")
def checks(check_module):
    """The checks module: importing it needs the grading markers, which this session lacks."""
    return check_module("c3")


def test_sampled_classifier_cases_keep_their_promises(checks):
    from grader.judge.strategies import sample_batch

    for case in sample_batch(checks.boundary_cases().sample, 200, seed=1):
        accuracies, times, max_time = case.args
        assert type(max_time) is int and ref.choose_classifier(*case.args) is not None
        assert times[ref.choose_classifier(*case.args)] == max_time
    for case in sample_batch(checks.tie_cases().sample, 200, seed=2):
        accuracies, times, max_time = case.args
        assert (accuracies[times <= max_time] == 0.99).sum() >= 2
    for case in sample_batch(checks.too_slow_cases().sample, 200, seed=3):
        assert ref.choose_classifier(*case.args) is None


def test_sampled_gaps_draw_the_bounds_and_zero_and_untied_ones_have_one_largest(checks):
    from grader.judge.strategies import sample_batch

    cases = sample_batch(checks.random_errors.sample, 300, seed=4)
    assert all(type(v) is float for c in cases for v in c.args)
    humans = [c.args[0] for c in cases]
    assert 0.08 in humans and 0.2 in humans and all(0.08 <= h <= 0.2 for h in humans)
    assert all(e >= 0 for c in cases for e in c.args)
    for case in sample_batch(checks.untied_random_errors.sample, 300, seed=5):
        gaps = sorted(np.diff(case.args), reverse=True)
        assert gaps[0] - gaps[1] >= 1 / 1024 - 1e-12
    for case in sample_batch(checks.tied_errors().sample, 300, seed=6):
        gaps = sorted(np.diff(case.args), reverse=True)
        assert gaps[0] == gaps[1]


def test_sampled_counts_weights_tallies_and_tasks_are_in_range(checks):
    from grader.judge.strategies import sample_batch

    for case in sample_batch(checks.count_cases(row=True).sample, 100, seed=7):
        y_true, y_pred = case.args
        assert y_true.shape[0] == 1 and ((y_true == 1) & (y_pred == 1)).sum() >= 1
    weighted = sample_batch(checks.weighted_cases(("unit",)).sample, 100, seed=8)
    assert {c.args[0].ndim for c in weighted} == {1, 2} and all((c.args[2] == 1).all() for c in weighted)
    for case in sample_batch(checks.tally_cases(least=1, repeats=True).sample, 100, seed=9):
        tags, dev_error = case.args
        assert (
            1 <= len(tags) <= 60
            and dev_error in checks.DEV_ERRORS
            and any(len(set(t)) < len(t) for t in tags)
        )
    for case in sample_batch(checks.multitask_cases(both=True).sample, 100, seed=10):
        Y, _ = case.args
        assert 1 <= Y.shape[0] <= 5 and 2 <= Y.shape[1] <= 40 and np.isnan(Y).any() and not np.isnan(Y).all()
