"""Puts the same zero array in v and s, so an in-place update of one changes the other."""

import numpy as np


def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s
