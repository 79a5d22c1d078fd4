r"""Known mistakes in course 4 week 4 (triplet loss, style transfer costs), run judge-side
to name a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`).
Written from the formulas, not copied from student code.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake


def _triplet(y_pred, alpha, axis=-1, sqrt=False, clip="each", reduce=np.sum, sign=1.0):
    anchor, positive, negative = (np.asarray(v, dtype=float) for v in y_pred)
    pos = np.sum(np.square(anchor - positive), axis=axis)
    neg = np.sum(np.square(anchor - negative), axis=axis)
    if sqrt:
        pos, neg = np.sqrt(pos), np.sqrt(neg)
    basic = pos - neg + sign * alpha
    if clip == "each":
        return float(reduce(np.maximum(basic, 0.0)))
    if clip == "after":
        return float(max(np.sum(basic), 0.0))
    return float(reduce(basic))


TRIPLET_LOSS = (
    Mistake("the mean over the batch instead of the sum",
            "sum over the examples: loss = np.sum(np.maximum(basic_loss, 0.0)), not np.mean",
            lambda y_true, y_pred, alpha=0.2: _triplet(y_pred, alpha, reduce=np.mean)),
    Mistake("distances summed over axis 0 (the examples) instead of the last axis",
            "sum the squared differences over the encoding: np.sum(..., axis=-1), one distance per example",
            lambda y_true, y_pred, alpha=0.2: _triplet(y_pred, alpha, axis=0)),
    Mistake("distances summed over every axis (one distance for the whole batch)",
            "sum over axis=-1 only, so each example has its own distance and its own max(., 0)",
            lambda y_true, y_pred, alpha=0.2: _triplet(y_pred, alpha, axis=None)),
    Mistake("the loss without max(., 0)",
            "clip each example's loss at zero: np.maximum(pos_dist - neg_dist + alpha, 0.0)",
            lambda y_true, y_pred, alpha=0.2: _triplet(y_pred, alpha, clip="none")),
    Mistake("max(., 0) taken after summing over the batch",
            "clip each example at zero first, then sum: np.sum(np.maximum(basic_loss, 0.0))",
            lambda y_true, y_pred, alpha=0.2: _triplet(y_pred, alpha, clip="after")),
    Mistake("Euclidean distances (square roots) instead of squared distances",
            "the triplet loss uses SQUARED distances: np.sum(np.square(anchor - positive), axis=-1), no np.sqrt",
            lambda y_true, y_pred, alpha=0.2: _triplet(y_pred, alpha, sqrt=True)),
    Mistake("alpha subtracted instead of added",
            "basic_loss = pos_dist - neg_dist + alpha",
            lambda y_true, y_pred, alpha=0.2: _triplet(y_pred, alpha, sign=-1.0)),
)  # fmt: skip


def comparison(f_i, f_j, distance, wrong="right"):
    """A pair's comparison phi (m, d), right, or the wrong one ``wrong`` names."""
    diff = f_i - f_j
    if distance == "absolute":
        return {"difference": diff, "square": np.square(diff)}.get(wrong, np.abs(diff))
    if wrong == "absolute":
        return np.abs(diff)
    total = f_i + f_j
    numerator = np.abs(diff) if wrong == "chi_unsquared" else np.square(diff)
    if wrong == "chi_no_denominator":
        return numerator
    return np.divide(numerator, total, out=np.zeros_like(total, dtype=float), where=total != 0)


def _probability(f_i, f_j, w, b, distance="absolute", wrong="right", link="sigmoid", bias=1.0):
    z = np.dot(comparison(f_i, f_j, distance, wrong), w) + bias * b
    return z if link == "none" else 1 / (1 + np.exp(-z))


VERIFICATION_PROBABILITY = (
    Mistake("the signed difference f_i - f_j without the absolute value",
            "compare with the element-wise absolute difference np.abs(f_i - f_j): it is symmetric",
            lambda f_i, f_j, w, b, distance="absolute": _probability(f_i, f_j, w, b, distance, "difference")),
    Mistake("the squared difference in place of the absolute one",
            "the absolute comparison is np.abs(f_i - f_j), not its square",
            lambda f_i, f_j, w, b, distance="absolute": _probability(f_i, f_j, w, b, distance, "square")),
    Mistake("the absolute difference whatever the distance (chi-square ignored)",
            "for distance='chi_square' use (f_i - f_j)**2 / (f_i + f_j)",
            lambda f_i, f_j, w, b, distance="absolute": _probability(f_i, f_j, w, b, distance, "absolute")),
    Mistake("chi-square without the denominator",
            "divide each squared difference by f_i + f_j",
            lambda f_i, f_j, w, b, distance="absolute": _probability(f_i, f_j, w, b, distance, "chi_no_denominator")),
    Mistake("chi-square with |f_i - f_j| in the numerator",
            "chi-square squares the difference: (f_i - f_j)**2 / (f_i + f_j)",
            lambda f_i, f_j, w, b, distance="absolute": _probability(f_i, f_j, w, b, distance, "chi_unsquared")),
    Mistake("the logit without the sigmoid",
            "y_hat = 1 / (1 + np.exp(-(np.dot(phi, w) + b))): a probability, in (0, 1)",
            lambda f_i, f_j, w, b, distance="absolute": _probability(f_i, f_j, w, b, distance, link="none")),
    Mistake("the bias left out",
            "add the bias inside the sigmoid: sigmoid(np.dot(phi, w) + b)",
            lambda f_i, f_j, w, b, distance="absolute": _probability(f_i, f_j, w, b, distance, bias=0.0)),
)  # fmt: skip


def _gradients(f_i, f_j, y, w, b, distance="absolute", wrong="right", scale=None, sign=1.0):
    m = y.shape[0]
    phi = comparison(f_i, f_j, distance, wrong)
    error = sign * (_probability(f_i, f_j, w, b, distance) - y)
    s = 1 / m if scale is None else scale
    db = float(np.sum(error) * s)
    return np.dot(phi.T, error) * s, db


VERIFICATION_GRADIENTS = (
    Mistake("no division by m (the gradient of the summed loss)",
            "the cost is the MEAN cross-entropy: dw = np.dot(phi.T, y_hat - y) / m, db = np.sum(y_hat - y) / m",
            lambda f_i, f_j, y, w, b, distance="absolute": _gradients(f_i, f_j, y, w, b, distance, scale=1.0)),
    Mistake("y - y_hat in place of y_hat - y (the gradient of -J)",
            "the derivative of the cross-entropy in the logit is y_hat - y",
            lambda f_i, f_j, y, w, b, distance="absolute": _gradients(f_i, f_j, y, w, b, distance, sign=-1.0)),
    Mistake("the signed difference f_i - f_j as the features",
            "the unit's input is phi = np.abs(f_i - f_j) (or chi-square): dw = np.dot(phi.T, y_hat - y) / m",
            lambda f_i, f_j, y, w, b, distance="absolute": _gradients(f_i, f_j, y, w, b, distance, "difference")),
    Mistake("the absolute difference as the features whatever the distance",
            "for distance='chi_square' the features are (f_i - f_j)**2 / (f_i + f_j)",
            lambda f_i, f_j, y, w, b, distance="absolute": _gradients(f_i, f_j, y, w, b, distance, "absolute")),
)  # fmt: skip


def _content(a_C, a_G, scale):
    _, n_H, n_W, n_C = a_G.shape
    return float(np.sum(np.square(a_C - a_G)) * scale(n_H, n_W, n_C))


CONTENT_COST = (
    Mistake("the cost without the 4 (a mean of the squares)",
            "divide by 4 * n_H * n_W * n_C",
            lambda a_C, a_G: _content(a_C, a_G, lambda h, w, c: 1 / (h * w * c))),
    Mistake("the cost without normalization",
            "divide the sum of squares by 4 * n_H * n_W * n_C",
            lambda a_C, a_G: _content(a_C, a_G, lambda h, w, c: 1.0)),
    Mistake("the square of the summed differences",
            "square each difference, then sum: np.sum(np.square(a_C - a_G))",
            lambda a_C, a_G: float(np.sum(a_C - a_G) ** 2 / (4 * a_G.size))),
)  # fmt: skip


GRAM_MATRIX = (
    Mistake("A^T A instead of A A^T",
            "the Gram matrix of the channels is np.dot(A, A.T), of shape (n_C, n_C)",
            lambda A: np.dot(A.T, A)),
    Mistake("A A^T divided by the number of columns",
            "no normalization here: GA = np.dot(A, A.T) (the style cost divides later)",
            lambda A: np.dot(A, A.T) / A.shape[1]),
)  # fmt: skip


def _layer_style(a_S, a_G, unroll, scale):
    _, n_H, n_W, n_C = a_G.shape
    S, G = unroll(a_S, n_H, n_W, n_C), unroll(a_G, n_H, n_W, n_C)
    return float(np.sum(np.square(S @ S.T - G @ G.T)) * scale(n_H * n_W, n_C))


def _right(a, h, w, c):
    return np.reshape(a, (h * w, c)).T


def _direct(a, h, w, c):
    return np.reshape(a, (c, h * w))


def _normalized(p, c):
    return 1 / (4 * c**2 * p**2)


#: Named so the pixel-shuffle check can say it.
DIRECT_RESHAPE = Mistake(
    "unrolling with a direct reshape to (n_C, n_H * n_W), which mixes channels and pixels",
    "reshape to (n_H * n_W, n_C) first, then transpose: np.reshape(a_S, (n_H * n_W, n_C)).T "
    "(channels-last data is stored pixel by pixel)",
    lambda a_S, a_G: _layer_style(a_S, a_G, _direct, _normalized),
)

LAYER_STYLE_COST = (
    DIRECT_RESHAPE,
    Mistake("the Gram matrices of the pixels (unrolled to (n_H * n_W, n_C) without the transpose)",
            "transpose after reshaping, so each ROW is a channel: np.reshape(a, (n_H * n_W, n_C)).T",
            lambda a_S, a_G: _layer_style(a_S, a_G, lambda a, h, w, c: np.reshape(a, (h * w, c)), _normalized)),
    Mistake("the normalization with (n_H * n_W) not squared",
            "divide by 4 * n_C**2 * (n_H * n_W)**2",
            lambda a_S, a_G: _layer_style(a_S, a_G, _right, lambda p, c: 1 / (4 * c**2 * p))),
    Mistake("the normalization without the 4",
            "divide by 4 * n_C**2 * (n_H * n_W)**2",
            lambda a_S, a_G: _layer_style(a_S, a_G, _right, lambda p, c: 1 / (c**2 * p**2))),
    Mistake("the cost without normalization",
            "divide the sum of squares by 4 * n_C**2 * (n_H * n_W)**2",
            lambda a_S, a_G: _layer_style(a_S, a_G, _right, lambda p, c: 1.0)),
)  # fmt: skip


TOTAL_COST = (
    Mistake("the weights swapped (alpha on the style, beta on the content)",
            "J = alpha * J_content + beta * J_style",
            lambda J_content, J_style, alpha=10, beta=40: alpha * J_style + beta * J_content),
    Mistake("the weights fixed at 10 and 40, whatever alpha and beta are given",
            "use the arguments: J = alpha * J_content + beta * J_style",
            lambda J_content, J_style, alpha=10, beta=40: 10 * J_content + 40 * J_style),
)  # fmt: skip
