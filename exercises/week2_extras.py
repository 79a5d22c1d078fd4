r"""Course 2 week 2, further: weighted averages, RMSprop, decay schedules.

Further course 2 week 2 algorithms from the lectures: exponentially weighted
averages with bias correction, RMSprop, and more learning-rate schedules.

Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete
the `raise NotImplementedError` line), then run `grade week2-extras` in this folder.

Generated from reference/optimization_extras.py by `grade stubs`.
"""

import math

import numpy as np


# GRADED FUNCTION: exponentially_weighted_average
def exponentially_weighted_average(theta, beta):
    r"""Exponentially weighted average of a sequence, without bias correction.

    .. math::

        v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1 - \beta)\, \theta_t,
        \quad t = 1, \dots, T

    so :math:`v_t = (1 - \beta) \sum_{i=1}^{t} \beta^{t-i} \theta_i`, roughly an
    average of the last :math:`1 / (1 - \beta)` values, biased towards 0 early on.

    Parameters
    ----------
    theta : array_like of shape (T,)
        The sequence :math:`\theta_1, \dots, \theta_T` (in the lecture, temperatures).
    beta : float
        Weight of the past, in [0, 1].

    Returns
    -------
    v : ndarray of shape (T,), float
        ``v[t - 1]`` is :math:`v_t`.
    """
    theta = np.asarray(theta, dtype=float)  # (T,)
    if theta.ndim != 1:
        raise ValueError(f"theta must have shape (T,), got shape {theta.shape}")
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return v


# GRADED FUNCTION: bias_corrected_average
def bias_corrected_average(theta, beta):
    r"""Exponentially weighted average with bias correction.

    .. math::

        \hat v_t = \frac{v_t}{1 - \beta^t}, \qquad t = 1, \dots, T

    with :math:`v_t` from :func:`exponentially_weighted_average`. The weights
    :math:`(1 - \beta) \beta^{t-i} / (1 - \beta^t)` sum to 1, so a constant
    sequence averages to itself from the first step.

    Parameters
    ----------
    theta : array_like of shape (T,)
        The sequence :math:`\theta_1, \dots, \theta_T`.
    beta : float
        Weight of the past, in [0, 1).

    Returns
    -------
    v_corrected : ndarray of shape (T,), float
        ``v_corrected[t - 1]`` is :math:`\hat v_t`.
    """
    theta = np.asarray(theta, dtype=float)  # (T,)
    if not 0 <= beta < 1:
        raise ValueError(f"bias correction needs 0 <= beta < 1, got beta={beta}")
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return v_corrected


# GRADED FUNCTION: initialize_rmsprop
def initialize_rmsprop(parameters):
    r"""Start RMSprop's average of squared gradients at zero.

    .. math::

        s_{dW^{[l]}} = 0, \qquad s_{db^{[l]}} = 0

    Parameters
    ----------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1).

    Returns
    -------
    s : dict
        ``"dW" + str(l)``, ``"db" + str(l)``: float zeros shaped like ``W``, ``b``.
    """
    L = len(parameters) // 2  # number of layers
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return s


# GRADED FUNCTION: update_parameters_with_rmsprop
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    r"""Take one step of RMSprop (no bias correction).

    For every ``W`` and ``b`` of layers 1..L, elementwise:

    .. math::

        s_{dW} \leftarrow \beta_2 s_{dW} + (1 - \beta_2)\, dW^2, \qquad
        W \leftarrow W - \alpha\, \frac{dW}{\sqrt{s_{dW}} + \varepsilon}

    Parameters
    ----------
    parameters : dict
        ``"W" + str(l)`` of shape (n_l, n_{l-1}), ``"b" + str(l)`` of shape (n_l, 1).
    grads : dict
        ``"dW" + str(l)``, ``"db" + str(l)`` shaped like ``W``, ``b``; other keys are ignored.
    s : dict
        Average of squared gradients, same keys and shapes as the gradients.
    beta2 : float
        Decay rate of the average, in [0, 1).
    learning_rate : float
        The step size :math:`\alpha`.
    epsilon : float, default 1e-8
        Keeps the division finite; added outside the square root.

    Returns
    -------
    parameters, s : dict
        The dicts passed in, holding the updated parameters and averages.
    """
    L = len(parameters) // 2  # number of layers; grads may hold extra keys
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return parameters, s


# GRADED FUNCTION: update_lr_exponential
def update_lr_exponential(learning_rate0, epoch_num, base=0.95):
    r"""Exponential learning-rate decay.

    .. math::

        \alpha = \alpha_0 \cdot \text{base}^{\,\text{epoch\_num}}

    Parameters
    ----------
    learning_rate0 : float
        The initial learning rate :math:`\alpha_0`.
    epoch_num : int
        The epoch, counted from 0 (which gives :math:`\alpha_0`).
    base : float, default 0.95
        Factor applied every epoch, in (0, 1].

    Returns
    -------
    learning_rate : float
        The decayed learning rate :math:`\alpha`.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return learning_rate


# GRADED FUNCTION: update_lr_inverse_sqrt
def update_lr_inverse_sqrt(learning_rate0, epoch_num, k=1.0):
    r"""Learning rate proportional to the inverse square root of the epoch.

    .. math::

        \alpha = \frac{k}{\sqrt{\text{epoch\_num}}}\, \alpha_0

    Parameters
    ----------
    learning_rate0 : float
        The initial learning rate :math:`\alpha_0`.
    epoch_num : int
        The epoch, counted from 1 here: ``epoch_num >= 1`` (0 would divide by 0).
    k : float, default 1.0
        Positive constant.

    Returns
    -------
    learning_rate : float
        The decayed learning rate :math:`\alpha`.
    """
    if epoch_num < 1:
        raise ValueError(f"epoch_num must be >= 1, got {epoch_num}")
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return learning_rate


# GRADED FUNCTION: update_lr_staircase
def update_lr_staircase(learning_rate0, epoch_num, drop=0.5, epochs_per_drop=10):
    r"""Discrete staircase decay: multiply by ``drop`` every ``epochs_per_drop`` epochs.

    .. math::

        \alpha = \alpha_0 \cdot \text{drop}^{\,\lfloor \text{epoch\_num} /
            \text{epochs\_per\_drop} \rfloor}

    Parameters
    ----------
    learning_rate0 : float
        The initial learning rate :math:`\alpha_0`.
    epoch_num : int
        The epoch, counted from 0.
    drop : float, default 0.5
        Factor applied at each drop, in (0, 1].
    epochs_per_drop : int, default 10
        Number of epochs between two drops, ``>= 1``.

    Returns
    -------
    learning_rate : float
        The decayed learning rate :math:`\alpha`, constant between drops.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return learning_rate