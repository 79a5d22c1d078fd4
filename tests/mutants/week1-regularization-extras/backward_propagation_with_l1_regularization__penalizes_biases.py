"""Adds lambd / m * sign(b) to every db too."""

import numpy as np


def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
    regularized = dict(gradients)
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            key = p + str(l)
            regularized["d" + key] = gradients["d" + key] + lambd / m * np.sign(parameters[key])
    return regularized
