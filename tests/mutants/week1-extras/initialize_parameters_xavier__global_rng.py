"""Draws from numpy's global generator (np.random.randn) and ignores the seed."""

import numpy as np


def initialize_parameters_xavier(layers_dims, seed=0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(
            1 / layers_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
