"""Makes the bias entries of shape (n_l,) instead of (n_l, 1)."""

import numpy as np


def initialize_rmsprop(parameters):
    L = len(parameters) // 2
    s = {}
    for l in range(1, L + 1):
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape[0])
    return s
