"""Allocates v with np.zeros_like(theta), so an integer sequence gives truncated integer averages."""

import numpy as np


def exponentially_weighted_average(theta, beta):
    theta = np.asarray(theta)
    v = np.zeros_like(theta)
    v_prev = 0.0
    for i in range(theta.shape[0]):
        v_prev = beta * v_prev + (1 - beta) * theta[i]
        v[i] = v_prev
    return v
