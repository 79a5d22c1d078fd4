"""Uses |f_i - f_j| as the features whatever the distance."""

import numpy as np


def verification_gradients(f_i, f_j, y, w, b, distance="absolute"):
    m = y.shape[0]
    y_hat = verification_probability(f_i, f_j, w, b, distance)
    phi = np.abs(f_i - f_j)
    return np.dot(phi.T, y_hat - y) / m, float(np.sum(y_hat - y) / m)
