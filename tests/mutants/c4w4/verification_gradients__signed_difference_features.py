"""Takes the features as f_i - f_j in the gradient, without the absolute value."""

import numpy as np


def verification_gradients(f_i, f_j, y, w, b, distance="absolute"):
    m = y.shape[0]
    y_hat = verification_probability(f_i, f_j, w, b, distance)
    if distance == "absolute":
        phi = f_i - f_j
    else:
        total = f_i + f_j
        phi = np.divide(np.square(f_i - f_j), total, out=np.zeros_like(total, dtype=float), where=total != 0)
    return np.dot(phi.T, y_hat - y) / m, float(np.sum(y_hat - y) / m)
