"""Loops over range(L) with str(l), creating dW0 and missing the last layer."""

import numpy as np


def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(L):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l + 1)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l + 1)].shape)
    return v
