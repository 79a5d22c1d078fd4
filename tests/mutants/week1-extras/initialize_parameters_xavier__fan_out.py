"""Scales by the layer's own size n_l (the fan-out) instead of n_{l-1} (the fan-in)."""

import numpy as np


def initialize_parameters_xavier(layers_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(1 / layers_dims[l])
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
