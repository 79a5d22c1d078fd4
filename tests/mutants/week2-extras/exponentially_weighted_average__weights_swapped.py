"""Swaps the weights: v_t = (1 - beta) * v_(t-1) + beta * theta_t."""

import numpy as np


def exponentially_weighted_average(theta, beta):
    theta = np.asarray(theta, dtype=float)
    v = np.zeros_like(theta)
    v_prev = 0.0
    for i in range(theta.shape[0]):
        v_prev = (1 - beta) * v_prev + beta * theta[i]
        v[i] = v_prev
    return v
