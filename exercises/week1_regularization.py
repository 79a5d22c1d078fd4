r"""Course 2 week 1: Regularization (L2 and dropout).

Course 2 week 1 "Regularization" graded functions: the L2-regularized cost and its
gradients, and inverted dropout forward and backward, for the course's 3-layer network
LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, with the Coursera signatures.

Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete
the `raise NotImplementedError` line), then run `grade week1-regularization` in this folder.

Generated from reference/regularization.py by `grade stubs`.
"""

import numpy as np

try:  # the course's helper module, imported as the notebooks do
    from reg_utils import compute_cost, relu, sigmoid
except ImportError:  # in this repository (reference.regularization): the same helpers
    from .reg_helpers import compute_cost, relu, sigmoid


# GRADED FUNCTION: compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    r"""Cross-entropy cost plus the L2 penalty on the weights (not the biases).

    .. math::

        J_{regularized} = \underbrace{-\frac{1}{m} \sum_{i=1}^{m} \big( y^{(i)} \log a^{[3](i)}
            + (1 - y^{(i)}) \log(1 - a^{[3](i)}) \big)}_{\text{compute\_cost(A3, Y)}}
            + \frac{\lambda}{2m} \sum_{l=1}^{3} \sum_{k,j} \big(W^{[l]}_{kj}\big)^2

    Parameters
    ----------
    A3 : ndarray of shape (1, m)
        Output of the forward pass, in (0, 1).
    Y : ndarray of shape (1, m)
        Labels 0 or 1.
    parameters : dict
        ``W1``, ``W2``, ``W3`` (and the biases, which are not penalized).
    lambd : float
        The regularization strength :math:`\lambda \ge 0` (``lambda`` is a Python keyword).

    Returns
    -------
    cost : float
        :math:`J_{regularized}`; with ``lambd = 0`` it is ``compute_cost(A3, Y)``.
    """
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)  # the mean cross-entropy
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    cost = cross_entropy_cost + L2_regularization_cost
    return cost


# GRADED FUNCTION: backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    r"""Backward pass of the 3-layer network for the L2-regularized cost.

    The plain gradients (see ``reg_utils.backward_propagation``), with the derivative of
    the penalty added to each weight gradient and nothing added to the biases:

    .. math::

        dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]},
        \qquad \frac{\partial}{\partial W} \Big( \frac{\lambda}{2m} W^2 \Big) = \frac{\lambda}{m} W

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
    Y : ndarray of shape (1, m)
    cache : tuple
        ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`` from ``forward_propagation``.
    lambd : float
        The regularization strength :math:`\lambda \ge 0`.

    Returns
    -------
    gradients : dict
        ``dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1``, each shaped like the
        quantity it is the gradient of.
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y  # (1, m); sigmoid + cross-entropy, the 1/m goes into dW3 and db3
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)  # (n_2, m)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))  # A2 = relu(Z2)
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)  # (n_1, m)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))  # A1 = relu(Z1)
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}  # fmt: skip


# GRADED FUNCTION: forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    r"""Forward pass with inverted dropout on the two hidden layers.

    For each hidden layer ``l = 1, 2``, with :math:`U^{[l]}` uniform on [0, 1) and shaped
    like :math:`A^{[l]}` (``D1`` drawn before ``D2``, from the stream seeded with 1):

    .. math::

        D^{[l]} = \mathbb{1}\big[U^{[l]} < p\big], \qquad
        A^{[l]} = \frac{\operatorname{relu}(Z^{[l]}) \odot D^{[l]}}{p}

    with :math:`p` = ``keep_prob``.  Each unit is kept with probability :math:`p` and the
    survivors are scaled by :math:`1/p`, so :math:`\mathbb{E}[A^{[l]}] =
    \operatorname{relu}(Z^{[l]})`; ``keep_prob = 1`` is the plain network.  No dropout on
    the input or the output.

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
    parameters : dict
        ``W1, b1, W2, b2, W3, b3`` as in the module docstring.
    keep_prob : float, default 0.5
        Probability :math:`p \in (0, 1]` of keeping a unit.

    Returns
    -------
    A3 : ndarray of shape (1, m)
        Output probabilities.
    cache : tuple
        ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``; the masks ``D1``
        (n_1, m) and ``D2`` (n_2, m) hold 0 and 1 (int), ``A1`` and ``A2`` are the
        dropped-out, rescaled activations.
    """
    rng = np.random.RandomState(1)  # Coursera: np.random.seed(1), then np.random.rand(...): same draws
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1  # (n_1, m)
    A1 = relu(Z1)
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    Z2 = np.dot(W2, A1) + b2  # (n_2, m)
    A2 = relu(Z2)
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    Z3 = np.dot(W3, A2) + b3  # (1, m)
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


# GRADED FUNCTION: backward_propagation_with_dropout
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    r"""Backward pass of ``forward_propagation_with_dropout``: the same masks, the same scale.

    Since :math:`A^{[l]} = \operatorname{relu}(Z^{[l]}) \odot D^{[l]} / p`, the gradient
    reaching :math:`\operatorname{relu}(Z^{[l]})` is masked and scaled alike:

    .. math::

        dA^{[l]} \leftarrow \frac{dA^{[l]} \odot D^{[l]}}{p}, \qquad
        dZ^{[l]} = dA^{[l]} \odot \mathbb{1}[A^{[l]} > 0]

    for ``l = 2`` then ``l = 1``, with ``D1``, ``D2`` the masks stored in ``cache`` (not
    new draws).  Everything else is the plain backward pass.

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
    Y : ndarray of shape (1, m)
    cache : tuple
        ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)`` from
        ``forward_propagation_with_dropout``; the masks may be bool, int or float 0/1.
    keep_prob : float
        The ``keep_prob`` of the forward pass.

    Returns
    -------
    gradients : dict
        ``dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1`` (``dA1``, ``dA2`` after
        masking and scaling).
    """
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y  # (1, m)
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)  # (n_2, m)
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)  # (n_1, m)
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}  # fmt: skip