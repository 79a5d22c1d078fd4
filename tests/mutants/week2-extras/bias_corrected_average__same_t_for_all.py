"""Uses the last t = T for every value: v_t / (1 - beta**T)."""

import numpy as np


def bias_corrected_average(theta, beta):
    theta = np.asarray(theta, dtype=float)
    v = exponentially_weighted_average(theta, beta)  # the reference defines it
    T = theta.shape[0]
    return v / (1 - beta**T)
