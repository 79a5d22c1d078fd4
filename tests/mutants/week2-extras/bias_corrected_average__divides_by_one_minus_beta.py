"""Divides every v_t by 1 - beta instead of 1 - beta**t."""

import numpy as np


def bias_corrected_average(theta, beta):
    theta = np.asarray(theta, dtype=float)
    v = exponentially_weighted_average(theta, beta)  # the reference defines it
    return v / (1 - beta)
