"""Penalizes the biases too: sums |p| over every entry of parameters."""

import numpy as np


def compute_l1_regularization_cost(parameters, lambd, m):
    return float(lambd / m * sum(np.sum(np.abs(p)) for p in parameters.values()))
