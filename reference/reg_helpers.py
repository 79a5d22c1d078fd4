r"""The 3-layer network helpers of the week 1 assignments, API-compatible with the
course's ``reg_utils.py`` ("Regularization") and ``init_utils.py`` ("Initialization"):
no plotting, no printing, no global seeding.

Numpy only: the grader copies this file into the student worker as the top-level module
``reg_helpers``, next to ``nn_helpers`` and ``moons``, so it imports nothing from
``reference``.  Where the course functions are the same as week 2's (``sigmoid``,
``relu``, ``forward_propagation``, ``predict``, ``predict_dec``, and init_utils'
``backward_propagation``), they are ``nn_helpers``' own; what differs is here:

* ``compute_cost`` is the *mean* cross-entropy (reg_utils ``compute_cost``, init_utils
  ``compute_loss``), with ``np.nansum`` as the course writes it;
* ``backward_propagation`` is reg_utils': keys ``dZ3, dW3, db3, dA2, ...`` (capitals) and
  ``dZ3 = A3 - Y``, the ``1/m`` going into ``dW`` and ``db``;
* ``initialize_parameters`` is reg_utils': ``np.random.seed(3)`` and
  ``randn / sqrt(n_{l-1})``;
* ``update_parameters`` (one gradient-descent step), which week 2's helpers lack;
* the data sets: init_utils' two circles, and a stand-in for reg_utils' football field.
"""

import numpy as np

try:  # as reference.reg_helpers
    from .nn_helpers import forward_propagation, predict, predict_dec, relu, sigmoid
except ImportError:  # as the top-level module reg_helpers, next to nn_helpers.py
    from nn_helpers import forward_propagation, predict, predict_dec, relu, sigmoid  # type: ignore[no-redef]  # the same names, another path

__all__ = [
    "backward_propagation",
    "compute_cost",
    "forward_propagation",
    "initialize_parameters",
    "load_2D_dataset",
    "load_circles",
    "make_circles",
    "predict",
    "predict_dec",
    "relu",
    "sigmoid",
    "update_parameters",
]


def initialize_parameters(layer_dims):
    r"""reg_utils' initialization, drawn as the course does (its ``np.random.seed(3)``).

    .. math::

        W^{[l]} \sim \mathcal{N}(0, 1)^{n_l \times n_{l-1}} / \sqrt{n_{l-1}}, \qquad
        b^{[l]} = 0 \in \mathbb{R}^{n_l \times 1}

    Parameters
    ----------
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``, ``n_0`` the input size.

    Returns
    -------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1), drawn
        layer by layer from ``np.random.RandomState(3)`` (the same stream as the course's
        ``np.random.seed(3)`` followed by ``np.random.randn``).
    """
    rng = np.random.RandomState(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def compute_cost(a3, Y):
    r"""Cross-entropy averaged over the examples (reg_utils ``compute_cost``).

    .. math::

        J = -\frac{1}{m} \sum_{i=1}^{m} \big( y^{(i)} \log a^{(i)}
            + (1 - y^{(i)}) \log(1 - a^{(i)}) \big)

    ``np.nansum`` as in the course: a term ``0 * log 0`` (a saturated output on the right
    side) counts as 0, while a saturated output on the wrong side gives ``inf``.

    Parameters
    ----------
    a3 : ndarray of shape (1, m)
        Output probabilities, in (0, 1).
    Y : ndarray of shape (1, m)
        Labels 0 or 1.

    Returns
    -------
    cost : numpy.float64
    """
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)  # (1, m)
    return 1.0 / m * np.nansum(logprobs)


def backward_propagation(X, Y, cache):
    r"""Gradients of the mean cross-entropy through LINEAR-RELU-LINEAR-RELU-LINEAR-SIGMOID
    (reg_utils ``backward_propagation``).

    .. math::

        dZ^{[3]} = A^{[3]} - Y, \quad
        dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]T}, \quad
        db^{[l]} = \tfrac{1}{m} \textstyle\sum_i dZ^{[l]}_{:,i}, \quad
        dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \quad
        dZ^{[l]} = dA^{[l]} \odot \mathbb{1}[A^{[l]} > 0]

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
    Y : ndarray of shape (1, m)
    cache : tuple
        ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`` from ``forward_propagation``.

    Returns
    -------
    gradients : dict
        ``dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1``.
    """
    m = X.shape[1]
    (_Z1, A1, _W1, _b1, _Z2, A2, W2, _b2, _Z3, A3, W3, _b3) = cache
    dZ3 = A3 - Y  # (1, m); the 1/m goes into dW3 and db3
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}  # fmt: skip


def update_parameters(parameters, grads, learning_rate):
    r"""One gradient-descent step, :math:`W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}`
    and the same for ``b``, for ``l = 1 .. len(parameters) // 2``; rebinds the keys of
    ``parameters`` and returns it."""
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads["d" + p + str(l)]
    return parameters


def make_circles(n_samples=100, noise=None, factor=0.8, rng=None):
    r"""A large circle containing a smaller one (class 0 outside, class 1 inside).

    scikit-learn's recipe step by step, as ``moons.make_moons`` does for the moons: angles
    :math:`2\pi k / n` (no endpoint), the inner circle scaled by ``factor``, one in-place
    shuffle of the indices, then :math:`\mathcal{N}(0, \text{noise}^2)` on every coordinate.

    Parameters
    ----------
    n_samples : int
        Number of points; ``n // 2`` on the outer circle, the rest inside.
    noise : float or None
    factor : float in [0, 1)
    rng : numpy.random.RandomState or Generator, optional

    Returns
    -------
    X : ndarray of shape (n_samples, 2); y : ndarray of shape (n_samples,), int
    """
    rng = np.random.default_rng() if rng is None else rng
    n_out = n_samples // 2
    n_in = n_samples - n_out
    angle_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)  # (n_out,)
    angle_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)  # (n_in,)
    X = np.vstack([np.append(np.cos(angle_out), factor * np.cos(angle_in)),
                   np.append(np.sin(angle_out), factor * np.sin(angle_in))]).T  # fmt: skip
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    order = np.arange(n_samples)
    rng.shuffle(order)
    X, y = X[order], y[order]
    if noise is not None:
        X = X + rng.normal(scale=noise, size=X.shape)
    return X, y


def load_circles():
    r"""init_utils ``load_dataset``: 300 training and 100 test points on two circles.

    The course draws them with ``np.random.seed(1)`` (train) and ``np.random.seed(2)``
    (test) and ``make_circles(noise=.05)``; here from ``RandomState(1)`` and ``RandomState(2)``.

    Returns
    -------
    train_X (2, 300), train_Y (1, 300), test_X (2, 100), test_Y (1, 100)
    """
    train_X, train_Y = make_circles(300, noise=0.05, rng=np.random.RandomState(1))
    test_X, test_Y = make_circles(100, noise=0.05, rng=np.random.RandomState(2))
    return train_X.T, train_Y.reshape((1, -1)), test_X.T, test_Y.reshape((1, -1))


def load_2D_dataset(seed=0):
    r"""A stand-in for reg_utils ``load_2D_dataset`` (which reads ``datasets/data.mat``).

    Not the course's points: 211 training and 200 test positions on the same part of
    the field (:math:`x_1 \in [-0.75, 0.4]`, :math:`x_2 \in [-0.75, 0.65]`), labelled 1
    above the diagonal :math:`x_2 = x_1` with 8% of the labels flipped, so a model can
    overfit the noise as in the notebook.

    Returns
    -------
    train_X (2, 211), train_Y (1, 211), test_X (2, 200), test_Y (1, 200)
    """
    rng = np.random.default_rng(seed)
    sets = []
    for m in (211, 200):
        X = np.vstack([rng.uniform(-0.75, 0.4, m), rng.uniform(-0.75, 0.65, m)])  # (2, m)
        Y = (X[1] > X[0]).astype(int)
        Y = np.where(rng.random(m) < 0.08, 1 - Y, Y).reshape((1, m))
        sets += [X, Y]
    return tuple(sets)
