"""Predicts from the previous hidden state a_prev instead of a_next."""

import numpy as np


def rnn_cell_forward(xt, a_prev, parameters):
    a_next = np.tanh(np.dot(parameters["Wax"], xt) + np.dot(parameters["Waa"], a_prev) + parameters["ba"])
    yt_pred = softmax(np.dot(parameters["Wya"], a_prev) + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)
