"""Forgets gamma in dZ_norm: uses dZ_tilde where gamma * dZ_tilde belongs."""

import numpy as np


def batchnorm_backward(dZ_tilde, cache):
    Z, Z_norm, mu, var, gamma, epsilon = cache
    m = Z.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = dZ_tilde
    dZ = (
        m * dZ_norm
        - np.sum(dZ_norm, axis=1, keepdims=True)
        - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
    ) / (m * np.sqrt(var + epsilon))
    return dZ, dgamma, dbeta
