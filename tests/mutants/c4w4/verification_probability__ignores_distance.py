"""Always compares with |f_i - f_j|: the chi-square variant is ignored."""

import numpy as np


def verification_probability(f_i, f_j, w, b, distance="absolute"):
    phi = np.abs(f_i - f_j)
    return 1 / (1 + np.exp(-(np.dot(phi, w) + b)))
