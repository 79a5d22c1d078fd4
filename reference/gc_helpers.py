r"""The helpers of the gradient checking assignment (course 2 week 1), API-compatible with
the course's ``gc_utils.py``, plus the 3-layer network its notebook gives.

``gc_utils.py`` defines ``sigmoid``, ``relu``, ``dictionary_to_vector``,
``vector_to_dictionary`` and ``gradients_to_vector``; the notebook itself defines
``forward_propagation_n`` and ``backward_propagation_n``.  The network is fixed:
LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with layer sizes 4-5-3-1, so
:math:`\theta` has 47 entries, always rolled in the order W1, b1, W2, b2, W3, b3.

The notebook's ``backward_propagation_n`` has two deliberate bugs for the student to find
(``dW2`` twice too large, ``db1`` four times); :func:`backward_propagation_n` here is the
corrected one.  The buggy one lives with the checks, as data
(``grader/checks/week1_gradient_checking_mistakes.py``).

Numpy only: the grader copies this file into the student worker as the top-level module
``gc_helpers`` (next to ``nn_helpers``), where ``grader/boundary/shims/gc_utils.py`` re-exports it.
"""

import numpy as np

try:  # as reference.gc_helpers
    from .nn_helpers import relu, sigmoid
except ImportError:  # as the top-level module gc_helpers, next to nn_helpers.py
    from nn_helpers import relu, sigmoid  # type: ignore[no-redef]  # the same names, another path

__all__ = [
    "LAYER_SIZES",
    "PARAMETER_KEYS",
    "PARAMETER_SHAPES",
    "backward_propagation_n",
    "dictionary_to_vector",
    "forward_propagation_n",
    "gradients_to_vector",
    "relu",
    "sigmoid",
    "vector_to_dictionary",
]

LAYER_SIZES = (4, 5, 3, 1)  # n_0 .. n_3
PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")  # the order of theta
PARAMETER_SHAPES = {
    f"{p}{l}": (LAYER_SIZES[l], LAYER_SIZES[l - 1]) if p == "W" else (LAYER_SIZES[l], 1)
    for l in (1, 2, 3)
    for p in ("W", "b")
}


def dictionary_to_vector(parameters):
    r"""Roll ``W1, b1, W2, b2, W3, b3`` into one column :math:`\theta`, as ``gc_utils`` does.

    Each array is flattened in C order (row by row) and the pieces are stacked in that
    key order, so ``theta[:20]`` is ``W1``, ``theta[20:25]`` is ``b1``, and so on.

    Parameters
    ----------
    parameters : dict
        ``"W1"`` (5, 4), ``"b1"`` (5, 1), ``"W2"`` (3, 5), ``"b2"`` (3, 1), ``"W3"`` (1, 3),
        ``"b3"`` (1, 1); other keys are ignored.

    Returns
    -------
    theta : ndarray of shape (47, 1)
        A new array.
    keys : list of str
        47 entries: the key each entry of ``theta`` came from (``["W1"] * 20 + ...``).
    """
    pieces = [np.reshape(parameters[key], (-1, 1)) for key in PARAMETER_KEYS]
    keys = [key for key, piece in zip(PARAMETER_KEYS, pieces, strict=True) for _ in range(piece.shape[0])]
    return np.concatenate(pieces, axis=0), keys


def vector_to_dictionary(theta):
    r"""Unroll :math:`\theta` into the parameter dict; the inverse of :func:`dictionary_to_vector`.

    The shapes are those of the 4-5-3-1 network, hard-coded as in ``gc_utils``.

    Parameters
    ----------
    theta : ndarray of shape (47, 1)

    Returns
    -------
    parameters : dict
        ``"W1"`` (5, 4), ``"b1"`` (5, 1), ``"W2"`` (3, 5), ``"b2"`` (3, 1), ``"W3"`` (1, 3),
        ``"b3"`` (1, 1): reshaped slices of ``theta`` (views, as in the course).
    """
    parameters, start = {}, 0
    for key in PARAMETER_KEYS:
        rows, columns = PARAMETER_SHAPES[key]
        parameters[key] = theta[start : start + rows * columns].reshape((rows, columns))
        start += rows * columns
    return parameters


def gradients_to_vector(gradients):
    r"""Roll ``dW1, db1, dW2, db2, dW3, db3`` into one column, in the order of :math:`\theta`.

    Parameters
    ----------
    gradients : dict
        ``"dW1"``, ``"db1"``, ... shaped like the parameters; other keys (``"dZ3"``,
        ``"dA2"``, ...) are ignored.

    Returns
    -------
    grad : ndarray of shape (47, 1)
    """
    return np.concatenate([np.reshape(gradients["d" + key], (-1, 1)) for key in PARAMETER_KEYS], axis=0)


def forward_propagation_n(X, Y, parameters):
    r"""The notebook's forward pass and MEAN cross-entropy cost.

    .. math::

        Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \quad A^{[0]} = X, \quad
        A^{[1,2]} = \max(0, Z^{[1,2]}), \quad A^{[3]} = \sigma(Z^{[3]}) \\
        J = -\frac{1}{m} \sum_{i=1}^{m} \big( y^{(i)} \log a^{[3](i)}
            + (1 - y^{(i)}) \log(1 - a^{[3](i)}) \big)

    Written operation for operation as in the notebook, so that the rounding (which
    dominates a gradient check with :math:`\varepsilon = 10^{-7}`) is the course's.

    Parameters
    ----------
    X : ndarray of shape (4, m)
        Inputs, one example per column.
    Y : ndarray of shape (1, m) or (m,)
        Labels 0 or 1 (the course's test case passes ``np.array([1, 1, 0])``).
    parameters : dict
        As for :func:`dictionary_to_vector`.

    Returns
    -------
    cost : numpy.float64
    cache : tuple
        ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``.
    """
    m = X.shape[1]
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1  # (5, m)
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2  # (3, m)
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3  # (1, m)
    A3 = sigmoid(Z3)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)  # (1, m)
    cost = 1.0 / m * np.sum(log_probs)
    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return cost, cache


def backward_propagation_n(X, Y, cache):
    r"""Gradients of :func:`forward_propagation_n`'s cost: the notebook's code with its two
    planted bugs fixed (``dW2`` without the factor 2, ``db1`` with ``1/m`` instead of ``4/m``).

    .. math::

        dZ^{[3]} = A^{[3]} - Y, \quad
        dW^{[l]} = \tfrac{1}{m}\, dZ^{[l]} A^{[l-1]T}, \quad
        db^{[l]} = \tfrac{1}{m} \textstyle\sum_i dZ^{[l]}_{:,i}, \quad
        dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \quad
        dZ^{[l]} = dA^{[l]} \odot \mathbb{1}[A^{[l]} > 0]

    Parameters
    ----------
    X : ndarray of shape (4, m)
    Y : ndarray of shape (1, m) or (m,)
    cache : tuple
        The cache returned by :func:`forward_propagation_n`.

    Returns
    -------
    gradients : dict
        ``dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1``, each shaped like the
        quantity it is the gradient of.
    """
    m = X.shape[1]
    (_Z1, A1, _W1, _b1, _Z2, A2, W2, _b2, _Z3, A3, W3, _b3) = cache
    dZ3 = A3 - Y  # sigmoid + cross-entropy: (1, m)
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)  # Z3 = W3 A2 + b3
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))  # A2 = relu(Z2)
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)  # Z2 = W2 A1 + b2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))  # A1 = relu(Z1)
    dW1 = 1.0 / m * np.dot(dZ1, X.T)  # Z1 = W1 X + b1
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {
        "dZ3": dZ3,
        "dW3": dW3,
        "db3": db3,
        "dA2": dA2,
        "dZ2": dZ2,
        "dW2": dW2,
        "db2": db2,
        "dA1": dA1,
        "dZ1": dZ1,
        "dW1": dW1,
        "db1": db1,
    }
