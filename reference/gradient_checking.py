r"""Course 2 week 1 graded functions of "Gradient checking": the 1-D model J = theta * x,
its gradient check, and the N-dimensional gradient check of the 4-5-3-1 network, with the
Coursera signatures of 2021 and later.

A gradient check compares the gradient from backpropagation with the centred difference

.. math::

    \frac{\partial J}{\partial \theta_i} \approx
    \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2 \varepsilon}

whose error is :math:`O(\varepsilon^2)` (a one-sided difference's is :math:`O(\varepsilon)`),
through the relative difference
:math:`\lVert g - \tilde g \rVert_2 / (\lVert g \rVert_2 + \lVert \tilde g \rVert_2)`;
below ``THRESHOLD`` the backward pass is taken to be right.  ``gradient_check`` calls
``forward_propagation`` and ``backward_propagation``, and ``gradient_check_n`` calls the
course helpers ``forward_propagation_n``, ``dictionary_to_vector``,
``vector_to_dictionary`` and ``gradients_to_vector``, as globals, as the notebook does.
"""

import numpy as np

try:  # imported as reference.gradient_checking (the grader's judge and tests)
    from .gc_helpers import (
        dictionary_to_vector,
        forward_propagation_n,
        gradients_to_vector,
        vector_to_dictionary,
    )
except ImportError:  # run as a student's file next to the grader's gc_utils shim
    from gc_utils import (  # type: ignore[no-redef]  # the same names, another path
        dictionary_to_vector,
        forward_propagation_n,
        gradients_to_vector,
        vector_to_dictionary,
    )

THRESHOLD = 2e-7  # the notebook's verdict: below it, "Your backward propagation works perfectly fine!"


# GRADED FUNCTION: forward_propagation
def forward_propagation(x, theta):
    r"""The cost of the 1-D linear model.

    .. math::

        J(\theta) = \theta x

    Parameters
    ----------
    x : float
        The input.
    theta : float
        The model's only parameter.

    Returns
    -------
    J : float
    """
    # BEGIN SOLUTION
    J = theta * x
    # END SOLUTION
    return J


# GRADED FUNCTION: backward_propagation
def backward_propagation(x, theta):
    r"""The derivative of :func:`forward_propagation` with respect to ``theta``.

    .. math::

        \frac{\partial J}{\partial \theta} = \frac{\partial (\theta x)}{\partial \theta} = x

    Parameters
    ----------
    x : float
        The input.
    theta : float
        The parameter (the derivative does not depend on it).

    Returns
    -------
    dtheta : float
    """
    # BEGIN SOLUTION
    dtheta = x
    # END SOLUTION
    return dtheta


# GRADED FUNCTION: gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    r"""Check :func:`backward_propagation` against a centred difference of
    :func:`forward_propagation` (both called as globals).

    .. math::

        \tilde g = \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2 \varepsilon},
        \qquad g = \frac{\partial J}{\partial \theta}, \qquad
        \text{difference} = \frac{\lVert g - \tilde g \rVert_2}
                                 {\lVert g \rVert_2 + \lVert \tilde g \rVert_2}

    The difference is relative: it does not grow with the scale of ``x`` or ``theta``.
    For :math:`J = \theta x` the centred and one-sided quotients agree in exact arithmetic;
    only their rounding differs (which the course's expected values record).

    Parameters
    ----------
    x : float
        The input.
    theta : float
        The point where the gradient is checked.
    epsilon : float, default 1e-7
        The shift :math:`\varepsilon > 0`.
    print_msg : bool, default False
        Accepted for the 2021+ notebooks, which print a verdict when it is true; this
        implementation prints nothing (compare the result with ``THRESHOLD`` instead).

    Returns
    -------
    difference : float
        In [0, 1]; 1 when :math:`\tilde g = 0 \ne g`.
    """
    # BEGIN SOLUTION
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # END SOLUTION
    return difference


# GRADED FUNCTION: gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    r"""Check a backward pass's ``gradients`` against centred differences of the cost
    ``forward_propagation_n`` computes, one parameter at a time.

    With :math:`\theta` the 47 parameters rolled into a column (``dictionary_to_vector``)
    and :math:`e_i` the i-th unit vector, for :math:`i = 1, \dots, 47`:

    .. math::

        \tilde g_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}
                          {2 \varepsilon}, \qquad
        \text{difference} = \frac{\lVert g - \tilde g \rVert_2}
                                 {\lVert g \rVert_2 + \lVert \tilde g \rVert_2}

    where :math:`g` is ``gradients_to_vector(gradients)``.  Each shifted
    :math:`\theta` is a fresh copy: only entry :math:`i` differs from the parameters.

    Parameters
    ----------
    parameters : dict
        ``"W1"`` (5, 4), ``"b1"`` (5, 1), ``"W2"`` (3, 5), ``"b2"`` (3, 1), ``"W3"`` (1, 3),
        ``"b3"`` (1, 1): the 4-5-3-1 network.
    gradients : dict
        What a backward pass returned: ``"dW1"``, ``"db1"``, ... shaped like the parameters
        (other keys, such as ``"dZ3"``, are ignored).
    X : ndarray of shape (4, m)
        Inputs, one example per column.
    Y : ndarray of shape (1, m) or (m,)
        Labels 0 or 1.
    epsilon : float, default 1e-7
        The shift :math:`\varepsilon > 0`.
    print_msg : bool, default False
        Accepted for the 2021+ notebooks; this implementation prints nothing.

    Returns
    -------
    difference : float
        Below ``THRESHOLD`` (2e-7) for a correct backward pass, away from kinks of the ReLUs.
    """
    parameters_values, _ = dictionary_to_vector(parameters)  # (47, 1)
    grad = gradients_to_vector(gradients)  # (47, 1)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    # BEGIN SOLUTION
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # END SOLUTION
    return difference
