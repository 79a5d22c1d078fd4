"""Sums the weights themselves: np.sum(W) without np.abs."""

import numpy as np


def compute_l1_regularization_cost(parameters, lambd, m):
    L = len(parameters) // 2
    return float(lambd / m * sum(np.sum(parameters["W" + str(l)]) for l in range(1, L + 1)))
