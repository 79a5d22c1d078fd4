r"""Course 2 week 2 graded functions (gradient descent, mini-batches, momentum, Adam,
learning-rate decay) with the Coursera signatures and return values of 2021 and later.

``parameters`` holds ``"W1", "b1", ..., "WL", "bL"``; ``grads``, ``v``, ``s`` hold ``"dW1", "db1", ...``.
``L = len(parameters) // 2``, since the course's backward pass adds keys (``"dA1"``) to ``grads``.
Updates rebind the keys of the dicts passed in, as the course does.
"""

import math

import numpy as np


# GRADED FUNCTION: update_parameters_with_gd
def update_parameters_with_gd(parameters, grads, learning_rate):
    r"""Take one step of gradient descent.

    .. math::

        W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad
        b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}, \qquad l = 1, \dots, L

    Parameters
    ----------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1).
    grads : dict
        ``"dW" + str(l)``, ``"db" + str(l)`` shaped like ``W``, ``b``; other keys are ignored.
    learning_rate : float
        The step size :math:`\alpha`.

    Returns
    -------
    parameters : dict
        The dict passed in, its entries rebound to the updated arrays.
    """
    L = len(parameters) // 2  # number of layers; grads may hold extra keys
    # BEGIN SOLUTION
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = p + str(l)
            parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    # END SOLUTION
    return parameters


# GRADED FUNCTION: random_mini_batches
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    r"""Shuffle the examples (columns) of X and Y together and cut them into batches.

    With :math:`\pi` the permutation drawn from ``seed`` and :math:`B` the batch size,
    batch :math:`k = 0, 1, \dots` holds the columns

    .. math::

        \pi(kB), \dots, \pi\big(\min((k + 1) B, m) - 1\big)

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray of shape (1, m)
        Labels of the same examples.
    mini_batch_size : int, default 64
        Batch size :math:`B \ge 1`; ``m < B`` gives a single batch of all examples.
    seed : int, default 0
        Seed of the shuffle (the course passes a new one every epoch).

    Returns
    -------
    mini_batches : list of tuple (ndarray (n_x, B_k), ndarray (1, B_k))
        ``floor(m / B)`` batches of ``B`` examples, then, if ``m % B != 0``, one batch
        of the ``m % B`` left over. No batch is empty.
    """
    m = X.shape[1]  # number of examples
    # Coursera: np.random.seed(seed); permutation = list(np.random.permutation(m)).
    # RandomState(seed) draws the same permutation without touching the global state.
    permutation = np.random.RandomState(seed).permutation(m)  # (m,)
    shuffled_X = X[:, permutation]  # (n_x, m)
    shuffled_Y = Y[:, permutation].reshape((1, m))  # (1, m)
    # BEGIN SOLUTION
    mini_batches = []
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        batch = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        mini_batches.append((shuffled_X[:, batch], shuffled_Y[:, batch]))
    if m % mini_batch_size != 0:
        rest = slice(num_complete_minibatches * mini_batch_size, m)
        mini_batches.append((shuffled_X[:, rest], shuffled_Y[:, rest]))
    # END SOLUTION
    return mini_batches


# GRADED FUNCTION: initialize_velocity
def initialize_velocity(parameters):
    r"""Start the momentum velocity at zero.

    .. math::

        v_{dW^{[l]}} = 0, \qquad v_{db^{[l]}} = 0

    Parameters
    ----------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1).

    Returns
    -------
    v : dict
        ``"dW" + str(l)``, ``"db" + str(l)``: float zeros shaped like ``W``, ``b``.
    """
    L = len(parameters) // 2  # number of layers
    # BEGIN SOLUTION
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    # END SOLUTION
    return v


# GRADED FUNCTION: update_parameters_with_momentum
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    r"""Take one step of gradient descent with momentum.

    .. math::

        v_{dW} \leftarrow \beta\, v_{dW} + (1 - \beta)\, dW, \qquad
        W \leftarrow W - \alpha\, v_{dW}

    and the same for every ``W`` and ``b`` of layers 1..L. ``beta = 0`` is plain
    gradient descent.

    Parameters
    ----------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1).
    grads : dict
        ``"dW" + str(l)``, ``"db" + str(l)`` shaped like ``W``, ``b``; other keys are ignored.
    v : dict
        The velocity, same keys and shapes as the gradients.
    beta : float
        Momentum :math:`\beta \in [0, 1)`.
    learning_rate : float
        The step size :math:`\alpha`.

    Returns
    -------
    parameters, v : dict
        The dicts passed in, holding the updated parameters and velocity.
    """
    L = len(parameters) // 2  # number of layers; grads may hold extra keys
    # BEGIN SOLUTION
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key, dkey = p + str(l), "d" + p + str(l)
            v[dkey] = beta * v[dkey] + (1 - beta) * grads[dkey]
            parameters[key] = parameters[key] - learning_rate * v[dkey]
    # END SOLUTION
    return parameters, v


# GRADED FUNCTION: initialize_adam
def initialize_adam(parameters):
    r"""Start Adam's first and second moment estimates at zero.

    .. math::

        v_{dW^{[l]}} = s_{dW^{[l]}} = 0, \qquad v_{db^{[l]}} = s_{db^{[l]}} = 0

    Parameters
    ----------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1).

    Returns
    -------
    v : dict
        ``"dW" + str(l)``, ``"db" + str(l)``: float zeros shaped like ``W``, ``b``.
    s : dict
        Another dict of the same form; no array is shared with ``v``.
    """
    L = len(parameters) // 2  # number of layers
    # BEGIN SOLUTION
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            shape = parameters[p + str(l)].shape
            v["d" + p + str(l)] = np.zeros(shape)
            s["d" + p + str(l)] = np.zeros(shape)
    # END SOLUTION
    return v, s


# GRADED FUNCTION: update_parameters_with_adam
def update_parameters_with_adam(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    r"""Take Adam step number ``t`` (the first step is ``t = 1``).

    For every ``W`` and ``b`` of layers 1..L, elementwise, with :math:`\varepsilon`
    added outside the square root:

    .. math::

        v_{dW} &\leftarrow \beta_1 v_{dW} + (1 - \beta_1)\, dW, \qquad
            s_{dW} \leftarrow \beta_2 s_{dW} + (1 - \beta_2)\, dW^2 \\
        \hat v_{dW} &= v_{dW} / (1 - \beta_1^t), \qquad
            \hat s_{dW} = s_{dW} / (1 - \beta_2^t) \\
        W &\leftarrow W - \alpha\, \hat v_{dW} / (\sqrt{\hat s_{dW}} + \varepsilon)

    Parameters
    ----------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1).
    grads, v, s : dict
        Gradients ``"dW" + str(l)``, ``"db" + str(l)`` shaped like ``W``, ``b`` (other keys are
        ignored); first and second moment estimates, same keys and shapes.
    t : int
        Number of Adam steps taken including this one, ``t >= 1``.
    learning_rate, beta1, beta2, epsilon : float
        :math:`\alpha`; decay rates of the moments, in [0, 1); :math:`\varepsilon`.

    Returns
    -------
    parameters, v, s : dict
        The dicts passed in, holding the updated arrays (``v``, ``s`` uncorrected).
    v_corrected, s_corrected : dict
        New dicts of :math:`\hat v`, :math:`\hat s`, same keys and shapes as ``v``.
    """
    L = len(parameters) // 2  # number of layers; grads may hold extra keys
    # BEGIN SOLUTION
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key, dkey = p + str(l), "d" + p + str(l)
            v[dkey] = beta1 * v[dkey] + (1 - beta1) * grads[dkey]
            s[dkey] = beta2 * s[dkey] + (1 - beta2) * np.square(grads[dkey])
            v_corrected[dkey] = v[dkey] / (1 - beta1**t)
            s_corrected[dkey] = s[dkey] / (1 - beta2**t)
            step = v_corrected[dkey] / (np.sqrt(s_corrected[dkey]) + epsilon)
            parameters[key] = parameters[key] - learning_rate * step
    # END SOLUTION
    return parameters, v, s, v_corrected, s_corrected


# GRADED FUNCTION: update_lr
def update_lr(learning_rate0, epoch_num, decay_rate):
    r"""Decay the learning rate every epoch.

    .. math::

        \alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \cdot \text{epoch\_num}}

    Parameters
    ----------
    learning_rate0 : float
        The initial learning rate :math:`\alpha_0`.
    epoch_num : int
        The epoch, counted from 0 (which gives :math:`\alpha_0`).
    decay_rate : float
        Non-negative decay rate.

    Returns
    -------
    learning_rate : float
        The decayed learning rate :math:`\alpha`.
    """
    # BEGIN SOLUTION
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    # END SOLUTION
    return learning_rate


# GRADED FUNCTION: schedule_lr_decay
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    r"""Decay the learning rate once every ``time_interval`` epochs.

    .. math::

        \alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \cdot
            \lfloor \text{epoch\_num} / \text{time\_interval} \rfloor}

    Parameters
    ----------
    learning_rate0 : float
        The initial learning rate :math:`\alpha_0`.
    epoch_num : int
        The epoch, counted from 0.
    decay_rate : float
        Non-negative decay rate.
    time_interval : int, default 1000
        Number of epochs between two decays.

    Returns
    -------
    learning_rate : float
        The decayed learning rate :math:`\alpha`, constant within each interval.
    """
    # BEGIN SOLUTION
    decays = math.floor(epoch_num / time_interval)
    learning_rate = learning_rate0 / (1 + decay_rate * decays)
    # END SOLUTION
    return learning_rate
