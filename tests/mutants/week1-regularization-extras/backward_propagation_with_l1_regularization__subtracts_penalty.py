"""Subtracts the penalty's gradient: dW - lambd / m * sign(W)."""

import numpy as np


def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
    regularized = dict(gradients)
    for l in range(1, len(parameters) // 2 + 1):
        regularized["dW" + str(l)] = gradients["dW" + str(l)] - lambd / m * np.sign(parameters["W" + str(l)])
    return regularized
