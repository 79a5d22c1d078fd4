"""Appends each v_t to a Python list and returns the list, not an array of shape (T,)."""

import numpy as np


def exponentially_weighted_average(theta, beta):
    theta = np.asarray(theta, dtype=float)
    v = []
    v_prev = 0.0
    for i in range(theta.shape[0]):
        v_prev = beta * v_prev + (1 - beta) * theta[i]
        v.append(float(v_prev))
    return v
