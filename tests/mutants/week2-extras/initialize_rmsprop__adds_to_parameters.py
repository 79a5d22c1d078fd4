"""Writes the zeros into the parameters dict and returns it, so s also holds W1, b1, ..."""

import numpy as np


def initialize_rmsprop(parameters):
    L = len(parameters) // 2
    s = parameters
    for l in range(1, L + 1):
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return s
