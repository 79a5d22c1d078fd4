"""Starts the average at v_0 = theta_1 instead of 0, so there is no bias towards 0 at the start."""

import numpy as np


def exponentially_weighted_average(theta, beta):
    theta = np.asarray(theta, dtype=float)
    v = np.zeros_like(theta)
    v_prev = theta[0]
    for i in range(theta.shape[0]):
        v_prev = beta * v_prev + (1 - beta) * theta[i]
        v[i] = v_prev
    return v
