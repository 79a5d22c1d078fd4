"""Stores the zeros under the parameters' names "W1", "b1" instead of "dW1", "db1"."""

import numpy as np


def initialize_rmsprop(parameters):
    L = len(parameters) // 2
    s = {}
    for l in range(1, L + 1):
        s["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return s
