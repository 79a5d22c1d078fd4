"""Sums the losses over the examples and forgets the 1/m."""

import numpy as np


def compute_softmax_cost(Y_hat, Y):
    return float(-np.sum(Y * np.log(Y_hat)))
