"""Computes J = theta * x and its gradient x inline instead of calling forward_propagation and backward_propagation: it checks nothing."""

import numpy as np


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus, J_minus = (theta + epsilon) * x, (theta - epsilon) * x
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
