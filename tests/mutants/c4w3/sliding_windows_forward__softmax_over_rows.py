"""Normalizes the softmax over the rows of positions (axis 1) instead of the classes."""

import numpy as np


def sliding_windows_forward(X, parameters):
    W1, n_C1 = parameters["W1"], parameters["W1"].shape[3]
    f = int(round(np.sqrt(parameters["W2"].shape[1] / n_C1)))
    same = {"stride": 1, "pad": 0}
    Z1, _ = conv_forward(X, W1, parameters["b1"], same)
    P1, _ = pool_forward(np.maximum(Z1, 0), {"f": 2, "stride": 2}, mode="max")
    W2, b2 = fc_to_conv(parameters["W2"], parameters["b2"], f, n_C1)
    A2 = np.maximum(conv_forward(P1, W2, b2, same)[0], 0)
    W3, b3 = fc_to_conv(parameters["W3"], parameters["b3"], 1, A2.shape[3])
    Z3, _ = conv_forward(A2, W3, b3, same)
    E = np.exp(Z3 - Z3.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
