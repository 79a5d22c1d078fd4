"""Leaves the chi-square denominator out: (f_i - f_j)**2 alone."""

import numpy as np


def verification_probability(f_i, f_j, w, b, distance="absolute"):
    if distance == "absolute":
        phi = np.abs(f_i - f_j)
    else:
        phi = np.square(f_i - f_j)
    return 1 / (1 + np.exp(-(np.dot(phi, w) + b)))
