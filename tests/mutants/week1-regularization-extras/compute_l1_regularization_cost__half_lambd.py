"""Keeps the L2 factor: lambd / (2m) * sum |W|."""

import numpy as np


def compute_l1_regularization_cost(parameters, lambd, m):
    L = len(parameters) // 2
    return float(lambd / (2 * m) * sum(np.sum(np.abs(parameters["W" + str(l)])) for l in range(1, L + 1)))
