"""Sums the squares of every parameter, the biases b1, b2, b3 included."""

import numpy as np


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    squares = sum(np.sum(np.square(value)) for value in parameters.values())
    return cross_entropy_cost + lambd / (2 * m) * squares
