"""Takes m = Y.shape[0], the number of tasks, instead of the number of examples."""

import numpy as np


def multitask_loss(Y, Y_hat):
    m = Y.shape[0]
    labeled = ~np.isnan(Y)
    y, y_hat = Y[labeled], Y_hat[labeled]
    return float(-np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)) / m)
