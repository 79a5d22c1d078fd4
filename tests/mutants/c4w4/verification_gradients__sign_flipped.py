"""Uses y - y_hat: the gradients of -J."""

import numpy as np


def verification_gradients(f_i, f_j, y, w, b, distance="absolute"):
    m = y.shape[0]
    y_hat = verification_probability(f_i, f_j, w, b, distance)
    if distance == "absolute":
        phi = np.abs(f_i - f_j)
    else:
        total = f_i + f_j
        phi = np.divide(np.square(f_i - f_j), total, out=np.zeros_like(total, dtype=float), where=total != 0)
    return np.dot(phi.T, y - y_hat) / m, float(np.sum(y - y_hat) / m)
