r"""Known mistakes in the week 1 Initialization and Regularization functions, run
judge-side to name a wrong result (see :class:`grader.judge.judging.Mistake`).

Each ``gives`` takes the reference's arguments and returns what the mistaken
implementation would.  They are written from the formulas, not copied from student
code; ``tests/grader/test_week1_init_reg.py`` shows each differs from the reference.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake
from reference import regularization as ref
from reference.reg_helpers import compute_cost, relu, sigmoid

# --------------------------------------------------------------------------- initialization


def scaled_draws(layers_dims, scale, draw="randn"):
    r""":math:`W^{[l]} = G^{[l]} \cdot` ``scale(n_l, n_{l-1})``, drawn after seed 3 as the course does."""
    rng = np.random.RandomState(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        shape = (layers_dims[l], layers_dims[l - 1])
        draws = rng.randn(*shape) if draw == "randn" else rng.rand(*shape)
        parameters[f"W{l}"] = draws * scale(*shape)
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


RANDOM = (
    Mistake("np.random.rand (uniform on [0, 1)) instead of np.random.randn",
            "draw standard normal values: np.random.randn(layers_dims[l], layers_dims[l-1]) * 10",
            lambda dims: scaled_draws(dims, lambda n, n_prev: 10, draw="rand")),
)  # fmt: skip

HE = (
    Mistake("the Xavier scale sqrt(1 / n_{l-1})",
            "He initialization multiplies by np.sqrt(2 / layers_dims[l-1]), not 1 / layers_dims[l-1]",
            lambda dims: scaled_draws(dims, lambda n, n_prev: np.sqrt(1 / n_prev))),
    Mistake("the scale sqrt(2 / n_l) of the layer's own size",
            "scale by the size of the previous layer (the fan-in): np.sqrt(2 / layers_dims[l-1])",
            lambda dims: scaled_draws(dims, lambda n, n_prev: np.sqrt(2 / n))),
    Mistake("2 / n_{l-1} without the square root",
            "the scale is the square root: np.sqrt(2 / layers_dims[l-1])",
            lambda dims: scaled_draws(dims, lambda n, n_prev: 2 / n_prev)),
)  # fmt: skip

# --------------------------------------------------------------------------- L2 regularization


def _squares(parameters: dict, keys: tuple[str, ...]) -> float:
    return sum(np.sum(np.square(parameters[k])) for k in keys)


COST = (
    Mistake("lambd / m * (sum of squares), without the 1/2",
            "the penalty is lambd / (2 * m) times the sum of the squared weights",
            lambda A3, Y, p, lambd: compute_cost(A3, Y) + lambd / Y.shape[1] * _squares(p, ("W1", "W2", "W3"))),
    Mistake("a penalty that also sums the squared biases",
            "L2 regularization penalizes the weights W1, W2, W3 only, not b1, b2, b3",
            lambda A3, Y, p, lambd: compute_cost(A3, Y) + lambd / (2 * Y.shape[1]) * _squares(p, tuple(p))),
    Mistake("the square of each sum, np.sum(W)**2, instead of the sum of squares",
            "square first, then sum: np.sum(np.square(W1))",
            lambda A3, Y, p, lambd: compute_cost(A3, Y)
            + lambd / (2 * Y.shape[1]) * sum(np.sum(p[k]) ** 2 for k in ("W1", "W2", "W3"))),
)  # fmt: skip


def l2_backward_variant(X, Y, cache, lambd, *, weight=None, on_biases=False):
    r"""The L2 backward pass with the penalty gradient ``weight(lambd, m) * W`` (and, with
    ``on_biases``, the same added to ``db``)."""
    m = X.shape[1]
    grads = ref.backward_propagation_with_regularization(X, Y, cache, 0.0)
    parameters = {
        "W1": cache[2],
        "b1": cache[3],
        "W2": cache[6],
        "b2": cache[7],
        "W3": cache[10],
        "b3": cache[11],
    }
    factor = weight(lambd, m) if weight else lambd / m
    for key, value in parameters.items():
        if key.startswith("W") or on_biases:
            grads["d" + key] = grads["d" + key] + factor * value
    return grads


L2_BACKWARD = (
    Mistake("a penalty gradient of lambd / (2 m) * W",
            "the derivative of lambd / (2m) * W**2 is lambd / m * W",
            lambda *a: l2_backward_variant(*a, weight=lambda lambd, m: lambd / (2 * m))),
    Mistake("a penalty gradient of lambd * W, without dividing by m",
            "add lambd / m * W to each dW",
            lambda *a: l2_backward_variant(*a, weight=lambda lambd, m: lambd)),
    Mistake("the penalty gradient added to db as well",
            "the biases are not penalized: db1, db2, db3 are the plain gradients",
            lambda *a: l2_backward_variant(*a, on_biases=True)),
)  # fmt: skip

# --------------------------------------------------------------------------- dropout


def dropout_forward_variant(X, parameters, keep_prob=0.5, *, rescale=True, keep_above=False, reseed=False):
    r"""The dropout forward pass with one switch flipped: no ``/ keep_prob``; the mask
    :math:`U \ge p` (keeps ``1 - keep_prob``); or ``np.random.seed(1)`` again before ``D2``."""
    rng = np.random.RandomState(1)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    divisor = keep_prob if rescale else 1

    def mask(shape: tuple) -> np.ndarray:
        U = rng.rand(*shape)
        return ((U >= keep_prob) if keep_above else (U < keep_prob)).astype(int)

    Z1 = np.dot(W1, X) + b1
    D1 = mask(Z1.shape)
    A1 = relu(Z1) * D1 / divisor
    if reseed:
        rng = np.random.RandomState(1)
    Z2 = np.dot(W2, A1) + b2
    D2 = mask(Z2.shape)
    A2 = relu(Z2) * D2 / divisor
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


#: A wrong mask is named as a known mistake only when the masks have at least this many
#: units: on a network with one unit and one example, a coin flip matches any mistake.
MIN_MASK_UNITS = 12


def informative(variant):
    """``variant``, or ``None`` (which matches nothing) when the case draws too few mask units."""

    def gives(X, parameters, keep_prob=0.5):
        units = X.shape[1] * (parameters["W1"].shape[0] + parameters["W2"].shape[0])
        return variant(X, parameters, keep_prob) if units >= MIN_MASK_UNITS else None

    return gives


DROPOUT_FORWARD = (
    Mistake("dropout without dividing by keep_prob",
            "inverted dropout divides the kept activations by keep_prob: A1 = A1 * D1 / keep_prob",
            lambda *a: dropout_forward_variant(*a, rescale=False)),
    Mistake("the mask D >= keep_prob, which keeps 1 - keep_prob of the units",
            "keep a unit when its random number is below keep_prob: D1 = (D1 < keep_prob).astype(int)",
            informative(lambda *a: dropout_forward_variant(*a, keep_above=True))),
    Mistake("np.random.seed(1) called again before drawing D2",
            "seed once at the top of the function, then draw D1 and D2 from the same stream",
            informative(lambda *a: dropout_forward_variant(*a, reseed=True))),
)  # fmt: skip


def dropout_backward_variant(X, Y, cache, keep_prob, *, scale):
    """The dropout backward pass with ``dA * D * scale`` in place of ``dA * D / keep_prob``."""
    return ref.backward_propagation_with_dropout(X, Y, cache, 1 / scale)


DROPOUT_BACKWARD = (
    Mistake("masked gradients not divided by keep_prob",
            "the forward pass divided A1 and A2 by keep_prob, so divide dA1 and dA2 by keep_prob too",
            lambda X, Y, cache, keep_prob: dropout_backward_variant(X, Y, cache, keep_prob, scale=1.0)),
    Mistake("masked gradients multiplied by keep_prob instead of divided",
            "divide by keep_prob: dA1 = dA1 * D1 / keep_prob",
            lambda X, Y, cache, keep_prob: dropout_backward_variant(X, Y, cache, keep_prob, scale=keep_prob)),
)  # fmt: skip
