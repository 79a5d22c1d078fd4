"""Loops over range(1, L), so the last layer is never updated."""

import numpy as np


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L):
        for p in ("W", "b"):
            key, dkey = p + str(l), "d" + p + str(l)
            s[dkey] = beta2 * s[dkey] + (1 - beta2) * np.square(grads[dkey])
            parameters[key] = parameters[key] - learning_rate * grads[dkey] / (np.sqrt(s[dkey]) + epsilon)
    return parameters, s
