r"""Known mistakes in the course 3 exercises, run judge-side to name a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`).
Written from the formulas, not copied from student code.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake

# --------------------------------------------------------------------------- precision, recall, F1


def counts(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[int, int, int, int]:
    """``(TP, FP, FN, TN)``."""
    positive, predicted = y_true == 1, y_pred == 1
    return (int(np.sum(positive & predicted)), int(np.sum(~positive & predicted)),
            int(np.sum(positive & ~predicted)), int(np.sum(~positive & ~predicted)))  # fmt: skip


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _prf(tp: int, fp: int, fn: int, mean: str = "harmonic") -> tuple[float, float, float]:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return p, r, (_ratio(2 * p * r, p + r) if mean == "harmonic" else (p + r) / 2)


def _swapped(y_true, y_pred):
    p, r, f1 = _prf(*counts(y_true, y_pred)[:3])
    return r, p, f1


def _agreements_as_tp(y_true, y_pred):
    tp, fp, fn, tn = counts(y_true, y_pred)
    return _prf(tp + tn, fp, fn)


PRECISION_RECALL_F1 = (
    Mistake("the arithmetic mean (P + R) / 2 in place of F1",
            "F1 is the harmonic mean: 2 * P * R / (P + R), which punishes a low precision or recall",
            lambda y_true, y_pred: _prf(*counts(y_true, y_pred)[:3], mean="arithmetic")),
    Mistake("precision and recall swapped",
            "precision = TP / (TP + FP) (of the predicted positives, how many are right); "
            "recall = TP / (TP + FN) (of the actual positives, how many are found)",
            _swapped),
    Mistake("counting every agreement y_pred == y_true (true negatives too) as a true positive",
            "a true positive is y_true == 1 AND y_pred == 1: true negatives count nowhere",
            _agreements_as_tp),
)  # fmt: skip

# --------------------------------------------------------------------------- choose_classifier


def _choose(accuracies, times, max_time=100, fits=np.less_equal, key="accuracy", ties="first"):
    ok = [k for k in range(len(accuracies)) if fits(times[k], max_time)]
    if not ok:
        return None
    if key == "time":
        return min(ok, key=lambda k: times[k])
    best = max(accuracies[k] for k in ok)
    winners = [k for k in ok if accuracies[k] == best]
    return winners[0] if ties == "first" else winners[-1]


CHOOSE_CLASSIFIER = (
    Mistake("a strict running_times < max_time",
            "the constraint is inclusive: a running time equal to max_time is acceptable (<=)",
            lambda a, t, max_time=100: _choose(a, t, max_time, fits=np.less)),
    Mistake("the most accurate classifier, ignoring the running-time constraint",
            "first keep only the classifiers with running_times <= max_time, then maximize accuracy "
            "among them",
            lambda a, t, max_time=100: _choose(a, t, max_time, fits=lambda time, limit: True)),
    Mistake("the fastest classifier that meets the constraint",
            "running time is only satisficing: among the classifiers fast enough, pick the MOST ACCURATE",
            lambda a, t, max_time=100: _choose(a, t, max_time, key="time")),
    Mistake("a tie in accuracy sent to the last classifier",
            "on a tie keep the first (lowest index): np.argmax does, and so does a loop that updates "
            "only on >",
            lambda a, t, max_time=100: _choose(a, t, max_time, ties="last")),
)  # fmt: skip

# --------------------------------------------------------------------------- weighted_error

WEIGHTED_ERROR = (
    Mistake("dividing by m instead of the sum of the weights",
            "divide by np.sum(weights), so that the error stays in [0, 1]",
            lambda y, p, w: float(np.sum(w * (p != y)) / y.size)),
    Mistake("the unweighted error rate (weights ignored)",
            "multiply each mistake by its weight: np.sum(weights * (y_pred != y_true)) / np.sum(weights)",
            lambda y, p, w: float(np.mean(p != y))),
    Mistake("the weighted accuracy (the weights of the right predictions)",
            "count the mistakes, y_pred != y_true, not the right predictions",
            lambda y, p, w: float(np.sum(w * (p == y)) / np.sum(w))),
)  # fmt: skip

# --------------------------------------------------------------------------- error decomposition

GAPS = ("avoidable_bias", "variance", "data_mismatch", "overfitting_to_dev")


def _gaps(h, t, td, d, s, variance=None, mismatch=None, overfitting=None, bias=None):
    return {"avoidable_bias": t - h if bias is None else bias,
            "variance": td - t if variance is None else variance,
            "data_mismatch": d - td if mismatch is None else mismatch,
            "overfitting_to_dev": s - d if overfitting is None else overfitting}  # fmt: skip


ERROR_DECOMPOSITION = (
    Mistake("the variance measured to the dev error (dev - train), skipping the train-dev set",
            "variance = train_dev_error - train_error: the train-dev set has the training distribution",
            lambda h, t, td, d, s: _gaps(h, t, td, d, s, variance=d - t)),
    Mistake("the data mismatch measured from the training error (dev - train)",
            "data_mismatch = dev_error - train_dev_error: both sets are unseen, only the distribution "
            "differs",
            lambda h, t, td, d, s: _gaps(h, t, td, d, s, mismatch=d - t)),
    Mistake("overfitting to dev with its sign flipped (dev - test)",
            "overfitting_to_dev = test_error - dev_error: positive when the test error is worse",
            lambda h, t, td, d, s: _gaps(h, t, td, d, s, overfitting=d - s)),
    Mistake("the training error taken as the avoidable bias (human-level error ignored)",
            "avoidable_bias = train_error - human_error: human-level error stands in for Bayes error",
            lambda h, t, td, d, s: _gaps(h, t, td, d, s, bias=t)),
)  # fmt: skip


def _lever(gaps: dict, pick=max, tie="first", names=GAPS) -> str:
    values = [gaps[name] for name in names]
    best = pick(values)
    winners = [name for name, value in zip(names, values, strict=True) if value == best]
    return winners[0] if tie == "first" else winners[-1]


NEXT_LEVER = (
    Mistake("the smallest gap",
            "work on the LARGEST gap: the one that costs the most error",
            lambda *e: _lever(_gaps(*e), pick=min)),
    Mistake("a tie sent to the later gap",
            "on a tie keep the earlier gap in the order avoidable_bias, variance, data_mismatch, "
            "overfitting_to_dev (compare with >, or max over the gaps in that order)",
            lambda *e: _lever(_gaps(*e), tie="last")),
    Mistake("the largest of the first three gaps (overfitting to dev forgotten)",
            "compare all four gaps, overfitting_to_dev = test_error - dev_error included",
            lambda *e: _lever(_gaps(*e), names=GAPS[:3])),
)  # fmt: skip

# --------------------------------------------------------------------------- error analysis


def _tally(tags, dev_error, per="example", distinct=True, first_only=False, remaining=False):
    seen: dict = {}
    for example in tags:
        chosen = example[:1] if first_only else (set(example) if distinct else example)
        for category in chosen:
            seen[category] = seen.get(category, 0) + 1
    m = {"example": len(tags), "tag": sum(len(t) for t in tags), "tagged": sum(1 for t in tags if t)}[per]
    fractions = {c: n / m for c, n in seen.items()}
    return {c: {"count": seen[c], "fraction": f, "max_reduction": dev_error * (1 - f if remaining else f)}
            for c, f in fractions.items()}  # fmt: skip


ERROR_ANALYSIS_TALLY = (
    Mistake("fractions of the number of tags instead of the number of examples",
            "divide by m = len(tags), the number of mislabeled examples: an example with two tags is still "
            "one mistake",
            lambda tags, e: _tally(tags, e, per="tag")),
    Mistake("fractions of the tagged examples only (untagged ones left out of m)",
            "m = len(tags) counts every mislabeled example, including those without a tag",
            lambda tags, e: _tally(tags, e, per="tagged")),
    Mistake("only the first tag of each example counted",
            "an example counts once in EACH of its categories: loop over all its tags",
            lambda tags, e: _tally(tags, e, first_only=True)),
    Mistake("a repeated tag counted twice in one example",
            "count each example at most once per category (iterate over set(example))",
            lambda tags, e: _tally(tags, e, distinct=False)),
    Mistake("the error that would remain, dev_error * (1 - fraction), as max_reduction",
            "max_reduction is what fixing the category could REMOVE: fraction * dev_error",
            lambda tags, e: _tally(tags, e, remaining=True)),
)  # fmt: skip

# --------------------------------------------------------------------------- multi-task loss


def _losses(Y: np.ndarray, Y_hat: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return -(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat))


MULTITASK_LOSS = (
    Mistake("the unlabeled entries ('?', nan) taken as label 0",
            "skip the unlabeled entries: sum only where ~np.isnan(Y)",
            lambda Y, Y_hat: float(np.sum(_losses(np.nan_to_num(Y), Y_hat)) / Y.shape[1])),
    Mistake("dividing by the number of labeled entries instead of m",
            "the course divides by m, the number of examples: (1/m) * sum over i of the sum over the "
            "labeled j",
            lambda Y, Y_hat: float(np.nansum(_losses(Y, Y_hat)) / np.sum(~np.isnan(Y)))),
    Mistake("dividing by the number of tasks (Y.shape[0]) instead of m",
            "m = Y.shape[1]: examples are columns, tasks are rows",
            lambda Y, Y_hat: float(np.nansum(_losses(Y, Y_hat)) / Y.shape[0])),
)  # fmt: skip
