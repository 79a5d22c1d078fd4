"""Returns the plain error rate, ignoring the weights."""

import numpy as np


def weighted_error(y_true, y_pred, weights):
    return float(np.mean(y_pred != y_true))
