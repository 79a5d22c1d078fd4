"""Loops over range(1, L): the last layer's weights are not penalized."""

import numpy as np


def compute_l1_regularization_cost(parameters, lambd, m):
    L = len(parameters) // 2
    return float(lambd / m * sum(np.sum(np.abs(parameters["W" + str(l)])) for l in range(1, L)))
