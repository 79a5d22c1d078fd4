"""Divides by f_i + f_j everywhere: entries where both encodings are 0 give nan."""

import numpy as np


def verification_probability(f_i, f_j, w, b, distance="absolute"):
    if distance == "absolute":
        phi = np.abs(f_i - f_j)
    else:
        with np.errstate(all="ignore"):
            phi = np.square(f_i - f_j) / (f_i + f_j)
    return 1 / (1 + np.exp(-(np.dot(phi, w) + b)))
