"""Puts epsilon inside the square root: sqrt(s_corrected + epsilon)."""

import numpy as np


def update_parameters_with_adam(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            v[k] = beta1 * v[k] + (1 - beta1) * grads[k]
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(grads[k])
            v_corrected[k] = v[k] / (1 - beta1**t)
            s_corrected[k] = s[k] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[k] / np.sqrt(
                s_corrected[k] + epsilon
            )
    return parameters, v, s, v_corrected, s_corrected
