"""Takes sign(0) as +1 with np.where(W >= 0, 1, -1): a zero weight is pushed."""

import numpy as np


def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
    regularized = dict(gradients)
    for l in range(1, len(parameters) // 2 + 1):
        W = parameters["W" + str(l)]
        regularized["dW" + str(l)] = gradients["dW" + str(l)] + lambd / m * np.where(W >= 0, 1.0, -1.0)
    return regularized
