r"""Checks for course 3, "Structuring machine learning projects" (:mod:`reference.metrics`).

Besides matching the reference on the lectures' own numbers and on random inputs, the
checks test what the lectures teach, judged from the student's values alone:

* F1 is the *harmonic* mean of the precision and recall the student returns, true negatives
  change none of the three, and a zero division gives 0.0 (the documented convention);
* the satisficing constraint is inclusive, ties go to the first classifier, and ``None``
  says that no classifier is fast enough;
* the weighted error does not change when every weight is scaled, and with unit weights
  it is the error rate;
* the four gaps of the error decomposition add up to ``test_error - human_error``;
* an error-analysis example with several tags counts once in each, over the number of
  examples, and the ceiling ``max_reduction`` is ``fraction * dev_error``;
* the multi-task loss ignores ``Y_hat`` wherever the label is "?" (``np.nan``) and divides
  by m, the number of examples.

``next_lever`` may call ``error_decomposition``: its checks run it with the reference's in
that place (:mod:`grader.boundary.blocks`) and compare it with the reference, so a mistake in the gaps
costs points once, in ``error_decomposition``, and never excuses the lever.  A property that
a body computing nothing also has (true negatives change nothing in zeros, scaling the
weights changes nothing in a constant) counts only together with the function's values
(``@pytest.mark.needs``).

The inputs (the lectures' numbers, and how the random cases are drawn) are in
:mod:`grader.checks.c3_inputs`, the comparisons the shared ones do not make (a finite
number, the three scores, an index or ``None``, a gap's name, a tally's shape) in
:mod:`grader.checks.c3_expect`, the known mistakes in :mod:`grader.checks.c3_mistakes`.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import c3_mistakes as mistakes
from grader.checks.c3_expect import (
    SCORES,
    UNLABELED_NAN,
    as_finite,
    compare_scores,
    expect_gap_name,
    expect_index,
    expect_tally,
    scores_as_floats,
)
from grader.checks.c3_inputs import (
    DEV_ERRORS,  # noqa: F401  # read by the tests
    LECTURE_CHOICES,
    LECTURE_CLASSIFIERS,
    LECTURE_ERRORS,
    LECTURE_TALLIES,
    ZERO_DIVISIONS,
    boundary_cases,
    classifier_cases,
    count_cases,
    course_example,
    label_case,
    lecture_weighted_case,
    multitask_cases,
    random_errors,
    tally_cases,
    tie_cases,
    tied_errors,
    too_slow_cases,
    untied_random_errors,
    weighted_cases,
)
from grader.judge.compare import REFERENCE, CheckFailed, expect_keys, expect_number, fail, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged, outcomes, unwrap
from grader.judge.strategies import Case, batches
from reference import metrics as ref

PRF = Exercise(
    "precision_recall_f1",
    ref.precision_recall_f1,
    returns=SCORES,
    mistakes=mistakes.PRECISION_RECALL_F1,
    comparison=compare_scores,
)
CHOOSE = Exercise(
    "choose_classifier",
    ref.choose_classifier,
    returns="index",
    mistakes=mistakes.CHOOSE_CLASSIFIER,
    comparison=expect_index,
)
WEIGHTED = Exercise("weighted_error", ref.weighted_error, returns="error", mistakes=mistakes.WEIGHTED_ERROR)
DECOMPOSITION = Exercise("error_decomposition", ref.error_decomposition, returns="gaps",
                         mistakes=mistakes.ERROR_DECOMPOSITION)  # fmt: skip
#: Run with the reference's ``error_decomposition`` in its place (``builds_on``).
LEVER = Exercise(
    "next_lever", ref.next_lever, returns="gap", mistakes=mistakes.NEXT_LEVER, comparison=expect_gap_name
)
TALLY = Exercise("error_analysis_tally", ref.error_analysis_tally, returns="tally",
                 mistakes=mistakes.ERROR_ANALYSIS_TALLY)  # fmt: skip
LOSS = Exercise("multitask_loss", ref.multitask_loss, returns="cost", mistakes=mistakes.MULTITASK_LOSS)
EXERCISES = declare(PRF, CHOOSE, WEIGHTED, DECOMPOSITION, LEVER, TALLY, LOSS)

# --------------------------------------------------------------------------- precision, recall, F1


@pytest.mark.exercise("precision_recall_f1")
class CheckPrecisionRecallF1:
    @pytest.mark.points(4)
    @pytest.mark.hint("precision = TP / (TP + FP), recall = TP / (TP + FN), f1 = 2 * P * R / (P + R)")
    def check_lecture_classifiers(self, student):
        PRF.like_reference(student, LECTURE_CLASSIFIERS)

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "count TP = sum((y_pred == 1) & (y_true == 1)), FP and FN likewise, then the three ratios"
    )
    @given(batch=batches(count_cases()))
    def check_matches_reference(self, student, batch):
        PRF.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("F1 is the harmonic mean 2 * P * R / (P + R), not the arithmetic mean (P + R) / 2")
    @pytest.mark.needs("check_matches_reference")  # zeros have it
    @given(batch=batches(count_cases()))
    def check_f1_is_the_harmonic_mean_of_your_precision_and_recall(self, student, batch):
        for case, value in judged(student.precision_recall_f1, batch):
            with on(case.description):
                p, r, f1 = scores_as_floats(value)
                harmonic = 2 * p * r / (p + r) if p + r > 0 else 0.0
                try:
                    expect_number(f1, harmonic, f"f1 for your precision {p:.6g} and recall {r:.6g}")
                except CheckFailed as failure:
                    arithmetic = (
                        " -- that is the arithmetic mean (P + R) / 2" if np.isclose(f1, (p + r) / 2) else ""
                    )
                    raise CheckFailed(f"{failure}{arithmetic}") from None

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "a zero division gives 0.0: test the denominator (TP + FP, TP + FN, P + R) before dividing"
    )
    @pytest.mark.needs("check_matches_reference")  # zeros have it
    def check_zero_division_gives_zero(self, student):
        zero_divisions = [label_case(*c[:4], seed, where=c[4]) for seed, c in enumerate(ZERO_DIVISIONS)]
        PRF.like_reference(student, zero_divisions)

    @pytest.mark.points(2)
    @pytest.mark.hint("true negatives (y_true == 0 and y_pred == 0) count in none of TP, FP, FN")
    @pytest.mark.needs("check_matches_reference")  # a constant has it
    @given(batch=batches(count_cases(), size=5), extra=st.integers(1, 50))
    def check_true_negatives_change_nothing(self, student, batch, extra):
        negatives = np.zeros(extra, np.int64)
        more = [Case((np.concatenate([c.args[0], negatives]), np.concatenate([c.args[1], negatives])), "")
                for c in batch]  # fmt: skip
        results = outcomes(student.precision_recall_f1, batch + more)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then with {extra} more true negatives"):
                before, after = (
                    scores_as_floats(unwrap(results[i])),
                    scores_as_floats(unwrap(results[len(batch) + i])),
                )
                for name, b, a in zip(SCORES, before, after, strict=True):
                    if not np.isclose(a, b, rtol=REFERENCE.rtol, atol=REFERENCE.atol):
                        fail(f"{name} went from {b:.6g} to {a:.6g}: true negatives must not count")

    @pytest.mark.points(2)
    @pytest.mark.hint("labels may be row vectors of shape (1, m): count with vectorized sums over the whole "
                      "array, not with a loop over y_true[i]")  # fmt: skip
    @given(batch=batches(count_cases(row=True)))
    def check_row_vectors(self, student, batch):
        PRF.like_reference(student, batch)


# --------------------------------------------------------------------------- choose_classifier


@pytest.mark.exercise("choose_classifier")
class CheckChooseClassifier:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "keep the classifiers with running_times <= max_time, then take the most accurate of them"
    )
    def check_lecture_example(self, student):
        CHOOSE.like_reference(student, LECTURE_CHOICES)

    @pytest.mark.points(4)
    @pytest.mark.hint("maximize accuracy (optimizing) among the classifiers with running_times <= max_time "
                      "(satisficing)")  # fmt: skip
    @given(batch=batches(classifier_cases()))
    def check_matches_reference(self, student, batch):
        CHOOSE.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("the constraint is inclusive: running_times <= max_time, not <")
    @given(batch=batches(boundary_cases()))
    def check_running_time_equal_to_max_time_is_allowed(self, student, batch):
        CHOOSE.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("on a tie in accuracy return the first (lowest) index, as np.argmax does")
    @given(batch=batches(tie_cases()))
    def check_tie_goes_to_the_first(self, student, batch):
        CHOOSE.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("when no running time is <= max_time, return None (np.argmax of an empty array raises)")
    @given(batch=batches(too_slow_cases(), size=5))
    def check_none_when_nothing_is_fast_enough(self, student, batch):
        CHOOSE.like_reference(student, batch)


# --------------------------------------------------------------------------- weighted_error


@pytest.mark.exercise("weighted_error")
class CheckWeightedError:
    @pytest.mark.points(3)
    @pytest.mark.hint("error = sum(weights * (y_pred != y_true)) / sum(weights)")
    def check_lecture_example(self, student):
        WEIGHTED.like_reference(student, [lecture_weighted_case()])

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "error = np.sum(weights * (y_pred != y_true)) / np.sum(weights), for shapes (m,) and (1, m)"
    )
    @given(batch=batches(weighted_cases()))
    def check_matches_reference(self, student, batch):
        WEIGHTED.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("with all weights 1 the weighted error is the ordinary error rate: count the MISTAKES")
    @given(batch=batches(weighted_cases(("unit",))))
    def check_unit_weights_give_the_error_rate(self, student, batch):
        WEIGHTED.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("divide by np.sum(weights), not by m: then scaling every weight changes nothing")
    @pytest.mark.needs("check_matches_reference")  # a constant has it
    @given(batch=batches(weighted_cases(), size=5), scale=st.sampled_from([0.1, 3.0, 10.0]))
    def check_scaling_the_weights_changes_nothing(self, student, batch, scale):
        scaled = [Case((*c.args[:2], c.args[2] * scale), "") for c in batch]
        results = outcomes(student.weighted_error, batch + scaled)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then every weight times {scale:g}"):
                before = as_finite(unwrap(results[i]), "error")
                after = as_finite(unwrap(results[len(batch) + i]), "error with the weights scaled")
                if not np.isclose(after, before, rtol=REFERENCE.rtol, atol=REFERENCE.atol):
                    fail(f"the error went from {before:.6g} to {after:.6g}: a weighted error must not "
                         "depend on "
                         "the scale of the weights")  # fmt: skip


# --------------------------------------------------------------------------- error decomposition


@pytest.mark.exercise("error_decomposition")
class CheckErrorDecomposition:
    @pytest.mark.points(4)
    @pytest.mark.hint("avoidable_bias = train - human, variance = train_dev - train, "
                      "data_mismatch = dev - train_dev, "
                      "overfitting_to_dev = test - dev")  # fmt: skip
    def check_lecture_examples(self, student):
        DECOMPOSITION.like_reference(student, LECTURE_ERRORS)

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "each gap is the difference of two neighbouring errors: human, train, train-dev, dev, test"
    )
    @given(batch=batches(random_errors))
    def check_matches_reference(self, student, batch):
        DECOMPOSITION.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("the gaps telescope: each starts where the previous ended "
                      "(human -> train -> train-dev -> "
                      "dev -> test), so they add up to test_error - human_error")  # fmt: skip
    @given(batch=batches(random_errors))
    def check_gaps_add_up_to_test_minus_human(self, student, batch):
        for case, value in judged(student.error_decomposition, batch):
            with on(case.description):
                expect_keys(value, dict.fromkeys(mistakes.GAPS), "gaps")
                gaps = [as_finite(value[name], f"gaps[{name!r}]") for name in mistakes.GAPS]  # type: ignore[index]
                total = sum(gaps)
                human, test = case.args[0], case.args[4]
                if not np.isclose(total, test - human, rtol=REFERENCE.rtol, atol=REFERENCE.atol):
                    fail(
                        f"the four gaps add up to {total:.6g}, not to test_error - human_error = "
                        f"{test - human:.6g}"
                    )


# --------------------------------------------------------------------------- next_lever


@pytest.mark.exercise("next_lever")
class CheckNextLever:
    @pytest.mark.points(4)
    @pytest.mark.hint("compute the four gaps and return the name of the largest")
    def check_lecture_examples(self, student):
        LEVER.like_reference(student, LECTURE_ERRORS)

    @pytest.mark.points(4)
    @pytest.mark.hint("compare all four gaps (avoidable_bias, variance, data_mismatch, overfitting_to_dev) "
                      "and "
                      "return the name of the largest")  # fmt: skip
    @given(batch=batches(untied_random_errors))
    def check_matches_reference(self, student, batch):
        LEVER.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("on a tie keep the earlier gap in the order avoidable_bias, variance, data_mismatch, "
                      "overfitting_to_dev")  # fmt: skip
    @given(batch=batches(tied_errors()))
    def check_tie_goes_to_the_earlier_gap(self, student, batch):
        LEVER.like_reference(student, batch)


# --------------------------------------------------------------------------- error analysis


@pytest.mark.exercise("error_analysis_tally")
class CheckErrorAnalysisTally:
    @pytest.mark.points(4)
    @pytest.mark.hint("count the examples carrying each tag; fraction = count / len(tags); "
                      "max_reduction = fraction * dev_error")  # fmt: skip
    def check_lecture_spreadsheet(self, student):
        TALLY.like_reference(student, LECTURE_TALLIES)

    @pytest.mark.points(4)
    @pytest.mark.hint("one entry per category that occurs, {'count': n, 'fraction': n / m, "
                      "'max_reduction': n / m * dev_error} with m = len(tags)")  # fmt: skip
    @given(batch=batches(tally_cases()))
    def check_matches_reference(self, student, batch):
        TALLY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("an example with several tags counts once in EACH category, and the fractions are "
                      "over the "
                      "number of examples, len(tags), not the number of tags")  # fmt: skip
    @given(batch=batches(tally_cases(least=2, most=4)))
    def check_several_tags_per_example(self, student, batch):
        TALLY.like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "an example counts at most once per category, even when a tag is repeated: use set(example)"
    )
    @given(batch=batches(tally_cases(least=1, repeats=True)))
    def check_repeated_tag_counts_once(self, student, batch):
        TALLY.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "max_reduction = fraction * dev_error: the most the dev error can drop by fixing the category"
    )
    @pytest.mark.needs("check_matches_reference")  # zeros have it
    @given(batch=batches(tally_cases()))
    def check_max_reduction_is_fraction_times_dev_error(self, student, batch):
        for case, value in judged(student.error_analysis_tally, batch):
            with on(case.description):
                dev_error = case.args[1]
                for category, row in expect_tally(value).items():
                    bound = float(row["fraction"]) * dev_error
                    got = float(row["max_reduction"])
                    if not np.isclose(got, bound, rtol=REFERENCE.rtol, atol=REFERENCE.atol):
                        remaining = (" -- that is the error that would remain, dev_error * (1 - fraction)"
                                     if np.isclose(got, dev_error - bound) else "")  # fmt: skip
                        fail(
                            f"tally[{category!r}]['max_reduction'] is {got:.6g}, but your fraction "
                            f"{float(row['fraction']):.6g} times dev_error is {bound:.6g}{remaining}"
                        )


# --------------------------------------------------------------------------- multi-task loss


@pytest.mark.exercise("multitask_loss")
class CheckMultitaskLoss:
    @pytest.mark.points(3)
    @pytest.mark.hint("sum the logistic loss over the labeled entries only, then divide by m = Y.shape[1]")
    def check_course_example(self, student):
        LOSS.like_reference(student, [course_example()])

    @pytest.mark.points(4)
    @pytest.mark.hint("with every entry labeled, the cost is (1/m) times the sum of the logistic loss "
                      "over all tasks "
                      "and examples: divide by m = Y.shape[1] only")  # fmt: skip
    @given(batch=batches(multitask_cases(min_tasks=2, rates=(0.0,))))
    def check_fully_labeled_is_the_cross_entropy_summed_over_tasks(self, student, batch):
        LOSS.like_reference(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("an unlabeled entry (np.isnan(Y)) contributes nothing: mask it out, do not treat "
                      "it as 0 "
                      "and do not let nan propagate")  # fmt: skip
    @pytest.mark.needs("check_matches_reference")  # a constant has it
    @given(batch=batches(multitask_cases(both=True), size=5))
    def check_prediction_on_an_unlabeled_entry_changes_nothing(self, student, batch):
        changed = []
        for case in batch:
            Y, Y_hat = case.args
            other = Y_hat.copy()
            other[np.isnan(Y)] = 1 - Y_hat[np.isnan(Y)] / 2  # another probability in (0, 1)
            changed.append(Case((Y, other), ""))
        results = outcomes(student.multitask_loss, batch + changed)
        for i, case in enumerate(batch):
            with on(f"{case.description}, then Y_hat changed where Y is nan"):
                before = as_finite(unwrap(results[i]), "cost", UNLABELED_NAN)
                after = as_finite(unwrap(results[len(batch) + i]), "cost", UNLABELED_NAN)
                if not np.isclose(after, before, rtol=REFERENCE.rtol, atol=REFERENCE.atol):
                    fail(f"the cost went from {before:.6g} to {after:.6g}, but Y_hat changed only where "
                         "the label "
                         "is unknown")  # fmt: skip

    @pytest.mark.points(5)
    @pytest.mark.hint("J = (1/m) * sum over the labeled entries of -(y log y_hat + (1 - y) log(1 - y_hat)), "
                      "m = Y.shape[1], however many entries are labeled")  # fmt: skip
    @given(batch=batches(multitask_cases(both=True)))
    def check_matches_reference(self, student, batch):
        LOSS.like_reference(student, batch)
