r"""Known mistakes in the week 3 functions, run judge-side to name a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`) and
returns what the mistaken implementation would.  They are written from the formulas in
:mod:`reference.tuning`, not copied from student code; ``tests/grader/test_week3.py``
shows each differs from the reference.
"""

from __future__ import annotations

import math

import numpy as np

from grader.judge.judging import Mistake


def _uniform(rng, low, high, num):
    return np.random.default_rng(rng).uniform(low, high, size=num)


SAMPLE_LEARNING_RATE = (
    Mistake("sampling the learning rate uniformly between 10**low and 10**high (a linear scale)",
            "sample the exponent: r = rng.uniform(low, high, size=num), then return 10 ** r",
            lambda num, rng, low=-4.0, high=0.0: _uniform(rng, 10.0**low, 10.0**high, num)),
    Mistake("returning the exponents r instead of 10 ** r",
            "r is the exponent: the learning rates are 10 ** r",
            lambda num, rng, low=-4.0, high=0.0: _uniform(rng, low, high, num)),
)  # fmt: skip


def _beta_exponents(num, rng, low, high):
    return _uniform(rng, np.log10(1 - high), np.log10(1 - low), num)


SAMPLE_BETA = (
    Mistake("sampling beta uniformly in [low, high] (a linear scale)",
            "sample 1 - beta on a log scale: r = rng.uniform(np.log10(1 - high), np.log10(1 - low)), "
            "beta = 1 - 10 ** r",
            lambda num, rng, low=0.9, high=0.999: _uniform(rng, low, high, num)),
    Mistake("returning 10 ** r, which is 1 - beta",
            "10 ** r is 1 - beta: return beta = 1 - 10 ** r",
            lambda num, rng, low=0.9, high=0.999: 10.0 ** _beta_exponents(num, rng, low, high)),
    Mistake("the bounds of r taken with np.log (natural) instead of np.log10",
            "beta = 1 - 10 ** r needs base-10 exponents: r between np.log10(1 - high) and np.log10(1 - low)",
            lambda num, rng, low=0.9, high=0.999: 1 - 10.0 ** _uniform(rng, np.log(1 - high), np.log(1 - low), num)),
)  # fmt: skip


def box_variant(trials, scores, log_scale, top_fraction=0.25, *, worst=False, linear=False, floor=False):
    """coarse_to_fine keeping the worst trials, ignoring log_scale, or rounding the count down."""
    k = trials.shape[0]
    n = int(top_fraction * k) if floor else math.ceil(top_fraction * k)
    order = np.argsort(scores if worst else -scores, kind="stable")[:n]
    values = np.array(trials[order], dtype=float)
    if not linear:
        values[:, log_scale] = np.log10(values[:, log_scale])
    return np.stack([values.min(axis=0), values.max(axis=0)], axis=1)


COARSE_TO_FINE = (
    Mistake("keeping the trials of lowest score",
            "higher scores are better: keep np.argsort(-scores)[:n]",
            lambda *a: box_variant(*a, worst=True)),
    Mistake("a box in the values themselves on log-scaled dimensions",
            "on a log-scaled dimension the bounds are exponents: np.log10 of the values",
            lambda *a: box_variant(*a, linear=True)),
    Mistake("keeping int(top_fraction * k) trials (rounded down)",
            "keep n = math.ceil(top_fraction * k) trials, at least one",
            lambda *a: box_variant(*a, floor=True)),
)  # fmt: skip


def batchnorm_variant(Z, gamma, beta, epsilon=1e-8, *, ddof=0, eps_outside=False):
    """batchnorm_forward dividing by m - ddof, or with epsilon added outside the square root."""
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True, ddof=ddof)
    denominator = np.sqrt(var) + epsilon if eps_outside else np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / denominator
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, epsilon)


BATCHNORM_FORWARD = (
    Mistake("the variance divided by m - 1 (np.var(..., ddof=1))",
            "batch norm's variance divides by m: np.mean((Z - mu) ** 2, axis=1, keepdims=True)",
            lambda *a: batchnorm_variant(*a, ddof=1)),
    Mistake("epsilon added outside the square root",
            "epsilon goes inside: (Z - mu) / np.sqrt(var + epsilon)",
            lambda *a: batchnorm_variant(*a, eps_outside=True)),
)  # fmt: skip


def batchnorm_backward_variant(dZ_tilde, cache, *, constant_stats=False, mean_dbeta=False):
    """batchnorm_backward treating mu and var as constants, or averaging dbeta over examples."""
    Z, Z_norm, _, var, gamma, epsilon = cache
    m = Z.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True) / (m if mean_dbeta else 1)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    if constant_stats:
        return dZ_norm / np.sqrt(var + epsilon), dgamma, dbeta
    dZ = (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True)
          - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True)) / (m * np.sqrt(var + epsilon))  # fmt: skip
    return dZ, dgamma, dbeta


BATCHNORM_BACKWARD = (
    Mistake("a backward pass that treats mu and var as constants",
            "mu and var depend on every z of the batch: dZ = (m dZ_norm - sum(dZ_norm) - "
            "Z_norm sum(dZ_norm Z_norm)) / (m sqrt(var + epsilon))",
            lambda *a: batchnorm_backward_variant(*a, constant_stats=True)),
    Mistake("dbeta averaged over the examples",
            "dbeta and dgamma are sums over the examples (dZ_tilde already carries the 1/m)",
            lambda *a: batchnorm_backward_variant(*a, mean_dbeta=True)),
)  # fmt: skip

UPDATE_RUNNING_AVERAGES = (
    Mistake("the weights swapped (the new batch weighted by momentum)",
            "the past gets the momentum: running = momentum * running + (1 - momentum) * batch",
            lambda rm, rv, mu, var, momentum=0.9: ((1 - momentum) * rm + momentum * mu,
                                                   (1 - momentum) * rv + momentum * var)),
)  # fmt: skip

BATCHNORM_FORWARD_TEST = (
    Mistake("normalizing with the test batch's own mean and variance",
            "at test time use running_mean and running_var, not the statistics of Z",
            lambda Z, gamma, beta, rm, rv, epsilon=1e-8: batchnorm_variant(Z, gamma, beta, epsilon)[0]),
    Mistake("epsilon added outside the square root",
            "epsilon goes inside: (Z - running_mean) / np.sqrt(running_var + epsilon)",
            lambda Z, gamma, beta, rm, rv, epsilon=1e-8: gamma * (Z - rm) / (np.sqrt(rv) + epsilon) + beta),
)  # fmt: skip


def _softmax(Z, axis):
    T = np.exp(Z - np.max(Z, axis=axis, keepdims=True))
    return T / np.sum(T, axis=axis, keepdims=True)


SOFTMAX = (
    Mistake("a softmax over each row (axis=1) instead of each column",
            "classes are rows, examples are columns: max and sum over axis=0",
            lambda Z: _softmax(Z, axis=1)),
    Mistake("a softmax normalized by the sum of all entries",
            "normalize each column: np.sum(T, axis=0, keepdims=True)",
            lambda Z: np.exp(Z - Z.max(axis=0, keepdims=True)) / np.exp(Z - Z.max(axis=0, keepdims=True)).sum()),
)  # fmt: skip

COMPUTE_SOFTMAX_COST = (
    Mistake("the cost summed over the examples (no 1/m)",
            "take the mean over the m examples: divide the sum by m",
            lambda Y_hat, Y: float(-np.sum(Y * np.log(Y_hat)))),
    Mistake("the binary cross-entropy term (1 - Y) log(1 - Y_hat) added",
            "the softmax cost is -sum(Y * log(Y_hat)) / m only: the other classes enter through the softmax",
            lambda Y_hat, Y: float(-np.sum(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)) / Y.shape[1])),
    Mistake("the mean over all C * m entries",
            "sum over the classes, mean over the examples: divide by m = Y.shape[1] only",
            lambda Y_hat, Y: float(-np.mean(Y * np.log(Y_hat)))),
)  # fmt: skip

SOFTMAX_BACKWARD = (
    Mistake("dZ = Y - Y_hat (sign flipped)", "dZ = Y_hat - Y", lambda Y_hat, Y: Y - Y_hat),
    Mistake("dZ divided by m", "no 1/m in dZ: it is the gradient of m J, the 1/m goes into dW",
            lambda Y_hat, Y: (Y_hat - Y) / Y.shape[1]),
)  # fmt: skip
