r"""The inputs of the course 3 checks (:mod:`grader.checks.c3`): how they are drawn.

The lectures' own numbers (classifiers A and B, the satisficing example, the filter with
weighted errors, the five error levels of mismatched distributions, the error-analysis
spreadsheet, the four-task example with "?" labels), and random cases sampled from one
seed: labels with given TP, FP, FN, TN; classifiers on the time limit, tied, or all too
slow; weighted labels; errors built from four gaps (with or without a tie for the
largest); error-analysis tags; multi-task labels with unlabeled (nan) entries.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from grader.judge.strategies import (
    Case,
    Sampled,
    sample_float,
    sample_int,
    sample_ints,
    sample_seed,
    sample_value,
    sample_values,
)

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


# --------------------------------------------------------------------------- multi-task loss


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
