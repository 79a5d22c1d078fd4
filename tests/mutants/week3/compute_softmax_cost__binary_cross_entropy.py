"""Adds the binary cross-entropy term (1 - Y) log(1 - Y_hat) of logistic regression."""

import numpy as np


def compute_softmax_cost(Y_hat, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)) / m)
