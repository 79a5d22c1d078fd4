"""Feeds the corrected value back into the recursion: v_t = beta * corrected v_(t-1) + (1 - beta) theta_t."""

import numpy as np


def bias_corrected_average(theta, beta):
    theta = np.asarray(theta, dtype=float)
    v_corrected = np.zeros_like(theta)
    v = 0.0
    for i in range(theta.shape[0]):
        v = beta * v + (1 - beta) * theta[i]
        v = v / (1 - beta ** (i + 1))
        v_corrected[i] = v
    return v_corrected
