"""Leaves the bias out: sigmoid(np.dot(phi, w))."""

import numpy as np


def verification_probability(f_i, f_j, w, b, distance="absolute"):
    if distance == "absolute":
        phi = np.abs(f_i - f_j)
    else:
        total = f_i + f_j
        phi = np.divide(np.square(f_i - f_j), total, out=np.zeros_like(total, dtype=float), where=total != 0)
    return 1 / (1 + np.exp(-np.dot(phi, w)))
