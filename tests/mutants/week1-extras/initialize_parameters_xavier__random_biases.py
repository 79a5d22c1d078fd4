"""Draws the biases at random like the weights instead of starting them at zero."""

import numpy as np


def initialize_parameters_xavier(layers_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(1 / layers_dims[l - 1])
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters["b" + str(l)] = rng.standard_normal((layers_dims[l], 1)) * scale
    return parameters
