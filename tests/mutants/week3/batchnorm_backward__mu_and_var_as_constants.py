"""Treats mu and var as constants: dZ = gamma * dZ_tilde / sqrt(var + epsilon)."""

import numpy as np


def batchnorm_backward(dZ_tilde, cache):
    Z, Z_norm, mu, var, gamma, epsilon = cache
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ = gamma * dZ_tilde / np.sqrt(var + epsilon)
    return dZ, dgamma, dbeta
