"""Shifts theta by a hard-coded 1e-7 instead of the epsilon argument."""

import numpy as np


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + 1e-7)
    J_minus = forward_propagation(x, theta - 1e-7)
    gradapprox = (J_plus - J_minus) / (2 * 1e-7)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator
