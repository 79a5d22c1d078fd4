"""Normalizes the prediction over the rows (axis 1, the examples) instead of the columns."""

import numpy as np


def rnn_cell_forward(xt, a_prev, parameters):
    a_next = np.tanh(np.dot(parameters["Wax"], xt) + np.dot(parameters["Waa"], a_prev) + parameters["ba"])
    z = np.exp(np.dot(parameters["Wya"], a_next) + parameters["by"])
    yt_pred = z / np.sum(z, axis=1, keepdims=True)
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)
