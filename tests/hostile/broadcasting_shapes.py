"""Returns arrays whose shapes only broadcast to the expected ones.

expect: update_parameters_with_gd failed
"""
import numpy as np


def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    out = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = p + str(l)
            value = parameters[key] - learning_rate * grads["d" + key]
            out[key] = value[:1] if value.shape[0] > 1 else value.reshape(1, *value.shape)
    return out
