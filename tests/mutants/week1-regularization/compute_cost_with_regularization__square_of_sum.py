"""Squares each sum, np.square(np.sum(W)), instead of summing the squares."""

import numpy as np


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (
        lambd / (2 * m) * (np.square(np.sum(W1)) + np.square(np.sum(W2)) + np.square(np.sum(W3)))
    )
    return cross_entropy_cost + L2_regularization_cost
