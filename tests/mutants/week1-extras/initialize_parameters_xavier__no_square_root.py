"""Multiplies by 1 / n_{l-1} instead of its square root, so the variance is 1 / n_{l-1}**2."""

import numpy as np


def initialize_parameters_xavier(layers_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = (
            rng.standard_normal((layers_dims[l], layers_dims[l - 1])) / layers_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
