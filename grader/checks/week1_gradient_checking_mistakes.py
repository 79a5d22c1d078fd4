r"""Known mistakes of the gradient checking assignment, run judge-side.

Two kinds of data live here:

* :data:`WRONG_BACKWARDS`: deliberately wrong backward passes of the 4-5-3-1 network (the
  notebook's own, with its two planted bugs, first).  The checks feed their gradients to
  the student's ``gradient_check_n``, which must then report a large difference.
* ``Mistake``\ s (see :class:`grader.judge.judging.Mistake`): wrong gradient checks, to name a
  student's wrong result.  They are written from the formulas, not copied from student
  code; ``tests/grader/test_mistakes.py``-style tests show each differs from the reference.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from grader.checks.coursera import week1_gradcheck_cases
from grader.checks.coursera.week1_gradcheck_cases import notebook_backward_propagation_n
from grader.judge.judging import Mistake
from reference.gc_helpers import (
    backward_propagation_n,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

# --------------------------------------------------------------------------- wrong backward passes


def _without_relu_derivative(X, Y, cache):
    r""":math:`dZ^{[1]} = dA^{[1]}`: the ReLU's derivative forgotten in layer 1."""
    m = X.shape[1]
    gradients = backward_propagation_n(X, Y, cache)
    dZ1 = gradients["dA1"]
    return {**gradients, "dZ1": dZ1, "dW1": 1.0 / m * np.dot(dZ1, X.T),
            "db1": 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)}  # fmt: skip


def _summed_not_averaged(X, Y, cache):
    r"""The gradient of :math:`\sum_i L^{(i)}`, not of the mean cost: every ``dW``, ``db`` times m."""
    m = X.shape[1]
    gradients = backward_propagation_n(X, Y, cache)
    return {k: v * m if k[:2] in ("dW", "db") else v for k, v in gradients.items()}


def _sigmoid_derivative_twice(X, Y, cache):
    r""":math:`dZ^{[3]} = (A^{[3]} - Y) \odot A^{[3]} (1 - A^{[3]})`: the sigmoid's derivative applied
    on top of the cross-entropy's, which already cancels it."""
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    Y = np.reshape(Y, A3.shape)
    # Feeding A3 - (A3 - Y) * A3 * (1 - A3) as "A3" makes the corrected pass use that dZ3.
    fake_A3 = Y + (A3 - Y) * A3 * (1 - A3)
    return backward_propagation_n(X, Y, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, fake_A3, W3, b3))


#: ``(description, backward(X, Y, cache) -> gradients)``: each gives wrong gradients for a
#: generic network; the last one is wrong for every network (``dZ3`` shrinks by at least 4).
WRONG_BACKWARDS: tuple[tuple[str, Callable], ...] = (
    ("the notebook's backward_propagation_n (dW2 doubled, db1 with 4/m)", notebook_backward_propagation_n),
    ("a backward pass without the ReLU derivative in layer 1", _without_relu_derivative),
    ("a backward pass of the summed cost (no 1/m)", _summed_not_averaged),
    ("a backward pass that multiplies dZ3 by the sigmoid's derivative", _sigmoid_derivative_twice),
)

# --------------------------------------------------------------------------- wrong gradient checks


def relative_difference(grad, gradapprox, formula: str = "relative"):
    r"""The course's :math:`\lVert g - \tilde g \rVert / (\lVert g \rVert + \lVert \tilde g \rVert)`,
    or a known wrong variant of it (``formula`` = ``"numerator"``, ``"grad-only"``,
    ``"norm-of-sum"``)."""
    numerator = np.linalg.norm(grad - gradapprox)
    if formula == "numerator":
        return numerator
    if formula == "grad-only":
        return numerator / np.linalg.norm(grad)
    if formula == "norm-of-sum":
        return numerator / np.linalg.norm(grad + gradapprox)
    return numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_variant(
    x,
    theta,
    epsilon=1e-7,
    print_msg=False,
    *,
    one_sided=False,
    formula="relative",
    grad_is_gradapprox=False,
    fixed_epsilon=False,
):
    r"""The 1-D check of :math:`J = \theta x` with one switch flipped: ``one_sided`` uses
    :math:`(J(\theta + \varepsilon) - J(\theta)) / \varepsilon`; ``grad_is_gradapprox``
    compares the approximation with itself; ``fixed_epsilon`` shifts by 1e-7 whatever
    ``epsilon`` is."""
    epsilon = 1e-7 if fixed_epsilon else epsilon
    J_plus = (theta + epsilon) * x
    if one_sided:
        gradapprox = (J_plus - theta * x) / epsilon
    else:
        gradapprox = (J_plus - (theta - epsilon) * x) / (2 * epsilon)
    grad = gradapprox if grad_is_gradapprox else x
    return relative_difference(grad, gradapprox, formula)


def gradient_check_n_variant(
    parameters,
    gradients,
    X,
    Y,
    epsilon=1e-7,
    print_msg=False,
    *,
    one_sided=False,
    copy=True,
    every_parameter=False,
    formula="relative",
    fixed_epsilon=False,
):
    r"""The N-dimensional check with one switch flipped: ``one_sided`` differences; no
    ``copy`` (``theta_plus`` *is* the parameter vector, so shifts accumulate);
    ``every_parameter`` shifted at once (:math:`\theta + \varepsilon \mathbf{1}`); a wrong
    ``formula`` (see :func:`relative_difference`); ``fixed_epsilon``: 1e-7 whatever ``epsilon`` is."""
    epsilon = 1e-7 if fixed_epsilon else epsilon
    values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(values)
    J = forward_propagation_n(X, Y, vector_to_dictionary(values))[0]
    for i in range(values.shape[0]):
        theta_plus = np.copy(values) if copy else values
        if every_parameter:
            theta_plus = theta_plus + epsilon
        else:
            theta_plus[i] = theta_plus[i] + epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))[0]
        theta_minus = np.copy(values) if copy else values
        if every_parameter:
            theta_minus = theta_minus - epsilon
        else:
            theta_minus[i] = theta_minus[i] - epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))[0]
        gradapprox[i] = (J_plus - J) / epsilon if one_sided else (J_plus - J_minus) / (2 * epsilon)
    return relative_difference(grad, gradapprox, formula)


GRADIENT_CHECK = (
    Mistake("a one-sided difference (J(theta + epsilon) - J(theta)) / epsilon",
            "use the centred difference: gradapprox = (J_plus - J_minus) / (2 * epsilon)",
            lambda *a: gradient_check_variant(*a, one_sided=True)),
    Mistake("the numerator alone, ||grad - gradapprox||",
            "divide by the denominator: difference = numerator / (||grad|| + ||gradapprox||)",
            lambda *a: gradient_check_variant(*a, formula="numerator")),
    Mistake("dividing by ||grad|| only",
            "the denominator is np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
            lambda *a: gradient_check_variant(*a, formula="grad-only")),
    Mistake("grad = gradapprox (comparing the approximation with itself)",
            "grad must come from backward_propagation(x, theta)",
            lambda *a: gradient_check_variant(*a, grad_is_gradapprox=True)),
    Mistake("a shift of 1e-7 whatever epsilon is",
            "shift by the epsilon argument: theta + epsilon, theta - epsilon, and divide by 2 * epsilon",
            lambda *a: gradient_check_variant(*a, fixed_epsilon=True),
            shows_on=((3.0, 1e10, 0.5),)),  # the official cases pass epsilon = 1e-7 itself
)  # fmt: skip

#: The official network with correct gradients (the second official call).
_CORRECT_NETWORK = week1_gradcheck_cases.gradient_check_n_case()["calls"][1]

GRADIENT_CHECK_N = (
    Mistake("a one-sided difference (J(theta + epsilon e_i) - J(theta)) / epsilon",
            "use the centred difference: gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)",
            lambda *a: gradient_check_n_variant(*a, one_sided=True)),
    Mistake("shifting without a copy (theta_plus = parameters_values), so the shifts pile up",
            "start each shift from a fresh copy: theta_plus = np.copy(parameters_values)",
            lambda *a: gradient_check_n_variant(*a, copy=False)),
    Mistake("shifting every parameter at once (theta_plus = parameters_values + epsilon)",
            "shift only entry i: theta_plus[i] = theta_plus[i] + epsilon",
            lambda *a: gradient_check_n_variant(*a, every_parameter=True)),
    Mistake("the numerator alone, ||grad - gradapprox||",
            "divide by the denominator: difference = numerator / (||grad|| + ||gradapprox||)",
            lambda *a: gradient_check_n_variant(*a, formula="numerator")),
    Mistake("dividing by ||grad + gradapprox||",
            "the denominator is np.linalg.norm(grad) + np.linalg.norm(gradapprox), two norms added",
            lambda *a: gradient_check_n_variant(*a, formula="norm-of-sum")),
    Mistake("a shift of 1e-7 whatever epsilon is",
            "shift by the epsilon argument and divide by 2 * epsilon",
            lambda *a: gradient_check_n_variant(*a, fixed_epsilon=True),
            shows_on=((*_CORRECT_NETWORK[:4], 1e-4),)),  # the official cases pass epsilon = 1e-7 itself
)  # fmt: skip
