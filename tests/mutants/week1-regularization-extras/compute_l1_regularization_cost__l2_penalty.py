"""Squares the weights with lambd / (2m): the L2 penalty, not L1."""

import numpy as np


def compute_l1_regularization_cost(parameters, lambd, m):
    L = len(parameters) // 2
    total = sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    return float(lambd / (2 * m) * total)
