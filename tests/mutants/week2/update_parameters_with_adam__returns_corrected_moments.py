"""Overwrites v and s with their bias-corrected values, so the next step starts from the wrong state."""

import numpy as np


def update_parameters_with_adam(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            v[k] = (beta1 * v[k] + (1 - beta1) * grads[k]) / (1 - beta1**t)
            s[k] = (beta2 * s[k] + (1 - beta2) * grads[k] ** 2) / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v[k] / (np.sqrt(s[k]) + epsilon)
    return parameters, v, s, v, s
