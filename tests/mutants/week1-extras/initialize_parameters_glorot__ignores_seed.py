"""Always seeds its generator with 0, whatever seed it is given."""

import numpy as np


def initialize_parameters_glorot(layers_dims, seed=0):
    rng = np.random.default_rng(0)
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / (layers_dims[l - 1] + layers_dims[l]))
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
