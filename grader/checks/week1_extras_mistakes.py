r"""Known mistakes in the week 1 extras, run judge-side to name a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`);
:data:`INIT_VARIANCES` names the variance a wrong initialization draws with.  Written
from the formulas, not copied from student code.
"""

from __future__ import annotations

import math

import numpy as np

from grader.judge.judging import Mistake

#: ``(name, variance(n_in, n_out))`` of the usual initialization scales, to name what a
#: student's weights were drawn with.
INIT_VARIANCES = (
    ("Xavier's 1 / n_{l-1}", lambda n_in, n_out: 1 / n_in),
    ("Glorot's 2 / (n_{l-1} + n_l)", lambda n_in, n_out: 2 / (n_in + n_out)),
    ("He's 2 / n_{l-1}", lambda n_in, n_out: 2 / n_in),
    ("1 / n_l (the fan-out, not the fan-in)", lambda n_in, n_out: 1 / n_out),
    ("1 / (n_{l-1} + n_l) (the 2 forgotten)", lambda n_in, n_out: 1 / (n_in + n_out)),
    ("1 / n_{l-1}**2 (a scale without the square root)", lambda n_in, n_out: 1 / n_in**2),
    (
        "(2 / (n_{l-1} + n_l))**2 (a scale without the square root)",
        lambda n_in, n_out: (2 / (n_in + n_out)) ** 2,
    ),
    ("1 (no scaling)", lambda n_in, n_out: 1.0),
)


def _fit(X_train, ddof=0, std=False):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.sum((X_train - mu) ** 2, axis=1, keepdims=True) / (X_train.shape[1] - ddof)
    return mu, np.sqrt(sigma2) if std else sigma2


FIT_NORMALIZER = (
    Mistake("the sample variance (dividing by m - 1)",
            "divide by m, as np.var and np.mean do: sigma2 = np.mean((X - mu) ** 2, axis=1, keepdims=True)",
            lambda X: _fit(X, ddof=1)),
    Mistake("the standard deviation in place of the variance",
            "return the variance sigma2, not its square root",
            lambda X: _fit(X, std=True)),
)  # fmt: skip

NORMALIZE = (
    Mistake("normalizing X with its own mean and variance",
            "use the mu and sigma2 you are given (the training set's), never X's own statistics",
            lambda X, mu, sigma2, epsilon=1e-8: (X - X.mean(axis=1, keepdims=True))
            / np.sqrt(X.var(axis=1, keepdims=True) + epsilon)),
    Mistake("epsilon outside the square root",
            "epsilon goes inside: np.sqrt(sigma2 + epsilon)",
            lambda X, mu, sigma2, epsilon=1e-8: (X - mu) / (np.sqrt(sigma2) + epsilon)),
    Mistake("dividing by the variance instead of the standard deviation",
            "divide by the square root: np.sqrt(sigma2 + epsilon)",
            lambda X, mu, sigma2, epsilon=1e-8: (X - mu) / (sigma2 + epsilon)),
)  # fmt: skip


def split_sizes(
    m: int, dev_fraction: float, test_fraction: float, rounding=math.floor
) -> tuple[int, int, int]:
    """``(m_train, m_dev, m_test)``: floors of the products (or another ``rounding``)."""
    m_dev, m_test = int(rounding(dev_fraction * m)), int(rounding(test_fraction * m))
    return m - m_dev - m_test, m_dev, m_test


def _diagnosis(avoidable_bias, variance, tie="bias", swapped=False):
    larger = "bias" if avoidable_bias > variance else "variance"
    focus = tie if avoidable_bias == variance else larger
    if swapped:
        focus = {"bias": "variance", "variance": "bias"}[focus]
    return {"avoidable_bias": avoidable_bias, "variance": variance, "focus": focus}


DIAGNOSE = (
    Mistake("the training error taken as the avoidable bias (human-level error ignored)",
            "avoidable bias = train_error - human_error: human-level error stands in for Bayes error",
            lambda h, t, d: _diagnosis(t, d - t)),
    Mistake("the variance measured from human-level error (dev_error - human_error)",
            "variance = dev_error - train_error, the gap between training and dev error",
            lambda h, t, d: _diagnosis(t - h, d - h)),
    Mistake("a tie sent to variance",
            "on a tie, focus on bias (avoidable_bias >= variance), as the basic recipe fixes bias first",
            lambda h, t, d: _diagnosis(t - h, d - t, tie="variance")),
    Mistake("the focus on the smaller gap",
            "focus on the larger gap: 'bias' when avoidable_bias >= variance, else 'variance'",
            lambda h, t, d: _diagnosis(t - h, d - t, swapped=True)),
)  # fmt: skip
