"""Returns the penalty's gradient alone in dW, dropping the plain gradient."""

import numpy as np


def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
    regularized = dict(gradients)
    for l in range(1, len(parameters) // 2 + 1):
        regularized["dW" + str(l)] = lambd / m * np.sign(parameters["W" + str(l)])
    return regularized
