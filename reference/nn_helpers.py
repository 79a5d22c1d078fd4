r"""The 3-layer network helpers of the week 2 assignment, API-compatible with the
course's ``opt_utils_v1a.py`` (no plotting, no printing, no global seeding).

Numpy only: the grader copies this file into the student worker as the top-level
module ``nn_helpers``, next to ``moons.py``, so it imports nothing from ``reference``.
The network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID; examples are
columns.
"""

import numpy as np

try:  # as reference.nn_helpers
    from .moons import load_dataset
except ImportError:  # as the top-level module nn_helpers, next to moons.py
    from moons import load_dataset  # type: ignore[no-redef]  # the same names, another path

__all__ = [
    "backward_propagation",
    "compute_cost",
    "forward_propagation",
    "initialize_parameters",
    "load_dataset",
    "load_params_and_grads",
    "predict",
    "predict_dec",
    "relu",
    "sigmoid",
]


def sigmoid(x):
    r""":math:`\sigma(x) = 1 / (1 + e^{-x})`, elementwise on a scalar or array."""
    return 1 / (1 + np.exp(-x))


def relu(x):
    r""":math:`\max(0, x)`, elementwise on a scalar or array."""
    return np.maximum(0, x)


def load_params_and_grads(seed=1):
    r"""Random parameters and gradients of a 2-layer net, drawn as the course does.

    Draws ``W1`` (2, 3), ``b1`` (2, 1), ``W2`` (3, 3), ``b2`` (3, 1), then ``dW1``,
    ``db1``, ``dW2``, ``db2`` of the same shapes, in that order, from
    ``np.random.RandomState(seed)`` (the course: ``np.random.seed(seed)``).

    Returns
    -------
    W1, b1, W2, b2, dW1, db1, dW2, db2 : ndarray
    """
    rng = np.random.RandomState(seed)
    shapes = [(2, 3), (2, 1), (3, 3), (3, 1)] * 2
    return tuple(rng.randn(*shape) for shape in shapes)


def initialize_parameters(layer_dims):
    r"""He initialization, drawn as the course does (its ``np.random.seed(3)``).

    .. math::

        W^{[l]} \sim \mathcal{N}(0, 1)^{n_l \times n_{l-1}} \sqrt{2 / n_{l-1}},
        \qquad b^{[l]} = 0 \in \mathbb{R}^{n_l \times 1}

    Parameters
    ----------
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``, ``n_0`` the input size.

    Returns
    -------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1),
        drawn layer by layer from ``np.random.RandomState(3)``.
    """
    rng = np.random.RandomState(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        scale = np.sqrt(2 / layer_dims[l - 1])
        parameters["W" + str(l)] = rng.randn(layer_dims[l], layer_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def compute_cost(a3, Y):
    r"""Cross-entropy SUMMED over the examples (not averaged), as in opt_utils_v1a.

    .. math::

        J_{sum} = -\sum_{i=1}^{m} \big( y^{(i)} \log a^{(i)}
            + (1 - y^{(i)}) \log(1 - a^{(i)}) \big)

    The training loop adds it up over the mini-batches of an epoch and divides by m.
    An output of exactly 0 or 1 gives ``inf`` (and a numpy warning), as in the course.

    Parameters
    ----------
    a3 : ndarray of shape (1, m)
        Output probabilities, in (0, 1).
    Y : ndarray of shape (1, m)
        Labels 0 or 1.

    Returns
    -------
    cost_total : numpy.float64
    """
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return np.sum(logprobs)


def forward_propagation(X, parameters):
    r"""LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID.

    .. math::

        z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}, \quad a^{[0]} = X, \quad
        a^{[1,2]} = \max(0, z^{[1,2]}), \quad a^{[3]} = \sigma(z^{[3]})

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
        Inputs, one example per column.
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``, ``"W3"``, ``"b3"``; ``W_l`` of shape
        (n_l, n_{l-1}), ``b_l`` of shape (n_l, 1), ``n_3 = 1``.

    Returns
    -------
    a3 : ndarray of shape (1, m)
        Output probabilities.
    cache : tuple
        ``(z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)``.
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    z1 = np.dot(W1, X) + b1  # (n_1, m)
    a1 = relu(z1)
    z2 = np.dot(W2, a1) + b2  # (n_2, m)
    a2 = relu(z2)
    z3 = np.dot(W3, a2) + b3  # (1, m)
    a3 = sigmoid(z3)
    cache = (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)
    return a3, cache


def backward_propagation(X, Y, cache):
    r"""Gradients of the MEAN cross-entropy :math:`J_{sum} / m` of the forward pass.

    .. math::

        dz^{[3]} = (a^{[3]} - Y) / m, \quad
        dW^{[l]} = dz^{[l]} a^{[l-1]T}, \quad
        db^{[l]} = \textstyle\sum_i dz^{[l]}_{:,i}, \quad
        da^{[l-1]} = W^{[l]T} dz^{[l]}, \quad
        dz^{[l]} = da^{[l]} \odot \mathbb{1}[a^{[l]} > 0]

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
        Inputs of the forward pass.
    Y : ndarray of shape (1, m)
        Labels 0 or 1.
    cache : tuple
        The cache returned by :func:`forward_propagation`.

    Returns
    -------
    gradients : dict
        ``dz3, dW3, db3, da2, dz2, dW2, db2, da1, dz1, dW1, db1``, each shaped like
        the quantity it is the gradient of.
    """
    m = X.shape[1]
    (_z1, a1, _W1, _b1, _z2, a2, W2, _b2, _z3, a3, W3, _b3) = cache
    dz3 = (a3 - Y) / m  # sigmoid + cross-entropy, averaged over m: (1, m)
    dW3 = np.dot(dz3, a2.T)  # z3 = W3 a2 + b3
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = da2 * (a2 > 0)  # a2 = relu(z2)
    dW2 = np.dot(dz2, a1.T)  # z2 = W2 a1 + b2
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = da1 * (a1 > 0)  # a1 = relu(z1)
    dW1 = np.dot(dz1, X.T)  # z1 = W1 X + b1
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {
        "dz3": dz3,
        "dW3": dW3,
        "db3": db3,
        "da2": da2,
        "dz2": dz2,
        "dW2": dW2,
        "db2": db2,
        "da1": da1,
        "dz1": dz1,
        "dW1": dW1,
        "db1": db1,
    }


def predict(X, y, parameters):
    r"""0/1 predictions of the network (threshold 0.5).

    The course's version also printed ``"Accuracy: ..."``; this one prints nothing.
    ``y`` (labels of shape (1, m)) is accepted for signature compatibility only;
    compute the accuracy as ``np.mean(predict(X, y, parameters) == y)``.

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
    y : ndarray of shape (1, m)
    parameters : dict
        As for :func:`forward_propagation`.

    Returns
    -------
    p : ndarray of shape (1, m), int
        1 where :math:`a^{[3]} > 0.5`, else 0.
    """
    a3, _ = forward_propagation(X, parameters)
    return (a3 > 0.5).astype(int)


def predict_dec(parameters, X):
    r"""Boolean predictions ``a3 > 0.5``, shape (1, m), for decision-boundary plots.

    Parameters
    ----------
    parameters : dict
        As for :func:`forward_propagation`.
    X : ndarray of shape (n_0, m)
    """
    a3, _ = forward_propagation(X, parameters)
    return a3 > 0.5
