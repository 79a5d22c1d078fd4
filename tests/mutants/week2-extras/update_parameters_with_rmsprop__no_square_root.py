"""Divides by s + epsilon instead of sqrt(s) + epsilon."""

import numpy as np


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key, dkey = p + str(l), "d" + p + str(l)
            s[dkey] = beta2 * s[dkey] + (1 - beta2) * np.square(grads[dkey])
            parameters[key] = parameters[key] - learning_rate * grads[dkey] / (s[dkey] + epsilon)
    return parameters, s
