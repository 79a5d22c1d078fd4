"""Returns only the dW entries: the db and the other gradients are dropped."""

import numpy as np


def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
    return {
        "dW" + str(l): gradients["dW" + str(l)] + lambd / m * np.sign(parameters["W" + str(l)])
        for l in range(1, len(parameters) // 2 + 1)
    }
