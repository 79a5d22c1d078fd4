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
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import c3_mistakes as mistakes
from grader.judge.compare import (
    REFERENCE,
    CheckFailed,
    Tolerance,
    expect_keys,
    expect_number,
    expect_parts,
    expect_same,
    fail,
    kind,
    on,
)
from grader.judge.judging import expect_like_reference, judged, outcomes, unwrap
from grader.judge.strategies import (
    Case,
    Sampled,
    batches,
    sample_float,
    sample_int,
    sample_ints,
    sample_seed,
    sample_value,
    sample_values,
)
from reference import metrics as ref

# --------------------------------------------------------------------------- precision, recall, F1


def label_case(tp: int, fp: int, fn: int, tn: int, seed: int, row: bool = False, where: str = "") -> Case:
    """Shuffled 0/1 labels with exactly these counts, of shape (m,) or (1, m)."""
    pairs = np.array([(1, 1)] * tp + [(0, 1)] * fp + [(1, 0)] * fn + [(0, 0)] * tn, dtype=np.int64)
    pairs = pairs.reshape(-1, 2)  # (m, 2): (y_true, y_pred) per example
    pairs = pairs[np.random.default_rng(seed).permutation(len(pairs))]  # (m, 2)
    y_true, y_pred = pairs[:, 0].copy(), pairs[:, 1].copy()
    if row:
        y_true, y_pred = y_true.reshape(1, -1), y_pred.reshape(1, -1)
    return Case((y_true, y_pred), f"{where}y_true and y_pred of shape {y_true.shape} with "
                f"TP={tp}, FP={fp}, FN={fn}, TN={tn}")  # fmt: skip


def count_cases(min_tp: int = 1, row: bool = False) -> Sampled[Case]:
    """TP in ``min_tp``..60 and FP, FN, TN in 0..60, sampled."""

    def sample(rng: np.random.Generator) -> Case:
        tp, (fp, fn, tn) = sample_int(rng, min_tp, 60), sample_ints(rng, 0, 60, 3)
        return label_case(tp, fp, fn, tn, sample_seed(rng), row)

    return Sampled(sample)


def plural(n: int, word: str, words: str = "") -> str:
    """``"1 example"``, ``"3 examples"``; ``words`` is the plural when it is not ``word + "s"``."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def as_finite(value: object, what: str, if_nan: str = "") -> float:
    """``value`` as a float: it must be a finite real number (not a bool); ``if_nan`` explains a nan."""
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        fail(f"{what}: expected a number, got {kind(value)}")
    number = float(value)  # type: ignore[arg-type]
    if not np.isfinite(number):
        fail(f"{what}: got {number}, expected a finite number{if_nan if np.isnan(number) else ''}")
    return number


SCORES = ("precision", "recall", "f1")


def scores_as_floats(got: object) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` (:func:`~grader.judge.compare.expect_parts`), each part a finite
    number, as a ``float``."""
    nan = " -- 0/0 gives nan: test the denominator before dividing"
    p, r, f1 = (as_finite(v, name, nan) for name, v in zip(SCORES, expect_parts(got, SCORES), strict=True))
    return p, r, f1


def compare_scores(got: object, expected: tuple, what: str, tol: Tolerance) -> None:
    for name, g, e in zip(SCORES, scores_as_floats(got), expected, strict=True):
        expect_number(g, e, name, tol)


def expect_scores_like_reference(student, cases: list[Case]) -> None:
    expect_like_reference(student.precision_recall_f1, ref.precision_recall_f1, cases, "scores",
                          compare=compare_scores, mistakes=mistakes.PRECISION_RECALL_F1)  # fmt: skip


LECTURE_CLASSIFIERS = [  # week 1, "Single number evaluation metric": A 95% / 90%, B 98% / 85%
    label_case(171, 9, 19, 801, 0, where="the lecture's classifier A (precision 95%, recall 90%), "),
    label_case(833, 17, 147, 3, 1, where="the lecture's classifier B (precision 98%, recall 85%), "),
    label_case(3, 1, 0, 4, 2, where="a small example, "),
]
ZERO_DIVISIONS = [
    (0, 0, 5, 7, "nothing predicted positive (precision is 0/0), "),
    (0, 6, 0, 4, "nothing actually positive (recall is 0/0), "),
    (0, 0, 0, 9, "only true negatives (precision and recall are 0/0), "),
    (0, 3, 4, 2, "no true positive (P = R = 0, so F1 is 0/0), "),
]


@pytest.mark.exercise("precision_recall_f1")
class CheckPrecisionRecallF1:
    @pytest.mark.points(4)
    @pytest.mark.hint("precision = TP / (TP + FP), recall = TP / (TP + FN), f1 = 2 * P * R / (P + R)")
    def check_lecture_classifiers(self, student):
        expect_scores_like_reference(student, LECTURE_CLASSIFIERS)

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "count TP = sum((y_pred == 1) & (y_true == 1)), FP and FN likewise, then the three ratios"
    )
    @given(batch=batches(count_cases()))
    def check_matches_reference(self, student, batch):
        expect_scores_like_reference(student, batch)

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
        expect_scores_like_reference(student, [label_case(*c[:4], seed, where=c[4]) for seed, c in
                                               enumerate(ZERO_DIVISIONS)])  # fmt: skip

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
                for name, b, a in zip(("precision", "recall", "f1"), before, after, strict=True):
                    if not np.isclose(a, b, rtol=REFERENCE.rtol, atol=REFERENCE.atol):
                        fail(f"{name} went from {b:.6g} to {a:.6g}: true negatives must not count")

    @pytest.mark.points(2)
    @pytest.mark.hint("labels may be row vectors of shape (1, m): count with vectorized sums over the whole "
                      "array, not with a loop over y_true[i]")  # fmt: skip
    @given(batch=batches(count_cases(row=True)))
    def check_row_vectors(self, student, batch):
        expect_scores_like_reference(student, batch)


# --------------------------------------------------------------------------- choose_classifier

ACCURACIES = (0.8, 0.85, 0.9, 0.92, 0.95, 0.97)
MAX_TIMES = (50, 100, 150, 200)


def sample_times(rng: np.random.Generator, n: int) -> list[float]:
    """``n`` running times, each 10.0 * k with k in 1..30."""
    return [10.0 * k for k in sample_ints(rng, 1, 30, n)]


def classifier_case(accuracies: list[float], times: list[float], max_time: float, where: str = "") -> Case:
    a, t = np.array(accuracies, dtype=float), np.array(times, dtype=float)
    return Case(
        (a, t, max_time), f"{where}accuracies={a.tolist()}, running_times={t.tolist()}, max_time={max_time:g}"
    )


def expect_index(got: object, expected: int | None, what: str, tol: Tolerance = REFERENCE) -> None:
    """An int index equal to ``expected``, or ``None`` exactly when ``expected`` is."""
    if expected is None:
        if got is not None:
            fail(f"{what}: got {kind(got)}, expected None: no classifier runs within max_time")
        return
    if got is None:
        fail(f"{what}: got None, expected {expected}: classifier {expected} runs within max_time")
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, numbers.Integral):
        fail(f"{what}: expected an int index, got {kind(got)}")
    if int(got) != expected:  # type: ignore[call-overload]
        fail(f"{what}: got {int(got)}, expected {expected}")  # type: ignore[call-overload]


def expect_choice_like_reference(student, cases: list[Case]) -> None:
    expect_like_reference(student.choose_classifier, ref.choose_classifier, cases, "index",
                          compare=expect_index,
                          mistakes=mistakes.CHOOSE_CLASSIFIER)  # fmt: skip


def classifier_cases() -> Sampled[Case]:
    """1 to 8 classifiers, accuracies from ACCURACIES, times 10..300, max_time from MAX_TIMES."""

    def sample(rng: np.random.Generator) -> Case:
        n = sample_int(rng, 1, 8)
        accuracies = sample_values(rng, ACCURACIES, n)
        return classifier_case(accuracies, sample_times(rng, n), sample_value(rng, MAX_TIMES))

    return Sampled(sample)


def boundary_cases() -> Sampled[Case]:
    """The best classifier within the limit runs in exactly ``max_time``; the others are worse or slower."""

    def sample(rng: np.random.Generator) -> Case:
        n, max_time = sample_int(rng, 1, 6), sample_value(rng, MAX_TIMES)
        k = sample_int(rng, 0, n - 1)
        accuracies, times = sample_values(rng, ACCURACIES, n), sample_times(rng, n)
        accuracies[k], times[k] = 0.99, float(max_time)
        return classifier_case(accuracies, times, max_time)

    return Sampled(sample)


def tie_cases() -> Sampled[Case]:
    """Two classifiers strictly within the limit share the best accuracy."""

    def sample(rng: np.random.Generator) -> Case:
        n, max_time = sample_int(rng, 2, 7), sample_value(rng, MAX_TIMES)
        i, j = sorted(int(k) for k in rng.choice(n, 2, replace=False))
        accuracies, times = sample_values(rng, ACCURACIES, n), sample_times(rng, n)
        for k in (i, j):
            accuracies[k], times[k] = 0.99, 10.0 * sample_int(rng, 1, max_time // 10 - 1)
        return classifier_case(accuracies, times, max_time)

    return Sampled(sample)


def too_slow_cases() -> Sampled[Case]:
    """1 to 6 classifiers, every one slower than max_time (up to 2000)."""

    def sample(rng: np.random.Generator) -> Case:
        n, max_time = sample_int(rng, 1, 6), sample_value(rng, MAX_TIMES)
        times = [float(t) for t in sample_ints(rng, max_time + 1, 2000, n)]
        return classifier_case(sample_values(rng, ACCURACIES, n), times, max_time)

    return Sampled(sample)


LECTURE_CHOICES = [  # week 1, "Satisficing and optimizing metrics"
    classifier_case([0.90, 0.92, 0.95], [80, 95, 1500], 100, "the lecture's classifiers A, B, C: "),
    classifier_case([90, 92, 95], [80, 95, 1500], 100, "the lecture's classifiers in percent: "),
    classifier_case([0.90, 0.92, 0.95], [80, 95, 1500], 1500, "the lecture's classifiers with more time: "),
]


@pytest.mark.exercise("choose_classifier")
class CheckChooseClassifier:
    @pytest.mark.points(3)
    @pytest.mark.hint(
        "keep the classifiers with running_times <= max_time, then take the most accurate of them"
    )
    def check_lecture_example(self, student):
        expect_choice_like_reference(student, LECTURE_CHOICES)

    @pytest.mark.points(4)
    @pytest.mark.hint("maximize accuracy (optimizing) among the classifiers with running_times <= max_time "
                      "(satisficing)")  # fmt: skip
    @given(batch=batches(classifier_cases()))
    def check_matches_reference(self, student, batch):
        expect_choice_like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("the constraint is inclusive: running_times <= max_time, not <")
    @given(batch=batches(boundary_cases()))
    def check_running_time_equal_to_max_time_is_allowed(self, student, batch):
        expect_choice_like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("on a tie in accuracy return the first (lowest) index, as np.argmax does")
    @given(batch=batches(tie_cases()))
    def check_tie_goes_to_the_first(self, student, batch):
        expect_choice_like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("when no running time is <= max_time, return None (np.argmax of an empty array raises)")
    @given(batch=batches(too_slow_cases(), size=5))
    def check_none_when_nothing_is_fast_enough(self, student, batch):
        expect_choice_like_reference(student, batch)


# --------------------------------------------------------------------------- weighted_error


def weighted_case(m: int, error_rate: float, weighting: str, row: bool, seed: int, where: str = "") -> Case:
    """Labels with about ``error_rate`` mistakes (at least one), weights 1/10 by class or random."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, m)
    wrong = rng.random(m) < error_rate
    wrong[rng.integers(m)] = True
    y_pred = np.where(wrong, 1 - y_true, y_true)
    weights = {"course": np.where(y_true == 1, 10.0, 1.0), "random": rng.uniform(0.1, 5.0, m),
               "unit": np.ones(m)}[weighting]  # fmt: skip
    shape = (1, m) if row else (m,)
    args = (y_true.reshape(shape), y_pred.reshape(shape), weights.reshape(shape))
    return Case(
        args, f"{where}{m} labels of shape {shape} with {int(wrong.sum())} mistakes, {weighting} weights"
    )


def weighted_cases(weightings: tuple[str, ...] = ("course", "random")) -> Sampled[Case]:
    """m in 1..200, an error rate of 0.05, 0.2, 0.5 or 0.9, one of ``weightings``, row or flat."""

    def sample(rng: np.random.Generator) -> Case:
        m, error_rate = sample_int(rng, 1, 200), sample_value(rng, (0.05, 0.2, 0.5, 0.9))
        weighting, row = sample_value(rng, weightings), bool(rng.integers(2))
        return weighted_case(m, error_rate, weighting, row, sample_seed(rng))

    return Sampled(sample)


def lecture_weighted_case() -> Case:
    """20 images, 4 pornographic (label 1, weight 10): one let through, two ordinary ones flagged."""
    y_true = np.array([1] * 4 + [0] * 16)
    y_pred = np.array([0, 1, 1, 1, 1, 1] + [0] * 14)
    return Case((y_true, y_pred, np.where(y_true == 1, 10.0, 1.0)),
                "the lecture's filter: 20 images, 4 pornographic with weight 10, one of them let through "
                "and 2 ordinary images flagged")  # fmt: skip


def expect_weighted_like_reference(student, cases: list[Case]) -> None:
    expect_like_reference(student.weighted_error, ref.weighted_error, cases, "error",
                          mistakes=mistakes.WEIGHTED_ERROR)  # fmt: skip


@pytest.mark.exercise("weighted_error")
class CheckWeightedError:
    @pytest.mark.points(3)
    @pytest.mark.hint("error = sum(weights * (y_pred != y_true)) / sum(weights)")
    def check_lecture_example(self, student):
        expect_weighted_like_reference(student, [lecture_weighted_case()])

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "error = np.sum(weights * (y_pred != y_true)) / np.sum(weights), for shapes (m,) and (1, m)"
    )
    @given(batch=batches(weighted_cases()))
    def check_matches_reference(self, student, batch):
        expect_weighted_like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint("with all weights 1 the weighted error is the ordinary error rate: count the MISTAKES")
    @given(batch=batches(weighted_cases(("unit",))))
    def check_unit_weights_give_the_error_rate(self, student, batch):
        expect_weighted_like_reference(student, batch)

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


def errors_case(h: float, t: float, td: float, d: float, s: float, where: str = "") -> Case:
    return Case((h, t, td, d, s), f"{where}human_error={h:g}, train_error={t:g}, train_dev_error={td:g}, "
                f"dev_error={d:g}, test_error={s:g}")  # fmt: skip


LECTURE_ERRORS = [  # week 2, "Bias and variance with mismatched data distributions" (in percent)
    errors_case(0, 1, 9, 10, 10, "the lecture's variance problem: "),
    errors_case(0, 1, 1.5, 10, 10, "the lecture's data mismatch problem: "),
    errors_case(0, 10, 11, 12, 12, "the lecture's avoidable bias problem: "),
    errors_case(0, 10, 11, 20, 20, "the lecture's bias and data mismatch problem: "),
    errors_case(4, 7, 10, 12, 12, "the lecture's general formulation: "),
    errors_case(4, 7, 10, 6, 6, "the lecture's easier dev distribution: "),
    errors_case(1, 2, 4, 5, 9, "a dev set overfitted: "),
]


def errors_from_gaps(human: float, gaps: list[float]) -> Case:
    return errors_case(*(human + np.cumsum([0.0, *gaps])).tolist())


def gap_cases(build: Callable[[float, list[float]], Case]) -> Sampled[Case]:
    """``build(human, gaps)``: human-level error in [0.08, 0.2] and four gaps in [-0.02, 0.3]
    (every error is >= 0), each of them a bound (or, for a gap, 0) one time in ten."""

    def sample(rng: np.random.Generator) -> Case:
        human = sample_float(rng, 0.08, 0.2)
        return build(human, [sample_float(rng, -0.02, 0.3, (0.0,)) for _ in range(4)])

    return Sampled(sample)


random_errors = gap_cases(errors_from_gaps)


@pytest.mark.exercise("error_decomposition")
class CheckErrorDecomposition:
    @pytest.mark.points(4)
    @pytest.mark.hint("avoidable_bias = train - human, variance = train_dev - train, "
                      "data_mismatch = dev - train_dev, "
                      "overfitting_to_dev = test - dev")  # fmt: skip
    def check_lecture_examples(self, student):
        expect_like_reference(student.error_decomposition, ref.error_decomposition, LECTURE_ERRORS, "gaps",
                              mistakes=mistakes.ERROR_DECOMPOSITION)  # fmt: skip

    @pytest.mark.points(4)
    @pytest.mark.hint(
        "each gap is the difference of two neighbouring errors: human, train, train-dev, dev, test"
    )
    @given(batch=batches(random_errors))
    def check_matches_reference(self, student, batch):
        expect_like_reference(student.error_decomposition, ref.error_decomposition, batch, "gaps",
                              mistakes=mistakes.ERROR_DECOMPOSITION)  # fmt: skip

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


def untied_errors(human: float, gaps: list[float]) -> Case:
    """Errors whose largest gap is ahead of the second by at least 1/1024."""
    order = sorted(range(4), key=lambda k: -gaps[k])
    if gaps[order[0]] - gaps[order[1]] < 1 / 1024:
        gaps[order[0]] = gaps[order[1]] + 1 / 512
    return errors_from_gaps(human, gaps)


def tied_errors() -> Sampled[Case]:
    """Multiples of 1/64 (exact in floating point) with two largest gaps equal."""

    def sample(rng: np.random.Generator) -> Case:
        gaps = sample_ints(rng, -2, 20, 4)
        i, j = (int(k) for k in rng.choice(4, 2, replace=False))
        gaps[i] = gaps[j] = max(gaps) + sample_int(rng, 0, 3)
        return errors_case(*((sample_int(rng, 8, 16) + np.cumsum([0, *gaps])) / 64).tolist())

    return Sampled(sample)


untied_random_errors = gap_cases(untied_errors)


def expect_gap_name(got: object, expected: str, what: str, tol: Tolerance = REFERENCE) -> None:
    if not isinstance(got, str):
        fail(f"{what}: expected a str, one of {list(mistakes.GAPS)}, got {kind(got)}")
    expect_same(got, expected, what, tol)


def expect_lever(student, batch: list[Case]) -> None:
    """Each result must be the reference's (its ``error_decomposition`` is the reference's)."""
    expect_like_reference(student.next_lever, ref.next_lever, batch, "gap", compare=expect_gap_name,
                          mistakes=mistakes.NEXT_LEVER)  # fmt: skip


@pytest.mark.exercise("next_lever")
class CheckNextLever:
    @pytest.mark.points(4)
    @pytest.mark.hint("compute the four gaps and return the name of the largest")
    def check_lecture_examples(self, student):
        expect_lever(student, LECTURE_ERRORS)

    @pytest.mark.points(4)
    @pytest.mark.hint("compare all four gaps (avoidable_bias, variance, data_mismatch, overfitting_to_dev) "
                      "and "
                      "return the name of the largest")  # fmt: skip
    @given(batch=batches(untied_random_errors))
    def check_matches_reference(self, student, batch):
        expect_lever(student, batch)

    @pytest.mark.points(4)
    @pytest.mark.hint("on a tie keep the earlier gap in the order avoidable_bias, variance, data_mismatch, "
                      "overfitting_to_dev")  # fmt: skip
    @given(batch=batches(tied_errors()))
    def check_tie_goes_to_the_earlier_gap(self, student, batch):
        expect_lever(student, batch)


# --------------------------------------------------------------------------- error analysis

CATEGORIES = ("dog", "great cat", "blurry", "instagram filter", "mislabeled", "other")
DEV_ERRORS = (0.1, 0.05, 0.2, 10.0, 3.5)


def tally_case(tags: list[list[str]], dev_error: float, where: str = "") -> Case:
    preview = ", ".join(repr(t) for t in tags[:3]) + (", ..." if len(tags) > 3 else "")
    described = (
        f"{where}tags of {plural(len(tags), 'mislabeled example')} [{preview}], dev_error={dev_error:g}"
    )
    return Case((tags, dev_error), described)


def tally_cases(least: int = 0, most: int = 3, repeats: bool = False) -> Sampled[Case]:
    """1 to 60 examples with between ``least`` and ``most`` distinct tags each; ``repeats``
    repeats one tag in some."""

    def sample(rng: np.random.Generator) -> Case:
        tags = []
        for i in range(sample_int(rng, 1, 60)):
            chosen = [
                CATEGORIES[k]
                for k in rng.choice(len(CATEGORIES), rng.integers(least, most + 1), replace=False)
            ]
            if repeats and chosen and (i == 0 or rng.random() < 0.3):
                chosen.insert(int(rng.integers(len(chosen) + 1)), chosen[0])
            tags.append(chosen)
        return tally_case(tags, sample_value(rng, DEV_ERRORS))

    return Sampled(sample)


def lecture_spreadsheet() -> list[list[str]]:
    """100 mistakes: 8% dogs, 43% great cats, 61% blurry, 12% Instagram filters (week 2, "Carrying out error
    analysis"), overlapping, and one example without a tag."""
    tags: list[list[str]] = [[] for _ in range(100)]
    for category, examples in (("dog", range(0, 8)), ("great cat", range(8, 51)), ("blurry", range(30, 91)),
                               ("instagram filter", [*range(0, 4), *range(91, 99)])):  # fmt: skip
        for i in examples:
            tags[i].append(category)
    return tags


LECTURE_TALLIES = [
    tally_case(lecture_spreadsheet(), 0.1, "the lecture's spreadsheet: "),
    tally_case([["dog"]] * 5 + [[]] * 95, 0.1, "the lecture's 5 dogs in 100 mistakes: "),
    tally_case(
        [["dog"]] * 50 + [["other"]] * 50, 10.0, "the lecture's 50 dogs in 100 mistakes, in percent: "
    ),
]


def expect_tally(got: object) -> dict:
    if not isinstance(got, dict):
        fail(f"expected a dict from category to {{'count', 'fraction', 'max_reduction'}}, got {kind(got)}")
    for category, row in got.items():  # type: ignore[attr-defined]
        expect_keys(row, {"count": 0, "fraction": 0, "max_reduction": 0}, f"tally[{category!r}]")
        for key in ("count", "fraction", "max_reduction"):
            as_finite(row[key], f"tally[{category!r}][{key!r}]")
    return got  # type: ignore[return-value]


def expect_tally_like_reference(student, cases: list[Case]) -> None:
    expect_like_reference(student.error_analysis_tally, ref.error_analysis_tally, cases, "tally",
                          mistakes=mistakes.ERROR_ANALYSIS_TALLY)  # fmt: skip


@pytest.mark.exercise("error_analysis_tally")
class CheckErrorAnalysisTally:
    @pytest.mark.points(4)
    @pytest.mark.hint("count the examples carrying each tag; fraction = count / len(tags); "
                      "max_reduction = fraction * dev_error")  # fmt: skip
    def check_lecture_spreadsheet(self, student):
        expect_tally_like_reference(student, LECTURE_TALLIES)

    @pytest.mark.points(4)
    @pytest.mark.hint("one entry per category that occurs, {'count': n, 'fraction': n / m, "
                      "'max_reduction': n / m * dev_error} with m = len(tags)")  # fmt: skip
    @given(batch=batches(tally_cases()))
    def check_matches_reference(self, student, batch):
        expect_tally_like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint("an example with several tags counts once in EACH category, and the fractions are "
                      "over the "
                      "number of examples, len(tags), not the number of tags")  # fmt: skip
    @given(batch=batches(tally_cases(least=2, most=4)))
    def check_several_tags_per_example(self, student, batch):
        expect_tally_like_reference(student, batch)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "an example counts at most once per category, even when a tag is repeated: use set(example)"
    )
    @given(batch=batches(tally_cases(least=1, repeats=True)))
    def check_repeated_tag_counts_once(self, student, batch):
        expect_tally_like_reference(student, batch)

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


UNLABELED_NAN = " -- does the nan of an unlabeled entry propagate? skip those entries"


def multitask_case(n: int, m: int, unlabeled: float, seed: int, both: bool = False) -> Case:
    """Random labels, a share ``unlabeled`` of them nan; ``both``: at least one labeled entry and one
    unlabeled entry."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, m)) < 0.5).astype(float)
    flat = (rng.random((n, m)) < unlabeled).reshape(-1)  # (n * m,)
    if both:
        first, second = rng.choice(n * m, 2, replace=False)
        flat[first], flat[second] = True, False
    missing = flat.reshape(n, m)
    Y[missing] = np.nan
    Y_hat = rng.uniform(0.02, 0.98, (n, m))
    return Case(
        (Y, Y_hat),
        f"Y of shape {(n, m)} with {plural(int(missing.sum()), 'unlabeled entry', 'unlabeled entries')} "
        "(nan)",
    )


def multitask_cases(min_tasks: int = 1, rates: tuple[float, ...] = (0.1, 0.3, 0.6),
                    both: bool = False) -> Sampled[Case]:  # fmt: skip
    """n in [min_tasks, 5] tasks, m in [2, 40] examples, a share of unlabeled entries from ``rates``."""

    def sample(rng: np.random.Generator) -> Case:
        n, m, unlabeled = sample_int(rng, min_tasks, 5), sample_int(rng, 2, 40), sample_value(rng, rates)
        return multitask_case(n, m, unlabeled, sample_seed(rng), both)

    return Sampled(sample)


def course_example() -> Case:
    """The lecture's four tasks (pedestrian, car, stop sign, traffic light) on five images, with "?"s."""
    q = np.nan
    Y = np.array([[0, 1, 1, 0, q], [1, 1, q, 0, 1], [1, q, 0, 1, 0], [q, 0, 1, q, 0]], dtype=float)
    Y_hat = np.array([[0.1, 0.8, 0.7, 0.3, 0.5], [0.9, 0.6, 0.2, 0.1, 0.7],
                      [0.6, 0.4, 0.2, 0.9, 0.3], [0.5, 0.2, 0.8, 0.6, 0.1]])  # fmt: skip
    return Case((Y, Y_hat), "the lecture's 4 tasks (pedestrian, car, stop sign, traffic light) on 5 images, "
                "with 5 '?' labels (nan)")  # fmt: skip


def expect_loss_like_reference(student, cases: list[Case]) -> None:
    expect_like_reference(student.multitask_loss, ref.multitask_loss, cases, "cost",
                          mistakes=mistakes.MULTITASK_LOSS)  # fmt: skip


@pytest.mark.exercise("multitask_loss")
class CheckMultitaskLoss:
    @pytest.mark.points(3)
    @pytest.mark.hint("sum the logistic loss over the labeled entries only, then divide by m = Y.shape[1]")
    def check_course_example(self, student):
        expect_loss_like_reference(student, [course_example()])

    @pytest.mark.points(4)
    @pytest.mark.hint("with every entry labeled, the cost is (1/m) times the sum of the logistic loss "
                      "over all tasks "
                      "and examples: divide by m = Y.shape[1] only")  # fmt: skip
    @given(batch=batches(multitask_cases(min_tasks=2, rates=(0.0,))))
    def check_fully_labeled_is_the_cross_entropy_summed_over_tasks(self, student, batch):
        expect_loss_like_reference(student, batch)

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
        expect_loss_like_reference(student, batch)
